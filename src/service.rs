//! Use cases shared by the CLI and the desktop shell: choose the pack, check an application
//! against it (with the registry view over the local database), and export its documents.
//! The edges (CLI, shell) read the clock and the file system; the functions here take both as
//! arguments where they matter.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::duplicates::{self, Conflict, CrossParams, DuplicatesError, Owner, Side};
use crate::model::{Application, IdDocument, IdKind, RowId};
use crate::pdf::{self, PdfError, Which};
use crate::rules::{self, Assessment, Pack, PackError, RegistryView};
use crate::store::user_packs::StoredPack;
use crate::store::{Record, RowData, Store, StoreError};
use crate::validate::{self, FieldIssue};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error("申报类型“{programme}”没有内置规则包：请在“申报类型”中选择 P1–P7，或导入对应的规则包文件")]
    UnknownProgramme { programme: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Duplicates(#[from] DuplicatesError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("无法写入文件“{path}”：{reason}")]
    Write { path: String, reason: String },
    #[error("没有导入过编号为“{id}”的申报规则")]
    UserPackNotFound { id: String },
    #[error("证件“{text}”无法识别：{reason}")]
    BadDocument { text: String, reason: String },
    #[error("两份证件相同：关联须是同一人的两份不同证件（如身份证和护照）")]
    SameDocument,
    #[error("找不到冲突中的人员“{who}”：{reason}，请在冲突报告刷新后重试")]
    PersonNotFound { who: String, reason: String },
}

impl ServiceError {
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::Pack(e) => e.code(),
            ServiceError::UnknownProgramme { .. } => "unknown_programme",
            ServiceError::Store(e) => e.code(),
            ServiceError::Duplicates(e) => e.code(),
            ServiceError::Pdf(e) => e.code(),
            ServiceError::Write { .. } => "write_file",
            ServiceError::UserPackNotFound { .. } => "not_found",
            ServiceError::BadDocument { .. } => "bad_document",
            ServiceError::SameDocument => "same_document",
            ServiceError::PersonNotFound { .. } => "not_found",
        }
    }
}

/// The pack to check `app` against: a run-time pack file when given, else the built-in pack of
/// `programme` (or of the application's own programme).
pub fn choose_pack(
    app: &Application,
    programme: Option<&str>,
    pack_file: Option<&Path>,
) -> Result<Pack, ServiceError> {
    if let Some(path) = pack_file {
        return Ok(rules::load_pack_file(path)?);
    }
    let id = programme.unwrap_or(&app.programme);
    if !rules::builtin_ids().any(|b| b == id) {
        return Err(ServiceError::UnknownProgramme { programme: id.to_string() });
    }
    Ok(rules::builtin_pack(id)?)
}

/// The pack to check a stored application against: the pack the user loaded into `store` for
/// `programme` (or the application's own programme) when there is one, else the built-in pack.
pub fn choose_pack_in_store(
    store: &Store,
    app: &Application,
    programme: Option<&str>,
) -> Result<Pack, ServiceError> {
    let id = programme.unwrap_or(&app.programme);
    match store.user_pack(id)? {
        Some(stored) => Ok(rules::load_pack_str(&stored.text, &stored.file_name)?),
        None => choose_pack(app, programme, None),
    }
}

