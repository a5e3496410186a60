//! JSON interchange: one application (or a registry of existing platforms) as one tagged,
//! versioned document. Reading reports the JSON path of a bad value; it never touches storage.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Application, ExistingPlatform};
use crate::validate::{errors_only, normalise_application, validate_application, FieldIssue};

pub const APPLICATION_FORMAT: &str = "shenbao.application";
pub const REGISTRY_FORMAT: &str = "shenbao.registry";
pub const VERSION: u32 = 1;
/// The largest file an import reads: many times a large real application (the sample is
/// about 60 KB), small enough to parse in a second or two.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicationDocument {
    format: String,
    version: u32,
    application: Application,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryDocument {
    format: String,
    version: u32,
    platforms: Vec<ExistingPlatform>,
}

#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("文件不是有效的 JSON（第 {line} 行第 {column} 列）：{reason}")]
    Syntax { line: usize, column: usize, reason: String },
    #[error("文件格式标记为“{found}”，应为“{expected}”：请选择申报通导出的文件")]
    WrongFormat { found: String, expected: &'static str },
    #[error("文件版本 {found} 高于本程序支持的版本 {supported}：请升级申报通后再导入")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("{path}：{reason}")]
    BadValue { path: String, reason: String },
    #[error("文件内容有 {} 处错误：{}", .0.len(), summarise(.0))]
    Invalid(Vec<FieldIssue>),
    #[error("文件过大（{} MB），超过导入上限 {} MB：请确认选择的是申报通导出的 JSON 文件", .size / (1024 * 1024), MAX_IMPORT_BYTES / (1024 * 1024))]
    TooLarge { size: u64 },
}

/// Refuses a file larger than [`MAX_IMPORT_BYTES`]; callers that read files check the size
/// before reading.
pub fn check_import_size(size: u64) -> Result<(), InterchangeError> {
    if size > MAX_IMPORT_BYTES {
        return Err(InterchangeError::TooLarge { size });
    }
    Ok(())
}

fn summarise(issues: &[FieldIssue]) -> String {
    let shown: Vec<String> =
        issues.iter().take(5).map(|i| format!("{}（{}）：{}", i.field, i.path, i.message)).collect();
    let more = if issues.len() > 5 { format!("；另有 {} 处", issues.len() - 5) } else { String::new() };
    format!("{}{more}", shown.join("；"))
}

impl InterchangeError {
    /// Stable English code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            InterchangeError::Syntax { .. } => "json_syntax",
            InterchangeError::WrongFormat { .. } => "wrong_format",
            InterchangeError::UnsupportedVersion { .. } => "unsupported_version",
            InterchangeError::BadValue { .. } => "bad_value",
            InterchangeError::Invalid(_) => "invalid_application",
            InterchangeError::TooLarge { .. } => "file_too_large",
        }
    }
}

