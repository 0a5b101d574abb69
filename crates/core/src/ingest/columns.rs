//! Column roles from header synonyms (Russian and English), with the user's overrides winning.
//! Unmatched columns of pupil tables become tasks when their header reads as a task label.

use super::header::parse_task_header;
use super::ColumnRole;

/// A role guess from the header text alone, with a priority (higher wins when two columns
/// claim the same role).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Guess {
    Role(ColumnRole, u8),
    /// `name`: a pupil name in pupil tables, a school name otherwise.
    Name,
    /// Known not to be used (region, municipality, row number).
    Ignored,
    /// Nothing known.
    Unknown,
}

/// Lowercases, folds `ё`, collapses spaces and strips BOM and quotes.
pub(crate) fn norm(h: &str) -> String {
    let h = h.trim_start_matches('\u{feff}').trim().trim_matches('"');
    let mut out = String::with_capacity(h.len());
    let mut space = false;
    for ch in h.chars().flat_map(char::to_lowercase) {
        let ch = if ch == 'ё' { 'е' } else { ch };
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(ch);
    }
    out
}

/// Guesses the role of one header (already [`norm`]alised).
pub(crate) fn guess(h: &str) -> Guess {
    use ColumnRole::*;
    // snake_case and kebab-case headers (`school_code`, `var-1`) read as words.
    let orig = h;
    let spaced = h.replace(['_'], " ");
    let h = spaced.as_str();
    let any = |words: &[&str]| words.iter().any(|w| h.contains(w) || orig.contains(w));
    let exact = |words: &[&str]| words.contains(&h) || words.contains(&orig);
    if h.is_empty() {
        return Guess::Unknown;
    }
    // Journal mark before mark: «отметка за предыдущую четверть/триместр».
    if any(&[
        "предыдущ",
        "четверт",
        "триместр",
        "полугод",
        "журнал",
        "годов",
    ]) && any(&["отметк", "оценк"])
        || exact(&[
            "journal",
            "journal mark",
            "term mark",
            "previous mark",
            "prev mark",
            "otc",
            "otmetka za chetvert",
        ])
    {
        return Guess::Role(Journal, 3);
    }
    if any(&["фио", "ф.и.о", "фамилия", "отчество"])
        || exact(&[
            "имя",
            "student name",
            "pupil name",
            "full name",
            "surname",
            "first name",
            "last name",
        ])
    {
        return Guess::Role(PupilName, 3);
    }
    if exact(&["name"]) {
        return Guess::Name;
    }
    if any(&[
        "логин школы",
        "логин оо",
        "код оо",
        "код школы",
        "код образовательн",
        "огрн",
        "инн оо",
    ]) || exact(&[
        "логин",
        "оо",
        "школа",
        "urn",
        "ogrn",
        "cent_id",
        "idschool",
        "school_id",
        "schoolid",
        "school id",
        "school code",
        "school login",
        "login",
        "school",
        "user",
        "пользователь",
        "логин оо/пользователь",
        "код организации",
    ]) {
        let p = if exact(&["urn", "ogrn", "огрн", "user", "пользователь", "login"])
            || h.starts_with("логин")
        {
            4
        } else {
            3
        };
        return Guess::Role(School, p);
    }
    if exact(&["id"]) {
        return Guess::Role(School, 1);
    }
    if h == "наименование класса" || h.starts_with("буква") && h.contains("класс")
    {
        return Guess::Role(Class, 3);
    }
    if any(&["наименование", "название"])
        || exact(&[
            "schname",
            "establishmentname",
            "edu_name",
            "school name",
            "shortname",
            "fullname",
        ])
    {
        return Guess::Role(SchoolName, 2);
    }
    if any(&[
        "код обучающ",
        "код участник",
        "код ученик",
        "идентификатор обучающ",
        "код работы",
    ]) || exact(&[
        "eid",
        "idstud",
        "student_id",
        "studentid",
        "pupil_id",
        "pupil id",
        "student id",
        "student code",
        "pupil code",
        "participant id",
        "candidate",
    ]) {
        return Guess::Role(PupilCode, 4);
    }
    if any(&["номер обучающ", "номер участник", "номер ученик"])
        || exact(&[
            "код",
            "номер",
            "id pupil",
            "code",
            "student number",
            "pupil number",
        ])
    {
        return Guess::Role(PupilCode, 2);
    }
    // A row number identifies a pupil only when nothing better does.
    if exact(&["№", "№ п/п", "n"]) {
        return Guess::Role(PupilCode, 1);
    }
    if h.starts_with("класс")
        || exact(&[
            "class",
            "klass",
            "idclass",
            "class id",
            "class name",
            "class letter",
            "параллель и буква",
            "буква класса",
        ])
    {
        return Guess::Role(Class, 3);
    }
    if h.starts_with("вариант")
        || exact(&[
            "variant", "booklet", "version", "var", "var-1", "var-2", "var1", "var2",
        ])
    {
        return Guess::Role(
            Variant,
            if matches!(h, "вариант" | "variant" | "var" | "var-1" | "var1")
                || h.contains("част") && h.contains('1')
            {
                3
            } else {
                2
            },
        );
    }
    if exact(&["пол", "sex", "gender", "female", "male"]) {
        return Guess::Role(Sex, 3);
    }
    if any(&[
        "всего балл",
        "итого балл",
        "первичный балл",
        "сумма балл",
        "общий балл",
        "суммарный балл",
    ]) || exact(&[
        "сумма",
        "всего",
        "итого",
        "балл",
        "баллы",
        "total",
        "total score",
        "raw score",
        "primary score",
        "primary",
        "sum score",
        "score",
        "sum",
    ]) {
        return Guess::Role(Total, 3);
    }
    if h.starts_with("отметка")
        || h.starts_with("оценка")
        || exact(&[
            "mark",
            "отм.",
            "vpr mark",
            "work mark",
            "score mark",
            "отметка за работу",
        ])
    {
        return Guess::Role(Mark, 3);
    }
    if any(&[
        "регион",
        "муниципал",
        "район",
        "округ",
        "п/п",
        "дата",
        "предмет",
        "ате ",
        "учебник",
        "др.уч.",
        "дата загрузки",
        "textbook",
    ]) || exact(&[
        "ате",
        "rownum",
        "row",
        "date",
        "groups",
        "group",
        "grade",
        "year",
        "год",
        "параллель",
        "municipality",
        "region",
        "district",
    ]) {
        return Guess::Ignored;
    }
    Guess::Unknown
}