/// Evaluates `app` against `pack` on the chosen, the application's or the pack's reference date;
/// year-round programmes without one are checked as of `today` (read by the caller).
pub fn check(
    app: &Application,
    pack: &Pack,
    registry: &dyn RegistryView,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Assessment {
    let date = rules::resolve_as_of(pack, app, as_of).unwrap_or(today);
    rules::evaluate(pack, app, registry, date)
}

/// The duplicate finder's parameters from every built-in pack; `chosen` (e.g. a run-time pack
/// file) replaces the built-in pack of the same id.
pub fn cross_params(chosen: Option<&Pack>) -> Result<CrossParams, ServiceError> {
    let mut packs = rules::builtin_packs()?;
    if let Some(chosen) = chosen {
        packs.retain(|p| p.id != chosen.id);
        packs.push(chosen.clone());
    }
    Ok(CrossParams::from_packs(&packs, &Default::default()))
}

/// As `cross_params`, with the packs the user loaded into `store` replacing or adding to the
/// built-in ones (and `chosen` replacing both).
pub fn cross_params_in_store(store: &Store, chosen: Option<&Pack>) -> Result<CrossParams, ServiceError> {
    let mut packs = rules::builtin_packs()?;
    for (pack, _) in loaded_packs(store)? {
        packs.retain(|p| !p.id.eq_ignore_ascii_case(&pack.id));
        packs.push(pack);
    }
    if let Some(chosen) = chosen {
        packs.retain(|p| !p.id.eq_ignore_ascii_case(&chosen.id));
        packs.push(chosen.clone());
    }
    Ok(CrossParams::from_packs(&packs, &Default::default()))
}

/// A check against the local database: the assessment, with the cross criteria answered from
/// the other applications and the registry of existing platforms, and every conflict found.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RegistryCheck {
    pub assessment: Assessment,
    pub conflicts: Vec<Conflict>,
}

