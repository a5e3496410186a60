//! Co-builder packages (共建单位材料包): the lead sends one co-builder the centre's basic
//! information and that unit's sections, the co-builder fills them in a draft of its own and
//! sends them back, the lead previews and merges the return. Owns the `shenbao.package` format
//! and the merge; the SQL lives in `store::packages`, the clock stays with the caller.
//!
//! Entry points: [`export_for_co_builder`], [`open_as_draft`], [`export_back`],
//! [`preview_return`], [`apply_return`], [`draft_check`]; [`to_json`] and [`from_json`].

mod evidence;
mod merge;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::duplicates::{self, Conflict, CrossParams, DuplicatesError};
use crate::interchange::{self, InterchangeError};
use crate::model::{
    Achievement, Application, Category, HostUnit, Instrument, Person, RdInvestment, RowId, Site,
};
use crate::rules::pack::{Check, Pack};
use crate::store::packages::IdPair;
use crate::store::{RowKind, Store, StoreError};
use crate::validate::{normalise_application, normalize_code, validate_application};

pub use evidence::PackageEvidenceChange;
pub use merge::{
    apply_return, preview_return, PackageChange, PackageDecisions, PackagePreview, PackageSummary,
    PackageTableChanges,
};

pub const PACKAGE_FORMAT: &str = "shenbao.package";
/// Version 2 carries supporting materials; version 1 (without them) is still read.
pub const PACKAGE_VERSION: u32 = 2;
/// The file extension the app offers when saving a package.
pub const PACKAGE_EXTENSION: &str = "shenbao";

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("第一依托单位的数据由牵头单位自己填写，不需要材料包：请选择一家共建单位（序号 1 及以后）")]
    LeadUnit,
    #[error("申报书中没有序号为 {index} 的依托单位（共 {count} 家，序号从 0 开始，0 为第一依托单位）")]
    NoSuchUnit { index: usize, count: usize },
    #[error("申报书 {0} 是共建单位草稿，只能导出返回牵头单位的材料包")]
    DraftToCoBuilder(RowId),
    #[error("申报书 {0} 不是从材料包打开的共建单位草稿：请指定要发给哪家共建单位（--unit N）")]
    NotADraft(RowId),
    #[error("草稿中找不到本单位（{uscc}）的依托单位信息：请恢复本单位的信息后再导出")]
    UnitMissing { uscc: String },
    #[error("该材料包属于另一份申报书（不在本数据库中），未导入：请在创建该材料包的申报通数据库中导入")]
    Foreign,
    #[error("该材料包来自本数据库中的申报书“{0}”，无需作为草稿打开：请把它发给共建单位")]
    OwnApplication(String),
    #[error("这是发给共建单位的材料包，不是共建单位返回的材料包：请在共建单位的申报通中打开它")]
    NotAReturn,
    #[error("这是共建单位返回牵头单位的材料包：请在牵头单位的申报通中导入它")]
    NotForCoBuilder,
    #[error("该材料包是旧版本（{found}），此前已导入过{last}，未作任何改动：请使用最新导出的材料包")]
    Stale { found: String, last: String },
    #[error("申报书中已找不到共建单位“{name}”（{uscc}）：请先恢复该依托单位，再导入它返回的数据")]
    UnitNotFound { name: String, uscc: String },
    #[error("材料包中有 {} 处错误：{}", .0.len(), .0.iter().take(5).map(|i| i.to_string()).collect::<Vec<_>>().join("；"))]
    Invalid(Vec<crate::validate::FieldIssue>),
    #[error("材料包中的印证材料“{file}”无法导入：{reason}")]
    Evidence { file: String, reason: String },
    #[error(transparent)]
    File(#[from] InterchangeError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Duplicates(#[from] DuplicatesError),
}

