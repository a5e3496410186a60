//! The SQLite store: one type owns the connection; every write is one transaction.
//! Opening refuses a database that is newer than this build, damaged or read-only without writing a
//! byte to it.

pub mod backup;
pub mod evidence;
pub mod history;
pub mod identity;
pub mod library;
mod migrations;
pub mod milestones;
mod narrative;
pub mod packages;
mod records;
mod seals;
pub mod signoffs;
pub mod user_packs;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Application, Category, ExistingPlatform, RowId};
pub use migrations::latest as latest_schema_version;
/// Every migration's SQL, for tests that build files at older schema versions.
#[doc(hidden)]
pub use migrations::MIGRATIONS;
pub use records::{Record, RowData, RowKind};
pub use seals::{NewSeal, Seal, SealSummary};

/// Environment variable that overrides the default database path.
pub const DB_ENV: &str = "SHENBAO_DB";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("数据库文件“{path}”由更新版本的申报通创建（数据版本 {found}，本程序支持 {supported}）：请升级申报通后再打开；该文件未作任何改动")]
    TooNew { path: String, found: u32, supported: u32 },
    #[error("文件“{path}”不是申报通数据库或已损坏：请从备份恢复，或打开其他数据库文件；该文件未作任何改动")]
    NotADatabase { path: String },
    #[error("无法打开数据库“{path}”：{reason}")]
    Open { path: String, reason: String },
    #[error("数据库文件“{path}”是只读的，申报通无法在其中保存修改：请检查文件权限，或把文件复制到可写的文件夹后再打开；该文件未作任何改动")]
    ReadOnly { path: String },
    #[error("磁盘空间已满，无法打开数据库“{path}”：请清理磁盘空间后再打开；该文件未作任何改动")]
    DiskFull { path: String },
    #[error("数据库正由另一个申报通窗口使用（“{path}”）：请切换到已打开的申报通窗口继续操作，或关闭该窗口后重试；本次未作任何改动")]
    InUse { path: String },
    #[error("未找到编号为 {0} 的申报书")]
    ApplicationNotFound(RowId),
    #[error("未找到要修改的{}（编号 {id}）：它可能已在另一处被删除，请刷新后再试", table_label(.table))]
    RowNotFound { table: &'static str, id: RowId },
    #[error("数据库中的{}无法读取（编号 {id}）：{reason}", table_label(.table))]
    Corrupt { table: &'static str, id: RowId, reason: String },
    #[error("数据库写入失败，本次修改未保存，已保存的内容不受影响：{}", write_reason(.0))]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::TooNew { .. } => "db_too_new",
            StoreError::NotADatabase { .. } => "not_a_database",
            StoreError::Open { .. } => "db_open",
            StoreError::ReadOnly { .. } => "db_read_only",
            StoreError::DiskFull { .. } => "disk_full",
            StoreError::InUse { .. } => "db_in_use",
            StoreError::ApplicationNotFound(_) | StoreError::RowNotFound { .. } => "not_found",
            StoreError::Corrupt { .. } => "db_corrupt",
            StoreError::Sqlite(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DiskFull) => "disk_full",
                Some(rusqlite::ErrorCode::ReadOnly) => "db_read_only",
                _ => "db_error",
            },
        }
    }
}

/// What a table holds, in the words the wizard uses: messages never show a table's name.
fn table_label(table: &str) -> &'static str {
    match table {
        "applications" => "申报书",
        "people" => "人员记录",
        "instruments" => "仪器设备记录",
        "sites" => "研发场地记录",
        "achievements" => "成果记录",
        "directions" => "研究方向记录",
        "host_units" => "依托单位记录",
        "rd_investments" => "研发投入记录",
        "platforms" => "已建平台记录",
        "library_records" => "单位资料库记录",
        "evidence_items" => "印证材料条目",
        "evidence_files" => "印证材料文件",
        "evidence_blobs" => "印证材料文件内容",
        "seals" => "定稿版本",
        "package_links" => "共建单位材料包记录",
        _ => "记录",
    }
}

