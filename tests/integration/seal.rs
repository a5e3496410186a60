//! Sealed versions (定稿): seal, edit, and the diff lists exactly the edits; the sealed review
//! sheet reprints byte-identical.

use std::process::Command;

use shenbao::pdf::Which;
use shenbao::service::{self, ChangeKind};
use shenbao::store::{ApplicationField, RowData, RowKind};

use crate::common::{sample, TempDb};

/// A change as (kind, part, field, before, after).
type Line = (ChangeKind, String, Option<String>, Option<String>, Option<String>);

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

#[test]
fn seal_edit_diff_lists_exactly_the_edits_and_the_sealed_review_sheet_reprints_identically() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();

    // The review sheet as printed from this version, before sealing.
    let app = store.load_application(id).unwrap();
    let pack = service::choose_pack_in_store(&store, &app, None).unwrap();
    let checked = service::check_in_store(&store, Some(id), &app, &pack, None, today()).unwrap();
    let printed = service::document_bytes(&app, &pack, &checked.assessment, Which::Review, today()).unwrap();

    let seal = service::seal(&mut store, id, "提交网络平台", "2026-03-02T09:00:00Z", today()).unwrap();
    assert_eq!(seal.note, "提交网络平台");
    assert_eq!(seal.pack_id, app.programme);
    let d = service::diff(&store, id, None).unwrap();
    assert!(d.changes.is_empty(), "{:?}", d.changes);

    // Edits: a field of the application, one field of a person, a row added, a row removed.
    store
        .update_application_field(id, &ApplicationField::CentreName("山西省新材料技术创新中心（改）".into()))
        .unwrap();
    let mut person = app.people[1].clone();
    let old_name = person.name.clone();
    person.name = "王改名".into();
    service::save_row(&mut store, id, RowData::Person(person.clone()), crate::common::today()).unwrap();
    let mut added = app.instruments[0].clone();
    added.id = None;
    added.asset_number = "NEW-0001".into();
    let added_id =
        service::save_row(&mut store, id, RowData::Instrument(added), crate::common::today()).unwrap().id;
    let removed = app.sites[0].clone();
    store.delete_row(id, RowKind::Site, removed.id.unwrap()).unwrap();

    let d = service::diff(&store, id, Some(seal.id)).unwrap();
    let lines: Vec<Line> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.part.clone(), c.field.clone(), c.before.clone(), c.after.clone()))
        .collect();
    assert_eq!(d.changes.len(), 4, "{lines:#?}");
    assert_eq!(
        lines[0],
        (
            ChangeKind::Changed,
            "申报书".into(),
            Some("centre_name".into()),
            Some(app.centre_name.clone()),
            Some("山西省新材料技术创新中心（改）".into())
        )
    );
    assert_eq!(
        lines[1],
        (ChangeKind::Changed, "人员名单".into(), Some("name".into()), Some(old_name), Some("王改名".into()))
    );
    assert_eq!(d.changes[1].row_id, person.id);
    // Rosters in the application's order: 科研仪器设备 before 研发场地.
    assert_eq!(lines[2].0, ChangeKind::Added);
    assert_eq!(lines[2].1, "科研仪器设备");
    assert_eq!(d.changes[2].row_id, Some(added_id));
    assert!(lines[2].4.as_deref().unwrap().contains("NEW-0001"));
    assert_eq!(lines[3].0, ChangeKind::Removed);
    assert_eq!(lines[3].1, "研发场地");
    assert_eq!(d.changes[3].row_id, removed.id);

    // The sealed review sheet reprints byte-identical, though the application has changed.
    let reprinted = service::sealed_review_sheet(&store, seal.id).unwrap();
    assert_eq!(reprinted, printed);
    let now = store.load_application(id).unwrap();
    let fresh = service::document_bytes(&now, &pack, &checked.assessment, Which::Review, today()).unwrap();
    assert_ne!(fresh, printed, "an edited application prints differently");

    // A sealed version is never changed, not even by SQL.
    drop(store);
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    assert!(conn.execute("UPDATE seals SET note = 'x'", []).is_err());
}

#[test]
fn cli_seal_diff_and_reprint() {
    let db = TempDb::new();
    let id = db.open().insert_application(&sample()).unwrap().to_string();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_shenbao"))
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
    let (code, _, err) = run(&["diff", &id]);
    assert_eq!(code, Some(2));
    assert!(err.contains("[not_sealed]") && err.contains("尚未定稿"), "{err}");
    let (code, out, err) = run(&["seal", &id, "--note", "提交网络平台"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("已定稿（定稿编号 1"), "{out}");
    let mut store = db.open();
    store.update_application_field(id.parse().unwrap(), &ApplicationField::City("大同市".into())).unwrap();
    drop(store);
    let (code, out, err) = run(&["diff", &id]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("后修改 1 处") && out.contains("~ 申报书 · city") && out.contains("→ 大同市"),
        "{out}"
    );
    let file = db.dir.path().join("sealed.pdf");
    let (code, _, err) = run(&["reprint", "1", "--out", file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF"));
}

#[test]
fn seal_badges_count_the_changes_since_each_applications_latest_seal() {
    let db = TempDb::new();
    let mut store = db.open();
    let sealed = store.insert_application(&sample()).unwrap();
    let never = store.insert_application(&sample()).unwrap();
    service::seal(&mut store, sealed, "提交网络平台", "2026-03-02T09:00:00Z", today()).unwrap();
    let badges = service::seal_badges(&store).unwrap();
    assert_eq!(badges.iter().map(|b| (b.application, b.changes)).collect::<Vec<_>>(), [(sealed, 0)]);

    store.update_application_field(sealed, &ApplicationField::City("大同市".into())).unwrap();
    store.update_application_field(never, &ApplicationField::City("大同市".into())).unwrap();
    let badges = service::seal_badges(&store).unwrap();
    assert_eq!(badges.iter().map(|b| (b.application, b.changes)).collect::<Vec<_>>(), [(sealed, 1)]);

    // A second seal starts the count again.
    let again =
        service::seal(&mut store, sealed, "归口审核退回后修改", "2026-03-03T09:00:00Z", today()).unwrap();
    let badges = service::seal_badges(&store).unwrap();
    assert_eq!((badges[0].seal.id, badges[0].changes), (again.id, 0));
}
