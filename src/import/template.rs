//! Template spreadsheets to download, fill and import back: one sheet with the roster's header
//! row; ID-number and code columns formatted as text so Excel keeps every digit.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::columns::fields;
use super::{ImportError, ImportKind};

/// Columns whose values are long digit strings Excel would otherwise turn into numbers.
const TEXT_COLUMNS: &[&str] = &["id_number", "employer_uscc", "owner_uscc", "asset_number", "identifier"];

/// An .xlsx file with the header row of `kind`'s roster.
pub fn template(kind: ImportKind) -> Result<Vec<u8>, ImportError> {
    build(kind).map_err(|e| ImportError::Template(e.to_string()))
}

fn build(kind: ImportKind) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(kind.label())?;
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    let text = Format::new().set_num_format("@");
    let columns: Vec<_> = fields(kind).iter().filter(|f| f.key != "owner_uscc").collect();
    for (c, f) in columns.iter().enumerate() {
        let col = c as u16;
        let label = if f.required { format!("*{}", f.label) } else { f.label.to_string() };
        sheet.write_string_with_format(0, col, &label, &bold)?;
        let width = if TEXT_COLUMNS.contains(&f.key) { 22.0 } else { 14.0 };
        sheet.set_column_width(col, width)?;
        if TEXT_COLUMNS.contains(&f.key) {
            sheet.set_column_format(col, &text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
