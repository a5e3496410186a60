//! The engine's answer: per-criterion results, the verdict, strengths and duplicates.
//! Plain serialisable data for the CLI (JSON), the UI (ts-rs types) and the review sheet.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::pack::{Citation, Kind};
use super::presentation::{Presentation, Shown};
use super::registry::Duplicate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Unmet,
    Warning,
    Unconfirmed,
    MissingData,
    NotApplicable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "符合",
            Status::Unmet => "不符合",
            Status::Warning => "提示",
            Status::Unconfirmed => "待确认",
            Status::MissingData => "待补充",
            Status::NotApplicable => "不适用",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 符合申报条件
    Eligible,
    /// 不完全满足
    PartiallyMet,
    /// 不可申报
    Ineligible,
    /// 待补充
    Incomplete,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Eligible => "符合申报条件",
            Verdict::PartiallyMet => "不完全满足",
            Verdict::Ineligible => "不可申报",
            Verdict::Incomplete => "待补充",
        }
    }
}

/// The result of one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CriterionResult {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
    pub found: Option<String>,
    pub required: Option<String>,
    pub gap: Option<String>,
    /// One Chinese line ending with the citation.
    pub message: String,
    pub citation: Citation,
    /// Where the window shows it, what the applicant confirms, which materials evidence it.
    pub shown: Shown,
}

/// A 优先支持 item the application meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Strength {
    pub id: String,
    pub title: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Assessment {
    /// Pack id, e.g. "P1".
    pub programme: String,
    pub programme_name: String,
    /// The reference date used for ages and periods.
    pub as_of: NaiveDate,
    pub verdict: Verdict,
    /// The verdict in Chinese, e.g. "不完全满足".
    pub verdict_label: String,
    /// e.g. the 筹建 note when the programme allows cultivation.
    pub verdict_note: Option<String>,
    pub criteria: Vec<CriterionResult>,
    pub strengths: Vec<Strength>,
    pub duplicates: Vec<Duplicate>,
    /// Programme-level remarks (dates outside the effective period, conditions not built in …).
    pub notices: Vec<String>,
    /// The programme's labels and optional inputs.
    pub presentation: Presentation,
}

impl Assessment {
    pub fn result(&self, id: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.id == id)
    }
}
