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
    assert!(text.contains("网上截止 2024-05-06，纸质截止 2024-05-10"));
    assert!(text.contains("常年受理"));
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

    // One application alone: the cross criteria are clear.
    assert_eq!(shenbao(&db, &["import", file.to_str().unwrap()]).status.code(), Some(0));
    let o = shenbao(&db, &["check", "1", "--format", "json"]);
    let alone: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let status = |v: &serde_json::Value, id: &str| {
        v["criteria"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["status"].clone()
    };
    assert_eq!(status(&alone, "no-double-resources"), "met", "{}", stdout(&o));

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
