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
        crate::common::today(),
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
    let saved = service::save_row(
        &mut store,
        app,
        RowData::Person(new_person("11010519491231002X")),
        crate::common::today(),
    )
    .unwrap();

    let mut again = person(&store, app, saved.id);
    again.id_doc.number = "360426199101010071".to_string();
    service::save_row(&mut store, app, RowData::Person(again), crate::common::today()).unwrap();

    let stored = person(&store, app, saved.id);
    assert_eq!(stored.birth_date, NaiveDate::from_ymd_opt(1991, 1, 1));
    assert_eq!(stored.gender, Some(Gender::Male));
}

#[test]
fn a_bad_resident_id_is_an_issue_at_its_field_and_nothing_saved_is_lost() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let saved = service::save_row(
        &mut store,
        app,
        RowData::Person(new_person("11010519491231002X")),
        crate::common::today(),
    )
    .unwrap();

    let mut edited = person(&store, app, saved.id);
    edited.id_doc.number = "110105194912310021".to_string(); // wrong check character
    edited.discipline = "材料科学".to_string();
    let answer = service::save_row(&mut store, app, RowData::Person(edited), crate::common::today()).unwrap();

    assert_eq!(answer.issues.len(), 1, "{:?}", answer.issues);
    assert_eq!(answer.issues[0].path, "id_doc.number");
    assert_eq!(answer.issues[0].field, "证件号码");
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

    let good =
        service::save_row(&mut store, app, RowData::HostUnit(host.clone()), crate::common::today()).unwrap();
    assert!(good.issues.is_empty(), "{:?}", good.issues);
    assert_eq!(good.uscc_region.as_deref(), Some("110108"));
    let RowData::HostUnit(stored) = &good.row else { panic!("a host unit") };
    assert_eq!(stored.uscc, "91110108551385082Q");

    host.id = Some(good.id);
    host.uscc = "91110108551385082R".to_string();
    let bad = service::save_row(&mut store, app, RowData::HostUnit(host), crate::common::today()).unwrap();
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
    let saved = service::save_row(&mut store, app, RowData::Person(again), crate::common::today()).unwrap();
    let issue = saved.issues.iter().find(|i| i.path == "id_doc.number").expect("a repeat issue");
    assert_eq!(issue.field, format!("人员名单第{}行 证件号码", s.people.len() + 1));
    assert!(issue.message.starts_with("与第11行重复"), "{}", issue.message);
    assert!(issue.message.contains("只计一次"), "{}", issue.message);
    assert_eq!(store.load_application(app).unwrap().people.len(), s.people.len() + 1, "kept as typed");
    // A different person: no such issue.
    let saved = service::save_row(
        &mut store,
        app,
        RowData::Person(new_person("11010519491231002X")),
        crate::common::today(),
    )
    .unwrap();
    assert!(saved.issues.is_empty(), "{:?}", saved.issues);
}

/// Saves `row` (new) into a fresh copy of the sample, then the same row with `edit` applied;
/// returns the second answer and the application as stored afterwards.
fn save_twice(
    row: RowData,
    edit: impl FnOnce(&mut RowData),
) -> (service::SavedRow, shenbao::model::Application) {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let first = service::save_row(&mut store, app, row, crate::common::today()).unwrap();
    assert!(first.stored);
    let mut again = first.row.clone();
    edit(&mut again);
    let answer = service::save_row(&mut store, app, again, crate::common::today()).unwrap();
    (answer, store.load_application(app).unwrap())
}

/// One issue at `path`, whose label and message are `field` and contain `message`.
fn assert_issue(saved: &service::SavedRow, path: &str, field: &str, message: &str) {
    let found: Vec<String> =
        saved.issues.iter().map(|i| format!("{} {}：{}", i.path, i.field, i.message)).collect();
    let issue = saved
        .issues
        .iter()
        .find(|i| i.path == path)
        .unwrap_or_else(|| panic!("no issue at {path}: {found:?}"));
    assert_eq!(issue.field, field, "{found:?}");
    assert!(issue.message.contains(message), "{found:?}");
}

