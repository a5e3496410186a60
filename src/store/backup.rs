//! Backups of the database file through SQLite's online backup API (never a copy of an open file):
//! on demand, on start when the last one is older than a day, before every migration, and restore,
//! which first backs up the current state. Backups live in `backups/` beside the database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::{migrations, Store, StoreError};

/// Folder, beside the database file, that holds the backups.
pub const BACKUP_DIR: &str = "backups";
/// How many backups are kept when the user has not chosen (an app setting, not a rule).
pub const DEFAULT_KEEP: usize = 10;
/// Settings key holding the number of backups to keep.
pub const KEEP_SETTING: &str = "backup_keep";
/// A backup older than this is stale: the next start makes a new one.
pub const STALE_AFTER: TimeDelta = TimeDelta::days(1);

const PREFIX: &str = "shenbao-";
const SUFFIX: &str = ".sqlite";
const STAMP: &str = "%Y%m%d-%H%M%S";
/// How long a backup step waits for a writer to finish before giving up.
const BUSY_RETRIES: u32 = 200;
const BUSY_PAUSE: Duration = Duration::from_millis(25);

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("无法使用备份文件夹“{path}”：{reason}；请检查磁盘空间和文件夹权限")]
    Folder { path: String, reason: String },
    #[error("备份到“{path}”失败：{reason}；数据库本身未受影响，请检查磁盘空间后重试")]
    Write { path: String, reason: String },
    #[error("备份文件“{path}”不存在：请用 shenbao backups 列出可用的备份后重新选择")]
    NotFound { path: String },
    #[error("文件“{path}”不是申报通数据库：请选择备份文件夹中形如 shenbao-20250101-093000-manual.sqlite 的文件；当前数据库未作任何改动")]
    NotShenbao { path: String },
    #[error(
        "备份文件“{path}”已损坏（完整性检查未通过：{detail}）：请选择另一份备份；当前数据库未作任何改动"
    )]
    Damaged { path: String, detail: String },
    #[error("备份文件“{path}”由更新版本的申报通创建（数据版本 {found}，本程序支持 {supported}）：请升级申报通后再恢复；当前数据库未作任何改动")]
    TooNew { path: String, found: u32, supported: u32 },
    #[error("从“{path}”恢复失败：{reason}；恢复前已备份当前数据，可从该备份再次恢复")]
    Restore { path: String, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::Folder { .. } => "backup_folder",
            BackupError::Write { .. } => "backup_failed",
            BackupError::NotFound { .. } => "backup_not_found",
            BackupError::NotShenbao { .. } => "backup_not_shenbao",
            BackupError::Damaged { .. } => "backup_damaged",
            BackupError::TooNew { .. } => "backup_too_new",
            BackupError::Restore { .. } => "restore_failed",
            BackupError::Store(e) => e.code(),
        }
    }
}

pub type Result<T> = std::result::Result<T, BackupError>;

/// Why a backup was made; written into its file name, so the list can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The user asked for it (备份, 备份到其他位置, `shenbao backup`).
    Manual,
    /// The first start of a day made it.
    Daily,
    /// A restore kept the state before it.
    BeforeRestore,
    /// Opening the file with a newer build kept the state before the upgrade.
    BeforeUpgrade,
    /// Made by a build that did not name the kind.
    Unstated,
}

impl BackupKind {
    const TAGGED: [BackupKind; 4] =
        [BackupKind::Manual, BackupKind::Daily, BackupKind::BeforeRestore, BackupKind::BeforeUpgrade];

    /// The word in the file name.
    fn tag(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::Daily => "daily",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::BeforeUpgrade => "before-upgrade",
            BackupKind::Unstated => "",
        }
    }

    /// What the backups list says.
    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Manual => "手动备份",
            BackupKind::Daily => "每日自动备份",
            BackupKind::BeforeRestore => "恢复前自动备份",
            BackupKind::BeforeUpgrade => "升级前自动备份",
            BackupKind::Unstated => "未注明",
        }
    }
}