/// Checks `app` (stored under `id`, or not stored) with the registry view over `store`.
pub fn check_in_store(
    store: &mut Store,
    id: Option<RowId>,
    app: &Application,
    pack: &Pack,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<RegistryCheck, ServiceError> {
    // One reference date for every criterion, the cross ones included, and the cross checks of
    // the pack being evaluated (not of the application's own programme).
    let date = rules::resolve_as_of(pack, app, as_of).unwrap_or(today);
    let params = cross_params_in_store(store, Some(pack))?;
    let eval = duplicates::Evaluation { programme: pack.id.clone(), as_of: date };
    let findings = duplicates::cross_findings(store, id, app, &params, eval)?;
    // A co-builder's draft is judged for the unit's own part; the lead judges the centre.
    let judged = match id {
        Some(id) if store.package_link(id)?.is_some() => rules::Judged::CoBuilderPart,
        _ => rules::Judged::Centre,
    };
    let assessment = rules::evaluate_as(pack, app, &findings, date, judged);
    let conflicts = findings.all().cloned().collect();
    Ok(RegistryCheck { assessment, conflicts })
}

/// Parses `application|review|mailing|bound|all`.
pub fn which_from_name(name: &str) -> Option<Which> {
    Some(match name {
        "application" => Which::Application,
        "review" => Which::Review,
        "mailing" => Which::Mailing,
        "bound" => Which::Bound,
        "all" => Which::All,
        _ => return None,
    })
}

/// One document's PDF in memory, for the preview before saving (`All` is refused by the caller).
pub fn document_bytes(
    app: &Application,
    pack: &Pack,
    assessment: &Assessment,
    which: Which,
    fill_date: NaiveDate,
) -> Result<Vec<u8>, ServiceError> {
    let inputs = pdf::inputs_from_assessment(pack, assessment, fill_date);
    Ok(pdf::export(app, &inputs, which)?.into_iter().next().map(|(_, bytes)| bytes).unwrap_or_default())
}

/// What the 申请书 of `app` would still print empty (内容完整性), with the programme's labels.
pub fn empty_parts(app: &Application, pack: &Pack) -> Vec<crate::completeness::EmptyPart> {
    crate::completeness::empty_parts(app, &pack.presentation)
}

/// The narrative sections the wizard offers, in print order.
pub fn narrative_sections() -> Vec<crate::completeness::NarrativeSection> {
    crate::completeness::narrative_sections()
}

/// The folder export suggests: 申报材料 in the user's documents folder (or home), when known.
pub fn default_export_dir(documents: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    documents.or(home).map(|d| d.join("申报材料"))
}

/// Writes the chosen documents into `out_dir` and returns their paths. `fill_date` is printed as
/// the 填报日期. Exports even when the self-check failed: the review sheet then says so.
pub fn export_documents(
    app: &Application,
    pack: &Pack,
    assessment: &Assessment,
    which: Which,
    fill_date: NaiveDate,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ServiceError> {
    let inputs = pdf::inputs_from_assessment(pack, assessment, fill_date);
    let files = pdf::export(app, &inputs, which)?;
    let write_err = |path: &Path, e: std::io::Error| ServiceError::Write {
        path: path.display().to_string(),
        reason: match e.kind() {
            std::io::ErrorKind::NotFound => "文件夹不存在".into(),
            std::io::ErrorKind::PermissionDenied => "没有写入权限".into(),
            _ => e.to_string(),
        },
    };
    std::fs::create_dir_all(out_dir).map_err(|e| write_err(out_dir, e))?;
    let mut written = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = out_dir.join(name);
        // Write beside, then rename: a failed export never leaves half a PDF under the real name.
        let tmp = path.with_extension("pdf.part");
        std::fs::write(&tmp, &bytes).map_err(|e| write_err(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| write_err(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// One programme as the home screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ProgrammeSummary {
    pub id: String,
    pub name: String,
    pub issuer: String,
    /// The source document, e.g. "《…通知》（2024年3月11日）".
    pub document: String,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    pub online_deadline: Option<NaiveDate>,
    pub paper_deadline: Option<NaiveDate>,
    pub year_round: bool,
    /// False for packs that only point to another document (detailed conditions not built in).
    pub conditions_built_in: bool,
    /// The titles of the hard criteria: a summary of the main conditions.
    pub main_conditions: Vec<String>,
    pub notes: Vec<String>,
    /// The categories the programme accepts (empty: it does not distinguish).
    pub categories: Vec<crate::model::Category>,
    /// The fields and their sub-areas the notice lists (empty: any field).
    pub fields: Vec<rules::pack::Field>,
    /// The pack's default reference date for ages and periods.
    pub reference_date: Option<NaiveDate>,
    /// Labels and optional inputs of the programme (基地名称, 领域类/综合类 …).
    pub presentation: rules::presentation::Presentation,
    /// Whom to ask (政策咨询, 材料报送 …), from the notice.
    pub contacts: Vec<rules::pack::Contact>,
    /// Set when the user loaded this pack (导入申报规则): from which file, when.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub user: Option<UserPackInfo>,
}

/// Every programme of this database: the built-in ones in the packs' order (a pack the user
/// loaded with a built-in id in its place), then the user's new programmes by id.
pub fn programme_summaries(store: &Store) -> Result<Vec<ProgrammeSummary>, ServiceError> {
    let mut out: Vec<ProgrammeSummary> = rules::builtin_packs()?.iter().map(programme_summary).collect();
    for (pack, stored) in loaded_packs(store)? {
        let mut summary = programme_summary(&pack);
        summary.user = Some(user_pack_info(&pack, &stored));
        match out.iter_mut().find(|s| s.id.eq_ignore_ascii_case(&pack.id)) {
            Some(slot) => *slot = summary,
            None => out.push(summary),
        }
    }
    Ok(out)
}

pub fn programme_summary(p: &Pack) -> ProgrammeSummary {
    let document = match p.document.date {
        Some(d) => format!("《{}》（{}）", p.document.title, d.format("%Y年%-m月%-d日")),
        None => format!("《{}》", p.document.title),
    };
    ProgrammeSummary {
        id: p.id.clone(),
        name: p.name.clone(),
        issuer: p.issuer.clone(),
        document,
        effective_from: p.effective_from,
        effective_until: p.effective_until,
        online_deadline: p.online_deadline,
        paper_deadline: p.paper_deadline,
        year_round: p.year_round,
        conditions_built_in: p.coverage == rules::pack::Coverage::Full,
        main_conditions: p
            .criteria
            .iter()
            .filter(|c| c.kind == rules::Kind::Hard)
            .map(|c| c.title.clone())
            .collect(),
        notes: p.notes.clone(),
        categories: p.categories.clone(),
        fields: p.fields.clone(),
        reference_date: p.reference_date,
        presentation: p.presentation.clone(),
        contacts: p.contacts.clone(),
        user: None,
    }
}

// ---- packs the user loaded (导入申报规则) ----------------------------------------------------

/// A pack the user loaded into this database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct UserPackInfo {
    pub id: String,
    pub name: String,
    /// The file it was loaded from (its name only).
    pub file_name: String,
    /// When it was loaded (RFC 3339, UTC).
    pub loaded_at: String,
    /// True when it replaces the built-in pack of the same id in this database.
    pub replaces_builtin: bool,
}

/// What `import_pack` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct PackImport {
    pub pack: UserPackInfo,
    /// True when it replaced an earlier import of the same id.
    pub replaced_import: bool,
    /// What happened, in Chinese.
    pub message: String,
}

fn user_pack_info(pack: &Pack, stored: &StoredPack) -> UserPackInfo {
    UserPackInfo {
        id: pack.id.clone(),
        name: pack.name.clone(),
        file_name: stored.file_name.clone(),
        loaded_at: stored.loaded_at.clone(),
        replaces_builtin: rules::builtin_ids().any(|b| b.eq_ignore_ascii_case(&pack.id)),
    }
}

/// Every pack the user loaded, loaded strictly (a stored pack is named by its file on error).
fn loaded_packs(store: &Store) -> Result<Vec<(Pack, StoredPack)>, ServiceError> {
    let mut out = Vec::new();
    for stored in store.user_packs()? {
        out.push((rules::load_pack_str(&stored.text, &stored.file_name)?, stored));
    }
    Ok(out)
}

/// Loads the text of a pack file (`file_name` is its name, for errors and the list) into this
/// database. The pack is loaded strictly first: a bad pack is refused with its file, line and key,
/// and nothing is stored. A pack with a built-in id replaces the built-in pack for this database;
/// one with the id of an earlier import replaces that import.
pub fn import_pack(store: &mut Store, file_name: &str, text: &str) -> Result<PackImport, ServiceError> {
    if text.len() as u64 > rules::pack::MAX_PACK_BYTES {
        return Err(PackError::Io {
            file: file_name.to_string(),
            detail: format!(
                "文件过大（{} KB），规则包不超过 {} KB：请确认选择的是规则包（.toml）文件",
                text.len() / 1024,
                rules::pack::MAX_PACK_BYTES / 1024
            ),
        }
        .into());
    }
    let pack = rules::load_pack_str(text, file_name)?;
    let replaced_import = store.user_pack(&pack.id)?.is_some();
    let stored = store.put_user_pack(&pack.id, file_name, text)?;
    let info = user_pack_info(&pack, &stored);
    let mut message = format!("已导入申报规则 {}“{}”（文件 {}）", info.id, info.name, info.file_name);
    if replaced_import {
        message.push_str("，替换了此前导入的同一编号规则");
    }
    if info.replaces_builtin {
        message.push_str("，本数据库中将代替内置规则检查和导出");
    }
    Ok(PackImport { pack: info, replaced_import, message })
}

/// The packs the user loaded into this database, by id.
pub fn list_user_packs(store: &Store) -> Result<Vec<UserPackInfo>, ServiceError> {
    Ok(loaded_packs(store)?.iter().map(|(pack, stored)| user_pack_info(pack, stored)).collect())
}

/// Removes a loaded pack; a built-in pack of the same id applies again.
pub fn remove_user_pack(store: &mut Store, id: &str) -> Result<(), ServiceError> {
    if store.delete_user_pack(id)? {
        Ok(())
    } else {
        Err(ServiceError::UserPackNotFound { id: id.to_string() })
    }
}

// ---- two documents of one person (关联证件) ------------------------------------------------

/// Document kinds as typed on the command line, English and Chinese.
const DOCUMENT_KINDS: &[(&str, IdKind)] = &[
    ("resident_id", IdKind::ResidentId),
    ("身份证", IdKind::ResidentId),
    ("passport", IdKind::Passport),
    ("护照", IdKind::Passport),
    ("hk_macao_permit", IdKind::HkMacaoPermit),
    ("港澳通行证", IdKind::HkMacaoPermit),
    ("taiwan_permit", IdKind::TaiwanPermit),
    ("台湾通行证", IdKind::TaiwanPermit),
    ("foreign_permanent_resident", IdKind::ForeignPermanentResident),
    ("永居证", IdKind::ForeignPermanentResident),
    ("other", IdKind::Other),
    ("其他", IdKind::Other),
];

/// Reads "KIND:NUMBER" (e.g. `resident_id:140105…`, `护照:E12345678`) into a checked document.
pub fn parse_document(text: &str) -> Result<IdDocument, ServiceError> {
    let bad = |reason: &str| ServiceError::BadDocument { text: text.to_string(), reason: reason.to_string() };
    let t = text.trim().replace('：', ":");
    let Some((kind, number)) = t.split_once(':') else {
        return Err(bad("应写成“证件类型:号码”，如 resident_id:140105198001010011 或 passport:E12345678"));
    };
    let kind = DOCUMENT_KINDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(kind.trim()))
        .map(|(_, k)| *k)
        .ok_or_else(|| bad("证件类型应为 resident_id（身份证）、passport（护照）、hk_macao_permit、taiwan_permit、foreign_permanent_resident 或 other"))?;
    checked_document(IdDocument { kind, number: number.trim().to_string() })
        .map_err(|reason| ServiceError::BadDocument { text: text.to_string(), reason })
}

fn checked_document(doc: IdDocument) -> Result<IdDocument, String> {
    if doc.number.trim().is_empty() {
        return Err("证件号码未填写".into());
    }
    if doc.kind == IdKind::ResidentId {
        crate::validate::parse_resident_id(&doc.number).map_err(|e| e.to_string())?;
    }
    Ok(doc)
}

/// Records that two documents belong to one person: duplicate detection then treats them as
/// one person in every application and the registry. Returns the sentence to show.
pub fn link_documents(store: &mut Store, a: &IdDocument, b: &IdDocument) -> Result<String, ServiceError> {
    let (a, b) = (checked_document(a.clone()), checked_document(b.clone()));
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(reason), _) | (_, Err(reason)) => {
            return Err(ServiceError::BadDocument { text: "关联的证件".into(), reason })
        }
    };
    if duplicates::identity::document_key(&a) == duplicates::identity::document_key(&b) {
        return Err(ServiceError::SameDocument);
    }
    let (ma, mb) = (duplicates::identity::masked_document(&a), duplicates::identity::masked_document(&b));
    Ok(if store.link_documents(&a, &b)? {
        format!("已将{ma}与{mb}关联为同一人；冲突核对会把两份证件视为同一人")
    } else {
        format!("{ma}与{mb}此前已关联为同一人")
    })
}

