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

/// Without `--db` the database is `$SHENBAO_DB`; unset or empty, it is `shenbao.sqlite` in the
/// user's data folder.
#[test]
fn without_db_the_database_is_shenbao_db_else_in_the_users_data_folder() {
    let db = TempDb::new();
    let home = db.dir.path().join("home");
    let data_file = home.join(".local/share/shenbao/shenbao.sqlite");
    let chosen = db.dir.path().join("选定的库.sqlite");
    let init = |shenbao_db: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_shenbao"))
            .arg("init")
            .env("SHENBAO_DB", shenbao_db)
            .env("HOME", &home)
            .env_remove("XDG_DATA_HOME")
            .output()
            .expect("run shenbao")
    };
    let o = init(&chosen);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(chosen.is_file(), "SHENBAO_DB names the database");
    assert!(!data_file.exists(), "nothing in the data folder while SHENBAO_DB is set");
    let o = init(std::path::Path::new(""));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(data_file.is_file(), "an empty SHENBAO_DB means the user's data folder");
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

#[test]
fn check_exits_by_verdict_and_prints_json_per_the_documented_shape() {
    let db = TempDb::new();
    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    // Cross criteria cannot be decided without registry data: 待补充, exit 1.
    let o = shenbao(&db, &["check", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["programme"], "P1");
    assert_eq!(v["as_of"], "2024-05-06");
    let staff = v["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "staff-count").unwrap();
    assert_eq!(staff["status"], "met");
    for key in ["id", "kind", "status", "found", "required", "gap", "message", "citation"] {
        assert!(staff.get(key).is_some(), "criterion lacks {key}");
    }

    // A failing hard criterion shows in the text report with the gap and the clause.
    let mut app = crate::common::sample();
    let keep: Vec<_> = app.people.iter().filter(|p| p.role.is_fixed()).skip(42).cloned().collect();
    app.people.retain(|p| !keep.contains(p));
    let short = db.dir.path().join("short.json");
    std::fs::write(&short, shenbao::interchange::application_to_json(&app)).unwrap();
    let o = shenbao(&db, &["check", short.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("固定人员 42 人，要求不少于 50 人，尚差 8 人"), "{text}");
    assert!(text.contains("二（四）3"), "{text}");

    let o = shenbao(&db, &["check", file.to_str().unwrap(), "--programme", "P9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[unknown_programme]"), "{}", stderr(&o));
}

#[test]
fn check_accepts_a_pack_file_at_run_time_and_names_a_bad_key() {
    let db = TempDb::new();
    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    let pack_text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/programmes/P1.toml")).unwrap();
    // Next year's notice: a stricter staff threshold, loaded without a new build.
    let stricter = pack_text.replacen("value = 50, unit = \"人\"", "value = 61, unit = \"人\"", 1);
    assert_ne!(stricter, pack_text, "the P1 pack has the 50-person staff threshold");
    let pack = db.dir.path().join("P1-next.toml");
    std::fs::write(&pack, &stricter).unwrap();
    let o = shenbao(&db, &["check", file.to_str().unwrap(), "--pack", pack.to_str().unwrap()]);
    assert!(stdout(&o).contains("尚差 1 人"), "{}", stdout(&o));

    let bad = db.dir.path().join("bad.toml");
    std::fs::write(&bad, pack_text.replacen("[[criteria]]", "[[criteria]]\nthreshhold = 1", 1)).unwrap();
    let o = shenbao(&db, &["check", file.to_str().unwrap(), "--pack", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("threshhold") && err.contains("第"), "{err}");
}

#[test]
fn programmes_lists_every_pack_with_deadlines() {
    let db = TempDb::new();
    let o = shenbao(&db, &["programmes"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for id in ["P1", "P2", "P3", "P4", "P5", "P6", "P7-key-lab", "P7-star-space"] {
        assert!(text.lines().any(|l| l.starts_with(&format!("{id}\t"))), "{id} missing:\n{text}");
    }
    // A notice whose deadline has passed, or one with none, gets no countdown.
    let line = |id: &str| text.lines().find(|l| l.starts_with(&format!("{id}\t"))).unwrap_or_default();
    assert!(
        line("P1").ends_with("\t网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日（已截止）"),
        "{text}"
    );
    assert!(line("P2").ends_with("\t常年受理"), "{text}");
}

#[test]
fn export_writes_the_bound_set_even_when_the_self_check_fails() {
    let db = TempDb::new();
    let o = shenbao(&db, &["init", "--sample"]);
    assert_eq!(o.status.code(), Some(0));
    // The same staff entered in a second application: the self-check of the first now fails.
    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    assert_eq!(shenbao(&db, &["import", file.to_str().unwrap()]).status.code(), Some(0));
    let out = db.dir.path().join("out");
    let o = shenbao(&db, &["export", "1", "--out", out.to_str().unwrap(), "--only", "bound"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("自查未通过"));
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let bytes = std::fs::read(&files[0]).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&crate::common::sample().centre_name), "{name}");

    let o = shenbao(&db, &["export", "1", "--out", out.to_str().unwrap(), "--only", "poster"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_same_staff_in_two_applications_fails_the_check_and_shows_in_conflicts() {
    let db = TempDb::new();
    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    let o = shenbao(&db, &["conflicts"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("未发现"), "{}", stdout(&o));

    // One application alone, no registry: nothing to compare with, so the cross criteria are
    // 未核验 (never met) and the verdict line says what was not compared.
    assert_eq!(shenbao(&db, &["import", file.to_str().unwrap()]).status.code(), Some(0));
    let o = shenbao(&db, &["check", "1", "--format", "json"]);
    let alone: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let status = |v: &serde_json::Value, id: &str| {
        v["criteria"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["status"].clone()
    };
    assert_eq!(status(&alone, "no-double-resources"), "not_verified", "{}", stdout(&o));
    assert_eq!(status(&alone, "not-already-built"), "not_verified", "{}", stdout(&o));
    assert!(alone["verdict_caveat"].as_str().unwrap_or_default().contains("已建平台名录"), "{}", stdout(&o));
    let o = shenbao(&db, &["check", "1"]);
    let text = stdout(&o);
    assert!(text.contains("结论：") && text.contains("，但未与"), "{text}");
    assert!(text.contains("未核验"), "{text}");

    // The same staff claimed by a second application: both now fail no-double-resources.
    assert_eq!(shenbao(&db, &["import", file.to_str().unwrap()]).status.code(), Some(0));
    let o = shenbao(&db, &["check", "1", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let twice: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&twice, "no-double-resources"), "unmet", "{}", stdout(&o));

    let o = shenbao(&db, &["conflicts"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let director = crate::common::sample().people[0].clone();
    assert!(text.contains(&director.name), "{text}");
    // ID numbers are masked to their last four characters.
    let number = &director.id_doc.number;
    assert!(!text.contains(number.as_str()), "{text}");
    assert!(text.contains(&format!("…{}", &number[number.len() - 4..])), "{text}");
}

#[test]
fn registry_import_and_list_and_the_check_sees_it() {
    use shenbao::model::{ExistingPlatform, PlatformKind, PlatformLevel, PlatformMember};
    let db = TempDb::new();
    let o = shenbao(&db, &["registry", "list"]);
    assert!(stdout(&o).contains("名录为空"), "{}", stdout(&o));
    let app = crate::common::sample();
    let director = app.people.iter().find(|p| p.role == shenbao::model::Role::Director).unwrap();
    let platform = ExistingPlatform {
        id: None,
        name: "山西省先进材料重点实验室".into(),
        level: PlatformLevel::Provincial,
        kind: PlatformKind::KeyLab,
        host_name: "某大学".into(),
        host_uscc: String::new(),
        approval_date: None,
        members: vec![PlatformMember {
            name: director.name.clone(),
            id_doc: director.id_doc.clone(),
            role: shenbao::model::MemberRole::Fixed,
            joined: None,
            left: None,
        }],
        instruments: vec![],
        sites: vec![],
    };
    let reg = db.dir.path().join("registry.json");
    std::fs::write(&reg, shenbao::interchange::registry_to_json(&[platform])).unwrap();
    let o = shenbao(&db, &["registry", "import", reg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("已导入 1 个"), "{}", stdout(&o));
    let o = shenbao(&db, &["registry", "list"]);
    assert!(stdout(&o).contains("山西省先进材料重点实验室"), "{}", stdout(&o));

    // The director is fixed staff of an existing provincial key lab: staff-exclusive fails.
    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    assert_eq!(shenbao(&db, &["import", file.to_str().unwrap()]).status.code(), Some(0));
    let o = shenbao(&db, &["check", "1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("山西省先进材料重点实验室"), "{}", stdout(&o));
}

#[test]
fn export_all_writes_every_application_and_the_registry_in_one_archive() {
    let db = TempDb::new();
    assert_eq!(shenbao(&db, &["init", "--sample"]).status.code(), Some(0));
    let file = db.dir.path().join("sample.json");
    std::fs::write(&file, shenbao::samples::SAMPLE_P1).unwrap();
    assert_eq!(shenbao(&db, &["import", file.to_str().unwrap()]).status.code(), Some(0));
    let out = db.dir.path().join("archive.json");
    let o = shenbao(&db, &["export-all", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("已导出 2 份申报书"), "{}", stdout(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let (apps, registry) = shenbao::interchange::archive_from_json(&text).unwrap();
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[0], crate::common::sample());
    assert!(registry.is_empty());
    // Not an application document: an archive is refused where one application is expected.
    assert!(shenbao::interchange::application_from_json(&text).is_err());
}

// ---- README "Exit status": 0 success, 1 a finding, 2 bad usage or bad input ---------------------

/// Runs `args` on `db` and asserts the exit status, showing the output when it differs.
fn exits(db: &TempDb, args: &[&str], code: i32) -> Output {
    let o = shenbao(db, args);
    assert_eq!(
        o.status.code(),
        Some(code),
        "shenbao {args:?}\nstdout: {}\nstderr: {}",
        stdout(&o),
        stderr(&o)
    );
    if code == 2 {
        assert!(stderr(&o).contains('[') && stderr(&o).contains("错误"), "no coded error: {}", stderr(&o));
    }
    o
}

/// A database path that holds a text file: every command that opens it gets bad input.
fn not_a_database() -> TempDb {
    let db = TempDb::new();
    std::fs::write(db.path(), "这不是数据库，只是一个文本文件。".repeat(100)).unwrap();
    db
}

#[test]
fn every_command_exits_0_on_success_and_2_on_bad_input() {
    let db = TempDb::new();
    let bad = not_a_database();
    let path = |name: &str| db.dir.path().join(name).to_str().unwrap().to_string();
    let sample_file = path("sample.json");
    std::fs::write(&sample_file, shenbao::samples::SAMPLE_P1).unwrap();
    let missing = path("无此文件.json");
    let no_dir = path("无此文件夹/out.json");

    exits(&db, &["init", "--sample"], 0);
    exits(&bad, &["init"], 2);
    exits(&db, &["import", &sample_file], 0);
    exits(&db, &["import", &missing], 2);
    exits(&db, &["list"], 0);
    exits(&bad, &["list"], 2);
    exits(&db, &["export-json", "1"], 0);
    exits(&db, &["export-json", "99"], 2);
    exits(&db, &["export-all", "--out", &path("archive.json")], 0);
    exits(&db, &["export-all", "--out", &no_dir], 2);
    exits(&db, &["programmes"], 0);
    exits(&bad, &["programmes"], 2);

    let pack = path("P1.toml");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/programmes/P1.toml"), &pack).unwrap();
    let bad_pack = path("bad.toml");
    std::fs::write(&bad_pack, "[[criteria]]\nthreshhold = 1\n").unwrap();
    exits(&db, &["packs", "import", &pack], 0);
    exits(&db, &["packs", "import", &bad_pack], 2);
    exits(&db, &["packs", "list"], 0);
    exits(&bad, &["packs", "list"], 2);
    exits(&db, &["packs", "remove", "P1"], 0);
    exits(&db, &["packs", "remove", "P1"], 2);

    // Export writes the documents even when the self-check fails (the sample is in twice here).
    exits(&db, &["export", "1", "--out", &path("pdf"), "--only", "review"], 0);
    exits(&db, &["export", "99", "--out", &path("pdf")], 2);

    let registry = path("registry.json");
    std::fs::write(&registry, shenbao::interchange::registry_to_json(&[])).unwrap();
    exits(&db, &["registry", "import", &registry], 0);
    exits(&db, &["registry", "import", &sample_file], 2);
    exits(&db, &["registry", "list"], 0);
    exits(&bad, &["registry", "list"], 2);

    let backup = stdout(&exits(&db, &["backup"], 0)).trim().to_string();
    exits(&bad, &["backup"], 2);
    exits(&db, &["backups"], 0);
    let blocked = TempDb::new();
    std::fs::write(blocked.dir.path().join("backups"), "a file where the backup folder should be").unwrap();
    exits(&blocked, &["backups"], 2);
    exits(&db, &["restore", &backup], 0);
    exits(&db, &["restore", &missing], 2);

    exits(&db, &["roster", "template", "--kind", "sites", "--out", &path("模板.xlsx")], 0);
    exits(&db, &["roster", "template", "--kind", "sites", "--out", &no_dir], 2);

    let package = path("共建.shenbao");
    exits(&db, &["package", "export", "1", "--unit", "1", "--out", &package], 0);
    exits(&db, &["package", "export", "1", "--unit", "9", "--out", &path("x.shenbao")], 2);
    // The co-builder opens it as a draft; the lead's own database refuses its own package.
    let co_builder = TempDb::new();
    exits(&co_builder, &["package", "import", &package], 0);
    exits(&db, &["package", "import", &package], 2);
    exits(&co_builder, &["package", "import", &sample_file], 2);

    // Bad usage.
    exits(&db, &["frobnicate"], 2);
    exits(&db, &["check"], 2);
    exits(&db, &["roster", "import", "1", &sample_file, "--kind", "people"], 2);
    exits(&db, &["--help"], 0);
}

#[test]
fn check_exits_0_when_eligible() {
    let db = TempDb::new();
    exits(&db, &["init", "--sample"], 0);
    // Alone in its database, the sample meets every criterion.
    let o = exits(&db, &["check", "1", "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["verdict"], "eligible", "{}", stdout(&o));
    assert!(stdout(&exits(&db, &["check", "1"], 0)).contains("结论：符合申报条件"));
}

#[test]
fn check_exits_1_when_a_check_fails() {
    let db = TempDb::new();
    exits(&db, &["init"], 0);
    // Eight fixed staff short of the 50 the pack requires.
    let mut app = crate::common::sample();
    let cut: Vec<_> = app.people.iter().filter(|p| p.role.is_fixed()).skip(42).cloned().collect();
    app.people.retain(|p| !cut.contains(p));
    let file = db.dir.path().join("short.json");
    std::fs::write(&file, shenbao::interchange::application_to_json(&app)).unwrap();
    let o = exits(&db, &["check", file.to_str().unwrap(), "--format", "json"], 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_ne!(v["verdict"], "eligible", "{}", stdout(&o));
    let staff = v["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "staff-count").unwrap();
    assert_eq!(staff["status"], "unmet", "{}", stdout(&o));
}

#[test]
fn check_exits_2_on_bad_input() {
    let db = TempDb::new();
    exits(&db, &["init", "--sample"], 0);
    exits(&db, &["check", "99"], 2);
    exits(&db, &["check", "/no/such/file.json"], 2);
    exits(&db, &["check", "1", "--programme", "P9"], 2);
    exits(&db, &["check", "1", "--as-of", "2024-13-45"], 2);
    exits(&not_a_database(), &["check", "1"], 2);
}

#[test]
fn conflicts_exits_0_on_warnings_only_and_1_when_something_excludes() {
    use shenbao::model::{IdDocument, IdKind};
    let db = TempDb::new();
    exits(&db, &["init", "--sample"], 0);
    let o = exits(&db, &["conflicts", "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["total"], 0, "{}", stdout(&o));

    // A second centre whose one person has a sample person's name and birth date under another
    // document: "possibly the same person", a warning that excludes nothing.
    let s = crate::common::sample();
    let mut twin = crate::common::other_app("山西省智能传感技术创新中心");
    let mut p = s.people[8].clone();
    p.id_doc = IdDocument { kind: IdKind::Passport, number: "E99887766".into() };
    twin.people = vec![p];
    db.open().insert_application(&twin).unwrap();
    let o = exits(&db, &["conflicts", "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["excluding"], 0, "{}", stdout(&o));
    assert!(v["warnings"].as_u64().unwrap() >= 1, "{}", stdout(&o));

    // The same staff claimed twice: an excluding conflict.
    db.open().insert_application(&s).unwrap();
    let o = exits(&db, &["conflicts", "--format", "json"], 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["excluding"].as_u64().unwrap() >= 1, "{}", stdout(&o));

    exits(&not_a_database(), &["conflicts"], 2);
}

#[test]
fn roster_import_exits_0_when_clean_1_when_a_row_has_an_error_and_2_on_bad_input() {
    let db = TempDb::new();
    exits(&db, &["init", "--sample"], 0);
    let fixture =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster/sites.csv"))
            .unwrap();
    let clean = db.dir.path().join("clean.csv");
    std::fs::write(&clean, fixture.lines().take(2).collect::<Vec<_>>().join("\n")).unwrap();
    let clean = clean.to_str().unwrap();
    let o = exits(&db, &["roster", "import", "1", clean, "--kind", "sites"], 0);
    assert!(stdout(&o).contains("可导入 1 行，有错误 0 行"), "{}", stdout(&o));
    let sites = db.open().load_application(1).unwrap().sites.len();
    exits(&db, &["roster", "import", "1", clean, "--kind", "sites", "--commit"], 0);
    assert_eq!(db.open().load_application(1).unwrap().sites.len(), sites + 1);

    let with_errors = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster/sites.csv");
    exits(&db, &["roster", "import", "1", with_errors, "--kind", "sites"], 1);
    exits(&db, &["roster", "import", "1", with_errors, "--kind", "sites", "--commit"], 1);
    // Its one good row is the site imported above: not added a second time.
    assert_eq!(db.open().load_application(1).unwrap().sites.len(), sites + 1, "no site listed twice");

    exits(&db, &["roster", "import", "99", clean, "--kind", "sites"], 2);
    exits(&db, &["roster", "import", "1", "/no/such.csv", "--kind", "sites"], 2);
}

#[test]
fn person_link_makes_two_documents_one_person_for_the_conflict_report() {
    use shenbao::model::{IdDocument, IdKind};
    let db = TempDb::new();
    exits(&db, &["init", "--sample"], 0);
    let s = crate::common::sample();
    let mut twin = s.clone();
    twin.centre_name = "山西省智能传感技术创新中心".into();
    twin.host_units.truncate(1);
    twin.host_units[0].name = "山西另一科技有限公司".into();
    twin.host_units[0].uscc = "91140100MA0XYZ1234".into();
    twin.instruments.clear();
    twin.sites.clear();
    twin.achievements.clear();
    let mut p = s.people[8].clone();
    p.id_doc = IdDocument { kind: IdKind::Passport, number: "E99887766".into() };
    twin.people = vec![p];
    db.open().insert_application(&twin).unwrap();
    let before = stdout(&exits(&db, &["conflicts", "--format", "json"], 0));
    assert!(before.contains("possible_same_person"), "{before}");

    let resident = format!("resident_id:{}", s.people[8].id_doc.number);
    let o = exits(&db, &["person", "link", &resident, "护照:E99887766"], 0);
    assert!(stdout(&o).contains("关联为同一人"), "{}", stdout(&o));
    assert!(!stdout(&o).contains(&s.people[8].id_doc.number), "numbers are masked: {}", stdout(&o));
    // One person now: the same fixed staff member in two centres excludes.
    let after = stdout(&exits(&db, &["conflicts", "--format", "json"], 1));
    assert!(!after.contains("possible_same_person"), "{after}");
    let links = stdout(&exits(&db, &["person", "links"], 0));
    assert!(links.contains("护照号 …7766"), "{links}");

    exits(&db, &["person", "unlink", &resident, "passport:E99887766"], 0);
    let again = stdout(&exits(&db, &["conflicts", "--format", "json"], 0));
    assert!(again.contains("possible_same_person"), "{again}");

    let o = exits(&db, &["person", "link", "resident_id:123", "passport:E1"], 2);
    assert!(stderr(&o).contains("bad_document") && stderr(&o).contains("身份证号码"), "{}", stderr(&o));
    exits(&db, &["person", "link", "passport:E1", "passport:e1"], 2);
    exits(&db, &["person", "link", "E1", "passport:E2"], 2);
}

/// `check --as-of D`: one reference date for every criterion of the check, the cross ones
/// included: the header, the director's age and every dated message speak of D, never of the
/// pack's own reference date (2024-05-06) nor of today.
#[test]
fn check_as_of_prints_one_reference_date_in_every_message() {
    let db = TempDb::new();
    let o = shenbao(&db, &["init", "--sample"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (as_of, year) in [("2024-04-20", "2024年"), ("2025-01-15", "2025年")] {
        let o = shenbao(&db, &["check", "1", "--as-of", as_of]);
        let out = stdout(&o);
        assert!(out.contains(&format!("参考日期：{as_of}")), "{out}");
        let director = out.lines().find(|l| l.contains("[director-age]")).expect("director-age line");
        assert!(director.contains(&format!("于 {as_of}")), "{director}");
        // In every criterion's message (its citation left out), each full date is the reference date.
        let messages: String = out
            .lines()
            .filter(|l| l.starts_with("- ["))
            .map(|l| l.rsplit_once("（《").map_or(l, |(m, _)| m))
            .collect::<Vec<_>>()
            .join("\n");
        let dates: Vec<&str> = messages
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .filter(|w| w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-')
            .collect();
        assert!(!dates.is_empty() && dates.iter().all(|d| *d == as_of), "{dates:?}");
        // The cross criteria compare with the applications of the reference date's year.
        let one_per_year = out.lines().find(|l| l.contains("[one-per-year]")).expect("one-per-year line");
        assert!(one_per_year.contains(&format!("没有{year}")), "{one_per_year}");
        let o = shenbao(&db, &["check", "1", "--as-of", as_of, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["as_of"], as_of);
    }
}

#[test]
fn platform_check_exits_0_when_the_copy_agrees_1_when_it_differs_2_when_unreadable() {
    let db = TempDb::new();
    assert!(shenbao(&db, &["init", "--sample"]).status.success());
    let fixture = |f: &str| format!("{}/tests/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
    let same = shenbao(&db, &["platform-check", "1", &fixture("platform/platform-copy.pdf")]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(stdout(&same).contains("未发现不一致"), "{}", stdout(&same));
    let changed = shenbao(&db, &["platform-check", "1", &fixture("platform/platform-copy-changed.pdf")]);
    assert_eq!(changed.status.code(), Some(1), "{}", stderr(&changed));
    assert!(stdout(&changed).contains("发现 10 处不一致"), "{}", stdout(&changed));
    let locked = shenbao(&db, &["platform-check", "1", &fixture("evidence/encrypted.pdf")]);
    assert_eq!(locked.status.code(), Some(2));
    assert!(stderr(&locked).contains("已加密"), "{}", stderr(&locked));
}

#[test]
fn signatures_lists_the_places_and_ticks_one_by_its_number() {
    let db = TempDb::new();
    assert!(shenbao(&db, &["init", "--sample"]).status.success());
    let list = shenbao(&db, &["signatures", "1", "--done", "5"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    let text = stdout(&list);
    assert!(text.contains("已完成 1 / 10 处"), "{text}");
    assert!(text.contains(" 5. ☑ 申请书·承诺与意见·共建依托单位意见"), "{text}");
    let bad = shenbao(&db, &["signatures", "1", "--done", "11"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("没有第 11 项"), "{}", stderr(&bad));
    assert!(stdout(&shenbao(&db, &["signatures", "1"])).contains("已完成 1 / 10 处"));
}

#[test]
fn help_is_in_chinese_for_every_command() {
    let db = TempDb::new();
    let top = shenbao(&db, &["--help"]);
    let text = stdout(&top);
    assert!(
        text.contains("用法：shenbao") && text.contains("显示帮助") && text.contains("显示版本"),
        "{text}"
    );
    assert!(text.contains("platform-check  核对平台下载件"), "{text}");
    for sub in [&["signatures", "--help"][..], &["evidence", "add", "--help"], &["packs", "move", "--help"]] {
        let o = shenbao(&db, sub);
        assert_eq!(o.status.code(), Some(0), "{sub:?}");
        let t = stdout(&o);
        assert!(t.contains("用法：") && t.contains("显示帮助"), "{sub:?}: {t}");
        assert!(!t.contains("Print help"), "{sub:?}: {t}");
    }
    // Every command and subcommand: clap's English words replaced, every argument explained.
    let names = |help: &str| -> Vec<String> {
        help.lines()
            .skip_while(|l| !l.starts_with("命令"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect()
    };
    let mut commands: Vec<Vec<String>> = names(&text).into_iter().map(|c| vec![c]).collect();
    let mut seen = 0;
    while let Some(path) = commands.get(seen).cloned() {
        seen += 1;
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let o = shenbao(&db, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let t = stdout(&o);
        for english in ["[OPTIONS]", "possible values", "[default:", "Usage:", "Options:", "Arguments:"] {
            assert!(!t.contains(english), "{args:?} says {english}: {t}");
        }
        for line in t.lines().skip_while(|l| !(l.starts_with("参数") || l.starts_with("选项"))) {
            let item = line.trim_start();
            if item.starts_with('-') || item.starts_with('<') {
                let explained = item.split("  ").skip(1).any(|part| !part.trim().is_empty());
                assert!(explained, "{args:?}: no help for `{item}`");
            }
        }
        commands.extend(names(&t).into_iter().map(|c| [path.clone(), vec![c]].concat()));
    }
    assert!(seen > 40, "only {seen} commands walked");
}
