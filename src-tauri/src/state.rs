//! Managed state: the one store, or the reason it could not be opened, and where it lives.
//! The store may still be opening (on a thread of its own while the window starts): commands
//! wait for it.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use shenbao::service::{self, ServiceError};
use shenbao::store::Store;

use crate::CommandError;

pub struct AppState {
    path: PathBuf,
    /// None while the store is being opened (see `opening`).
    store: Mutex<Option<Result<Store, CommandError>>>,
    opened: Condvar,
    /// Files the desktop asked the app to open (its launch arguments, or a second launch's),
    /// not yet taken by the window.
    files_to_open: Mutex<Vec<PathBuf>>,
}

impl AppState {
    /// Opens the database at `path` now and, on the very first start, loads the sample
    /// application (the window opens $SHENBAO_DB or the user's data directory, through `opening`).
    pub fn open(path: &Path) -> Self {
        let state = Self::opening(path);
        state.finish_opening();
        state
    }

    /// The state of a store not opened yet: call `finish_opening` (on another thread, so the
    /// window appears while the database is checked and the sample loaded; the daily backup
    /// follows once the commands have their store).
    pub fn opening(path: &Path) -> Self {
        AppState {
            path: path.to_path_buf(),
            store: Mutex::new(None),
            opened: Condvar::new(),
            files_to_open: Mutex::default(),
        }
    }

    /// Queues files for the window to open (see `take_files_to_open`).
    pub fn queue_files(&self, files: Vec<PathBuf>) {
        self.files_to_open.lock().unwrap_or_else(|p| p.into_inner()).extend(files);
    }

    /// The queued files, once: the window opens each and the queue is empty after.
    pub fn take_files(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.files_to_open.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Opens the store and wakes the commands waiting for it.
    pub fn finish_opening(&self) {
        let opened = Self::opened(&self.path);
        let ok = opened.is_ok();
        *self.store.lock().unwrap_or_else(|p| p.into_inner()) = Some(opened);
        self.opened.notify_all();
        if ok {
            self.daily_backup();
        }
    }

    fn opened(path: &Path) -> Result<Store, CommandError> {
        let mut s = Store::open(path).map_err(ServiceError::from)?;
        shenbao::samples::load_sample_on_first_start(&mut s).map_err(ServiceError::from)?;
        Ok(s)
    }

    /// The daily backup, after the commands have their store: it reads through a handle of its
    /// own, so the first screen does not wait for a copy of the whole file. Failing to make one
    /// must not keep the user out.
    fn daily_backup(&self) {
        let now = chrono::Local::now().naive_local();
        let failed = match Store::open_reader(&self.path) {
            Ok(reader) => {
                shenbao::store::backup::backup_if_stale(&reader, now).err().map(|e| (e.code(), e.to_string()))
            }
            Err(e) => Some((e.code(), e.to_string())),
        };
        if let Some((code, message)) = failed {
            eprintln!("申报通启动时未能备份数据库 [{code}]：{message}");
        }
    }

    /// The database file, whether or not it could be opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the store, or answers why there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, ServiceError>) -> Result<T, CommandError> {
        let mut guard = self.lock();
        match guard.as_mut() {
            Some(Ok(store)) => Ok(f(store)?),
            Some(Err(e)) => Err(e.clone()),
            // lock() waits while the store opens: never here.
            None => Err(ServiceError::BadArgument("数据库尚未打开，请稍候再试".into()).into()),
        }
    }

    /// Replaces the database with a backup — also one that could not be opened (damaged) — and
    /// opens it again; returns where the state before was kept.
    pub fn restore(&self, file: &Path, now: chrono::NaiveDateTime) -> Result<PathBuf, CommandError> {
        let mut guard = self.lock();
        // Close the connection first, so the file can be replaced (or moved aside) whole.
        let previous = guard.replace(Err(CommandError::from(ServiceError::BadArgument(
            "数据库正在从备份恢复，请稍候".into(),
        ))));
        drop(previous);
        let restored = service::restore(&self.path, file, now);
        *guard = Some(Self::opened(&self.path));
        Ok(restored?)
    }

    /// The store, once opened (waits while it is still opening).
    fn lock(&self) -> MutexGuard<'_, Option<Result<Store, CommandError>>> {
        let guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.opened.wait_while(guard, |s| s.is_none()).unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