/// The JSON text of one application: stable key order, two-space indent, final newline.
pub fn application_to_json(app: &Application) -> String {
    let doc = ApplicationDocument {
        format: APPLICATION_FORMAT.into(),
        version: VERSION,
        application: app.clone().without_row_ids(),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("model serialises");
    text.push('\n');
    text
}

/// Reads one application document: checks tag and version, the shape (with the JSON path of a
/// bad value), then every field (normalised codes, check characters, references).
pub fn application_from_json(text: &str) -> Result<Application, InterchangeError> {
    let value = parse_tagged(text, APPLICATION_FORMAT)?;
    let doc: ApplicationDocument = from_value(value)?;
    let mut app = doc.application.without_row_ids();
    normalise_application(&mut app);
    let issues = errors_only(validate_application(&app));
    if issues.is_empty() {
        Ok(app)
    } else {
        Err(InterchangeError::Invalid(issues))
    }
}

/// Platforms as a document carries them: database ids are local to one file.
fn without_ids(platforms: &[ExistingPlatform]) -> Vec<ExistingPlatform> {
    platforms
        .iter()
        .cloned()
        .map(|mut p| {
            p.id = None;
            p
        })
        .collect()
}

pub fn registry_to_json(platforms: &[ExistingPlatform]) -> String {
    let doc = RegistryDocument {
        format: REGISTRY_FORMAT.into(),
        version: VERSION,
        platforms: without_ids(platforms),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("model serialises");
    text.push('\n');
    text
}

pub fn registry_from_json(text: &str) -> Result<Vec<ExistingPlatform>, InterchangeError> {
    let value = parse_tagged(text, REGISTRY_FORMAT)?;
    let doc: RegistryDocument = from_value(value)?;
    Ok(doc.platforms)
}

pub(crate) fn parse_tagged(
    text: &str,
    expected: &'static str,
) -> Result<serde_json::Value, InterchangeError> {
    parse_tagged_versions(text, expected, VERSION, VERSION)
}

/// As [`parse_tagged`], for a format whose versions `oldest..=newest` are all read.
pub(crate) fn parse_tagged_versions(
    text: &str,
    expected: &'static str,
    oldest: u32,
    newest: u32,
) -> Result<serde_json::Value, InterchangeError> {
    check_import_size(text.len() as u64)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| InterchangeError::Syntax {
        line: e.line(),
        column: e.column(),
        reason: syntax_reason(&e),
    })?;
    let format = value.get("format").and_then(|f| f.as_str()).unwrap_or("");
    if format != expected {
        return Err(InterchangeError::WrongFormat { found: format.to_string(), expected });
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(newest) {
        return Err(InterchangeError::UnsupportedVersion {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: newest,
        });
    }
    if version < u64::from(oldest) {
        let reason = if oldest == newest {
            format!("版本应为 {newest}")
        } else {
            format!("版本应为 {oldest}–{newest}")
        };
        return Err(InterchangeError::BadValue { path: "version".into(), reason });
    }
    Ok(value)
}

fn syntax_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "文件不完整（意外结束）".into(),
        // serde_json stops at 128 levels instead of overflowing the stack.
        _ if e.to_string().starts_with("recursion limit exceeded") => "嵌套层数过多（超过 128 层）".into(),
        _ => "语法错误".into(),
    }
}

pub(crate) fn from_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, InterchangeError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        InterchangeError::BadValue { path, reason: explain(&mask_id_numbers(&e.into_inner().to_string())) }
    })
}

