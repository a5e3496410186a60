//! The store on real SQLite files: migrations, refusal of newer files, transactional writes,
//! autosave-style field and row updates.

use rusqlite::Connection;
use shenbao::model::{Category, Role};
use shenbao::quantity::Yuan;
use shenbao::store::{ApplicationField, RowData, RowKind, Store, StoreError};

use crate::common::{sample, TempDb};

#[test]
fn new_database_is_migrated_with_wal_and_foreign_keys() {
    let db = TempDb::new();
    let store = db.open();
    assert!(store.was_created());
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    drop(store);
    let conn = Connection::open(db.path()).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let reopened = db.open();
    assert!(!reopened.was_created());
}

#[test]
fn sample_is_loaded_once_on_first_start_and_listed() {
    let db = TempDb::new();
    let mut store = db.open();
    let first = shenbao::samples::load_sample_on_first_start(&mut store).unwrap();
    assert!(first.is_some());
    let list = store.list_applications().unwrap();
    assert_eq!(list.len(), 1);
    let app = sample();
    assert_eq!(list[0].centre_name, app.centre_name);
    assert_eq!(list[0].lead_host, app.host_units[0].name);
    let fixed = app.people.iter().filter(|p| p.role.is_fixed()).count() as i64;
    assert_eq!(list[0].fixed_staff, fixed);
    assert_eq!(list[0].people, app.people.len() as i64);
    assert!(list[0].sample, "the sample is marked as the sample (示例)");
    // Deleting the sample does not bring it back on the next start.
    store.delete_application(list[0].id).unwrap();
    drop(store);
    let mut store = db.open();
    assert_eq!(shenbao::samples::load_sample_on_first_start(&mut store).unwrap(), None);
    assert!(store.list_applications().unwrap().is_empty());
    // A real application that gets the deleted sample's id is not marked.
    let id = store.insert_application(&app).unwrap();
    let list = store.list_applications().unwrap();
    assert_eq!((list[0].id, list[0].sample), (id, false));
}

#[test]
fn whole_application_survives_store_and_reload() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = sample();
    let id = store.insert_application(&app).unwrap();
    drop(store);
    let loaded = db.open().load_application(id).unwrap();
    assert!(loaded.people.iter().all(|p| p.id.is_some()));
    assert_eq!(loaded.without_row_ids(), app);
}

#[test]
fn newer_database_is_refused_and_left_byte_for_byte_untouched() {
    let db = TempDb::new();
    drop(db.open());
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", shenbao::store::latest_schema_version() + 1).unwrap();
    }
    let before = std::fs::read(db.path()).unwrap();
    let err = Store::open(&db.path()).err().expect("must refuse");
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert_eq!(err.code(), "db_too_new");
    assert!(err.to_string().contains("请升级申报通"), "{err}");
    assert_eq!(std::fs::read(db.path()).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(db.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no -wal or -shm created: {names:?}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let db = TempDb::new();
    std::fs::write(
        db.path(),
        b"this is not sqlite, just a text file that is long enough to look like one......",
    )
    .unwrap();
    let before = std::fs::read(db.path()).unwrap();
    let err = Store::open(&db.path()).err().expect("must refuse");
    assert_eq!(err.code(), "not_a_database", "{err}");
    assert_eq!(std::fs::read(db.path()).unwrap(), before);
}

#[test]
fn failing_import_on_the_last_row_leaves_the_database_as_before() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_application(&sample()).unwrap();
    let before = store.dump().unwrap();
    let mut bad = sample();
    // The last row written that has a table constraint (the last R&D investment) breaks it.
    bad.rd_investments.last_mut().unwrap().amount = Yuan(-1);
    let err = store.insert_application(&bad).unwrap_err();
    assert_eq!(err.code(), "db_error");
    assert!(err.to_string().contains("已保存的内容不受影响"));
    assert_eq!(store.dump().unwrap(), before);
}

