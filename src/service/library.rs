//! The unit's library (单位资料库) as a use case: the records with their usage
//! ("张三：3 份申报书，其中 2 份为固定人员"), where each is used, picking records into an
//! application, and an edit of a record previewed (which rows change, which verdicts move,
//! computed with the edit tried and rolled back) before it is applied through the save path.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::seal::{field_changes, flatten};
use super::{change_labels::field_label, ServiceError};
use crate::model::{Role, RowId};
use crate::rules::Verdict;
use crate::store::library::{self, LibraryKind, LibraryRecord, LibraryUsage, RecordFilter, RowLink, UsageOf};
use crate::store::{RowData, Store};
use crate::validate::FieldIssue;

/// The fields of a person a library record owns (the same in every application that uses it);
/// the rest (role, full time, commitment) belong to each application's row.
const PERSON_FIELDS: &[&str] = &[
    "name",
    "id_doc",
    "birth_date",
    "gender",
    "employer_uscc",
    "employer_name",
    "education",
    "title",
    "discipline",
    "honours",
    "awards_first_completer",
    "projects_first_pi",
];

/// Whether the library record owns field `key` of a row of `kind`.
fn owned(kind: LibraryKind, key: &str) -> bool {
    match kind {
        LibraryKind::Person => PERSON_FIELDS.contains(&key),
        // Whether a site is part of the centre's headquarters is the application's.
        LibraryKind::Site => key != "id" && key != "headquarters",
        LibraryKind::Instrument | LibraryKind::Achievement => key != "id",
    }
}

fn to_value(row: &RowData) -> Value {
    match serde_json::to_value(row) {
        Ok(Value::Object(mut o)) => o.remove("row").unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn from_value(like: &RowData, v: Value) -> Result<RowData, ServiceError> {
    let tag = match serde_json::to_value(like) {
        Ok(Value::Object(o)) => o.get("kind").cloned().unwrap_or(Value::Null),
        _ => Value::Null,
    };
    serde_json::from_value(serde_json::json!({ "kind": tag, "row": v }))
        .map_err(|e| ServiceError::bad_value("record", e.to_string()))
}

/// `row` with every field the record owns taken from `record` (the row keeps its id and its
/// application's own fields).
pub fn merged_row(kind: LibraryKind, row: &RowData, record: &RowData) -> Result<RowData, ServiceError> {
    let (Value::Object(mut out), Value::Object(rec)) = (to_value(row), to_value(record)) else {
        return Err(ServiceError::bad_value("record", "资料库记录与行的种类不同"));
    };
    out.retain(|k, _| !owned(kind, k));
    for (k, v) in rec {
        if owned(kind, &k) {
            out.insert(k, v);
        }
    }
    let mut merged = from_value(row, Value::Object(out))?;
    merged.set_row_id(row.row_id());
    Ok(merged)
}

/// The fields the record owns that differ between `row` and `record`: (path, label, row's
/// value, record's value), as shown.
fn owned_differences(kind: LibraryKind, row: &RowData, record: &RowData) -> Vec<LibraryFieldChange> {
    let flat = |r: &RowData| {
        let mut m = BTreeMap::new();
        flatten("", &to_value(r), &mut m);
        m.retain(|k, _| owned(kind, k.split('.').next().unwrap_or(k)));
        m
    };
    field_changes(kind.table(), &flat(row), &flat(record))
        .into_iter()
        .map(|(field, before, after)| LibraryFieldChange {
            label: field_label(kind.table(), &field),
            field,
            before,
            after,
        })
        .collect()
}

/// One field that changes (or differs), its values as the window shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryFieldChange {
    /// e.g. "title", "id_doc.number".
    pub field: String,
    /// e.g. 职称.
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A library record as listed, with its usage in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LibraryEntry {
    pub id: RowId,
    pub kind: LibraryKind,
    /// 人员 / 仪器设备 / 研发场地 / 成果.
    pub kind_label: String,
    pub unit_uscc: String,
    pub label: String,
    pub usage: LibraryUsage,
    /// e.g. "3 份申报书，其中 2 份为固定人员"; "未使用".
    pub usage_text: String,
    pub record: RowData,
}

/// The usage in words.
pub fn usage_text(kind: LibraryKind, usage: &LibraryUsage) -> String {
    if usage.applications == 0 {
        return "未使用".into();
    }
    let mut text = format!("{} 份申报书", usage.applications);
    if kind == LibraryKind::Person {
        text.push_str(&format!("，其中 {} 份为固定人员", usage.fixed_in));
    }
    if usage.rows > usage.applications {
        text.push_str(&format!("（共 {} 行）", usage.rows));
    }
    text
}

fn entry(record: LibraryRecord, usage: LibraryUsage) -> LibraryEntry {
    LibraryEntry {
        id: record.id,
        kind: record.kind,
        kind_label: record.kind.label().into(),
        unit_uscc: record.unit_uscc,
        label: record.label,
        usage_text: usage_text(record.kind, &usage),
        usage,
        record: record.record,
    }
}

/// Which of the library's records to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryQuery {
    /// Of these units (credit codes as typed); empty: of every unit.
    pub units: Vec<String>,
    pub kind: Option<LibraryKind>,
    /// Part of a record's name or of its unit's credit code; empty: any.
    pub text: String,
}

/// Records as listed, and what the list is when the window must say it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LibraryListing {
    pub entries: Vec<LibraryEntry>,
    /// How many records the query finds (more than `entries` when the list stops at a page).
    pub total: u32,
    /// e.g. "共 1234 条，列出前 200 条：请输入姓名、名称或统一社会信用代码查找".
    pub note: Option<String>,
}

