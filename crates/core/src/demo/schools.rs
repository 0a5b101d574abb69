//! Schools of the demo district: login, name, type, in-depth subject, a latent advantage and
//! the social-passport shares that follow from it, and the school's effect on results.

use super::rng::{below, normal, shuffle, sigmoid, stream, uniform, DemoRng};

/// Type of a school (`тип ОО` in the context file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SchoolType {
    Sosh,
    Lyceum,
    Gymnasium,
    InDepth,
}

impl SchoolType {
    pub(crate) fn label(self) -> &'static str {
        match self {
            SchoolType::Sosh => "СОШ",
            SchoolType::Lyceum => "лицей",
            SchoolType::Gymnasium => "гимназия",
            SchoolType::InDepth => "СОШ с углублённым изучением",
        }
    }
}

/// Social-passport columns of the context file, in order (header text, in %).
pub(crate) const CONTEXT_COLUMNS: [&str; 6] = [
    "доля семей с высшим образованием обоих родителей (%)",
    "доля неполных семей (%)",
    "доля малоимущих семей (%)",
    "доля обучающихся на профилактическом учёте (%)",
    "доля обучающихся с неродным русским языком (%)",
    "доля обучающихся с ОВЗ (%)",
];

/// One school.
#[derive(Debug, Clone)]
pub(crate) struct School {
    /// `sch780101`.
    pub login: String,
    /// Digits of the login (`780101`), the prefix of pupil codes.
    pub digits: String,
    pub name: String,
    pub kind: SchoolType,
    /// In-depth subject, nominative (`математика`), if any.
    pub in_depth: Option<&'static str>,
    /// The school's effect on pupils' ability (logits).
    pub effect: f64,
    /// Usual number of parallel classes (2..=4).
    pub classes: u32,
    pub enrolment: u32,
    /// Shares in %, in the order of [`CONTEXT_COLUMNS`].
    pub context: [f64; 6],
    /// Probability that the journal mark is one above the work's mark (a lenient journal).
    pub lenient: f64,
    /// Probability that the journal mark is one below the work's mark.
    pub strict: f64,
}

/// The context index of METHODOLOGY section 4: each share z-scored over the district,
/// oriented so that higher = more advantaged, equal-weight mean.
pub(crate) fn context_index(schools: &[School]) -> Vec<f64> {
    let n = schools.len().max(1) as f64;
    let mut index = vec![0.0; schools.len()];
    for k in 0..CONTEXT_COLUMNS.len() {
        let mean = schools.iter().map(|s| s.context[k]).sum::<f64>() / n;
        let var = schools
            .iter()
            .map(|s| (s.context[k] - mean) * (s.context[k] - mean))
            .sum::<f64>()
            / n;
        let sd = if var > 0.0 { var.sqrt() } else { 1.0 };
        let sign = if k == 0 { 1.0 } else { -1.0 };
        for (i, s) in schools.iter().enumerate() {
            index[i] += sign * (s.context[k] - mean) / sd / CONTEXT_COLUMNS.len() as f64;
        }
    }
    index
}

/// (nominative, genitive) of in-depth subjects.
const DEPTH: [(&str, &str); 6] = [
    ("математика", "математики"),
    ("английский язык", "английского языка"),
    ("русский язык", "русского языка"),
    ("физика", "физики"),
    ("химия", "химии"),
    ("информатика", "информатики"),
];

fn pick(r: &mut DemoRng, items: &[usize]) -> usize {
    items[below(r, items.len())]
}

