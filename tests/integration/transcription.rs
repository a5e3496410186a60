//! The transcription sheet (网上填报对照表): the values of the printed 申请书 in print order, the
//! rosters as rows that paste into a web table, and the xlsx read back by a real reader.

use std::io::Cursor;
use std::process::Command;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use shenbao::model::Application;
use shenbao::pdf::Which;
use shenbao::service;
use shenbao::transcription::{TranscriptionItem, TranscriptionSheet};

use crate::common::{sample, today, TempDb};

fn sheet_of(app: &Application) -> (TempDb, TranscriptionSheet) {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(app).unwrap();
    let sheet = service::transcription_of(&mut store, id, today()).unwrap();
    (db, sheet)
}

fn field<'a>(sheet: &'a TranscriptionSheet, label: &str) -> Option<&'a str> {
    sheet.sections.iter().flat_map(|s| &s.items).find_map(|i| match i {
        TranscriptionItem::Field { label: l, value, .. } if l == label => Some(value.as_str()),
        _ => None,
    })
}

fn roster<'a>(sheet: &'a TranscriptionSheet, column: &str) -> (&'a [String], &'a [Vec<String>], &'a str) {
    sheet
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .find_map(|i| match i {
            TranscriptionItem::Table { columns, rows, tsv, .. } if columns.iter().any(|c| c == column) => {
                Some((columns.as_slice(), rows.as_slice(), tsv.as_str()))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no roster with a column {column}"))
}

#[test]
fn the_sheet_follows_the_printed_sections_and_gives_each_value_with_its_length() {
    let app = sample();
    let (_db, sheet) = sheet_of(&app);
    let titles: Vec<&str> = sheet.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(&titles[..2], ["一、基本信息", "二、依托单位情况"]);
    assert!(titles[2].starts_with("三、") && titles[2].ends_with("主任"), "{titles:?}");
    assert_eq!(titles[3], "四、人员队伍");
    assert!(titles.iter().any(|t| t.ends_with("研究方向")), "{titles:?}");
    assert_eq!(
        field(&sheet, "中心名称").or(field(&sheet, "技术创新中心名称")),
        Some(app.centre_name.as_str())
    );
    let lead = &app.host_units[0];
    let codes: Vec<&str> = sheet
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| match i {
            TranscriptionItem::Field { label, value, .. } if label == "统一社会信用代码" => {
                Some(value.as_str())
            }
            _ => None,
        })
        .collect();
    assert_eq!(codes.len(), app.host_units.len(), "one credit code per unit");
    assert_eq!(codes[0], lead.uscc);
    // A yes/no box reads as the answer ticked.
    assert!(matches!(field(&sheet, "具有独立法人资格"), Some("是" | "否")));
    // A long text carries its length as a platform counts it (no spaces, no line breaks).
    let (key, text) = app.narratives.iter().next().expect("the sample has narrative sections");
    let item = sheet
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .find_map(|i| match i {
            TranscriptionItem::Field { value, chars, .. } if value == text => Some(*chars),
            _ => None,
        })
        .unwrap_or_else(|| panic!("narrative {key} is not on the sheet"));
    assert_eq!(item as usize, text.chars().filter(|c| !c.is_whitespace()).count());
}

#[test]
fn a_roster_is_one_row_per_record_without_numbering_or_totals() {
    let app = sample();
    let (_db, sheet) = sheet_of(&app);
    let (columns, rows, tsv) = roster(&sheet, "证件号码");
    assert_eq!(columns.first().map(String::as_str), Some("姓名"), "no 序号 column: {columns:?}");
    assert_eq!(rows.len(), app.people.len());
    let at = columns.iter().position(|c| c == "证件号码").unwrap();
    for (row, p) in rows.iter().zip(&app.people) {
        assert_eq!(row[0], p.name);
        assert_eq!(row[at], p.id_doc.number);
    }
    assert_eq!(tsv.lines().count(), app.people.len(), "one line per person");
    assert!(tsv.lines().all(|l| l.split('\t').count() == columns.len()));
    // Instruments: the 合计 row is not a record; the value is printed in 万元.
    let (columns, rows, _) = roster(&sheet, "资产编号");
    assert_eq!(rows.len(), app.instruments.len());
    let value = columns.iter().position(|c| c == "原值（万元）").unwrap();
    let first = &app.instruments[0];
    assert_eq!(rows[0][value], first.original_value.as_wan());
    assert_eq!(first.original_value.0, 2_380_000, "the sample's first instrument, 238 万元");
    assert_eq!(rows[0][value], "238");
}

#[test]
fn an_empty_roster_and_an_empty_application_give_a_sheet_without_rows() {
    let mut app = sample();
    app.instruments.clear();
    let (_db, sheet) = sheet_of(&app);
    let has_instruments = sheet.sections.iter().flat_map(|s| &s.items).any(
        |i| matches!(i, TranscriptionItem::Table { columns, .. } if columns.iter().any(|c| c == "资产编号")),
    );
    assert!(!has_instruments, "no instrument roster when there are no instruments");

    let mut empty = sample();
    empty.centre_name.clear();
    empty.host_units.clear();
    empty.people.clear();
    empty.sites.clear();
    empty.instruments.clear();
    empty.rd_investments.clear();
    empty.achievements.clear();
    empty.directions.clear();
    empty.narratives.clear();
    let (_db, sheet) = sheet_of(&empty);
    assert_eq!(sheet.sections[0].title, "一、基本信息");
    let rosters = sheet.sections.iter().flat_map(|s| &s.items).filter(|i| {
        matches!(i, TranscriptionItem::Table { columns, .. }
            if columns.iter().any(|c| ["证件号码", "资产编号", "楼宇及房间", "依托单位"].contains(&c.as_str())))
    });
    assert_eq!(rosters.count(), 0, "no roster to paste from an application without records");
}

#[test]
fn the_values_on_the_sheet_are_the_ones_the_pdf_prints() {
    let app = sample();
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&app).unwrap();
    let sheet = service::transcription_of(&mut store, id, today()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let written = service::export_stored(&mut store, id, &[Which::Application], today(), out.path()).unwrap();
    let Ok(text) = Command::new("pdftotext").arg(&written[0]).arg("-").output() else {
        crate::common::missing_tool("pdftotext", "apt-get install poppler-utils");
        return;
    };
    let printed: String =
        String::from_utf8_lossy(&text.stdout).chars().filter(|c| !c.is_whitespace()).collect();
    // Cells of one line each (a wrapped cell's lines interleave with its neighbours' in the text).
    let (columns, rows, _) = roster(&sheet, "证件号码");
    let short: Vec<usize> = ["姓名", "证件号码", "出生日期"]
        .iter()
        .map(|n| columns.iter().position(|c| c == n).unwrap())
        .collect();
    for row in rows {
        for cell in short.iter().map(|&k| &row[k]).filter(|c| !c.is_empty()) {
            assert!(
                printed.contains(cell.as_str()),
                "“{cell}” is on the sheet but not in the printed 申请书"
            );
        }
    }
    let name: String = app.centre_name.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(printed.contains(&name));
}

#[test]
fn the_xlsx_keeps_every_value_as_text_in_print_order() {
    let app = sample();
    let (_db, sheet) = sheet_of(&app);
    let bytes = service::transcription_xlsx(&sheet).unwrap();
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).expect("a workbook calamine reads");
    let range = book.worksheet_range("网上填报对照表").expect("the sheet 网上填报对照表");
    let cells: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(cells.iter().any(|c| c.contains(&app.centre_name)));
    let person = app
        .people
        .iter()
        .rev()
        .find(|p| !p.role.is_fixed() || p.role != shenbao::model::Role::Director)
        .unwrap();
    assert!(cells.contains(&person.id_doc.number), "the ID number is text, not a number");
    assert!(cells.contains(&app.host_units[0].uscc));
    let first_section = cells.iter().position(|c| c == "一、基本信息").unwrap();
    let staff = cells.iter().position(|c| c == "四、人员队伍").unwrap();
    let id_at = cells.iter().position(|c| c == &person.id_doc.number).unwrap();
    assert!(first_section < staff && staff < id_at, "sections in print order, the roster under its section");
}
