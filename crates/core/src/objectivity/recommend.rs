//! Recommendations per status, from the measures the seeds' districts use (seed 002: collective
//! checking and mutual checking inside the school, district mutual checking, selective re-checking
//! by district methodologists; seed 004 items 19–23: mutual checking and re-checking of РДР,
//! yearly objectivity monitoring, targeted recommendations, events on objective assessment).

use super::{Indicator, SchoolObjectivity, Status};
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// One measure for a school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub school: String,
    pub status: Status,
    pub measure: String,
}

fn measures(status: Status, indicators: &[Indicator], lang: Lang) -> Vec<&'static str> {
    let mut out = Vec::new();
    match status {
        Status::None => return out,
        Status::Attention => {
            out.push(lang.pick(
                "Коллективная проверка и взаимопроверка работ внутри школы при следующей процедуре.",
                "Collective checking and mutual checking of the works inside the school at the next procedure.",
            ));
            out.push(lang.pick(
                "Разбор признаков с заместителем директора по УВР: сопоставить с журналом и с независимыми процедурами.",
                "Review the signs with the deputy head for learning: compare with the journal and the independent procedures.",
            ));
        }
        Status::Signs => {
            out.push(lang.pick(
                "Выборочная перепроверка работ районными методистами (ИМЦ).",
                "Selective re-checking of the works by district methodologists (ИМЦ).",
            ));
            out.push(lang.pick(
                "Районная взаимопроверка работ и независимые наблюдатели при проведении следующей процедуры.",
                "District mutual checking of the works and independent observers at the next procedure.",
            ));
            out.push(lang.pick(
                "Участие педагогов в семинаре-практикуме «Взаимопроверка как инструмент достижения объективного результата оценочных процедур».",
                "Teachers attend the workshop «Mutual checking as a way to objective results of assessment procedures».",
            ));
        }
    }
    if indicators.contains(&Indicator::Concordance) {
        out.push(lang.pick(
            "Сверка критериев выставления текущих и четвертных отметок с критериями оценивания работы.",
            "Align the criteria of term marks with the marking criteria of the work.",
        ));
    }
    if indicators.contains(&Indicator::Bunching) {
        out.push(lang.pick(
            "Перепроверка работ с первичным баллом у границ отметок.",
            "Re-check the works whose primary score is at a mark boundary.",
        ));
    }
    if indicators.contains(&Indicator::Similarity) || indicators.contains(&Indicator::PersonFit) {
        out.push(lang.pick(
            "Наблюдатели в аудиториях и рассадка по одному при проведении работы.",
            "Observers in the classrooms and one pupil per desk during the work.",
        ));
    }
    out
}

/// The measures for every school with a status, in the user's language.
pub fn recommendations(schools: &[SchoolObjectivity], lang: Lang) -> Vec<Recommendation> {
    let mut out = Vec::new();
    for s in schools {
        let mut inds: Vec<Indicator> = s.signs.iter().map(|x| x.candidate.indicator).collect();
        inds.sort();
        inds.dedup();
        for m in measures(s.status, &inds, lang) {
            out.push(Recommendation {
                school: s.school.clone(),
                status: s.status,
                measure: m.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school(status: Status) -> SchoolObjectivity {
        SchoolObjectivity {
            school: "A".into(),
            name: None,
            signs: vec![],
            units: vec![],
            status,
            persistent: false,
            reasons: Vec::new(),
            tests: 0,
        }
    }

    #[test]
    fn measures_grow_with_the_status() {
        assert!(recommendations(&[school(Status::None)], Lang::Ru).is_empty());
        let a = recommendations(&[school(Status::Attention)], Lang::Ru);
        let s = recommendations(&[school(Status::Signs)], Lang::Ru);
        assert_eq!(a.len(), 2);
        assert!(s.iter().any(|r| r.measure.contains("перепроверка")));
        assert!(
            s.iter().all(|r| !r.measure.contains("нарушени")),
            "signs, never violations"
        );
    }
}