impl PackageError {
    /// Stable code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            PackageError::LeadUnit => "lead_unit",
            PackageError::NoSuchUnit { .. } => "no_such_unit",
            PackageError::DraftToCoBuilder(_) => "draft_package",
            PackageError::NotADraft(_) => "not_a_draft",
            PackageError::UnitMissing { .. } => "unit_missing",
            PackageError::Foreign => "foreign_package",
            PackageError::OwnApplication(_) => "own_package",
            PackageError::NotAReturn => "not_a_return",
            PackageError::NotForCoBuilder => "not_for_co_builder",
            PackageError::Stale { .. } => "stale_package",
            PackageError::UnitNotFound { .. } => "unit_not_found",
            PackageError::Invalid(_) => "invalid_package",
            PackageError::Evidence { .. } => "invalid_package",
            PackageError::File(e) => e.code(),
            PackageError::Store(e) => e.code(),
            PackageError::Duplicates(e) => e.code(),
        }
    }
}

pub type Result<T> = std::result::Result<T, PackageError>;

/// Which way a package travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackageDirection {
    /// From the lead to a co-builder (发给共建单位).
    ToCoBuilder,
    /// From a co-builder back to the lead (返回牵头单位).
    ToLead,
}

/// The centre's basic information, as the co-builder sees it (read-only in its draft).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PackageCentre {
    pub programme: String,
    pub category: Category,
    pub centre_name: String,
    pub field: String,
    pub sub_area: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reference_date: Option<NaiveDate>,
    pub lead_host_name: String,
}

/// One unit's sections: the unit itself and the rows it owns (people it employs; instruments,
/// sites, R&D investment and achievements it owns). Row ids are the lead's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PackageSections {
    pub unit: HostUnit,
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
}

/// A co-builder package (`*.shenbao`), tagged `"format": "shenbao.package", "version": 2`
/// (version 1, without supporting materials, is still read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub format: String,
    pub version: u32,
    pub direction: PackageDirection,
    /// The uid of the lead's application.
    pub origin: String,
    /// The unit's place among the lead's host units when the package was made (≥ 1).
    pub unit_index: usize,
    /// The lead's package counter for this unit (to a co-builder), or the draft's return
    /// counter (to the lead).
    pub revision: u32,
    /// The revision of the lead's package the rows are based on.
    pub base_revision: u32,
    /// RFC 3339.
    pub exported_at: String,
    pub centre: PackageCentre,
    /// The unit's rows as the lead sent them.
    pub base: PackageSections,
    /// The unit's rows now.
    pub rows: PackageSections,
    /// The unit's supporting materials as the lead sent them (item as `pack:<title>` or
    /// `item:<title>`, no contents): what a return's files are compared with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(skip)]
    pub evidence_base: Vec<crate::interchange::ArchivedFile>,
    /// The user's items the files below belong to (ids are the sender's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(skip)]
    pub evidence_items: Vec<crate::evidence::UserItem>,
    /// The unit's supporting materials now (item `pack:<title>` or `user:<sender's id>`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(skip)]
    pub evidence: Vec<crate::interchange::ArchivedFile>,
    /// The files' contents, base64, by SHA-256 (each once).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[ts(skip)]
    pub contents: std::collections::BTreeMap<String, String>,
}

impl Package {
    /// "第 2 版" for a package to a co-builder, "第 2.3 版" (the 3rd return on the 2nd package)
    /// for a return.
    pub fn revision_label(&self) -> String {
        match self.direction {
            PackageDirection::ToCoBuilder => format!("第 {} 版", self.revision),
            PackageDirection::ToLead => revision_label(self.base_revision, self.revision),
        }
    }
}

fn revision_label(base: u32, revision: u32) -> String {
    format!("第 {base}.{revision} 版")
}

/// What the draft remembers of the package it was opened from.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct LinkBase {
    unit_index: usize,
    centre: PackageCentre,
    base: PackageSections,
    /// The materials as received (see [`Package::evidence_base`]).
    #[serde(default)]
    evidence_base: Vec<crate::interchange::ArchivedFile>,
}

/// The package as text: stable key order, two-space indent, final newline.
pub fn to_json(package: &Package) -> String {
    let mut text = serde_json::to_string_pretty(package).expect("package serialises");
    text.push('\n');
    text
}

