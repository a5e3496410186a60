//! Programme packs: the validated types the engine uses (what a pack says, already checked).
//! Every legal number lives in the pack file with its citation; reading and validating a pack
//! file is `super::load`'s job. This module does no IO.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::presentation::{Presentation, Shown};
use crate::model::{Category, Education, PlatformKind, PlatformLevel, Title, UnitKind};
use crate::quantity::{AreaM2, Yuan};

pub use super::load::{check_pack_size, load_pack_file, load_pack_str, MAX_PACK_BYTES};

/// 国家 / 省 / 市 level of the issuing authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackLevel {
    Provincial,
    City,
}

/// Whether the engine checks the programme's conditions, or the pack only points to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Full,
    ReferenceOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Document {
    pub title: String,
    pub short: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Contact {
    pub purpose: String,
    pub unit: String,
    pub people: Vec<String>,
    pub phones: Vec<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct Submission {
    pub channel: Option<String>,
    pub online_system: Option<String>,
    pub recipient: Option<String>,
    pub address: Option<String>,
    pub requirements: Vec<String>,
    /// Parcel items besides 申请书 and 印证材料, from the notice.
    pub enclosures: Vec<String>,
    /// Checks before mailing, from the notice.
    pub checks: Vec<String>,
    /// Printed duplex (双面打印): each supporting material starts on an odd page.
    pub duplex: bool,
    /// Where the paper needs whose signature or seal, from the notice.
    pub signatures: Vec<Signature>,
}

/// One place of the paper application that needs a signature or a unit's seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Signature {
    /// The paper it is on (申请书, 申请资格审查表, 共建协议, 推荐函).
    pub document: String,
    /// Where on it, e.g. 第一依托单位意见.
    pub place: Option<String>,
    pub by: Signer,
    /// Whose signature, e.g. 法定代表人签字.
    pub sign: Option<String>,
    /// The unit's seal.
    pub seal: bool,
    /// Only for these categories; every category when empty.
    pub categories: Vec<Category>,
    pub citation: Citation,
}

/// Which unit signs or seals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    /// The first host unit (第一依托单位).
    Lead,
    /// Every host unit but the first (共建依托单位), each on its own.
    CoBuilders,
    /// Every host unit, each on its own.
    Hosts,
    /// The lead's 归口管理部门.
    Supervising,
    /// The city government (所在市人民政府) of the application.
    City,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Citation {
    pub document: String,
    pub clause: String,
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "《{}》{}", self.document, self.clause)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Cultivation {
    pub id: String,
    pub note: String,
    pub citation: Citation,
    /// Clause prefixes of the conditions whose shortfall the note is about (e.g. "二（四）");
    /// empty: any hard criterion.
    #[serde(skip)]
    #[ts(skip)]
    pub covers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Field {
    pub name: String,
    pub sub_areas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Naming {
    pub pattern: String,
    pub citation: Option<Citation>,
}

/// The kind of a criterion (criteria.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Hard,
    Warn,
    Attest,
    Cross,
    /// 优先支持: met items are listed; unmet ones never change the verdict. Pack key `bonus`.
    #[serde(rename = "bonus")]
    PrioritySupport,
    /// A remark the app shows; never a condition.
    Note,
}

/// Which host units a host check covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Lead,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code_prefix: String,
    pub name: String,
}

/// A yes/no fact on a host unit, used by `any_host_flag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostFlag {
    ChainLeader,
    CityKeyLab,
    OutOfProvinceWithNationalPlatform,
    JingjinjiXiongan,
    /// 国家级或省级企业技术中心.
    ProvincialOrNationalTechCentre,
    HighTechEnterprise,
}

/// A query answered by the cross view (other applications and the registry of existing platforms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CrossCheck {
    OnePerYear,
    NotAlreadyBuilt,
    NoDoubleResources,
    StaffExclusive,
    NameUnique,
    /// Director or fixed staff of an existing platform; `cooling_off_years` after leaving.
    NoConcurrent {
        cooling_off_years: u32,
    },
    /// Recommendation letters from one city this year.
    RecommendationCount {
        max_per_city: u32,
    },
}

