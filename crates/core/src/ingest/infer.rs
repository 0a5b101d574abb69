//! Procedure kind, subject, grade and year from the title rows, the file name and the headers.
//! Subjects written in Russian, transliterated or in English are normalised to a canonical
//! Russian name.

use crate::model::ProcedureKind;

/// What could be inferred.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Inferred {
    pub kind: Option<ProcedureKind>,
    pub subject: Option<String>,
    pub grade: Option<u8>,
    pub year: Option<u16>,
}

/// Canonical subjects and the stems that name them (lowercase; Russian, translit, English).
const SUBJECTS: &[(&str, &[&str])] = &[
    (
        "Читательская грамотность",
        &["читательск", "chitatel", "reading", "pisaread", "read_"],
    ),
    (
        "Математика",
        &[
            "математ",
            "matemat",
            "math",
            "алгебр",
            "algebra",
            "геометр",
            "geometr",
        ],
    ),
    (
        "Русский язык",
        &["русск", "russk", "russian", "rus_yaz", "rusyaz"],
    ),
    (
        "Окружающий мир",
        &["окружающ", "okruzh", "okr_mir", "okrmir", "окр. мир"],
    ),
    ("История", &["истори", "istori", "history"]),
    ("Биология", &["биолог", "biolog"]),
    ("География", &["географ", "geograf", "geograph"]),
    (
        "Обществознание",
        &[
            "обществозн",
            "obshchestv",
            "obshestv",
            "obsch",
            "social stud",
        ],
    ),
    ("Физика", &["физика", "физике", "fizika", "physics"]),
    (
        "Химия",
        &["химия", "химии", "himiya", "khimiya", "chemistry"],
    ),
    ("Информатика", &["информат", "informat", "computer sc"]),
    (
        "Английский язык",
        &["английск", "anglijsk", "angliysk", "english"],
    ),
    ("Немецкий язык", &["немецк", "nemeck", "nemetsk", "german"]),
    (
        "Французский язык",
        &["французск", "francuzsk", "frantsuzsk", "french"],
    ),
    ("Литература", &["литератур", "literatur"]),
    (
        "Естествознание",
        &["естествозн", "естественн", "science", "estestv"],
    ),
    ("Финансовая грамотность", &["финансов", "financ"]),
];

/// Normalises a subject name to the canonical Russian name; unknown names are kept as written.
pub(crate) fn canonical_subject(s: &str) -> String {
    find_subject(&s.to_lowercase()).map_or_else(|| s.trim().to_string(), str::to_string)
}

fn find_subject(l: &str) -> Option<&'static str> {
    SUBJECTS
        .iter()
        .find(|(_, stems)| stems.iter().any(|st| l.contains(st)))
        .map(|(name, _)| *name)
}

fn find_kind(l: &str, tokens: &[String]) -> Option<ProcedureKind> {
    let tok = |w: &str| tokens.iter().any(|t| t == w);
    if l.contains("впр") || tok("vpr") || l.contains("всероссийск") {
        Some(ProcedureKind::Vpr)
    } else if l.contains("рдр") || tok("rdr") || l.contains("региональн") && l.contains("диагност")
    {
        Some(ProcedureKind::Rdr)
    } else if l.contains("огэ") || tok("oge") || l.contains("гиа-9") || l.contains("гиа 9")
    {
        Some(ProcedureKind::Oge)
    } else if l.contains("егэ") || tok("ege") || l.contains("гиа-11") {
        Some(ProcedureKind::Ege)
    } else if l.contains("нико") || tok("niko") {
        Some(ProcedureKind::Niko)
    } else if ["timss", "pisa", "pirls", "iccs", "talis", "pims"]
        .iter()
        .any(|w| tokens.iter().any(|t| t.starts_with(w)))
    {
        Some(ProcedureKind::Other)
    } else {
        None
    }
}

