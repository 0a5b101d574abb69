//! `integra analyze`: import files natively and print a summary or the JSON document.

use crate::files::{expand, session_salt};
use anyhow::{Context, Result};
use clap::Args;
use integra_core::ingest::{
    import_file, merge_with, FileImport, FileSummary, ImportOptions, ImportedData, MergeOptions,
    Pseudonymizer, Severity, TableKind,
};
use integra_core::lang::Lang;
use integra_core::model::{ProcedureKind, ScaleSource};
use integra_core::report::{cli_json, overview, Overview};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `integra analyze`.
#[derive(Args)]
pub struct AnalyzeArgs {
    /// Result files or folders (CSV, XLSX, ODS).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A school context file (social passport, register); repeatable.
    #[arg(long)]
    context: Vec<PathBuf>,
    /// Print the JSON document (docs/cli-json.md) instead of the summary.
    #[arg(long)]
    json: bool,
    /// Language of messages: ru or en.
    #[arg(long, default_value = "ru")]
    lang: String,
    /// Procedure kind for files where it cannot be inferred (ВПР, РДР, ОГЭ, ЕГЭ, НИКО, other).
    #[arg(long)]
    kind: Option<String>,
    /// Subject for files where it cannot be inferred.
    #[arg(long)]
    subject: Option<String>,
    /// Grade for files where it cannot be inferred.
    #[arg(long)]
    grade: Option<u8>,
    /// Year for files where it cannot be inferred.
    #[arg(long)]
    year: Option<u16>,
    /// Conversion scale as three lower bounds for «3»,«4»,«5», e.g. `10,16,21`.
    #[arg(long, value_delimiter = ',', num_args = 3)]
    scale: Option<Vec<f64>>,
    /// Keep school logins that differ only in their letter prefix (`sch224052`, `edu224052`)
    /// apart; by default they are one school.
    #[arg(long)]
    separate_logins: bool,
}

impl AnalyzeArgs {
    fn options(&self) -> Result<ImportOptions> {
        let kind = match &self.kind {
            Some(k) => Some(ProcedureKind::parse(k).with_context(|| {
                format!("unknown procedure kind {k:?} (use ВПР, РДР, ОГЭ, ЕГЭ, НИКО or other)")
            })?),
            None => None,
        };
        let scale = match &self.scale {
            Some(v) if v.len() == 3 => Some([v[0], v[1], v[2]]),
            Some(_) => anyhow::bail!("--scale needs three numbers, e.g. 10,16,21"),
            None => None,
        };
        Ok(ImportOptions {
            kind,
            subject: self.subject.clone(),
            grade: self.grade,
            year: self.year,
            scale,
            ..ImportOptions::default()
        })
    }

    fn lang(&self) -> Lang {
        if self.lang.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Ru
        }
    }
}

