//! Sealed versions (定稿): sealing an application, what changed since, and the sealed review
//! sheet reprinted exactly.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::change_labels::{field_label, value_label};
use super::{check_in_store, document_bytes, ServiceError};
use crate::interchange;
use crate::model::{Application, RowId};
use crate::pdf::Which;
use crate::store::{NewSeal, SealSummary, Store};

/// The rosters of an application: key in the interchange JSON and its name on screen.
const ROSTERS: &[(&str, &str)] = &[
    ("directions", "研究方向"),
    ("host_units", "依托单位"),
    ("people", "人员名单"),
    ("instruments", "科研仪器设备"),
    ("sites", "研发场地"),
    ("rd_investments", "研发投入"),
    ("achievements", "成果"),
];

/// Keys of the application that are bookkeeping, not content.
const NOT_CONTENT: &[&str] = &["created_at", "updated_at"];

/// Seals the application now: the whole application, the pack it is checked with, the
/// assessment and its review sheet (dated `today`), kept unchanged from here on.
pub fn seal(
    store: &mut Store,
    id: RowId,
    note: &str,
    sealed_at: &str,
    today: NaiveDate,
) -> Result<SealSummary, ServiceError> {
    let app = store.load_application(id)?;
    let pack = super::kept_pack(store, id, &app)?;
    let checked = check_in_store(store, Some(id), &app, &pack, None, today)?;
    let review_sheet = document_bytes(&app, &pack, &checked.assessment, Which::Review, today)?;
    let new = NewSeal {
        application: id,
        sealed_at: sealed_at.to_string(),
        note: note.trim().to_string(),
        pack_id: pack.id.clone(),
        pack_version: pack.version(),
        snapshot: interchange::application_to_json(&app),
        row_ids: serde_json::to_string(&row_ids(&app)).expect("ids serialise"),
        assessment: serde_json::to_string(&checked.assessment).expect("assessment serialises"),
        review_sheet_sha256: crate::evidence::sha256_hex(&review_sheet),
        review_sheet,
    };
    let seal_id = store.insert_seal(&new)?;
    Ok(store.list_seals(id)?.into_iter().find(|s| s.id == seal_id).expect("just stored"))
}

fn row_ids(app: &Application) -> BTreeMap<&'static str, Vec<Option<RowId>>> {
    let mut out = BTreeMap::new();
    out.insert("directions", app.directions.iter().map(|r| r.id).collect());
    out.insert("host_units", app.host_units.iter().map(|r| r.id).collect());
    out.insert("people", app.people.iter().map(|r| r.id).collect());
    out.insert("instruments", app.instruments.iter().map(|r| r.id).collect());
    out.insert("sites", app.sites.iter().map(|r| r.id).collect());
    out.insert("rd_investments", app.rd_investments.iter().map(|r| r.id).collect());
    out.insert("achievements", app.achievements.iter().map(|r| r.id).collect());
    out
}

/// The latest sealed version of an application (its summary and the application as sealed), if
/// it was ever sealed.
pub(super) fn latest_sealed(
    store: &Store,
    id: RowId,
) -> Result<Option<(SealSummary, Application)>, ServiceError> {
    let Some(summary) = store.list_seals(id)?.into_iter().last() else { return Ok(None) };
    let sealed = store.load_seal(summary.id)?;
    let app = interchange::application_from_json(&sealed.snapshot)
        .map_err(|_| ServiceError::SealDamaged { seal: summary.id })?;
    Ok(Some((summary, app)))
}

/// The seals of an application, oldest first.
pub fn list_seals(store: &Store, id: RowId) -> Result<Vec<SealSummary>, ServiceError> {
    store.load_application(id)?;
    Ok(store.list_seals(id)?)
}

/// The review sheet exactly as printed when the version was sealed (checked against the
/// SHA-256 recorded then).
pub fn sealed_review_sheet(store: &Store, seal: RowId) -> Result<Vec<u8>, ServiceError> {
    let s = store.load_seal(seal)?;
    if crate::evidence::sha256_hex(&s.review_sheet) != s.summary.review_sheet_sha256 {
        return Err(ServiceError::SealDamaged { seal });
    }
    Ok(s.review_sheet)
}

