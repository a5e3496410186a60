//! `shenbao transcription ID [--xlsx FILE]`: the values to type into the online platform, one
//! call into `service`, printed (or written as a spreadsheet).

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use shenbao::service::{self, ServiceError};
use shenbao::store::Store;
use shenbao::transcription::TranscriptionItem;

pub fn run(
    store: &mut Store,
    id: i64,
    xlsx: Option<&Path>,
    today: NaiveDate,
    out: &mut String,
) -> Result<(), ServiceError> {
    let sheet = service::transcription_of(store, id, today)?;
    if let Some(path) = xlsx {
        service::write_file(path, &service::transcription_xlsx(&sheet)?)?;
        say!(out, "已写出网上填报对照表：{}", path.display());
        return Ok(());
    }
    say!(out, "网上填报对照表：{}", sheet.centre_name);
    for s in &sheet.sections {
        say!(out, "\n{}", s.title);
        for item in &s.items {
            match item {
                TranscriptionItem::Heading { text } => say!(out, "{text}"),
                TranscriptionItem::Field { label, value, chars } => {
                    say!(out, "  {label}（{chars} 字）：{}", value.replace('\n', "\n    "))
                }
                TranscriptionItem::Table { title, columns, rows, tsv } => {
                    say!(out, "  {title}：{} 行（制表符分隔，可粘贴到网页表格）", rows.len());
                    say!(out, "{}", columns.join("\t"));
                    say!(out, "{tsv}");
                }
            }
        }
    }
    Ok(())
}
