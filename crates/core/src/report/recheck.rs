//! The re-check («Перепроверка работ») as the screen shows it: the sample per school and per
//! procedure ([`sample_rows`]), the agreement per school, school × procedure and procedure
//! ([`agreement_rows`]), per task on demand ([`task_rows`]) and the verdict a school's evidence
//! states ([`school_verdict`]). Composed once here from
//! [`RecheckList`] / [`RecheckReport`]; the minimum group size applies: a group of fewer than
//! [`MIN_SHOWN`] works carries no figure, only the reason ([`Withheld`]) and its number of works.

use crate::model::Dataset;
use crate::objectivity::recheck::{
    Because, Group, RecheckList, RecheckReport, TaskAgreement, TaskFigures, Verdict, Why,
};
use crate::privacy::MIN_SHOWN;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why the figures of a row are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// Fewer than [`MIN_SHOWN`] works: nothing about fewer than 5 people is shown.
    TooFewWorks,
}

/// One school of the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleSchoolRow {
    pub school: String,
    pub name: Option<String>,
    /// Works drawn from the school.
    pub works: usize,
    /// ... of them from its units (school × procedure) with a fired sign.
    pub in_sign_units: usize,
    /// ... from its other units, drawn more because of a sign elsewhere in the school.
    pub in_school_units: usize,
    /// ... at the threshold of a bunching sign.
    pub boundary: usize,
    /// Why the school got its number of works: the strongest reason of its units.
    pub why: Why,
}

/// One procedure of the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleProcedureRow {
    /// `ProcedureKey::id()`.
    pub procedure: String,
    /// Schools (units) that took part and how many of them have a fired sign.
    pub units: usize,
    pub units_with_signs: usize,
    /// Works with a primary score in those units.
    pub eligible: usize,
    pub works: usize,
    pub in_sign_units: usize,
    pub boundary: usize,
}

/// The sample on the screen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SampleSummary {
    pub works: usize,
    /// Schools with drawn works, in dataset order.
    pub schools: Vec<SampleSchoolRow>,
    /// Procedures of the list, in list order.
    pub procedures: Vec<SampleProcedureRow>,
}

/// The sample per school and per procedure.
pub fn sample_rows(list: &RecheckList, ds: &Dataset) -> SampleSummary {
    let mut schools: BTreeMap<usize, SampleSchoolRow> = BTreeMap::new();
    // The list is drawn from `ds`: every unit's school is there.
    let index: std::collections::HashMap<&str, usize> = ds
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.as_str(), i))
        .collect();
    for u in &list.units {
        let Some(&si) = index.get(u.school.as_str()) else {
            continue;
        };
        if u.drawn == 0 {
            continue;
        }
        let row = schools.entry(si).or_insert_with(|| SampleSchoolRow {
            school: u.school.clone(),
            name: ds.schools[si].name.clone(),
            works: 0,
            in_sign_units: 0,
            in_school_units: 0,
            boundary: 0,
            why: Why::Base,
        });
        row.works += u.drawn;
        match u.why {
            Why::Sign => row.in_sign_units += u.drawn,
            Why::School => row.in_school_units += u.drawn,
            Why::Base => {}
        }
        row.why = row.why.max(u.why);
    }
    let mut procedures: Vec<SampleProcedureRow> = Vec::new();
    for u in &list.units {
        let i = match procedures.iter().position(|p| p.procedure == u.procedure) {
            Some(i) => i,
            None => {
                procedures.push(SampleProcedureRow {
                    procedure: u.procedure.clone(),
                    units: 0,
                    units_with_signs: 0,
                    eligible: 0,
                    works: 0,
                    in_sign_units: 0,
                    boundary: 0,
                });
                procedures.len() - 1
            }
        };
        let p = &mut procedures[i];
        p.units += 1;
        p.eligible += u.eligible;
        p.works += u.drawn;
        if u.why == Why::Sign {
            p.units_with_signs += 1;
            p.in_sign_units += u.drawn;
        }
    }
    for w in list.works.iter().filter(|w| w.boundary) {
        if let Some(&si) = index.get(w.school.as_str()) {
            if let Some(r) = schools.get_mut(&si) {
                r.boundary += 1;
            }
        }
        if let Some(p) = procedures.iter_mut().find(|p| p.procedure == w.procedure) {
            p.boundary += 1;
        }
    }
    procedures.retain(|p| p.works > 0);
    SampleSummary {
        works: list.works.len(),
        schools: schools.into_values().collect(),
        procedures,
    }
}

