//! The application model: every fact a programme criterion needs, as plain data.
//! No I/O and no validation here; the store persists it, `validate` checks it, `rules` reads it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::quantity::{AreaM2, Yuan};

/// Row id of a record inside the database. Absent in interchange documents.
pub type RowId = i64;

/// One application (申报) with everything in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Programme pack id, e.g. "P1".
    pub programme: String,
    pub category: Category,
    pub centre_name: String,
    /// 所属领域, e.g. "材料".
    pub field: String,
    /// 细分领域, e.g. "碳基新材料".
    pub sub_area: String,
    /// 研究方向, in order.
    #[serde(default)]
    pub directions: Vec<Direction>,
    /// The date ages and periods are computed on; the pack's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reference_date: Option<NaiveDate>,
    /// 所在市（综合类推荐函的出函市）.
    #[serde(default)]
    pub city: String,
    /// 综合类: a letter of recommendation from the city government is attached.
    #[serde(default)]
    pub recommendation_letter: bool,
    /// Criterion id -> the applicant confirmed it (申请人确认).
    #[serde(default)]
    pub attestations: BTreeMap<String, bool>,
    /// Narrative section key -> long text.
    #[serde(default)]
    pub narratives: BTreeMap<String, String>,
    /// Host units in order; the first is the lead host (第一依托单位).
    #[serde(default)]
    pub host_units: Vec<HostUnit>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub instruments: Vec<Instrument>,
    #[serde(default)]
    pub sites: Vec<Site>,
    #[serde(default)]
    pub rd_investments: Vec<RdInvestment>,
    #[serde(default)]
    pub achievements: Vec<Achievement>,
    /// RFC 3339 timestamps, kept through export and import.
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 综合类
    Comprehensive,
    /// 领域类
    Field,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Enterprise,
    University,
    ResearchInstitute,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlatformLevel {
    National,
    Provincial,
    City,
}

