//! The unit's library (单位资料库): usage counts, picking records into an application, an edit
//! that reaches every application using the record (previewed first, nothing written until
//! applied), the CLI, and the migration that seeds the library from a database of the schema
//! before it.

use std::process::Command;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use shenbao::model::{Application, Role, Title};
use shenbao::service::{self, LibraryQuery};
use shenbao::store::library::LibraryKind;
use shenbao::store::{RowData, RowKind, Store};

use crate::common::{sample, TempDb};

const DIRECTOR_ID: &str = "140107197203152673";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// The sample under another name, with its own people, instruments, sites and achievements
/// (nothing claimed twice), except that the sample's director is kept as a visiting expert
/// (流动人员) and its first deputy becomes the director.
fn other_application(i: usize) -> Application {
    let mut app = sample();
    app.centre_name = format!("山西省第{i}号技术创新中心");
    for (k, p) in app.people.iter_mut().enumerate().skip(1) {
        p.name = format!("人员{i}-{k}");
        p.id_doc.number = format!("E{i:04}{k:04}");
    }
    app.people[0].role = Role::Visiting;
    app.people[1].role = Role::Director;
    for (k, x) in app.instruments.iter_mut().enumerate() {
        x.serial_number = format!("SN{i:04}{k:04}");
        x.asset_number = format!("ZC{i:04}{k:04}");
    }
    for (k, s) in app.sites.iter_mut().enumerate() {
        s.building_room = format!("{i}号楼{k}室");
    }
    for (k, a) in app.achievements.iter_mut().enumerate() {
        a.identifier = format!("ID{i:04}{k:04}");
    }
    app
}

/// Every record of `units` (all units when empty) of `kind`, as the CLI lists them (no page).
fn listed(store: &Store, units: &[&str], kind: Option<LibraryKind>) -> Vec<service::LibraryEntry> {
    let query =
        LibraryQuery { units: units.iter().map(|u| u.to_string()).collect(), kind, text: String::new() };
    let listing = service::library_list(store, &query, None).unwrap();
    assert_eq!(listing.total as usize, listing.entries.len(), "no page without a limit");
    assert_eq!(listing.note, None);
    listing.entries
}

fn director_record(store: &Store) -> i64 {
    listed(store, &[], Some(LibraryKind::Person))
        .into_iter()
        .find(|e| matches!(&e.record, RowData::Person(p) if p.id_doc.number == DIRECTOR_ID))
        .expect("the director is in the library")
        .id
}

fn verdict(store: &mut Store, id: i64) -> String {
    service::check_stored(store, id, &service::CheckOptions::default(), today())
        .unwrap()
        .check
        .assessment
        .verdict_label
}

