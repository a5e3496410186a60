//! Conflicts of one application keyed by criterion id, for the rules engine's cross criteria.
//! The engine stays pure: the caller computes these from the store, then hands them over.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use ts_rs::TS;

use super::conflict::{Conflict, Severity};
use super::coverage::Coverage;
use super::find::{checked_application, checked_applications, checked_unsaved};
pub use super::judge::Evaluation;
use super::params::CrossParams;
use super::DuplicatesError;
use crate::model::{Application, RowId};
use crate::rules::Unverified;
use crate::store::Store;

/// One application's conflicts by criterion id (`no-double-resources`, `staff-exclusive`,
/// `not-already-built`, `no-concurrent`, `one-per-year`, `comprehensive-recommendation`,
/// `name-unique`), computed for one programme and reference date. A criterion without conflicts
/// is clear only when it is in `checked`: otherwise it is not verified (`unverified`, or its
/// programme's check did not run) or lacks data (`missing`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct CrossFindings {
    pub by_criterion: BTreeMap<String, Vec<Conflict>>,
    /// The programme and reference date these were computed for (`None`: the application's own).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "{ programme: string, as_of: string }")]
    pub evaluation: Option<Evaluation>,
    /// Criteria whose check ran and had something to compare with.
    pub checked: BTreeSet<String>,
    /// Criteria with nothing to compare with: why, and what would make them checkable.
    pub unverified: BTreeMap<String, Unverified>,
    /// Criteria the application lacks a fact for, in Chinese.
    pub missing: BTreeMap<String, String>,
}

impl CrossFindings {
    /// Findings from conflicts alone: every criterion counts as checked (tests, reports).
    pub fn from_conflicts(conflicts: Vec<Conflict>) -> Self {
        let mut by_criterion: BTreeMap<String, Vec<Conflict>> = BTreeMap::new();
        for c in conflicts {
            by_criterion.entry(c.criterion.clone()).or_default().push(c);
        }
        let checked = super::judge::ALL_CRITERIA.iter().map(|s| s.to_string()).collect();
        CrossFindings { by_criterion, checked, ..Default::default() }
    }

    fn with(conflicts: Vec<Conflict>, coverage: Coverage, evaluation: Option<Evaluation>) -> Self {
        let mut f = CrossFindings::from_conflicts(conflicts);
        f.checked = coverage.checked;
        f.unverified = coverage.unverified;
        f.missing = coverage.missing;
        f.evaluation = evaluation;
        f
    }

    /// The conflicts under one criterion (empty: clear).
    pub fn for_criterion(&self, criterion: &str) -> &[Conflict] {
        self.by_criterion.get(criterion).map_or(&[], Vec::as_slice)
    }

    /// Whether the criterion is unmet (an excluding conflict); warnings do not fail it.
    pub fn excludes(&self, criterion: &str) -> bool {
        self.for_criterion(criterion).iter().any(|c| c.severity == Severity::Excludes)
    }

    pub fn all(&self) -> impl Iterator<Item = &Conflict> {
        self.by_criterion.values().flatten()
    }
}

/// Findings for a stored application (`Some(id)`) or an application not in the database, for
/// the programme and reference date being evaluated (`eval`), which every cross check uses
/// instead of the application's own programme and date.
pub fn cross_findings(
    store: &Store,
    id: Option<RowId>,
    app: &Application,
    params: &CrossParams,
    eval: Evaluation,
) -> Result<CrossFindings, DuplicatesError> {
    let (conflicts, coverage) = match id {
        Some(id) => checked_application(store, id, params, Some(&eval))?,
        None => checked_unsaved(store, app, params, Some(&eval))?,
    };
    Ok(CrossFindings::with(conflicts, coverage, Some(eval)))
}

/// Findings enough for the verdicts of many stored applications at once (the home screen), each
/// for its own evaluation, in the order given: one pass with shared look-ups. Every cross
/// criterion answers as with [`cross_findings`] (found, warning, clear, not verified), but only
/// the conflicts that can change that answer are built: not every conflict, nor their count.
pub fn cross_findings_of_stored(
    store: &Store,
    params: &CrossParams,
    subjects: &[(RowId, Evaluation)],
) -> Result<Vec<CrossFindings>, DuplicatesError> {
    let checked = checked_applications(store, params, subjects)?;
    Ok(checked
        .into_iter()
        .zip(subjects)
        .map(|((conflicts, coverage), (_, eval))| {
            CrossFindings::with(conflicts, coverage, Some(eval.clone()))
        })
        .collect())
}
