//! Co-builder packages between two databases: the lead sends a co-builder its sections, the
//! co-builder edits them in a draft and sends them back, the lead previews and merges; foreign,
//! stale and misdirected packages are refused.

use std::process::{Command, Output};

use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use shenbao::evidence::Evidences;
use shenbao::model::ChangeKind;
use shenbao::model::{Person, RowId};
use shenbao::package::{self, Package, PackageDecisions, PackageError};
use shenbao::quantity::Yuan;
use shenbao::store::{RowData, RowKind, Store};

use crate::common::{sample, TempDb};

const UNIVERSITY: &str = "12140109405621833K";

fn at(minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 6, 9, minute, 0).unwrap()
}

/// The day of these tests, the one `at` falls on.
fn today() -> chrono::NaiveDate {
    at(0).date_naive()
}

/// The package as it travels: written to text and read back.
fn through_file(p: &Package) -> Package {
    package::from_json(&package::to_json(p)).expect("a written package reads back")
}

fn code<T: std::fmt::Debug>(r: Result<T, PackageError>) -> &'static str {
    r.expect_err("refused").code()
}

/// A lead database holding the sample.
fn lead_with_sample(lead: &TempDb) -> (Store, RowId) {
    let mut store = lead.open();
    let id = store.insert_application(&sample()).unwrap();
    (store, id)
}

/// A lead database with the sample, and the package it sends to the university (unit 1).
fn lead_and_package(lead: &TempDb) -> (Store, RowId, Package) {
    let (mut store, id) = lead_with_sample(lead);
    let p = package::export_for_co_builder(&mut store, id, 1, at(0)).unwrap();
    (store, id, through_file(&p))
}

/// A resident ID number with a correct check character.
fn resident_id(first17: &str) -> String {
    format!("{first17}{}", shenbao::validate::check_char(first17).unwrap())
}

fn new_person(name: &str) -> Person {
    let mut p = sample().people.into_iter().find(|p| p.employer_uscc.as_deref() == Some(UNIVERSITY)).unwrap();
    p.id = None;
    p.name = name.into();
    p.id_doc.number = resident_id("14010919900101123");
    p.birth_date = None;
    p.gender = None;
    p.role = shenbao::model::Role::Fixed;
    p
}

/// The co-builder's edits: adds a person, raises the first instrument's value, removes the
/// first site. Returns the return package.
fn co_builder_edits(co: &mut Store, draft: RowId) -> Package {
    let app = co.load_application(draft).unwrap();
    co.save_row(draft, &RowData::Person(new_person("新来的研究员"))).unwrap();
    let mut instrument = app.instruments[0].clone();
    instrument.original_value = Yuan(instrument.original_value.0 + 100_000);
    co.save_row(draft, &RowData::Instrument(instrument)).unwrap();
    co.delete_row(draft, RowKind::Site, app.sites[0].id.unwrap()).unwrap();
    through_file(&package::export_back(co, draft, at(30)).unwrap())
}

#[test]
fn a_package_carries_the_co_builders_rows_only() {
    let lead = TempDb::new();
    let (_store, _id, p) = lead_and_package(&lead);
    let s = sample();
    assert_eq!(p.rows.unit.uscc, UNIVERSITY);
    assert_eq!(p.centre.centre_name, s.centre_name);
    assert_eq!(p.centre.lead_host_name, s.host_units[0].name);
    assert_eq!(p.rows.people.len(), 13, "12 fixed staff and a deputy director");
    assert!(p.rows.people.iter().all(|x| x.employer_uscc.as_deref() == Some(UNIVERSITY)));
    assert!(!p.rows.people.iter().any(|x| x.name == s.director().unwrap().name), "the lead's director stays");
    assert_eq!(
        (
            p.rows.instruments.len(),
            p.rows.sites.len(),
            p.rows.rd_investments.len(),
            p.rows.achievements.len()
        ),
        (7, 2, 3, 5)
    );
    assert!(p.rows.instruments.iter().all(|r| r.owner_uscc == UNIVERSITY));
    assert_eq!(p.base, p.rows);
    let text = package::to_json(&p);
    assert!(text.contains("\"format\": \"shenbao.package\""), "{}", &text[..200]);
    assert!(text.contains("\"direction\": \"to_co_builder\""));
}

#[test]
fn the_lead_unit_and_a_missing_unit_are_refused() {
    let lead = TempDb::new();
    let (mut store, id, _) = lead_and_package(&lead);
    let e = package::export_for_co_builder(&mut store, id, 0, at(1)).unwrap_err();
    assert_eq!(e.code(), "lead_unit");
    assert!(e.to_string().contains("第一依托单位"), "{e}");
    assert_eq!(code(package::export_for_co_builder(&mut store, id, 3, at(1))), "no_such_unit");
}

