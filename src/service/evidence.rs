//! Use cases of supporting materials shared by the CLI and the shell: list an application's
//! items with their files, attach files (every file checked first; nothing is stored when one is
//! refused), add and remove items and files, reorder, and gather the bytes for binding.

use std::path::Path;

use chrono::NaiveDate;

use super::ServiceError;
use crate::evidence::{
    self, inspect, AttachedFile, EvidenceItem, Evidences, Limits, MAX_MB_SETTING, MIN_DPI_SETTING,
};
use crate::model::RowId;
use crate::pdf::{EvidenceDoc, EvidencePart, SupportingItem};
use crate::rules::{self, Assessment};
use crate::store::evidence::NewFile;
use crate::store::Store;

/// A whole number ≥ 1 kept under a settings key (a bad or missing value reads as none).
fn whole_setting(store: &Store, key: &str) -> Result<Option<u64>, ServiceError> {
    Ok(store.setting(key)?.and_then(|v| v.trim().parse::<u64>().ok()).filter(|n| *n > 0))
}

/// The largest file accepted: the user's setting (MB), else 50 MB.
pub fn max_bytes(store: &Store) -> Result<u64, ServiceError> {
    Ok(limits(store)?.max_bytes)
}

/// The limits an attachment is judged by: the user's settings (`evidence_max_mb`,
/// `evidence_min_dpi`), else the defaults (50 MB, 150 dpi).
pub fn limits(store: &Store) -> Result<Limits, ServiceError> {
    let default = Limits::default();
    Ok(Limits {
        max_bytes: whole_setting(store, MAX_MB_SETTING)?
            .and_then(|mb| mb.checked_mul(1024 * 1024))
            .unwrap_or(default.max_bytes),
        min_print_dpi: whole_setting(store, MIN_DPI_SETTING)?
            .map(|dpi| dpi.min(2400) as f32)
            .unwrap_or(default.min_print_dpi),
    })
}

/// Sets the limits given (MB, dpi; each ≥ 1) and returns them all.
pub fn set_limits(
    store: &mut Store,
    max_mb: Option<u64>,
    min_dpi: Option<u64>,
) -> Result<Limits, ServiceError> {
    for (key, value, what) in
        [(MAX_MB_SETTING, max_mb, "文件大小上限（MB）"), (MIN_DPI_SETTING, min_dpi, "最低打印分辨率（dpi）")]
    {
        match value {
            Some(0) => return Err(ServiceError::bad_value(what, "应为不小于 1 的整数")),
            Some(n) => store.set_setting(key, &n.to_string())?,
            None => {}
        }
    }
    limits(store)
}

/// The items of a stored application against `assessment`, in 目录 order, with their files.
pub fn items_for(
    store: &Store,
    id: RowId,
    assessment: &Assessment,
) -> Result<Vec<EvidenceItem>, ServiceError> {
    let files = store.evidence_files(id)?;
    let user = store.evidence_user_items(id)?;
    Ok(evidence::items(assessment, &user, &files))
}

/// The items of a stored application, checked against its pack as of `today` (or its own date).
pub fn items(store: &Store, id: RowId, today: NaiveDate) -> Result<Vec<EvidenceItem>, ServiceError> {
    let app = store.load_application(id)?;
    let pack = super::kept_pack(store, id, &app)?;
    let assessment = super::check(&app, &pack, &rules::UnknownCross, None, today);
    items_for(store, id, &assessment)
}

fn find_item(items: &[EvidenceItem], wanted: &str) -> Result<EvidenceItem, ServiceError> {
    evidence::find(items, wanted)
        .cloned()
        .ok_or_else(|| ServiceError::NoSuchEvidenceItem { wanted: wanted.to_string(), count: items.len() })
}

/// Attaches files given as (name, bytes) to the item `wanted` (its 目录 number or key). Every
/// file is checked first; one refused file refuses them all and nothing is stored.
pub fn attach(
    store: &mut Store,
    id: RowId,
    wanted: &str,
    files: &[(String, Vec<u8>)],
    today: NaiveDate,
) -> Result<Vec<AttachedFile>, ServiceError> {
    let item = find_item(&items(store, id, today)?, wanted)?;
    let limits = limits(store)?;
    let mut checked = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let inspected = inspect::inspect_with(bytes, &limits)
            .map_err(|reason| ServiceError::Attach { file: name.clone(), reason })?;
        checked.push(NewFile { file_name: name.clone(), inspected, bytes, unit: String::new() });
    }
    let ids = store.attach_evidence(id, &item.key, &checked)?;
    let now = store.evidence_files(id)?;
    Ok(now.into_values().flatten().filter(|f| ids.contains(&f.id)).collect())
}

