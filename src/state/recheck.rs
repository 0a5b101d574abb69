//! The session's re-check («Перепроверка работ»): the plan, the sample drawn from the source
//! dataset, the filled lists read back with their agreement, and whether the screens analyse
//! the re-checked scores. The operations are methods on [`AppState`]; they write through the
//! state's write half of the signal.

use super::AppState;
use crate::analysis::{self, Analysis};
use integra_core::objectivity::recheck::{
    RecheckError, RecheckList, RecheckPlan, RecheckReport, RecheckScores, VerdictRule,
};
use leptos::prelude::*;
use std::sync::Arc;

/// What the user has done with the re-check in this session.
#[derive(Clone, Default)]
pub struct Recheck {
    /// The plan of the last sample (the form's values once they were read).
    pub plan: RecheckPlan,
    pub rule: VerdictRule,
    /// The sample, once composed.
    pub list: Option<Arc<RecheckList>>,
    /// Why the last plan, or the verdict rule, could not be used.
    pub error: Option<RecheckError>,
    /// Names of the filled lists read (all at once, replacing the ones before).
    pub filled: Vec<String>,
    pub scores: Option<Arc<RecheckScores>>,
    pub report: Option<Arc<RecheckReport>>,
    /// The screens analyse the source dataset with the re-checked scores in place.
    pub apply: bool,
}

impl AppState {
    /// Forgets the sample and the filled lists (the files changed: their rows may be others),
    /// keeping the plan's numbers, with the latest year's procedures chosen; the screens
    /// analyse the source again.
    pub(super) fn reset_recheck(&self) {
        let procedures = self
            .source
            .with_untracked(|a| analysis::recheck_default_procedures(&a.dataset));
        self.set_recheck.update(|r| {
            *r = Recheck {
                plan: RecheckPlan {
                    procedures,
                    ..r.plan.clone()
                },
                rule: r.rule.clone(),
                ..Recheck::default()
            }
        });
    }

    /// Draws the sample of `plan` from the source dataset and its objectivity report; an
    /// invalid plan leaves the error to show. The filled lists read before are dropped.
    pub fn compose_sample(&self, plan: RecheckPlan) {
        let apply = self.recheck.with_untracked(|r| r.apply);
        // The sample is drawn from the source marking's signs, also while the screens show
        // the re-checked one.
        let report = if apply {
            let settings = self.obj_settings.get_untracked();
            self.source
                .with_untracked(|a| Arc::new(analysis::objectivity(&a.dataset, &settings)))
        } else {
            self.objectivity.get_untracked()
        };
        let result = self
            .source
            .with_untracked(|a| analysis::recheck_sample(&a.dataset, &report, &plan));
        self.set_recheck.update(|r| {
            r.plan = plan;
            r.filled.clear();
            r.scores = None;
            r.report = None;
            r.apply = false;
            match result {
                Ok(list) => {
                    r.list = Some(Arc::new(list));
                    r.error = None;
                }
                Err(e) => {
                    r.list = None;
                    r.error = Some(e);
                }
            }
        });
        if apply {
            self.refresh_analysed();
        }
    }

    /// Reads the filled lists (name, bytes) against the sample (an empty one when none was
    /// composed: every work is then outside it) and compares them with the source marking.
    pub fn load_filled(&self, files: Vec<(String, Vec<u8>)>) {
        let (list, rule) = self.recheck.with_untracked(|r| {
            let empty = RecheckList {
                seed: r.plan.seed,
                works: Vec::new(),
                units: Vec::new(),
            };
            (
                r.list.clone().unwrap_or_else(|| Arc::new(empty)),
                r.rule.clone(),
            )
        });
        let result = self
            .source
            .with_untracked(|a| analysis::recheck_read(&files, &list, &a.dataset, &rule));
        self.set_recheck.update(|r| {
            r.filled = files.iter().map(|(n, _)| n.clone()).collect();
            match result {
                Ok((scores, report)) => {
                    r.scores = Some(Arc::new(scores));
                    r.report = Some(Arc::new(report));
                    r.error = None;
                }
                Err(e) => {
                    r.scores = None;
                    r.report = None;
                    r.error = Some(e);
                }
            }
        });
        self.refresh_analysed();
    }

    /// Whether the screens analyse the re-checked scores (ignored without filled lists).
    pub fn set_apply(&self, on: bool) {
        self.set_recheck
            .update(|r| r.apply = on && r.scores.is_some());
        self.refresh_analysed();
    }

    /// Puts the dataset the screens analyse in place: the source, or with the re-checked
    /// scores when the user chose them.
    pub(super) fn refresh_analysed(&self) {
        let scores = self
            .recheck
            .with_untracked(|r| r.scores.clone().filter(|_| r.apply));
        let source = self.source.get_untracked();
        let analysed: Arc<Analysis> = match scores {
            Some(s) => Arc::new(analysis::with_recheck(&source, &s)),
            None => source,
        };
        self.analysis.set(analysed);
    }
}
