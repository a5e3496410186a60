//! Pack versions: an application keeps the version of its programme's pack it was checked with
//! (existing ones the version they resolved to) until the user moves it, after seeing the diff;
//! a new application is offered the newest; a kept version no longer loaded is said plainly,
//! never replaced by a verdict of another version.

use std::process::Command;

use chrono::NaiveDate;
use shenbao::rules::Status;
use shenbao::service::{self, CheckOptions};
use shenbao::store::Store;

use crate::common::{sample, TempDb};

const P1_2024: &str =
    "山西省科学技术厅关于组织申报2024年度环境、数理信息、材料领域省技术创新中心的通知 2024-03-11";
const P1_2025: &str =
    "山西省科学技术厅关于组织申报2025年度环境、数理信息、材料领域省技术创新中心的通知 2025-03-10";

fn p1_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/programmes/P1.toml")).unwrap()
}

/// Next year's notice: another document and dates, the staff threshold raised from 50 to 61
/// (the sample has 60).
fn p1_2025() -> String {
    let text = p1_text()
        .replacen(
            "title = \"山西省科学技术厅关于组织申报2024年度",
            "title = \"山西省科学技术厅关于组织申报2025年度",
            1,
        )
        .replace("2024-03-11", "2025-03-10")
        .replace("2024-05-", "2025-05-")
        .replacen("value = 50, unit = \"人\"", "value = 61, unit = \"人\"", 1);
    assert!(text.contains("2025年度环境") && text.contains("value = 61, unit = \"人\""));
    text
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn staff(store: &mut Store, id: i64) -> Status {
    let checked = service::check_stored(store, id, &CheckOptions::default(), today()).unwrap();
    checked.check.assessment.criteria.iter().find(|c| c.id == "staff-count").expect("staff-count").status
}

fn kept(store: &Store, id: i64) -> String {
    service::application_pack_versions(store, id).unwrap().kept
}

#[test]
fn an_application_keeps_its_version_a_new_one_gets_the_newest_and_a_move_shows_the_diff_first() {
    let db = TempDb::new();
    let mut store = db.open();
    let old = service::create_application(&mut store, &sample()).unwrap();
    assert_eq!(kept(&store, old), P1_2024);
    assert_eq!(staff(&mut store, old), Status::Met);

    let done = service::import_pack(&mut store, "P1-2025.toml", &p1_2025()).unwrap();
    assert!(!done.pack.replaces_builtin && !done.replaced_import, "{done:?}");
    assert!(done.message.contains("已有申报书仍按各自的规则版本核对"), "{}", done.message);
    // The application made before keeps the 2024 rules; a new one is offered the 2025 ones.
    assert_eq!(kept(&store, old), P1_2024);
    assert_eq!(staff(&mut store, old), Status::Met);
    let new = service::create_application(&mut store, &sample()).unwrap();
    assert_eq!(kept(&store, new), P1_2025);
    assert_eq!(staff(&mut store, new), Status::Unmet);
    let versions = service::pack_versions(&store, "P1").unwrap();
    let listed: Vec<(&str, bool, bool)> =
        versions.iter().map(|v| (v.version.as_str(), v.newest, v.builtin)).collect();
    assert_eq!(listed, [(P1_2025, true, false), (P1_2024, false, true)]);

    // Moving shows the diff first and writes nothing; a part of the version names it.
    let before = store.dump().unwrap();
    let preview = service::preview_pack_move(&store, old, "2025").unwrap();
    assert_eq!((preview.from.as_str(), preview.to.version.as_str()), (P1_2024, P1_2025));
    let lines = preview.diff.as_ref().expect("a diff").lines();
    assert!(lines.iter().any(|l| l.starts_with("修改 staff-count") && l.contains("61")), "{lines:?}");
    assert_eq!(store.dump().unwrap(), before);
    assert_eq!(staff(&mut store, old), Status::Met);

    let moved = service::move_pack(&mut store, old, "2025").unwrap();
    assert_eq!(moved.diff, preview.diff);
    assert!(moved.message.contains("已改按"), "{}", moved.message);
    assert_eq!(kept(&store, old), P1_2025);
    assert_eq!(staff(&mut store, old), Status::Unmet);
    // And back: the built-in version is still there.
    service::move_pack(&mut store, old, P1_2024).unwrap();
    assert_eq!(staff(&mut store, old), Status::Met);

    // A version that does not exist, or a part matching both, is refused and nothing moves.
    let err = service::move_pack(&mut store, old, "2023").unwrap_err();
    assert_eq!(err.detail(), "unknown_pack_version");
    assert!(err.to_string().contains(P1_2025), "{err}");
    let err = service::move_pack(&mut store, old, "环境").unwrap_err();
    assert!(err.to_string().contains("与多个版本相符"), "{err}");
    assert_eq!(kept(&store, old), P1_2024);
}

#[test]
fn the_home_screen_verdict_uses_the_kept_version() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = service::create_application(&mut store, &sample()).unwrap();
    service::import_pack(&mut store, "P1-2025.toml", &p1_2025()).unwrap();
    let home = |store: &Store| {
        let all = service::home_verdicts(store, today()).unwrap();
        all.iter().find(|h| h.id == id).map(|h| h.verdict_label.clone()).expect("a verdict")
    };
    let check = |store: &mut Store| {
        service::check_stored(store, id, &CheckOptions::default(), today())
            .unwrap()
            .check
            .assessment
            .verdict_label
    };
    let kept_2024 = home(&store);
    assert_eq!(kept_2024, check(&mut store));
    service::move_pack(&mut store, id, "2025").unwrap();
    let kept_2025 = home(&store);
    assert_eq!(kept_2025, check(&mut store));
    assert_ne!(kept_2024, kept_2025, "the 2025 rules ask for 61 staff");
}