/// Writes a sealed version's review sheet, exactly as printed at sealing, to `path` (the
/// window's 重新打印 and `shenbao reprint`).
pub fn reprint_sealed_review_sheet(
    store: &Store,
    seal: RowId,
    path: &std::path::Path,
) -> Result<(), ServiceError> {
    super::write_file(path, &sealed_review_sheet(store, seal)?)
}

/// An application's standing against its latest seal: the home screen's and the wizard's
/// "已定稿后修改 N 处".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SealBadge {
    pub application: RowId,
    /// The latest seal.
    pub seal: SealSummary,
    /// How many changes since that seal (the lines of its diff).
    pub changes: u32,
}

/// Every sealed application with the number of changes since its latest seal (applications
/// never sealed are absent).
pub fn seal_badges(store: &Store) -> Result<Vec<SealBadge>, ServiceError> {
    store
        .latest_seals()?
        .into_iter()
        .map(|seal| {
            let d = diff(store, seal.application, Some(seal.id))?;
            let changes = u32::try_from(d.changes.len()).unwrap_or(u32::MAX);
            Ok(SealBadge { application: seal.application, seal, changes })
        })
        .collect()
}

pub use crate::model::ChangeKind;

/// One change since the seal: a field of the application, or a roster row added, removed or
/// changed in one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Change {
    pub kind: ChangeKind,
    /// "申报书" for the application's own fields, else the roster's name ("人员名单").
    pub part: String,
    /// The row, e.g. "第 3 行 张三"; `None` for the application's own fields.
    pub row: Option<String>,
    /// The row's database id (current for added and changed rows, sealed for removed ones).
    pub row_id: Option<RowId>,
    /// The field's path, e.g. "centre_name", "id_doc.number"; `None` for a whole row.
    pub field: Option<String>,
    /// The field's Chinese name ("中心名称", "证件号码").
    pub field_label: Option<String>,
    /// The values as shown (enums in Chinese, 是/否); a whole row as 字段=值；….
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The application now against one of its seals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SealDiff {
    pub seal: SealSummary,
    pub changes: Vec<Change>,
}

/// Every change of application `id` since `against` (default: its latest seal).
pub fn diff(store: &Store, id: RowId, against: Option<RowId>) -> Result<SealDiff, ServiceError> {
    let seals = list_seals(store, id)?;
    let summary = match against {
        Some(s) => seals.into_iter().find(|x| x.id == s).ok_or(ServiceError::SealNotFound { id, seal: s })?,
        None => seals.into_iter().last().ok_or(ServiceError::NotSealed { id })?,
    };
    let sealed = store.load_seal(summary.id)?;
    let damaged = || ServiceError::SealDamaged { seal: summary.id };
    let before_app = interchange::application_from_json(&sealed.snapshot).map_err(|_| damaged())?;
    let ids: BTreeMap<String, Vec<Option<RowId>>> =
        serde_json::from_str(&sealed.row_ids).map_err(|_| damaged())?;
    let now = store.load_application(id)?;
    Ok(SealDiff { seal: summary, changes: changes(&before_app, &ids, &now) })
}