#[test]
fn a_library_edit_reaches_two_applications_and_moves_a_verdict_previewed_first() {
    let db = TempDb::new();
    let mut store = db.open();
    let a = store.insert_application(&sample()).unwrap();
    let b = store.insert_application(&other_application(1)).unwrap();
    let collected = service::library_collect(&mut store).unwrap();
    let conn = Connection::open(db.path()).unwrap();
    let linked: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM people WHERE library_id IS NOT NULL)
                  + (SELECT COUNT(*) FROM instruments WHERE library_id IS NOT NULL)
                  + (SELECT COUNT(*) FROM sites WHERE library_id IS NOT NULL)
                  + (SELECT COUNT(*) FROM achievements WHERE library_id IS NOT NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(collected as i64, linked, "收入资料库 says how many rows it linked");
    assert_eq!(service::library_collect(&mut store).unwrap(), 0, "a second collect has nothing to link");
    // C holds the director too, saved after the collect: its row is not linked to the record,
    // but its cross checks share him, so the preview judges it as well.
    let c = store.insert_application(&other_application(2)).unwrap();
    let record = director_record(&store);
    let detail = service::library_show(&store, record).unwrap();
    assert_eq!(detail.entry.usage_text, "2 份申报书，其中 1 份为固定人员");
    assert_eq!(detail.uses.iter().map(|u| u.application).collect::<Vec<_>>(), vec![a, b]);
    let before_a = verdict(&mut store, a);
    let before_b = verdict(&mut store, b);

    // The director's title corrected in the library: 正高级 → 中级.
    let RowData::Person(mut person) = detail.entry.record.clone() else { panic!("a person") };
    person.title = Title::Intermediate;
    let edited = RowData::Person(person);
    let untouched = store.dump().unwrap();
    let preview = service::library_preview(&mut store, record, edited.clone(), today()).unwrap();
    assert_eq!(store.dump().unwrap(), untouched, "a preview writes nothing");
    assert_eq!(preview.fields.len(), 1);
    assert_eq!(preview.fields[0].label, "职称");
    assert_eq!(preview.fields[0].before.as_deref(), Some("正高级"));
    assert_eq!(preview.fields[0].after.as_deref(), Some("中级"));
    assert_eq!(preview.changes.iter().map(|c| c.application).collect::<Vec<_>>(), vec![a, b]);
    assert!(preview.changes.iter().all(|c| c.fields.len() == 1 && c.fields[0].field == "title"));
    let move_a = preview.verdicts.iter().find(|v| v.application == a).expect("A is judged");
    assert_eq!(move_a.before_label, before_a);
    assert_ne!(move_a.after, move_a.before, "the director's title moves A's verdict");
    let move_b = preview.verdicts.iter().find(|v| v.application == b).expect("B is judged");
    assert_eq!(
        (move_b.before_label.as_str(), move_b.after_label.as_str()),
        (before_b.as_str(), before_b.as_str())
    );
    assert!(preview.verdicts.iter().any(|v| v.application == c), "C is judged: {:?}", preview.verdicts);
    assert!(preview.changes.iter().all(|change| change.application != c), "C's row is not changed");

    // Cancelled: nothing written, the verdicts as before.
    drop(store);
    let mut store = db.open();
    assert_eq!(store.dump().unwrap(), untouched);
    assert_eq!(verdict(&mut store, a), before_a);

    // Applied: both rows carry the new title, each keeps its own role, A's verdict is the
    // previewed one, and the change is in each application's history.
    conn.execute("UPDATE applications SET updated_at = '2026-01-05T08:00:00Z'", []).unwrap();
    let applied = service::library_apply(&mut store, record, edited).unwrap();
    let changed_on = |id: i64| -> String {
        conn.query_row("SELECT updated_at FROM applications WHERE id = ?1", [id], |r| r.get(0)).unwrap()
    };
    assert!(
        changed_on(a) > changed_on(c) && changed_on(b) > changed_on(c),
        "A and B are marked as changed now"
    );
    assert_eq!((applied.rows, applied.applications), (2, 2));
    let (app_a, app_b) = (store.load_application(a).unwrap(), store.load_application(b).unwrap());
    let row_a = app_a.people.iter().find(|p| p.id_doc.number == DIRECTOR_ID).unwrap();
    let row_b = app_b.people.iter().find(|p| p.id_doc.number == DIRECTOR_ID).unwrap();
    assert_eq!((row_a.title, row_a.role), (Title::Intermediate, Role::Director));
    assert_eq!((row_b.title, row_b.role), (Title::Intermediate, Role::Visiting));
    assert_eq!(verdict(&mut store, a), move_a.after_label);
    let history = service::history(&store, a, Some((RowKind::Person, row_a.id.unwrap()))).unwrap();
    assert!(
        history.iter().any(|h| h.change.after.as_deref().is_some_and(|v| v.contains("中级"))),
        "the edit is in A's history: {history:?}"
    );
    let record_now = store.library_record(record).unwrap();
    assert!(matches!(record_now.record, RowData::Person(p) if p.title == Title::Intermediate));
}

#[test]
fn a_corrected_id_number_reaches_every_row_and_the_record_keeps_its_usage() {
    let db = TempDb::new();
    let mut store = db.open();
    let a = store.insert_application(&sample()).unwrap();
    let b = store.insert_application(&other_application(1)).unwrap();
    service::library_collect(&mut store).unwrap();
    let record = director_record(&store);
    let RowData::Person(mut person) = store.library_record(record).unwrap().record else { panic!() };
    person.id_doc.number = "140107197203152657".into();
    let preview =
        service::library_preview(&mut store, record, RowData::Person(person.clone()), today()).unwrap();
    assert!(preview.changes.iter().all(|c| c.fields.iter().any(|f| f.label == "证件号码")));
    service::library_apply(&mut store, record, RowData::Person(person)).unwrap();
    for id in [a, b] {
        let app = store.load_application(id).unwrap();
        assert!(app.people.iter().any(|p| p.id_doc.number == "140107197203152657"));
        assert!(!app.people.iter().any(|p| p.id_doc.number == DIRECTOR_ID));
    }
    let entry = service::library_show(&store, record).unwrap().entry;
    assert_eq!(entry.usage.applications, 2);
}