/// Reads a package: tag and version (1 or 2), then the shape (with the JSON path of a bad
/// value), then its supporting materials (each content against its SHA-256, read again as a
/// newly attached file is).
pub fn from_json(text: &str) -> Result<Package> {
    let value = interchange::parse_tagged_versions(text, PACKAGE_FORMAT, 1, PACKAGE_VERSION)?;
    let mut package: Package = interchange::from_value(value)?;
    evidence::check(&mut package)?;
    Ok(package)
}

fn rfc3339(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn same_unit(a: &str, b: &str) -> bool {
    let a = normalize_code(a);
    !a.is_empty() && a == normalize_code(b)
}

/// The sections of `unit` in `app`, with `app`'s row ids.
fn sections_of(app: &Application, unit: &HostUnit) -> PackageSections {
    let mine = |uscc: &str| same_unit(uscc, &unit.uscc);
    PackageSections {
        unit: unit.clone(),
        people: app.people.iter().filter(|p| p.employer_uscc.as_deref().is_some_and(mine)).cloned().collect(),
        instruments: app.instruments.iter().filter(|r| mine(&r.owner_uscc)).cloned().collect(),
        sites: app.sites.iter().filter(|r| mine(&r.owner_uscc)).cloned().collect(),
        rd_investments: app.rd_investments.iter().filter(|r| mine(&r.owner_uscc)).cloned().collect(),
        achievements: app.achievements.iter().filter(|r| mine(&r.owner_uscc)).cloned().collect(),
    }
}

/// An application holding only the centre's basic information and one unit's sections.
fn partial_application(centre: &PackageCentre, sections: &PackageSections, now: &str) -> Application {
    Application {
        programme: centre.programme.clone(),
        category: centre.category,
        centre_name: centre.centre_name.clone(),
        field: centre.field.clone(),
        sub_area: centre.sub_area.clone(),
        directions: Vec::new(),
        reference_date: centre.reference_date,
        city: String::new(),
        recommendation_letter: false,
        attestations: Default::default(),
        narratives: Default::default(),
        host_units: vec![sections.unit.clone()],
        people: sections.people.clone(),
        instruments: sections.instruments.clone(),
        sites: sections.sites.clone(),
        rd_investments: sections.rd_investments.clone(),
        achievements: sections.achievements.clone(),
        created_at: now.to_string(),
        updated_at: now.to_string(),
    }
}

/// Refuses rows a user could not have entered (bad codes, owners that are not the unit …).
fn check_rows(package: &Package) -> Result<()> {
    let mut app = partial_application(&package.centre, &package.rows, "");
    normalise_application(&mut app);
    let issues = crate::validate::errors_only(validate_application(&app));
    if issues.is_empty() {
        Ok(())
    } else {
        Err(PackageError::Invalid(issues))
    }
}

/// The package for co-builder `unit_index` (≥ 1) of application `id`: the centre's basic
/// information and that unit's sections. Each export counts as a new revision.
pub fn export_for_co_builder(
    store: &mut Store,
    id: RowId,
    unit_index: usize,
    now: DateTime<Utc>,
) -> Result<Package> {
    let app = store.load_application(id)?;
    if store.package_link(id)?.is_some() {
        return Err(PackageError::DraftToCoBuilder(id));
    }
    if unit_index == 0 {
        return Err(PackageError::LeadUnit);
    }
    let unit = app
        .host_units
        .get(unit_index)
        .ok_or(PackageError::NoSuchUnit { index: unit_index, count: app.host_units.len() })?;
    let sections = sections_of(&app, unit);
    let carried = evidence::for_co_builder(store, id, &app, unit)?;
    let revision = store.next_package_revision(id, &normalize_code(&unit.uscc))?;
    Ok(Package {
        format: PACKAGE_FORMAT.into(),
        version: PACKAGE_VERSION,
        direction: PackageDirection::ToCoBuilder,
        origin: store.application_uid(id)?,
        unit_index,
        revision,
        base_revision: revision,
        exported_at: rfc3339(now),
        centre: PackageCentre {
            programme: app.programme.clone(),
            category: app.category,
            centre_name: app.centre_name.clone(),
            field: app.field.clone(),
            sub_area: app.sub_area.clone(),
            reference_date: app.reference_date,
            lead_host_name: app.lead_host().map(|h| h.name.clone()).unwrap_or_default(),
        },
        base: sections.clone(),
        rows: sections,
        evidence_base: carried.base(),
        evidence_items: carried.items,
        evidence: carried.files,
        contents: carried.contents,
    })
}

/// The outcome of opening a package on the co-builder's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct OpenedDraft {
    pub draft_id: RowId,
    /// The same package was opened before: nothing was written.
    pub already_open: bool,
}

