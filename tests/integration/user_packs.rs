//! Programme packs loaded into the database (导入申报规则): a stricter pack changes the stored
//! application's check, a bad pack is refused with its line and key and nothing is stored,
//! removing it restores the built-in pack, and a new programme joins the list.

use std::process::Command;

use shenbao::rules::Status;
use shenbao::service;
use shenbao::store::Store;

use crate::common::{sample, TempDb};

fn p1_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/programmes/P1.toml")).unwrap()
}

/// Next year's notice: the staff threshold raised from 50 to 61 (the sample has 60).
fn stricter_p1() -> String {
    let text = p1_text();
    let stricter = text.replacen("value = 50, unit = \"人\"", "value = 61, unit = \"人\"", 1);
    assert_ne!(stricter, text, "the P1 pack has the 50-person staff threshold");
    stricter
}

fn staff_status(store: &mut Store, id: i64) -> Status {
    let app = store.load_application(id).unwrap();
    let pack = service::choose_pack_in_store(store, &app, None).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
    let checked = service::check_in_store(store, Some(id), &app, &pack, None, today).unwrap();
    checked.assessment.criteria.iter().find(|c| c.id == "staff-count").expect("staff-count").status
}

#[test]
fn a_stricter_imported_pack_changes_the_check_until_it_is_removed() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    assert_eq!(staff_status(&mut store, id), Status::Met);

    let done = service::import_pack(&mut store, "P1-2025.toml", &stricter_p1()).unwrap();
    assert!(done.pack.replaces_builtin && !done.replaced_import, "{done:?}");
    assert!(done.message.contains("代替内置规则"), "{}", done.message);
    assert_eq!(staff_status(&mut store, id), Status::Unmet);

    let list =
        service::programme_summaries(&store, chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()).unwrap();
    let p1 = list.iter().find(|p| p.id == "P1").unwrap();
    assert_eq!(p1.user.as_ref().map(|u| u.file_name.as_str()), Some("P1-2025.toml"));
    assert_eq!(list.iter().filter(|p| p.id == "P1").count(), 1);
    assert!(list.iter().filter(|p| p.id != "P1").all(|p| p.user.is_none()));

    // Importing the same id again replaces the earlier import.
    let again = service::import_pack(&mut store, "P1-2025b.toml", &p1_text()).unwrap();
    assert!(again.replaced_import, "{again:?}");
    assert_eq!(service::list_user_packs(&store).unwrap().len(), 1);
    assert_eq!(staff_status(&mut store, id), Status::Met);

    service::import_pack(&mut store, "P1-2025.toml", &stricter_p1()).unwrap();
    service::remove_user_pack(&mut store, "P1").unwrap();
    assert!(service::list_user_packs(&store).unwrap().is_empty());
    assert_eq!(staff_status(&mut store, id), Status::Met);
    let err = service::remove_user_pack(&mut store, "P1").unwrap_err();
    assert_eq!(err.code(), shenbao::service::ErrorCode::NotFound);
    assert_eq!(err.detail(), "not_found");
}

#[test]
fn a_bad_pack_is_refused_with_its_file_line_and_key_and_nothing_is_stored() {
    let db = TempDb::new();
    let mut store = db.open();
    let before = store.dump().unwrap();
    let bad = p1_text().replacen("[[criteria]]", "[[criteria]]\nthreshhold = 1", 1);
    let err = service::import_pack(&mut store, "bad.toml", &bad).unwrap_err();
    assert_eq!(err.code(), shenbao::service::ErrorCode::PackInvalid);
    assert_eq!(err.detail(), "pack_unknown_key");
    let message = err.to_string();
    assert!(
        message.contains("bad.toml") && message.contains("threshhold") && message.contains("第"),
        "{message}"
    );
    assert_eq!(store.dump().unwrap(), before);
    assert!(service::list_user_packs(&store).unwrap().is_empty());
}