#[test]
fn the_home_screen_agrees_with_each_check_when_applications_keep_different_versions() {
    // Two copies of the sample (the same people claimed twice), one kept on the 2024 rules and
    // one moved to the 2025 rules: each home-screen verdict is the one its own check gives.
    let db = TempDb::new();
    let mut store = db.open();
    let first = service::create_application(&mut store, &sample()).unwrap();
    let second = service::create_application(&mut store, &sample()).unwrap();
    service::import_pack(&mut store, "P1-2025.toml", &p1_2025()).unwrap();
    service::move_pack(&mut store, second, "2025").unwrap();
    assert_eq!(kept(&store, first), P1_2024);
    assert_eq!(kept(&store, second), P1_2025);
    let home = service::home_verdicts(&store, today()).unwrap();
    for id in [first, second] {
        let checked = service::check_stored(&store, id, &CheckOptions::default(), today()).unwrap();
        let shown = home.iter().find(|h| h.id == id).expect("a verdict on the home screen");
        assert_eq!(shown.verdict_label, checked.check.assessment.verdict_label, "application {id}");
        assert_eq!(shown.verdict, checked.check.assessment.verdict, "application {id}");
    }
}

#[test]
fn existing_applications_keep_the_version_they_resolved_to_when_another_is_imported() {
    let db = TempDb::new();
    {
        // A database of the schema before versions were kept, with one application.
        let mut store = db.open();
        store.insert_application(&sample()).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        // Schema 8: without the kept version (9) and the narrative sketches (10).
        conn.execute_batch(crate::common::DROP_LIBRARY).unwrap();
        conn.execute_batch(
            "ALTER TABLE applications DROP COLUMN pack_version;
             DROP TRIGGER narratives_sketch_insert; DROP TRIGGER narratives_sketch_update;
             DROP TRIGGER narratives_sketch_delete; DROP TABLE narrative_sketches;
             ALTER TABLE identity_keys DROP COLUMN share; DROP TABLE narrative_bands; DROP TABLE narrative_dirty; PRAGMA user_version = 8;",
        )
        .unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    assert_eq!(store.pack_version_of(1).unwrap(), None);
    assert_eq!(kept(&store, 1), P1_2024);
    service::import_pack(&mut store, "P1-2025.toml", &p1_2025()).unwrap();
    assert_eq!(store.pack_version_of(1).unwrap().as_deref(), Some(P1_2024));
    assert_eq!(staff(&mut store, 1), Status::Met);

    // Another programme chosen: the application is offered that programme's newest version.
    service::save_field(&mut store, 1, shenbao::store::ApplicationField::Programme("P2".into())).unwrap();
    let v = service::application_pack_versions(&store, 1).unwrap();
    assert!(v.kept_available && v.kept.contains("晋科发〔2020〕64号"), "{v:?}");
}

#[test]
fn a_kept_version_no_longer_loaded_is_said_plainly_and_gets_no_verdict() {
    let db = TempDb::new();
    let mut store = db.open();
    service::import_pack(&mut store, "P1-2025.toml", &p1_2025()).unwrap();
    let id = service::create_application(&mut store, &sample()).unwrap();
    assert_eq!(kept(&store, id), P1_2025);
    service::remove_user_pack(&mut store, "P1").unwrap();

    let err = service::check_stored(&store, id, &CheckOptions::default(), today()).unwrap_err();
    assert_eq!(err.detail(), "pack_version_gone");
    let message = err.to_string();
    assert!(
        message.contains(P1_2025) && message.contains("不能给出审查结论") && message.contains(P1_2024),
        "{message}"
    );
    assert!(service::home_verdicts(&store, today()).unwrap().iter().all(|h| h.id != id));
    let v = service::application_pack_versions(&store, id).unwrap();
    assert!(!v.kept_available, "{v:?}");

    // Moving away from a gone version has nothing to compare with, and says so.
    let preview = service::preview_pack_move(&store, id, "2024").unwrap();
    assert!(preview.diff.is_none() && preview.message.contains("已不在本数据库中"), "{}", preview.message);
    service::move_pack(&mut store, id, "2024").unwrap();
    assert_eq!(staff(&mut store, id), Status::Met);
}

#[test]
fn the_cli_lists_previews_and_moves_an_application_to_another_version() {
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
    std::fs::write(&pack, p1_2025()).unwrap();
    assert_eq!(run(&["packs", "import", pack.to_str().unwrap()]).status.code(), Some(0));

    let o = run(&["packs", "move", "1"]);
    let t = out(&o);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(t.contains(&format!("按规则版本核对：{P1_2024}")), "{t}");
    assert!(t.contains(&format!("* {P1_2024}\t内置")), "{t}");
    assert!(t.contains(&format!("  {P1_2025}\t导入：P1-2025.toml\t最新")), "{t}");

    let o = run(&["packs", "move", "1", "--to", "2025"]);
    let t = out(&o);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(t.contains("修改 staff-count"), "{t}");
    assert!(!out(&run(&["check", "1"])).contains("尚差 1 人"));

    let o = run(&["packs", "move", "1", "--to", "2025", "--commit"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("已改按"), "{}", out(&o));
    assert!(out(&run(&["check", "1"])).contains("尚差 1 人"));

    let o = run(&["packs", "move", "1", "--to", "2019", "--commit"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("[unknown_pack_version]"), "{}", err(&o));

    assert_eq!(run(&["packs", "remove", "P1"]).status.code(), Some(0));
    let o = run(&["check", "1"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains("不能给出审查结论"), "{}", err(&o));
}

/// Versions are ordered by when they came into force, not by when they were loaded: last year's
/// notice loaded after this year's is listed after it, and a new application gets this year's.
#[test]
fn an_older_notice_loaded_later_is_not_the_newest() {
    let db = TempDb::new();
    let mut store = db.open();
    let p1_2023 = p1_text()
        .replacen(
            "title = \"山西省科学技术厅关于组织申报2024年度",
            "title = \"山西省科学技术厅关于组织申报2023年度",
            1,
        )
        .replace("2024-03-11", "2023-03-13")
        .replace("2024-05-", "2023-05-");
    service::import_pack(&mut store, "P1-2023.toml", &p1_2023).unwrap();
    let versions = service::pack_versions(&store, "P1").unwrap();
    let listed: Vec<(&str, bool, bool)> =
        versions.iter().map(|v| (v.version.as_str(), v.newest, v.builtin)).collect();
    let p1_2023_version =
        "山西省科学技术厅关于组织申报2023年度环境、数理信息、材料领域省技术创新中心的通知 2023-03-13";
    assert_eq!(listed, [(P1_2024, true, true), (p1_2023_version, false, false)]);
    let new = service::create_application(&mut store, &sample()).unwrap();
    assert_eq!(kept(&store, new), P1_2024);
}