/// How many records the window lists at once: a table of thousands of rows is slow to draw and
/// no one reads it; the search finds the rest.
pub const LIBRARY_PAGE: u32 = 200;

/// The library's records `query` finds, with their usage, by kind and name: at most `limit`
/// (the window's page), all when `None` (the CLI).
pub fn library_list(
    store: &Store,
    query: &LibraryQuery,
    limit: Option<u32>,
) -> Result<LibraryListing, ServiceError> {
    let units: Vec<String> = query.units.iter().map(|u| crate::validate::normalize_code(u)).collect();
    let filter = RecordFilter { units: &units, kind: query.kind, text: &query.text, limit };
    let (records, total) = store.library_records(&filter)?;
    let whole = units.is_empty() && query.kind.is_none() && query.text.trim().is_empty() && limit.is_none();
    let ids: Vec<RowId> = records.iter().map(|r| r.id).collect();
    let usage = store.library_usage(if whole { UsageOf::All } else { UsageOf::Records(&ids) })?;
    let entries: Vec<LibraryEntry> = records
        .into_iter()
        .map(|r| {
            let u = usage.get(&r.id).copied().unwrap_or_default();
            entry(r, u)
        })
        .collect();
    let note = (entries.len() < total as usize).then(|| {
        format!("共 {total} 条，列出前 {} 条：请输入姓名、名称或统一社会信用代码查找", entries.len())
    });
    Ok(LibraryListing { entries, total, note })
}

/// The records of `kind` an application can pick (从资料库选择): its host units' records, or every
/// unit's when `all_units` is asked or no host unit has a credit code yet (the note says so);
/// `text` narrows them as in [`library_list`]; one page at most.
pub fn library_choices(
    store: &Store,
    application: RowId,
    kind: LibraryKind,
    all_units: bool,
    text: &str,
) -> Result<LibraryListing, ServiceError> {
    let hosts: Vec<String> = if all_units {
        Vec::new()
    } else {
        store.host_codes(application)?.into_iter().filter(|c| !c.trim().is_empty()).collect()
    };
    let query = LibraryQuery { units: hosts, kind: Some(kind), text: text.to_string() };
    let mut listing = library_list(store, &query, Some(LIBRARY_PAGE))?;
    if !all_units && query.units.is_empty() {
        let unknown = "申报书尚未填写依托单位的统一社会信用代码，列出的是全部单位的记录";
        listing.note = Some(match listing.note {
            Some(more) => format!("{unknown}；{more}"),
            None => unknown.into(),
        });
    }
    Ok(listing)
}

/// One use of a record: the application, the row, the person's role there, and where the row
/// differs from the record (an edit of the record would change these fields).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LibraryUse {
    pub application: RowId,
    pub centre_name: String,
    pub row: RowId,
    /// A person's role in that application, e.g. 固定人员.
    pub role_label: Option<String>,
    pub differs: Vec<LibraryFieldChange>,
}

