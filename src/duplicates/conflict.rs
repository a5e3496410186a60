//! What the duplicate finder reports: conflicts with both sides named, and the grouped report.
//! Plain serialisable data; finding and wording happen in `find` and `judge`.

use serde::Serialize;
use ts_rs::TS;

use super::identity::Resource;
use crate::model::{PlatformKind, PlatformLevel, RowId};

/// Whether a conflict makes the application ineligible or only asks the user to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 不可申报: an exclusion criterion is hit.
    Excludes,
    /// 提示: a possible duplicate or a close name; never an error.
    Warning,
}

impl Severity {
    pub const ALL: [Severity; 2] = [Severity::Excludes, Severity::Warning];

    /// The Chinese tag of a conflict, as the report and the window print it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Excludes => "不可申报",
            Severity::Warning => "提示",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Director or fixed staff of two applications of the same year.
    PersonInTwoApplications,
    /// Director or fixed staff of an existing platform (`staff-exclusive`, `no-concurrent`).
    PersonInPlatform,
    /// Left an existing platform less than the cooling-off period ago (`no-concurrent`).
    PersonLeftRecently,
    SameInstrument,
    SameSite,
    /// The areas claimed for one site add up to more than the site's largest declared area.
    SiteAreaExceeded,
    SameAchievement,
    /// One platform applying twice in one year (省重点实验室 / 省技术创新中心).
    OnePerYear,
    /// More 综合类 applications from one city than it may recommend.
    ComprehensivePerCity,
    /// The centre is already an existing platform.
    AlreadyBuilt,
    /// Same name and birth date, different ID documents.
    PossibleSamePerson,
    /// Same owner and model, different asset numbers.
    PossibleSameInstrument,
    /// A centre name close to another application's or an existing platform's.
    SimilarName,
    /// The same person, instrument, site or achievement listed twice in one application
    /// (counted once in every total; the user should delete the repeated row).
    #[serde(rename = "repeated_in_application")]
    DuplicateInApplication,
    /// One person committed beyond what the programme allows across this year's applications and
    /// the existing platforms: full time in two places, director of two centres, or shares adding
    /// up to more than the pack's limit (distinct from being listed twice).
    OverCommitted,
    /// A narrative section largely found in another application's same section (一稿多报).
    SimilarNarrative,
}

/// What two narrative sections share: the section, how much, and the passages in both texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NarrativeMatch {
    /// Narrative section key, e.g. "goals".
    pub section: String,
    /// Share of the first application's section found in the second's, whole percent.
    pub percent: u32,
    pub passages: Vec<super::narrative::SharedPassage>,
    pub first_text: String,
    pub second_text: String,
}

/// An application or an existing platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Owner {
    /// `id` is absent for an application not (yet) in the database.
    Application {
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<RowId>,
        name: String,
        programme: String,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        year: Option<i32>,
    },
    Platform {
        id: RowId,
        name: String,
        level: PlatformLevel,
        kind: PlatformKind,
    },
}

impl Owner {
    /// 「name」（申报中）or 「name」（已建）.
    pub fn display(&self) -> String {
        match self {
            Owner::Application { name, .. } => format!("「{name}」（申报中）"),
            Owner::Platform { name, .. } => format!("「{name}」（已建）"),
        }
    }
}

/// The record inside an owner that conflicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecordRef {
    pub resource: Resource,
    /// Row id in the application's roster; absent for registry entries and unsaved rows.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_id: Option<RowId>,
    /// Person name, instrument name, site address, achievement title.
    pub label: String,
    /// Masked ID document ("身份证号 …1234"), asset number, identifier.
    pub number: String,
    /// People: director / deputy_director / fixed / visiting.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Side {
    pub owner: Owner,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordRef>,
}

/// One conflict. `first` is the application being checked; `second` the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The criterion id of the programme pack, e.g. `no-double-resources`, `staff-exclusive`.
    pub criterion: String,
    pub severity: Severity,
    /// What is in conflict, for headings: "张某某（身份证号 …1234）", "扫描电镜（资产编号 A-1）".
    pub subject: String,
    pub first: Side,
    pub second: Side,
    /// One Chinese sentence naming both sides; ID numbers masked to their last four characters.
    pub message: String,
    /// Narrative similarity: the texts side by side and their shared passages.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrative: Option<NarrativeMatch>,
    /// Identity the report groups by (contains unmasked numbers: never serialised).
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) group: String,
}

/// Conflicts about one person, instrument, site, achievement or application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConflictGroup {
    pub title: String,
    pub conflicts: Vec<Conflict>,
}

/// Every conflict in the database, grouped for the office's overview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Report {
    pub people: Vec<ConflictGroup>,
    pub instruments: Vec<ConflictGroup>,
    pub sites: Vec<ConflictGroup>,
    pub achievements: Vec<ConflictGroup>,
    /// Application-level conflicts: one-per-year, city quota, already built, close names.
    pub applications: Vec<ConflictGroup>,
    pub total: usize,
    pub excluding: usize,
    pub warnings: usize,
}