/// 依托单位.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct HostUnit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub name: String,
    /// 统一社会信用代码, normalised.
    pub uscc: String,
    pub kind: UnitKind,
    pub independent_legal_person: bool,
    /// Declared registration place (登记地), e.g. "山西省吕梁市": it decides where the unit is
    /// registered; the USCC's division code only confirms it.
    #[serde(default)]
    pub registered_region: String,
    /// An alliance's core member (联盟核心成员); only programmes that count core members read it.
    #[serde(default)]
    pub core_member: bool,
    #[serde(default)]
    pub high_tech_enterprise: bool,
    /// 规模以上企业且建有专门研发机构.
    #[serde(default)]
    pub above_scale_with_rd_institution: bool,
    /// 省级以上重点学科（临床重点专科）或博士学位授予点.
    #[serde(default)]
    pub key_discipline_or_doctoral: bool,
    /// 牵头承担过国家或省部级科技任务.
    #[serde(default)]
    pub led_national_or_provincial_tasks: bool,
    #[serde(default)]
    pub own_ip: bool,
    /// 产生获得应用的创新成果.
    #[serde(default)]
    pub applied_results: bool,
    /// 企业技术中心级别.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tech_centre_level: Option<PlatformLevel>,
    /// 省重点产业链链主链核企业.
    #[serde(default)]
    pub chain_leader: bool,
    /// 已获批其他部门或市重点实验室.
    #[serde(default)]
    pub city_key_lab: bool,
    /// 省外单位且拥有国家级科技创新平台.
    #[serde(default)]
    pub out_of_province_with_national_platform: bool,
    /// 京津冀 / 雄安 优势科研单位.
    #[serde(default)]
    pub jingjinji_xiongan: bool,
    #[serde(default)]
    pub agreement_signed: bool,
    /// 归口管理部门.
    #[serde(default)]
    pub supervising_department: String,
    /// Already hosts a provincial key lab or TIC (安全自查 applies).
    #[serde(default)]
    pub has_provincial_platform: bool,
    #[serde(default)]
    pub safety_self_check_done: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 居民身份证
    ResidentId,
    Passport,
    /// 港澳居民来往内地通行证 / 居住证
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证 / 居住证
    TaiwanPermit,
    /// 外国人永久居留身份证
    ForeignPermanentResident,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IdDocument {
    pub kind: IdKind,
    pub number: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    Other,
    /// 大专
    College,
    Bachelor,
    Master,
    Doctorate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Title {
    None,
    Junior,
    Intermediate,
    AssociateSenior,
    FullSenior,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Director,
    DeputyDirector,
    Fixed,
    Visiting,
}

/// A full-time year in the unit of [`Person::share`].
pub const FULL_SHARE: u32 = 1200;
/// One percent of a full-time year in the unit of [`Person::share`].
pub const PERCENT_SHARE: u32 = FULL_SHARE / 100;
/// One month a year in the unit of [`Person::share`] (a calendar year has twelve months).
pub const MONTH_SHARE: u32 = FULL_SHARE / 12;

/// A share as the user reads it: "50%", or "每年 5 个月" when it is not a whole percent.
pub fn share_label(units: u32) -> String {
    if units.is_multiple_of(PERCENT_SHARE) {
        format!("{}%", units / PERCENT_SHARE)
    } else if units.is_multiple_of(MONTH_SHARE) {
        format!("每年 {} 个月", units / MONTH_SHARE)
    } else {
        format!("{}/{} 年", units, FULL_SHARE)
    }
}

impl Person {
    /// The person's commitment to the centre in 1/1200 of a year: full time is [`FULL_SHARE`];
    /// `None` for a part-time share not stated.
    pub fn commitment(&self) -> Option<u32> {
        if self.full_time {
            Some(FULL_SHARE)
        } else {
            self.share
        }
    }
}

impl Role {
    /// Directors and deputies are fixed staff too.
    pub fn is_fixed(self) -> bool {
        !matches!(self, Role::Visiting)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Honour {
    /// 中国科学院院士
    CasAcademician,
    /// 中国工程院院士
    CaeAcademician,
    /// 国家杰出青年科学基金获得者
    NsfcDistinguishedYoung,
    /// Other high-level national talent programmes
    OtherNationalTalent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub name: String,
    pub id_doc: IdDocument,
    /// Derived from a resident ID; required for other documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gender: Option<Gender>,
    /// USCC of the host unit employing this person; absent when the employer is not a host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub employer_uscc: Option<String>,
    /// Employer name when not a host unit.
    #[serde(default)]
    pub employer_name: String,
    pub education: Education,
    pub title: Title,
    pub role: Role,
    /// 全职: the person works full time for the centre (a share is then not given).
    pub full_time: bool,
    /// 兼职: the share of a full-time year the person gives the centre, in 1/1200 of a year
    /// (exact for both ways of stating it: 1 % = 12, one month a year = 100; full time = 1200).
    /// Absent when full time, or when a part-time share was not stated (rows saved before
    /// shares existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub share: Option<u32>,
    #[serde(default)]
    pub discipline: String,
    #[serde(default)]
    pub honours: Vec<Honour>,
    /// 省部级以上科技奖励（第一完成人）.
    #[serde(default)]
    pub awards_first_completer: Vec<String>,
    /// 省部级以上科技计划项目（第一负责人）.
    #[serde(default)]
    pub projects_first_pi: Vec<String>,
}

/// 科研仪器设备.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub name: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub serial_number: String,
    #[serde(default)]
    pub asset_number: String,
    pub owner_uscc: String,
    /// 原值, 元.
    pub original_value: Yuan,
    /// 放置地点.
    #[serde(default)]
    pub site: String,
}

/// 研发场地.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Site {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub address: String,
    #[serde(default)]
    pub building_room: String,
    pub area: AreaM2,
    pub owner_uscc: String,
    /// 用途, e.g. 实验室 / 中试车间 / 办公.
    #[serde(default)]
    pub usage: String,
    /// Part of the centre's headquarters (中心本部), as opposed to a sub-institute's site.
    #[serde(default)]
    pub headquarters: bool,
}

/// 研发投入 of one unit in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RdInvestment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub owner_uscc: String,
    pub year: i32,
    pub amount: Yuan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AchievementKind {
    InventionPatent,
    UtilityPatent,
    DesignPatent,
    Software,
    Standard,
    Award,
    Paper,
    Other,
}

/// 成果 / 自主知识产权.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub kind: AchievementKind,
    /// Patent number, certificate number, standard number …
    #[serde(default)]
    pub identifier: String,
    pub title: String,
    pub owner_uscc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub date: Option<NaiveDate>,
    /// 已获得应用.
    #[serde(default)]
    pub applied: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlatformKind {
    /// 重点实验室
    KeyLab,
    /// 技术创新中心
    Tic,
    /// 临床医学研究中心
    ClinicalCentre,
    /// 工程（技术）研究中心
    EngineeringCentre,
    /// 中试基地
    PilotBase,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Director,
    Fixed,
}

/// A person's membership of an existing platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlatformMember {
    pub name: String,
    pub id_doc: IdDocument,
    pub role: MemberRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub joined: Option<NaiveDate>,
    /// When the person left the platform; absent while still a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub left: Option<NaiveDate>,
}

