//! The cross view: how the engine asks about other applications and existing platforms.
//! The engine never reads the database; the duplicate-detection work implements this trait
//! over the store. Until then `UnknownCross` answers "unknown" and cross criteria stay
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

/// What the user can do to make an unverified cross criterion checkable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VerifyAction {
    /// Import the registry of existing platforms (已建平台名录).
    ImportRegistry,
    /// Enter or import the other applications to compare with.
    AddApplications,
    /// Fill in the registry entry named in the reason.
    CompleteRegistry,
}

/// Why a cross criterion could not be checked, and what would make it checkable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Unverified {
    /// e.g. "已建平台名录中没有国家级、省级重点实验室……的记录".
    pub reason: String,
    /// e.g. "导入已建平台名录后重新核对".
    pub remedy: String,
    pub action: VerifyAction,
    /// What was not compared with, for the verdict line: "已建平台名录" or "其他申报书".
    pub against: String,
}

/// The registry's answer to one cross check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrossAnswer {
    /// No registry data to decide: the criterion is missing data.
    Unknown,
    /// The application lacks a fact the check needs (e.g. a blank city): missing data.
    Missing(String),
    /// Nothing to compare with: not verified, never met.
    NotVerified(Unverified),
    /// Checked and nothing found.
    Clear,
    /// Checked; only warnings to look at (e.g. an instrument also under a city key lab).
    Warning(Vec<Duplicate>),
    /// Checked and these conflicts found.
    Found(Vec<Duplicate>),
}

/// Read-only view of other applications and existing platforms, as of a date.
pub trait CrossView {
    fn answer(&self, check: CrossCheck, app: &Application, as_of: NaiveDate) -> CrossAnswer;

    /// What contradicts the director's 全职全时 in `app`: the director found full time or
    /// director elsewhere this year, or committed beyond the programme's limit. Empty when
    /// nothing was found or nothing could be compared (the attestation then stands alone).
    fn director_commitment(&self, _app: &Application, _as_of: NaiveDate) -> Vec<Duplicate> {
        Vec::new()
    }
}

/// The view used while nothing is known of other applications or existing platforms: every answer is `Unknown`.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnknownCross;

impl CrossView for UnknownCross {
    fn answer(&self, _check: CrossCheck, _app: &Application, _as_of: NaiveDate) -> CrossAnswer {
        CrossAnswer::Unknown
    }
}