/// serde quotes the bad value in its message; when that is an ID number (e.g. one written as a
/// JSON number by a spreadsheet), only its last four characters may appear in the message.
fn mask_id_numbers(detail: &str) -> String {
    let mut out = String::with_capacity(detail.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().filter(char::is_ascii_digit).count() >= 14 {
            out.push_str(&crate::identity::mask_number(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in detail.chars() {
        if c.is_ascii_alphanumeric() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Turns serde's English wording into a Chinese explanation (the English detail is kept).
fn explain(detail: &str) -> String {
    // chrono's date errors, in Chinese only (the field is named by the path before).
    if detail.starts_with("input is out of range") || detail.starts_with("no possible date") {
        return "日期不存在（月份应为 1–12，日应在该月天数之内），请按 YYYY-MM-DD 填写，如 2025-03-31".into();
    }
    if ["input is not enough", "trailing input", "bad or unsupported format"]
        .iter()
        .any(|p| detail.starts_with(p))
    {
        return "不是日期，请按 YYYY-MM-DD 填写，如 2025-03-31".into();
    }
    let reason = if detail.starts_with("unknown field") {
        "未知字段"
    } else if detail.starts_with("missing field") {
        "缺少必填字段"
    } else if detail.starts_with("unknown variant") {
        "取值不在允许范围内"
    } else if detail.starts_with("invalid type") {
        "数据类型不正确"
    } else if detail.starts_with("input contains invalid characters") || detail.starts_with("premature end") {
        "日期格式应为 YYYY-MM-DD"
    } else {
        return detail.to_string();
    };
    format!("{reason}（{detail}）")
}

/// Tag of the archive: everything in one database, for the user's own keeping.
pub const ARCHIVE_FORMAT: &str = "shenbao.archive";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArchiveDocument {
    format: String,
    version: u32,
    exported_at: String,
    applications: Vec<Application>,
    registry: Vec<ExistingPlatform>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<ArchivedEvidence>,
    /// The attached files' contents, base64, by SHA-256 (each once).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    contents: BTreeMap<String, String>,
}

/// The supporting materials of one archived application (`application`: its index): the items
/// the user added and the files of every item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedEvidence {
    pub application: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<crate::attachment::UserItem>,
    pub files: Vec<ArchivedFile>,
}

/// One attached file in an archive; its bytes are in the archive's `contents` under `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedFile {
    /// The item it is attached to (`pack:<title>` or `user:<id>`).
    pub item: String,
    pub file_name: String,
    pub kind: crate::attachment::inspect::FileKind,
    pub sha256: String,
    pub pages: u32,
    #[serde(default = "upright", skip_serializing_if = "is_upright")]
    pub orientation: u16,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The unit it is from (normalised USCC) when a co-builder returned it; absent for the
    /// application's own.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

fn upright() -> u16 {
    1
}

fn is_upright(o: &u16) -> bool {
    *o == 1
}

/// Everything an archive holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Archive {
    pub applications: Vec<Application>,
    pub registry: Vec<ExistingPlatform>,
    pub evidence: Vec<ArchivedEvidence>,
    /// Contents by SHA-256 (checked against it on reading).
    pub contents: BTreeMap<String, Vec<u8>>,
}

/// Every application and the registry as one JSON document (`shenbao export-all`).
pub fn archive_to_json(
    applications: &[Application],
    registry: &[ExistingPlatform],
    exported_at: &str,
) -> String {
    let archive =
        Archive { applications: applications.to_vec(), registry: registry.to_vec(), ..Archive::default() };
    full_archive_to_json(&archive, exported_at)
}

/// The archive with the supporting materials and their contents (base64).
pub fn full_archive_to_json(archive: &Archive, exported_at: &str) -> String {
    use base64::Engine;
    let doc = ArchiveDocument {
        format: ARCHIVE_FORMAT.into(),
        version: VERSION,
        exported_at: exported_at.into(),
        applications: archive.applications.iter().cloned().map(Application::without_row_ids).collect(),
        registry: without_ids(&archive.registry),
        evidence: archive.evidence.clone(),
        contents: archive
            .contents
            .iter()
            .map(|(k, v)| (k.clone(), base64::engine::general_purpose::STANDARD.encode(v)))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("model serialises");
    text.push('\n');
    text
}

/// Reads an archive back: every application checked as `application_from_json` checks one.
pub fn archive_from_json(text: &str) -> Result<(Vec<Application>, Vec<ExistingPlatform>), InterchangeError> {
    let archive = full_archive_from_json(text)?;
    Ok((archive.applications, archive.registry))
}

/// Reads a whole archive back, the attached files' contents checked against their SHA-256.
pub fn full_archive_from_json(text: &str) -> Result<Archive, InterchangeError> {
    use base64::Engine;
    let value = parse_tagged(text, ARCHIVE_FORMAT)?;
    let doc: ArchiveDocument = from_value(value)?;
    let mut contents = BTreeMap::new();
    for (sha, data) in &doc.contents {
        let bad = |reason: &str| InterchangeError::BadValue {
            path: format!("contents.{sha}"),
            reason: reason.into(),
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|_| bad("附件内容不是有效的 base64 编码"))?;
        if crate::attachment::sha256_hex(&bytes) != *sha {
            return Err(bad("附件内容与其 SHA-256 校验值不符：文件已损坏"));
        }
        contents.insert(sha.clone(), bytes);
    }
    for (k, e) in doc.evidence.iter().enumerate() {
        for (j, f) in e.files.iter().enumerate() {
            if !contents.contains_key(&f.sha256) {
                return Err(InterchangeError::BadValue {
                    path: format!("evidence[{k}].files[{j}].sha256"),
                    reason: "归档中缺少该附件的内容".into(),
                });
            }
        }
        if e.application >= doc.applications.len() {
            return Err(InterchangeError::BadValue {
                path: format!("evidence[{k}].application"),
                reason: "没有该序号的申报书".into(),
            });
        }
    }
    let mut applications = Vec::with_capacity(doc.applications.len());
    for app in doc.applications {
        let mut app = app.without_row_ids();
        normalise_application(&mut app);
        let issues = errors_only(validate_application(&app));
        if !issues.is_empty() {
            return Err(InterchangeError::Invalid(issues));
        }
        applications.push(app);
    }
    Ok(Archive { applications, registry: doc.registry, evidence: doc.evidence, contents })
}
