//! Managed state: the one store, or the reason it could not be opened, and where it lives.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use shenbao::service::{self, ServiceError};
use shenbao::store::{self, Store};

use crate::CommandError;

pub struct AppState {
    path: PathBuf,
    store: Mutex<Result<Store, CommandError>>,
    /// Files the desktop asked the app to open (its launch arguments, or a second launch's),
    /// not yet taken by the window.
    files_to_open: Mutex<Vec<PathBuf>>,
}

impl AppState {
    /// Opens the default database ($SHENBAO_DB or the user's data directory) and, on the very
    /// first start, loads the sample application.
    pub fn open_default() -> Self {
        Self::open(&store::default_path())
    }

    pub fn open(path: &Path) -> Self {
        AppState {
            path: path.to_path_buf(),
            store: Mutex::new(Self::opened(path)),
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

    fn opened(path: &Path) -> Result<Store, CommandError> {
        let mut s = Store::open(path).map_err(ServiceError::from)?;
        shenbao::samples::load_sample_on_first_start(&mut s).map_err(ServiceError::from)?;
        // A daily backup on start; failing to make one must not keep the user out.
        let now = chrono::Local::now().naive_local();
        if let Err(e) = shenbao::store::backup::backup_if_stale(&s, now) {
            eprintln!("申报通启动时未能备份数据库 [{}]：{e}", e.code());
        }
        Ok(s)
    }

    /// The database file, whether or not it could be opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the store, or answers why there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, ServiceError>) -> Result<T, CommandError> {
        let mut guard = self.lock();
        match guard.as_mut() {
            Ok(store) => Ok(f(store)?),
            Err(e) => Err(e.clone()),
        }
    }

    /// Replaces the database with a backup — also one that could not be opened (damaged) — and
    /// opens it again; returns where the state before was kept.
    pub fn restore(&self, file: &Path, now: chrono::NaiveDateTime) -> Result<PathBuf, CommandError> {
        let mut guard = self.lock();
        // Close the connection first, so the file can be replaced (or moved aside) whole.
        let previous = std::mem::replace(
            &mut *guard,
            Err(CommandError::from(ServiceError::BadArgument("数据库正在从备份恢复，请稍候".into()))),
        );
        drop(previous);
        let restored = service::restore(&self.path, file, now);
        *guard = Self::opened(&self.path);
        Ok(restored?)
    }

    fn lock(&self) -> MutexGuard<'_, Result<Store, CommandError>> {
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