impl OpenedDraft {
    /// What to tell the user.
    pub fn message(&self) -> String {
        if self.already_open {
            format!("该材料包已打开过（草稿编号 {}），未作任何改动", self.draft_id)
        } else {
            format!("已打开为共建单位草稿（编号 {}）", self.draft_id)
        }
    }
}

/// Opens a package sent to a co-builder as a draft application holding the centre's basic
/// information, the unit and its rows; the draft remembers where it came from. Opening the same
/// package again writes nothing; a newer package from the lead opens as a new draft.
pub fn open_as_draft(store: &mut Store, package: &Package) -> Result<OpenedDraft> {
    if package.direction != PackageDirection::ToCoBuilder {
        return Err(PackageError::NotForCoBuilder);
    }
    if let Some(own) = store.application_by_uid(&package.origin)? {
        return Err(PackageError::OwnApplication(store.load_application(own)?.centre_name));
    }
    let unit_uscc = normalize_code(&package.rows.unit.uscc);
    if let Some((draft_id, revision)) = store.package_draft(&package.origin, &unit_uscc)? {
        if revision == package.revision {
            return Ok(OpenedDraft { draft_id, already_open: true });
        }
        if revision > package.revision {
            return Err(PackageError::Stale {
                found: package.revision_label(),
                last: format!("第 {revision} 版（草稿编号 {draft_id}）"),
            });
        }
    }
    check_rows(package)?;
    let app = partial_application(&package.centre, &package.rows, &package.exported_at);
    let base = LinkBase {
        unit_index: package.unit_index,
        centre: package.centre.clone(),
        base: package.base.clone(),
        evidence_base: package.evidence_base.clone(),
    };
    let base = serde_json::to_string(&base).expect("package serialises");
    let decoded = evidence::decode(package);
    let writes = evidence::draft_writes(package, &decoded, &unit_uscc);
    let draft_id =
        store.insert_package_draft(&app, &package.origin, &unit_uscc, package.revision, &base, &writes)?;
    Ok(OpenedDraft { draft_id, already_open: false })
}

/// The return package of a co-builder draft: the unit's rows now, each with the lead's row id
/// it was received as (none for a row added in the draft), beside the rows as received.
pub fn export_back(store: &mut Store, draft_id: RowId, now: DateTime<Utc>) -> Result<Package> {
    let app = store.load_application(draft_id)?;
    let link = store.package_link(draft_id)?.ok_or(PackageError::NotADraft(draft_id))?;
    let base: LinkBase = serde_json::from_str(&link.base).map_err(|e| StoreError::Corrupt {
        table: "package_links",
        id: draft_id,
        reason: e.to_string(),
    })?;
    let lead_id = |kind: RowKind, draft: Option<RowId>| -> Option<RowId> {
        let draft = draft?;
        link.id_map.iter().find(|p: &&IdPair| p.kind == kind && p.draft == draft).map(|p| p.lead)
    };
    let unit = app
        .host_units
        .iter()
        .find(|h| lead_id(RowKind::HostUnit, h.id).is_some())
        .or_else(|| app.host_units.iter().find(|h| same_unit(&h.uscc, &link.unit_uscc)))
        .ok_or_else(|| PackageError::UnitMissing { uscc: link.unit_uscc.clone() })?;
    let mut rows = sections_of(&app, unit);
    rows.unit.id = lead_id(RowKind::HostUnit, rows.unit.id).or(base.base.unit.id);
    rows.people.iter_mut().for_each(|r| r.id = lead_id(RowKind::Person, r.id));
    rows.instruments.iter_mut().for_each(|r| r.id = lead_id(RowKind::Instrument, r.id));
    rows.sites.iter_mut().for_each(|r| r.id = lead_id(RowKind::Site, r.id));
    rows.rd_investments.iter_mut().for_each(|r| r.id = lead_id(RowKind::RdInvestment, r.id));
    rows.achievements.iter_mut().for_each(|r| r.id = lead_id(RowKind::Achievement, r.id));
    let carried = evidence::from_draft(store, draft_id)?;
    let revision = store.next_return_revision(draft_id)?;
    Ok(Package {
        format: PACKAGE_FORMAT.into(),
        version: PACKAGE_VERSION,
        direction: PackageDirection::ToLead,
        origin: link.origin_uid,
        unit_index: base.unit_index,
        revision,
        base_revision: link.revision,
        exported_at: rfc3339(now),
        centre: base.centre,
        base: base.base,
        rows,
        evidence_base: base.evidence_base,
        evidence_items: carried.items,
        evidence: carried.files,
        contents: carried.contents,
    })
}

