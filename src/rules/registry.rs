//! The registry view: how the engine asks about other applications and existing platforms.
//! The engine never reads the database; the duplicate-detection work implements this trait
//! over the store. Until then `UnknownRegistry` answers "unknown" and cross criteria stay
//! missing data, never met.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::pack::CrossCheck;
use crate::model::Application;

/// One conflict found in the registry (a double-counted person, instrument, site, name …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Duplicate {
    /// The criterion that asked; set by the engine.
    pub criterion: String,
    pub check: CrossCheck,
    /// What in this application conflicts, e.g. "张三（固定人员）".
    pub subject: String,
    /// The other application or existing platform.
    pub conflicts_with: String,
    /// One Chinese line explaining the conflict.
    pub detail: String,
}

impl Duplicate {
    pub fn new(
        check: CrossCheck,
        subject: impl Into<String>,
        conflicts_with: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Duplicate {
            criterion: String::new(),
            check,
            subject: subject.into(),
            conflicts_with: conflicts_with.into(),
            detail: detail.into(),
        }
    }
}

/// The registry's answer to one cross check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrossAnswer {
    /// No registry data to decide: the criterion is missing data.
    Unknown,
    /// Checked and nothing found.
    Clear,
    /// Checked and these conflicts found.
    Found(Vec<Duplicate>),
}

/// Read-only view of other applications and existing platforms, as of a date.
pub trait RegistryView {
    fn answer(&self, check: CrossCheck, app: &Application, as_of: NaiveDate) -> CrossAnswer;
}

/// The view used while no registry data is available: every answer is `Unknown`.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnknownRegistry;

impl RegistryView for UnknownRegistry {
    fn answer(&self, _check: CrossCheck, _app: &Application, _as_of: NaiveDate) -> CrossAnswer {
        CrossAnswer::Unknown
    }
}
