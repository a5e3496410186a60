//! The pack file exactly as written (TOML), with source spans; no meaning checked here.
//! Every struct refuses unknown keys; `load` turns this into the engine's `Pack`.

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub issuer: Spanned<String>,
    /// provincial / city
    pub level: Spanned<String>,
    /// "full" (the engine checks the conditions) or "reference_only" (P7: only points to a document).
    #[serde(default)]
    pub coverage: Option<Spanned<String>>,
    /// What the programme builds (key_lab, tic, clinical_centre, engineering_centre, pilot_base,
    /// other): the class `one-per-year` compares against the registry.
    #[serde(default)]
    pub builds: Option<Spanned<String>>,
    pub document: Spanned<RawDocument>,
    #[serde(default)]
    pub related_documents: Vec<Spanned<RawDocument>>,
    pub effective: Spanned<RawEffective>,
    #[serde(default)]
    pub dates: Option<Spanned<RawDates>>,
    #[serde(default)]
    pub submission: Option<Spanned<RawSubmission>>,
    #[serde(default)]
    pub contacts: Vec<Spanned<RawContact>>,
    #[serde(default)]
    pub categories: Option<Spanned<RawCategories>>,
    #[serde(default)]
    pub fields: Vec<Spanned<RawField>>,
    #[serde(default)]
    pub naming: Option<Spanned<RawNaming>>,
    #[serde(default)]
    pub notes: Vec<Spanned<String>>,
    #[serde(default)]
    pub criteria: Vec<Spanned<RawCriterion>>,
    /// How the window and the PDF name the platform and which optional inputs they show.
    #[serde(default)]
    pub presentation: Option<Spanned<RawPresentation>>,
    /// The share of a narrative section found in another application's from which the programme
    /// treats it as copied (一稿多报), with its clause.
    #[serde(default)]
    pub narrative_similarity: Option<Spanned<RawNarrativeSimilarity>>,
    /// The most one person may be committed across applications of one year and existing
    /// platforms (全职全时), with its clause.
    #[serde(default)]
    pub commitment: Option<Spanned<RawCommitment>>,
    /// Common mistakes per wizard step, shown in its 帮助.
    #[serde(default)]
    pub mistakes: Vec<Spanned<RawMistake>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNarrativeSimilarity {
    /// Whole percent, 1–100.
    pub percent: Spanned<i64>,
    #[serde(default)]
    pub citation: Option<Spanned<RawCitation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitment {
    /// Whole percent of one person's working year, 1–100.
    pub max_percent: Spanned<i64>,
    #[serde(default)]
    pub citation: Option<Spanned<RawCitation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMistake {
    /// The wizard step (basic … attest, materials, export).
    pub step: Spanned<String>,
    pub text: Spanned<String>,
    /// Where a notice says it; a document named here must be one of the pack's documents.
    #[serde(default)]
    pub citation: Option<Spanned<RawCitation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPresentation {
    /// The platform noun, e.g. "中心", "基地", "联盟".
    pub platform: Spanned<String>,
    /// The label of the platform's name, e.g. "基地名称".
    pub name_label: Spanned<String>,
    /// The label of its head, e.g. "基地主任".
    pub director_label: Spanned<String>,
    /// Optional inputs this programme uses (`presentation::FIELDS` marked optional).
    #[serde(default)]
    pub inputs: Vec<Spanned<String>>,
    /// The commitment printed on the signature page, from the notice.
    #[serde(default)]
    pub commitment: Option<Spanned<String>>,
}

/// A supporting material (印证材料) that evidences a criterion.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMaterial {
    pub title: Spanned<String>,
    /// Whether the material must be enclosed (default true).
    #[serde(default)]
    pub required: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub title: Spanned<String>,
    /// Short name used in citations, e.g. "2024年省创中心申报通知".
    pub short: Spanned<String>,
    #[serde(default)]
    pub number: Option<Spanned<String>>,
    #[serde(default)]
    pub date: Option<Spanned<Datetime>>,
    /// The seed file the facts were taken from.
    #[serde(default)]
    pub source: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffective {
    #[serde(default)]
    pub from: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub until: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDates {
    /// Default reference date for ages and periods.
    #[serde(default)]
    pub reference: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub reference_note: Option<Spanned<String>>,
    #[serde(default)]
    pub online_deadline: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub paper_deadline: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub year_round: Option<Spanned<bool>>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSubmission {
    #[serde(default)]
    pub channel: Option<Spanned<String>>,
    #[serde(default)]
    pub online_system: Option<Spanned<String>>,
    #[serde(default)]
    pub recipient: Option<Spanned<String>>,
    #[serde(default)]
    pub address: Option<Spanned<String>>,
    #[serde(default)]
    pub requirements: Vec<Spanned<String>>,
    /// Further items of the parcel besides 申请书 and 印证材料 (e.g. the signed 申请资格审查表).
    #[serde(default)]
    pub enclosures: Vec<Spanned<String>>,
    /// Things to check before mailing, from the notice (e.g. 所有材料已经脱密处理).
    #[serde(default)]
    pub checks: Vec<Spanned<String>>,
    /// The notice asks for duplex printing: each supporting material starts on an odd page.
    #[serde(default)]
    pub duplex: bool,
    /// Where the paper needs whose signature or seal (`[[submission.signatures]]`).
    #[serde(default)]
    pub signatures: Vec<Spanned<RawSignature>>,
}

/// One place of the paper application that needs a signature or a seal.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignature {
    /// The paper it is on: 申请书, 申请资格审查表, 共建协议, 推荐函.
    pub document: Spanned<String>,
    /// Where on it (the opinion box or page), if the document has several.
    #[serde(default)]
    pub place: Option<Spanned<String>>,
    /// Who: lead, co_builders, hosts, supervising (the lead's 归口管理部门), city (its 市政府).
    pub by: Spanned<String>,
    /// Whose signature, e.g. 法定代表人签字; absent when only the seal is needed.
    #[serde(default)]
    pub sign: Option<Spanned<String>>,
    /// The unit's seal (盖章).
    #[serde(default)]
    pub seal: bool,
    /// Only for these categories (comprehensive / field); every category when absent.
    #[serde(default)]
    pub categories: Vec<Spanned<String>>,
    #[serde(default)]
    pub citation: Option<Spanned<RawCitation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub purpose: Spanned<String>,
    pub unit: Spanned<String>,
    #[serde(default)]
    pub people: Vec<Spanned<String>>,
    #[serde(default)]
    pub phones: Vec<Spanned<String>>,
    #[serde(default)]
    pub address: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategories {
    /// comprehensive / field
    pub allowed: Vec<Spanned<String>>,
    /// Cultivation (筹建) allowed when not every hard criterion is met.
    #[serde(default)]
    pub cultivation: Option<Spanned<RawCultivation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCultivation {
    pub id: Spanned<String>,
    pub note: Spanned<String>,
    #[serde(default)]
    pub citation: Option<Spanned<RawCitation>>,
    /// Clause prefixes of the construction requirements the note is about, e.g. ["二（四）"].
    #[serde(default)]
    pub covers: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    pub name: Spanned<String>,
    #[serde(default)]
    pub sub_areas: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNaming {
    /// e.g. "山西省××技术创新中心"; "××" stands for the centre's own words.
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub citation: Option<Spanned<RawCitation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCitation {
    #[serde(default)]
    pub document: Option<Spanned<String>>,
    #[serde(default)]
    pub clause: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuantity {
    #[serde(default)]
    pub value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    #[serde(default)]
    pub min: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub max: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    /// Leading digits of the administrative division code (USCC chars 3–8), e.g. "14".
    pub code_prefix: Spanned<String>,
    /// The region's name as written in a declared registration place, e.g. "山西".
    pub name: Spanned<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApplies {
    #[serde(default)]
    pub category: Vec<Spanned<String>>,
    #[serde(default)]
    pub lead_kind: Vec<Spanned<String>>,
}

/// One set of platforms a cross check compares with: these levels × these kinds (empty: any).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlatformSet {
    #[serde(default)]
    pub levels: Vec<Spanned<String>>,
    #[serde(default)]
    pub kinds: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMessages {
    #[serde(default)]
    pub met: Option<Spanned<String>>,
    #[serde(default)]
    pub unmet: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub kind: Spanned<String>,
    pub check: Spanned<String>,
    #[serde(default)]
    pub citation: Option<Spanned<RawCitation>>,
    #[serde(default)]
    pub applies: Option<Spanned<RawApplies>>,
    #[serde(default)]
    pub threshold: Option<Spanned<RawQuantity>>,
    #[serde(default)]
    pub range: Option<Spanned<RawRange>>,
    #[serde(default)]
    pub region: Option<Spanned<RawRegion>>,
    /// Which hosts a host check covers: "lead" (default) or "all".
    #[serde(default)]
    pub scope: Option<Spanned<String>>,
    #[serde(default)]
    pub require_legal_person: Option<Spanned<bool>>,
    /// Host kinds allowed (enterprise / university / research_institute / other).
    #[serde(default)]
    pub unit_kinds: Vec<Spanned<String>>,
    /// Titles that satisfy a title check.
    #[serde(default)]
    pub titles: Vec<Spanned<String>>,
    #[serde(default)]
    pub education_min: Option<Spanned<String>>,
    #[serde(default)]
    pub title_min: Option<Spanned<String>>,
    /// For `rd_investment_min`: how many calendar years before the reference year.
    #[serde(default)]
    pub years: Option<Spanned<RawQuantity>>,
    /// For `lead_own_ip`: the results must also have been applied.
    #[serde(default)]
    pub require_applied: Option<Spanned<bool>>,
    /// For `any_host_flag`.
    #[serde(default)]
    pub flag: Option<Spanned<String>>,
    /// For `name_no_enterprise`: suffixes stripped from enterprise names.
    #[serde(default)]
    pub strip_suffixes: Vec<Spanned<String>>,
    /// For cross checks with a waiting period (P4 no-concurrent).
    #[serde(default)]
    pub cooling_off: Option<Spanned<RawQuantity>>,
    /// For `hosts_count_min`: count only units marked as core members.
    #[serde(default)]
    pub core_members_only: Option<Spanned<bool>>,
    /// For `area_min`: site usages (用途) not counted, e.g. ["办公"].
    #[serde(default)]
    pub exclude_usages: Vec<Spanned<String>>,
    /// For `area_min`: categories for which only the headquarters' (本部) sites count.
    #[serde(default)]
    pub headquarters_only: Vec<Spanned<String>>,
    /// For cross checks: the existing platforms (registry) the check compares with; for
    /// `registry_no_double_resources`, those whose claim on a resource is an exclusion.
    #[serde(default)]
    pub platforms: Option<Spanned<Vec<RawPlatformSet>>>,
    /// For `registry_one_per_year`: the other applications that are peers, by what their
    /// programme builds and its level.
    #[serde(default)]
    pub peers: Option<Spanned<Vec<RawPlatformSet>>>,
    /// An unmet exclusion makes the application 不可申报.
    #[serde(default)]
    pub exclusion: Option<Spanned<bool>>,
    /// An attested bonus / flag counts as met.
    #[serde(default)]
    pub or_attested: Option<Spanned<bool>>,
    #[serde(default)]
    pub messages: Option<Spanned<RawMessages>>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// The wizard step whose data decides the criterion (`presentation::Section`).
    #[serde(default)]
    pub section: Option<Spanned<String>>,
    /// The application fields it is about (`presentation::FIELDS`), e.g. "director.birth_date".
    #[serde(default)]
    pub fields: Vec<Spanned<String>>,
    /// The sentence the applicant confirms (attestations and confirmable bonus items).
    #[serde(default)]
    pub confirm: Option<Spanned<String>>,
    /// The supporting materials that evidence it.
    #[serde(default)]
    pub materials: Vec<Spanned<RawMaterial>>,
    /// Whether a co-builder's own part must satisfy it (checked in its draft); the other
    /// criteria are the centre's, judged by the lead when it merges the parts.
    #[serde(default)]
    pub cobuilder: Option<Spanned<bool>>,
}