/// Every link, each document masked ("身份证号 …1234"), in stored order.
pub fn document_links(store: &Store) -> Result<Vec<(String, String)>, ServiceError> {
    let show = |key: &str| match parse_document(key) {
        Ok(d) => duplicates::identity::masked_document(&d),
        Err(_) => duplicates::identity::mask_number(key),
    };
    Ok(store.document_links()?.iter().map(|(a, b)| (show(a), show(b))).collect())
}

/// Undoes [`link_documents`]. Returns the sentence to show.
pub fn unlink_documents(store: &mut Store, a: &IdDocument, b: &IdDocument) -> Result<String, ServiceError> {
    let (ma, mb) = (duplicates::identity::masked_document(a), duplicates::identity::masked_document(b));
    Ok(if store.unlink_documents(a, b)? {
        format!("已取消{ma}与{mb}的关联")
    } else {
        format!("{ma}与{mb}没有关联，无需取消")
    })
}

/// One person of a conflict, as the window names it: a roster row of a saved application, or
/// a member of a registry platform (name and masked document, as the conflict shows them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PersonRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub application_id: Option<RowId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub row_id: Option<RowId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub platform_id: Option<RowId>,
    pub name: String,
    /// The masked document ("身份证号 …1234").
    pub number: String,
}

