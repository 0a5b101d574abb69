//! The import pipeline: bytes → grid (CSV or workbook) → layout (titles, header, maxima,
//! levels) → table kind and column roles → pupil results or a school table, with inference of
//! the procedure and the scale, and a complete [`FileSummary`].

use super::columns::{self, guess, norm, Guess};
use super::decode::{decode, DecodeError};
use super::grid::Grid;
use super::header::{find_layout, find_layout_at, parse_task_header, Layout, LayoutError};
use super::log::IssueLog;
use super::{
    answer_strings, delimited, evidence, infer, pupils, reference, school_table, spreadsheet,
    task_info, Choice, ChoiceTopic, ColumnInfo, ColumnRole, FileImport, FileSummary, ImportOptions,
    ImportedData, Need, Pseudonymizer, Severity, TableKind,
};
use crate::model::{ProcedureKey, ProcedureKind, SchoolTableRole};

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default()
}

fn empty_summary(name: &str) -> FileSummary {
    FileSummary {
        file: name.to_string(),
        format: "unknown".into(),
        format_detail: String::new(),
        table: TableKind::Refused,
        procedure: None,
        rows: 0,
        participants: 0,
        absent: 0,
        schools: 0,
        classes: 0,
        tasks: Vec::new(),
        scale: None,
        columns: Vec::new(),
        needs: Vec::new(),
        choices: Vec::new(),
        header_row: 0,
        sheets: Vec::new(),
        issues: Vec::new(),
    }
}

pub(super) fn refused(mut summary: FileSummary, log: IssueLog) -> FileImport {
    summary.table = TableKind::Refused;
    summary.issues = log.finish();
    FileImport {
        summary,
        data: ImportedData::None,
    }
}

/// Reads bytes into grids (one per sheet of a workbook, one for CSV); `None` after an Error
/// issue when the file cannot be read.
fn read_grid(
    name: &str,
    bytes: &[u8],
    summary: &mut FileSummary,
    log: &mut IssueLog,
) -> Option<Vec<Grid>> {
    let ext = extension(name);
    if bytes.is_empty() {
        log.push(
            Severity::Error,
            "Файл пустой (0 байт). Выгрузите файл заново и загрузите его ещё раз.",
            "The file is empty (0 bytes). Export the file again and load it once more.",
        );
        return None;
    }
    if spreadsheet::is_workbook(bytes) {
        summary.format = if ext == "ods" {
            "ods".into()
        } else {
            "xlsx".into()
        };
        return match spreadsheet::read(bytes) {
            Ok(book) => {
                summary.format = book.format.into();
                if book.sheets.len() > 1 {
                    summary.sheets = book.sheets.iter().map(|s| s.grid.detail.clone()).collect();
                }
                if book.count > book.sheets.len() {
                    log.push(
                        Severity::Warning,
                        format!(
                            "Прочитано листов: {} из {}; остальные повреждены.",
                            book.sheets.len(),
                            book.count
                        ),
                        format!(
                            "Sheets read: {} of {}; the others are damaged.",
                            book.sheets.len(),
                            book.count
                        ),
                    );
                }
                Some(book.sheets.into_iter().map(|s| s.grid).collect())
            }
            Err(e) => {
                log.push(
                    Severity::Error,
                    format!("Не удалось прочитать книгу {}: файл повреждён или обрезан ({}). Откройте его в Excel или LibreOffice, сохраните заново как XLSX и загрузите ещё раз.", ext.to_uppercase(), e.0),
                    format!("Could not read the {} workbook: the file is damaged or truncated ({}). Open it in Excel or LibreOffice, save it again as XLSX and load it once more.", ext.to_uppercase(), e.0),
                );
                None
            }
        };
    }
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb") {
        summary.format = ext.clone();
        log.push(
            Severity::Error,
            "Файл назван как таблица Excel/ODS, но его содержимое не книга: файл повреждён или это другой формат. Сохраните таблицу заново как XLSX или CSV.",
            "The file is named like an Excel/ODS workbook but its content is not a workbook: it is damaged or another format. Save the table again as XLSX or CSV.",
        );
        return None;
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(DecodeError::Empty) => {
            log.push(
                Severity::Error,
                "В файле нет данных (только пробелы или пустые строки). Выгрузите файл заново.",
                "The file holds no data (only blanks or empty lines). Export the file again.",
            );
            return None;
        }
        Err(DecodeError::Binary) => {
            log.push(
                Severity::Error,
                "Это не таблица: файл двоичный (не CSV и не XLSX/ODS). Загрузите выгрузку результатов в CSV, XLSX или ODS.",
                "This is not a table: the file is binary (neither CSV nor XLSX/ODS). Load a results export in CSV, XLSX or ODS.",
            );
            return None;
        }
    };
    summary.format = "csv".into();
    let delim = delimited::sniff_delimiter(&decoded.text);
    let (mut grid, err) = delimited::read(&decoded.text, delim);
    summary.format_detail = format!("{}; {}", decoded.encoding, delimited::delimiter_name(delim));
    grid.detail = summary.format_detail.clone();
    if let Some(e) = err {
        let after = grid.rows.last().map_or(0, |r| r.line);
        log.push(
            Severity::Warning,
            format!("Чтение CSV остановлено после строки {after}: {e}. Остальная часть файла не загружена; проверьте кавычки в файле."),
            format!("Reading the CSV stopped after line {after}: {e}. The rest of the file was not loaded; check the quotes in the file."),
        );
    }
    Some(vec![grid])
}