/// Assigns roles to all columns. `pupil` selects pupil-table rules (tasks, names are pupils').
/// User overrides `(column, role)` win. Of two columns claiming a single-valued role, the one
/// with the higher priority (then the first) keeps it; the other is ignored.
pub(crate) fn assign(
    keys: &[String],
    headers: &[String],
    overrides: &[(usize, ColumnRole)],
    pupil: bool,
) -> Vec<ColumnRole> {
    let n = keys.len().max(headers.len());
    let mut roles: Vec<(ColumnRole, u8)> = Vec::with_capacity(n);
    for c in 0..n {
        let key = norm(keys.get(c).map(String::as_str).unwrap_or(""));
        let full = norm(headers.get(c).map(String::as_str).unwrap_or(""));
        let mut g = guess(&key);
        if g == Guess::Unknown && full != key {
            g = guess(&full);
        }
        let role = match g {
            Guess::Role(r, p) => (r, p),
            Guess::Name if pupil => (ColumnRole::PupilName, 3),
            Guess::Name => (ColumnRole::SchoolName, 2),
            Guess::Ignored => (ColumnRole::Ignored, 0),
            Guess::Unknown if pupil => {
                let raw = keys.get(c).map(String::as_str).unwrap_or("");
                match parse_task_header(raw) {
                    Some((label, _)) => (ColumnRole::Task(label), 0),
                    None => (ColumnRole::Ignored, 0),
                }
            }
            Guess::Unknown => (ColumnRole::Value, 0),
        };
        roles.push(role);
    }
    for (c, r) in overrides {
        if let Some(slot) = roles.get_mut(*c) {
            *slot = (r.clone(), u8::MAX);
        }
    }
    // One column per single-valued role.
    for c in 0..n {
        let (role, p) = roles[c].clone();
        if matches!(
            role,
            ColumnRole::Task(_) | ColumnRole::Value | ColumnRole::Ignored | ColumnRole::PupilName
        ) {
            continue;
        }
        let winner = (0..n)
            .filter(|&k| roles[k].0 == role)
            .max_by(|&a, &b| roles[a].1.cmp(&roles[b].1).then(b.cmp(&a)))
            .unwrap_or(c);
        if winner != c {
            roles[c] = (
                if pupil {
                    ColumnRole::Ignored
                } else {
                    ColumnRole::Value
                },
                p,
            );
        }
    }
    roles.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    fn roles(h: &[&str], pupil: bool) -> Vec<ColumnRole> {
        let v: Vec<String> = h.iter().map(|s| s.to_string()).collect();
        assign(&v, &v, &[], pupil)
    }

    #[test]
    fn fis_oko_export_columns() {
        let r = roles(
            &[
                "логин школы",
                "регион",
                "номер обучающегося",
                "код обучающегося",
                "отметка за предыдущую четверть/триместр",
                "пол",
                "класс",
                "вариант",
                "всего баллов",
                "балл за 1",
                "балл за 2",
                "отметка",
            ],
            true,
        );
        assert_eq!(r[0], School);
        assert_eq!(r[1], Ignored);
        assert_eq!(
            r[2], Ignored,
            "the lower-priority pupil number yields to the code"
        );
        assert_eq!(r[3], PupilCode);
        assert_eq!(r[4], Journal);
        assert_eq!(r[5], Sex);
        assert_eq!(r[6], Class);
        assert_eq!(r[7], Variant);
        assert_eq!(r[8], Total);
        assert_eq!(r[9], Task("1".into()));
        assert_eq!(r[11], Mark);
    }

    #[test]
    fn english_and_names() {
        let r = roles(
            &["EID", "cent_id", "iraw.A1", "ФИО", "female", "hisei"],
            true,
        );
        assert_eq!(
            r,
            vec![
                PupilCode,
                School,
                Task("iraw.A1".into()),
                PupilName,
                Sex,
                Ignored
            ]
        );
        let r = roles(&["ROWNUM", "name", "OGRN", "ID", "okrug"], false);
        assert_eq!(r, vec![Ignored, SchoolName, School, Value, Value]);
    }

    #[test]
    fn row_number_yields_to_a_plain_code_column() {
        let r = roles(&["№ п/п", "Код", "Класс", "1", "2"], true);
        assert_eq!(r[0], Ignored);
        assert_eq!(r[1], PupilCode);
        let r = roles(&["№", "Класс", "1", "2"], true);
        assert_eq!(
            r[0], PupilCode,
            "a row number is the code when nothing better exists"
        );
    }

    #[test]
    fn user_overrides_win() {
        let v: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let r = assign(&v, &v, &[(0, School), (2, Task("Q".into()))], true);
        assert_eq!(r, vec![School, Ignored, Task("Q".into())]);
    }
}
