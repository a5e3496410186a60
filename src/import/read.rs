//! Reading a spreadsheet or CSV file's first non-empty sheet into a grid of cells with their
//! 1-based line numbers, as the user sees them. Knows file formats and text encodings, not rosters.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use chrono::NaiveDate;

use super::ImportError;

/// One cell, as read: text is kept as written; numbers as the file stored them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell the spreadsheet formatted as a date.
    Date(NaiveDate),
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text a user would see, for headers and messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            // The shortest text that reads back to it, never with an exponent: a whole number
            // without a decimal point, as Excel shows it in a General cell up to 15 digits.
            Cell::Number(f) => f.to_string(),
            Cell::Bool(true) => "TRUE".into(),
            Cell::Bool(false) => "FALSE".into(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// Rows of cells; `lines[i]` is the 1-based line number of `rows[i]` in the file.
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    pub lines: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Workbook,
}

fn format_of(file_name: &str) -> Option<Format> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    match ext.as_str() {
        "csv" | "txt" => Some(Format::Csv),
        "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => Some(Format::Workbook),
        _ => None,
    }
}

pub fn read(bytes: &[u8], file_name: &str) -> Result<Grid, ImportError> {
    let format = match format_of(file_name) {
        Some(f) => f,
        // Unknown extension: a workbook if calamine recognises it, else text.
        None if open_workbook_auto_from_rs(Cursor::new(bytes)).is_ok() => Format::Workbook,
        None => Format::Csv,
    };
    match format {
        Format::Csv => read_csv(bytes, file_name),
        Format::Workbook => read_workbook(bytes, file_name),
    }
}

fn read_workbook(bytes: &[u8], file_name: &str) -> Result<Grid, ImportError> {
    let unreadable = |reason: String| ImportError::Unreadable { file: file_name.to_string(), reason };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("不是可识别的 Excel 或 ODS 表格文件（{e}）")))?;
    let count = book.sheet_names().len();
    for n in 0..count {
        let Some(range) = book.worksheet_range_at(n) else { continue };
        let range = range.map_err(|e| unreadable(e.to_string()))?;
        let Some((row0, col0)) = range.start() else { continue };
        let mut rows = Vec::with_capacity(range.height());
        let mut lines = Vec::with_capacity(range.height());
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; col0 as usize];
            cells.extend(row.iter().map(cell_of));
            rows.push(cells);
            lines.push(row0 as usize + i + 1);
        }
        if rows.iter().any(|r| r.iter().any(|c| !c.is_blank())) {
            return Ok(Grid { rows, lines });
        }
    }
    Ok(Grid { rows: Vec::new(), lines: Vec::new() })
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => match s.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) {
            Some(d) => Cell::Date(d),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 (which covers GBK,
/// what Excel writes for "CSV" on Chinese Windows).
pub fn decode_text(bytes: &[u8]) -> String {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(body).0.into_owned(),
    }
}

/// Cells copied from a spreadsheet and pasted as text: tab-separated rows (Excel, WPS and
/// LibreOffice all copy so), quoted cells holding line breaks as in a file.
pub fn read_pasted(text: &str, name: &str) -> Result<Grid, ImportError> {
    read_delimited(text, b'\t', name)
}

fn read_csv(bytes: &[u8], file_name: &str) -> Result<Grid, ImportError> {
    let text = decode_text(bytes);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',');
    read_delimited(&text, delimiter, file_name)
}

fn read_delimited(text: &str, delimiter: u8, file_name: &str) -> Result<Grid, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers from byte offsets (a quoted cell may hold line breaks).
    let (mut counted_to, mut line) = (0usize, 1usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).max(counted_to);
                // The position may point at the previous line's terminator.
                while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                line += text
                    .as_bytes()
                    .get(counted_to..start)
                    .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
                counted_to = start;
                rows.push(
                    record
                        .iter()
                        .map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) })
                        .collect(),
                );
                lines.push(line);
            }
            Err(e) => {
                return Err(ImportError::Unreadable {
                    file: file_name.to_string(),
                    reason: format!("CSV 格式有误（{e}）"),
                })
            }
        }
    }
    Ok(Grid { rows, lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_are_counted_as_an_editor_shows_them() {
        for text in ["a,b\r\n\r\nc,d\r\n\"e\r\nf\",g\r\nh,i\r\n", "a,b\n\nc,d\n\"e\nf\",g\nh,i\n"] {
            let grid = read(text.as_bytes(), "x.csv").unwrap();
            assert_eq!(grid.lines, [1, 3, 4, 6], "{text:?}");
            assert!(matches!(&grid.rows[2][0], Cell::Text(t) if t.starts_with('e') && t.ends_with('f')));
        }
    }

    /// A cell shows what Excel shows: a whole number without a decimal point up to 15 digits, a
    /// fraction as typed (a model number 3.5 stays 3.5).
    #[test]
    fn a_number_cell_reads_as_excel_shows_it() {
        assert_eq!(Cell::Number(20.0).display(), "20");
        assert_eq!(Cell::Number(3.5).display(), "3.5");
        assert_eq!(Cell::Number(999_999_999_999_999.0).display(), "999999999999999");
        assert_eq!(Cell::Number(1e15).display(), "1000000000000000");
        assert_eq!(Cell::Number(-2.0).display(), "-2");
    }

    /// A cell of spaces is as blank as an empty one: a row of them is not a row of data.
    #[test]
    fn a_cell_of_spaces_is_blank() {
        assert!(Cell::Text(" \u{3000} ".into()).is_blank());
        assert!(Cell::Empty.is_blank());
        assert!(!Cell::Text(" 张三 ".into()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }

    /// A date cell is its day (the time of day dropped); a duration cell ([h]:mm) is no date, only
    /// its number, so 1.5 in a price column is not read as 1900-01-01.
    #[test]
    fn a_date_cell_is_its_day_and_a_duration_its_number() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let day = Data::DateTime(ExcelDateTime::new(26_373.75, ExcelDateTimeType::DateTime, false));
        assert_eq!(cell_of(&day), Cell::Date(NaiveDate::from_ymd_opt(1972, 3, 15).unwrap()));
        let duration = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(cell_of(&duration), Cell::Number(1.5));
    }

    #[test]
    fn text_is_utf8_with_or_without_bom_else_gb18030() {
        assert_eq!(decode_text("姓名".as_bytes()), "姓名");
        assert_eq!(decode_text(b"\xEF\xBB\xBF\xE5\xA7\x93\xE5\x90\x8D"), "姓名");
        assert_eq!(decode_text(b"\xD0\xD5\xC3\xFB"), "姓名", "GBK");
    }
}
