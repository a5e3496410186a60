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

/// The day the tests' saves are made on (a date after it is a warning).
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
}

pub fn sample() -> Application {
    shenbao::interchange::application_from_json(shenbao::samples::SAMPLE_P1).expect("sample is valid")
}

/// The sample under another centre name and lead host, with none of its people, instruments,
/// sites, achievements or texts: an application of the same programme and year that shares
/// nothing with it.
pub fn other_app(name: &str) -> Application {
    let mut a = sample();
    a.centre_name = name.into();
    a.host_units.truncate(1);
    a.host_units[0].name = "山西另一科技有限公司".into();
    a.host_units[0].uscc = "91140100MA0XYZ1234".into();
    a.people.clear();
    a.instruments.clear();
    a.sites.clear();
    a.achievements.clear();
    // Its own texts: the sample's would be one copied text (一稿多报), another kind of conflict.
    a.narratives.clear();
    a
}

/// Name of the opt-out variable for machines without the external tools some tests need.
pub const ALLOW_MISSING_TOOLS: &str = "SHENBAO_ALLOW_MISSING_TOOLS";

/// A test needs `what` (e.g. poppler's `pdfinfo`) and it is not there. Fails the test, naming the
/// Debian package to install (`scripts/install-deps.sh` installs them all), unless
/// `SHENBAO_ALLOW_MISSING_TOOLS=1` is set: then it prints a note and the caller skips that part.
/// CI never sets it, so a missing tool cannot turn a test into one that checks nothing.
pub fn missing_tool(what: &str, install: &str) {
    let note = format!("{what} is not available: {install} (scripts/install-deps.sh does it)");
    if std::env::var(ALLOW_MISSING_TOOLS).is_ok_and(|v| v == "1") {
        eprintln!("skipped because {ALLOW_MISSING_TOOLS}=1: {note}");
        return;
    }
    panic!("{note}; set {ALLOW_MISSING_TOOLS}=1 only on a machine that cannot have it");
}

/// Undoes the library's migration (schema 11) on a file brought back to an older schema by hand:
/// the link columns, their indexes and the records.
pub const DROP_LIBRARY: &str = "
    DROP INDEX people_by_library; DROP INDEX instruments_by_library; DROP INDEX sites_by_library;
    DROP INDEX achievements_by_library;
    ALTER TABLE people DROP COLUMN library_id; ALTER TABLE instruments DROP COLUMN library_id;
    ALTER TABLE sites DROP COLUMN library_id; ALTER TABLE achievements DROP COLUMN library_id;
    DROP TABLE library_records;";

/// The conflicts of one kind in a section of the office's overview (`report.people`,
/// `report.sites`, `report.applications`…).
pub fn swept(
    section: &[shenbao::duplicates::ConflictGroup],
    kind: shenbao::duplicates::ConflictKind,
) -> Vec<&shenbao::duplicates::Conflict> {
    section.iter().flat_map(|g| &g.conflicts).filter(|c| c.kind == kind).collect()
}