impl PersonRef {
    /// The person on one side of a conflict, when that side is a person.
    pub fn of(side: &Side) -> Option<PersonRef> {
        let r = side.record.as_ref().filter(|r| r.resource == duplicates::Resource::Person)?;
        let (application_id, platform_id) = match &side.owner {
            Owner::Application { id, .. } => (*id, None),
            Owner::Platform { id, .. } => (None, Some(*id)),
        };
        Some(PersonRef {
            application_id,
            row_id: r.row_id,
            platform_id,
            name: r.label.clone(),
            number: r.number.clone(),
        })
    }
}

fn document_of(store: &Store, person: &PersonRef) -> Result<IdDocument, ServiceError> {
    let missing =
        |reason: &str| ServiceError::PersonNotFound { who: person.name.clone(), reason: reason.into() };
    match (person.application_id, person.platform_id) {
        (Some(id), _) => {
            let row = person.row_id.ok_or_else(|| missing("人员尚未保存"))?;
            let app = store.load_application(id)?;
            app.people
                .into_iter()
                .find(|p| p.id == Some(row))
                .map(|p| p.id_doc)
                .ok_or_else(|| missing("人员已删除"))
        }
        (None, Some(id)) => {
            let platform = store.load_platform(id)?;
            let mut found = platform.members.into_iter().filter(|m| {
                m.name == person.name && duplicates::identity::masked_document(&m.id_doc) == person.number
            });
            match (found.next(), found.next()) {
                (Some(m), None) => Ok(m.id_doc),
                (None, _) => Err(missing("已建平台中已无此成员")),
                (Some(_), Some(_)) => {
                    Err(missing("已建平台中有两名同名且证件尾号相同的成员，请用命令行按完整证件号关联"))
                }
            }
        }
        (None, None) => Err(missing("申报书尚未保存")),
    }
}