#[test]
fn round_trip_with_edits_on_both_sides_and_a_clash() {
    let (lead, co_db) = (TempDb::new(), TempDb::new());
    let (mut store, id, p) = lead_and_package(&lead);

    // The co-builder opens it in its own database; a second open writes nothing.
    let mut co = co_db.open();
    let opened = package::open_as_draft(&mut co, &p).unwrap();
    assert!(!opened.already_open);
    let draft = co.load_application(opened.draft_id).unwrap();
    assert_eq!(draft.centre_name, p.centre.centre_name);
    assert_eq!(draft.host_units.len(), 1);
    assert_eq!(draft.people.len(), 13);
    let before = co.dump().unwrap();
    let again = package::open_as_draft(&mut co, &p).unwrap();
    assert_eq!(again, package::OpenedDraft { draft_id: opened.draft_id, already_open: true });
    assert!(again.message().contains("已打开过"));
    assert_eq!(co.dump().unwrap(), before, "opening the same package again writes nothing");

    let back = co_builder_edits(&mut co, opened.draft_id);
    assert_eq!(back.rows.people.len(), 14);
    let pack = shenbao::rules::builtin_pack("P1").unwrap();
    let check = package::draft_check(&co, opened.draft_id, Some(&pack), &Default::default()).unwrap();
    assert_eq!(check.fixed_staff, 14, "13 received plus the new fixed researcher");
    assert_eq!(check.fixed_staff_min, Some(5), "P1's other-hosts-staff threshold");
    assert!(check.fixed_staff_message.contains("满足每家不少于 5 人"), "{}", check.fixed_staff_message);
    assert!(check.conflicts.is_empty(), "{:?}", check.conflicts);

    // Meanwhile the lead renames the same instrument.
    let lead_app = store.load_application(id).unwrap();
    let sent_instrument = &p.rows.instruments[0];
    let mut renamed = lead_app.instruments.iter().find(|r| r.id == sent_instrument.id).unwrap().clone();
    renamed.name = "X射线光电子能谱仪（牵头单位更正）".into();
    store.save_row(id, &RowData::Instrument(renamed.clone())).unwrap();

    let preview = package::preview_return(&store, &back).unwrap();
    let table = |kind: RowKind| preview.tables.iter().find(|t| t.kind == kind).expect("table changed");
    let people = table(RowKind::Person);
    assert_eq!((people.added, people.changed, people.removed), (1, 0, 0));
    assert_eq!(people.changes[0].label, "新来的研究员");
    let instruments = table(RowKind::Instrument);
    assert_eq!((instruments.added, instruments.changed, instruments.removed), (0, 1, 0));
    let clash = &instruments.changes[0];
    assert!(clash.clash, "the lead edited the row too");
    assert_eq!(clash.lead, Some(RowData::Instrument(renamed.clone())), "the lead's version beside theirs");
    match &clash.theirs {
        Some(RowData::Instrument(t)) => {
            assert_eq!(t.original_value, Yuan(sent_instrument.original_value.0 + 100_000));
            assert_eq!(t.name, sent_instrument.name);
        }
        other => panic!("theirs: {other:?}"),
    }
    let sites = table(RowKind::Site);
    assert_eq!(
        (sites.removed, sites.changes[0].action, sites.changes[0].clash),
        (1, ChangeKind::Removed, false)
    );
    assert_eq!(preview.clashes, 1);
    assert_eq!(preview.tables.len(), 3, "units, investments and achievements unchanged");
    // 31 rows sent (the unit, 13 people, 7 instruments, 2 sites, 3 investments, 5 achievements),
    // one changed and one removed.
    assert_eq!(preview.unchanged, 29);
    let text = preview.text();
    // Both versions in words, field by field (no row id), the lead's first.
    let version = |name: &str, value: &str| {
        format!(
            "asset_number=JY-2020-2099, model=XPS-250, name={name}, original_value={value}, \
             owner_uscc={UNIVERSITY}, serial_number=XPS2082752, site=材料楼5层503"
        )
    };
    let line = format!(
        "    冲突：发出后牵头单位也修改了此行。牵头单位现为：{}；共建单位改为：{}\n",
        version("X射线光电子能谱仪（牵头单位更正）", "2650000"),
        version("X射线光电子能谱仪", "2750000")
    );
    assert!(text.contains(&line), "{text}");

    // Merge with the defaults: everything taken except the clash, which keeps the lead's version.
    let people_before = lead_app.people.len();
    let summary = package::apply_return(&mut store, &back, &PackageDecisions::default()).unwrap();
    assert_eq!((summary.added, summary.changed, summary.removed, summary.rejected), (1, 0, 1, 1));
    let after = store.load_application(id).unwrap();
    assert_eq!(after.people.len(), people_before + 1);
    assert!(after
        .people
        .iter()
        .any(|x| x.name == "新来的研究员" && x.employer_uscc.as_deref() == Some(UNIVERSITY)));
    assert_eq!(after.sites.len(), lead_app.sites.len() - 1);
    assert!(!after.sites.iter().any(|s| s.id == p.rows.sites[0].id));
    assert_eq!(after.instruments.iter().find(|r| r.id == renamed.id), Some(&renamed), "lead's version kept");

    // The same return again is refused, and nothing changes.
    let before = store.dump().unwrap();
    let e = package::preview_return(&store, &back).unwrap_err();
    assert_eq!(e.code(), "stale_package");
    assert!(e.to_string().contains("旧版本"), "{e}");
    assert_eq!(code(package::apply_return(&mut store, &back, &PackageDecisions::default())), "stale_package");
    assert_eq!(store.dump().unwrap(), before);
}

/// The lead's database after sending the university its package, the package, and the return
/// with [`co_builder_edits`], made in a database of the co-builder's own.
fn sent_and_returned(lead: &TempDb) -> (Store, RowId, Package, Package) {
    let (store, id, p) = lead_and_package(lead);
    let co_db = TempDb::new();
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let back = co_builder_edits(&mut co, draft);
    (store, id, p, back)
}

/// The lead's own edit of a row the co-builder also changed (a clash): the first instrument renamed.
fn lead_renames_the_first_instrument(
    store: &mut Store,
    id: RowId,
    p: &Package,
) -> shenbao::model::Instrument {
    let mut renamed = store
        .load_application(id)
        .unwrap()
        .instruments
        .into_iter()
        .find(|r| r.id == p.rows.instruments[0].id)
        .unwrap();
    renamed.name = "牵头单位改名".into();
    store.save_row(id, &RowData::Instrument(renamed.clone())).unwrap();
    renamed
}

#[test]
fn a_clash_can_take_the_co_builders_version() {
    let lead = TempDb::new();
    let (mut store, id, p, back) = sent_and_returned(&lead);
    let renamed = lead_renames_the_first_instrument(&mut store, id, &p);

    let preview = package::preview_return(&store, &back).unwrap();
    let person_key = preview
        .tables
        .iter()
        .flat_map(|t| &t.changes)
        .find(|c| c.kind == RowKind::Person)
        .unwrap()
        .key
        .clone();
    // Theirs for the clash, and the added person rejected.
    let decisions =
        PackageDecisions { accept: [(person_key, false)].into_iter().collect(), clashes_theirs: true };
    let summary = package::apply_return(&mut store, &back, &decisions).unwrap();
    assert_eq!((summary.added, summary.changed, summary.removed, summary.rejected), (0, 1, 1, 1));
    let after = store.load_application(id).unwrap();
    let instrument = after.instruments.iter().find(|r| r.id == renamed.id).unwrap();
    assert_eq!(instrument.name, p.rows.instruments[0].name, "the co-builder's version replaced the lead's");
    assert_eq!(instrument.original_value.0, p.rows.instruments[0].original_value.0 + 100_000);
    assert!(!after.people.iter().any(|x| x.name == "新来的研究员"));
}