/// Works whose marks would change, from the original and the re-checked totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarksRow {
    pub changed: usize,
    pub lowered: usize,
    pub raised: usize,
    /// Mean of (original − re-checked) marks.
    pub mean_shift: f64,
}

/// The figures of a row with at least [`MIN_SHOWN`] works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementFigures {
    /// Share of task scores the re-check left unchanged.
    pub exact: f64,
    /// Quadratic weighted kappa of the primary scores (`None` for a school's works pooled
    /// over several procedures, or when every score is the same).
    pub kappa: Option<f64>,
    pub mean_original: f64,
    pub mean_recheck: f64,
    /// Mean of (original − re-check) primary scores and its interval.
    pub mean_shift: f64,
    pub ci: [f64; 2],
    /// `None` without a scale (or below [`MIN_SHOWN`] works with marks).
    pub marks: Option<MarksRow>,
}

/// One row of the agreement: a school (its works pooled), a school × procedure, or a
/// procedure (the district's re-checked works).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementRow {
    /// `None` for a procedure's row.
    pub school: Option<String>,
    pub name: Option<String>,
    /// `None` for a school's pooled row.
    pub procedure: Option<String>,
    pub works: usize,
    pub figures: Option<AgreementFigures>,
    /// Why `figures` is `None`.
    pub withheld: Option<Withheld>,
    pub verdict: Verdict,
    pub because: Vec<Because>,
}

/// The agreement on the screen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AgreementView {
    /// Re-checked works compared, and those that no longer match the data.
    pub works: usize,
    pub skipped: usize,
    /// Schools «не подтверждено» / «подтверждено перепроверкой» / too few works.
    pub not_confirmed: usize,
    pub confirmed: usize,
    pub too_few: usize,
    /// One row per school, in dataset order.
    pub schools: Vec<AgreementRow>,
    /// One row per school × procedure, school by school.
    pub units: Vec<AgreementRow>,
    /// One row per procedure.
    pub procedures: Vec<AgreementRow>,
}

/// The row of a group, with the privacy minimum applied again (whatever the group holds).
fn row(
    school: Option<&str>,
    name: Option<&str>,
    procedure: Option<&str>,
    g: &Group,
) -> AgreementRow {
    let shown = g.works >= MIN_SHOWN;
    let figures = g
        .figures
        .as_ref()
        .filter(|_| shown)
        .map(|f| AgreementFigures {
            exact: f.exact,
            kappa: f.kappa_total,
            mean_original: f.mean_original,
            mean_recheck: f.mean_recheck,
            mean_shift: f.mean_shift,
            ci: f.ci,
            marks: f
                .marks
                .as_ref()
                .filter(|m| m.works >= MIN_SHOWN)
                .map(|m| MarksRow {
                    changed: m.changed,
                    lowered: m.lowered,
                    raised: m.raised,
                    mean_shift: m.mean_shift,
                }),
        });
    AgreementRow {
        school: school.map(str::to_string),
        name: name.map(str::to_string),
        procedure: procedure.map(str::to_string),
        works: g.works,
        withheld: (!shown).then_some(Withheld::TooFewWorks),
        figures,
        verdict: if shown { g.verdict } else { Verdict::TooFew },
        because: if shown { g.because.clone() } else { Vec::new() },
    }
}

