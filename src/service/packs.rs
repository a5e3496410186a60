//! Programme packs: which pack applies (a run-time file, one the user loaded, the built-in one),
//! the programmes listed with their dates, and the packs the user loads into the database.

use std::path::Path;

use chrono::NaiveDate;

use super::ServiceError;
use crate::duplicates::CrossParams;
use crate::model::Application;
use crate::rules::{self, Pack, PackError};
use crate::store::user_packs::StoredPack;
use crate::store::Store;

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

/// The newest pack of `programme` (or the application's own programme) in `store`: what a new
/// or unstored application is checked with. A stored application keeps its version: see
/// [`super::kept_pack`].
pub fn choose_pack_in_store(
    store: &Store,
    app: &Application,
    programme: Option<&str>,
) -> Result<Pack, ServiceError> {
    let id = programme.unwrap_or(&app.programme);
    match super::newest_pack(store, id)? {
        Some(pack) => Ok(pack),
        None => choose_pack(app, programme, None),
    }
}

/// The newest version of every programme of this database, built-in programmes first.
pub(super) fn newest_packs(store: &Store) -> Result<Vec<(Pack, Option<UserPackInfo>)>, ServiceError> {
    let all = super::pack_versions::available(store)?;
    let mut out: Vec<(Pack, Option<UserPackInfo>)> = Vec::new();
    for a in &all {
        if out.iter().any(|(p, _)| p.id.eq_ignore_ascii_case(&a.pack.id)) {
            continue;
        }
        let newest = super::pack_versions::versions_of(&all, &a.pack.id)[0];
        let user = match (&newest.file_name, &newest.loaded_at) {
            (Some(f), Some(at)) => Some(user_pack_info(&newest.pack, f, at)),
            _ => None,
        };
        out.push((newest.pack.clone(), user));
    }
    Ok(out)
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
    let mut packs: Vec<Pack> = newest_packs(store)?.into_iter().map(|(p, _)| p).collect();
    if let Some(chosen) = chosen {
        packs.retain(|p| !p.id.eq_ignore_ascii_case(&chosen.id));
        packs.push(chosen.clone());
    }
    let mut params = CrossParams::from_packs(&packs, &Default::default());
    // The narrative similarity threshold (whole percent, 1–100) the office chose, if any.
    let chosen = store.setting("narrative_similarity_percent")?.and_then(|v| v.trim().parse::<u32>().ok());
    if let Some(p) = chosen.filter(|p| (1..=100).contains(p)) {
        params.narrative_percent = p;
    }
    Ok(params)
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
    /// The deadlines on the day asked about (today, from the edge).
    pub deadline: super::deadline::Deadline,
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

/// Every programme of this database, each with its newest version and its deadlines on `today`:
/// the built-in ones in the packs' order, then the user's new programmes by id.
pub fn programme_summaries(store: &Store, today: NaiveDate) -> Result<Vec<ProgrammeSummary>, ServiceError> {
    Ok(newest_packs(store)?
        .into_iter()
        .map(|(pack, user)| ProgrammeSummary { user, ..programme_summary(&pack, today) })
        .collect())
}

pub fn programme_summary(p: &Pack, today: NaiveDate) -> ProgrammeSummary {
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
        deadline: super::deadline::deadline(p, today),
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

/// A pack the user loaded into this database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct UserPackInfo {
    pub id: String,
    pub name: String,
    /// Its version (`Pack::version`: the notice's title, 文号 and date).
    pub version: String,
    /// The file it was loaded from (its name only).
    pub file_name: String,
    /// When it was loaded (RFC 3339, UTC).
    pub loaded_at: String,
    /// True when it replaces the built-in pack of the same id and version in this database.
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

fn user_pack_info(pack: &Pack, file_name: &str, loaded_at: &str) -> UserPackInfo {
    let version = pack.version();
    UserPackInfo {
        id: pack.id.clone(),
        name: pack.name.clone(),
        replaces_builtin: rules::builtin_packs()
            .is_ok_and(|b| b.iter().any(|b| b.id.eq_ignore_ascii_case(&pack.id) && b.version() == version)),
        version,
        file_name: file_name.to_string(),
        loaded_at: loaded_at.to_string(),
    }
}

/// Every pack the user loaded, loaded strictly (a stored pack is named by its file on error).
pub(super) fn loaded_packs(store: &Store) -> Result<Vec<(Pack, StoredPack)>, ServiceError> {
    let mut out = Vec::new();
    for stored in store.user_packs()? {
        out.push((rules::load_pack_str(&stored.text, &stored.file_name)?, stored));
    }
    Ok(out)
}

/// Loads the text of a pack file (`file_name` is its name, for errors and the list) into this
/// database. The pack is loaded strictly first: a bad pack is refused with its file, line and key,
/// and nothing is stored. A pack of the same id and version (notice) as a built-in pack or an
/// earlier import replaces it; another version of a programme is kept beside the others. The
/// applications of the programme keep the version they are checked with; a new one is offered
/// the newest.
pub fn import_pack(store: &mut Store, file_name: &str, text: &str) -> Result<PackImport, ServiceError> {
    rules::pack::check_pack_size(file_name, text.len() as u64)?;
    let pack = rules::load_pack_str(text, file_name)?;
    let version = pack.version();
    let same: Vec<StoredPack> = loaded_packs(store)?
        .into_iter()
        .filter(|(p, _)| p.id.eq_ignore_ascii_case(&pack.id) && p.version() == version)
        .map(|(_, s)| s)
        .collect();
    let replaced_import = !same.is_empty();
    // Applications with no version recorded keep the one they are checked with now.
    super::pack_versions::keep_current(store, &pack.id)?;
    let stored = store.put_user_pack(&pack.id, &version, file_name, text, &same)?;
    let info = user_pack_info(&pack, &stored.file_name, &stored.loaded_at);
    let mut message = format!("已导入申报规则 {}“{}”（文件 {}）", info.id, info.name, info.file_name);
    if replaced_import {
        message.push_str("，替换了此前导入的同一版本规则");
    }
    if info.replaces_builtin {
        message.push_str("，本数据库中将代替内置规则的同一版本检查和导出");
    }
    let others = super::pack_versions(store, &pack.id)?;
    if others.iter().any(|v| v.version != version) {
        let newest = others.first().is_some_and(|v| v.version == version);
        message.push_str(&format!(
            "。已有申报书仍按各自的规则版本核对（可在申报书中改用此版本）{}",
            if newest { "；新建的申报书使用此版本" } else { "；此版本不是最新版本" }
        ));
    }
    Ok(PackImport { pack: info, replaced_import, message })
}

/// The packs the user loaded into this database, by id.
pub fn list_user_packs(store: &Store) -> Result<Vec<UserPackInfo>, ServiceError> {
    Ok(loaded_packs(store)?
        .iter()
        .map(|(pack, stored)| user_pack_info(pack, &stored.file_name, &stored.loaded_at))
        .collect())
}

/// Removes every loaded version of a pack; a built-in pack of the same id applies again to new
/// applications. An application keeps its version: one kept on a removed version says so.
pub fn remove_user_pack(store: &mut Store, id: &str) -> Result<(), ServiceError> {
    if store.user_packs_of(id)?.is_empty() {
        return Err(ServiceError::UserPackNotFound { id: id.to_string() });
    }
    super::pack_versions::keep_current(store, id)?;
    Ok(store.delete_user_pack(id)?)
}

/// Every programme: with a database, as [`programme_summaries`]; without one, the built-in ones
/// (nothing is created to list them).
pub fn programmes(store: Option<&Store>, today: NaiveDate) -> Result<Vec<ProgrammeSummary>, ServiceError> {
    match store {
        Some(store) => programme_summaries(store, today),
        None => Ok(rules::builtin_packs()?.iter().map(|p| programme_summary(p, today)).collect()),
    }
}

/// Reads the text of a pack file the user named (refused, with its file, when it cannot be).
pub fn read_pack_file(path: &Path) -> Result<String, ServiceError> {
    std::fs::read_to_string(path).map_err(|e| {
        let reason = match ServiceError::read(path, &e) {
            ServiceError::Read { reason, .. } => reason,
            other => other.to_string(),
        };
        PackError::Io { file: path.display().to_string(), detail: reason }.into()
    })
}