#[test]
fn usage_counts_applications_and_fixed_staff_and_picked_rows_are_linked() {
    let db = TempDb::new();
    let mut store = db.open();
    let a = store.insert_application(&sample()).unwrap();
    let b = store.insert_application(&other_application(1)).unwrap();
    let mut third = other_application(2);
    third.people.retain(|p| p.id_doc.number != DIRECTOR_ID);
    let c = store.insert_application(&third).unwrap();
    // Kept from A's roster (存入资料库), then picked into C.
    let director_row = store.load_application(a).unwrap().people[0].id.unwrap();
    let kept = service::library_keep_rows(&mut store, a, LibraryKind::Person, &[director_row]).unwrap();
    assert_eq!((kept.linked, kept.created), (1, 1));
    let record = director_record(&store);
    assert_eq!(
        service::library_show(&store, record).unwrap().entry.usage_text,
        "1 份申报书，其中 1 份为固定人员"
    );
    let picked = service::library_pick(&mut store, c, &[record]).unwrap();
    assert_eq!(picked.len(), 1);
    let RowData::Person(p) = &picked[0].row else { panic!() };
    assert_eq!(p.role, Role::Fixed, "a picked person joins as fixed staff");
    // B's row (visiting) is linked by collecting.
    service::library_collect(&mut store).unwrap();
    let entry = service::library_show(&store, record).unwrap().entry;
    assert_eq!(entry.usage_text, "3 份申报书，其中 2 份为固定人员");
    let links = service::library_links(&store, c).unwrap();
    assert!(links.iter().any(|l| l.record == record && l.row == picked[0].id));
    let all = listed(&store, &[], None);
    let line = all.iter().find(|e| e.id == record).unwrap();
    assert_eq!(format!("{}：{}", line.label, line.usage_text), "贾振宇：3 份申报书，其中 2 份为固定人员");
    // The page of the director's unit counts the same uses; another unit's page does not list him.
    let unit = line.unit_uscc.clone();
    let of_unit = listed(&store, &[&unit], None);
    let same = of_unit.iter().find(|e| e.id == record).expect("listed under its unit");
    assert_eq!(same.usage_text, line.usage_text);
    assert!(of_unit.iter().all(|e| e.unit_uscc == unit));
    let elsewhere = all.iter().find(|e| e.unit_uscc != unit).expect("a record of another unit");
    let other = listed(&store, &[&elsewhere.unit_uscc], None);
    assert!(other.iter().all(|e| e.id != record));
    assert!(other.iter().any(|e| e.id == elsewhere.id && e.usage_text == elsewhere.usage_text));
    let _ = b;
}

