//! 关于申报通 (`service::about`, `shenbao about`): the version and build date, every pack in force
//! with its notice, the database's path and size, the newest backup — and a database that is
//! missing is named, not created.

use std::process::{Command, Output};

use shenbao::service;

use crate::common::TempDb;

fn shenbao(db: &TempDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .env_remove("SHENBAO_DB")
        .arg("--db")
        .arg(db.path())
        .args(args)
        .output()
        .expect("run shenbao")
}

fn p1_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/programmes/P1.toml")).unwrap()
}

#[test]
fn about_names_the_version_the_packs_the_database_and_the_last_backup() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_application(&crate::common::sample()).unwrap();
    service::import_pack(&mut store, "P1-2025.toml", &p1_text()).unwrap();
    let at = |h| chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(h, 0, 0).unwrap();
    service::backup_now(&store, at(9)).unwrap();
    service::backup_now(&store, at(10)).unwrap();

    let about = service::about(&db.path(), Some(&store), None).unwrap();
    assert_eq!(about.version, env!("CARGO_PKG_VERSION"));
    assert!(chrono::NaiveDate::parse_from_str(&about.build_date, "%Y-%m-%d").is_ok(), "{}", about.build_date);
    let ids: Vec<&str> = about.packs.iter().map(|p| p.id.as_str()).collect();
    let builtin: Vec<&str> = shenbao::rules::builtin_ids().collect();
    assert_eq!(ids, builtin, "every built-in pack once, the imported P1 in its place");
    let p1 = &about.packs[0];
    assert_eq!(p1.source, format!("导入自 P1-2025.toml（{}）", store.user_packs().unwrap()[0].loaded_at));
    assert!(
        p1.documents[0].contains("关于组织申报2024年度环境、数理信息、材料领域省技术创新中心的通知"),
        "{:?}",
        p1.documents
    );
    assert!(p1.documents.len() > 1, "the related documents follow the notice");
    assert!(about.packs[1].source == "内置");
    assert_eq!(about.database.path, db.path().display().to_string());
    assert!(about.database.size_bytes > 0);
    let last = about.last_backup.as_ref().expect("a backup");
    assert_eq!(last.taken_at, "2026-12-01 10:00:00", "the newest of the two");
    assert!(about.font_licence.contains("SIL OPEN FONT LICENSE"));

    // The text to copy carries the same facts, one a line.
    for fact in [
        format!("版本：{}", about.version),
        format!("构建日期：{}", about.build_date),
        format!("数据库：{}", db.path().display()),
        "最近备份：2026-12-01 10:00:00".to_string(),
        "SIL Open Font License 1.1".to_string(),
        "P7-star-space".to_string(),
        "导入自 P1-2025.toml".to_string(),
    ] {
        assert!(about.text.contains(&fact), "{fact} missing from:\n{}", about.text);
    }
}

#[test]
fn shenbao_about_prints_the_same_text_and_creates_no_database() {
    let db = TempDb::new();
    let o = shenbao(&db, &["about"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("尚未创建") && text.contains("最近备份：无"), "{text}");
    assert!(!db.path().exists(), "about created the database");

    assert_eq!(shenbao(&db, &["init", "--sample"]).status.code(), Some(0));
    let store = shenbao::store::Store::open_for_reading(&db.path()).unwrap();
    let expected = service::about(&db.path(), Some(&store), None).unwrap().text;
    drop(store);
    let o = shenbao(&db, &["about"]);
    assert_eq!(o.status.code(), Some(0));
    // The size of the file (and its log) may differ between two opens; every other line is equal.
    let without_size =
        |t: &str| t.lines().filter(|l| !l.starts_with("数据库：")).collect::<Vec<_>>().join("\n");
    let printed = String::from_utf8(o.stdout).unwrap();
    assert_eq!(without_size(&printed), without_size(&expected));
    assert!(printed.contains(&format!("数据库：{}", db.path().display())), "{printed}");
}