#[test]
fn every_row_kind_answers_a_bad_value_with_a_chinese_issue_at_its_field() {
    let s = sample();
    let mut instrument = s.instruments[0].clone();
    instrument.id = None;
    let (saved, app) = save_twice(RowData::Instrument(instrument), |r| {
        let RowData::Instrument(i) = r else { unreachable!() };
        i.owner_uscc = "91350100M000100Y43".into();
        i.model = "SEM-6000".into();
    });
    assert_issue(&saved, "owner_uscc", "所属单位", "不是任何一家依托单位");
    let kept = app.instruments.iter().find(|i| i.id == Some(saved.id)).unwrap();
    assert_eq!(kept.model, "SEM-6000", "a row with an issue is stored as typed");

    let mut site = s.sites[0].clone();
    site.id = None;
    let (saved, _) = save_twice(RowData::Site(site), |r| {
        let RowData::Site(x) = r else { unreachable!() };
        x.area.0 = 0;
    });
    assert_issue(&saved, "area", "面积", "应大于0平方米");
    assert!(saved.stored, "an empty area is a normal state of editing");

    let mut rd = s.rd_investments[0].clone();
    rd.id = None;
    let (saved, _) = save_twice(RowData::RdInvestment(rd), |r| {
        let RowData::RdInvestment(x) = r else { unreachable!() };
        x.year = 1980;
    });
    assert_issue(&saved, "year", "年度", "1980不是有效年度");

    let mut achievement = s.achievements[0].clone();
    achievement.id = None;
    let (saved, app) = save_twice(RowData::Achievement(achievement), |r| {
        let RowData::Achievement(x) = r else { unreachable!() };
        x.title = String::new();
    });
    assert_issue(&saved, "title", "成果名称", "未填写");
    assert!(app.achievements.iter().any(|a| a.id == Some(saved.id) && a.title.is_empty()));

    let mut direction = s.directions[0].clone();
    direction.id = None;
    let (saved, _) = save_twice(RowData::Direction(direction), |r| {
        let RowData::Direction(x) = r else { unreachable!() };
        x.title = " ".into();
    });
    assert_issue(&saved, "title", "方向名称", "未填写");

    let (saved, _) = save_twice(RowData::Person(new_person("11010519491231002X")), |r| {
        let RowData::Person(x) = r else { unreachable!() };
        x.name = String::new();
        x.employer_uscc = Some("91350100M000100Y43".into());
    });
    assert_issue(&saved, "name", "姓名", "未填写");
    assert_issue(&saved, "employer_uscc", "工作单位统一社会信用代码", "不是任何一家依托单位");
}

/// A name pasted with an invisible control character (here a right-to-left override, which makes
/// it read otherwise than stored) is an issue at the name of a person row and of a host unit row.
#[test]
fn a_name_with_a_control_character_is_an_issue_at_the_rows_name() {
    let (saved, _) = save_twice(RowData::Person(new_person("11010519491231002X")), |r| {
        let RowData::Person(x) = r else { unreachable!() };
        x.name = "张\u{202E}三".into();
    });
    assert_issue(&saved, "name", "姓名", "控制字符（U+202E）");

    let mut host = sample().host_units[1].clone();
    host.id = None;
    let (saved, _) = save_twice(RowData::HostUnit(host), |r| {
        let RowData::HostUnit(x) = r else { unreachable!() };
        x.name = "山西某大学\u{0}".into();
    });
    assert_issue(&saved, "name", "单位名称", "控制字符（U+0000）");
}

#[test]
fn a_negative_amount_is_refused_at_its_field_and_the_stored_value_kept() {
    let s = sample();
    let mut instrument = s.instruments[0].clone();
    instrument.id = None;
    let (saved, app) = save_twice(RowData::Instrument(instrument.clone()), |r| {
        let RowData::Instrument(i) = r else { unreachable!() };
        i.original_value.0 = -5;
    });
    assert_issue(&saved, "original_value", "原值", "不能为负数");
    assert!(!saved.stored);
    let kept = app.instruments.iter().find(|i| i.id == Some(saved.id)).unwrap();
    assert_eq!(kept.original_value, instrument.original_value, "the last good value stays");

    // A new row with a negative amount is kept (its amount empty), not refused by the database.
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let mut rd = s.rd_investments[0].clone();
    rd.id = None;
    rd.year = 2020;
    rd.amount.0 = -1;
    let saved =
        service::save_row(&mut store, app, RowData::RdInvestment(rd), crate::common::today()).unwrap();
    assert_issue(&saved, "amount", "研发投入", "不能为负数");
    assert!(!saved.stored);
    let stored = store.load_application(app).unwrap();
    assert!(stored.rd_investments.iter().any(|r| r.id == Some(saved.id) && r.amount.0 == 0));
}