/// An instrument, a site and an achievement are kept (存入资料库) and picked (从资料库选择) as a
/// person is: each gets its record under its own kind's name, and the picked row is linked to it.
#[test]
fn an_instrument_a_site_and_an_achievement_are_kept_and_picked_like_a_person() {
    let db = TempDb::new();
    let mut store = db.open();
    let a = store.insert_application(&sample()).unwrap();
    let c = store.insert_application(&other_application(1)).unwrap();
    let stored = store.load_application(a).unwrap();
    let before = store.load_application(c).unwrap();
    let (instrument, site, achievement) = (&stored.instruments[0], &stored.sites[0], &stored.achievements[0]);
    let cases = [
        (LibraryKind::Instrument, instrument.id.unwrap(), "仪器设备", instrument.name.clone()),
        (LibraryKind::Site, site.id.unwrap(), "研发场地", format!("{} {}", site.address, site.building_room)),
        (LibraryKind::Achievement, achievement.id.unwrap(), "成果", achievement.title.clone()),
    ];
    for (kind, row, label, name) in cases {
        let kept = service::library_keep_rows(&mut store, a, kind, &[row]).unwrap();
        assert_eq!((kept.linked, kept.created, kept.skipped.len()), (1, 1, 0), "{label}: {kept:?}");
        let again = service::library_keep_rows(&mut store, a, kind, &[row]).unwrap();
        assert_eq!((again.linked, again.created), (1, 0), "{label}: kept once, found the second time");
        let entries = listed(&store, &[], Some(kind));
        assert_eq!(entries.len(), 1, "{label}");
        assert_eq!((entries[0].kind_label.as_str(), &entries[0].label), (label, &name));
        assert_eq!(entries[0].usage_text, "1 份申报书");
        let record = entries[0].id;
        let picked = service::library_pick(&mut store, c, &[record]).unwrap();
        assert_eq!(picked.len(), 1, "{label}");
        let links = service::library_links(&store, c).unwrap();
        assert!(
            links.iter().any(|l| l.kind == kind && l.record == record && l.row == picked[0].id),
            "{label}: {links:?}"
        );
    }
    let after = store.load_application(c).unwrap();
    assert_eq!(after.instruments.len(), before.instruments.len() + 1);
    assert_eq!(after.sites.len(), before.sites.len() + 1);
    assert_eq!(after.achievements.len(), before.achievements.len() + 1);

    // An instrument with an asset number but no owner's credit code cannot be kept, and is named.
    let mut ownerless = stored.instruments[1].clone();
    ownerless.owner_uscc.clear();
    store.save_row(a, &RowData::Instrument(ownerless.clone())).unwrap();
    let kept =
        service::library_keep_rows(&mut store, a, LibraryKind::Instrument, &[ownerless.id.unwrap()]).unwrap();
    assert_eq!((kept.linked, kept.created), (0, 0));
    assert_eq!(kept.skipped, ["第 2 行：没有资产编号或产权单位的统一社会信用代码，不能存入单位资料库"]);
}

#[test]
fn the_window_lists_one_page_finds_by_name_or_code_and_offers_the_host_units_records() {
    let db = TempDb::new();
    let mut store = db.open();
    let a = store.insert_application(&sample()).unwrap();
    for i in 1..=4 {
        store.insert_application(&other_application(i)).unwrap();
    }
    service::library_collect(&mut store).unwrap();
    let every = listed(&store, &[], None);
    let total = every.len() as u32;
    assert!(total > service::LIBRARY_PAGE, "{total} records: more than a page");

    // One page, and the window is told how many there are and how to find the rest.
    let page = service::library_list(&store, &LibraryQuery::default(), Some(service::LIBRARY_PAGE)).unwrap();
    assert_eq!(page.entries.len() as u32, service::LIBRARY_PAGE);
    assert_eq!(page.total, total);
    assert_eq!(
        page.note.as_deref(),
        Some(
            format!(
                "共 {total} 条，列出前 {} 条：请输入姓名、名称或统一社会信用代码查找",
                service::LIBRARY_PAGE
            )
            .as_str()
        )
    );
    assert_eq!(
        page.entries,
        every[..page.entries.len()],
        "the page is the first records in the list's order"
    );
    // The boundary: a page as long as the list says nothing; one record shorter says so.
    let whole = service::library_list(&store, &LibraryQuery::default(), Some(total)).unwrap();
    assert_eq!((whole.entries.len() as u32, whole.note), (total, None));
    let short = service::library_list(&store, &LibraryQuery::default(), Some(total - 1)).unwrap();
    assert!(short.note.unwrap().starts_with(&format!("共 {total} 条，列出前 {} 条", total - 1)));

    // Found by part of a name, with the same usage as in the whole list.
    let by_name = LibraryQuery { text: "人员3-".into(), ..Default::default() };
    let found = service::library_list(&store, &by_name, Some(service::LIBRARY_PAGE)).unwrap();
    let expected: Vec<_> = every.iter().filter(|e| e.label.contains("人员3-")).cloned().collect();
    assert!(!expected.is_empty());
    assert_eq!(found.entries, expected);
    assert_eq!(found.total as usize, expected.len());
    // By part of a unit's credit code typed in small letters.
    let unit = every[0].unit_uscc.clone();
    let by_code = LibraryQuery { text: unit[8..].to_lowercase(), ..Default::default() };
    let of_unit = service::library_list(&store, &by_code, None).unwrap().entries;
    assert_eq!(
        of_unit,
        every.iter().filter(|e| e.unit_uscc.contains(&unit[8..])).cloned().collect::<Vec<_>>()
    );

    // 从资料库选择: the host units' records of the kind, every unit's on request.
    let hosts: Vec<String> =
        store.load_application(a).unwrap().host_units.iter().map(|h| h.uscc.clone()).collect();
    let choices = service::library_choices(&store, a, LibraryKind::Instrument, false, "").unwrap();
    assert!(!choices.entries.is_empty());
    assert!(choices
        .entries
        .iter()
        .all(|e| e.kind == LibraryKind::Instrument && hosts.contains(&e.unit_uscc)));
    assert_eq!(choices.note, None);
    let instruments_of_hosts =
        every.iter().filter(|e| e.kind == LibraryKind::Instrument && hosts.contains(&e.unit_uscc)).count();
    assert_eq!(choices.total as usize, instruments_of_hosts);
    let of_all = service::library_choices(&store, a, LibraryKind::Instrument, true, "").unwrap();
    assert_eq!(of_all.total as usize, every.iter().filter(|e| e.kind == LibraryKind::Instrument).count());
    // An application whose host units have no credit code yet is offered every unit's, and told.
    let mut blank = other_application(9);
    for h in &mut blank.host_units {
        h.uscc.clear();
    }
    let d = store.insert_application(&blank).unwrap();
    let offered = service::library_choices(&store, d, LibraryKind::Instrument, false, "").unwrap();
    assert_eq!(offered.total, of_all.total);
    assert_eq!(
        offered.note.as_deref(),
        Some("申报书尚未填写依托单位的统一社会信用代码，列出的是全部单位的记录")
    );
}