/// The grids of a file (one per sheet of a workbook, one for CSV) for readers of other tables
/// than results, with the issues that say why a file cannot be read (empty, binary, damaged).
pub(super) fn grids(name: &str, bytes: &[u8]) -> (Vec<Grid>, Vec<super::Issue>) {
    let mut summary = empty_summary(name);
    let mut log = IssueLog::new(name);
    let grids = read_grid(name, bytes, &mut summary, &mut log).unwrap_or_default();
    (grids, log.finish())
}

/// How strongly a sheet looks like the table to import: task columns first, then rows with
/// two or more cells; `None` when it holds no table.
fn sheet_score(grid: &Grid) -> Option<(usize, bool, usize)> {
    let table_rows = grid.rows.iter().filter(|r| r.non_empty() >= 2).count();
    if table_rows < 2 {
        return None;
    }
    let lay = find_layout(grid).ok()?;
    let ev = evidence::read(grid, &lay);
    Some((ev.task_columns, ev.pupil_level(), table_rows))
}

/// Chooses the sheet: the user's, else the one that holds the table (a protocol with task
/// columns over a class list), and records the choice.
fn choose_sheet(
    mut grids: Vec<Grid>,
    opts: &ImportOptions,
    summary: &mut FileSummary,
    log: &mut IssueLog,
) -> Grid {
    if grids.len() == 1 {
        return grids.pop().unwrap_or_default();
    }
    let n = grids.len();
    if let Some(want) = &opts.sheet {
        if let Some(i) = grids.iter().position(|g| &g.detail == want) {
            summary.format_detail = format!("лист «{want}» / sheet \"{want}\" ({} of {n})", i + 1);
            summary.choices.push(Choice {
                topic: ChoiceTopic::Sheet,
                ru: format!("Лист «{want}» выбран пользователем."),
                en: format!("Sheet \"{want}\" chosen by the user."),
            });
            return grids.swap_remove(i);
        }
        log.push(
            Severity::Warning,
            format!("Листа «{want}» в книге нет: лист выбран автоматически."),
            format!("The workbook has no sheet \"{want}\": the sheet was chosen automatically."),
        );
    }
    let scores: Vec<Option<(usize, bool, usize)>> = grids.iter().map(sheet_score).collect();
    let best = (0..n)
        .filter(|&i| scores[i].is_some())
        .max_by(|&a, &b| scores[a].cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or_else(|| {
            (0..n)
                .max_by_key(|&i| {
                    (
                        grids[i].rows.iter().filter(|r| !r.is_blank()).count(),
                        n - i,
                    )
                })
                .unwrap_or(0)
        });
    let name = grids[best].detail.clone();
    summary.format_detail = format!("лист «{name}» / sheet \"{name}\" ({} of {n})", best + 1);
    let others: Vec<String> = (0..n)
        .filter(|&i| i != best)
        .map(|i| match scores[i] {
            Some((t, _, r)) => format!("«{}» ({r}, {t})", grids[i].detail),
            None => format!("«{}» (—)", grids[i].detail),
        })
        .collect();
    let (t, _, r) = scores[best].unwrap_or((0, false, 0));
    summary.choices.push(Choice {
        topic: ChoiceTopic::Sheet,
        ru: format!("Лист «{name}» ({} из {n}): строк таблицы {r}, столбцов заданий {t}; другие листы: {} (строк, заданий).", best + 1, others.join(", ")),
        en: format!("Sheet \"{name}\" ({} of {n}): {r} table rows, {t} task columns; other sheets: {} (rows, tasks).", best + 1, others.join(", ")),
    });
    grids.swap_remove(best)
}

/// Headers that say a table describes items (tasks), not results.
fn is_item_table(keys: &[String]) -> bool {
    keys.iter().any(|k| {
        matches!(
            norm(k).as_str(),
            "item" | "items" | "задание" | "код задания" | "item.label" | "item_id"
        )
    })
}

/// Whether the columns show a pupil-level table.
fn pupil_evidence(keys: &[String], guesses: &[Guess], opts: &ImportOptions) -> bool {
    if opts.columns.iter().any(|(_, r)| {
        matches!(
            r,
            ColumnRole::PupilCode | ColumnRole::Task(_) | ColumnRole::PupilName
        )
    }) {
        return true;
    }
    let code_p = guesses
        .iter()
        .filter_map(|g| match g {
            Guess::Role(ColumnRole::PupilCode, p) => Some(*p),
            _ => None,
        })
        .max();
    let has = |want: ColumnRole| {
        guesses
            .iter()
            .any(|g| matches!(g, Guess::Role(r, _) if *r == want))
    };
    let tasks = keys
        .iter()
        .zip(guesses)
        .filter(|(k, g)| **g == Guess::Unknown && parse_task_header(k).is_some())
        .count();
    has(ColumnRole::PupilName)
        || code_p.is_some_and(|p| p >= 3)
        || has(ColumnRole::Journal)
        || has(ColumnRole::Variant)
        || (tasks >= 1 && (code_p.is_some() || has(ColumnRole::Class) || has(ColumnRole::Mark)))
        || (code_p.is_some_and(|p| p >= 2) && (has(ColumnRole::Mark) || has(ColumnRole::Total)))
        || (tasks >= 3 && tasks * 2 >= keys.len())
}

/// Whether the procedure is the autumn-2020 sitting of the ВПР (the work of the grade below).
fn key_autumn_2020(key: &ProcedureKey) -> bool {
    key.kind == ProcedureKind::Vpr && key.year == Some(2020) && key.grade.is_some()
}

/// Says where the conversion scale came from, or why there is none.
fn scale_choice(p: &crate::model::Procedure, has_marks: bool) -> Choice {
    use crate::model::ScaleSource;
    let k = &p.key;
    let (ru, en) = match p.scale {
        Some(s) => {
            let t = format!("{}/{}/{}", s.mark3, s.mark4, s.mark5);
            match s.source {
                ScaleSource::Catalogue => {
                    let src = super::scale::catalogue(k.kind, k.year, &k.subject, k.grade)
                        .map(|(_, _, src)| src)
                        .unwrap_or("");
                    (format!("Шкала перевода из каталога опубликованных шкал: «3» от {t} баллов ({src})."), format!("Conversion scale from the catalogue of published scales: «3»/«4»/«5» from {t} points ({src})."))
                }
                ScaleSource::Inferred => (format!("Шкала перевода выведена из пар «первичный балл — отметка» в файле: {t}."), format!("Conversion scale inferred from the file's (primary score, mark) pairs: {t}.")),
                ScaleSource::User => (format!("Шкала перевода введена пользователем: {t}."), format!("Conversion scale entered by the user: {t}.")),
                ScaleSource::File | ScaleSource::Missing => (format!("Шкала перевода из файла: {t}."), format!("Conversion scale from the file: {t}.")),
            }
        }
        None if has_marks => (
            "Отметки взяты из файла; шкала перевода не определена.".into(),
            "Marks taken from the file; no conversion scale was determined.".into(),
        ),
        None => {
            let missing: Vec<&str> = [
                (k.year.is_none(), "год"),
                (k.grade.is_none(), "класс"),
                (k.subject == "—", "предмет"),
            ]
            .iter()
            .filter(|(m, _)| *m)
            .map(|(_, w)| *w)
            .collect();
            if missing.is_empty() {
                (format!("Шкалы перевода нет: в каталоге нет шкалы для «{k}», в файле нет отметки за работу (журнальная отметка ею не считается). Введите пороги «3», «4», «5»."), format!("No conversion scale: the catalogue has none for «{k}» and the file has no mark for the work (the journal mark is not taken for it). Enter the thresholds for «3», «4», «5»."))
            } else {
                (format!("Шкалы перевода нет: не известны {} — укажите их, и шкала найдётся в каталоге, или введите пороги.", missing.join(", ")), format!("No conversion scale: the {} are not known — give them and the catalogue's scale is used, or enter the thresholds.", missing.iter().map(|w| match *w { "год" => "year", "класс" => "grade", _ => "subject" }).collect::<Vec<_>>().join(", ")))
            }
        }
    };
    Choice {
        topic: ChoiceTopic::Scale,
        ru,
        en,
    }
}

/// Says where the header was found: title rows, one or two header rows, maxima and levels.
fn header_choice(grid: &Grid, lay: &Layout, forced: bool) -> Choice {
    let row = grid
        .rows
        .get(lay.header_row)
        .map_or(lay.header_row + 1, |r| r.line as usize);
    let (by_ru, by_en) = if forced {
        (" (указана пользователем)", " (set by the user)")
    } else {
        ("", "")
    };
    let mut ru = format!("Заголовок в строке {row}{by_ru}");
    let mut en = format!("Header in row {row}{by_en}");
    if lay.two_row {
        ru.push_str(&format!(
            " и {} (объединённые ячейки над подписями)",
            row + 1
        ));
        en.push_str(&format!(" and {} (merged cells above the labels)", row + 1));
    }
    if !lay.titles.is_empty() {
        let t = lay.titles.join(" | ");
        ru.push_str(&format!("; заголовок над таблицей: «{t}»"));
        en.push_str(&format!("; title above the table: \"{t}\""));
    }
    if lay.maxima.iter().any(Option::is_some) {
        ru.push_str("; строка максимальных баллов");
        en.push_str("; a row of maxima");
    }
    if lay.levels.iter().any(Option::is_some) {
        ru.push_str("; строка уровней Б/П/В");
        en.push_str("; a row of levels Б/П/В");
    }
    Choice {
        topic: ChoiceTopic::Header,
        ru: format!("{ru}; данные со строки {}.", lay.data_start + 1),
        en: format!("{en}; data from row {}.", lay.data_start + 1),
    }
}

/// Says which table kind was chosen and on what evidence.
fn kind_choice(
    lay: &Layout,
    ev: &evidence::Evidence,
    named: bool,
    pupil: bool,
    forced: bool,
) -> Choice {
    let h = |c: usize| lay.headers.get(c).cloned().unwrap_or_default();
    let mut ru = Vec::new();
    let mut en = Vec::new();
    if forced {
        ru.push("вид таблицы задан пользователем".to_string());
        en.push("the table kind was set by the user".to_string());
    }
    if let Some((c, filled, distinct)) = ev.school_key {
        ru.push(format!(
            "код школы «{}»: {distinct} разных на {filled} строк выборки{}",
            h(c),
            if ev.key_repeats {
                " — повторяется, строка = обучающийся"
            } else {
                ""
            }
        ));
        en.push(format!(
            "school key \"{}\": {distinct} distinct in {filled} sampled rows{}",
            h(c),
            if ev.key_repeats {
                " — it repeats, a row is a pupil"
            } else {
                ""
            }
        ));
    }
    if ev.task_columns > 0 {
        ru.push(format!(
            "столбцов баллов за задания (целые 0–60 или X): {}",
            ev.task_columns
        ));
        en.push(format!(
            "task score columns (whole numbers 0-60 or X): {}",
            ev.task_columns
        ));
    }
    if named {
        ru.push("названия столбцов обучающегося (код, класс, вариант, отметка)".into());
        en.push("pupil column names (code, class, variant, mark)".into());
    }
    let (what_ru, what_en) = if pupil {
        ("Результаты обучающихся", "Pupil results")
    } else {
        ("Таблица по школам", "A school-level table")
    };
    Choice {
        topic: ChoiceTopic::Kind,
        ru: format!(
            "{what_ru}: {}.",
            if ru.is_empty() {
                "других признаков нет".into()
            } else {
                ru.join("; ")
            }
        ),
        en: format!(
            "{what_en}: {}.",
            if en.is_empty() {
                "no other evidence".into()
            } else {
                en.join("; ")
            }
        ),
    }
}

/// Whether some column is named as only a pupil-level table has it.
fn pupil_columns(guesses: &[Guess]) -> bool {
    guesses.iter().any(|g| match g {
        Guess::Role(r, p) => {
            matches!(
                r,
                ColumnRole::PupilName
                    | ColumnRole::Journal
                    | ColumnRole::Variant
                    | ColumnRole::Class
            ) || *r == ColumnRole::PupilCode && *p >= 2
        }
        _ => false,
    })
}

fn column_infos(lay: &Layout, roles: &[ColumnRole]) -> Vec<ColumnInfo> {
    (0..lay.width)
        .map(|c| ColumnInfo {
            index: c,
            header: lay
                .headers
                .get(c)
                .filter(|h| !h.is_empty())
                .cloned()
                .unwrap_or_else(|| format!("#{}", c + 1)),
            role: roles.get(c).cloned().unwrap_or(ColumnRole::Ignored),
        })
        .collect()
}

/// The whole import of one file.
pub(super) fn run(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    pseudo: &Pseudonymizer,
) -> FileImport {
    let mut log = IssueLog::new(name);
    let mut summary = empty_summary(name);
    let Some(grids) = read_grid(name, bytes, &mut summary, &mut log) else {
        return refused(summary, log);
    };
    let grid = choose_sheet(grids, opts, &mut summary, &mut log);
    if summary.format_detail.is_empty() {
        summary.format_detail = grid.detail.clone();
    }
    let lay = match find_layout_at(&grid, opts.header_row) {
        Ok(l) => l,
        Err(LayoutError::Empty) => {
            log.push(
                Severity::Error,
                "В файле нет данных: все строки пустые. Выгрузите файл заново.",
                "The file holds no data: every row is blank. Export the file again.",
            );
            return refused(summary, log);
        }
        Err(LayoutError::NoHeader) => {
            log.push(
                Severity::Error,
                "Не найдена строка заголовков (названия столбцов). Добавьте первой строкой названия столбцов: «логин школы», «класс», «код обучающегося», «балл за 1» …",
                "No header row (column names) was found. Add the column names as the first row: school login, class, pupil code, task scores …",
            );
            return refused(summary, log);
        }
    };
    // Answer strings of exam-centre protocols become one task column per answer.
    // Not in a table of one row per school (its codes and flags can look like answer strings).
    let per_school = evidence::read(&grid, &lay).key_unique;
    let expanded = if per_school {
        None
    } else {
        answer_strings::expand(&grid, &lay)
    };
    let (grid, lay) = match expanded {
        Some(x) => {
            for (ru, en) in x.notes {
                summary.choices.push(Choice {
                    topic: ChoiceTopic::Header,
                    ru,
                    en,
                });
            }
            if x.footer_rows > 0 {
                log.push(
                    Severity::Info,
                    format!("Итоговые строки («Средние», «Минимальная граница», «Всего участников») не загружены: {}.", x.footer_rows),
                    format!("Summary rows («Средние», «Минимальная граница», «Всего участников») were not loaded: {}.", x.footer_rows),
                );
            }
            (x.grid, x.layout)
        }
        None => (grid, lay),
    };
    summary.header_row = grid.rows.get(lay.header_row).map_or(0, |r| r.line);
    summary
        .choices
        .push(header_choice(&grid, &lay, opts.header_row.is_some()));
    let data_rows = grid
        .rows
        .get(lay.data_start..)
        .unwrap_or(&[])
        .iter()
        .filter(|r| !r.is_blank())
        .count();
    summary.rows = data_rows;
    let guesses: Vec<Guess> = lay
        .keys
        .iter()
        .zip(&lay.headers)
        .map(|(k, h)| {
            let g = guess(&norm(k));
            if g == Guess::Unknown {
                guess(&norm(h))
            } else {
                g
            }
        })
        .collect();
    if data_rows == 0 {
        let roles = columns::assign(
            &lay.keys,
            &lay.headers,
            &opts.columns,
            pupil_evidence(&lay.keys, &guesses, opts),
        );
        summary.columns = column_infos(&lay, &roles);
        log.push(
            Severity::Error,
            "В таблице есть заголовок, но нет ни одной строки данных. Проверьте, что выгрузка содержит результаты.",
            "The table has a header but not a single data row. Check that the export holds results.",
        );
        return refused(summary, log);
    }

    // Reference aggregates and task descriptions: detected unless the user chose another
    // table kind or set column roles.
    let forced = opts.table_kind;
    let auto = forced.is_none() && opts.columns.is_empty();
    if auto || forced == Some(TableKind::Reference) {
        let plan = reference::detect(&grid, &lay, &guesses, forced.is_some());
        if let Some(plan) = plan {
            return reference::import(name, &grid, &lay, plan, opts, summary, log);
        }
    }
    if auto || forced == Some(TableKind::TaskInfo) {
        let plan = task_info::detect(&grid, &lay, &guesses, forced.is_some());
        if let Some(plan) = plan {
            return task_info::import(name, &grid, &lay, plan, opts, summary, log);
        }
    }
    match forced {
        Some(TableKind::Reference) => {
            log.push(
                Severity::Error,
                "Файл не удалось прочитать как эталонные показатели: нужны столбец с названиями групп («Вся выборка», регион, район) и столбцы заданий или отметок с процентами.",
                "The file could not be read as reference figures: it needs a column of group names (whole sample, region, district) and task or mark columns with percentages.",
            );
            return refused(summary, log);
        }
        Some(TableKind::TaskInfo) => {
            log.push(
                Severity::Error,
                "Файл не удалось прочитать как описание заданий: не найден столбец с номерами заданий («№ задания», «item»).",
                "The file could not be read as task descriptions: no column with task numbers («№ задания», \"item\") was found.",
            );
            return refused(summary, log);
        }
        _ => {}
    }

    let ev = evidence::read(&grid, &lay);
    let named = pupil_evidence(&lay.keys, &guesses, opts);
    let pupil = match opts.table_kind {
        Some(TableKind::PupilResults) => true,
        Some(TableKind::SchoolResults | TableKind::SchoolContext) => false,
        // A school key that names one school per row, and no column of a pupil's: a school
        // table, whatever its task-like headers (percentages per task look like scores).
        _ if ev.key_unique && !pupil_columns(&guesses) => false,
        _ => named || ev.pupil_level(),
    };
    summary.choices.push(kind_choice(
        &lay,
        &ev,
        named,
        pupil,
        opts.table_kind.is_some(),
    ));
    let roles = columns::assign(&lay.keys, &lay.headers, &opts.columns, pupil);
    summary.columns = column_infos(&lay, &roles);
    if pupil {
        import_pupils(name, &grid, &lay, roles, opts, pseudo, summary, log)
    } else {
        import_schools(name, &grid, &lay, &roles, opts, summary, log)
    }
}

#[allow(clippy::too_many_arguments)]
fn import_pupils(
    name: &str,
    grid: &Grid,
    lay: &Layout,
    roles: Vec<ColumnRole>,
    opts: &ImportOptions,
    pseudo: &Pseudonymizer,
    mut summary: FileSummary,
    mut log: IssueLog,
) -> FileImport {
    let has_scores = roles.iter().any(|r| {
        matches!(
            r,
            ColumnRole::Task(_) | ColumnRole::Total | ColumnRole::Mark
        )
    });
    if !has_scores {
        log.push(
            Severity::Error,
            "Не найдено ни баллов за задания, ни первичного балла, ни отметки. Укажите, какие столбцы содержат баллы (форма «Столбцы»).",
            "Neither task scores, nor a primary score, nor a mark were found. Set which columns hold the scores (the \"Columns\" form).",
        );
        return refused(summary, log);
    }
    let ignored: Vec<String> = roles
        .iter()
        .enumerate()
        .filter(|(c, r)| {
            // A second variant column (`var-2` of a two-part work) is read with the first.
            let variant_part = matches!(
                guess(&norm(lay.keys.get(*c).map(String::as_str).unwrap_or(""))),
                Guess::Role(ColumnRole::Variant, _)
            );
            **r == ColumnRole::Ignored
                && !variant_part
                && lay.headers.get(*c).is_some_and(|h| !h.is_empty())
        })
        .map(|(c, _)| lay.headers.get(c).cloned().unwrap_or_default())
        .collect();
    if !ignored.is_empty() {
        let list = ignored
            .iter()
            .take(12)
            .map(|h| format!("«{h}»"))
            .collect::<Vec<_>>()
            .join(", ");
        let more = if ignored.len() > 12 {
            format!(" и ещё {}", ignored.len() - 12)
        } else {
            String::new()
        };
        let more_en = if ignored.len() > 12 {
            format!(" and {} more", ignored.len() - 12)
        } else {
            String::new()
        };
        log.push(
            Severity::Info,
            format!("Не используются столбцы: {list}{more}. Если среди них есть баллы, укажите их роль в форме «Столбцы»."),
            format!("Columns not used: {list}{more_en}. If any of them hold scores, set their role in the \"Columns\" form."),
        );
    }

    // Procedure.
    let mut inf = infer::infer(&lay.titles, name);
    if inf.kind.is_none() {
        inf.kind = answer_strings::exam_kind_hint_in(lay);
    }
    let mut needs = Vec::new();
    let protocol_layout = lay
        .headers
        .iter()
        .any(|h| norm(h).starts_with("вариант (част"))
        || lay
            .keys
            .iter()
            .filter(|k| parse_task_header(k).is_some_and(|(_, m)| m.is_some()))
            .count()
            >= 3
            && roles.contains(&ColumnRole::Journal);
    let kind = match (opts.kind, inf.kind) {
        (Some(k), _) | (None, Some(k)) => k,
        (None, None) if protocol_layout => {
            log.push(
                Severity::Info,
                "Процедура определена как ВПР по виду протокола (задания с максимальным баллом в заголовке, журнальная отметка). Если это не так, укажите процедуру.",
                "The procedure was taken to be ВПР from the protocol layout (task headers with maxima, journal mark). If not, set the procedure.",
            );
            ProcedureKind::Vpr
        }
        (None, None) => {
            needs.push(Need::Kind);
            ProcedureKind::Other
        }
    };
    let subject = match (&opts.subject, inf.subject) {
        (Some(s), _) if !s.trim().is_empty() => infer::canonical_subject(s),
        (_, Some(s)) => s,
        _ => {
            needs.push(Need::Subject);
            "—".to_string()
        }
    };
    let grade = opts.grade.or(inf.grade);
    if grade.is_none() {
        needs.push(Need::Grade);
    }
    let year = opts.year.or(inf.year);
    if year.is_none() {
        needs.push(Need::Year);
    }
    let key = ProcedureKey {
        kind,
        subject,
        grade,
        year,
    };

    let mut table = pupils::read(grid, lay, &roles, key, pseudo, &mut log);
    if pupils::apply_scale(&mut table, opts, &mut log) {
        needs.push(Need::Scale);
        log.push(
            Severity::Warning,
            "Нет столбца с отметкой и шкала перевода неизвестна: отметки не вычислены. Введите пороги «3», «4», «5».",
            "There is no mark column and the conversion scale is unknown: marks were not computed. Enter the thresholds for «3», «4», «5».",
        );
    }
    summary
        .choices
        .push(scale_choice(&table.procedure, table.has_mark_column));
    if key_autumn_2020(&table.procedure.key) {
        let g = table.procedure.key.grade.unwrap_or(0);
        summary.choices.push(Choice {
            topic: ChoiceTopic::Procedure,
            ru: format!("ВПР 2020 проходили осенью (сентябрь–октябрь 2020): обучающиеся писали работу за предыдущий класс. Процедура отнесена к классу работы — {g}; писали её ученики {}-х классов.", g + 1),
            en: format!("The 2020 ВПР were held in the autumn (September-October 2020): pupils wrote the work of the grade below theirs. The procedure is filed under the work's grade, {g}; it was written by grade {} pupils.", g + 1),
        });
    }
    let r = &table.procedure.results;
    summary.table = TableKind::PupilResults;
    summary.procedure = Some(table.procedure.key.clone());
    summary.participants = r.participants();
    if let Some(n) = pupils::title_participants(&lay.titles) {
        if n != summary.participants {
            log.push(
                Severity::Warning,
                format!("В заголовке указано участников: {n}, в таблице прочитано: {}. Проверьте, все ли строки выгружены.", summary.participants),
                format!("The title states {n} participants; the table holds {}. Check that every row was exported.", summary.participants),
            );
        }
    }
    summary.absent = r.len() - summary.participants;
    summary.schools = table.schools;
    summary.classes = table.classes;
    summary.tasks = table.procedure.tasks.clone();
    summary.scale = table.procedure.scale;
    summary.needs = needs;
    if r.is_empty() {
        log.push(
            Severity::Error,
            "Ни одна строка не прочитана как результат обучающегося. Проверьте столбцы.",
            "Not a single row was read as a pupil's result. Check the columns.",
        );
        return refused(summary, log);
    }
    summary.issues = log.finish();
    FileImport {
        summary,
        data: ImportedData::Pupils {
            procedure: table.procedure,
            school_codes: table.school_codes,
        },
    }
}

fn import_schools(
    name: &str,
    grid: &Grid,
    lay: &Layout,
    roles: &[ColumnRole],
    opts: &ImportOptions,
    mut summary: FileSummary,
    mut log: IssueLog,
) -> FileImport {
    let school_cols: Vec<usize> = (0..roles.len())
        .filter(|&c| roles[c] == ColumnRole::School)
        .collect();
    let key = match school_cols.first() {
        Some(&c) => c,
        None => {
            if is_item_table(&lay.keys) {
                log.push(
                    Severity::Error,
                    "Похоже на описание заданий, но столбец с номерами заданий не распознан: в файле нет ни школ, ни обучающихся. Назовите столбец с номерами «№ задания» или выберите вид таблицы «описание заданий» в форме «Уточнить».",
                    "This looks like a description of items, but the column with task numbers was not recognised: the file has neither schools nor pupils. Name the column with the numbers «№ задания» or choose the table kind \"task descriptions\" in the \"Clarify\" form.",
                );
                return refused(summary, log);
            }
            match roles.iter().position(|r| *r == ColumnRole::SchoolName) {
                Some(c) => {
                    log.push_col(
                        Severity::Info,
                        lay.headers.get(c).map(String::as_str).unwrap_or(""),
                        "Столбца с кодом школы нет: ключом служит название школы. Сопоставление с другими файлами по названию может быть неточным.",
                        "There is no school code column: the school name is the key. Matching other files by name may be inexact.",
                    );
                    c
                }
                None => {
                    summary.needs.push(Need::SchoolColumn);
                    log.push(
                        Severity::Error,
                        "Не найдено ни столбца школы, ни кода обучающегося, ни баллов. Укажите, какой столбец содержит код школы (форма «Столбцы»).",
                        "Found neither a school column, nor a pupil code, nor scores. Set which column holds the school code (the \"Columns\" form).",
                    );
                    return refused(summary, log);
                }
            }
        }
    };
    let role = match opts.table_kind {
        Some(TableKind::SchoolResults) => SchoolTableRole::Results,
        Some(TableKind::SchoolContext) => SchoolTableRole::Context,
        _ if school_table::looks_like_results(&lay.keys, name) => SchoolTableRole::Results,
        _ => SchoolTableRole::Context,
    };
    let year = opts.year.or(infer::infer(&lay.titles, name).year);
    let s = school_table::read(grid, lay, roles, key, role, year, &mut log);
    summary.table = match role {
        SchoolTableRole::Results => TableKind::SchoolResults,
        SchoolTableRole::Context => TableKind::SchoolContext,
    };
    summary.schools = s.school_codes.len();
    if s.school_codes.is_empty() {
        log.push(
            Severity::Error,
            "Ни одна строка не прочитана как школа. Проверьте столбец с кодом школы.",
            "Not a single row was read as a school. Check the school code column.",
        );
        return refused(summary, log);
    }
    summary.issues = log.finish();
    FileImport {
        summary,
        data: ImportedData::Schools {
            table: s.table,
            school_codes: s.school_codes,
            school_names: s.school_names,
        },
    }
}