/// The agreement per school, school × procedure and procedure.
pub fn agreement_rows(report: &RecheckReport) -> AgreementView {
    let mut v = AgreementView {
        works: report.works,
        skipped: report.skipped,
        ..AgreementView::default()
    };
    for s in &report.schools {
        let mut r = row(Some(&s.school), s.name.as_deref(), None, &s.pooled);
        // The school's verdict also counts its units («не подтверждено» when any is).
        let shown = s.pooled.works >= MIN_SHOWN;
        r.verdict = match s.verdict {
            Verdict::NotConfirmed => Verdict::NotConfirmed,
            v if shown => v,
            _ => Verdict::TooFew,
        };
        r.because = s.because.clone();
        match r.verdict {
            Verdict::NotConfirmed => v.not_confirmed += 1,
            Verdict::Confirmed => v.confirmed += 1,
            Verdict::TooFew => v.too_few += 1,
        }
        v.schools.push(r);
        for u in &s.units {
            v.units.push(row(
                Some(&s.school),
                s.name.as_deref(),
                Some(&u.procedure),
                &u.group,
            ));
        }
    }
    v.procedures = report
        .procedures
        .iter()
        .map(|p| row(None, None, Some(&p.procedure), &p.group))
        .collect();
    v
}

/// Agreement on one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    pub label: String,
    pub max: u8,
    pub works: usize,
    pub figures: Option<TaskFigures>,
    pub withheld: Option<Withheld>,
}

fn task_row(t: &TaskAgreement) -> TaskRow {
    let shown = t.works >= MIN_SHOWN;
    TaskRow {
        label: t.label.clone(),
        max: t.max,
        works: t.works,
        figures: t.figures.clone().filter(|_| shown),
        withheld: (!shown).then_some(Withheld::TooFewWorks),
    }
}

/// The tasks of `procedure`: of one school when `school` is given, else of the district's
/// re-checked works. Empty when there is no such group.
pub fn task_rows(report: &RecheckReport, school: Option<&str>, procedure: &str) -> Vec<TaskRow> {
    let tasks = match school {
        Some(code) => report
            .school(code)
            .and_then(|s| s.units.iter().find(|u| u.procedure == procedure))
            .map(|u| &u.tasks),
        None => report
            .procedures
            .iter()
            .find(|p| p.procedure == procedure)
            .map(|p| &p.tasks),
    };
    tasks
        .map(|t| t.iter().map(task_row).collect())
        .unwrap_or_default()
}

/// What a school's evidence says about its re-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolVerdict {
    pub works: usize,
    pub verdict: Verdict,
    pub because: Vec<Because>,
}

