//! Errors of the re-check's parameters: what is wrong and what to set instead. Problems of a
//! filled list (a bad score, an unknown code) are not errors but [`crate::ingest::Issue`]s with
//! the row and column (see [`super::read`]).

use crate::lang::Lang;

/// A parameter of the sample or of the verdict rule that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecheckError {
    /// Works per unit and the minimum per school are both zero.
    #[error("works per unit and the minimum per school are both 0: no work would be chosen; set at least one of them above 0")]
    NothingToChoose,
    /// A weight below 1 or not a number.
    #[error("{name} = {value}: a weight must be a number of at least 1")]
    BadWeight { name: &'static str, value: f64 },
    /// A share or probability outside its range.
    #[error("{name} = {value}: must be between {min} and {max}")]
    OutOfRange {
        name: &'static str,
        value: f64,
        min: f64,
        max: f64,
    },
    /// The minimum number of works of a verdict below the privacy minimum.
    #[error("a verdict needs at least {min} works (no figure about fewer people is shown); {value} was set")]
    TooFewWorks { value: usize, min: usize },
    /// A procedure of the plan that the dataset does not hold.
    #[error("procedure «{0}» is not in the loaded data")]
    UnknownProcedure(String),
    /// A school of the plan that the dataset does not hold.
    #[error("school «{0}» is not in the loaded data")]
    UnknownSchool(String),
}

impl RecheckError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Ru => match self {
                RecheckError::NothingToChoose => "Число работ на единицу и минимум на школу оба равны 0: ни одна работа не будет выбрана. Задайте хотя бы одно из них больше 0.".into(),
                RecheckError::BadWeight { name, value } => {
                    format!("{name} = {value}: вес должен быть числом не меньше 1.")
                }
                RecheckError::OutOfRange {
                    name,
                    value,
                    min,
                    max,
                } => format!("{name} = {value}: значение должно быть от {min} до {max}."),
                RecheckError::TooFewWorks { value, min } => format!(
                    "Для вывода нужно не меньше {min} работ (о меньшем числе людей цифры не показываются); задано {value}."
                ),
                RecheckError::UnknownProcedure(p) => {
                    format!("Процедуры «{p}» нет в загруженных данных.")
                }
                RecheckError::UnknownSchool(s) => format!("Школы «{s}» нет в загруженных данных."),
            },
        }
    }
}
