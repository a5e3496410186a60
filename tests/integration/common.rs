//! Shared helpers: a temporary database and the bundled sample.

use std::path::PathBuf;

use shenbao::model::Application;
use shenbao::store::Store;

pub struct TempDb {
    pub dir: tempfile::TempDir,
}

impl TempDb {
    pub fn new() -> Self {
        TempDb { dir: tempfile::tempdir().expect("temp dir") }
    }
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("shenbao.sqlite")
    }
    pub fn open(&self) -> Store {
        Store::open(&self.path()).expect("open store")
    }
}

pub fn sample() -> Application {
    shenbao::interchange::application_from_json(shenbao::samples::SAMPLE_P1).expect("sample is valid")
}