/// Runs the command. Exit code 1 when no file could be used.
pub fn run(args: &AnalyzeArgs) -> Result<ExitCode> {
    let opts = args.options()?;
    let pseudo = Pseudonymizer::new(session_salt());
    let mut imports: Vec<FileImport> = Vec::new();
    for (path, name) in expand(&args.paths)? {
        imports.push(import_path(&path, &name, &opts, &pseudo)?);
    }
    let context_opts = ImportOptions {
        table_kind: Some(TableKind::SchoolContext),
        ..ImportOptions::default()
    };
    for (path, name) in expand(&args.context)? {
        imports.push(import_path(&path, &name, &context_opts, &pseudo)?);
    }
    let refs: Vec<&FileImport> = imports.iter().collect();
    let merge_opts = MergeOptions {
        join_login_prefixes: !args.separate_logins,
    };
    let (dataset, merge_issues) = merge_with(&refs, &merge_opts);
    let ov = overview(&dataset);
    let summaries: Vec<FileSummary> = imports.iter().map(|i| i.summary.clone()).collect();
    if args.json {
        let doc = cli_json::document(&summaries, &merge_issues, &dataset, &ov, args.lang());
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        print_summary(&imports, &ov, args.lang());
        for i in &merge_issues {
            println!("! {}: {}", i.file, i.message(args.lang()));
        }
    }
    let any_used = summaries.iter().any(|s| s.table != TableKind::Refused);
    Ok(if any_used {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn import_path(
    path: &std::path::Path,
    name: &str,
    opts: &ImportOptions,
    pseudo: &Pseudonymizer,
) -> Result<FileImport> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(import_file(name, &bytes, opts, pseudo))
}

fn scale_source(s: ScaleSource, lang: Lang) -> &'static str {
    match s {
        ScaleSource::File => lang.pick("из файла", "from the file"),
        ScaleSource::Catalogue => lang.pick("из каталога шкал", "from the catalogue"),
        ScaleSource::Inferred => lang.pick(
            "восстановлена по парам балл-отметка",
            "inferred from score and mark pairs",
        ),
        ScaleSource::User => lang.pick("задана пользователем", "set by the user"),
        ScaleSource::Missing => lang.pick("нет", "missing"),
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// One line about a task-description or reference table, `None` for other tables.
fn data_line(data: &ImportedData, lang: Lang) -> Option<String> {
    match data {
        ImportedData::TaskInfo { info } => {
            let skills = match &info.skill_column {
                Some(c) => lang
                    .pick("умения из столбца «{c}»", "skills from the column \"{c}\"")
                    .replace("{c}", c),
                None => lang.pick("без умений", "no skills").to_string(),
            };
            Some(format!(
                "{} — {}: {}, {skills}",
                lang.pick("описание заданий", "task descriptions"),
                lang.pick("заданий", "tasks"),
                info.rows.len(),
            ))
        }
        ImportedData::Reference { table } => {
            let names: Vec<&str> = table.groups.iter().map(|g| g.name.as_str()).collect();
            let main = table
                .main_group()
                .and_then(|g| table.groups.get(g))
                .map(|g| format!(", {}: {}", lang.pick("основная", "main"), g.name))
                .unwrap_or_default();
            Some(format!(
                "{} — {}: {} ({}){main}",
                lang.pick("эталон", "reference"),
                lang.pick("групп", "groups"),
                table.groups.len(),
                names.join(", "),
            ))
        }
        _ => None,
    }
}

fn print_summary(files: &[FileImport], ov: &Overview, lang: Lang) {
    let t = |ru: &'static str, en: &'static str| lang.pick(ru, en);
    for imp in files {
        let f = &imp.summary;
        println!("== {} [{}; {}]", f.file, f.format, f.format_detail);
        let kind = match f.table {
            TableKind::PupilResults => t("результаты обучающихся", "pupil results"),
            TableKind::SchoolResults => t("результаты по школам", "school results"),
            TableKind::SchoolContext => t("контекст школ", "school context"),
            TableKind::TaskInfo => t("описание заданий", "task descriptions"),
            TableKind::Reference => t("эталонные показатели", "reference figures"),
            TableKind::Refused => t("не загружен", "refused"),
        };
        println!("   {}: {kind}", t("таблица", "table"));
        if let Some(line) = data_line(&imp.data, lang) {
            println!("   {line}");
        }
        if let Some(p) = &f.procedure {
            println!("   {}: {p}", t("процедура", "procedure"));
        }
        println!(
            "   {}: {}, {}: {}, {}: {}, {}: {}, {}: {}, {}: {}",
            t("строк", "rows"),
            f.rows,
            t("участников", "participants"),
            f.participants,
            t("отсутствовали", "absent"),
            f.absent,
            t("школ", "schools"),
            f.schools,
            t("классов", "classes"),
            f.classes,
            t("заданий", "tasks"),
            f.tasks.len()
        );
        if let Some(s) = f.scale {
            println!(
                "   {}: «3» {} / «4» {} / «5» {} ({})",
                t("шкала", "scale"),
                s.mark3,
                s.mark4,
                s.mark5,
                scale_source(s.source, lang)
            );
        }
        let count = |sev| f.issues.iter().filter(|i| i.severity == sev).count();
        println!(
            "   {}: {} {}, {} {}, {} {}",
            t("замечания", "issues"),
            count(Severity::Error),
            t("ошибок", "errors"),
            count(Severity::Warning),
            t("предупреждений", "warnings"),
            count(Severity::Info),
            t("сведений", "notes")
        );
        for i in f
            .issues
            .iter()
            .filter(|i| i.severity >= Severity::Warning)
            .take(5)
        {
            let row = i
                .row
                .map(|r| format!(" {} {r}", t("строка", "row")))
                .unwrap_or_default();
            let col = i
                .column
                .as_ref()
                .map(|c| format!(" «{c}»"))
                .unwrap_or_default();
            println!("   -{row}{col}: {}", i.message(lang));
        }
    }
    for p in &ov.procedures {
        println!();
        println!(
            "## {} — {} {}, {} {}",
            p.key,
            p.participants,
            t("участников", "participants"),
            p.schools,
            t("школ", "schools")
        );
        match &p.metrics {
            Some(m) => println!(
                "   {} {}, {} {}, {} {:.2}, {} {:.1}%",
                t("успеваемость", "success"),
                pct(m.success),
                t("качество", "quality"),
                pct(m.quality),
                t("средний балл", "mean mark"),
                m.mean_mark,
                t("СОУ", "SOU"),
                m.sou
            ),
            None => println!("   {}", p.missing.map_or("", |m| m.text(lang))),
        }
        for s in &p.school_rows {
            match &s.metrics {
                Some(m) => println!(
                    "   {:<14} n={:<4} {:>7} {:>7} {:.2} {:>5.1}",
                    s.code,
                    s.participants,
                    pct(m.success),
                    pct(m.quality),
                    m.mean_mark,
                    m.sou
                ),
                None => println!(
                    "   {:<14} n={:<4} {}",
                    s.code,
                    s.participants,
                    s.missing.map_or("", |m| m.text(lang))
                ),
            }
        }
    }
}