#[test]
fn an_older_return_after_a_newer_one_is_refused() {
    let (lead, co_db) = (TempDb::new(), TempDb::new());
    let (mut store, id, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let first = through_file(&package::export_back(&mut co, draft, at(10)).unwrap());
    let second = co_builder_edits(&mut co, draft);
    assert_eq!((first.revision, second.revision), (1, 2));

    package::apply_return(&mut store, &second, &PackageDecisions::default()).unwrap();
    let people = store.load_application(id).unwrap().people.len();
    let e = package::apply_return(&mut store, &first, &PackageDecisions::default()).unwrap_err();
    assert_eq!(e.code(), "stale_package");
    assert!(e.to_string().contains("第 1.1 版") && e.to_string().contains("第 1.2 版"), "{e}");
    assert_eq!(store.load_application(id).unwrap().people.len(), people);

    // A return on a newer package from the lead is newer than every return on the older one.
    let p2 = through_file(&package::export_for_co_builder(&mut store, id, 1, at(40)).unwrap());
    assert_eq!(p2.revision, 2);
    let opened = package::open_as_draft(&mut co, &p2).unwrap();
    assert!(!opened.already_open && opened.draft_id != draft, "a newer package opens as a new draft");
    assert_eq!(code(package::open_as_draft(&mut co, &p)), "stale_package", "the older package is refused");
    let third = through_file(&package::export_back(&mut co, opened.draft_id, at(50)).unwrap());
    assert_eq!(third.revision_label(), "第 2.1 版");
    package::preview_return(&store, &third).unwrap();
}

#[test]
fn a_package_of_another_database_or_the_wrong_way_is_refused() {
    let (lead, co_db, other) = (TempDb::new(), TempDb::new(), TempDb::new());
    let (mut store, _id, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let back = through_file(&package::export_back(&mut co, draft, at(10)).unwrap());

    // The same sample in another database is another application.
    let mut elsewhere = other.open();
    elsewhere.insert_application(&sample()).unwrap();
    let before = elsewhere.dump().unwrap();
    let e = package::preview_return(&elsewhere, &back).unwrap_err();
    assert_eq!(e.code(), "foreign_package");
    assert!(e.to_string().contains("另一份申报书"), "{e}");
    assert_eq!(
        code(package::apply_return(&mut elsewhere, &back, &PackageDecisions::default())),
        "foreign_package"
    );
    assert_eq!(elsewhere.dump().unwrap(), before);

    // A package sent to a co-builder is not a return; a return does not open as a draft; the
    // lead cannot open its own package; a draft sends only returns.
    assert_eq!(code(package::preview_return(&store, &p)), "not_a_return");
    assert_eq!(code(package::open_as_draft(&mut co, &back)), "not_for_co_builder");
    assert_eq!(code(package::open_as_draft(&mut store, &p)), "own_package");
    assert_eq!(code(package::export_for_co_builder(&mut co, draft, 1, at(11))), "draft_package");
}

#[test]
fn the_draft_check_shows_the_co_builders_people_claimed_elsewhere() {
    let (lead, co_db) = (TempDb::new(), TempDb::new());
    let (_store, _id, p) = lead_and_package(&lead);
    // The university already has its deputy director in another application of its own.
    let mut co = co_db.open();
    let mut own = sample();
    own.centre_name = "山西省高校自有技术创新中心".into();
    own.people.retain(|x| x.name == p.rows.people[0].name || x.role == shenbao::model::Role::Director);
    own.instruments.clear();
    own.sites.clear();
    own.achievements.clear();
    co.insert_application(&own).unwrap();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let check = package::draft_check(&co, draft, None, &Default::default()).unwrap();
    assert_eq!(check.fixed_staff, 13);
    assert_eq!(check.fixed_staff_message, "本单位固定人员 13 人");
    let people: Vec<&str> = check
        .conflicts
        .iter()
        .filter_map(|c| c.first.record.as_ref())
        .filter(|r| r.resource == shenbao::duplicates::Resource::Person)
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(people, [p.rows.people[0].name.as_str()], "{:?}", check.conflicts);
    assert!(check.conflicts.iter().all(|c| !c.message.contains(&p.rows.people[0].id_doc.number)));
}

#[test]
fn a_malformed_package_is_refused_with_its_path() {
    let lead = TempDb::new();
    let (_store, _id, p) = lead_and_package(&lead);
    let e = package::from_json("{\"format\": \"shenbao.package\", ").unwrap_err();
    assert_eq!(e.code(), "json_syntax");
    let e = package::from_json(shenbao::samples::SAMPLE_P1).unwrap_err();
    assert_eq!(e.code(), "wrong_format");
    let text = package::to_json(&p).replacen("\"role\": \"fixed\"", "\"role\": \"boss\"", 1);
    let e = package::from_json(&text).unwrap_err();
    assert_eq!(e.code(), "bad_value");
    assert!(e.to_string().starts_with("base.people["), "{e}");
    assert!(e.to_string().contains("取值不在允许范围内"), "{e}");

    // A return whose rows name another unit's owner is refused before anything is written.
    let mut bad = p.clone();
    bad.rows.instruments[0].owner_uscc = "91140105317584622R".into();
    let co_db = TempDb::new();
    let mut co = co_db.open();
    assert_eq!(code(package::open_as_draft(&mut co, &bad)), "invalid_package");
    assert!(co.list_applications().unwrap().is_empty());
}

#[test]
fn a_version_2_database_is_upgraded_with_uids() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_application(&sample()).unwrap();
    store.insert_application(&sample()).unwrap();
    drop(store);
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch(crate::common::DROP_LIBRARY).unwrap();
        conn.execute_batch(
            "DROP TABLE package_links; DROP TABLE package_exports; DROP TABLE package_imports;
             DROP INDEX applications_by_uid; ALTER TABLE applications DROP COLUMN uid;
             DROP TABLE evidence_files; DROP TABLE evidence_items; DROP TABLE evidence_blobs; DROP TABLE seals; DROP TABLE history;
             ALTER TABLE applications DROP COLUMN pack_version;
             DROP TRIGGER narratives_sketch_insert; DROP TRIGGER narratives_sketch_update; DROP TRIGGER narratives_sketch_delete;
             ALTER TABLE identity_keys DROP COLUMN share; DROP TABLE narrative_bands; DROP TABLE narrative_sketches; DROP TABLE narrative_dirty;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    let (a, b) = (store.application_uid(1).unwrap(), store.application_uid(2).unwrap());
    assert!(a.len() == 32 && b.len() == 32 && a != b, "{a} {b}");
    let p = package::export_for_co_builder(&mut store, 1, 2, at(0)).unwrap();
    assert_eq!((p.origin.as_str(), p.revision), (a.as_str(), 1));
}

fn shenbao(db: &TempDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("--db")
        .arg(db.path())
        .args(args)
        .env_remove("SHENBAO_DB")
        .output()
        .expect("run shenbao")
}

#[test]
fn the_cli_sends_opens_returns_and_merges() {
    let (lead, co) = (TempDb::new(), TempDb::new());
    let dir = lead.dir.path();
    let (to_co, back) = (dir.join("to.shenbao"), dir.join("back.shenbao"));
    let out =
        |o: &Output| format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));

    assert_eq!(shenbao(&lead, &["init", "--sample"]).status.code(), Some(0));
    let o = shenbao(&lead, &["package", "export", "1", "--unit", "0", "--out", to_co.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("[lead_unit]"), "{}", out(&o));
    let o = shenbao(&lead, &["package", "export", "1", "--unit", "2", "--out", to_co.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));

    let o = shenbao(&co, &["package", "import", to_co.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("已打开为共建单位草稿（编号 1）"), "{}", out(&o));
    let o = shenbao(&co, &["package", "import", to_co.to_str().unwrap()]);
    assert!(out(&o).contains("已打开过"), "{}", out(&o));
    let o = shenbao(&co, &["package", "export", "1", "--out", back.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));

    let o = shenbao(&lead, &["package", "import", back.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("没有任何改动") && out(&o).contains("--accept-all"), "{}", out(&o));
    let o = shenbao(&lead, &["package", "import", back.to_str().unwrap(), "--accept-all"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("已合并"), "{}", out(&o));
    let o = shenbao(&lead, &["package", "import", back.to_str().unwrap(), "--accept-all"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("[stale_package]"), "{}", out(&o));
    let o = shenbao(&co, &["package", "import", back.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("[not_for_co_builder]"), "{}", out(&o));
}

/// The CLI's `--theirs`: without it a clash keeps the lead's version, with it the co-builder's.
#[test]
fn the_cli_keeps_the_leads_version_of_a_clash_unless_told_theirs() {
    let (lead, co_db, lead_theirs) = (TempDb::new(), TempDb::new(), TempDb::new());
    let (mut store, id, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let back = lead.dir.path().join("back.shenbao");
    std::fs::write(&back, package::to_json(&co_builder_edits(&mut co, draft))).unwrap();
    let renamed = lead_renames_the_first_instrument(&mut store, id, &p);
    drop(store);
    std::fs::copy(lead.path(), lead_theirs.path()).unwrap();

    let name_after = |db: &TempDb, extra: &[&str]| {
        let mut args = vec!["package", "import", back.to_str().unwrap(), "--accept-all"];
        args.extend_from_slice(extra);
        let o = shenbao(db, &args);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let app = db.open().load_application(id).unwrap();
        app.instruments.into_iter().find(|r| r.id == renamed.id).unwrap().name
    };
    assert_eq!(name_after(&lead, &[]), "牵头单位改名", "a clash keeps the lead's version");
    assert_eq!(
        name_after(&lead_theirs, &["--theirs"]),
        p.rows.instruments[0].name,
        "--theirs takes the co-builder's"
    );
}

#[test]
fn a_co_builder_marking_itself_core_member_and_a_headquarters_site_reaches_the_lead() {
    let (lead, co_db) = (TempDb::new(), TempDb::new());
    let (mut store, id, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let app = co.load_application(draft).unwrap();
    let mut unit = app.host_units[0].clone();
    unit.core_member = true;
    co.save_row(draft, &RowData::HostUnit(unit)).unwrap();
    let mut site = app.sites[0].clone();
    site.headquarters = true;
    co.save_row(draft, &RowData::Site(site.clone())).unwrap();
    let back = through_file(&package::export_back(&mut co, draft, at(30)).unwrap());
    assert!(back.rows.unit.core_member && back.rows.sites.iter().any(|s| s.headquarters));

    let preview = package::preview_return(&store, &back).unwrap();
    let changed = |kind: RowKind| preview.tables.iter().find(|t| t.kind == kind).map_or(0, |t| t.changed);
    assert_eq!((changed(RowKind::HostUnit), changed(RowKind::Site)), (1, 1));
    package::apply_return(&mut store, &back, &PackageDecisions::default()).unwrap();
    let after = store.load_application(id).unwrap();
    assert!(after.host_units[1].core_member, "the co-builder is unit 1");
    assert!(after.sites.iter().any(|s| s.building_room == site.building_room && s.headquarters));
}

/// A draft whose unit keeps `fixed` fixed staff, checked as the app checks it.
fn draft_with_fixed_staff(co_db: &TempDb, fixed: usize) -> shenbao::rules::Assessment {
    let lead = TempDb::new();
    let (_store, _id, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let app = co.load_application(draft).unwrap();
    let people: Vec<_> = app.people.iter().filter(|x| x.role.is_fixed()).collect();
    for x in &people[fixed..] {
        co.delete_row(draft, RowKind::Person, x.id.unwrap()).unwrap();
    }
    let app = co.load_application(draft).unwrap();
    assert_eq!(app.people.iter().filter(|x| x.role.is_fixed()).count(), fixed);
    let pack = shenbao::rules::builtin_pack("P1").unwrap();
    shenbao::service::check_in_store(&co, Some(draft), &app, &pack, None, today()).unwrap().assessment
}

/// The co-builder's own check of a draft (本单位固定人员), with `fixed` fixed staff of the unit
/// plus a visiting expert of the unit and a fixed researcher of another unit, neither counted.
fn draft_check_with_fixed_staff(fixed: usize) -> package::DraftCheck {
    let (lead, co_db) = (TempDb::new(), TempDb::new());
    let (_store, _id, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let app = co.load_application(draft).unwrap();
    for x in app.people.iter().filter(|x| x.role.is_fixed()).skip(fixed) {
        co.delete_row(draft, RowKind::Person, x.id.unwrap()).unwrap();
    }
    let mut visiting = new_person("流动专家");
    visiting.role = shenbao::model::Role::Visiting;
    co.save_row(draft, &RowData::Person(visiting)).unwrap();
    let mut elsewhere = new_person("外单位研究员");
    elsewhere.id_doc.number = resident_id("14010919900101124");
    elsewhere.employer_uscc = Some(sample().host_units[0].uscc.clone());
    co.save_row(draft, &RowData::Person(elsewhere)).unwrap();
    let pack = shenbao::rules::builtin_pack("P1").unwrap();
    package::draft_check(&co, draft, Some(&pack), &Default::default()).unwrap()
}

#[test]
fn the_draft_check_counts_the_units_fixed_staff_against_the_threshold() {
    // P1: 其他依托单位固定人员每家不少于5人. At 5 the unit meets it; at 4 it is short by one.
    let at = draft_check_with_fixed_staff(5);
    assert_eq!((at.fixed_staff, at.fixed_staff_min), (5, Some(5)), "{}", at.fixed_staff_message);
    assert!(
        at.fixed_staff_message.starts_with("本单位固定人员 5 人，满足每家不少于 5 人的要求（"),
        "{}",
        at.fixed_staff_message
    );
    let below = draft_check_with_fixed_staff(4);
    assert_eq!(below.fixed_staff, 4, "{}", below.fixed_staff_message);
    assert!(
        below
            .fixed_staff_message
            .starts_with("本单位固定人员 4 人，尚差 1 人：共建单位固定人员每家不少于 5 人（"),
        "{}",
        below.fixed_staff_message
    );
    let above = draft_check_with_fixed_staff(6);
    assert!(above.fixed_staff_message.contains("满足每家不少于 5 人"), "{}", above.fixed_staff_message);
}

#[test]
fn a_draft_is_judged_for_the_units_own_part() {
    use shenbao::rules::{Status, Verdict};
    // At the threshold: 5 fixed staff of the unit meet "其他依托单位固定人员每家不少于5人".
    let at = draft_with_fixed_staff(&TempDb::new(), 5);
    let own = at.result("other-hosts-staff").unwrap();
    assert_eq!(own.status, Status::Met, "{}", own.message);
    assert_eq!(at.result("staff-employer").unwrap().status, Status::Met);
    assert_eq!(at.result("hosts-legal-entity").unwrap().status, Status::Met);
    // The centre's 10 fixed staff is the lead's to judge: information, never a failure here.
    let centre = at.result("staff-count").unwrap();
    assert_eq!(centre.status, Status::ByLead, "{}", centre.message);
    assert!(centre.message.starts_with("仅供参考"), "{}", centre.message);
    assert!(at.criteria.iter().all(|c| c.status != Status::Unmet), "nothing of the unit's fails");
    assert_ne!(at.verdict, Verdict::PartiallyMet, "{}", at.verdict_label);
    assert!(at.verdict_label.starts_with("本单位部分："), "{}", at.verdict_label);
    assert!(!at.verdict_label.contains("不完全满足"), "{}", at.verdict_label);
    // The note counts the conditions left to the lead: as many as the list shows so.
    let by_lead = at.criteria.iter().filter(|c| c.status == Status::ByLead).count();
    assert!(by_lead > 0 && by_lead < at.criteria.len(), "{by_lead} of {}", at.criteria.len());
    let note = at.verdict_note.as_deref().unwrap_or("");
    assert!(note.contains(&format!("中心整体条件 {by_lead} 项由牵头单位汇总判断")), "{note}");

    // Below: 4 fixed staff leave the unit's own part short by one.
    let below = draft_with_fixed_staff(&TempDb::new(), 4);
    let own = below.result("other-hosts-staff").unwrap();
    assert_eq!(own.status, Status::Unmet, "{}", own.message);
    assert!(own.message.contains("尚差 1 人"), "{}", own.message);
    assert_eq!(below.result("staff-count").unwrap().status, Status::ByLead);
    assert_eq!(below.verdict, Verdict::PartiallyMet);
    assert_eq!(below.verdict_label, "本单位部分：不完全满足");
}

#[test]
fn a_merged_package_is_in_the_leads_history_as_a_merge() {
    use shenbao::service;
    use shenbao::store::history::ChangeSource;
    let lead = TempDb::new();
    let (mut store, id, _, back) = sent_and_returned(&lead);
    let before = service::history(&store, id, None).unwrap().len();
    package::apply_return(&mut store, &back, &PackageDecisions::default()).unwrap();
    let merged: Vec<_> = service::history(&store, id, None).unwrap().into_iter().skip(before).collect();
    assert!(merged.iter().all(|l| l.source == Some(ChangeSource::Merge)), "{merged:#?}");
    let person = merged.iter().find(|l| l.change.part == "人员名单").expect("the added person");
    assert_eq!((person.change.kind, person.change.row.as_deref()), (ChangeKind::Added, Some("新来的研究员")));
    let value =
        merged.iter().find(|l| l.change.field.as_deref() == Some("original_value")).expect("the instrument");
    assert_eq!(value.change.kind, ChangeKind::Changed);
    assert!(
        merged.iter().any(|l| l.change.part == "研发场地" && l.change.kind == ChangeKind::Removed),
        "{merged:#?}"
    );
    // What the lead types afterwards is the window's again.
    store.update_application_field(id, &shenbao::store::ApplicationField::City("朔州市".into())).unwrap();
    let last = service::history(&store, id, None).unwrap().pop().unwrap();
    assert_eq!((last.source, last.change.field.as_deref()), (Some(ChangeSource::Window), Some("city")));
}

fn evidence_fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence").join(name)
}

fn attach_files(store: &mut Store, id: RowId, item: &str, names: &[&str]) {
    let paths: Vec<std::path::PathBuf> = names.iter().map(|n| evidence_fixture(n)).collect();
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    shenbao::service::evidence::attach_paths(store, id, item, &refs, today()).unwrap();
}

/// Adds a supporting-material item: `title`, about `what`.
fn add_item(store: &mut Store, id: RowId, title: &str, what: Evidences, required: bool) {
    shenbao::service::evidence::add_item(store, id, title, &what, required, today()).unwrap();
}

/// (file name, item title, bytes) of every attached file, the bytes read back from the store
/// and checked against the SHA-256 the file is listed under.
fn stored_files(store: &Store, id: RowId) -> Vec<(String, String, Vec<u8>)> {
    let items = store.evidence_user_items(id).unwrap();
    let mut out = Vec::new();
    for (key, files) in store.evidence_files(id).unwrap() {
        let title = items
            .iter()
            .find(|i| shenbao::evidence::user_key(i.id) == key)
            .map(|i| i.title.clone())
            .unwrap_or(key.clone());
        for f in files {
            let bytes = store.evidence_blob(&f.sha256).unwrap();
            assert_eq!(shenbao::evidence::sha256_hex(&bytes), f.sha256, "{}", f.file_name);
            out.push((f.file_name, title.clone(), bytes));
        }
    }
    out.sort();
    out
}

fn expected(files: &[(&str, &str)]) -> Vec<(String, String, Vec<u8>)> {
    let mut out: Vec<_> = files
        .iter()
        .map(|(name, title)| {
            (name.to_string(), title.to_string(), std::fs::read(evidence_fixture(name)).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_co_builders_materials_travel_both_ways_byte_identical() {
    let lead_db = TempDb::new();
    let (mut lead, id) = lead_with_sample(&lead_db);
    add_item(&mut lead, id, "共建单位营业执照", Evidences::Unit(UNIVERSITY.into()), true);
    add_item(&mut lead, id, "推荐函", Evidences::Other, true);
    attach_files(&mut lead, id, "共建单位营业执照", &["agreement-3p.pdf", "letter.pdf"]);
    attach_files(&mut lead, id, "推荐函", &["landscape-invoice.pdf"]);

    // The package to the university carries its item and files only, and opens with them.
    let p = through_file(&package::export_for_co_builder(&mut lead, id, 1, at(0)).unwrap());
    assert_eq!(p.version, 2);
    assert_eq!(p.evidence.len(), 2, "the lead's own 推荐函 stays home");
    let co_db = TempDb::new();
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    assert_eq!(
        stored_files(&co, draft),
        expected(&[("agreement-3p.pdf", "共建单位营业执照"), ("letter.pdf", "共建单位营业执照")])
    );

    // The co-builder removes one file, adds one, and a new item of its own.
    let letter =
        co.evidence_files(draft).unwrap().into_values().flatten().find(|f| f.file_name == "letter.pdf");
    shenbao::service::evidence::remove_file(&mut co, draft, letter.unwrap().id).unwrap();
    attach_files(&mut co, draft, "共建单位营业执照", &["certificate-scan.jpg"]);
    add_item(&mut co, draft, "高新技术企业证书", Evidences::Other, true);
    attach_files(&mut co, draft, "高新技术企业证书", &["sideways-exif6.jpg"]);
    let back = through_file(&package::export_back(&mut co, draft, at(30)).unwrap());

    // The lead sees each file added and removed, then merges them.
    let preview = package::preview_return(&lead, &back).unwrap();
    let shown: Vec<(ChangeKind, &str, &str, u64)> =
        preview.evidence.iter().map(|c| (c.action, c.file_name.as_str(), c.item.as_str(), c.size)).collect();
    let size = |name: &str| std::fs::metadata(evidence_fixture(name)).unwrap().len();
    assert_eq!(
        shown,
        [
            (ChangeKind::Added, "certificate-scan.jpg", "共建单位营业执照", size("certificate-scan.jpg")),
            (ChangeKind::Added, "sideways-exif6.jpg", "高新技术企业证书", size("sideways-exif6.jpg")),
            (ChangeKind::Removed, "letter.pdf", "共建单位营业执照", size("letter.pdf")),
        ],
        "each file with its size in bytes (36503 and 11064: base64 with and without padding)"
    );
    assert!(preview.text().contains("印证材料：新增 2 个文件，删除 1 个"), "{}", preview.text());
    let summary = package::apply_return(&mut lead, &back, &PackageDecisions::default()).unwrap();
    assert_eq!((summary.files_added, summary.files_removed), (2, 1));
    assert_eq!(
        stored_files(&lead, id),
        expected(&[
            ("agreement-3p.pdf", "共建单位营业执照"),
            ("certificate-scan.jpg", "共建单位营业执照"),
            ("landscape-invoice.pdf", "推荐函"),
            ("sideways-exif6.jpg", "高新技术企业证书"),
        ])
    );
    let rotated =
        lead.evidence_files(id).unwrap().into_values().flatten().find(|f| f.file_name.starts_with("side"));
    assert_eq!(rotated.unwrap().orientation, 6, "read again from the content");
    assert_eq!(lead.evidence_blob_stats().unwrap().0, 4, "the removed file's content went with it");

    // The next package to the university carries what it returned, its own item included.
    let p2 = through_file(&package::export_for_co_builder(&mut lead, id, 1, at(40)).unwrap());
    let mut names: Vec<&str> = p2.evidence.iter().map(|f| f.file_name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["agreement-3p.pdf", "certificate-scan.jpg", "sideways-exif6.jpg"]);
    let draft2 = package::open_as_draft(&mut co, &p2).unwrap().draft_id;
    assert_eq!(
        stored_files(&co, draft2),
        expected(&[
            ("agreement-3p.pdf", "共建单位营业执照"),
            ("certificate-scan.jpg", "共建单位营业执照"),
            ("sideways-exif6.jpg", "高新技术企业证书"),
        ])
    );
    // Returned unchanged: nothing to merge, nothing stored twice.
    let back2 = through_file(&package::export_back(&mut co, draft2, at(50)).unwrap());
    let preview = package::preview_return(&lead, &back2).unwrap();
    assert!(preview.evidence.is_empty(), "{:?}", preview.evidence);
    assert_eq!(preview.evidence_unchanged, 3);
    package::apply_return(&mut lead, &back2, &PackageDecisions::default()).unwrap();
    assert_eq!(stored_files(&lead, id).len(), 4);
}

#[test]
fn a_version_1_package_still_opens_and_a_changed_content_is_refused() {
    let lead = TempDb::new();
    let (mut store, id, p) = lead_and_package(&lead);
    // Written by the previous release: version 1, no materials.
    let mut old: serde_json::Value = serde_json::from_str(&package::to_json(&p)).unwrap();
    old["version"] = 1.into();
    let old = package::from_json(&old.to_string()).unwrap();
    let co_db = TempDb::new();
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &old).unwrap().draft_id;
    let mut back: serde_json::Value =
        serde_json::from_str(&package::to_json(&package::export_back(&mut co, draft, at(5)).unwrap()))
            .unwrap();
    back["version"] = 1.into();
    let back = package::from_json(&back.to_string()).unwrap();
    let preview = package::preview_return(&store, &back).unwrap();
    assert!(preview.is_empty());
    let text = preview.text();
    assert!(text.contains("没有任何改动") && !text.contains("印证材料未改动"), "{text}");

    // One changed byte of a content is caught by its SHA-256, and nothing is opened.
    add_item(&mut store, id, "共建单位营业执照", Evidences::Unit(UNIVERSITY.into()), false);
    attach_files(&mut store, id, "共建单位营业执照", &["agreement-3p.pdf"]);
    let mut p = package::export_for_co_builder(&mut store, id, 1, at(10)).unwrap();
    let content = p.contents.values_mut().next().unwrap();
    let flipped = if content.starts_with('A') { "B" } else { "A" };
    content.replace_range(0..1, flipped);
    let e = package::from_json(&package::to_json(&p)).unwrap_err();
    assert_eq!(e.code(), "invalid_package");
    assert!(e.to_string().contains("SHA-256"), "{e}");
}

/// An item about one of the co-builder's people travels to it with its files; an item about a
/// person of another unit, or of no unit, stays with the lead.
#[test]
fn an_item_about_a_person_travels_to_the_unit_that_employs_them() {
    let lead_db = TempDb::new();
    let (mut lead, id) = lead_with_sample(&lead_db);
    let about = |s: &mut Store, title: &str, person: &str, file: &str| {
        add_item(s, id, title, Evidences::Person(person.into()), false);
        attach_files(s, id, title, &[file]);
    };
    about(&mut lead, "吕学军职称证书", "吕学军", "letter.pdf"); // the university's
    about(&mut lead, "贾振宇职称证书", "贾振宇", "agreement-3p.pdf"); // the lead enterprise's
    about(&mut lead, "陆家豪职称证书", "陆家豪", "landscape-invoice.pdf"); // no employer given

    let p = through_file(&package::export_for_co_builder(&mut lead, id, 1, at(0)).unwrap());
    let titles: Vec<&str> = p.evidence_items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["吕学军职称证书"]);
    let files: Vec<&str> = p.evidence.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(files, ["letter.pdf"]);
}

/// The lead's own changes to the unit's files after sending stand: a file it removed comes back
/// only if the co-builder changed it, a file both attached is not added twice. Two files of an
/// item the co-builder created go under one new item. A file change the lead rejects is not
/// written and is counted as not taken.
#[test]
fn the_leads_own_file_changes_stand_and_a_rejected_file_is_not_written() {
    let lead_db = TempDb::new();
    let (mut lead, id) = lead_with_sample(&lead_db);
    let (licence, certificate) = ("共建单位营业执照", "高新技术企业证书");
    add_item(&mut lead, id, licence, Evidences::Unit(UNIVERSITY.into()), true);
    attach_files(&mut lead, id, licence, &["agreement-3p.pdf", "letter.pdf"]);
    let p = through_file(&package::export_for_co_builder(&mut lead, id, 1, at(0)).unwrap());
    let co_db = TempDb::new();
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;

    // Meanwhile the lead removes the letter and attaches the certificate scan itself.
    let letter =
        lead.evidence_files(id).unwrap().into_values().flatten().find(|f| f.file_name == "letter.pdf");
    shenbao::service::evidence::remove_file(&mut lead, id, letter.unwrap().id).unwrap();
    attach_files(&mut lead, id, licence, &["certificate-scan.jpg"]);
    // The co-builder keeps the letter, attaches the same scan and one more file, and two files
    // under an item of its own.
    attach_files(&mut co, draft, licence, &["certificate-scan.jpg", "full-bleed-a4.pdf"]);
    add_item(&mut co, draft, certificate, Evidences::Other, false);
    attach_files(&mut co, draft, certificate, &["sideways-exif6.jpg", "landscape-invoice.pdf"]);
    let back = through_file(&package::export_back(&mut co, draft, at(30)).unwrap());

    let preview = package::preview_return(&lead, &back).unwrap();
    let shown: Vec<(ChangeKind, &str)> =
        preview.evidence.iter().map(|c| (c.action, c.file_name.as_str())).collect();
    assert_eq!(
        shown,
        [
            (ChangeKind::Added, "full-bleed-a4.pdf"),
            (ChangeKind::Added, "sideways-exif6.jpg"),
            (ChangeKind::Added, "landscape-invoice.pdf")
        ],
        "only what the co-builder changed"
    );
    assert_eq!(preview.evidence_unchanged, 3, "the letter as sent, the scan the lead holds, the agreement");
    assert!(!preview.is_empty(), "a file added is a change, with no row changed");
    let text = preview.text();
    assert!(!text.contains("没有任何改动") && text.contains("印证材料未改动 3 个文件"), "{text}");

    let decisions = PackageDecisions {
        accept: [(preview.evidence[0].key.clone(), false)].into_iter().collect(),
        clashes_theirs: false,
    };
    let summary = package::apply_return(&mut lead, &back, &decisions).unwrap();
    assert_eq!((summary.files_added, summary.files_removed, summary.rejected), (2, 0, 1));
    assert!(summary.text().ends_with("印证材料新增 2 个文件，删除 0 个；未采纳 1"), "{}", summary.text());
    assert_eq!(
        stored_files(&lead, id),
        expected(&[
            ("agreement-3p.pdf", licence),
            ("certificate-scan.jpg", licence),
            ("sideways-exif6.jpg", certificate),
            ("landscape-invoice.pdf", certificate),
        ])
    );
    let items = lead.evidence_user_items(id).unwrap();
    assert_eq!(items.iter().filter(|i| i.title == certificate).count(), 1, "one new item for both files");
}

/// The preview names every changed row in words, as the lead knows it: the unit by its name, an
/// instrument with its asset number (or by name alone without one), a site by address and room,
/// an investment by its year, an achievement by its title.
#[test]
fn a_return_names_each_changed_row_in_words() {
    let (lead, co_db) = (TempDb::new(), TempDb::new());
    let (store, _, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let app = co.load_application(draft).unwrap();
    let mut unit = app.host_units[0].clone();
    unit.core_member = !unit.core_member;
    co.save_row(draft, &RowData::HostUnit(unit)).unwrap();
    let instrument = |name: &str| app.instruments.iter().find(|r| r.name == name).unwrap().clone();
    let mut xps = instrument("X射线光电子能谱仪");
    xps.original_value = Yuan(xps.original_value.0 + 1);
    co.save_row(draft, &RowData::Instrument(xps)).unwrap();
    let mut afm = instrument("原子力显微镜");
    afm.asset_number = String::new();
    co.save_row(draft, &RowData::Instrument(afm)).unwrap();
    let site = app.sites.iter().find(|s| s.building_room == "材料楼5层501—516室").unwrap();
    co.delete_row(draft, RowKind::Site, site.id.unwrap()).unwrap();
    let mut investment = app.rd_investments.iter().find(|r| r.year == 2021).unwrap().clone();
    investment.amount = Yuan(investment.amount.0 + 1);
    co.save_row(draft, &RowData::RdInvestment(investment)).unwrap();
    let patent = app.achievements.iter().find(|a| a.identifier == "ZL202011426617.1").unwrap();
    co.delete_row(draft, RowKind::Achievement, patent.id.unwrap()).unwrap();
    let back = through_file(&package::export_back(&mut co, draft, at(30)).unwrap());

    let preview = package::preview_return(&store, &back).unwrap();
    let shown: Vec<(ChangeKind, &str)> =
        preview.tables.iter().flat_map(|t| &t.changes).map(|c| (c.action, c.label.as_str())).collect();
    let expected = [
        (ChangeKind::Changed, "晋阳示范大学"),
        (ChangeKind::Changed, "X射线光电子能谱仪（资产编号 JY-2020-2099）"),
        (ChangeKind::Changed, "原子力显微镜"),
        (ChangeKind::Removed, "太原市万柏林区示例学府街66号 材料楼5层501—516室"),
        (ChangeKind::Changed, "2021 年"),
        (ChangeKind::Removed, "一种氮掺杂煤基多孔碳材料及其制备方法"),
    ];
    assert_eq!(shown, expected);
    let text = preview.text();
    assert!(text.contains("  修改 X射线光电子能谱仪（资产编号 JY-2020-2099）  [instruments:"), "{text}");
}

/// What a merge says it wrote: the files part only when a file was added or removed.
#[test]
fn the_merge_summary_names_files_only_when_some_were_added_or_removed() {
    let summary = |files_added, files_removed| {
        package::PackageSummary { added: 1, rejected: 2, files_added, files_removed, ..Default::default() }
            .text()
    };
    assert_eq!(summary(0, 0), "已合并：新增 1，修改 0，删除 0；未采纳 2");
    assert_eq!(summary(0, 1), "已合并：新增 1，修改 0，删除 0；印证材料新增 0 个文件，删除 1 个；未采纳 2");
    assert_eq!(summary(1, 1), "已合并：新增 1，修改 0，删除 0；印证材料新增 1 个文件，删除 1 个；未采纳 2");
}

/// A return finds its unit in the lead's application by its row, or by its credit code when the
/// lead removed and entered the unit again; with the unit gone, the return is refused and says
/// which unit to restore.
#[test]
fn a_return_is_refused_when_its_unit_is_gone_and_found_again_by_credit_code() {
    let (lead, co_db) = (TempDb::new(), TempDb::new());
    let (mut store, id, p) = lead_and_package(&lead);
    let mut co = co_db.open();
    let draft = package::open_as_draft(&mut co, &p).unwrap().draft_id;
    let mut theirs = co.load_application(draft).unwrap().host_units[0].clone();
    theirs.core_member = !theirs.core_member;
    co.save_row(draft, &RowData::HostUnit(theirs)).unwrap();
    let back = co_builder_edits(&mut co, draft);
    assert!(package::preview_return(&store, &back).is_ok());

    let unit = p.rows.unit.clone();
    store.delete_row(id, RowKind::HostUnit, unit.id.unwrap()).unwrap();
    let e = package::preview_return(&store, &back).unwrap_err();
    assert_eq!(e.code(), "unit_not_found");
    assert!(e.to_string().contains("晋阳示范大学") && e.to_string().contains(UNIVERSITY), "{e}");

    store.save_row(id, &RowData::HostUnit(shenbao::model::HostUnit { id: None, ..unit.clone() })).unwrap();
    let again = store.load_application(id).unwrap();
    let entered = again.host_units.iter().find(|h| h.uscc == UNIVERSITY).unwrap();
    assert_ne!(entered.id, unit.id, "a new row");
    let preview = package::preview_return(&store, &back).unwrap();
    assert_eq!(preview.unit_name, "晋阳示范大学");

    // Taking every clash of theirs still keeps the unit the lead entered again as it is.
    let decisions = PackageDecisions { clashes_theirs: true, ..Default::default() };
    let summary = package::apply_return(&mut store, &back, &decisions).unwrap();
    assert_eq!((summary.added, summary.changed, summary.removed, summary.rejected), (1, 1, 1, 1));
    let after = store.load_application(id).unwrap();
    let units: Vec<_> = after.host_units.iter().filter(|h| h.uscc == UNIVERSITY).collect();
    assert_eq!(units.len(), 1, "not entered twice");
    assert_eq!(units[0].core_member, unit.core_member, "the lead's details");
}

/// A row the co-builder changed and the lead removed meanwhile is a clash; taking the
/// co-builder's version brings it back as a new row.
#[test]
fn a_row_the_lead_removed_comes_back_as_new_when_the_co_builders_change_is_taken() {
    let lead = TempDb::new();
    let (mut store, id, p, back) = sent_and_returned(&lead);
    let sent = p.rows.instruments[0].clone();
    store.delete_row(id, RowKind::Instrument, sent.id.unwrap()).unwrap();

    let preview = package::preview_return(&store, &back).unwrap();
    let change =
        preview.tables.iter().flat_map(|t| &t.changes).find(|c| c.kind == RowKind::Instrument).unwrap();
    assert_eq!((change.action, change.clash, change.lead.is_none()), (ChangeKind::Changed, true, true));
    assert!(preview.text().contains("牵头单位已删除该行；共建单位改为："), "{}", preview.text());

    let decisions = PackageDecisions { clashes_theirs: true, ..Default::default() };
    let summary = package::apply_return(&mut store, &back, &decisions).unwrap();
    assert_eq!((summary.added, summary.changed, summary.removed, summary.rejected), (2, 0, 1, 0));
    let after = store.load_application(id).unwrap();
    let back_again: Vec<_> =
        after.instruments.iter().filter(|r| r.asset_number == sent.asset_number).collect();
    assert_eq!(back_again.len(), 1);
    assert_ne!(back_again[0].id, sent.id, "a new row");
    assert_eq!(
        back_again[0].original_value,
        Yuan(sent.original_value.0 + 100_000),
        "the co-builder's version"
    );
}
