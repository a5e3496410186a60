//! Reads the 申请书正文's blocks as the transcription sheet (see `crate::transcription`): a
//! section per numbered heading, a field per label and value of a form table or per paragraph,
//! a roster per table with a header row. Nothing is worded here that the PDF does not print.

use super::application;
use super::layout::Block;
use super::table::{CellKind, Content, Table};
use super::ExportInputs;
use crate::model::Application;
use crate::transcription::{char_count, tsv, TranscriptionItem, TranscriptionSection, TranscriptionSheet};

/// The transcription sheet of `app` as its 申请书 prints it with `inputs`.
pub fn transcription(app: &Application, inputs: &ExportInputs) -> TranscriptionSheet {
    let mut sections: Vec<TranscriptionSection> = Vec::new();
    // A sub-heading waits: followed by a paragraph it is that paragraph's label ("方向一：…").
    let mut pending: Option<String> = None;
    for block in application::body(app, inputs) {
        if let Block::Heading { text, level: 1, .. } = &block {
            sections.push(TranscriptionSection { title: text.clone(), items: Vec::new() });
            pending = None;
            continue;
        }
        let Some(section) = sections.last_mut() else { continue };
        match block {
            Block::Heading { text, .. } => {
                if let Some(h) = pending.replace(text) {
                    section.items.push(TranscriptionItem::Heading { text: h });
                }
            }
            Block::Paragraph { text, .. } => {
                let label = pending.take().unwrap_or_else(|| section_name(&section.title));
                section.items.push(field(label, text));
            }
            Block::Table(t) if t.header_rows > 0 => {
                let title = pending.take().unwrap_or_else(|| section_name(&section.title));
                section.items.extend(roster(title, &t));
            }
            Block::Table(t) => {
                if let Some(h) = pending.take() {
                    section.items.push(TranscriptionItem::Heading { text: h });
                }
                section.items.extend(form_fields(&t));
            }
            _ => {}
        }
    }
    TranscriptionSheet { centre_name: app.centre_name.trim().to_string(), sections }
}

/// "三、人员队伍" → "人员队伍".
fn section_name(title: &str) -> String {
    title.split_once('、').map_or(title, |(_, name)| name).to_string()
}

fn field(label: String, value: String) -> TranscriptionItem {
    let chars = char_count(&value);
    TranscriptionItem::Field { label, value, chars }
}

/// A cell's text as printed; for check boxes, the ones ticked ("是").
fn text_of(content: &Content) -> String {
    match content {
        Content::Text(t) => t.clone(),
        Content::Choices(c) => {
            c.iter().filter(|(_, on)| *on).map(|(l, _)| l.as_str()).collect::<Vec<_>>().join("、")
        }
    }
}

/// A form table's label · value pairs, row by row, left to right.
fn form_fields(t: &Table) -> Vec<TranscriptionItem> {
    let mut out = Vec::new();
    for row in &t.rows {
        let mut cells = row.iter().peekable();
        while let Some(c) = cells.next() {
            if c.kind != CellKind::Label {
                continue;
            }
            if let Some(v) = cells.next_if(|v| matches!(v.kind, CellKind::Value | CellKind::Strong)) {
                out.push(field(text_of(&c.content), text_of(&v.content)));
            }
        }
    }
    out
}

/// A table with a header row as a roster: its data rows (one cell per column, none a label: the
/// 合计 and note rows are left out), without a leading 序号 column. An empty roster is left out.
fn roster(title: String, t: &Table) -> Option<TranscriptionItem> {
    let expand = |row: &[super::table::Cell]| -> Vec<String> {
        row.iter().flat_map(|c| std::iter::repeat_n(text_of(&c.content), c.span.max(1))).collect()
    };
    let mut columns = expand(t.rows.get(t.header_rows.checked_sub(1)?)?);
    let mut rows: Vec<Vec<String>> = t.rows[t.header_rows..]
        .iter()
        .filter(|r| r.iter().all(|c| c.kind != CellKind::Label && c.span <= 1))
        .map(|r| expand(r))
        .filter(|r| r.len() == columns.len())
        .collect();
    if columns.first().is_some_and(|c| c == "序号") {
        columns.remove(0);
        for r in &mut rows {
            r.remove(0);
        }
    }
    if rows.is_empty() {
        return None;
    }
    let tsv = tsv(&rows);
    Some(TranscriptionItem::Table { title, columns, rows, tsv })
}