#[test]
fn application_fields_go_through_the_same_save_path() {
    use shenbao::store::ApplicationField;
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();

    let saved = service::save_field(&mut store, app, ApplicationField::CentreName(" ".into())).unwrap();
    assert_eq!(saved.issues.len(), 1);
    assert_eq!((saved.issues[0].path.as_str(), saved.issues[0].field.as_str()), ("centre_name", "中心名称"));
    assert_eq!(store.load_application(app).unwrap().centre_name, " ", "kept as typed");

    let old = NaiveDate::from_ymd_opt(1024, 3, 15).unwrap();
    let saved = service::save_field(&mut store, app, ApplicationField::ReferenceDate(Some(old))).unwrap();
    assert_eq!(saved.issues[0].path, "reference_date");
    assert!(saved.issues[0].message.contains("1024年3月15日"), "{:?}", saved.issues);

    let good = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
    let saved = service::save_field(&mut store, app, ApplicationField::ReferenceDate(Some(good))).unwrap();
    assert!(saved.issues.is_empty());
    assert_eq!(store.load_application(app).unwrap().reference_date, Some(good));
}

#[test]
fn the_whole_application_validator_and_the_row_validators_agree() {
    // An import (JSON, a package merge) judges a row by the same functions as the window.
    let mut app = sample();
    app.instruments[0].owner_uscc = "91350100M000100Y43".into();
    let whole = shenbao::validate::validate_application(&app);
    let hosts = shenbao::validate::host_codes(&app.host_units);
    let row = shenbao::validate::validate_instrument(&app.instruments[0], &hosts);
    assert_eq!(row.len(), 1);
    assert!(whole
        .iter()
        .any(|i| i.path == format!("instruments[0].{}", row[0].path) && i.message == row[0].message));
}

#[test]
fn an_implausible_amount_is_a_warning_at_its_field_stored_and_counted_and_no_import_refuses_it() {
    use shenbao::validate::{IssueLevel, INSTRUMENT_VALUE_PLAUSIBLE_MAX};
    let s = sample();
    let mut instrument = s.instruments[0].clone();
    instrument.id = None;
    // The walk's m4: a 120 万元 instrument typed in 元 into the 万元 cell, 1 200 000 万元.
    let (saved, app) = save_twice(RowData::Instrument(instrument), |r| {
        let RowData::Instrument(i) = r else { unreachable!() };
        i.original_value.0 = 1_200_000 * 10_000;
    });
    assert_issue(&saved, "original_value", "原值", "请核对是否把以元计的金额填成了万元");
    assert_eq!(saved.issues.iter().find(|i| i.path == "original_value").unwrap().level, IssueLevel::Warning);
    assert!(saved.stored, "a warning never stops the save");
    assert!(app.instruments.iter().any(|i| i.id == Some(saved.id) && i.original_value.0 == 12_000_000_000));

    // At the bound: no warning.
    let mut at_bound = s.instruments[0].clone();
    at_bound.id = None;
    let (saved, _) = save_twice(RowData::Instrument(at_bound), |r| {
        let RowData::Instrument(i) = r else { unreachable!() };
        i.original_value = INSTRUMENT_VALUE_PLAUSIBLE_MAX;
    });
    // (The copy repeats the sample's first instrument: that issue is at its asset number.)
    assert!(saved.issues.iter().all(|i| i.path != "original_value"), "{:?}", saved.issues);

    // A JSON import holding it is read (the warning is not an error).
    let mut doc = s.clone();
    doc.instruments[0].original_value.0 = 12_000_000_000;
    let text = shenbao::interchange::application_to_json(&doc);
    let read =
        shenbao::interchange::application_from_json(&text).expect("an implausible amount is not refused");
    assert_eq!(read.instruments[0].original_value.0, 12_000_000_000);
}

#[test]
fn a_credit_code_names_its_registering_place_and_a_kind_it_does_not_fit_is_a_warning() {
    use shenbao::model::UnitKind;
    use shenbao::validate::IssueLevel;
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let mut host: HostUnit = sample().host_units[0].clone();
    host.id = None;
    // The walk's co-builder 吕梁学院: 12… is a public institution, left at the default 企业.
    host.uscc = "12141100405713623T".to_string();
    host.kind = UnitKind::Enterprise;
    let saved =
        service::save_row(&mut store, app, RowData::HostUnit(host.clone()), crate::common::today()).unwrap();
    let reading = saved.uscc_reading.as_ref().expect("a valid code is read");
    assert_eq!(reading.region_name.as_deref(), Some("山西省吕梁市"));
    assert_eq!(reading.registration, "机构编制部门登记的事业单位");
    assert_eq!(reading.kinds, [UnitKind::University, UnitKind::ResearchInstitute]);
    assert_eq!(saved.uscc_region.as_deref(), Some("141100"));
    assert_issue(&saved, "kind", "单位类型", "单位类型宜为高等院校或科研院所，现为企业");
    assert_eq!(saved.issues[0].level, IssueLevel::Warning);
    assert!(saved.stored);

    host.id = Some(saved.id);
    host.kind = UnitKind::University;
    let fixed = service::save_row(&mut store, app, RowData::HostUnit(host), crate::common::today()).unwrap();
    assert!(fixed.issues.is_empty(), "{:?}", fixed.issues);
}

