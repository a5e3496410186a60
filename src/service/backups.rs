//! Backups of the database: back up now, list, restore — also over a damaged database, which is
//! moved aside first (nothing is deleted) and replaced with the backup.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::ServiceError;
use crate::store::backup::{self, BackupError, BackupInfo};
use crate::store::{Store, StoreError};

/// Backs up the database now (into `backups/` beside it); returns the backup's path.
pub fn backup_now(store: &Store, now: NaiveDateTime) -> Result<PathBuf, ServiceError> {
    Ok(backup::make_backup(store, &store.backup_dir(), now)?)
}

/// Backs up the database now into a folder the user chose (其他位置: another disk, a USB stick);
/// returns the backup's path. The folder's other files are left as they are. The folder must be
/// named whole and exist (the folder dialog gives such a path): a relative name would land
/// wherever the program happened to start.
pub fn backup_to_folder(store: &Store, folder: &Path, now: NaiveDateTime) -> Result<PathBuf, ServiceError> {
    let refuse =
        |reason: &str| ServiceError::Folder { path: folder.display().to_string(), reason: reason.into() };
    if !folder.is_absolute() {
        return Err(refuse("不是完整的文件夹路径：请点“备份到其他位置”在对话框中选择文件夹"));
    }
    if !folder.is_dir() {
        return Err(refuse("不存在：请在对话框中选择一个已有的文件夹（如U盘或其他磁盘上的文件夹）"));
    }
    Ok(backup::backup_into(store, folder, now)?)
}

/// The backups beside the database at `db_path`, newest first (readable even when the database
/// itself cannot be opened).
pub fn list_backups(db_path: &Path) -> Result<Vec<BackupInfo>, ServiceError> {
    Ok(backup::list(&backup::backup_dir(db_path))?)
}

/// Replaces the content of the database at `db_path` with `file`; returns where the state before
/// the restore was kept (a backup, or the damaged file moved aside). The backup is checked first:
/// a bad one changes nothing. A database newer than this build is refused untouched.
pub fn restore(db_path: &Path, file: &Path, now: NaiveDateTime) -> Result<PathBuf, ServiceError> {
    match backup::restore(db_path, file, now) {
        // The backup passed its check (it comes first); only the database could not be opened.
        Err(BackupError::Store(StoreError::NotADatabase { .. } | StoreError::Corrupt { .. })) => {
            let aside = damaged_aside(db_path, now);
            std::fs::rename(db_path, &aside).map_err(|e| ServiceError::write(&aside, &e))?;
            for suffix in ["-wal", "-shm"] {
                let side = PathBuf::from(format!("{}{suffix}", db_path.display()));
                let _ = std::fs::remove_file(side);
            }
            backup::restore(db_path, file, now)?;
            Ok(aside)
        }
        other => Ok(other?),
    }
}

/// Where a damaged database is kept when a backup replaces it: beside it, named after the time.
fn damaged_aside(db_path: &Path, now: NaiveDateTime) -> PathBuf {
    let name = db_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    db_path.with_file_name(format!("{name}.damaged-{}", now.format("%Y%m%d-%H%M%S")))
}

/// Opens the database at `db_path` to write (creating it when missing); refused while another
/// window or command writes.
pub fn open(db_path: &Path) -> Result<Store, ServiceError> {
    Ok(Store::open(db_path)?)
}

/// Opens the database at `db_path` for a command that only reads: works beside an open window.
pub fn open_reading(db_path: &Path) -> Result<Store, ServiceError> {
    Ok(Store::open_for_reading(db_path)?)
}
