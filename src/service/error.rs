//! The one error of the use cases, shared by the shell and the CLI: every core module's error,
//! its typed code (what the UI branches on, what the CLI maps to an exit status) and the one
//! `{code, detail, message}` shape both edges show.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::duplicates::DuplicatesError;
use crate::import::ImportError;
use crate::interchange::InterchangeError;
use crate::package::PackageError;
use crate::pdf::PdfError;
use crate::registry::RegistryError;
use crate::rules::PackError;
use crate::store::backup::BackupError;
use crate::store::StoreError;

/// What kind of failure it was: the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The application, row, platform, backup, pack or person asked for does not exist (any more).
    NotFound,
    /// The database is held by another program (locked or busy): try again once it is closed.
    InUse,
    /// A value the user gave is wrong (a field, a file's content, a document number); the message
    /// names the field and the fix. Nothing was written.
    Invalid,
    /// The database file is damaged or not a Shenbao database: restore from a backup.
    DamagedDatabase,
    /// The database (or a backup) was written by a newer Shenbao: upgrade; the file is untouched.
    NewerDatabase,
    /// A programme pack is refused (with its file, line and key).
    PackInvalid,
    /// A co-builder package does not fit here (wrong direction, stale, another application's).
    PackageRefused,
    /// Reading or writing a file or the database failed (missing, no permission, disk full).
    Io,
    /// A command was called with a missing or malformed argument (a bug in the caller).
    BadArgument,
    /// Something inside Shenbao failed (fonts, the PDF writer).
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error("申报类型“{programme}”没有内置规则包：请在“申报类型”中选择 P1–P7，或导入对应的规则包文件")]
    UnknownProgramme { programme: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Duplicates(#[from] DuplicatesError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Interchange(#[from] InterchangeError),
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Package(#[from] PackageError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error("无法读取文件“{path}”：{reason}")]
    Read { path: String, reason: String },
    #[error("无法写入文件“{path}”：{reason}")]
    Write { path: String, reason: String },
    #[error("文件夹“{path}”{reason}")]
    Folder { path: String, reason: String },
    #[error("没有导入过编号为“{id}”的申报规则")]
    UserPackNotFound { id: String },
    #[error("申报书 {id} 按 {programme} 规则“{version}”核对，该版本的规则包已不在本数据库中，不能给出审查结论。请重新导入该版本的规则包，或改用现有版本（{available}）：申报书的“规则版本”→ 改用其他版本，或 shenbao packs move {id} --to 版本")]
    PackVersionGone { id: crate::model::RowId, programme: String, version: String, available: String },
    #[error("{programme} 规则没有“{wanted}”这一版本{reason}：现有版本 {available}")]
    UnknownPackVersion { programme: String, wanted: String, reason: String, available: String },
    #[error("证件“{text}”无法识别：{reason}")]
    BadDocument { text: String, reason: String },
    #[error("两份证件相同：关联须是同一人的两份不同证件（如身份证和护照）")]
    SameDocument,
    #[error("找不到冲突中的人员“{who}”：{reason}，请在冲突报告刷新后重试")]
    PersonNotFound { who: String, reason: String },
    /// A value given on the command line or by the window that cannot be read, naming the field.
    #[error("{field}：{reason}")]
    BadValue { field: String, reason: String },
    #[error("{0}")]
    BadArgument(String),
    #[error("编号为 {id} 的申报书尚未定稿：请先定稿（shenbao seal {id} --note 说明，或在窗口中点“定稿”）")]
    NotSealed { id: crate::model::RowId },
    #[error("编号为 {id} 的申报书没有编号为 {seal} 的定稿版本：可用 shenbao seals {id} 查看其定稿")]
    SealNotFound { id: crate::model::RowId, seal: crate::model::RowId },
    #[error("定稿版本 {seal} 的存档已损坏，无法原样重印：请从数据备份恢复")]
    SealDamaged { seal: crate::model::RowId },
    #[error(transparent)]
    Cases(#[from] crate::packkit::CaseError),
    #[error("无法生成网上填报对照表（xlsx）：{0}")]
    Spreadsheet(String),
    #[error("文件“{file}”未添加：{reason}；本次选择的文件都未保存")]
    Attach { file: String, reason: crate::evidence::AttachError },
    #[error("没有印证材料“{wanted}”：请写材料目录中的序号（1–{count}），可用 shenbao evidence list 查看")]
    NoSuchEvidenceItem { wanted: String, count: usize },
    #[error("“{title}”是申报规则要求的印证材料，不能删除：可以删除它的文件")]
    PackEvidenceItem { title: String },
    #[error("印证材料名称为空：请填写材料名称")]
    EmptyEvidenceTitle,
    #[error("“{text}”无法识别：请写 criterion:条件编号、unit:统一社会信用代码、person:姓名 或 record:说明")]
    BadEvidenceTarget { text: String },
    #[error("无法核对平台下载件：{0}")]
    PlatformCopy(crate::platform_copy::PdfTextError),
}

impl ServiceError {
    /// A file that could not be read, with the reason in words the user can act on.
    pub fn read(path: &Path, e: &std::io::Error) -> Self {
        ServiceError::Read {
            path: path.display().to_string(),
            reason: io_reason(e, "文件不存在", "没有读取权限"),
        }
    }

    /// A file that could not be written, with the reason in words the user can act on.
    pub fn write(path: &Path, e: &std::io::Error) -> Self {
        ServiceError::Write {
            path: path.display().to_string(),
            reason: io_reason(e, "文件夹不存在", "没有写入权限"),
        }
    }

    /// A value that cannot be read, naming the field and the fix.
    pub fn bad_value(field: impl Into<String>, reason: impl Into<String>) -> Self {
        ServiceError::BadValue { field: field.into(), reason: reason.into() }
    }

    /// What kind of failure this is.
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            ServiceError::Pack(PackError::UnknownProgramme { .. })
            | ServiceError::UnknownProgramme { .. } => C::NotFound,
            ServiceError::Pack(PackError::Io { .. }) => C::Io,
            ServiceError::Pack(_) => C::PackInvalid,
            ServiceError::Store(e) => store_code(e),
            ServiceError::Duplicates(DuplicatesError::ApplicationNotFound(_)) => C::NotFound,
            ServiceError::Duplicates(DuplicatesError::Store(e)) => store_code(e),
            ServiceError::Pdf(PdfError::MissingCharacters(_)) => C::Invalid,
            ServiceError::Pdf(_) | ServiceError::Spreadsheet(_) => C::Internal,
            ServiceError::Interchange(_) => C::Invalid,
            ServiceError::Backup(e) => match e {
                BackupError::NotFound { .. } => C::NotFound,
                BackupError::NotShenbao { .. } | BackupError::Damaged { .. } => C::Invalid,
                BackupError::TooNew { .. } => C::NewerDatabase,
                BackupError::Folder { .. } | BackupError::Write { .. } | BackupError::Restore { .. } => C::Io,
                BackupError::Store(e) => store_code(e),
            },
            ServiceError::Import(e) => match e {
                ImportError::Template(_) => C::Internal,
                ImportError::Store(e) => store_code(e),
                _ => C::Invalid,
            },
            ServiceError::Package(e) => match e {
                PackageError::Store(e) => store_code(e),
                PackageError::Duplicates(DuplicatesError::Store(e)) => store_code(e),
                PackageError::Duplicates(DuplicatesError::ApplicationNotFound(_)) => C::NotFound,
                PackageError::File(_) | PackageError::Invalid(_) => C::Invalid,
                PackageError::LeadUnit | PackageError::NoSuchUnit { .. } => C::Invalid,
                _ => C::PackageRefused,
            },
            ServiceError::Registry(RegistryError::Invalid(_)) => C::Invalid,
            ServiceError::Registry(RegistryError::Store(e)) => store_code(e),
            ServiceError::Read { .. } | ServiceError::Write { .. } | ServiceError::Folder { .. } => C::Io,
            ServiceError::UserPackNotFound { .. } | ServiceError::PersonNotFound { .. } => C::NotFound,
            ServiceError::PackVersionGone { .. } => C::NotFound,
            ServiceError::UnknownPackVersion { .. } => C::Invalid,
            ServiceError::BadDocument { .. } | ServiceError::SameDocument | ServiceError::BadValue { .. } => {
                C::Invalid
            }
            ServiceError::BadArgument(_) => C::BadArgument,
            ServiceError::NotSealed { .. } | ServiceError::SealNotFound { .. } => C::NotFound,
            ServiceError::SealDamaged { .. } => C::DamagedDatabase,
            ServiceError::Cases(crate::packkit::CaseError::Read { .. }) => C::Io,
            ServiceError::Cases(_) => C::Invalid,
            ServiceError::NoSuchEvidenceItem { .. } => C::NotFound,
            ServiceError::Attach { .. }
            | ServiceError::PackEvidenceItem { .. }
            | ServiceError::EmptyEvidenceTitle
            | ServiceError::BadEvidenceTarget { .. }
            | ServiceError::PlatformCopy(_) => C::Invalid,
        }
    }

    /// The finer English code of the module that failed (`db_too_new`, `pack_unknown_key` …),
    /// printed by the CLI and kept for support; the UI branches on [`ServiceError::code`].
    pub fn detail(&self) -> &'static str {
        match self {
            ServiceError::Pack(e) => e.code(),
            ServiceError::UnknownProgramme { .. } => "unknown_programme",
            ServiceError::Store(e) => e.code(),
            ServiceError::Duplicates(e) => e.code(),
            ServiceError::Pdf(e) => e.code(),
            ServiceError::Interchange(e) => e.code(),
            ServiceError::Backup(e) => e.code(),
            ServiceError::Import(e) => e.code(),
            ServiceError::Package(e) => e.code(),
            ServiceError::Registry(e) => e.code(),
            ServiceError::Read { .. } => "read_file",
            ServiceError::Write { .. } => "write_file",
            ServiceError::Folder { .. } => "folder",
            ServiceError::UserPackNotFound { .. } | ServiceError::PersonNotFound { .. } => "not_found",
            ServiceError::PackVersionGone { .. } => "pack_version_gone",
            ServiceError::UnknownPackVersion { .. } => "unknown_pack_version",
            ServiceError::BadDocument { .. } => "bad_document",
            ServiceError::SameDocument => "same_document",
            ServiceError::BadValue { .. } => "bad_value",
            ServiceError::BadArgument(_) => "bad_argument",
            ServiceError::NotSealed { .. } => "not_sealed",
            ServiceError::SealNotFound { .. } => "not_found",
            ServiceError::SealDamaged { .. } => "seal_damaged",
            ServiceError::Cases(e) => e.code(),
            ServiceError::Spreadsheet(_) => "spreadsheet",
            ServiceError::Attach { reason, .. } => reason.code(),
            ServiceError::NoSuchEvidenceItem { .. } => "not_found",
            ServiceError::PackEvidenceItem { .. } => "pack_evidence_item",
            ServiceError::EmptyEvidenceTitle => "empty_title",
            ServiceError::BadEvidenceTarget { .. } => "bad_value",
            ServiceError::PlatformCopy(e) => e.code(),
        }
    }
}

