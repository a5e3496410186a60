//! The history of an application: every recorded change, field by field, with when and where it
//! came from, and its sealed versions among them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::change_labels::field_label;
use super::seal::{field_changes, flatten, roster_name, row_name, row_text};
use super::{Change, ChangeKind, ServiceError};
use crate::model::RowId;
use crate::store::history::{ChangeSource, HistoryRecord};
use crate::store::{RowKind, SealSummary, Store};

/// One line of the history: a change, or a sealed version (`seal`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HistoryLine {
    /// When, RFC 3339 in UTC.
    pub at: String,
    /// Where the change came from; `None` for a seal.
    pub source: Option<ChangeSource>,
    /// The source in Chinese ("窗口填写", "文件导入", …, "定稿").
    pub source_label: String,
    /// What changed, as a sealed version's comparison says it (`field` may also be
    /// "attestations.<criterion>"; `row` is the row's name when it has one).
    #[serde(flatten)]
    pub change: Change,
    /// The roster of the row, for asking for that row's history.
    pub row_kind: Option<RowKind>,
    pub seal: Option<SealSummary>,
}

/// One roster row, as the window names it when asking for its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RosterRow {
    pub kind: RowKind,
    pub id: RowId,
}

/// Every change of application `id`, oldest first, with its seals; with `row`, only the changes
/// of that roster row ("谁改了固定人员人数").
pub fn history(
    store: &Store,
    id: RowId,
    row: Option<(RowKind, RowId)>,
) -> Result<Vec<HistoryLine>, ServiceError> {
    store.load_application(id)?;
    let records = store.history(id, row.map(|(k, r)| (k.table(), r)))?;
    let mut out: Vec<HistoryLine> = records.iter().flat_map(lines).collect();
    if row.is_none() {
        for s in store.list_seals(id)? {
            out.push(HistoryLine {
                at: s.sealed_at.clone(),
                source: None,
                source_label: "定稿".into(),
                change: Change {
                    after: Some(if s.note.is_empty() {
                        "定稿".into()
                    } else {
                        format!("定稿：{}", s.note)
                    }),
                    ..change(ChangeKind::Added, "申报书", None)
                },
                row_kind: None,
                seal: Some(s),
            });
        }
        // Stable: changes keep their recorded order, a seal comes after what it sealed.
        out.sort_by(|a, b| a.at.cmp(&b.at));
    }
    Ok(out)
}

const ROW_KINDS: [RowKind; 7] = [
    RowKind::Direction,
    RowKind::HostUnit,
    RowKind::Person,
    RowKind::Instrument,
    RowKind::Site,
    RowKind::RdInvestment,
    RowKind::Achievement,
];

/// A change to `part` with nothing said yet of its row, field or values.
fn change(kind: ChangeKind, part: &str, row_id: Option<RowId>) -> Change {
    Change {
        kind,
        part: part.into(),
        row: None,
        row_id,
        field: None,
        field_label: None,
        before: None,
        after: None,
    }
}

/// The line of record `r` saying `change`.
fn line(r: &HistoryRecord, change: Change) -> HistoryLine {
    HistoryLine {
        at: r.at.clone(),
        source: Some(r.source),
        source_label: r.source.label().into(),
        change,
        row_kind: ROW_KINDS.iter().copied().find(|k| k.table() == r.part),
        seal: None,
    }
}

fn kind_of(before: &Option<String>, after: &Option<String>) -> ChangeKind {
    match (before, after) {
        (None, _) => ChangeKind::Added,
        (_, None) => ChangeKind::Removed,
        _ => ChangeKind::Changed,
    }
}

fn parse(text: &Option<String>) -> Value {
    text.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(Value::Null)
}

/// The lines of one record: one per changed field of an updated row or application.
fn lines(r: &HistoryRecord) -> Vec<HistoryLine> {
    let kind = kind_of(&r.before, &r.after);
    match r.part.as_str() {
        "attestations" | "narratives" => {
            let field = format!("{}.{}", r.part, r.key.clone().unwrap_or_default());
            let change = Change {
                field_label: Some(field_label("applications", &field)),
                field: Some(field),
                before: r.before.clone(),
                after: r.after.clone(),
                ..change(kind, "申报书", r.row_id)
            };
            vec![line(r, change)]
        }
        "application" => {
            let change = Change {
                after: Some("整份申报书由备份中的版本替换".into()),
                ..change(kind, "申报书", r.row_id)
            };
            vec![line(r, change)]
        }
        "applications" if kind == ChangeKind::Added => {
            let after = parse(&r.after);
            let change = Change {
                after: after.get("centre_name").and_then(Value::as_str).map(|n| format!("新建申报书“{n}”")),
                ..change(kind, "申报书", r.row_id)
            };
            vec![line(r, change)]
        }
        part => {
            let (before, after) = (parse(&r.before), parse(&r.after));
            let (name, row) = match roster_name(part) {
                Some(n) => (n, row_name(if after.is_null() { &before } else { &after })),
                None => ("申报书", None),
            };
            if kind != ChangeKind::Changed {
                let whole = if after.is_null() { &before } else { &after };
                let text = Some(row_text(part, whole));
                let (b, a) = if kind == ChangeKind::Added { (None, text) } else { (text, None) };
                return vec![line(r, Change { row, before: b, after: a, ..change(kind, name, r.row_id) })];
            }
            let (mut fb, mut fa) = (BTreeMap::new(), BTreeMap::new());
            flatten("", &before, &mut fb);
            flatten("", &after, &mut fa);
            let table = if roster_name(part).is_some() { part } else { "applications" };
            field_changes(table, &fb, &fa)
                .into_iter()
                .map(|(field, b, a)| {
                    let change = Change {
                        row: row.clone(),
                        field_label: Some(field_label(table, &field)),
                        field: Some(field),
                        before: b,
                        after: a,
                        ..change(ChangeKind::Changed, name, r.row_id)
                    };
                    line(r, change)
                })
                .collect()
        }
    }
}