fn tokens(l: &str) -> Vec<String> {
    l.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn find_year(tokens: &[String]) -> Option<u16> {
    tokens
        .iter()
        .filter_map(|t| {
            let d: String = t.chars().filter(char::is_ascii_digit).collect();
            (t.len() == 4 && d.len() == 4)
                .then(|| d.parse::<u16>().ok())
                .flatten()
        })
        .filter(|y| (2000..=2100).contains(y))
        .max()
}

fn find_grade(l: &str, tokens: &[String]) -> Option<u8> {
    // «4 класс», «4-й класс», «4 кл.», «класс 4», «grade 8», «g8».
    for (i, t) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).map(String::as_str).unwrap_or("");
        let next2 = tokens.get(i + 2).map(String::as_str).unwrap_or("");
        if let Ok(g) = t.parse::<u8>() {
            if (1..=11).contains(&g)
                && (next.starts_with("кл")
                    || next == "grade"
                    || (next == "й" && next2.starts_with("кл")))
            {
                return Some(g);
            }
        }
        if (t == "класс" || t == "grade") && next.parse::<u8>().is_ok_and(|g| (1..=11).contains(&g))
        {
            return next.parse().ok();
        }
        if let Some(rest) = t.strip_prefix('g').or_else(|| t.strip_prefix("grade")) {
            if let Ok(g) = rest.parse::<u8>() {
                if (1..=11).contains(&g) {
                    return Some(g);
                }
            }
        }
        if let Some(rest) = t.strip_suffix("кл").or_else(|| t.strip_suffix("класс")) {
            if let Ok(g) = rest.parse::<u8>() {
                if (1..=11).contains(&g) {
                    return Some(g);
                }
            }
        }
    }
    // A bare number 1..11 in a file name like `vpr_2025_matematika_4`.
    let _ = l;
    tokens
        .iter()
        .filter_map(|t| t.parse::<u8>().ok().filter(|_| t.len() <= 2))
        .find(|g| (1..=11).contains(g))
}