/// A record, its usage and every use.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LibraryDetail {
    pub entry: LibraryEntry,
    pub uses: Vec<LibraryUse>,
}

/// Record `id` with where it is used.
pub fn library_show(store: &Store, id: RowId) -> Result<LibraryDetail, ServiceError> {
    let record = store.library_record(id)?;
    let usage = store.library_usage(UsageOf::Records(&[id]))?.get(&id).copied().unwrap_or_default();
    let uses = store
        .library_linked_rows(id)?
        .into_iter()
        .map(|l| LibraryUse {
            application: l.application,
            centre_name: l.centre_name,
            row: l.row.row_id().unwrap_or_default(),
            role_label: match &l.row {
                RowData::Person(p) => Some(role_label(p.role).into()),
                _ => None,
            },
            differs: owned_differences(record.kind, &l.row, &record.record),
        })
        .collect();
    Ok(LibraryDetail { entry: entry(record, usage), uses })
}

fn role_label(role: Role) -> &'static str {
    role.label()
}

/// The rows of `application` linked to library records (the grids mark them).
pub fn library_links(store: &Store, application: RowId) -> Result<Vec<RowLink>, ServiceError> {
    Ok(store.library_links_of(application)?)
}

/// Links every unlinked row that has a unit and an identity to its record (making records
/// where none exists). Returns how many rows were linked.
pub fn library_collect(store: &mut Store) -> Result<usize, ServiceError> {
    Ok(store.collect_library()?)
}

/// What keeping rows in the library did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryKept {
    /// Rows now linked to a record.
    pub linked: usize,
    /// Records made for them (the others were in the library already).
    pub created: usize,
    /// Rows without a unit or an identity, with why, e.g. "第 3 行：没有工作单位的统一社会信用代码".
    pub skipped: Vec<String>,
}

/// Keeps rows of `application` (of `kind`) in the library of their unit and links them to their
/// records (存入资料库). A row already linked stays as it is.
pub fn library_keep_rows(
    store: &mut Store,
    application: RowId,
    kind: LibraryKind,
    rows: &[RowId],
) -> Result<LibraryKept, ServiceError> {
    let app = store.load_application(application)?;
    let all: Vec<RowData> = match kind {
        LibraryKind::Person => app.people.into_iter().map(RowData::Person).collect(),
        LibraryKind::Instrument => app.instruments.into_iter().map(RowData::Instrument).collect(),
        LibraryKind::Site => app.sites.into_iter().map(RowData::Site).collect(),
        LibraryKind::Achievement => app.achievements.into_iter().map(RowData::Achievement).collect(),
    };
    let mut kept = LibraryKept { linked: 0, created: 0, skipped: Vec::new() };
    for wanted in rows {
        let Some(index) = all.iter().position(|r| r.row_id() == Some(*wanted)) else {
            return Err(crate::store::StoreError::RowNotFound { table: kind.table(), id: *wanted }.into());
        };
        let row = &all[index];
        match store.keep_in_library(row)? {
            Some((record, created)) => {
                store.link_row(application, kind, *wanted, Some(record))?;
                kept.linked += 1;
                kept.created += usize::from(created);
            }
            None => kept.skipped.push(format!("第 {} 行：{}", index + 1, why_not_kept(kind))),
        }
    }
    Ok(kept)
}

fn why_not_kept(kind: LibraryKind) -> &'static str {
    match kind {
        LibraryKind::Person => "没有证件号码或依托单位的统一社会信用代码，不能存入单位资料库",
        LibraryKind::Instrument => "没有资产编号或产权单位的统一社会信用代码，不能存入单位资料库",
        LibraryKind::Site => "没有地址或产权单位的统一社会信用代码，不能存入单位资料库",
        LibraryKind::Achievement => "没有编号或权属单位的统一社会信用代码，不能存入单位资料库",
    }
}