#[test]
fn the_cli_lists_usage_previews_an_edit_and_commits_it() {
    let db = TempDb::new();
    let (a, b) = {
        let mut store = db.open();
        (
            store.insert_application(&sample()).unwrap(),
            store.insert_application(&other_application(1)).unwrap(),
        )
    };
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_shenbao"))
            .arg("--db")
            .arg(db.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["library", "collect"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("已把"), "{out}");
    let (code, out, _) = run(&["library", "usage"]);
    assert_eq!(code, Some(0));
    assert!(out.lines().any(|l| l == "贾振宇：2 份申报书，其中 1 份为固定人员"), "{out}");
    let record = director_record(&db.open()).to_string();
    let (code, out, _) = run(&["library", "show", &record]);
    assert_eq!(code, Some(0));
    assert!(out.contains(&format!("申报书 {a} ")) && out.contains(&format!("申报书 {b} ")), "{out}");
    let before = db.open().dump().unwrap();
    let (code, out, err) = run(&["library", "edit", &record, "--set", "title=intermediate"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("职称：正高级 → 中级"), "{out}");
    assert!(out.contains("将修改 2 份申报书中的 2 行"), "{out}");
    assert!(out.contains("未保存"), "{out}");
    assert_eq!(db.open().dump().unwrap(), before, "the preview wrote nothing");
    let (code, out, _) = run(&["library", "edit", &record, "--set", "title=intermediate", "--commit"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("已保存：2 份申报书中的 2 行"), "{out}");
    let app = db.open().load_application(b).unwrap();
    assert!(app.people.iter().any(|p| p.id_doc.number == DIRECTOR_ID && p.title == Title::Intermediate));
    let (code, _, err) = run(&["library", "edit", &record, "--set", "no_such_field.x=1"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, _) = run(&["library", "show", "999"]);
    assert_eq!(code, Some(2));
}

/// The index in `MIGRATIONS` of the migration that makes the library.
fn library_migration() -> usize {
    shenbao::store::MIGRATIONS.iter().position(|m| m.contains("CREATE TABLE library_records")).unwrap()
}

/// A database file made by the schema before the library, holding `apps` as that schema's
/// writer stored them (rows with their identity columns and JSON data).
fn previous_schema_database(path: &std::path::Path, apps: &[Application]) {
    let mut conn = Connection::open(path).unwrap();
    let version = library_migration();
    let tx = conn.transaction().unwrap();
    for sql in &shenbao::store::MIGRATIONS[..version] {
        tx.execute_batch(sql).unwrap();
    }
    tx.pragma_update(None, "user_version", version as u32).unwrap();
    for (i, app) in apps.iter().enumerate() {
        tx.execute(
            "INSERT INTO applications (programme, category, centre_name, field, sub_area, city, recommendation_letter,
                                       created_at, updated_at, uid)
             VALUES (?1, 'field', ?2, ?3, ?4, ?5, 0, ?6, ?7, lower(hex(randomblob(16))))",
            params![app.programme, app.centre_name, app.field, app.sub_area, app.city, app.created_at, format!("2026-11-0{}T00:00:00Z", i + 1)],
        )
        .unwrap();
        let id = tx.last_insert_rowid();
        for (k, p) in (0_i64..).zip(&app.people) {
            tx.execute(
                "INSERT INTO people (application_id, position, id_kind, id_number, name, role, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, k, text(&p.id_doc.kind), p.id_doc.number, p.name, text(&p.role), json(p)],
            )
            .unwrap();
        }
        for (k, x) in (0_i64..).zip(&app.instruments) {
            tx.execute(
                "INSERT INTO instruments (application_id, position, asset_number, owner_uscc, original_value, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, k, x.asset_number, x.owner_uscc, x.original_value.0, json(x)],
            )
            .unwrap();
        }
        for (k, s) in (0_i64..).zip(&app.sites) {
            tx.execute(
                "INSERT INTO sites (application_id, position, owner_uscc, area_hundredths, data) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, k, s.owner_uscc, s.area.0, json(s)],
            )
            .unwrap();
        }
        for (k, c) in (0_i64..).zip(&app.achievements) {
            tx.execute(
                "INSERT INTO achievements (application_id, position, identifier, owner_uscc, title, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, k, c.identifier, c.owner_uscc, c.title, json(c)],
            )
            .unwrap();
        }
        for (k, h) in (0_i64..).zip(&app.host_units) {
            tx.execute(
                "INSERT INTO host_units (application_id, position, uscc, name, data) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, k, h.uscc, h.name, json(h)],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn text<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).unwrap().as_str().unwrap().to_string()
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn a_database_of_the_previous_schema_seeds_the_library_without_losing_a_row() {
    let db = TempDb::new();
    let first = sample();
    let mut second = other_application(1);
    // The same director, with another title in the later application: the record takes the
    // later one; each row keeps its own.
    second.people[0].title = Title::AssociateSenior;
    // A visiting expert from outside the hosts: no unit, stays its own row.
    second.people[2].employer_uscc = None;
    second.people[2].employer_name = "外单位".into();
    previous_schema_database(&db.path(), &[first.clone(), second.clone()]);

    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    let loaded: Vec<Application> =
        store.load_all_applications().unwrap().into_iter().map(|(_, a)| a.without_row_ids()).collect();
    for (got, want) in loaded.iter().zip([&first, &second]) {
        assert_eq!(got.people, want.people);
        assert_eq!(got.instruments, want.instruments);
        assert_eq!(got.sites, want.sites);
        assert_eq!(got.achievements, want.achievements);
        assert_eq!(got.host_units, want.host_units);
    }
    // Seeded: every person with a unit and a document, every instrument with an asset number,
    // every site with an address, every achievement with a number; one record per identity.
    let entries = listed(&store, &[], None);
    let count = |k: LibraryKind| entries.iter().filter(|e| e.kind == k).count();
    let people_with_unit = |a: &Application| a.people.iter().filter(|p| p.employer_uscc.is_some()).count();
    assert_eq!(count(LibraryKind::Person), people_with_unit(&first) + people_with_unit(&second) - 1);
    assert_eq!(count(LibraryKind::Instrument), first.instruments.len() + second.instruments.len());
    assert_eq!(count(LibraryKind::Achievement), first.achievements.len() + second.achievements.len());
    let record = director_record(&store);
    let detail = service::library_show(&store, record).unwrap();
    assert_eq!(detail.entry.usage_text, "2 份申报书，其中 1 份为固定人员");
    assert!(matches!(detail.entry.record, RowData::Person(ref p) if p.title == Title::AssociateSenior));
    // The first application's row differs from the record in its title, and says so.
    let first_use = &detail.uses[0];
    assert_eq!(first_use.differs.len(), 1);
    assert_eq!(first_use.differs[0].label, "职称");
    // The outside expert stays its own row.
    let ids = store.load_all_applications().unwrap();
    let second_id = ids[1].0;
    let outside = ids[1].1.people[2].id.unwrap();
    assert!(!service::library_links(&store, second_id).unwrap().iter().any(|l| l.row == outside));
    // Identity keys and conflicts are as before: the checks still run.
    assert!(service::check_stored(&store, ids[0].0, &service::CheckOptions::default(), today()).is_ok());
}
