//! Conflicts of one application keyed by criterion id, for the rules engine's cross criteria.
//! The engine stays pure: the caller computes these from the store, then hands them over.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::conflict::{Conflict, Severity};
use super::find::{conflicts_for_application, conflicts_for_unsaved};
use super::params::CrossParams;
use super::DuplicatesError;
use crate::model::{Application, RowId};
use crate::store::Store;

/// One application's conflicts by criterion id (`no-double-resources`, `staff-exclusive`,
/// `not-already-built`, `no-concurrent`, `one-per-year`, `comprehensive-recommendation`,
/// `name-unique`). A criterion absent from the map was checked and is clear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct CrossFindings {
    pub by_criterion: BTreeMap<String, Vec<Conflict>>,
}

impl CrossFindings {
    pub fn from_conflicts(conflicts: Vec<Conflict>) -> Self {
        let mut by_criterion: BTreeMap<String, Vec<Conflict>> = BTreeMap::new();
        for c in conflicts {
            by_criterion.entry(c.criterion.clone()).or_default().push(c);
        }
        CrossFindings { by_criterion }
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

/// Findings for a stored application (`Some(id)`) or an application not in the database.
pub fn cross_findings(
    store: &mut Store,
    id: Option<RowId>,
    app: &Application,
    params: &CrossParams,
) -> Result<CrossFindings, DuplicatesError> {
    let conflicts = match id {
        Some(id) => conflicts_for_application(store, id, params)?,
        None => conflicts_for_unsaved(store, app, params)?,
    };
    Ok(CrossFindings::from_conflicts(conflicts))
}