/// Picks library records into `application` (从资料库选择): each becomes a new row linked to its
/// record, normalised and validated as any saved row, all in one transaction. A person joins
/// as fixed staff (固定人员); the row's role and time are the application's to set.
pub fn library_pick(
    store: &mut Store,
    application: RowId,
    records: &[RowId],
) -> Result<Vec<super::SavedRow>, ServiceError> {
    let hosts: crate::validate::HostCodes = store
        .host_unit_codes(application)?
        .iter()
        .map(|c| crate::validate::normalize_code(c))
        .filter(|c| !c.is_empty())
        .collect();
    let mut rows = Vec::with_capacity(records.len());
    let mut checked = Vec::with_capacity(records.len());
    for id in records {
        let record = store.library_record(*id)?;
        let mut row = record.record.clone();
        if let RowData::Person(p) = &mut row {
            p.role = Role::Fixed;
        }
        let (issues, _) = super::check_row(&mut row, &hosts);
        rows.push((*id, row.clone()));
        checked.push((row, issues));
    }
    let ids = store.insert_linked_rows(application, &rows)?;
    Ok(ids
        .into_iter()
        .zip(checked)
        .map(|(id, (mut row, issues))| {
            row.set_row_id(Some(id));
            super::SavedRow { id, row, issues, uscc_region: None, uscc_reading: None, stored: true }
        })
        .collect())
}

/// How the rows of one application change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryRowChange {
    pub application: RowId,
    pub centre_name: String,
    pub row: RowId,
    pub fields: Vec<LibraryFieldChange>,
}

/// One application's verdict before and after the edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VerdictMove {
    pub application: RowId,
    pub centre_name: String,
    pub before: Verdict,
    pub before_label: String,
    pub after: Verdict,
    pub after_label: String,
}

/// What an edit of a record would do: the record's own changes and issues, each linked row's
/// changes, and the verdicts of the applications it touches (the linked ones, and those sharing
/// an identity with the record before or after) that move. Nothing is written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LibraryPreview {
    pub record: RowId,
    /// The record as it would be saved (normalised).
    pub edited: RowData,
    pub fields: Vec<LibraryFieldChange>,
    /// Issues of the edited record (paths relative to the row).
    pub issues: Vec<FieldIssue>,
    pub changes: Vec<LibraryRowChange>,
    /// Every application judged, in id order (the moved ones have `before != after`).
    pub verdicts: Vec<VerdictMove>,
    /// How many applications were checked before and after.
    pub checked: usize,
}

/// The edit of record `id` to `edited`, worked out: normalised and validated record, merged rows.
struct Plan {
    record: LibraryRecord,
    edited: RowData,
    issues: Vec<FieldIssue>,
    rows: Vec<(RowId, RowData)>,
    changes: Vec<LibraryRowChange>,
}

fn plan(store: &Store, id: RowId, edited: RowData) -> Result<Plan, ServiceError> {
    let record = store.library_record(id)?;
    if LibraryKind::of(&edited) != Some(record.kind) {
        return Err(ServiceError::bad_value("record", format!("资料库记录 {id} 是{}", record.kind.label())));
    }
    let mut edited = edited;
    edited.set_row_id(None);
    let hosts: crate::validate::HostCodes = [record.unit_uscc.clone()].into_iter().collect();
    let (issues, _) = super::check_row(&mut edited, &hosts);
    let mut rows = Vec::new();
    let mut changes = Vec::new();
    for linked in store.library_linked_rows(id)? {
        let mut merged = merged_row(record.kind, &linked.row, &edited)?;
        let app_hosts: crate::validate::HostCodes = store
            .host_unit_codes(linked.application)?
            .iter()
            .map(|c| crate::validate::normalize_code(c))
            .filter(|c| !c.is_empty())
            .collect();
        let _ = super::check_row(&mut merged, &app_hosts);
        let fields = owned_differences(record.kind, &linked.row, &merged);
        if fields.is_empty() {
            continue;
        }
        changes.push(LibraryRowChange {
            application: linked.application,
            centre_name: linked.centre_name,
            row: linked.row.row_id().unwrap_or_default(),
            fields,
        });
        rows.push((linked.application, merged));
    }
    Ok(Plan { record, edited, issues, rows, changes })
}

