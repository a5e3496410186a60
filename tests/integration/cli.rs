//! The `shenbao` binary as a user runs it: exit codes, Chinese errors with English codes.

use std::process::{Command, Output};

use crate::common::TempDb;

fn shenbao(db: &TempDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("--db")
        .arg(db.path())
        .args(args)
        .env_remove("SHENBAO_DB")
        .output()
        .expect("run shenbao")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_import_list_and_export_json() {
    let db = TempDb::new();
    let o = shenbao(&db, &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = shenbao(&db, &["list"]);
    assert!(stdout(&o).contains("尚无申报书"));

    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    let o = shenbao(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let centre = crate::common::sample().centre_name;
    assert!(stdout(&o).contains(&centre));

    let o = shenbao(&db, &["list"]);
    assert!(stdout(&o).starts_with("1\tP1\t"), "{}", stdout(&o));

    let o = shenbao(&db, &["export-json", "1"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), shenbao::samples::SAMPLE_P1);
}

#[test]
fn bad_input_exits_2_with_a_chinese_message_and_code() {
    let db = TempDb::new();
    let file = db.dir.path().join("bad.json");
    std::fs::write(
        &file,
        shenbao::samples::SAMPLE_P1.replacen("\"category\": \"field\"", "\"category\": 7", 1),
    )
    .unwrap();
    let o = shenbao(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("[bad_value]") && err.contains("application.category"), "{err}");
    // Nothing was written.
    let o = shenbao(&db, &["list"]);
    assert!(stdout(&o).contains("尚无申报书"));

    let o = shenbao(&db, &["import", "/no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("文件不存在"));

    let o = shenbao(&db, &["export-json", "77"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[not_found]"));

    let o = shenbao(&db, &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("用法错误 [usage]"));
}

#[test]
fn init_with_sample_lists_it() {
    let db = TempDb::new();
    let o = shenbao(&db, &["init", "--sample"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = shenbao(&db, &["list"]);
    assert!(stdout(&o).contains(&crate::common::sample().centre_name));
}