/// Why a write failed, in words the user can act on when there is something to do. Never the
/// SQL text of the error: the user cannot act on "CHECK constraint failed: …".
fn write_reason(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "磁盘空间已满，请清理磁盘空间后再试".into(),
        Some(ErrorCode::ReadOnly) => "数据库文件是只读的，请检查文件权限".into(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "数据库文件正被其他程序使用，请关闭其他打开该文件的申报通窗口后再试".into()
        }
        Some(ErrorCode::ConstraintViolation) => {
            "所填内容不符合数据库的要求（例如必填项为空或数值为负数），请检查刚修改的内容".into()
        }
        Some(code) => format!("数据库内部错误（{code:?}），请重试；如问题持续，请从数据备份恢复"),
        None => "数据库内部错误，请重试；如问题持续，请从数据备份恢复".into(),
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Settings key prefix marking an application as the sample: `sample_application:<id>` (kept
/// here, below `samples`, because deleting an application clears its mark).
pub const SAMPLE_KEY_PREFIX: &str = "sample_application:";

/// One line of the home screen's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplicationSummary {
    pub id: RowId,
    pub programme: String,
    pub category: String,
    pub centre_name: String,
    pub lead_host: String,
    pub field: String,
    pub sub_area: String,
    pub people: i64,
    pub fixed_staff: i64,
    pub updated_at: String,
    /// The built-in sample (示例), not a real application.
    pub sample: bool,
}

/// A field-level change to an application's own facts, for autosave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum ApplicationField {
    Programme(String),
    Category(Category),
    CentreName(String),
    Field(String),
    SubArea(String),
    ReferenceDate(Option<NaiveDate>),
    City(String),
    RecommendationLetter(bool),
    Attestation { criterion: String, confirmed: bool },
    Narrative { section: String, text: String },
}

/// The default database location: `$SHENBAO_DB`, else the user's data directory.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("cn", "Shenbao", "shenbao")
        .map(|d| d.data_dir().join("shenbao.sqlite"))
        .unwrap_or_else(|| PathBuf::from("shenbao.sqlite"))
}

pub fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Files up to this size have every page checked on open (`PRAGMA quick_check`): a user's real
/// database is a few MB; the 2,000-application benchmark database is 900 MB.
const FULL_CHECK_MAX_BYTES: u64 = 64 * 1024 * 1024;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// True when this open created the schema from nothing.
    created: bool,
    /// The writer's exclusive lock on the lock file beside the database, held for the store's
    /// lifetime (released when the file is closed). `None` for a reader.
    writer_lock: Option<std::fs::File>,
}

/// The lock file beside the database that the one writer holds (`shenbao.sqlite.lock`).
pub fn lock_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Takes the writer's exclusive lock beside `db`. `Ok(None)` where no lock can be had at all
/// (a read-only folder, a file system without locks): opening then goes on as before and a
/// read-only file is reported as such.
fn take_writer_lock(db: &Path) -> Result<Option<std::fs::File>> {
    take_writer_lock_with(db, open_lock_file)
}

fn open_lock_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)
}

/// [`take_writer_lock`] with the lock file opened by `open` (a test opens it as a closing
/// writer removes it).
fn take_writer_lock_with(
    db: &Path,
    open: impl Fn(&Path) -> std::io::Result<std::fs::File>,
) -> Result<Option<std::fs::File>> {
    // A writer closing removes the lock file while it still holds the lock; a file opened just
    // before that removal can then be locked although nobody else can find it. Only a lock on
    // the file that is still at the path counts: otherwise open the new one and try again.
    for _ in 0..3 {
        let file = match open(&lock_path(db)) {
            Ok(f) => f,
            Err(_) => return Ok(None),
        };
        match file.try_lock() {
            Ok(()) if still_at_path(&file, &lock_path(db)) => return Ok(Some(file)),
            Ok(()) => continue,
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::InUse { path: db.display().to_string() })
            }
            Err(std::fs::TryLockError::Error(_)) => return Ok(None),
        }
    }
    Err(StoreError::InUse { path: db.display().to_string() })
}

