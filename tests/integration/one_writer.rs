//! One writer at a time: a second writer (another window, the CLI) is refused and changes
//! nothing, while reading commands keep working beside the open window.

use std::process::{Command, Output};

use shenbao::store::{Store, StoreError};

use crate::common::{sample, TempDb};

fn shenbao(db: &TempDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("--db")
        .arg(db.path())
        .args(args)
        .env_remove("SHENBAO_DB")
        .output()
        .expect("run shenbao")
}

#[test]
fn a_second_writer_is_refused_and_the_first_ones_data_is_intact() {
    let db = TempDb::new();
    // The window: the first writer, open for its whole session.
    let mut window = db.open();
    let id = window.insert_application(&sample()).unwrap();
    let before = window.dump().unwrap();

    // A second copy of the app.
    match Store::open(&db.path()) {
        Err(e @ StoreError::InUse { .. }) => {
            assert_eq!(e.code(), "db_in_use");
            assert!(e.to_string().contains("数据库正由另一个申报通窗口使用"), "{e}");
        }
        Err(e) => panic!("expected the in-use refusal, got {e}"),
        Ok(_) => panic!("a second writer was let in"),
    }

    // The CLI writing: refused with the message and its code, nothing written.
    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    let o = shenbao(&db, &["import", file.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_ne!(o.status.code(), Some(0));
    assert!(err.contains("[db_in_use]") && err.contains("数据库正由另一个申报通窗口使用"), "{err}");
    let o = shenbao(&db, &["restore", file.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));

    // Reading commands work meanwhile and see the window's data.
    let o = shenbao(&db, &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let listed = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(listed.starts_with(&format!("{id}\tP1\t")), "{listed}");
    let o = shenbao(&db, &["export-json", &id.to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), shenbao::samples::SAMPLE_P1);
    let o = shenbao(&db, &["backups"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));

    // The first writer's data is intact and it still writes.
    assert_eq!(window.dump().unwrap(), before);
    window.delete_application(id).unwrap();
    drop(window);

    // Once the window is closed, the CLI may write again.
    let o = shenbao(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A reading handle opened beside the window (a CLI command) that tries to write is refused in
/// the words of the one-writer rule, not as a read-only file.
#[test]
fn a_reader_beside_the_window_is_refused_writes_as_in_use() {
    let db = TempDb::new();
    let mut window = db.open();
    shenbao::samples::load_sample(&mut window).unwrap();
    let mut reader = Store::open_for_reading(&db.path()).unwrap();
    assert!(reader.is_reader() && !window.is_reader());
    for err in [reader.collect_library().unwrap_err(), reader.refresh_identity_keys().unwrap_err()] {
        assert_eq!(err.code(), "db_in_use", "{err}");
        assert!(err.to_string().contains("另一个申报通窗口"), "{err}");
    }
    drop(reader);
    window.collect_library().unwrap();
}

/// Where no lock file can be made (here a folder stands in its place), the one store opened
/// is still the writer and saves.
#[test]
fn without_a_lock_file_the_only_store_still_writes() {
    let db = TempDb::new();
    std::fs::create_dir(shenbao::store::lock_path(&db.path())).unwrap();
    let mut store = db.open();
    assert!(!store.is_reader());
    let id = store.insert_application(&sample()).unwrap();
    store.collect_library().unwrap();
    store.refresh_identity_keys().unwrap();
    drop(store);
    assert_eq!(db.open().load_application(id).unwrap().centre_name, sample().centre_name);
}