/// Generates `n` schools.
pub(crate) fn generate(seed: u64, n: usize) -> Vec<School> {
    let mut r = stream(seed, &[1]);
    // Types (and the low-resource group) by fixed shares, shuffled over the logins.
    let count = |share: f64| ((n as f64) * share).round() as usize;
    let mut kinds: Vec<(SchoolType, bool)> = Vec::with_capacity(n);
    for (k, c) in [
        (SchoolType::Lyceum, count(0.10)),
        (SchoolType::Gymnasium, count(0.12)),
        (SchoolType::InDepth, count(0.12)),
    ] {
        kinds.extend(std::iter::repeat_n((k, false), c));
    }
    kinds.extend(std::iter::repeat_n((SchoolType::Sosh, true), count(0.12)));
    kinds.truncate(n);
    while kinds.len() < n {
        kinds.push((SchoolType::Sosh, false));
    }
    shuffle(&mut r, &mut kinds);
    // Distinct school numbers, as in a city's global numbering.
    let pool = (n * 6).max(300);
    let mut numbers: Vec<usize> = (1..=pool).collect();
    shuffle(&mut r, &mut numbers);

    kinds
        .into_iter()
        .enumerate()
        .map(|(i, (kind, low))| {
            let digits = format!("78{:04}", 101 + i);
            let no = numbers[i];
            let in_depth = match kind {
                SchoolType::Sosh => None,
                SchoolType::Lyceum => Some(DEPTH[pick(&mut r, &[0, 0, 0, 3, 5])]),
                SchoolType::Gymnasium => Some(DEPTH[pick(&mut r, &[1, 1, 2])]),
                SchoolType::InDepth => Some(DEPTH[below(&mut r, DEPTH.len())]),
            };
            let name = match kind {
                SchoolType::Sosh => format!("ГБОУ СОШ № {no}"),
                SchoolType::Lyceum => format!("ГБОУ лицей № {no}"),
                SchoolType::Gymnasium => format!("ГБОУ гимназия № {no}"),
                SchoolType::InDepth => format!(
                    "ГБОУ СОШ № {no} с углублённым изучением {}",
                    in_depth.map(|d| d.1).unwrap_or("")
                ),
            };
            let shift = match kind {
                SchoolType::Lyceum => 0.9,
                SchoolType::Gymnasium => 0.8,
                SchoolType::InDepth => 0.4,
                SchoolType::Sosh if low => -1.4,
                SchoolType::Sosh => 0.0,
            };
            let advantage = shift + 0.7 * normal(&mut r);
            let effect = 0.42 * advantage + 0.25 * normal(&mut r);
            let a = advantage;
            let mut share = |base: f64, slope: f64, noise: f64| {
                let v = 100.0 * sigmoid(base + slope * a + noise * normal(&mut r));
                (v * 10.0).round() / 10.0
            };
            let context = [
                share(-0.4, 0.75, 0.25),
                share(-1.4, -0.35, 0.2),
                share(-2.3, -0.6, 0.3),
                share(-3.9, -0.6, 0.35),
                share(-2.7, -0.45, 0.5),
                share(-3.1, -0.3, 0.35),
            ];
            let classes = 2 + below(&mut r, 3) as u32;
            let enrolment =
                (classes as f64 * 11.0 * 25.0 * (0.9 + 0.2 * uniform(&mut r))).round() as u32;
            let lenient = (0.22 + 0.04 * normal(&mut r)).clamp(0.1, 0.35);
            let strict = (0.07 + 0.01 * normal(&mut r)).clamp(0.04, 0.10);
            School {
                login: format!("sch{digits}"),
                digits,
                name,
                kind,
                in_depth: in_depth.map(|d| d.0),
                effect,
                classes,
                enrolment,
                context,
                lenient,
                strict,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schools_have_types_and_context_follows_advantage() {
        let s = generate(5, 50);
        assert_eq!(s.len(), 50);
        assert_eq!(s[0].login, "sch780101");
        assert!(s.iter().any(|x| x.kind == SchoolType::Lyceum));
        let index = context_index(&s);
        assert!(
            index.iter().filter(|&&x| x < -1.0).count() >= 3,
            "{index:?}"
        );
        let mut names: Vec<_> = s.iter().map(|x| x.name.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 50);
        // Context and results go together.
        let corr = {
            let xs: Vec<f64> = s.iter().map(|x| x.effect).collect();
            let ys: Vec<f64> = s.iter().map(|x| x.context[0]).collect();
            let mx = xs.iter().sum::<f64>() / 50.0;
            let my = ys.iter().sum::<f64>() / 50.0;
            let c: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
            let vx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
            let vy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
            c / (vx * vy).sqrt()
        };
        assert!(corr > 0.5, "{corr}");
    }
}