/// The verdict of school `code`, when it has re-checked works.
pub fn school_verdict(report: &RecheckReport, code: &str) -> Option<SchoolVerdict> {
    let view = agreement_rows(report);
    let r = view
        .schools
        .into_iter()
        .find(|r| r.school.as_deref() == Some(code))?;
    Some(SchoolVerdict {
        works: r.works,
        verdict: r.verdict,
        because: r.because,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{generate, DemoParams};
    use crate::ingest::{import_all, merge, ImportOptions, Pseudonymizer};
    use crate::objectivity::recheck::{
        self, RecheckPlan, RecheckScores, RecheckedWork, VerdictRule,
    };
    use crate::objectivity::{analyse, Settings};

    fn demo() -> Dataset {
        let d = generate(&DemoParams {
            schools: 8,
            size: 0.5,
            ..DemoParams::default()
        });
        let files = d
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice()));
        let imports = import_all(
            files,
            &ImportOptions::default(),
            &Pseudonymizer::new([1; 16]),
        );
        merge(&imports.iter().collect::<Vec<_>>()).0
    }

    /// The listed works as re-checked: the original scores, one point less on every nonzero
    /// score of `lowered`'s works, and only the first `keep` works of `few`'s.
    fn rechecked(list: &RecheckList, lowered: &str, few: &str, keep: usize) -> RecheckScores {
        let mut kept = 0;
        let works: Vec<RecheckedWork> = list
            .works
            .iter()
            .filter(|w| {
                if w.school != few {
                    return true;
                }
                kept += 1;
                kept <= keep
            })
            .map(|w| RecheckedWork {
                procedure: w.procedure.clone(),
                index: w.index,
                school: w.school.clone(),
                scores: w
                    .scores
                    .iter()
                    .map(|&x| {
                        let x = if x == crate::model::SCORE_MISSING {
                            0
                        } else {
                            x
                        };
                        if w.school == lowered {
                            x.saturating_sub(1)
                        } else {
                            x
                        }
                    })
                    .collect(),
                not_done: vec![false; w.scores.len()],
                file: "list.csv".into(),
                line: 2,
                in_sample: true,
            })
            .collect();
        RecheckScores {
            works,
            ..RecheckScores::default()
        }
    }

    #[test]
    fn rows_carry_the_core_figures_and_nothing_below_five_works() {
        let ds = demo();
        let report = analyse(&ds, &Settings::default());
        let plan = RecheckPlan::new(3).check().unwrap();
        let list = recheck::choose(&ds, &report, &plan).unwrap();
        let schools: Vec<&str> = ds.schools.iter().map(|s| s.code.as_str()).collect();
        let (lowered, few) = (schools[0], schools[1]);
        let scores = rechecked(&list, lowered, few, 3);
        let rc = recheck::agreement(&ds, &scores, &VerdictRule::default().check().unwrap());
        let view = agreement_rows(&rc);
        assert_eq!(view.works, rc.works);
        assert_eq!(view.schools.len(), rc.schools.len());
        assert_eq!(
            view.confirmed + view.not_confirmed + view.too_few,
            view.schools.len()
        );
        for (r, s) in view.schools.iter().zip(&rc.schools) {
            assert_eq!(r.school.as_deref(), Some(s.school.as_str()));
            assert_eq!(r.works, s.pooled.works);
            if s.pooled.works < MIN_SHOWN {
                assert!(r.figures.is_none(), "{r:?}");
                assert_eq!(r.withheld, Some(Withheld::TooFewWorks));
                continue;
            }
            let (f, g) = (
                r.figures.as_ref().unwrap(),
                s.pooled.figures.as_ref().unwrap(),
            );
            assert_eq!((f.exact, f.mean_shift, f.ci), (g.exact, g.mean_shift, g.ci));
            assert_eq!(
                f.marks.as_ref().map(|m| m.changed),
                g.marks.as_ref().map(|m| m.changed)
            );
            assert_eq!(r.verdict, s.verdict);
        }
        // The school re-checked lower is «не подтверждено», with a shift of at least 1 point;
        // the one that kept only three works shows no figure.
        let low = view
            .schools
            .iter()
            .find(|r| r.school.as_deref() == Some(lowered))
            .unwrap();
        assert_eq!(low.verdict, Verdict::NotConfirmed);
        assert!(low.figures.as_ref().unwrap().mean_shift >= 1.0);
        assert!(low.figures.as_ref().unwrap().exact < 1.0);
        let three = view
            .schools
            .iter()
            .find(|r| r.school.as_deref() == Some(few))
            .unwrap();
        assert_eq!(three.works, 3);
        assert_eq!(
            (three.figures.as_ref(), three.verdict),
            (None, Verdict::TooFew)
        );
        assert!(view
            .units
            .iter()
            .filter(|u| u.school.as_deref() == Some(few))
            .all(|u| u.figures.is_none() && u.withheld.is_some()));
        // Every other school is confirmed with full agreement.
        for r in view
            .schools
            .iter()
            .filter(|r| ![Some(lowered), Some(few)].contains(&r.school.as_deref()))
        {
            assert_eq!(r.verdict, Verdict::Confirmed, "{r:?}");
            assert_eq!(r.figures.as_ref().unwrap().exact, 1.0);
        }
        // Units and procedures carry the core's figures; tasks on demand.
        for (u, s) in view
            .units
            .iter()
            .filter(|u| u.figures.is_some())
            .filter_map(|u| Some((u, rc.school(u.school.as_deref()?)?)))
        {
            let g = &s
                .units
                .iter()
                .find(|x| Some(x.procedure.as_str()) == u.procedure.as_deref())
                .unwrap()
                .group;
            assert_eq!(
                u.figures.as_ref().unwrap().kappa,
                g.figures.as_ref().unwrap().kappa_total
            );
            assert_eq!(u.verdict, g.verdict);
        }
        assert_eq!(view.procedures.len(), rc.procedures.len());
        let id = &rc.procedures[0].procedure;
        let t = task_rows(&rc, None, id);
        assert_eq!(t.len(), rc.procedures[0].tasks.len());
        assert_eq!(t[0].figures, rc.procedures[0].tasks[0].figures);
        assert!(task_rows(&rc, Some(few), id)
            .iter()
            .all(|t| t.figures.is_none() && t.withheld == Some(Withheld::TooFewWorks)));
        assert!(task_rows(&rc, None, "no-such-procedure").is_empty());
        // The verdict of a school's evidence.
        assert_eq!(
            school_verdict(&rc, lowered).map(|v| v.verdict),
            Some(Verdict::NotConfirmed)
        );
        assert_eq!(school_verdict(&rc, "nobody"), None);
    }

    #[test]
    fn a_group_below_five_is_withheld_whatever_it_holds() {
        let ds = demo();
        let report = analyse(&ds, &Settings::default());
        let list = recheck::choose(&ds, &report, &RecheckPlan::new(1).check().unwrap()).unwrap();
        let scores = rechecked(&list, "", "", 0);
        let mut rc = recheck::agreement(&ds, &scores, &VerdictRule::default().check().unwrap());
        // Pretend the core gave figures for four works: the screen must still withhold them.
        let s = &mut rc.schools[0];
        s.pooled.works = 4;
        s.units[0].group.works = 4;
        s.units[0].tasks[0].works = 4;
        assert!(s.pooled.figures.is_some() && s.units[0].tasks[0].figures.is_some());
        let code = s.school.clone();
        let id = s.units[0].procedure.clone();
        let view = agreement_rows(&rc);
        let r = &view.schools[0];
        assert_eq!(
            (r.figures.as_ref(), r.withheld),
            (None, Some(Withheld::TooFewWorks))
        );
        assert_eq!(r.verdict, Verdict::TooFew);
        assert!(view.units[0].figures.is_none() && view.units[0].because.is_empty());
        let t = &task_rows(&rc, Some(&code), &id)[0];
        assert_eq!(
            (t.figures.as_ref(), t.withheld),
            (None, Some(Withheld::TooFewWorks))
        );
    }

    #[test]
    fn the_sample_adds_up() {
        let ds = demo();
        let report = analyse(&ds, &Settings::default());
        let list = recheck::choose(&ds, &report, &RecheckPlan::new(7).check().unwrap()).unwrap();
        let s = sample_rows(&list, &ds);
        assert_eq!(s.works, list.works.len());
        assert_eq!(
            s.schools.iter().map(|r| r.works).sum::<usize>(),
            list.works.len()
        );
        assert_eq!(
            s.procedures.iter().map(|r| r.works).sum::<usize>(),
            list.works.len()
        );
        for r in &s.schools {
            let works: Vec<_> = list.works.iter().filter(|w| w.school == r.school).collect();
            assert_eq!(r.works, works.len());
            let sign = works.iter().filter(|w| w.why == Why::Sign).count();
            assert_eq!(r.in_sign_units, sign);
            assert_eq!(r.boundary, works.iter().filter(|w| w.boundary).count());
            assert!(r.works >= RecheckPlan::default().min_per_school.min(r.works));
        }
        let fired = report.tested.iter().filter(|t| t.fired).count();
        if fired > 0 {
            assert!(s.schools.iter().any(|r| r.why == Why::Sign));
        }
    }
}