/// Whether `file` is the file now found at `path` (not one removed after it was opened).
#[cfg(unix)]
fn still_at_path(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at_path(_file: &std::fs::File, path: &Path) -> bool {
    // Windows refuses to remove a file another process holds open, so the race cannot happen.
    path.exists()
}

impl Store {
    /// Opens (creating if needed) the database at `path` for writing and brings its schema up to
    /// date. Only one writer at a time: while another store (another window, the CLI) writes to
    /// the same file this answers [`StoreError::InUse`] without touching it.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let open_err =
            |e: &dyn std::fmt::Display| StoreError::Open { path: shown.clone(), reason: e.to_string() };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            std::fs::create_dir_all(dir).map_err(|e| match e.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    open_err(&"没有权限在该位置创建文件夹：请选择其他位置")
                }
                _ => open_err(&e),
            })?;
        }
        let writer_lock = take_writer_lock(path)?;
        match Store::open_locked(path) {
            Ok((conn, created)) => Ok(Store { conn, path: path.to_path_buf(), created, writer_lock }),
            Err(e) => {
                // Nothing is left beside a file that was refused.
                if writer_lock.is_some() {
                    let _ = std::fs::remove_file(lock_path(path));
                }
                Err(e)
            }
        }
    }

    /// The body of [`Store::open`] once the writer's lock is held: the connection, and whether
    /// this open created the schema.
    fn open_locked(path: &Path) -> Result<(Connection, bool)> {
        let shown = path.display().to_string();
        let exists = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        if exists {
            // Look before touching: a read-only handle writes nothing to the file.
            let has_wal = wal_path(path).exists();
            let ro = peek(path, has_wal).map_err(|e| classify_open_error(e, &shown))?;
            let found = migrations::user_version(&ro).map_err(|e| classify_open_error(e, &shown))?;
            if found > migrations::latest() {
                return Err(StoreError::TooNew { path: shown, found, supported: migrations::latest() });
            }
            // A truncated or overwritten file can still have a readable header: check the pages
            // before anything writes to it. Reading every page costs about 7 ms per MB, so very
            // large files (far beyond a user's real data) get the schema read instead; damage in
            // their pages is then reported at the first read (`db_corrupt`).
            let size = path.metadata().map(|m| m.len()).unwrap_or(0);
            let pragma = if size <= FULL_CHECK_MAX_BYTES {
                "PRAGMA quick_check(1)"
            } else {
                "SELECT 'ok' FROM sqlite_master LIMIT 1"
            };
            let check: String = ro
                .query_row(pragma, [], |r| r.get(0))
                .optional()
                .map_err(|e| classify_open_error(e, &shown))?
                .unwrap_or_else(|| "ok".into());
            // A file cut short in its last page reads as zeros there: its size gives it away.
            let pages: i64 = ro.query_row("PRAGMA page_count", [], |r| r.get(0))?;
            let page_size: i64 = ro.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            if check != "ok" || (!has_wal && i128::from(size) < i128::from(pages) * i128::from(page_size)) {
                return Err(StoreError::NotADatabase { path: shown });
            }
            if found > 0 && found < migrations::latest() {
                backup::before_migration(&ro, path)?;
            }
        }
        let mut conn = Connection::open(path).map_err(|e| classify_open_error(e, &shown))?;
        // SQLite silently falls back to reading when the file cannot be written: say so now,
        // not at the first autosave.
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(|e| classify_open_error(e, &shown))? {
            return Err(StoreError::ReadOnly { path: shown });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| classify_open_error(e, &shown))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let version = migrations::user_version(&conn)?;
        if version < migrations::latest() {
            migrations::migrate(&mut conn, version)?;
        }
        // Rows queued by a migration (or by a build that refreshed keys on read) get their keys now.
        commit(conn.transaction()?)?;
        history::install(&conn)?;
        Ok((conn, version == 0))
    }

    /// Opens the database for a reading command: as the writer when no one else writes, else a
    /// read-only handle beside the writer (the open window), which sees everything it committed.
    /// A reader cannot bring an older schema up to date: that needs the writer closed first.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        match Store::open(path) {
            Err(StoreError::InUse { .. }) => Store::open_reader(path),
            other => other,
        }
    }

    /// A read-only handle beside this process's own writer (or another's), e.g. for a backup
    /// taken while the window works: it sees what the writer committed and never blocks it.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| classify_open_error(e, &shown))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version = migrations::user_version(&conn).map_err(|e| classify_open_error(e, &shown))?;
        if version != migrations::latest() {
            return Err(StoreError::InUse { path: shown });
        }
        Ok(Store { conn, path: path.to_path_buf(), created: false, writer_lock: None })
    }

    /// Whether this is a reader opened beside another writer: it may not write.
    pub fn is_reader(&self) -> bool {
        self.writer_lock.is_none() && self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }

    /// A reader's refusal to write, in the words of the one-writer rule.
    fn refuse_if_reader(&self) -> Result<()> {
        if self.is_reader() {
            return Err(StoreError::InUse { path: self.path.display().to_string() });
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this open created a new, empty database.
    pub fn was_created(&self) -> bool {
        self.created
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(migrations::user_version(&self.conn)?)
    }

    // ---- applications ---------------------------------------------------------------------

    pub fn list_applications(&self) -> Result<Vec<ApplicationSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.programme, a.category, a.centre_name, a.field, a.sub_area, a.updated_at,
                    COALESCE((SELECT h.name FROM host_units h WHERE h.application_id = a.id
                              ORDER BY h.position, h.id LIMIT 1), ''),
                    (SELECT COUNT(*) FROM people p WHERE p.application_id = a.id),
                    (SELECT COUNT(*) FROM people p WHERE p.application_id = a.id AND p.role <> ?1),
                    EXISTS (SELECT 1 FROM settings s WHERE s.key = ?2 || a.id)
             FROM applications a ORDER BY a.updated_at DESC, a.id DESC",
        )?;
        let rows = stmt.query_map(params![records::visiting_role_text(), SAMPLE_KEY_PREFIX], |r| {
            Ok(ApplicationSummary {
                id: r.get(0)?,
                programme: r.get(1)?,
                category: r.get(2)?,
                centre_name: r.get(3)?,
                field: r.get(4)?,
                sub_area: r.get(5)?,
                updated_at: r.get(6)?,
                lead_host: r.get(7)?,
                people: r.get(8)?,
                fixed_staff: r.get(9)?,
                sample: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores a whole application (e.g. from an interchange file) in one transaction.
    /// On any error nothing is written.
    pub fn insert_application(&mut self, app: &Application) -> Result<RowId> {
        let tx = self.conn.transaction()?;
        let id = insert_application_tx(&tx, app)?;
        commit(tx)?;
        Ok(id)
    }

    /// Stores a whole application read from a file, recorded in its history as imported.
    pub fn import_application(&mut self, app: &Application) -> Result<RowId> {
        self.with_change_source(history::ChangeSource::Import, |s| s.insert_application(app))
    }

    /// Loads an application with every row's id filled in.
    pub fn load_application(&self, id: RowId) -> Result<Application> {
        let header = self
            .conn
            .query_row(
                "SELECT programme, category, centre_name, field, sub_area, reference_date, city,
                        recommendation_letter, created_at, updated_at
                 FROM applications WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, bool>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, String>(9)?,
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::ApplicationNotFound(id))?;
        let corrupt = |reason: String| StoreError::Corrupt { table: "applications", id, reason };
        let category: Category = serde_json::from_value(serde_json::Value::String(header.1))
            .map_err(|e| corrupt(e.to_string()))?;
        let reference_date =
            header.5.map(|d| d.parse::<NaiveDate>()).transpose().map_err(|e| corrupt(e.to_string()))?;
        let mut attestations = std::collections::BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT criterion_id, confirmed FROM attestations WHERE application_id = ?1")?;
        for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))? {
            let (k, v) = row?;
            attestations.insert(k, v);
        }
        let mut narratives = std::collections::BTreeMap::new();
        let mut stmt =
            self.conn.prepare_cached("SELECT section, body FROM narratives WHERE application_id = ?1")?;
        for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (k, v) = row?;
            narratives.insert(k, v);
        }
        Ok(Application {
            programme: header.0,
            category,
            centre_name: header.2,
            field: header.3,
            sub_area: header.4,
            reference_date,
            city: header.6,
            recommendation_letter: header.7,
            created_at: header.8,
            updated_at: header.9,
            attestations,
            narratives,
            directions: self.load_rows(id)?,
            host_units: self.load_rows(id)?,
            people: self.load_rows(id)?,
            instruments: self.load_rows(id)?,
            sites: self.load_rows(id)?,
            rd_investments: self.load_rows(id)?,
            achievements: self.load_rows(id)?,
        })
    }

    /// Every application, fully loaded (for whole-database checks and the user's archive).
    pub fn load_all_applications(&self) -> Result<Vec<(RowId, Application)>> {
        let ids: Vec<RowId> = {
            let mut stmt = self.conn.prepare_cached("SELECT id FROM applications ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| Ok((id, self.load_application(id)?))).collect()
    }

    pub fn delete_application(&mut self, id: RowId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM applications WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::ApplicationNotFound(id));
        }
        // A later application may get the same id: it is not the sample.
        tx.execute("DELETE FROM settings WHERE key = ?1", [format!("{}{id}", SAMPLE_KEY_PREFIX)])?;
        commit(tx)?;
        Ok(())
    }

    /// One field of an application's own facts (autosave).
    pub fn update_application_field(&mut self, id: RowId, change: &ApplicationField) -> Result<()> {
        let tx = self.conn.transaction()?;
        touch(&tx, id)?;
        let set = |column: &str, value: Value| -> Result<()> {
            tx.execute(&format!("UPDATE applications SET {column} = ?1 WHERE id = ?2"), params![value, id])?;
            Ok(())
        };
        match change {
            ApplicationField::Programme(v) => set("programme", Value::Text(v.clone()))?,
            ApplicationField::Category(c) => set("category", Value::Text(records::enum_text(c)))?,
            ApplicationField::CentreName(v) => set("centre_name", Value::Text(v.clone()))?,
            ApplicationField::Field(v) => set("field", Value::Text(v.clone()))?,
            ApplicationField::SubArea(v) => set("sub_area", Value::Text(v.clone()))?,
            ApplicationField::ReferenceDate(d) => {
                set("reference_date", d.map_or(Value::Null, |d| Value::Text(d.to_string())))?
            }
            ApplicationField::City(v) => set("city", Value::Text(v.clone()))?,
            ApplicationField::RecommendationLetter(b) => {
                set("recommendation_letter", Value::Integer(i64::from(*b)))?
            }
            ApplicationField::Attestation { criterion, confirmed } => {
                tx.execute(
                    "INSERT INTO attestations (application_id, criterion_id, confirmed) VALUES (?1, ?2, ?3)
                     ON CONFLICT (application_id, criterion_id) DO UPDATE SET confirmed = excluded.confirmed",
                    params![id, criterion, confirmed],
                )?;
            }
            ApplicationField::Narrative { section, text } => {
                tx.execute(
                    "INSERT INTO narratives (application_id, section, body) VALUES (?1, ?2, ?3)
                     ON CONFLICT (application_id, section) DO UPDATE SET body = excluded.body",
                    params![id, section, text],
                )?;
            }
        }
        commit(tx)?;
        Ok(())
    }

    // ---- roster rows ----------------------------------------------------------------------

    /// Inserts (no id: appended at the end) or updates (with id) one roster row; returns its id.
    pub fn save_row(&mut self, application: RowId, row: &RowData) -> Result<RowId> {
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        let id = save_row_data(&tx, application, row)?;
        commit(tx)?;
        Ok(id)
    }

    /// Appends many roster rows (e.g. from a spreadsheet) in one transaction: all or none.
    /// Row ids in `rows` are ignored; returns the new ids in order.
    pub fn insert_rows(&mut self, application: RowId, rows: &[RowData]) -> Result<Vec<RowId>> {
        let fresh: Vec<RowData> = rows
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.set_row_id(None);
                r
            })
            .collect();
        self.save_rows(application, &fresh)
    }

    /// Inserts (no id) or updates (with id) many roster rows in one transaction: all or none
    /// (a re-pasted roster: new rows appended, matched rows updated). Returns the ids in order.
    pub fn save_rows(&mut self, application: RowId, rows: &[RowData]) -> Result<Vec<RowId>> {
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            ids.push(save_row_data(&tx, application, row)?);
        }
        commit(tx)?;
        Ok(ids)
    }

    /// The credit codes of an application's host units as stored (what its rows may name as
    /// owner or employer), without loading the application.
    pub fn host_unit_codes(&self, application: RowId) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT uscc FROM host_units WHERE application_id = ?1")?;
        let codes =
            stmt.query_map([application], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(codes)
    }

    /// Deletes one roster row and returns what it held, so the caller can undo.
    pub fn delete_row(&mut self, application: RowId, kind: RowKind, id: RowId) -> Result<RowData> {
        let before = self.load_application(application)?;
        let found = match kind {
            RowKind::Direction => find(&before.directions, id).map(RowData::Direction),
            RowKind::HostUnit => find(&before.host_units, id).map(RowData::HostUnit),
            RowKind::Person => find(&before.people, id).map(RowData::Person),
            RowKind::Instrument => find(&before.instruments, id).map(RowData::Instrument),
            RowKind::Site => find(&before.sites, id).map(RowData::Site),
            RowKind::RdInvestment => find(&before.rd_investments, id).map(RowData::RdInvestment),
            RowKind::Achievement => find(&before.achievements, id).map(RowData::Achievement),
        }
        .ok_or(StoreError::RowNotFound { table: kind.table(), id })?;
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        tx.execute(
            &format!("DELETE FROM {} WHERE id = ?1 AND application_id = ?2", kind.table()),
            params![id, application],
        )?;
        commit(tx)?;
        Ok(found)
    }

    fn load_rows<T: Record>(&self, application: RowId) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, data FROM {} WHERE application_id = ?1 ORDER BY position, id",
            T::TABLE
        ))?;
        let rows = stmt.query_map([application], |r| Ok((r.get::<_, RowId>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, data) = row?;
            let mut record: T = serde_json::from_str(&data).map_err(|e| StoreError::Corrupt {
                table: T::TABLE,
                id,
                reason: e.to_string(),
            })?;
            record.set_row_id(Some(id));
            out.push(record);
        }
        Ok(out)
    }

    // ---- registry of existing platforms ---------------------------------------------------

    pub fn insert_platforms(&mut self, platforms: &[ExistingPlatform]) -> Result<Vec<RowId>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(platforms.len());
        for p in platforms {
            tx.execute(
                "INSERT INTO platforms (name, level, kind, host_uscc, data) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params_from_iter(platform_columns(p)),
            )?;
            ids.push(tx.last_insert_rowid());
        }
        commit(tx)?;
        Ok(ids)
    }

    pub fn list_platforms(&self) -> Result<Vec<ExistingPlatform>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, data FROM platforms ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, RowId>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, data) = row?;
            out.push(platform_from(id, &data)?);
        }
        Ok(out)
    }

    /// One registry platform by id.
    pub fn load_platform(&self, id: RowId) -> Result<ExistingPlatform> {
        let data: String = self
            .conn
            .query_row("SELECT data FROM platforms WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::RowNotFound { table: "platforms", id })?;
        platform_from(id, &data)
    }

    /// Replaces the registry platform with `p.id` in one transaction (its identity keys with it).
    pub fn update_platform(&mut self, p: &ExistingPlatform) -> Result<()> {
        let id = p.id.ok_or(StoreError::RowNotFound { table: "platforms", id: 0 })?;
        let columns = platform_columns(p);
        let mut values: Vec<&dyn rusqlite::ToSql> =
            columns.iter().map(|c| c as &dyn rusqlite::ToSql).collect();
        values.push(&id);
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE platforms SET name = ?1, level = ?2, kind = ?3, host_uscc = ?4, data = ?5 WHERE id = ?6",
            values.as_slice(),
        )?;
        if changed == 0 {
            return Err(StoreError::RowNotFound { table: "platforms", id });
        }
        commit(tx)?;
        Ok(())
    }

    /// Deletes one registry platform and returns it (without its id), so it can be inserted
    /// again to undo.
    pub fn delete_platform(&mut self, id: RowId) -> Result<ExistingPlatform> {
        let mut p = self.load_platform(id)?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM platforms WHERE id = ?1", [id])?;
        commit(tx)?;
        p.id = None;
        Ok(p)
    }

    // ---- settings -------------------------------------------------------------------------

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Every table's rows as text, in a fixed order: for tests that prove nothing changed.
    pub fn dump(&self) -> Result<String> {
        let tables: Vec<String> = {
            let mut stmt =
                self.conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out = String::new();
        for t in tables {
            out.push_str(&format!("## {t}\n"));
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))?;
            let n = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get::<_, Value>(i).ok())).collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        Ok(out)
    }
}