/// README: `roster import … --commit` adds the good rows "in one transaction". A row that breaks a
/// table constraint in the middle of a commit leaves no trace of the rows before it.
#[test]
fn roster_commit_failing_in_the_middle_keeps_none_of_the_rows_before() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let id = store.insert_application(&s).unwrap();
    let before = store.dump().unwrap();
    // A negative amount breaks the table's CHECK (an empty title no longer does: a new row may be empty).
    let mut broken = s.rd_investments[0].clone();
    broken.amount = Yuan(-1);
    let rows = vec![
        RowData::Person(s.people[3].clone()),
        RowData::Site(s.sites[0].clone()),
        RowData::RdInvestment(broken),
        RowData::Person(s.people[4].clone()),
    ];
    let err = store.insert_rows(id, &rows).unwrap_err();
    assert_eq!(err.code(), "db_error", "{err}");
    assert!(err.to_string().contains("已保存的内容不受影响"), "{err}");
    assert_eq!(store.dump().unwrap(), before, "the rows written before the failing row were kept");

    // The same through the roster import's commit, as the CLI and the app call it.
    let preview = shenbao::import::Preview {
        kind: shenbao::import::ImportKind::Staff,
        header_line: 1,
        columns: Vec::new(),
        fields: Vec::new(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(k, row)| shenbao::import::ImportRow { line: k + 2, row, updates: None })
            .collect(),
        platforms: Vec::new(),
        errors: Vec::new(),
        missing_columns: None,
        warnings: Vec::new(),
        added: 4,
        updated: 0,
        rejected: 0,
    };
    assert!(shenbao::import::commit(&mut store, id, &preview).is_err());
    assert_eq!(store.dump().unwrap(), before);
    drop(store);
    assert_eq!(db.open().dump().unwrap(), before, "nothing half-written reached the file");

    // Without the broken row the same commit goes through, in order, after the existing rows.
    let mut store = db.open();
    let mut good = preview.clone();
    good.rows.remove(2);
    let ids = shenbao::import::commit(&mut store, id, &good).unwrap();
    assert_eq!(ids.len(), 3);
    let people = store.load_application(id).unwrap().people;
    assert_eq!(people.len(), s.people.len() + 2);
    assert_eq!(people[s.people.len()].id_doc, s.people[3].id_doc);
}

#[test]
fn field_updates_are_saved_and_touch_the_update_time() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut app = sample();
    app.updated_at = "2024-01-01T00:00:00Z".into();
    let id = store.insert_application(&app).unwrap();
    let before = chrono::Utc::now().timestamp();
    store
        .update_application_field(id, &ApplicationField::CentreName("山西省示范材料技术创新中心".into()))
        .unwrap();
    store.update_application_field(id, &ApplicationField::Category(Category::Comprehensive)).unwrap();
    store
        .update_application_field(
            id,
            &ApplicationField::Attestation { criterion: "integrity".into(), confirmed: false },
        )
        .unwrap();
    store
        .update_application_field(
            id,
            &ApplicationField::Narrative { section: "goals".into(), text: "新目标".into() },
        )
        .unwrap();
    store
        .update_application_field(id, &ApplicationField::ReferenceDate(Some("2024-05-01".parse().unwrap())))
        .unwrap();
    drop(store);
    let got = db.open().load_application(id).unwrap();
    assert_eq!(got.centre_name, "山西省示范材料技术创新中心");
    assert_eq!(got.category, Category::Comprehensive);
    assert_eq!(got.attestations.get("integrity"), Some(&false));
    assert_eq!(got.narratives.get("goals").map(String::as_str), Some("新目标"));
    assert_eq!(got.reference_date, Some("2024-05-01".parse().unwrap()));
    // The list's 最近修改 is the time of the last save.
    let stamped =
        chrono::DateTime::parse_from_rfc3339(&got.updated_at).expect("an RFC 3339 time").timestamp();
    assert!((before..=chrono::Utc::now().timestamp()).contains(&stamped), "{}", got.updated_at);
}

#[test]
fn rows_are_added_edited_and_deleted_with_undo_data() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = sample();
    let id = store.insert_application(&app).unwrap();
    let mut person = app.people.iter().find(|p| p.role == Role::Fixed).unwrap().clone();
    person.name = "新增人员".into();
    let new_id = store.save_row(id, &RowData::Person(person.clone())).unwrap();
    let loaded = store.load_application(id).unwrap();
    assert_eq!(loaded.people.last().unwrap().id, Some(new_id), "appended at the end");
    assert_eq!(loaded.people.len(), app.people.len() + 1);

    let mut edited = loaded.instruments[0].clone();
    edited.original_value = Yuan(1);
    store.save_row(id, &RowData::Instrument(edited.clone())).unwrap();
    assert_eq!(store.load_application(id).unwrap().instruments[0], edited, "edited in place");

    let removed = store.delete_row(id, RowKind::Person, new_id).unwrap();
    person.id = Some(new_id);
    assert_eq!(removed, RowData::Person(person.clone()));
    assert_eq!(store.load_application(id).unwrap().people.len(), app.people.len());
    // Undo: save the returned row again without its id.
    person.id = None;
    store.save_row(id, &RowData::Person(person)).unwrap();
    assert_eq!(store.load_application(id).unwrap().people.len(), app.people.len() + 1);

    let missing = store.delete_row(id, RowKind::Person, 999_999).unwrap_err();
    assert_eq!(missing.code(), "not_found");
    let wrong_app = store.update_application_field(424242, &ApplicationField::City("x".into())).unwrap_err();
    assert_eq!(wrong_app.code(), "not_found");
}

#[test]
fn a_constraint_failure_on_a_row_keeps_the_saved_row() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = sample();
    let id = store.insert_application(&app).unwrap();
    let loaded = store.load_application(id).unwrap();
    let mut bad = loaded.rd_investments[0].clone();
    bad.amount = Yuan(-5);
    assert!(store.save_row(id, &RowData::RdInvestment(bad)).is_err());
    assert_eq!(store.load_application(id).unwrap().rd_investments[0], loaded.rd_investments[0]);
}