/// Links the two people of a "possibly the same person" conflict (the window's action).
pub fn link_conflict_people(
    store: &mut Store,
    first: &PersonRef,
    second: &PersonRef,
) -> Result<String, ServiceError> {
    let a = document_of(store, first)?;
    let b = document_of(store, second)?;
    link_documents(store, &a, &b)
}

/// A roster row as saved from the window: its id, the row as stored (normalised, with what its
/// codes say filled in: birth date and gender from a resident ID), every field-level issue found
/// (paths relative to the row, e.g. "id_doc.number"), and the registering region of a valid
/// credit code.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedRow {
    pub id: RowId,
    pub row: RowData,
    pub issues: Vec<FieldIssue>,
    /// Characters 3–8 of a host unit's valid credit code (登记机关行政区划代码).
    pub uscc_region: Option<String>,
}

/// The one save path of a roster row from the window: normalise, derive, validate, then store.
/// A row with issues is still stored as typed, so nothing the user entered is lost; the issues
/// say what to fix.
pub fn save_row(store: &mut Store, application: RowId, row: RowData) -> Result<SavedRow, ServiceError> {
    let mut row = row;
    let mut uscc_region = None;
    let issues = match &mut row {
        RowData::Person(p) => {
            validate::normalise_person(p);
            validate::validate_person(p)
        }
        RowData::HostUnit(h) => {
            h.uscc = validate::normalize_code(&h.uscc);
            uscc_region = validate::parse_uscc(&h.uscc).ok().map(|u| u.region_code().to_string());
            validate::validate_host_unit(h)
        }
        _ => Vec::new(),
    };
    let id = store.save_row(application, &row)?;
    set_row_id(&mut row, id);
    Ok(SavedRow { id, row, issues, uscc_region })
}

fn set_row_id(row: &mut RowData, id: RowId) {
    match row {
        RowData::Direction(r) => r.set_row_id(Some(id)),
        RowData::HostUnit(r) => r.set_row_id(Some(id)),
        RowData::Person(r) => r.set_row_id(Some(id)),
        RowData::Instrument(r) => r.set_row_id(Some(id)),
        RowData::Site(r) => r.set_row_id(Some(id)),
        RowData::RdInvestment(r) => r.set_row_id(Some(id)),
        RowData::Achievement(r) => r.set_row_id(Some(id)),
    }
}