impl Drop for Store {
    /// The writer removes its lock file on the way out (while still holding the lock), so a
    /// closed database leaves nothing beside it.
    fn drop(&mut self) {
        if let Some(lock) = self.writer_lock.take() {
            let _ = std::fs::remove_file(lock_path(&self.path));
            drop(lock);
        }
    }
}

fn find<T: Record>(rows: &[T], id: RowId) -> Option<T> {
    rows.iter().find(|r| r.row_id() == Some(id)).cloned()
}

fn wal_path(path: &Path) -> PathBuf {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    PathBuf::from(wal)
}

/// A read-only handle for looking at a file before opening it for writing. Without a write-ahead
/// log beside the file it is opened immutable, so that not even a `-wal` or `-shm` file is
/// created next to a file that may turn out damaged or foreign; with one (after a crash) the log
/// must be read too, and SQLite's read-only handle does that without changing the file.
fn peek(path: &Path, has_wal: bool) -> rusqlite::Result<Connection> {
    if has_wal {
        return Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY);
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(*b as char)
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)
}

fn classify_open_error(e: rusqlite::Error, path: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase { path: path.to_string() }
        }
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly { path: path.to_string() },
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull { path: path.to_string() },
        // Growing the shared-memory index failed: on a full disk there is no room for it.
        _ if matches!(&e, rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE) =>
        {
            StoreError::DiskFull { path: path.to_string() }
        }
        _ => StoreError::Open { path: path.to_string(), reason: e.to_string() },
    }
}