/// One verdict of a stored application, as its own check gives it; `None` when it has none
/// (its pack is missing or its kept version is gone).
fn verdict_of(
    store: &Store,
    id: RowId,
    today: NaiveDate,
) -> Result<Option<(String, Verdict, String)>, ServiceError> {
    let app = store.load_application(id)?;
    let Ok(pack) = super::kept_pack(store, id, &app) else { return Ok(None) };
    let check = super::check_in_store(store, Some(id), &app, &pack, None, today)?;
    Ok(Some((app.centre_name, check.assessment.verdict, check.assessment.verdict_label)))
}

/// Previews the edit of record `id` to `edited` (see [`LibraryPreview`]). The verdicts after are
/// those of a check run with the edit written inside a transaction that is rolled back, so the
/// cross checks see every linked application changed at once; the file never holds it.
pub fn library_preview(
    store: &mut Store,
    id: RowId,
    edited: RowData,
    today: NaiveDate,
) -> Result<LibraryPreview, ServiceError> {
    let plan = plan(store, id, edited)?;
    let fields = owned_differences(plan.record.kind, &plan.record.record, &plan.edited);
    let row_ids: Vec<RowId> = plan.rows.iter().filter_map(|(_, r)| r.row_id()).collect();
    let mut subjects: Vec<RowId> = plan.rows.iter().map(|(a, _)| *a).collect();
    subjects.extend(store.applications_sharing_keys(plan.record.kind, &row_ids)?);
    let before: Vec<_> = {
        let mut all = subjects.clone();
        all.sort_unstable();
        all.dedup();
        all.into_iter()
            .map(|a| Ok((a, verdict_of(store, a, today)?)))
            .collect::<Result<Vec<_>, ServiceError>>()?
    };
    let kind = plan.record.kind;
    let (after, sharing_after) =
        store.with_library_edit_tried(id, &plan.edited, &plan.rows, |s| -> Result<_, ServiceError> {
            let sharing = s.applications_sharing_keys(kind, &row_ids)?;
            let mut all = subjects.clone();
            all.extend(sharing.iter().copied());
            all.sort_unstable();
            all.dedup();
            let after = all
                .iter()
                .map(|&a| Ok((a, verdict_of(s, a, today)?)))
                .collect::<Result<Vec<_>, ServiceError>>()?;
            Ok((after, sharing))
        })??;
    // Applications that share a key only after the edit: their verdict before, read now.
    let mut before = before;
    for a in sharing_after {
        if !before.iter().any(|(b, _)| *b == a) {
            before.push((a, verdict_of(store, a, today)?));
        }
    }
    let mut verdicts = Vec::new();
    for (a, after) in &after {
        let before = before.iter().find(|(b, _)| b == a).and_then(|(_, v)| v.clone());
        if let (Some((name, b, bl)), Some((_, v, vl))) = (before, after.clone()) {
            verdicts.push(VerdictMove {
                application: *a,
                centre_name: name,
                before: b,
                before_label: bl,
                after: v,
                after_label: vl,
            });
        }
    }
    Ok(LibraryPreview {
        record: id,
        edited: plan.edited,
        fields,
        issues: plan.issues,
        changes: plan.changes,
        checked: verdicts.len(),
        verdicts,
    })
}

/// What an applied edit did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LibraryApplied {
    pub record: RowId,
    /// Rows changed, in how many applications.
    pub rows: usize,
    pub applications: usize,
    pub issues: Vec<FieldIssue>,
}

/// Applies the edit of record `id` to `edited` through the save path: the record and every
/// linked row normalised and validated as any saved row, written in one transaction (history
/// records each row's change as typed in the window). A value the database cannot hold (a
/// negative amount) refuses the whole edit; nothing is written.
pub fn library_apply(store: &mut Store, id: RowId, edited: RowData) -> Result<LibraryApplied, ServiceError> {
    let plan = plan(store, id, edited)?;
    super::save::save_library_edit(store, id, &plan.edited, &plan.rows)?;
    let mut apps: Vec<RowId> = plan.rows.iter().map(|(a, _)| *a).collect();
    apps.sort_unstable();
    apps.dedup();
    Ok(LibraryApplied { record: id, rows: plan.rows.len(), applications: apps.len(), issues: plan.issues })
}

/// The record kind's words for a key, e.g. in the CLI.
pub fn library_key_of(row: &RowData) -> Option<(String, String)> {
    library::key_of(row)
}