/// The changes from `before` (with its rows' ids) to `after`.
pub fn changes(
    before: &Application,
    before_ids: &BTreeMap<String, Vec<Option<RowId>>>,
    after: &Application,
) -> Vec<Change> {
    let b = serde_json::to_value(before.clone().without_row_ids()).expect("serialises");
    let a = serde_json::to_value(after).expect("serialises");
    let mut out = Vec::new();
    // The application's own fields.
    let (mut fb, mut fa) = (BTreeMap::new(), BTreeMap::new());
    for (k, v) in b.as_object().into_iter().flatten() {
        if !ROSTERS.iter().any(|(r, _)| r == k) && !NOT_CONTENT.contains(&k.as_str()) {
            flatten(k, v, &mut fb);
        }
    }
    for (k, v) in a.as_object().into_iter().flatten() {
        if !ROSTERS.iter().any(|(r, _)| r == k) && !NOT_CONTENT.contains(&k.as_str()) {
            flatten(k, v, &mut fa);
        }
    }
    for (field, before, after) in field_changes("applications", &fb, &fa) {
        out.push(Change {
            kind: ChangeKind::Changed,
            part: "申报书".into(),
            row: None,
            row_id: None,
            field_label: Some(field_label("applications", &field)),
            field: Some(field),
            before,
            after,
        });
    }
    // Every roster, rows matched by id.
    for (key, name) in ROSTERS {
        let old_rows = b.get(*key).and_then(Value::as_array).cloned().unwrap_or_default();
        let new_rows = a.get(*key).and_then(Value::as_array).cloned().unwrap_or_default();
        let old_ids = before_ids.get(*key).cloned().unwrap_or_default();
        let new_id = |row: &Value| row.get("id").and_then(Value::as_i64);
        let mut matched = vec![false; new_rows.len()];
        for (i, old) in old_rows.iter().enumerate() {
            let id = old_ids.get(i).copied().flatten();
            let found = id.and_then(|id| new_rows.iter().position(|r| new_id(r) == Some(id)));
            match found {
                Some(j) => {
                    matched[j] = true;
                    let (mut fo, mut fn_) = (BTreeMap::new(), BTreeMap::new());
                    flatten("", old, &mut fo);
                    flatten("", &without_id(&new_rows[j]), &mut fn_);
                    for (field, before, after) in field_changes(key, &fo, &fn_) {
                        out.push(Change {
                            kind: ChangeKind::Changed,
                            part: (*name).into(),
                            row: Some(row_label(j, &new_rows[j])),
                            row_id: id,
                            field_label: Some(field_label(key, &field)),
                            field: Some(field),
                            before,
                            after,
                        });
                    }
                }
                None => out.push(Change {
                    kind: ChangeKind::Removed,
                    part: (*name).into(),
                    row: Some(row_label(i, old)),
                    row_id: id,
                    field: None,
                    field_label: None,
                    before: Some(row_text(key, old)),
                    after: None,
                }),
            }
        }
        for (j, row) in new_rows.iter().enumerate() {
            if !matched[j] {
                out.push(Change {
                    kind: ChangeKind::Added,
                    part: (*name).into(),
                    row: Some(row_label(j, row)),
                    row_id: new_id(row),
                    field: None,
                    field_label: None,
                    before: None,
                    after: Some(row_text(key, &without_id(row))),
                });
            }
        }
    }
    out
}

fn without_id(row: &Value) -> Value {
    let mut row = row.clone();
    if let Some(o) = row.as_object_mut() {
        o.remove("id");
    }
    row
}

/// The row's name, title, asset number or year, when it has one.
pub(super) fn row_name(row: &Value) -> Option<String> {
    ["name", "title", "asset_number", "year"]
        .iter()
        .find_map(|k| row.get(*k).map(scalar).filter(|s| !s.is_empty()))
}

/// The roster's name on screen for its table.
pub(super) fn roster_name(table: &str) -> Option<&'static str> {
    ROSTERS.iter().find(|(t, _)| *t == table).map(|(_, n)| *n)
}

/// "第 N 行" and the row's name or title when it has one.
fn row_label(index: usize, row: &Value) -> String {
    match row_name(row) {
        Some(n) => format!("第 {} 行 {n}", index + 1),
        None => format!("第 {} 行", index + 1),
    }
}

/// A whole row of roster `table` as 字段=值；…, in Chinese.
pub(super) fn row_text(table: &str, row: &Value) -> String {
    let mut fields = BTreeMap::new();
    flatten("", row, &mut fields);
    fields
        .into_iter()
        .map(|(k, v)| format!("{}={}", field_label(table, &k), value_label(table, &k, &v)))
        .collect::<Vec<_>>()
        .join("；")
}

/// The fields of `table` that differ, with their values as shown.
pub(super) fn field_changes(
    table: &str,
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<(String, Option<String>, Option<String>)> {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| {
            let shown = |v: Option<&String>| v.map(|v| value_label(table, k, v));
            ((*k).clone(), shown(before.get(k)), shown(after.get(k)))
        })
        .collect()
}

/// Every scalar of `v` under its dotted path (`id_doc.number`, `tags.0`); nulls and empty
/// strings count as absent, so a field cleared and one never filled read the same.
pub(super) fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    let join = |k: &str| if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
    match v {
        Value::Object(o) => o.iter().for_each(|(k, v)| flatten(&join(k), v, out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| flatten(&join(&i.to_string()), v, out)),
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        other => {
            out.insert(prefix.to_string(), scalar(other));
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