#[test]
fn a_new_programme_joins_the_list_after_the_built_in_ones() {
    let db = TempDb::new();
    let mut store = db.open();
    let text = p1_text().replacen("id = \"P1\"", "id = \"P1-2025\"", 1).replacen(
        "name = \"山西省2024年度",
        "name = \"山西省2025年度",
        1,
    );
    let done = service::import_pack(&mut store, "P1-2025.toml", &text).unwrap();
    assert!(!done.pack.replaces_builtin, "{done:?}");
    let list =
        service::programme_summaries(&store, chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()).unwrap();
    let last = list.last().unwrap();
    assert_eq!(last.id, "P1-2025");
    assert!(last.name.contains("2025"), "{}", last.name);
    assert_eq!(last.user.as_ref().unwrap().file_name, "P1-2025.toml");
    assert_eq!(list.len(), shenbao::rules::builtin_ids().count() + 1);

    // An application of the new programme is checked against it.
    let mut app = sample();
    app.programme = "P1-2025".into();
    let id = store.insert_application(&app).unwrap();
    let pack = service::choose_pack_in_store(&store, &store.load_application(id).unwrap(), None).unwrap();
    assert_eq!(pack.id, "P1-2025");
}

#[test]
fn the_cli_imports_lists_checks_with_and_removes_a_pack() {
    let db = TempDb::new();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shenbao"))
            .arg("--db")
            .arg(db.path())
            .args(args)
            .env_remove("SHENBAO_DB")
            .output()
            .expect("run shenbao")
    };
    let out = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();
    let err = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(run(&["init", "--sample"]).status.code(), Some(0));
    let pack = db.dir.path().join("P1-2025.toml");
    std::fs::write(&pack, stricter_p1()).unwrap();

    let o = run(&["packs", "import", pack.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = run(&["packs", "list"]);
    assert!(out(&o).lines().any(|l| l.starts_with("P1\t") && l.contains("P1-2025.toml")), "{}", out(&o));
    let o = run(&["check", "1"]);
    assert!(out(&o).contains("尚差 1 人"), "{}", out(&o));
    let o = run(&["programmes"]);
    assert!(out(&o).contains("用户导入：P1-2025.toml"), "{}", out(&o));

    let bad = db.dir.path().join("bad.toml");
    std::fs::write(&bad, p1_text().replacen("[[criteria]]", "[[criteria]]\nthreshhold = 1", 1)).unwrap();
    let o = run(&["packs", "import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("threshhold"), "{}", err(&o));

    assert_eq!(run(&["packs", "remove", "P1"]).status.code(), Some(0));
    let o = run(&["check", "1"]);
    assert!(!out(&o).contains("尚差 1 人"), "{}", out(&o));
    assert_eq!(run(&["packs", "remove", "P1"]).status.code(), Some(2));
}

/// P1's text padded with a comment to exactly `len` bytes.
fn p1_of_size(len: u64) -> String {
    let mut text = p1_text();
    text.push_str("\n# ");
    let pad = usize::try_from(len).unwrap() - text.len();
    text.push_str(&"x".repeat(pad));
    assert_eq!(text.len() as u64, len);
    text
}

#[test]
fn a_pack_of_4_mb_is_read_and_one_byte_more_is_refused_by_its_size() {
    let limit = shenbao::rules::pack::MAX_PACK_BYTES;
    assert_eq!(limit, 4 * 1024 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let db = TempDb::new();
    let mut store = db.open();
    let at_limit = p1_of_size(limit);
    let file = dir.path().join("P1-padded.toml");
    std::fs::write(&file, &at_limit).unwrap();
    assert_eq!(shenbao::rules::load_pack_file(&file).unwrap().id, "P1");
    service::import_pack(&mut store, "P1-padded.toml", &at_limit).unwrap();

    let over = p1_of_size(limit + 1);
    std::fs::write(&file, &over).unwrap();
    let err = shenbao::rules::load_pack_file(&file).unwrap_err();
    assert_eq!(err.code(), "pack_io", "{err}");
    assert!(err.to_string().contains("文件过大（4096 KB），规则包不超过 4096 KB"), "{err}");
    let err = service::import_pack(&mut store, "P1-over.toml", &over).unwrap_err();
    assert!(
        err.to_string().contains("P1-over.toml") && err.to_string().contains("规则包不超过 4096 KB"),
        "{err}"
    );
}
