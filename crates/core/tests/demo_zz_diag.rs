use integra_core::demo::{generate, DemoParams, catalogue};
#[test]
fn diag() {
    let seed: u64 = std::env::var("S").unwrap().parse().unwrap();
    let sc = std::env::var("SC").unwrap();
    let file = std::env::var("F").unwrap();
    let p = DemoParams { seed, ..DemoParams::default() };
    let d = generate(&p);
    let f = d.files.iter().find(|f| f.name == file).unwrap();
    let txt = String::from_utf8(f.bytes.clone()).unwrap();
    let cat = catalogue(&p); let c = cat.iter().find(|c| c.file == f.name).unwrap();
    eprintln!("scale {:?}", c.scale);
    let mut h = vec![0; 46];
    let mut hd = vec![0; 46];
    for l in txt.lines().skip(1) {
        let v: Vec<&str> = l.split(';').collect();
        if let Ok(t) = v[v.len()-2].parse::<usize>() { hd[t] += 1; if v[0] == sc { h[t] += 1; } }
    }
    eprintln!("{sc}: {:?}", h);
    eprintln!("district: {:?}", hd);
}
