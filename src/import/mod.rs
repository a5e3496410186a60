//! Roster import from spreadsheets (.xlsx, .xls, .ods) and CSV (UTF-8 or GBK/GB18030): finds the
//! header row, matches columns by their Chinese headers, turns each row into a model record and
//! reports per-row errors. Writes nothing itself: `commit` hands the good rows to the store, which
//! inserts them in one transaction. Templates to fill are in `template`.

mod columns;
mod convert;
mod merge;
mod read;
mod template;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Application, ExistingPlatform, HostUnit, RowId};
use crate::store::{RowData, Store, StoreError};

pub use columns::{ColumnMap, ColumnMatch};
pub use read::decode_text;
pub use template::template;

pub use crate::model::ImportKind;

impl FromStr for ImportKind {
    type Err = ImportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImportKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s || k.label() == s)
            .ok_or_else(|| ImportError::UnknownKind(s.to_string()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("无法读取文件“{file}”：{reason}；请另存为 .xlsx 或 .csv 后重试")]
    Unreadable { file: String, reason: String },
    /// `origin` names where the rows came from: 文件“名单.xlsx” or 粘贴的内容.
    #[error("{origin}中没有找到{kind}的表头行：请使用模板，或确认表头含有{expected}等列")]
    NoHeader { origin: String, kind: &'static str, expected: String },
    /// Required fields no column fills: what is missing and how to fix it (see [`missing_message`]).
    #[error("{0}")]
    MissingColumns(String),
    #[error("{origin}在表头之下没有数据行")]
    NoRows { origin: String },
    #[error("不认识的名单类型“{0}”：应为 staff（人员名单）、instruments（科研仪器设备）、sites（研发场地）、achievements（成果）或 platforms（已建平台名录）")]
    UnknownKind(String),
    #[error("无法生成模板：{0}")]
    Template(String),
    #[error("名录中有 {0} 行错误，未导入任何平台：请改正后重新导入")]
    RegistryRows(usize),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable { .. } => "import_unreadable",
            ImportError::NoHeader { .. } => "import_no_header",
            ImportError::MissingColumns(_) => "import_missing_columns",
            ImportError::NoRows { .. } => "import_no_rows",
            ImportError::UnknownKind(_) => "bad_value",
            ImportError::Template(_) => "template_failed",
            ImportError::RegistryRows(_) => "import_rows",
            ImportError::Store(e) => e.code(),
        }
    }
}

/// One problem on one row, e.g. "第 17 行：身份证号码校验位错误，按前17位计算应为X，现为5".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowError {
    /// Line number as the spreadsheet shows it (1-based).
    pub line: usize,
    /// Chinese field label, e.g. "身份证号码".
    pub field: String,
    /// Chinese: what is wrong and how to fix it, read after the field label.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第 {} 行：{}{}", self.line, self.field, self.message)
    }
}

/// A row that can be imported, with its line in the file.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportRow {
    pub line: usize,
    /// The row as it will be saved (for an update: the stored row with the file's columns over it).
    pub row: RowData,
    /// The stored row this one updates (the same document, or the same unit's asset number, as
    /// the duplicate check compares them), absent for a new row.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub updates: Option<RowId>,
}

/// What an import would do: the rows that are good, the errors of the others, and how the
/// columns were understood. Nothing has been written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Preview {
    pub kind: ImportKind,
    /// Line of the header row.
    pub header_line: usize,
    pub columns: Vec<ColumnMatch>,
    /// Every field a column of this kind can fill, for the user's column mapping.
    pub fields: Vec<FieldOption>,
    pub rows: Vec<ImportRow>,
    /// For the registry (`platforms`): the platforms, each with its members merged from its rows.
    pub platforms: Vec<ExistingPlatform>,
    pub errors: Vec<RowError>,
    /// When a required field has no column yet (a file only: its columns can be mapped): what is
    /// missing and how to map it. No row has been read, and nothing can be imported until the
    /// user maps a column to each (or fixes the header).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub missing_columns: Option<String>,
    /// Kept rows with something to look at: a gender taken from the ID number instead of the
    /// sheet, an implausible amount, a date after today.
    pub warnings: Vec<RowError>,
    /// Rows that would be added (新增), rows that would update a stored row (更新), and lines
    /// with an error (错误, left out).
    pub added: usize,
    pub updated: usize,
    pub rejected: usize,
}

/// A field a column can be mapped to: its key (as in a [`ColumnMap`]) and its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldOption {
    pub key: String,
    pub label: String,
    pub required: bool,
}

impl Preview {
    /// Refuses a preview whose required fields have no column yet: nothing of it can be written.
    pub fn ready(&self) -> Result<(), ImportError> {
        match &self.missing_columns {
            Some(message) => Err(ImportError::MissingColumns(message.clone())),
            None => Ok(()),
        }
    }