/// A date after the day of entry and an instrument without its 原值 are kept as typed and
/// flagged as warnings at their fields (review m13); today itself and a filled value are not.
#[test]
fn a_future_date_and_a_zero_value_are_warnings_and_the_row_is_stored_as_typed() {
    use shenbao::validate::IssueLevel;
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let today = crate::common::today();
    let warnings = |saved: &shenbao::service::SavedRow, path: &str| -> Vec<String> {
        saved
            .issues
            .iter()
            .filter(|i| i.path == path && i.level == IssueLevel::Warning)
            .map(|i| i.message.clone())
            .collect()
    };

    let mut passport = new_person("E12345678");
    passport.id_doc.kind = shenbao::model::IdKind::Passport;
    passport.birth_date = today.succ_opt();
    let saved = service::save_row(&mut store, app, RowData::Person(passport.clone()), today).unwrap();
    assert!(saved.stored);
    assert_eq!(
        warnings(&saved, "birth_date"),
        vec!["2026年12月3日晚于今天，请核对（已按所填保存）".to_string()]
    );
    assert_eq!(person(&store, app, saved.id).birth_date, today.succ_opt(), "kept as typed");
    passport.id = Some(saved.id);
    passport.birth_date = Some(today);
    let saved = service::save_row(&mut store, app, RowData::Person(passport), today).unwrap();
    assert!(warnings(&saved, "birth_date").is_empty(), "today is not after today");

    let mut rd = sample().rd_investments[0].clone();
    rd.id = None;
    rd.year = 2027;
    let saved = service::save_row(&mut store, app, RowData::RdInvestment(rd), today).unwrap();
    assert_eq!(warnings(&saved, "year").len(), 1);

    let mut instrument = sample().instruments[0].clone();
    instrument.id = None;
    instrument.asset_number = "ZERO-1".into();
    instrument.original_value.0 = 0;
    let saved = service::save_row(&mut store, app, RowData::Instrument(instrument.clone()), today).unwrap();
    assert!(saved.stored);
    assert_eq!(warnings(&saved, "original_value").len(), 1, "{:?}", saved.issues);
    assert!(saved.issues.iter().all(|i| i.level == IssueLevel::Warning), "{:?}", saved.issues);
    instrument.id = Some(saved.id);
    instrument.original_value.0 = 1;
    let saved = service::save_row(&mut store, app, RowData::Instrument(instrument), today).unwrap();
    assert!(warnings(&saved, "original_value").is_empty());
}

/// The window's one round trip per edit: the answer of a save carries the check of the
/// application as stored after it (the instruments total moves with the 原值 just typed).
#[test]
fn a_save_answers_the_check_after_it_in_the_same_call() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let found = |check: &service::RegistryCheck| {
        let c =
            check.assessment.criteria.iter().find(|c| c.id == "instruments").expect("instruments criterion");
        c.found.clone()
    };
    let before = service::check_stored(&store, app, &service::CheckOptions::default(), today).unwrap().check;

    let mut instrument = store.load_application(app).unwrap().instruments[0].clone();
    instrument.original_value.0 += 123_000_000;
    let answer = service::save_row_checked(&mut store, app, RowData::Instrument(instrument), today).unwrap();

    let after = service::check_stored(&store, app, &service::CheckOptions::default(), today).unwrap().check;
    assert_ne!(found(&answer.check), found(&before), "the check sees the new 原值");
    assert_eq!(
        serde_json::to_value(&answer.check).unwrap(),
        serde_json::to_value(&after).unwrap(),
        "the same check as asked for on its own"
    );
    assert!(answer.saved.stored);
}

/// An application field saved with its check: the issue at the field and the verdict after it.
#[test]
fn a_field_save_answers_its_issue_and_the_check_after_it() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let answer = service::save_field_checked(
        &mut store,
        app,
        shenbao::store::ApplicationField::CentreName(String::new()),
        today,
    )
    .unwrap();
    assert_eq!(answer.saved.issues[0].path, "centre_name");
    let after = service::check_stored(&store, app, &service::CheckOptions::default(), today).unwrap().check;
    assert_eq!(serde_json::to_value(&answer.check).unwrap(), serde_json::to_value(&after).unwrap());
}