/// Platforms (existing ones, or what other applications' programmes build) a cross check
/// compares with: a union of sets, each these levels × these kinds (an empty list means any).
/// The legal scope is pack data (e.g. P1 二（四）3 names national TICs but only provincial
/// clinical research centres), never code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PlatformScope {
    pub sets: Vec<PlatformSet>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PlatformSet {
    #[serde(default)]
    pub kinds: Vec<PlatformKind>,
    #[serde(default)]
    pub levels: Vec<PlatformLevel>,
}

impl PlatformScope {
    /// One set: these kinds at these levels.
    pub fn new(kinds: &[PlatformKind], levels: &[PlatformLevel]) -> Self {
        PlatformScope { sets: vec![PlatformSet { kinds: kinds.to_vec(), levels: levels.to_vec() }] }
    }

    pub fn contains(&self, kind: PlatformKind, level: PlatformLevel) -> bool {
        self.sets.iter().any(|s| {
            (s.kinds.is_empty() || s.kinds.contains(&kind))
                && (s.levels.is_empty() || s.levels.contains(&level))
        })
    }

    /// The levels any set may match (all three when a set leaves levels open).
    pub fn levels(&self) -> Vec<PlatformLevel> {
        let all = [PlatformLevel::National, PlatformLevel::Provincial, PlatformLevel::City];
        all.into_iter()
            .filter(|l| self.sets.iter().any(|s| s.levels.is_empty() || s.levels.contains(l)))
            .collect()
    }
}

/// The legal scope of a cross criterion, from its pack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrossScope {
    /// Existing platforms compared with (`platforms = [...]`).
    pub platforms: Option<PlatformScope>,
    /// Applications that are peers, by what their programme builds and its level (`peers = [...]`).
    pub peers: Option<PlatformScope>,
}

/// The computation the engine performs for a criterion, with its thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Attest,
    /// The director's 全职全时 attestation, checked against the director's commitments found
    /// elsewhere (full time or director in another application of the year or an existing
    /// platform, or shares over the pack's `[commitment]` limit): confirmed and contradicted
    /// stays 待确认, never met.
    DirectorFullTime,
    Note,
    HostsAgreement,
    FixedStaffMin {
        min: i64,
    },
    DirectorAgeMax {
        max_years: i64,
    },
    DirectorTitle {
        titles: Vec<Title>,
    },
    DirectorRecord,
    DirectorEmployer,
    DirectorHonours,
    StaffEmployer,
    TeamQualityMin {
        min_percent: i64,
        education_min: Education,
        title_min: Title,
    },
    HostsLegalEntity,
    HostsCountMax {
        max: i64,
    },
    /// With `core_only`, only units marked as core members (联盟核心成员) count.
    HostsCountMin {
        min: i64,
        core_only: bool,
    },
    Registered {
        region: Region,
        scope: Scope,
        require_legal_person: bool,
        unit_kinds: Vec<UnitKind>,
    },
    LeadLedTasks,
    LeadOwnIp {
        require_applied: bool,
    },
    LeadShareMin {
        min_percent: i64,
    },
    OtherHostsStaffMin {
        min: i64,
    },
    EnterpriseLead,
    NonEnterpriseLead,
    SafetySelfCheck,
    /// Sites whose usage is one of `exclude_usages` are not counted; for the categories in
    /// `headquarters_only`, only sites marked 本部 count.
    AreaMin {
        min: AreaM2,
        exclude_usages: Vec<String>,
        headquarters_only: Vec<Category>,
    },
    InstrumentsMin {
        min: Yuan,
    },
    RdInvestmentMin {
        min: Yuan,
        years: i32,
    },
    DirectionsRange {
        min: i64,
        max: i64,
    },
    NameCharacters,
    NameNoEnterprise {
        strip_suffixes: Vec<String>,
    },
    NamePattern,
    FieldMembership,
    FieldInList,
    RecommendationLetter {
        max_per_city: u32,
    },
    AnyHostFlag {
        flag: HostFlag,
        scope: Scope,
    },
    /// Every one of these unit kinds is among the host (member) units.
    HostKindsPresent {
        kinds: Vec<UnitKind>,
    },
    Cross(CrossCheck),
}