/// One backup file, as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// Local time the backup was taken, from its name: "2025-01-01 09:30:00".
    pub taken_at: String,
    pub size_bytes: u64,
    pub kind: BackupKind,
    /// The kind's label: "每日自动备份".
    pub kind_label: String,
    /// How many applications the backup holds; `None` when the file cannot be read.
    pub applications: Option<u32>,
    #[serde(skip)]
    #[ts(skip)]
    stamp: (NaiveDateTime, u32),
}

/// The backup folder for the database at `db_path`.
pub fn backup_dir(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(BACKUP_DIR),
        _ => PathBuf::from(BACKUP_DIR),
    }
}

impl Store {
    /// Writes a consistent copy of the whole database to `dest` (which must not exist yet)
    /// while other connections may keep writing.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_to_file(&self.conn, dest)
    }

    /// The backup folder beside this database.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir(&self.path)
    }

    /// How many backups to keep (the `backup_keep` setting, else [`DEFAULT_KEEP`]; at least 1).
    pub fn backups_to_keep(&self) -> usize {
        self.setting(KEEP_SETTING)
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(DEFAULT_KEEP)
            .max(1)
    }

    /// Replaces the whole content of this database with `backup_file`, through the backup API
    /// on the open connection. First checks the file (a Shenbao database, intact, not newer than
    /// this build) and backs up the current state; returns that safety backup's path. An older
    /// backup is brought up to the current schema afterwards.
    pub fn restore_from(&mut self, backup_file: &Path, now: NaiveDateTime) -> Result<PathBuf> {
        let source = verify(backup_file)?;
        let safety = make(self, &self.backup_dir(), now, BackupKind::BeforeRestore)?;
        let shown = backup_file.display().to_string();
        let failed =
            |e: &dyn std::fmt::Display| BackupError::Restore { path: shown.clone(), reason: e.to_string() };
        let before = super::history::snapshot_all(self);
        super::history::uninstall(&self.conn).map_err(|e| failed(&e))?;
        let copied = copy_between(&source, &mut self.conn).map_err(|e| failed(&e));
        drop(source);
        let migrated = copied.and_then(|()| {
            let version = migrations::user_version(&self.conn).map_err(|e| failed(&e))?;
            if version < migrations::latest() {
                migrations::migrate(&mut self.conn, version).map_err(|e| failed(&e))?;
            }
            Ok(())
        });
        // Recording resumes whatever happened: the window goes on saving.
        super::history::install(&self.conn).map_err(|e| failed(&e))?;
        migrated?;
        self.refresh_identity_keys().map_err(|e| failed(&e))?;
        let after = super::history::snapshot_all(self);
        self.record_restore(&before, &after)?;
        Ok(safety)
    }
}

/// Makes a new backup the user asked for of `store` in `dir` named after `now` (local time), then
/// keeps only the newest [`Store::backups_to_keep`] there. Returns the new file's path.
pub fn make_backup(store: &Store, dir: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    make(store, dir, now, BackupKind::Manual)
}

fn make(store: &Store, dir: &Path, now: NaiveDateTime, kind: BackupKind) -> Result<PathBuf> {
    let dest = fresh_name(dir, now, kind)?;
    store.backup_to(&dest)?;
    prune(dir, store.backups_to_keep())?;
    Ok(dest)
}

/// Makes a backup of `store` in a folder the user chose (e.g. a USB stick), named like the
/// backups beside the database. Nothing else in that folder is touched (no pruning there).
pub fn backup_into(store: &Store, dir: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    let dest = fresh_name(dir, now, BackupKind::Manual)?;
    store.backup_to(&dest)?;
    Ok(dest)
}

/// Makes a backup when the newest one in the store's backup folder is older than a day (or there
/// is none). Returns the new backup's path, if one was made.
pub fn backup_if_stale(store: &Store, now: NaiveDateTime) -> Result<Option<PathBuf>> {
    let dir = store.backup_dir();
    match latest(&dir)? {
        Some(b) if now.signed_duration_since(b.stamp.0) < STALE_AFTER => Ok(None),
        _ => make(store, &dir, now, BackupKind::Daily).map(Some),
    }
}

/// Every backup in `dir`, newest first. A missing folder has none.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(folder_error(dir, &e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| folder_error(dir, &e))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some((stamp, kind)) = parse_name(&file_name) else { continue };
        let size_bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(BackupInfo {
            applications: count_applications(&entry.path()),
            path: entry.path().display().to_string(),
            file_name,
            taken_at: stamp.0.format("%Y-%m-%d %H:%M:%S").to_string(),
            size_bytes,
            kind,
            kind_label: kind.label().to_string(),
            stamp,
        });
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.stamp));
    Ok(out)
}