#[test]
fn a_constraint_failure_is_told_in_chinese_without_sql() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let mut bad = store.load_application(id).unwrap().rd_investments[0].clone();
    bad.amount = Yuan(-5);
    let message = store.save_row(id, &RowData::RdInvestment(bad)).unwrap_err().to_string();
    assert!(message.contains("所填内容不符合数据库的要求"), "{message}");
    for sql in ["CHECK", "constraint", "amount", ">="] {
        assert!(!message.contains(sql), "SQL in the message: {message}");
    }
}

#[test]
fn new_empty_rows_are_saved_like_any_other_state_of_editing() {
    // 添加一行 in 成果 and 研发场地 saves a row with nothing typed yet: no title, area 0.
    let db = TempDb::new();
    let mut store = db.open();
    let app = sample();
    let id = store.insert_application(&app).unwrap();
    let mut achievement = app.achievements[0].clone();
    achievement.id = None;
    achievement.title = String::new();
    achievement.identifier = String::new();
    let mut site = app.sites[0].clone();
    site.id = None;
    site.area = shenbao::quantity::AreaM2(0);
    store.save_row(id, &RowData::Achievement(achievement.clone())).unwrap();
    store.save_row(id, &RowData::Site(site)).unwrap();
    let loaded = store.load_application(id).unwrap();
    assert_eq!(loaded.achievements.len(), app.achievements.len() + 1);
    assert_eq!(loaded.achievements.last().unwrap().title, "");
    assert_eq!(loaded.sites.last().unwrap().area.0, 0);
    // Validation names the empty cells, in Chinese.
    let issues = shenbao::validate::validate_application(&loaded);
    let row = app.achievements.len();
    assert!(issues
        .iter()
        .any(|i| i.path == format!("achievements[{row}].title") && i.message.contains("请填写成果名称")));
    assert!(issues.iter().any(|i| i.path == format!("sites[{}].area", app.sites.len())));
}

#[test]
fn a_version_3_database_keeps_its_sites_and_achievements_through_migration_4() {
    let db = TempDb::new();
    let app = sample();
    let id = db.open().insert_application(&app).unwrap();
    let before = db.open().load_application(id).unwrap();
    {
        // Back to version 3: the same rows in the old tables, with their CHECKs.
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch(crate::common::DROP_LIBRARY).unwrap();
        conn.execute_batch(
            "ALTER TABLE sites RENAME TO sites_old; ALTER TABLE achievements RENAME TO achievements_old;
             CREATE TABLE sites (id INTEGER PRIMARY KEY, application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                 position INTEGER NOT NULL, owner_uscc TEXT NOT NULL, area_hundredths INTEGER NOT NULL CHECK (area_hundredths > 0), data TEXT NOT NULL);
             CREATE TABLE achievements (id INTEGER PRIMARY KEY, application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                 position INTEGER NOT NULL, identifier TEXT NOT NULL, owner_uscc TEXT NOT NULL, title TEXT NOT NULL CHECK (title <> ''), data TEXT NOT NULL);
             INSERT INTO sites SELECT * FROM sites_old; INSERT INTO achievements SELECT * FROM achievements_old;
             DROP TABLE sites_old; DROP TABLE achievements_old;
             DROP TABLE evidence_files; DROP TABLE evidence_items; DROP TABLE evidence_blobs; DROP TABLE seals; DROP TABLE history;
             ALTER TABLE applications DROP COLUMN pack_version;
             DROP TRIGGER narratives_sketch_insert; DROP TRIGGER narratives_sketch_update; DROP TRIGGER narratives_sketch_delete;
             ALTER TABLE identity_keys DROP COLUMN share; DROP TABLE narrative_bands; DROP TABLE narrative_sketches; DROP TABLE narrative_dirty;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    let after = store.load_application(id).unwrap();
    assert_eq!(after.sites, before.sites);
    assert_eq!(after.achievements, before.achievements);
    // The rebuilt table takes an empty row, and its identity trigger queues it.
    let mut achievement = app.achievements[0].clone();
    achievement.id = None;
    achievement.title = String::new();
    let row = store.save_row(id, &RowData::Achievement(achievement)).unwrap();
    let conn = Connection::open(db.path()).unwrap();
    let queued: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM identity_dirty WHERE source = 'achievements' AND source_row = ?1)
                  + (SELECT COUNT(*) FROM identity_keys WHERE source = 'achievements' AND source_row = ?1)",
            [row],
            |r| r.get(0),
        )
        .unwrap();
    assert!(queued >= 1, "the identity trigger saw the new row");
}

#[test]
fn deleting_an_application_removes_its_rows() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    store.delete_application(id).unwrap();
    let conn = Connection::open(db.path()).unwrap();
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    assert_eq!(store.delete_application(id).unwrap_err().code(), "not_found");
}
