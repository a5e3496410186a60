//! Versions of a programme's pack: every version this database has (built in, or loaded by the
//! user), the newest one a new application is offered, the version each application keeps, and
//! moving an application to another version after seeing what changes.

use chrono::NaiveDate;

use super::packs::loaded_packs;
use super::ServiceError;
use crate::model::{Application, RowId};
use crate::packkit::PackDiff;
use crate::rules::{self, Pack};
use crate::store::Store;

/// One version of a programme's pack as the window and the CLI list it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct PackVersion {
    pub programme: String,
    /// The version (`Pack::version`: the notice's title, 文号 and date).
    pub version: String,
    pub name: String,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    /// Built into this build of Shenbao (not loaded from a file).
    pub builtin: bool,
    /// The file it was loaded from, when the user loaded it.
    pub file_name: Option<String>,
    /// The newest version of the programme: what a new application is offered.
    pub newest: bool,
}

/// The pack versions one application may be checked with, and the one it keeps.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ApplicationPackVersions {
    pub id: RowId,
    pub programme: String,
    /// The version it keeps.
    pub kept: String,
    /// False when the kept version is no longer in this database (its check gives no verdict).
    pub kept_available: bool,
    /// Every version of the programme, newest first.
    pub versions: Vec<PackVersion>,
}

/// What moving an application to another version would change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct PackMove {
    pub id: RowId,
    pub from: String,
    pub to: PackVersion,
    /// The diff from the kept version to the new one; None when the kept one is gone.
    pub diff: Option<PackDiff>,
    /// What happened (or would happen), in Chinese.
    pub message: String,
}

/// One version available here: the pack and, when the user loaded it, from which file.
pub(super) struct Available {
    pub pack: Pack,
    pub file_name: Option<String>,
    pub loaded_at: Option<String>,
}

/// Every pack version of this database: the built-in packs, then the loaded ones; a loaded pack
/// of the same id and version as a built-in one replaces it.
pub(super) fn available(store: &Store) -> Result<Vec<Available>, ServiceError> {
    let mut out: Vec<Available> = rules::builtin_packs()?
        .into_iter()
        .map(|pack| Available { pack, file_name: None, loaded_at: None })
        .collect();
    for (pack, stored) in loaded_packs(store)? {
        out.retain(|a| !(a.pack.id.eq_ignore_ascii_case(&pack.id) && a.pack.version() == pack.version()));
        out.push(Available { pack, file_name: Some(stored.file_name), loaded_at: Some(stored.loaded_at) });
    }
    Ok(out)
}

/// The versions of `programme` (ASCII case ignored), newest first: latest in force, then the
/// latest notice, then the latest loaded.
pub(super) fn versions_of<'a>(all: &'a [Available], programme: &str) -> Vec<&'a Available> {
    let mut of: Vec<&Available> =
        all.iter().filter(|a| a.pack.id.eq_ignore_ascii_case(programme.trim())).collect();
    of.sort_by(|a, b| (b.pack.recency(), &b.loaded_at).cmp(&(a.pack.recency(), &a.loaded_at)));
    of
}

/// The newest pack of `programme` in this database, if it has one.
pub fn newest_pack(store: &Store, programme: &str) -> Result<Option<Pack>, ServiceError> {
    let all = available(store)?;
    Ok(versions_of(&all, programme).first().map(|a| a.pack.clone()))
}

fn version_info(a: &Available, newest: bool) -> PackVersion {
    PackVersion {
        programme: a.pack.id.clone(),
        version: a.pack.version(),
        name: a.pack.name.clone(),
        effective_from: a.pack.effective_from,
        effective_until: a.pack.effective_until,
        builtin: a.file_name.is_none(),
        file_name: a.file_name.clone(),
        newest,
    }
}

/// Every version of `programme`, newest first.
pub fn pack_versions(store: &Store, programme: &str) -> Result<Vec<PackVersion>, ServiceError> {
    let all = available(store)?;
    Ok(versions_of(&all, programme).iter().enumerate().map(|(i, a)| version_info(a, i == 0)).collect())
}

/// The pack a stored application is checked with: the version it keeps, else (none recorded)
/// the newest of its programme. A kept version no longer here is said plainly, never replaced.
pub fn kept_pack(store: &Store, id: RowId, app: &Application) -> Result<Pack, ServiceError> {
    let all = available(store)?;
    kept_of(&all, id, app, store.pack_version_of(id)?.as_deref()).cloned()
}

/// As [`kept_pack`], from the versions already read (`kept`: the application's record).
pub(super) fn kept_of<'a>(
    all: &'a [Available],
    id: RowId,
    app: &Application,
    kept: Option<&str>,
) -> Result<&'a Pack, ServiceError> {
    let versions = versions_of(all, &app.programme);
    let found = match kept {
        None => versions.first(),
        Some(v) => versions.iter().find(|a| a.pack.version() == v),
    };
    match (found, kept) {
        (Some(a), _) => Ok(&a.pack),
        (None, None) => Err(ServiceError::UnknownProgramme { programme: app.programme.clone() }),
        (None, Some(v)) => Err(ServiceError::PackVersionGone {
            id,
            programme: app.programme.clone(),
            version: v.to_string(),
            available: list_text(&versions),
        }),
    }
}