/// How many applications the backup file holds, read without changing it.
fn count_applications(file: &Path) -> Option<u32> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT COUNT(*) FROM applications", [], |r| r.get(0)).ok()
}

/// The newest backup in `dir`.
pub fn latest(dir: &Path) -> Result<Option<BackupInfo>> {
    Ok(list(dir)?.into_iter().next())
}

/// Deletes all but the newest `keep` backups in `dir`; returns how many were deleted.
pub fn prune(dir: &Path, keep: usize) -> Result<usize> {
    let old: Vec<BackupInfo> = list(dir)?.into_iter().skip(keep.max(1)).collect();
    for b in &old {
        std::fs::remove_file(&b.path).map_err(|e| folder_error(dir, &e))?;
    }
    Ok(old.len())
}

/// Restores the database at `db_path` from `backup_file` (see [`Store::restore_from`]);
/// returns the path of the backup of the state before the restore.
pub fn restore(db_path: &Path, backup_file: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    // Check first, so a bad file leaves even a missing database uncreated.
    drop(verify(backup_file)?);
    let mut store = Store::open(db_path)?;
    store.restore_from(backup_file, now)
}

/// Called by `Store::open` before migrating an existing file: copies it, from a read-only
/// connection, to the backup folder.
pub(super) fn before_migration(ro: &Connection, db_path: &Path) -> std::result::Result<PathBuf, StoreError> {
    let dir = backup_dir(db_path);
    let now = chrono::Local::now().naive_local();
    let shown = db_path.display().to_string();
    let fail = |e: BackupError| StoreError::Open {
        path: shown.clone(),
        reason: format!("升级数据版本前的备份未能完成，数据库未作改动：{e}"),
    };
    let dest = fresh_name(&dir, now, BackupKind::BeforeUpgrade).map_err(fail)?;
    copy_to_file(ro, &dest).map_err(fail)?;
    Ok(dest)
}

/// Opens `file` read-only and checks that it is an intact Shenbao database this build can read.
fn verify(file: &Path) -> Result<Connection> {
    let shown = file.display().to_string();
    if !file.is_file() {
        return Err(BackupError::NotFound { path: shown });
    }
    let not_shenbao = || BackupError::NotShenbao { path: shown.clone() };
    let damaged = |detail: String| BackupError::Damaged { path: shown.clone(), detail };
    let conn =
        Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| not_shenbao())?;
    // The version lives in the file header, readable even when later pages are damaged.
    let version = migrations::user_version(&conn).map_err(|_| not_shenbao())?;
    if version == 0 {
        return Err(not_shenbao());
    }
    let has_tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('applications', 'settings')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => damaged(e.to_string()),
            _ => not_shenbao(),
        })?;
    if has_tables != 2 {
        return Err(not_shenbao());
    }
    if version > migrations::latest() {
        return Err(BackupError::TooNew { path: shown, found: version, supported: migrations::latest() });
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| damaged(e.to_string()))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(e.to_string()))?;
    drop(stmt);
    if lines != ["ok"] {
        return Err(damaged(lines.into_iter().take(3).collect::<Vec<_>>().join("；")));
    }
    Ok(conn)
}

/// A path in `dir` (created if needed) named after `now` and `kind` that no file has yet:
/// "shenbao-20250101-093000-daily.sqlite", then "…-daily-2.sqlite".
fn fresh_name(dir: &Path, now: NaiveDateTime, kind: BackupKind) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| folder_error(dir, &e))?;
    let stamp = format!("{}-{}", now.format(STAMP), kind.tag());
    for n in 1u32.. {
        let name =
            if n == 1 { format!("{PREFIX}{stamp}{SUFFIX}") } else { format!("{PREFIX}{stamp}-{n}{SUFFIX}") };
        let path = dir.join(name);
        if !path.exists() {
            return Ok(path);
        }
    }
    unreachable!("u32 names run out only after four billion backups in one second")
}