    /// Lines with at least one error (these rows are left out of `rows`).
    pub fn rejected_lines(&self) -> usize {
        let mut lines: Vec<usize> = self.errors.iter().map(|e| e.line).collect();
        lines.dedup();
        lines.len()
    }
}

/// Reads `bytes` (the file's name tells the format) as a `kind` roster for an application with
/// these host units (used to resolve unit names to their codes and to check them). A file whose
/// required fields have no column is previewed with its columns and `missing_columns` (see
/// [`Preview::ready`]), so the window can offer the mapping.
pub fn preview(
    bytes: &[u8],
    file_name: &str,
    kind: ImportKind,
    map: &ColumnMap,
    hosts: &[HostUnit],
) -> Result<Preview, ImportError> {
    preview_grid(RosterSource::File { bytes, name: file_name }, kind, map, hosts, None)
}

/// What the paste dialog names pasted text by in messages.
pub const PASTED: &str = "粘贴的内容";

/// As [`preview`], for cells copied from a spreadsheet and pasted as text (tab-separated, the
/// header row included): the same column matcher and converter as a file. Pasted text has no
/// column mapping, so a missing required column is an error.
pub fn preview_pasted(
    text: &str,
    kind: ImportKind,
    map: &ColumnMap,
    hosts: &[HostUnit],
) -> Result<Preview, ImportError> {
    preview_grid(RosterSource::Pasted(text), kind, map, hosts, None)
}

/// As [`preview`] or [`preview_pasted`], for the roster of the stored application `existing`: a
/// row with a stored person's document (kind and number) or a stored instrument's unit and asset
/// number updates that row instead of adding a second one, and keeps from it what the file has no
/// column for (honours, awards, projects, and any column left out) before it is checked. Other
/// repeats of a stored row or an earlier line are errors of their line.
pub fn preview_over(
    source: RosterSource<'_>,
    kind: ImportKind,
    map: &ColumnMap,
    existing: &Application,
) -> Result<Preview, ImportError> {
    let mut preview = preview_grid(source, kind, map, &existing.host_units, Some(existing))?;
    // A matched row stands in for the stored row it updates; against the rest of the
    // application (and earlier lines of the file) a repeat is still an error of its line.
    let replaced: std::collections::HashSet<RowId> = preview.rows.iter().filter_map(|r| r.updates).collect();
    let mut rest = existing.clone();
    rest.people.retain(|p| !p.id.is_some_and(|id| replaced.contains(&id)));
    rest.instruments.retain(|i| !i.id.is_some_and(|id| replaced.contains(&id)));
    flag_within_duplicates(&mut preview, &rest);
    preview.count();
    Ok(preview)
}

/// Where a roster comes from: a file, or cells pasted as text.
#[derive(Debug, Clone, Copy)]
pub enum RosterSource<'a> {
    File { bytes: &'a [u8], name: &'a str },
    Pasted(&'a str),
}

impl<'a> RosterSource<'a> {
    /// What messages call it: 文件“名单.xlsx”, or 粘贴的内容.
    fn described(self) -> String {
        match self {
            RosterSource::File { name, .. } => format!("文件“{name}”"),
            RosterSource::Pasted(_) => PASTED.to_string(),
        }
    }

    fn read(self) -> Result<read::Grid, ImportError> {
        match self {
            RosterSource::File { bytes, name } => read::read(bytes, name),
            RosterSource::Pasted(text) => read::read_pasted(text, PASTED),
        }
    }
}

/// What to tell the user when required fields have no column: pasted text must be copied again
/// with its header; a file's columns can be mapped.
fn missing_message(source: RosterSource<'_>, missing: &str) -> String {
    let fix = match source {
        RosterSource::File { .. } => "请在表头中添加，或在列对应关系中指定哪一列对应它",
        RosterSource::Pasted(_) => "请复制时带上表头行，并确认表头含有这些列（可下载模板对照）",
    };
    format!("{}缺少必填列{missing}：{fix}", source.described())
}

