//! Managed state: the one store, or the reason it could not be opened.

use std::sync::{Mutex, MutexGuard};

use shenbao::store::{self, Store};

use crate::CommandError;

pub struct AppState {
    store: Mutex<Result<Store, CommandError>>,
}

impl AppState {
    /// Opens the default database ($SHENBAO_DB or the user's data directory) and, on the very
    /// first start, loads the sample application.
    pub fn open_default() -> Self {
        Self::open(&store::default_path())
    }

    pub fn open(path: &std::path::Path) -> Self {
        let opened = Store::open(path).map_err(CommandError::from).and_then(|mut s| {
            shenbao::samples::load_sample_on_first_start(&mut s)?;
            // A daily backup on start; failing to make one must not keep the user out.
            let now = chrono::Local::now().naive_local();
            if let Err(e) = shenbao::store::backup::backup_if_stale(&s, now) {
                eprintln!("申报通启动时未能备份数据库 [{}]：{e}", e.code());
            }
            Ok(s)
        });
        AppState { store: Mutex::new(opened) }
    }

    /// Runs `f` with the store, or answers why there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, CommandError>) -> Result<T, CommandError> {
        let mut guard: MutexGuard<'_, _> = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }
}