/// 已建平台: the registry used by duplicate detection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExistingPlatform {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<RowId>,
    pub name: String,
    pub level: PlatformLevel,
    pub kind: PlatformKind,
    pub host_name: String,
    #[serde(default)]
    pub host_uscc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub approval_date: Option<NaiveDate>,
    /// Director and fixed staff, with join and leave dates.
    #[serde(default)]
    pub members: Vec<PlatformMember>,
    #[serde(default)]
    pub instruments: Vec<Instrument>,
    #[serde(default)]
    pub sites: Vec<Site>,
}

impl Application {
    /// The lead host (第一依托单位), if any host is entered.
    pub fn lead_host(&self) -> Option<&HostUnit> {
        self.host_units.first()
    }

    /// The fixed staff (固定人员) as listed: everyone but the visiting staff.
    pub fn fixed_staff_count(&self) -> usize {
        self.people.iter().filter(|p| p.role.is_fixed()).count()
    }

    /// The director (中心主任), if one person has that role.
    pub fn director(&self) -> Option<&Person> {
        self.people.iter().find(|p| p.role == Role::Director)
    }

    /// Drops every database row id, giving the pure interchange form.
    pub fn without_row_ids(mut self) -> Self {
        self.directions.iter_mut().for_each(|r| r.id = None);
        self.host_units.iter_mut().for_each(|r| r.id = None);
        self.people.iter_mut().for_each(|r| r.id = None);
        self.instruments.iter_mut().for_each(|r| r.id = None);
        self.sites.iter_mut().for_each(|r| r.id = None);
        self.rd_investments.iter_mut().for_each(|r| r.id = None);
        self.achievements.iter_mut().for_each(|r| r.id = None);
        self
    }
}

/// What one line of a comparison is: a row or a field added, removed or changed. The history,
/// the comparison with a sealed version, a co-builder's returned package and the difference between
/// two versions of a pack all say it in these words (`labels`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// Which roster a file fills (what an import reads; the import itself is `crate::import`'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// 人员名单
    Staff,
    /// 科研仪器设备
    Instruments,
    /// 研发场地
    Sites,
    /// 成果
    Achievements,
    /// 已建平台名录 (the registry, not an application's roster): one row per platform, or one
    /// per member with the platform's columns repeated.
    Platforms,
}

impl ImportKind {
    pub fn name(self) -> &'static str {
        match self {
            ImportKind::Staff => "staff",
            ImportKind::Instruments => "instruments",
            ImportKind::Sites => "sites",
            ImportKind::Achievements => "achievements",
            ImportKind::Platforms => "platforms",
        }
    }
}