/// The file name without folders and extension, and the folders of its path, nearest first
/// (`2020/4/Математика.xlsx` → `Математика`, [`4`, `2020`]).
pub(crate) fn split_path(file_name: &str) -> (&str, Vec<&str>) {
    let mut parts: Vec<&str> = file_name
        .split(['/', '\\'])
        .filter(|p| !p.is_empty())
        .collect();
    let base = parts.pop().unwrap_or(file_name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    parts.reverse();
    (stem, parts)
}

/// A folder that is only a grade: `4`, `11`, `4 класс`, `4кл`, `grade4`.
fn folder_grade(folder: &str) -> Option<u8> {
    let l = folder.trim().to_lowercase();
    let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
    let rest = l[digits.len()..].trim().trim_start_matches(['-', '_', ' ']);
    let g: u8 = if digits.is_empty() {
        l.strip_prefix("grade")
            .or_else(|| l.strip_prefix("класс"))?
            .trim_start_matches(['_', '-', ' '])
            .parse()
            .ok()?
    } else if rest.is_empty() || rest.starts_with("кл") || rest == "grade" || rest == "й класс"
    {
        digits.parse().ok()?
    } else {
        return None;
    };
    (1..=11).contains(&g).then_some(g)
}

impl Inferred {
    /// Fills the kind, subject and year still unknown from one lowercased text.
    fn fill(&mut self, l: &str, toks: &[String]) {
        if self.kind.is_none() {
            self.kind = find_kind(l, toks);
        }
        if self.subject.is_none() {
            self.subject = find_subject(l).map(str::to_string);
        }
        if self.year.is_none() {
            self.year = find_year(toks);
        }
    }
}

/// Infers from texts in order of trust: titles, then the file name (without extension), then
/// the folders of its path, nearest first (`2020/4/Математика.xlsx`: year 2020, grade 4).
pub(crate) fn infer(titles: &[String], file_name: &str) -> Inferred {
    let (stem, folders) = split_path(file_name);
    let mut out = infer_texts(titles, stem);
    for f in folders {
        let l = f.to_lowercase().replace('ё', "е");
        let toks = tokens(&l);
        out.fill(&l, &toks);
        if out.grade.is_none() {
            out.grade = folder_grade(f).or_else(|| {
                find_grade(&l, &toks).filter(|_| {
                    toks.iter()
                        .any(|t| t.starts_with("кл") || t.starts_with("grade"))
                })
            });
        }
    }
    if out.grade.is_none() {
        out.grade = match out.kind {
            Some(ProcedureKind::Oge) => Some(9),
            Some(ProcedureKind::Ege) => Some(11),
            _ => None,
        };
    }
    out
}

fn infer_texts(titles: &[String], stem: &str) -> Inferred {
    let mut out = Inferred::default();
    for text in titles.iter().map(String::as_str).chain([stem]) {
        let l = text.to_lowercase().replace('ё', "е");
        let toks = tokens(&l);
        out.fill(&l, &toks);
        if out.grade.is_none() {
            // Bare numbers count as grades only in file names and short titles with a kind.
            let g = find_grade(&l, &toks);
            if g.is_some()
                && (text == stem
                    || toks.iter().any(|t| {
                        t.starts_with("кл") || t.starts_with("grade") || t.starts_with('g')
                    }))
            {
                out.grade = g;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProcedureKind::*;

    fn k(t: &[&str], f: &str) -> Inferred {
        infer(&t.iter().map(|s| s.to_string()).collect::<Vec<_>>(), f)
    }

    #[test]
    fn from_title_rows() {
        let i = k(&["ВПР 2021 Математика 4 класс"], "protocol.xlsx");
        assert_eq!(
            i,
            Inferred {
                kind: Some(Vpr),
                subject: Some("Математика".into()),
                grade: Some(4),
                year: Some(2021)
            }
        );
    }

    #[test]
    fn from_file_names() {
        let i = k(&[], "vpr_2025_matematika_4.csv");
        assert_eq!(
            (i.kind, i.subject.as_deref(), i.grade, i.year),
            (Some(Vpr), Some("Математика"), Some(4), Some(2025))
        );
        let i = k(&[], "ВПР 2025 Русский язык 5 класс.xlsx");
        assert_eq!(
            (i.kind, i.subject.as_deref(), i.grade, i.year),
            (Some(Vpr), Some("Русский язык"), Some(5), Some(2025))
        );
        let i = k(&[], "oge_2025_math_9.csv");
        assert_eq!(
            (i.kind, i.subject.as_deref(), i.grade, i.year),
            (Some(Oge), Some("Математика"), Some(9), Some(2025))
        );
        let i = k(&[], "ВПР_2025_Окружающий мир_4.csv");
        assert_eq!(
            (i.subject.as_deref(), i.grade),
            (Some("Окружающий мир"), Some(4))
        );
        let i = k(&[], "ЕГЭ 2024 история.csv");
        assert_eq!((i.kind, i.grade), (Some(Ege), Some(11)));
        let i = k(&[], "form1.csv");
        assert_eq!(i, Inferred::default());
        let i = k(&[], "data.pisaMath_data.csv");
        assert_eq!(
            (i.kind, i.subject.as_deref()),
            (Some(Other), Some("Математика"))
        );
        let i = k(&[], "timss07_g8_rus_scored.csv");
        assert_eq!((i.kind, i.grade), (Some(Other), Some(8)));
        // «opisanie» (описание) holds "pisa" but is not PISA.
        assert_eq!(k(&[], "opisanie_zadanij.csv").kind, None);
    }

    #[test]
    fn from_folders() {
        let i = k(&[], "altai_vpr/vpr_results/2020/4/Математика.xlsx");
        assert_eq!(
            (i.kind, i.subject.as_deref(), i.grade, i.year),
            (Some(Vpr), Some("Математика"), Some(4), Some(2020))
        );
        let i = k(&[], "Описание_работ/5/Русский язык/ALL.xlsx");
        assert_eq!(
            (i.kind, i.subject.as_deref(), i.grade, i.year),
            (None, Some("Русский язык"), Some(5), None)
        );
        // The file name wins over its folders.
        let i = k(
            &[],
            "2022/11/Проведение работы по истории, 10 класс. ВПР 2023.xlsx",
        );
        assert_eq!((i.grade, i.year), (Some(10), Some(2023)));
        let i = k(&[], r"C:\\data\\ОГЭ 2024\\9 класс\\math.csv");
        assert_eq!((i.kind, i.grade, i.year), (Some(Oge), Some(9), Some(2024)));
        assert_eq!(folder_grade("4 класс"), Some(4));
        assert_eq!(folder_grade("grade11"), Some(11));
        assert_eq!(folder_grade("2020"), None);
        assert_eq!(folder_grade("12"), None);
    }

    #[test]
    fn subjects_are_canonical() {
        assert_eq!(canonical_subject("russkij yazyk"), "Русский язык");
        assert_eq!(canonical_subject("English"), "Английский язык");
        assert_eq!(canonical_subject("Астрономия"), "Астрономия");
    }
}
