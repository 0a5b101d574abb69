use integra_core::demo::{generate, DemoParams};
use std::collections::HashMap;
#[test]
fn diag() {
    for seed in [2026u64] {
    let p = DemoParams { seed, ..DemoParams::default() };
    let d = generate(&p);
    let mut worst = Vec::new();
    for f in d.files.iter().filter(|f| !f.name.starts_with("Контекст")) {
        let txt = String::from_utf8(f.bytes.clone()).unwrap();
        let mut g: HashMap<String, usize> = HashMap::new();
        let mut dist = vec![0usize; 6];
        let mut full = 0usize; let mut maxt = 0usize; let mut tots = Vec::new();
        for l in txt.lines().skip(1) {
            let v: Vec<&str> = l.split(';').collect();
            if v[4] == "отсутствовал" { continue; }
            dist[v[v.len()-1].parse::<usize>().unwrap()] += 1;
            let t: usize = v[v.len()-2].parse().unwrap(); tots.push(t); if t > maxt { maxt = t; }
            let key = format!("{} {} {}", v[0], v[1], v[6..v.len()-1].join(","));
            *g.entry(key).or_default() += 1;
        }
        let n: usize = dist.iter().sum();
        full = tots.iter().filter(|&&t| t == maxt).count();
        eprint!("full {:.1}% ", full as f64 * 100.0 / n as f64);
        eprintln!("{} marks 2..5: {:?}", f.name, dist[2..].iter().map(|x| (*x as f64 * 100.0 / n as f64).round()).collect::<Vec<_>>());
        for (k, c) in g { if c >= 3 { worst.push((c, f.name.clone(), k)); } }
    }
    worst.sort();
    for w in worst.iter().rev().take(15) { eprintln!("{w:?}"); }
    }
}