/// When a criterion applies; empty lists mean "always".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applies {
    pub category: Vec<Category>,
    pub lead_kind: Vec<UnitKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Messages {
    pub met: Option<String>,
    pub unmet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub check: Check,
    pub citation: Citation,
    pub applies: Applies,
    pub exclusion: bool,
    pub or_attested: bool,
    pub messages: Messages,
    pub note: Option<String>,
    /// Section, fields, confirmation sentence and materials (`presentation`).
    pub shown: Shown,
    /// For cross criteria: which platforms and applications the check compares with.
    pub cross_scope: CrossScope,
    /// Checked in a co-builder's draft for the unit's own part (`cobuilder = true`).
    pub cobuilder: bool,
}

/// A validated programme pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub level: PackLevel,
    pub coverage: Coverage,
    /// What the programme builds, when the pack says: the class `one-per-year` compares.
    pub builds: Option<crate::model::PlatformKind>,
    pub document: Document,
    pub related_documents: Vec<Document>,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    pub effective_note: Option<String>,
    pub reference_date: Option<NaiveDate>,
    pub reference_note: Option<String>,
    pub online_deadline: Option<NaiveDate>,
    pub paper_deadline: Option<NaiveDate>,
    pub year_round: bool,
    pub dates_note: Option<String>,
    pub submission: Submission,
    pub contacts: Vec<Contact>,
    pub categories: Vec<Category>,
    pub cultivation: Option<Cultivation>,
    pub fields: Vec<Field>,
    pub naming: Option<Naming>,
    pub notes: Vec<String>,
    pub criteria: Vec<Criterion>,
    pub presentation: Presentation,
    /// The programme's own narrative similarity threshold (一稿多报), when its notice sets one.
    pub narrative_similarity: Option<NarrativeSimilarity>,
    /// The most one person's commitments may add up to in one year (`[commitment]`), when the
    /// programme's notice demands full-time or exclusive people.
    pub commitment: Option<CommitmentLimit>,
    /// Common mistakes shown in a wizard step's 帮助 (`[[mistakes]]`).
    pub mistakes: Vec<Mistake>,
}

/// A common mistake on one wizard step: what goes wrong and how to avoid it, with the clause it
/// comes from when a notice says it (none when it comes from experience, e.g. a typed digit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// One of `help::HELP_STEPS`.
    pub step: String,
    pub text: String,
    pub citation: Option<Citation>,
}

/// A share (whole percent, 1–100) of a narrative section found in another application's same
/// section from which the programme treats the text as copied, and the clause that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NarrativeSimilarity {
    pub percent: u32,
    pub citation: Citation,
}

/// The most (whole percent of one working year) a person's commitments to the applications of
/// one year and the existing platforms may add up to, and the clause that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommitmentLimit {
    pub max_percent: u32,
    pub citation: Citation,
}

impl Pack {
    /// The version of the programme's rules this pack models: its notice (title, 文号, date). Two
    /// packs of one id and one version are the same rules (a corrected file replaces the other);
    /// an application keeps the version it was checked with.
    pub fn version(&self) -> String {
        let date = self.document.date.map(|d| d.to_string()).unwrap_or_default();
        match &self.document.number {
            Some(n) => format!("{} {n} {date}", self.document.title).trim().to_string(),
            None => format!("{} {date}", self.document.title).trim().to_string(),
        }
    }

    /// What orders versions of one programme, oldest first: the first day in force, then the
    /// notice's date (a version without either is the oldest).
    pub fn recency(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (self.effective_from, self.document.date)
    }
}

/// The placeholder in a naming pattern.
pub const PLACEHOLDER: &str = "××";

/// The optional inputs (see `presentation::is_optional_input`) a check reads, whatever its
/// `fields` say: the window shows them only where the pack lists them in `presentation.inputs`.
pub fn inputs_read_by(check: &Check) -> &'static [&'static str] {
    match check {
        Check::Registered { .. } => &["hosts[].registered_region"],
        Check::HostsCountMin { core_only: true, .. } => &["hosts[].core_member"],
        Check::AreaMin { headquarters_only, .. } if !headquarters_only.is_empty() => {
            &["sites[].headquarters"]
        }
        _ => &[],
    }
}
