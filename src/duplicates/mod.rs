//! Double-counting across applications and existing platforms (多头申请、重复申请): identity
//! keys, conflict finding and the grouped report. Reads the store; never decides eligibility.
//!
//! Entry points: [`conflicts_for_application`] (the live check reads the keys every write keeps
//! fresh), [`conflicts_for_unsaved`], [`report`] (every conflict, grouped) and [`report_text`].
//! Which cross checks a programme runs, and their numbers (the `no-concurrent` cooling-off years,
//! the per-city quota), come in [`CrossParams`], filled from the programme packs.

mod conflict;
mod coverage;
mod find;
mod findings;
mod judge;
pub mod narrative;
mod params;
mod report;
pub mod similarity;
mod source;
mod view;

/// Identity keys live below the store (`crate::identity`); re-exported under their old path.
pub use crate::identity::{self, Resource};
pub use crate::within::{self, WithinDuplicate};
pub use conflict::{
    Conflict, ConflictGroup, ConflictKind, NarrativeMatch, Owner, RecordRef, Report, Severity, Side,
};
pub use find::{
    all_conflicts, conflicts_for_application, conflicts_for_unsaved, narrative_conflicts, narrative_report,
};
pub use findings::{cross_findings, cross_findings_of_stored, CrossFindings, Evaluation};
pub use judge::{
    COMPREHENSIVE_RECOMMENDATION, NAME_UNIQUE, NOT_ALREADY_BUILT, NO_CONCURRENT, NO_DOUBLE_RESOURCES,
    ONE_PER_YEAR, STAFF_EXCLUSIVE,
};
pub use params::{Cooldown, CrossParams, PlatformScope, PlatformSet, ProgrammeCross};
pub use report::{group_conflicts, report_text};

use crate::model::RowId;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DuplicatesError {
    #[error("未找到编号为 {0} 的申报书")]
    ApplicationNotFound(RowId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DuplicatesError {
    /// Stable code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            DuplicatesError::ApplicationNotFound(_) => "not_found",
            DuplicatesError::Store(e) => e.code(),
        }
    }
}

/// Every conflict in the database, grouped by person, instrument, site, achievement and
/// application (`shenbao conflicts`).
pub fn report(store: &Store, params: &CrossParams) -> Result<Report, DuplicatesError> {
    Ok(group_conflicts(all_conflicts(store, params)?))
}