/// What concerns a co-builder while it fills its draft: its fixed staff count against the
/// programme's `other-hosts-staff` threshold, and its rows already claimed elsewhere in its own
/// database (other applications, existing platforms). The rest of the programme's criteria need
/// the whole application and are the lead's to check.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DraftCheck {
    pub unit_name: String,
    pub unit_uscc: String,
    /// Directors, deputies and fixed staff employed by the unit.
    pub fixed_staff: i64,
    /// The programme's least fixed staff per co-builder, when it has that criterion.
    #[ts(optional)]
    pub fixed_staff_min: Option<i64>,
    /// The fixed staff count in words, with the threshold and its citation.
    pub fixed_staff_message: String,
    pub conflicts: Vec<Conflict>,
}

/// The live check of a co-builder draft (see [`DraftCheck`]); `pack` is the draft's programme.
pub fn draft_check(
    store: &Store,
    draft_id: RowId,
    pack: Option<&Pack>,
    params: &CrossParams,
) -> Result<DraftCheck> {
    let link = store.package_link(draft_id)?.ok_or(PackageError::NotADraft(draft_id))?;
    let app = store.load_application(draft_id)?;
    let unit = app
        .host_units
        .iter()
        .find(|h| same_unit(&h.uscc, &link.unit_uscc))
        .or(app.host_units.first())
        .ok_or_else(|| PackageError::UnitMissing { uscc: link.unit_uscc.clone() })?;
    let fixed_staff = app
        .people
        .iter()
        .filter(|p| p.role.is_fixed() && p.employer_uscc.as_deref().is_some_and(|u| same_unit(u, &unit.uscc)))
        .count() as i64;
    let criterion = pack.and_then(|pack| {
        pack.criteria.iter().find_map(|c| match c.check {
            Check::OtherHostsStaffMin { min } => Some((min, c.citation.to_string())),
            _ => None,
        })
    });
    let fixed_staff_message = match &criterion {
        Some((min, citation)) if fixed_staff < *min => format!(
            "本单位固定人员 {fixed_staff} 人，尚差 {} 人：共建单位固定人员每家不少于 {min} 人（{citation}）",
            min - fixed_staff
        ),
        Some((min, citation)) => {
            format!("本单位固定人员 {fixed_staff} 人，满足每家不少于 {min} 人的要求（{citation}）")
        }
        None => format!("本单位固定人员 {fixed_staff} 人"),
    };
    let conflicts = duplicates::conflicts_for_application(store, draft_id, params)?;
    Ok(DraftCheck {
        unit_name: unit.name.clone(),
        unit_uscc: unit.uscc.clone(),
        fixed_staff,
        fixed_staff_min: criterion.map(|(min, _)| min),
        fixed_staff_message,
        conflicts,
    })
}