fn preview_grid(
    source: RosterSource<'_>,
    kind: ImportKind,
    map: &ColumnMap,
    hosts: &[HostUnit],
    over: Option<&Application>,
) -> Result<Preview, ImportError> {
    let grid = source.read()?;
    let header = columns::find_header(kind, &grid, map).ok_or_else(|| ImportError::NoHeader {
        origin: source.described(),
        kind: kind.label(),
        expected: columns::fields(kind)
            .iter()
            .filter(|f| f.required)
            .map(|f| format!("“{}”", f.label))
            .collect::<Vec<_>>()
            .join("、"),
    })?;
    let specs = columns::fields(kind);
    let present = |key: &str| header.fields.iter().flatten().any(|&i| specs[i].key == key);
    let mut missing: Vec<String> =
        specs.iter().filter(|s| s.required && !present(s.key)).map(|s| format!("“{}”", s.label)).collect();
    let owned = !matches!(kind, ImportKind::Staff | ImportKind::Platforms);
    if owned && !present("owner") && !present("owner_uscc") {
        missing.push("“所属单位”（或其统一社会信用代码）".to_string());
    }
    let missing_columns = (!missing.is_empty()).then(|| missing_message(source, &missing.join("、")));
    if let (Some(message), RosterSource::Pasted(_)) = (&missing_columns, source) {
        return Err(ImportError::MissingColumns(message.clone()));
    }
    // A file is not read until every required field has a column: the window shows its columns
    // as matched, for the user to map the missing ones.
    let (rows, platforms, errors, warnings) = if missing_columns.is_some() {
        Default::default()
    } else if kind == ImportKind::Platforms {
        let (platforms, errors) = convert::platforms(&grid, &header);
        (Vec::new(), platforms, errors, Vec::new())
    } else {
        let (rows, errors, warnings) = convert::rows(kind, &grid, &header, hosts, over);
        (rows, Vec::new(), errors, warnings)
    };
    if missing_columns.is_none() && rows.is_empty() && platforms.is_empty() && errors.is_empty() {
        return Err(ImportError::NoRows { origin: source.described() });
    }
    let mut preview = Preview {
        kind,
        header_line: grid.lines[header.row],
        columns: header.matches,
        fields: specs
            .iter()
            .map(|f| FieldOption { key: f.key.into(), label: f.label.into(), required: f.required })
            .collect(),
        rows,
        platforms,
        errors,
        missing_columns,
        warnings,
        added: 0,
        updated: 0,
        rejected: 0,
    };
    preview.count();
    Ok(preview)
}

impl Preview {
    /// How many rows (or registry platforms) a commit writes: the new and the updated ones.
    pub fn written(&self) -> usize {
        self.added + self.updated
    }

    fn count(&mut self) {
        self.updated = self.rows.iter().filter(|r| r.updates.is_some()).count();
        self.added = if self.kind == ImportKind::Platforms {
            self.platforms.len()
        } else {
            self.rows.len() - self.updated
        };
        self.rejected = self.rejected_lines();
    }
}

/// Marks the preview's rows that repeat a record of `app` or an earlier row of the file.
fn flag_within_duplicates(p: &mut Preview, app: &crate::model::Application) {
    use crate::{identity::Resource, within};
    let mut all = app.clone();
    let (resource, before) = match p.kind {
        ImportKind::Staff => (Resource::Person, app.people.len()),
        ImportKind::Instruments => (Resource::Instrument, app.instruments.len()),
        ImportKind::Sites => (Resource::Site, app.sites.len()),
        ImportKind::Achievements => (Resource::Achievement, app.achievements.len()),
        _ => return,
    };
    for r in &p.rows {
        match &r.row {
            RowData::Person(x) => all.people.push(x.clone()),
            RowData::Instrument(x) => all.instruments.push(x.clone()),
            RowData::Site(x) => all.sites.push(x.clone()),
            RowData::Achievement(x) => all.achievements.push(x.clone()),
            _ => {}
        }
    }
    let mut drop = std::collections::BTreeSet::new();
    for rep in within::duplicates(&all).into_iter().filter(|r| r.resource == resource) {
        let first = rep.rows[0];
        let earlier = if first < before {
            format!("本申报书{}第{}行", within::list_name(resource), first + 1)
        } else {
            format!("文件第 {} 行", p.rows[first - before].line)
        };
        for &i in rep.rows.iter().skip(1).filter(|&&i| i >= before) {
            let line = p.rows[i - before].line;
            drop.insert(i - before);
            p.errors.push(RowError {
                line,
                field: match resource {
                    Resource::Person => "证件号码",
                    Resource::Instrument => "资产编号",
                    Resource::Site => "地址",
                    Resource::Achievement => "编号",
                }
                .to_string(),
                message: format!("与{earlier}重复（{}），不再导入，以免重复计数", rep.subject()),
            });
        }
    }
    if !drop.is_empty() {
        let rows = std::mem::take(&mut p.rows);
        p.rows = rows.into_iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, r)| r).collect();
        p.errors.sort_by_key(|e| e.line);
    }
}

/// Inserts the preview's good rows into `application`, all in one transaction; returns their
/// ids. The registry kind goes into the registry, whatever the application, and whole: a file
/// with any bad row adds no platform (a platform's members span several rows).
pub fn commit(store: &mut Store, application: RowId, preview: &Preview) -> Result<Vec<RowId>, ImportError> {
    preview.ready()?;
    if preview.kind == ImportKind::Platforms {
        if !preview.errors.is_empty() {
            return Err(ImportError::RegistryRows(preview.rejected_lines()));
        }
        return Ok(store.insert_platforms(&preview.platforms)?);
    }
    let rows: Vec<RowData> = preview
        .rows
        .iter()
        .map(|r| {
            let mut row = r.row.clone();
            row.set_row_id(r.updates);
            row
        })
        .collect();
    // New rows appended and matched rows updated together: all or none.
    store.with_change_source(crate::store::history::ChangeSource::Import, |s| {
        Ok(s.save_rows(application, &rows)?)
    })
}