/// Commits a write: first the identity keys of the rows it wrote (queued by triggers), so the
/// keys are never stale and a read (a live check) never has to write.
fn commit(tx: Transaction<'_>) -> Result<()> {
    identity::refresh_pending(&tx)?;
    narrative::refresh_pending(&tx)?;
    tx.commit()?;
    Ok(())
}

fn touch(tx: &Transaction<'_>, id: RowId) -> Result<()> {
    let n =
        tx.execute("UPDATE applications SET updated_at = ?1 WHERE id = ?2", params![now_rfc3339(), id])?;
    if n == 0 {
        return Err(StoreError::ApplicationNotFound(id));
    }
    Ok(())
}

fn insert_application_tx(tx: &Transaction<'_>, app: &Application) -> Result<RowId> {
    tx.execute(
        "INSERT INTO applications (programme, category, centre_name, field, sub_area, reference_date, city,
                                   recommendation_letter, created_at, updated_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, lower(hex(randomblob(16))))",
        params![
            app.programme,
            records::enum_text(&app.category),
            app.centre_name,
            app.field,
            app.sub_area,
            app.reference_date.map(|d| d.to_string()),
            app.city,
            app.recommendation_letter,
            app.created_at,
            app.updated_at
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (criterion, confirmed) in &app.attestations {
        tx.execute(
            "INSERT INTO attestations (application_id, criterion_id, confirmed) VALUES (?1, ?2, ?3)",
            params![id, criterion, confirmed],
        )?;
    }
    for (section, body) in &app.narratives {
        tx.execute(
            "INSERT INTO narratives (application_id, section, body) VALUES (?1, ?2, ?3)",
            params![id, section, body],
        )?;
    }
    insert_all(tx, id, &app.directions)?;
    insert_all(tx, id, &app.host_units)?;
    insert_all(tx, id, &app.people)?;
    insert_all(tx, id, &app.instruments)?;
    insert_all(tx, id, &app.sites)?;
    insert_all(tx, id, &app.rd_investments)?;
    insert_all(tx, id, &app.achievements)?;
    Ok(id)
}

fn insert_all<T: Record>(tx: &Transaction<'_>, application: RowId, rows: &[T]) -> Result<()> {
    for row in rows {
        let mut fresh = row.clone();
        fresh.set_row_id(None);
        save_record(tx, application, &fresh)?;
    }
    Ok(())
}

/// Inserts or updates one roster row of any kind inside `tx`; returns its id.
pub(crate) fn save_row_data(tx: &Transaction<'_>, application: RowId, row: &RowData) -> Result<RowId> {
    match row {
        RowData::Direction(r) => save_record(tx, application, r),
        RowData::HostUnit(r) => save_record(tx, application, r),
        RowData::Person(r) => save_record(tx, application, r),
        RowData::Instrument(r) => save_record(tx, application, r),
        RowData::Site(r) => save_record(tx, application, r),
        RowData::RdInvestment(r) => save_record(tx, application, r),
        RowData::Achievement(r) => save_record(tx, application, r),
    }
}

fn save_record<T: Record>(tx: &Transaction<'_>, application: RowId, row: &T) -> Result<RowId> {
    let mut clean = row.clone();
    clean.set_row_id(None);
    let data = serde_json::to_string(&clean).expect("model serialises");
    let cols = row.columns();
    let mut values: Vec<Value> = cols.iter().map(|(_, v)| v.clone()).collect();
    values.push(Value::Text(data));
    match row.row_id() {
        None => {
            let names: String = cols.iter().map(|(n, _)| format!("{n}, ")).collect();
            let marks: Vec<String> = (0..values.len()).map(|i| format!("?{}", i + 2)).collect();
            let sql = format!(
                "INSERT INTO {table} (application_id, position, {names}data)
                 VALUES (?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM {table} WHERE application_id = ?1), {marks})",
                table = T::TABLE,
                marks = marks.join(", "),
            );
            let mut all = vec![Value::Integer(application)];
            all.extend(values);
            tx.execute(&sql, rusqlite::params_from_iter(all))?;
            Ok(tx.last_insert_rowid())
        }
        Some(id) => {
            let sets: Vec<String> = cols
                .iter()
                .map(|(n, _)| *n)
                .chain(std::iter::once("data"))
                .enumerate()
                .map(|(i, n)| format!("{n} = ?{}", i + 1))
                .collect();
            let k = values.len();
            let sql = format!(
                "UPDATE {} SET {} WHERE id = ?{} AND application_id = ?{}",
                T::TABLE,
                sets.join(", "),
                k + 1,
                k + 2
            );
            values.push(Value::Integer(id));
            values.push(Value::Integer(application));
            let n = tx.execute(&sql, rusqlite::params_from_iter(values))?;
            if n == 0 {
                return Err(StoreError::RowNotFound { table: T::TABLE, id });
            }
            Ok(id)
        }
    }
}