fn store_code(e: &StoreError) -> ErrorCode {
    match e {
        StoreError::TooNew { .. } => ErrorCode::NewerDatabase,
        StoreError::InUse { .. } => ErrorCode::InUse,
        StoreError::NotADatabase { .. } | StoreError::Corrupt { .. } => ErrorCode::DamagedDatabase,
        StoreError::ApplicationNotFound(_) | StoreError::RowNotFound { .. } => ErrorCode::NotFound,
        StoreError::Sqlite(e) => match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => ErrorCode::InUse,
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                ErrorCode::DamagedDatabase
            }
            _ => ErrorCode::Io,
        },
        StoreError::Open { .. } | StoreError::ReadOnly { .. } | StoreError::DiskFull { .. } => ErrorCode::Io,
    }
}

/// Why a file could not be read or written, in words the user can act on.
fn io_reason(e: &std::io::Error, missing: &str, denied: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => missing.into(),
        std::io::ErrorKind::PermissionDenied => denied.into(),
        std::io::ErrorKind::InvalidData => "文件不是 UTF-8 编码的文本".into(),
        std::io::ErrorKind::StorageFull => "磁盘空间已满".into(),
        _ => e.to_string(),
    }
}

/// The one shape a failure reaches the window (and the CLI's stderr) in: the typed `code`, the
/// module's finer `detail` code, and the Chinese `message` naming what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    pub code: ErrorCode,
    pub detail: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, detail: &str, message: impl Into<String>) -> Self {
        CommandError { code, detail: detail.to_string(), message: message.into() }
    }
}

impl From<ServiceError> for CommandError {
    fn from(e: ServiceError) -> Self {
        CommandError { code: e.code(), detail: e.detail().to_string(), message: e.to_string() }
    }
}