/// "shenbao-20250101-093000-daily.sqlite" → ((time, 1), Daily); "…-093000-daily-2.sqlite" →
/// ((time, 2), Daily). Names of earlier builds carry no kind: "…-093000.sqlite", "…-093000-2.sqlite".
fn parse_name(name: &str) -> Option<((NaiveDateTime, u32), BackupKind)> {
    let body = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let time = NaiveDateTime::parse_from_str(body.get(..15)?, STAMP).ok()?;
    let rest = body.get(15..)?;
    let (kind, rest) = match rest.strip_prefix('-') {
        None if rest.is_empty() => (BackupKind::Unstated, ""),
        None => return None,
        Some(after) => BackupKind::TAGGED
            .iter()
            .find_map(|k| {
                let tail = after.strip_prefix(k.tag())?;
                (tail.is_empty() || tail.starts_with('-')).then_some((*k, tail))
            })
            .unwrap_or((BackupKind::Unstated, rest)),
    };
    let seq = match rest {
        "" => 1,
        _ => rest.strip_prefix('-')?.parse().ok()?,
    };
    Some(((time, seq), kind))
}

/// Copies `from` into a new file at `dest`: written to a temporary name and renamed only when
/// complete (nobody has either file open), in rollback-journal mode so it is one self-contained
/// file.
fn copy_to_file(from: &Connection, dest: &Path) -> Result<()> {
    let shown = dest.display().to_string();
    let fail = |e: &dyn std::fmt::Display| BackupError::Write { path: shown.clone(), reason: e.to_string() };
    let partial = dest.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let result = (|| -> rusqlite::Result<()> {
        let mut to = Connection::open(&partial)?;
        copy_between(from, &mut to)?;
        let _mode: String = to.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        to.close().map_err(|(_, e)| e)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(fail(&e));
    }
    std::fs::rename(&partial, dest).map_err(|e| fail(&e))
}

/// Copies every page of `from`'s main database into `to` in one step, so the copy is one
/// consistent snapshot even while other connections write; retries while the source is busy.
fn copy_between(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(from, to)?;
    let mut tries = 0;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if tries < BUSY_RETRIES => {
                tries += 1;
                std::thread::sleep(BUSY_PAUSE);
            }
            _ => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("数据库正忙，请稍后重试".to_string()),
                ))
            }
        }
    }
}

fn folder_error(dir: &Path, e: &std::io::Error) -> BackupError {
    BackupError::Folder { path: dir.display().to_string(), reason: e.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_order() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, STAMP).unwrap();
        let stamp = t("20250101-093000");
        assert_eq!(parse_name("shenbao-20250101-093000.sqlite"), Some(((stamp, 1), BackupKind::Unstated)));
        assert_eq!(parse_name("shenbao-20250101-093000-2.sqlite"), Some(((stamp, 2), BackupKind::Unstated)));
        assert_eq!(parse_name("shenbao-20250101-093000-daily.sqlite"), Some(((stamp, 1), BackupKind::Daily)));
        assert_eq!(
            parse_name("shenbao-20250101-093000-before-restore-3.sqlite"),
            Some(((stamp, 3), BackupKind::BeforeRestore))
        );
        let dir = tempfile::tempdir().unwrap();
        for kind in BackupKind::TAGGED {
            let path = fresh_name(dir.path(), stamp, kind).unwrap();
            let name = path.file_name().unwrap().to_str().unwrap();
            assert_eq!(parse_name(name), Some(((stamp, 1), kind)), "{name}");
        }
        for bad in [
            "shenbao-20250101-093000.sqlite-wal",
            "shenbao-20250101-093000.partial",
            "shenbao-20251301-093000.sqlite",
            "shenbao-2025.sqlite",
            "other-20250101-093000.sqlite",
            "shenbao-20250101-093000-x.sqlite",
            "shenbao-20250101-093000-dailyx.sqlite",
            "shenbao-20250101-093000-daily-.sqlite",
            "shenbao-20250101-093000-manual-daily.sqlite",
            // A copy a file manager made beside a backup is not a backup of its own.
            "shenbao-20250101-093000 (1).sqlite",
            "shenbao-20250101-093000x.sqlite",
        ] {
            assert_eq!(parse_name(bad), None, "{bad}");
        }
    }
}