/// Refuses a write for an application that is not (any more) in the database.
pub(super) fn application_exists(tx: &rusqlite::Transaction<'_>, application: RowId) -> Result<()> {
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM applications WHERE id = ?1)", [application], |r| {
            r.get(0)
        })?;
    if exists {
        Ok(())
    } else {
        Err(StoreError::ApplicationNotFound(application))
    }
}

/// The stored columns of a registry platform: name, level, kind, host unit and the record
/// itself without its id.
fn platform_columns(p: &ExistingPlatform) -> [String; 5] {
    let mut clean = p.clone();
    clean.id = None;
    [
        p.name.clone(),
        records::enum_text(&p.level),
        records::enum_text(&p.kind),
        p.host_uscc.clone(),
        serde_json::to_string(&clean).expect("model serialises"),
    ]
}

/// A registry platform from its stored record.
fn platform_from(id: RowId, data: &str) -> Result<ExistingPlatform> {
    let mut p: ExistingPlatform = serde_json::from_str(data).map_err(|e| StoreError::Corrupt {
        table: "platforms",
        id,
        reason: e.to_string(),
    })?;
    p.id = Some(id);
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write SQLite refuses as read-only: the detail code the CLI prints and the message that
    /// says what to do.
    #[test]
    fn a_write_refused_as_read_only_says_so_with_its_code() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER); PRAGMA query_only = 1;").unwrap();
        let err = StoreError::from(conn.execute("INSERT INTO t VALUES (1)", []).unwrap_err());
        assert_eq!(err.code(), "db_read_only", "{err}");
        let message = err.to_string();
        assert!(message.contains("本次修改未保存") && message.contains("只读"), "{message}");
        assert!(message.contains("检查文件权限"), "{message}");
    }

    /// A record gone missing (deleted in another window) is named as the wizard names it, never
    /// by its table, and the message says what to do.
    #[test]
    fn a_missing_or_unreadable_record_is_named_in_the_wizards_words() {
        let missing = StoreError::RowNotFound { table: "evidence_files", id: 7 }.to_string();
        assert_eq!(missing, "未找到要修改的印证材料文件（编号 7）：它可能已在另一处被删除，请刷新后再试");
        let unreadable =
            StoreError::Corrupt { table: "people", id: 3, reason: "缺少姓名".into() }.to_string();
        assert_eq!(unreadable, "数据库中的人员记录无法读取（编号 3）：缺少姓名");
        // Every table a store error can name: the rosters, and the tables of their own.
        let others = [
            "applications",
            "library_records",
            "seals",
            "platforms",
            "evidence_items",
            "evidence_files",
            "evidence_blobs",
            "package_links",
        ];
        for table in history::ROW_TABLES.iter().chain(&others) {
            let message = StoreError::RowNotFound { table, id: 1 }.to_string();
            assert!(!message.contains("未找到要修改的记录"), "{table} has no name of its own: {message}");
        }
    }

    /// A writer closing removes its lock file; a lock taken on that removed file would let two
    /// writers in. The one taken is on the file at the path, so the next writer is refused.
    #[test]
    fn a_lock_file_removed_before_it_is_locked_does_not_make_a_second_writer() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shenbao.sqlite");
        let first = std::cell::Cell::new(true);
        let lock = take_writer_lock_with(&db, |path| {
            let file = open_lock_file(path)?;
            if first.replace(false) {
                // The closing writer removes the file just after this one opened it, and
                // another opener has already put a new one in its place.
                std::fs::remove_file(path)?;
                std::fs::File::create(path)?;
            }
            Ok(file)
        })
        .unwrap()
        .expect("a lock where locks work");
        assert!(!first.get());
        assert!(still_at_path(&lock, &lock_path(&db)), "the lock is on the file others find");
        assert!(matches!(take_writer_lock(&db), Err(StoreError::InUse { .. })));
    }
}