fn list_text(versions: &[&Available]) -> String {
    if versions.is_empty() {
        return "无".to_string();
    }
    versions.iter().map(|a| format!("“{}”", a.pack.version())).collect::<Vec<_>>().join("、")
}

/// Records the newest version of its programme as the one a new application keeps.
pub fn keep_newest(store: &mut Store, id: RowId) -> Result<(), ServiceError> {
    let app = store.load_application(id)?;
    if let Some(pack) = newest_pack(store, &app.programme)? {
        store.set_pack_version(id, Some(&pack.version()))?;
    }
    Ok(())
}

/// Before the versions of `programme` change: every application of it with no version recorded
/// keeps the one it resolves to now (the newest).
pub(super) fn keep_current(store: &mut Store, programme: &str) -> Result<(), ServiceError> {
    if let Some(pack) = newest_pack(store, programme)? {
        store.keep_pack_version(&pack.id, &pack.version())?;
    }
    Ok(())
}

/// The versions of a stored application's programme and the one it keeps.
pub fn application_pack_versions(store: &Store, id: RowId) -> Result<ApplicationPackVersions, ServiceError> {
    let app = store.load_application(id)?;
    let all = available(store)?;
    let versions = versions_of(&all, &app.programme);
    let recorded = store.pack_version_of(id)?;
    let kept = match (&recorded, versions.first()) {
        (Some(v), _) => v.clone(),
        (None, Some(a)) => a.pack.version(),
        (None, None) => String::new(),
    };
    Ok(ApplicationPackVersions {
        id,
        programme: app.programme.clone(),
        kept_available: versions.iter().any(|a| a.pack.version() == kept),
        kept,
        versions: versions.iter().enumerate().map(|(i, a)| version_info(a, i == 0)).collect(),
    })
}

/// The version of `programme` that `wanted` names: the version exactly, else the one version
/// whose text contains it (e.g. "2025" or the 文号).
fn find_version<'a>(
    versions: &[&'a Available],
    programme: &str,
    wanted: &str,
) -> Result<&'a Available, ServiceError> {
    let wanted_t = wanted.trim();
    if let Some(a) = versions.iter().find(|a| a.pack.version() == wanted_t) {
        return Ok(a);
    }
    let matching: Vec<&&Available> =
        versions.iter().filter(|a| !wanted_t.is_empty() && a.pack.version().contains(wanted_t)).collect();
    match matching.as_slice() {
        [one] => Ok(one),
        many => Err(ServiceError::UnknownPackVersion {
            programme: programme.to_string(),
            wanted: wanted.to_string(),
            reason: if many.is_empty() {
                String::new()
            } else {
                "（与多个版本相符，请写得更完整）".to_string()
            },
            available: list_text(versions),
        }),
    }
}

/// What moving application `id` to the version `to` names would change: the diff from the
/// version it keeps (none when that one is gone). Nothing is written.
pub fn preview_pack_move(store: &Store, id: RowId, to: &str) -> Result<PackMove, ServiceError> {
    let app = store.load_application(id)?;
    let all = available(store)?;
    let versions = versions_of(&all, &app.programme);
    let target = find_version(&versions, &app.programme, to)?;
    let recorded = store.pack_version_of(id)?;
    let from = match kept_of(&all, id, &app, recorded.as_deref()) {
        Ok(pack) => Some(pack),
        Err(ServiceError::PackVersionGone { .. }) => None,
        Err(e) => return Err(e),
    };
    let from_version = from.map(Pack::version).or(recorded).unwrap_or_default();
    let diff = from.map(|old| crate::packkit::diff(old, &target.pack));
    let to_info = version_info(target, versions.first().is_some_and(|n| std::ptr::eq(*n, target)));
    let message = if from_version == to_info.version {
        format!("申报书 {id} 已按此版本核对：{}", to_info.version)
    } else {
        match &diff {
            Some(d) if d.is_empty() => format!("改用“{}”：审查条件没有变化", to_info.version),
            Some(d) => format!("改用“{}”：{} 项变化，请先阅读", to_info.version, d.lines().len()),
            None => format!("原版本“{from_version}”已不在本数据库中，无法比较；改用“{}”", to_info.version),
        }
    };
    Ok(PackMove { id, from: from_version, to: to_info, diff, message })
}

/// Moves application `id` to the version `to` names; returns what changed (the same diff
/// [`preview_pack_move`] shows first).
pub fn move_pack(store: &mut Store, id: RowId, to: &str) -> Result<PackMove, ServiceError> {
    let mut preview = preview_pack_move(store, id, to)?;
    store.set_pack_version(id, Some(&preview.to.version))?;
    if preview.from != preview.to.version {
        preview.message = format!("申报书 {id} 已改按“{}”核对（原为“{}”）", preview.to.version, preview.from);
    }
    Ok(preview)
}
