//! The engine's answer: per-criterion results, the verdict, priority support and duplicates.
//! Plain serialisable data for the CLI (JSON), the UI (ts-rs types) and the review sheet.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::cross::{Duplicate, Unverified};
use super::pack::{Citation, Kind};
use super::presentation::{Presentation, Shown};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Unmet,
    Warning,
    Unconfirmed,
    MissingData,
    NotApplicable,
    /// 未核验: a cross criterion with nothing to compare with; never met.
    NotVerified,
    /// In a co-builder's draft, a centre-level criterion: information only, 由牵头单位汇总判断.
    ByLead,
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
            Status::NotVerified => "未核验",
            Status::ByLead => "由牵头单位汇总判断",
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
    /// Set when the status is 未核验: why, and what would make it checkable.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unverified: Option<Unverified>,
}

/// A 优先支持 item the application meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrioritySupport {
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
    /// What the verdict does not cover, e.g. "但未与已建平台名录比对" (criteria 未核验).
    pub verdict_caveat: Option<String>,
    /// The director's age in 周岁 on `as_of` (the core's convention), for the window to show.
    pub director_age: Option<i64>,
    pub criteria: Vec<CriterionResult>,
    /// The 优先支持 items met (JSON key `strengths`, kept for compatibility).
    #[serde(rename = "strengths")]
    pub priority_support: Vec<PrioritySupport>,
    pub duplicates: Vec<Duplicate>,
    /// Records listed more than once in the application: each is counted once in every total.
    /// (JSON key `repeats`, kept for compatibility.)
    #[serde(rename = "repeats")]
    pub within_duplicates: Vec<crate::within::WithinDuplicate>,
    /// Programme-level remarks (dates outside the effective period, conditions not built in …).
    pub notices: Vec<String>,
    /// The programme's labels and optional inputs.
    pub presentation: Presentation,
}

impl Assessment {
    pub fn result(&self, id: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The verdict with its caveat: "符合申报条件，但未与已建平台名录比对".
    pub fn verdict_line(&self) -> String {
        match &self.verdict_caveat {
            Some(c) => format!("{}，{c}", self.verdict_label),
            None => self.verdict_label.clone(),
        }
    }
}
