//! The history of an application: every recorded change, field by field, with when and where it
//! came from, and its sealed versions among them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::change_labels::field_label;
use super::seal::{field_changes, flatten, roster_name, row_name, row_text};
use super::{ChangeKind, ServiceError};
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
    pub kind: ChangeKind,
    /// "申报书" or the roster's name ("人员名单").
    pub part: String,
    /// The row's name, when the change is to a roster row that has one.
    pub row: Option<String>,
    pub row_id: Option<RowId>,
    /// The field's path ("centre_name", "title", "attestations.<criterion>"); `None` for a whole row.
    pub field: Option<String>,
    /// The field's Chinese name ("中心名称", "职称").
    pub field_label: Option<String>,
    /// The roster of the row, for asking for that row's history.
    pub row_kind: Option<RowKind>,
    pub before: Option<String>,
    pub after: Option<String>,
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
                kind: ChangeKind::Added,
                part: "申报书".into(),
                row: None,
                row_id: None,
                row_kind: None,
                field: None,
                field_label: None,
                before: None,
                after: Some(if s.note.is_empty() { "定稿".into() } else { format!("定稿：{}", s.note) }),
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

fn line(r: &HistoryRecord, kind: ChangeKind, part: &str) -> HistoryLine {
    HistoryLine {
        at: r.at.clone(),
        source: Some(r.source),
        source_label: r.source.label().into(),
        kind,
        part: part.into(),
        row: None,
        row_id: r.row_id,
        row_kind: ROW_KINDS.iter().copied().find(|k| k.table() == r.part),
        field: None,
        field_label: None,
        before: None,
        after: None,
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
        "attestations" | "narratives" => vec![HistoryLine {
            field: Some(format!("{}.{}", r.part, r.key.clone().unwrap_or_default())),
            field_label: Some(field_label(
                "applications",
                &format!("{}.{}", r.part, r.key.clone().unwrap_or_default()),
            )),
            before: r.before.clone(),
            after: r.after.clone(),
            ..line(r, kind, "申报书")
        }],
        "application" => vec![HistoryLine {
            after: Some("整份申报书由备份中的版本替换".into()),
            ..line(r, kind, "申报书")
        }],
        "applications" if kind == ChangeKind::Added => {
            let after = parse(&r.after);
            vec![HistoryLine {
                after: after.get("centre_name").and_then(Value::as_str).map(|n| format!("新建申报书“{n}”")),
                ..line(r, kind, "申报书")
            }]
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
                return vec![HistoryLine { row, before: b, after: a, ..line(r, kind, name) }];
            }
            let (mut fb, mut fa) = (BTreeMap::new(), BTreeMap::new());
            flatten("", &before, &mut fb);
            flatten("", &after, &mut fa);
            let table = if roster_name(part).is_some() { part } else { "applications" };
            field_changes(table, &fb, &fa)
                .into_iter()
                .map(|(field, b, a)| HistoryLine {
                    row: row.clone(),
                    field_label: Some(field_label(table, &field)),
                    field: Some(field),
                    before: b,
                    after: a,
                    ..line(r, ChangeKind::Changed, name)
                })
                .collect()
        }
    }
}
