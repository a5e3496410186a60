//! The window's one save path (`service::save_row`): a row is normalised, its codes' facts
//! derived and stored, and every field-level issue comes back located at its field, while
//! whatever the user typed is kept.

use chrono::NaiveDate;
use shenbao::model::{Gender, HostUnit, Person, RowId};
use shenbao::service;
use shenbao::store::{RowData, Store};

use crate::common::{sample, TempDb};

fn person(store: &Store, app: RowId, id: RowId) -> Person {
    store.load_application(app).unwrap().people.into_iter().find(|p| p.id == Some(id)).expect("saved person")
}

fn new_person(number: &str) -> Person {
    let mut p = sample().people[0].clone();
    p.id = None;
    p.name = "赵六".to_string();
    p.id_doc.number = number.to_string();
    p.birth_date = None;
    p.gender = None;
    p
}

#[test]
fn a_valid_resident_id_sets_birth_date_and_gender() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();

    // Full-width digits and a lower-case x, as typed with a Chinese input method.
    let saved = service::save_row(
        &mut store,
        app,
        RowData::Person(new_person("１１０１０５ １９４９１２３１ ００２x")),
    )
    .unwrap();

    assert!(saved.issues.is_empty(), "{:?}", saved.issues);
    let stored = person(&store, app, saved.id);
    assert_eq!(stored.id_doc.number, "11010519491231002X");
    assert_eq!(stored.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31));
    assert_eq!(stored.gender, Some(Gender::Female));
    assert_eq!(saved.row, RowData::Person(stored), "the answer is the row as stored");
}

#[test]
fn a_new_id_number_moves_the_derived_birth_date_with_it() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let saved =
        service::save_row(&mut store, app, RowData::Person(new_person("11010519491231002X"))).unwrap();

    let mut again = person(&store, app, saved.id);
    again.id_doc.number = "360426199101010071".to_string();
    service::save_row(&mut store, app, RowData::Person(again)).unwrap();

    let stored = person(&store, app, saved.id);
    assert_eq!(stored.birth_date, NaiveDate::from_ymd_opt(1991, 1, 1));
    assert_eq!(stored.gender, Some(Gender::Male));
}

#[test]
fn a_bad_resident_id_is_an_issue_at_its_field_and_nothing_saved_is_lost() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let saved =
        service::save_row(&mut store, app, RowData::Person(new_person("11010519491231002X"))).unwrap();

    let mut edited = person(&store, app, saved.id);
    edited.id_doc.number = "110105194912310021".to_string(); // wrong check character
    edited.discipline = "材料科学".to_string();
    let answer = service::save_row(&mut store, app, RowData::Person(edited)).unwrap();

    assert_eq!(answer.issues.len(), 1, "{:?}", answer.issues);
    assert_eq!(answer.issues[0].path, "id_doc.number");
    assert_eq!(answer.issues[0].field, "身份证号码");
    assert!(answer.issues[0].message.contains("校验位"), "{}", answer.issues[0].message);

    let stored = person(&store, app, saved.id);
    assert_eq!(stored.id_doc.number, "110105194912310021", "the number is kept as typed, to be fixed");
    assert_eq!(stored.discipline, "材料科学", "the other edits of the same save are kept");
    assert_eq!(stored.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31), "the earlier birth date is kept");
    assert_eq!(store.load_application(app).unwrap().people.len(), sample().people.len() + 1);
}

#[test]
fn a_host_units_credit_code_is_checked_and_its_region_given() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let mut host: HostUnit = sample().host_units[0].clone();
    host.id = None;
    host.uscc = "9111 0108 5513 8508 2q".to_string();

    let good = service::save_row(&mut store, app, RowData::HostUnit(host.clone())).unwrap();
    assert!(good.issues.is_empty(), "{:?}", good.issues);
    assert_eq!(good.uscc_region.as_deref(), Some("110108"));
    let RowData::HostUnit(stored) = &good.row else { panic!("a host unit") };
    assert_eq!(stored.uscc, "91110108551385082Q");

    host.id = Some(good.id);
    host.uscc = "91110108551385082R".to_string();
    let bad = service::save_row(&mut store, app, RowData::HostUnit(host)).unwrap();
    assert_eq!(bad.uscc_region, None);
    let paths: Vec<&str> = bad.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["uscc"]);
    assert!(bad.issues[0].message.contains("应为Q"), "{}", bad.issues[0].message);
}

#[test]
fn a_person_saved_a_second_time_is_an_issue_on_the_row_and_the_row_is_kept() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let app = store.insert_application(&s).unwrap();
    let mut again = s.people[10].clone();
    again.id = None;
    let saved = service::save_row(&mut store, app, RowData::Person(again)).unwrap();
    let issue = saved.issues.iter().find(|i| i.path == "id_doc.number").expect("a repeat issue");
    assert_eq!(issue.field, format!("人员名单第{}行 证件号码", s.people.len() + 1));
    assert!(issue.message.starts_with("与第11行重复"), "{}", issue.message);
    assert!(issue.message.contains("只计一次"), "{}", issue.message);
    assert_eq!(store.load_application(app).unwrap().people.len(), s.people.len() + 1, "kept as typed");
    // A different person: no such issue.
    let saved =
        service::save_row(&mut store, app, RowData::Person(new_person("11010519491231002X"))).unwrap();
    assert!(saved.issues.is_empty(), "{:?}", saved.issues);
}
