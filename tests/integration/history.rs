//! The history of an application: every change recorded with where it came from (window,
//! import, restore; merge is in package.rs), per application and per row, seals among them.

use chrono::NaiveDate;
use shenbao::service::{self, ChangeKind, HistoryLine};
use shenbao::store::history::ChangeSource;
use shenbao::store::{backup, ApplicationField, RowData, RowKind};

use crate::common::{sample, TempDb};

fn changes_since(lines: &[HistoryLine], n: usize) -> Vec<HistoryLine> {
    lines.iter().skip(n).cloned().collect()
}

#[test]
fn window_saves_of_fields_and_rows_are_recorded_with_old_and_new_values() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let app = store.load_application(id).unwrap();
    let n = service::history(&store, id, None).unwrap().len();

    store.update_application_field(id, &ApplicationField::CentreName("改过的中心".into())).unwrap();
    let mut person = app.people[2].clone();
    person.name = "改过的名字".into();
    service::save_row(&mut store, id, RowData::Person(person.clone()), crate::common::today()).unwrap();
    store.delete_row(id, RowKind::Site, app.sites[0].id.unwrap()).unwrap();

    let lines = changes_since(&service::history(&store, id, None).unwrap(), n);
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines.iter().all(|l| l.source == Some(ChangeSource::Window) && l.source_label == "窗口填写"));
    assert_eq!(
        (
            lines[0].change.part.as_str(),
            lines[0].change.field.as_deref(),
            lines[0].change.before.as_deref(),
            lines[0].change.after.as_deref()
        ),
        ("申报书", Some("centre_name"), Some(app.centre_name.as_str()), Some("改过的中心"))
    );
    assert_eq!(
        (
            lines[1].change.part.as_str(),
            lines[1].change.field.as_deref(),
            lines[1].change.before.as_deref(),
            lines[1].change.after.as_deref()
        ),
        ("人员名单", Some("name"), Some(app.people[2].name.as_str()), Some("改过的名字"))
    );
    assert_eq!(lines[1].change.row_id, person.id);
    assert_eq!((lines[2].change.part.as_str(), lines[2].change.kind), ("研发场地", ChangeKind::Removed));

    // Per row: who changed this person, and nothing else.
    let row = service::history(&store, id, Some((RowKind::Person, person.id.unwrap()))).unwrap();
    assert_eq!(row.last().unwrap().change.after.as_deref(), Some("改过的名字"));
    assert!(row.iter().all(|l| l.change.row_id == person.id), "{row:#?}");

    // A save that changes nothing records nothing; a touch of the save time neither.
    service::save_row(&mut store, id, RowData::Person(person), crate::common::today()).unwrap();
    assert_eq!(service::history(&store, id, None).unwrap().len(), n + 3);

    // Sealed versions appear in the history.
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    service::seal(&mut store, id, "提交网络平台", "2999-01-01T00:00:00Z", today).unwrap();
    let last = service::history(&store, id, None).unwrap().pop().unwrap();
    assert_eq!(
        (last.source_label.as_str(), last.change.after.as_deref()),
        ("定稿", Some("定稿：提交网络平台"))
    );
    assert!(last.seal.is_some());
}

#[test]
fn imports_of_a_whole_application_and_of_a_roster_are_recorded_as_imports() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.import_application(&sample()).unwrap();
    let lines = service::history(&store, id, None).unwrap();
    let people = sample().people.len();
    assert!(lines.iter().all(|l| l.source == Some(ChangeSource::Import)), "{lines:#?}");
    assert_eq!(
        lines.iter().filter(|l| l.change.part == "人员名单" && l.change.kind == ChangeKind::Added).count(),
        people
    );

    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster/staff-utf8-bom.csv");
    let hosts = store.load_application(id).unwrap().host_units;
    let preview = shenbao::import::preview(
        &std::fs::read(file).unwrap(),
        "staff-utf8-bom.csv",
        shenbao::import::ImportKind::Staff,
        &Default::default(),
        &hosts,
    )
    .unwrap();
    let n = service::history(&store, id, None).unwrap().len();
    let ids = shenbao::import::commit(&mut store, id, &preview).unwrap();
    let lines = changes_since(&service::history(&store, id, None).unwrap(), n);
    assert_eq!(lines.len(), ids.len(), "{lines:#?}");
    assert!(lines
        .iter()
        .all(|l| l.source == Some(ChangeSource::Import) && l.change.kind == ChangeKind::Added));
    // The next edit is the window's.
    store.update_application_field(id, &ApplicationField::City("大同市".into())).unwrap();
    assert_eq!(service::history(&store, id, None).unwrap().pop().unwrap().source, Some(ChangeSource::Window));
}

#[test]
fn a_restore_is_recorded_and_recording_goes_on_after_it() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let untouched = store.insert_application(&crate::common::other_app("未改动的中心")).unwrap();
    let at = |m| NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(10, m, 0).unwrap();
    let saved = backup::make_backup(&store, &store.backup_dir(), at(0)).unwrap();
    store.update_application_field(id, &ApplicationField::CentreName("备份后改的名字".into())).unwrap();

    store.restore_from(&saved, at(1)).unwrap();
    let last = service::history(&store, id, None).unwrap().pop().unwrap();
    assert_eq!((last.source, last.source_label.as_str()), (Some(ChangeSource::Restore), "从备份恢复"));
    assert_eq!(store.load_application(id).unwrap().centre_name, sample().centre_name);
    // An application the restore left as it was gets no entry.
    let restored = |lines: Vec<HistoryLine>| lines.iter().any(|l| l.source == Some(ChangeSource::Restore));
    assert!(!restored(service::history(&store, untouched, None).unwrap()));

    store.update_application_field(id, &ApplicationField::City("晋中市".into())).unwrap();
    let last = service::history(&store, id, None).unwrap().pop().unwrap();
    assert_eq!(
        (last.source, last.change.field.as_deref(), last.change.after.as_deref()),
        (Some(ChangeSource::Window), Some("city"), Some("晋中市"))
    );

    // Deleting the application deletes its history with it, and nothing refuses the delete.
    store.delete_application(id).unwrap();
}

#[test]
fn cli_history_lists_changes_per_application_and_per_row() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let app = store.load_application(id).unwrap();
    let mut person = app.people[1].clone();
    person.name = "改过的名字".into();
    service::save_row(&mut store, id, RowData::Person(person.clone()), crate::common::today()).unwrap();
    store.update_application_field(id, &ApplicationField::City("大同市".into())).unwrap();
    drop(store);
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_shenbao"))
            .arg("--db")
            .arg(db.path())
            .args(args)
            .env_remove("SHENBAO_DB")
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["history", &id.to_string()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("窗口填写\t~ 人员名单 · 改过的名字 · name："), "{out}");
    assert!(out.contains("~ 申报书 · city：") && out.contains("→ 大同市"), "{out}");

    let row = format!("person:{}", person.id.unwrap());
    let (code, out, err) = run(&["history", &id.to_string(), "--row", &row]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("改过的名字") && !out.contains("大同市"), "{out}");

    let (code, _, err) = run(&["history", &id.to_string(), "--row", "somebody:1"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--row") && err.contains("person:12"), "{err}");
}
