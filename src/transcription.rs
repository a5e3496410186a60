//! The transcription sheet (网上填报对照表): every value the user types into the programme's
//! online platform, in the order of the printed 申请书, with its length; rosters as rows that
//! paste into a web table; and the same sheet as an xlsx. Built by `pdf::transcription` from
//! the blocks the PDF prints, so the sheet and the paper never differ.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};
use serde::Serialize;
use ts_rs::TS;

/// The sheet of one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TranscriptionSheet {
    /// The centre's name as printed (the sheet's title).
    pub centre_name: String,
    pub sections: Vec<TranscriptionSection>,
}

/// One numbered section of the 申请书 ("一、基本信息").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TranscriptionSection {
    pub title: String,
    pub items: Vec<TranscriptionItem>,
}

/// What a section holds, in print order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TranscriptionItem {
    /// A sub-heading of the section ("（二）共建依托单位：…").
    Heading { text: String },
    /// One value with its label as printed and its length: the characters a platform's
    /// "不超过 N 字" counts (spaces and line breaks not counted).
    Field { label: String, value: String, chars: u32 },
    /// A roster as printed, without the numbering column and the total rows: its columns, its
    /// rows, and the rows as tab-separated lines that paste into a web table.
    Table { title: String, columns: Vec<String>, rows: Vec<Vec<String>>, tsv: String },
}

/// The length of a value as platforms count it: every character but spaces and line breaks.
pub fn char_count(value: &str) -> u32 {
    u32::try_from(value.chars().filter(|c| !c.is_whitespace()).count()).unwrap_or(u32::MAX)
}

/// The rows as tab-separated lines: a cell's own tabs and line breaks become "；" and spaces so
/// that each row stays one row of the web table it is pasted into.
pub fn tsv(rows: &[Vec<String>]) -> String {
    let cell = |s: &str| {
        s.split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("；")
            .replace(['\t', '\r'], " ")
    };
    rows.iter()
        .map(|r| r.iter().map(|c| cell(c)).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sheet as an xlsx workbook: one worksheet 网上填报对照表, the sections one after another —
/// a field as label · value · 字数, a roster as its header row and rows — every cell text, so a
/// credit code or an ID number is never turned into a number.
pub fn to_xlsx(sheet: &TranscriptionSheet) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("网上填报对照表")?;
    let title = Format::new().set_bold().set_font_size(14);
    let section = Format::new().set_bold().set_background_color("#DDEBF7");
    let heading = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_background_color("#F2F2F2")
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_num_format("@");
    let cell = Format::new().set_num_format("@").set_border(rust_xlsxwriter::FormatBorder::Thin);
    ws.set_column_width(0, 28.0)?;
    ws.set_column_width(1, 60.0)?;
    ws.set_column_width(2, 8.0)?;
    ws.write_string_with_format(0, 0, format!("网上填报对照表：{}", sheet.centre_name), &title)?;
    let mut r: u32 = 2;
    for s in &sheet.sections {
        ws.write_string_with_format(r, 0, &s.title, &section)?;
        ws.write_string_with_format(r, 1, "", &section)?;
        ws.write_string_with_format(r, 2, "字数", &section)?;
        r += 1;
        for item in &s.items {
            match item {
                TranscriptionItem::Heading { text: t } => {
                    ws.write_string_with_format(r, 0, t, &heading)?;
                    r += 1;
                }
                TranscriptionItem::Field { label, value, chars } => {
                    ws.write_string_with_format(r, 0, label, &text)?;
                    ws.write_string_with_format(r, 1, value, &text)?;
                    ws.write_number(r, 2, f64::from(*chars))?;
                    r += 1;
                }
                TranscriptionItem::Table { title: t, columns, rows, .. } => {
                    ws.write_string_with_format(r, 0, t, &heading)?;
                    r += 1;
                    for (c, name) in columns.iter().enumerate() {
                        ws.write_string_with_format(r, col(c), name, &header)?;
                    }
                    r += 1;
                    for row in rows {
                        for (c, v) in row.iter().enumerate() {
                            ws.write_string_with_format(r, col(c), v, &cell)?;
                        }
                        r += 1;
                    }
                }
            }
        }
        r += 1;
    }
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_counts_its_characters_but_not_spaces_and_line_breaks() {
        assert_eq!(char_count("山西省 储能材料\n技术创新中心"), 13);
        assert_eq!(char_count("ＡＢ，c 1"), 5);
        assert_eq!(char_count(""), 0);
    }

    #[test]
    fn a_cell_with_lines_or_tabs_stays_one_cell_of_one_row() {
        let rows = vec![
            vec!["张三".to_string(), "国家奖\n省奖".to_string()],
            vec!["李\t四".to_string(), String::new()],
        ];
        assert_eq!(tsv(&rows), "张三\t国家奖；省奖\n李 四\t");
    }
}