/// As [`attach`], reading the files from disk (a file over the limit is refused before it is read).
pub fn attach_paths(
    store: &mut Store,
    id: RowId,
    wanted: &str,
    paths: &[&Path],
    today: NaiveDate,
) -> Result<Vec<AttachedFile>, ServiceError> {
    let limit = max_bytes(store)?;
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let read_err = |e: std::io::Error| ServiceError::Read {
            path: path.display().to_string(),
            reason: match e.kind() {
                std::io::ErrorKind::NotFound => "文件不存在".into(),
                std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
                _ => e.to_string(),
            },
        };
        let size = std::fs::metadata(path).map_err(read_err)?.len();
        if size > limit {
            return Err(ServiceError::Attach {
                file: name,
                reason: inspect::AttachError::TooLarge { size, limit },
            });
        }
        files.push((name, std::fs::read(path).map_err(read_err)?));
    }
    attach(store, id, wanted, &files, today)
}

/// Adds an item of the user's; returns the list with it.
pub fn add_item(
    store: &mut Store,
    id: RowId,
    title: &str,
    evidences: &Evidences,
    required: bool,
    today: NaiveDate,
) -> Result<Vec<EvidenceItem>, ServiceError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(ServiceError::EmptyEvidenceTitle);
    }
    store.add_evidence_item(id, title, evidences, required)?;
    items(store, id, today)
}

/// Removes an item of the user's with its files (an item the pack names cannot be removed: its
/// files can).
pub fn remove_item(store: &mut Store, id: RowId, wanted: &str, today: NaiveDate) -> Result<(), ServiceError> {
    let item = find_item(&items(store, id, today)?, wanted)?;
    let Some(row) = item.key.strip_prefix("user:").and_then(|n| n.parse::<RowId>().ok()) else {
        return Err(ServiceError::PackEvidenceItem { title: item.title });
    };
    Ok(store.remove_evidence_item(id, row)?)
}

/// Removes one attached file.
pub fn remove_file(store: &mut Store, id: RowId, file: RowId) -> Result<AttachedFile, ServiceError> {
    Ok(store.remove_evidence_file(id, file)?)
}

/// The bytes of one attached file of an application (the window draws its thumbnails from them).
pub fn file_bytes(store: &Store, id: RowId, file: RowId) -> Result<Vec<u8>, ServiceError> {
    Ok(store.evidence_file_range(id, file, 0, u64::MAX)?)
}

/// Bytes `begin..end` of one attached file (clamped to its size): the window's PDF thumbnails
/// read a large file in parts (its cross-reference table, then the objects of the pages drawn).
pub fn file_range(
    store: &Store,
    id: RowId,
    file: RowId,
    begin: u64,
    end: u64,
) -> Result<Vec<u8>, ServiceError> {
    Ok(store.evidence_file_range(id, file, begin, end)?)
}

/// Puts the files of one item in the given order.
pub fn reorder(
    store: &mut Store,
    id: RowId,
    wanted: &str,
    order: &[RowId],
    today: NaiveDate,
) -> Result<(), ServiceError> {
    let item = find_item(&items(store, id, today)?, wanted)?;
    Ok(store.reorder_evidence(id, &item.key, order)?)
}

/// The items with files, their bytes read from the store, ready to bind.
pub fn bound_docs(store: &Store, items: &[EvidenceItem]) -> Result<Vec<EvidenceDoc>, ServiceError> {
    let mut out = Vec::new();
    for item in items.iter().filter(|i| !i.files.is_empty()) {
        let mut parts = Vec::with_capacity(item.files.len());
        for f in &item.files {
            parts.push(EvidencePart {
                kind: f.kind,
                bytes: std::sync::Arc::new(store.evidence_blob(&f.sha256)?),
                orientation: f.orientation,
            });
        }
        out.push(EvidenceDoc { number: item.number, title: item.title.clone(), parts });
    }
    Ok(out)
}

/// The 印证材料目录 entries of the items, in order (pages filled in when bound).
pub fn supporting(items: &[EvidenceItem]) -> Vec<SupportingItem> {
    items
        .iter()
        .map(|i| SupportingItem {
            title: i.title.clone(),
            supports: i.supports.clone(),
            pages: String::new(),
        })
        .collect()
}

/// Reads what an item evidences from `criterion:ID`, `unit:USCC`, `person:NAME` or `record:TEXT`
/// (nothing: other material).
pub fn parse_evidences(text: Option<&str>) -> Result<Evidences, ServiceError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(Evidences::Other) };
    let (kind, what) = text.split_once([':', '：']).unwrap_or(("", text));
    let what = what.trim().to_string();
    Ok(match kind.trim() {
        "criterion" | "条件" if !what.is_empty() => Evidences::Criterion(what),
        "unit" | "单位" if !what.is_empty() => Evidences::Unit(what),
        "person" | "人员" if !what.is_empty() => Evidences::Person(what),
        "record" | "记录" if !what.is_empty() => Evidences::Record(what),
        _ => return Err(ServiceError::BadEvidenceTarget { text: text.to_string() }),
    })
}
