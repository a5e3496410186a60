//! The registry of existing platforms edited by hand: update and delete round trips, the
//! duplicate report following an edit, and an invalid platform refused with nothing written.

use chrono::NaiveDate;
use shenbao::duplicates;
use shenbao::model::{
    ExistingPlatform, IdDocument, IdKind, MemberRole, PlatformKind, PlatformLevel, PlatformMember,
};
use shenbao::registry::{self, RegistryError};
use shenbao::store::StoreError;

use crate::common::{sample, TempDb};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn today() -> NaiveDate {
    date("2024-05-06")
}

fn lab() -> ExistingPlatform {
    ExistingPlatform {
        id: None,
        name: "山西省先进碳材料重点实验室".into(),
        level: PlatformLevel::Provincial,
        kind: PlatformKind::KeyLab,
        host_name: "山西某大学".into(),
        host_uscc: "91110108551385082Q".into(),
        approval_date: Some(date("2020-01-01")),
        members: vec![PlatformMember {
            name: "张三".into(),
            id_doc: IdDocument { kind: IdKind::ResidentId, number: "11010519491231002X".into() },
            role: MemberRole::Director,
            joined: Some(date("2020-01-01")),
            left: None,
        }],
        instruments: Vec::new(),
        sites: Vec::new(),
    }
}

#[test]
fn a_platform_is_added_edited_deleted_and_put_back() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = registry::save_platform(&mut store, &lab(), today()).unwrap();
    let mut saved = store.load_platform(id).unwrap();
    assert_eq!(saved.id, Some(id));
    saved.name = "山西省碳基材料重点实验室".into();
    saved.level = PlatformLevel::National;
    saved.members[0].left = Some(date("2023-12-31"));
    assert_eq!(registry::save_platform(&mut store, &saved, today()).unwrap(), id);
    drop(store);
    let mut store = db.open();
    assert_eq!(store.list_platforms().unwrap(), vec![saved.clone()]);

    let removed = store.delete_platform(id).unwrap();
    assert_eq!(removed.id, None);
    assert_eq!(removed.name, "山西省碳基材料重点实验室");
    assert!(store.list_platforms().unwrap().is_empty());
    assert!(matches!(store.delete_platform(id), Err(StoreError::RowNotFound { .. })));
    assert!(matches!(store.update_platform(&saved), Err(StoreError::RowNotFound { .. })));

    // Undo: the returned platform goes back in whole.
    let again = store.insert_platforms(&[removed]).unwrap()[0];
    let mut back = store.load_platform(again).unwrap();
    back.id = Some(id);
    assert_eq!(back, saved);
}

#[test]
fn a_member_edit_and_a_delete_are_seen_by_the_duplicate_report() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    store.insert_application(&s).unwrap();
    let params = shenbao::service::cross_params(None).unwrap();
    let before = duplicates::report(&store, &params).unwrap();

    let id = registry::save_platform(&mut store, &lab(), today()).unwrap();
    let unrelated = duplicates::report(&store, &params).unwrap();
    assert_eq!(unrelated.people, before.people, "张三 is in no application");

    // The member becomes a person of the sample application: a conflict naming the platform.
    let mut edited = store.load_platform(id).unwrap();
    edited.members[0] = PlatformMember {
        name: s.people[4].name.clone(),
        id_doc: s.people[4].id_doc.clone(),
        role: MemberRole::Fixed,
        joined: Some(date("2015-01-01")),
        left: None,
    };
    registry::save_platform(&mut store, &edited, today()).unwrap();
    let after = duplicates::report(&store, &params).unwrap();
    let names_lab = |r: &duplicates::Report| {
        r.people.iter().flat_map(|g| &g.conflicts).any(|c| c.message.contains("山西省先进碳材料重点实验室"))
    };
    assert!(names_lab(&after), "{:#?}", after.people);
    assert!(after.total > before.total);

    // Renamed: the report names the new name only.
    edited.name = "山西省碳基材料重点实验室".into();
    registry::save_platform(&mut store, &edited, today()).unwrap();
    let renamed = duplicates::report(&store, &params).unwrap();
    assert!(!names_lab(&renamed));
    assert!(renamed
        .people
        .iter()
        .flat_map(|g| &g.conflicts)
        .any(|c| c.message.contains("山西省碳基材料重点实验室")));

    store.delete_platform(id).unwrap();
    assert_eq!(duplicates::report(&store, &params).unwrap(), before);
}

#[test]
fn an_invalid_platform_is_refused_with_nothing_written() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = registry::save_platform(&mut store, &lab(), today()).unwrap();
    let stored = store.load_platform(id).unwrap();

    let mut bad = stored.clone();
    bad.name = "  ".into();
    bad.members[0].id_doc.number = "110105194912310021".into();
    bad.members[0].joined = Some(date("2024-05-07"));
    let err = registry::save_platform(&mut store, &bad, today()).unwrap_err();
    assert_eq!(err.code(), "invalid_platform");
    let RegistryError::Invalid(issues) = &err else { panic!("{err:?}") };
    let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, ["平台名称", "平台人员第1行 身份证号码", "平台人员第1行 加入日期"]);
    let message = err.to_string();
    assert!(message.starts_with("已建平台有 3 处需要修改，未保存：平台名称：未填写"), "{message}");
    assert_eq!(store.list_platforms().unwrap(), vec![stored]);

    let mut new_bad = lab();
    new_bad.host_uscc = "91110108551385082R".into();
    let err = registry::save_platform(&mut store, &new_bad, today()).unwrap_err();
    assert!(err.to_string().contains("依托单位统一社会信用代码"), "{err}");
    assert_eq!(store.list_platforms().unwrap().len(), 1);
}

#[test]
fn codes_are_normalised_on_save() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut p = lab();
    p.host_uscc = " 91110108551385082q ".into();
    p.members[0].id_doc.number = "11010519491231002x".into();
    let id = registry::save_platform(&mut store, &p, today()).unwrap();
    let saved = store.load_platform(id).unwrap();
    assert_eq!(saved.host_uscc, "91110108551385082Q");
    assert_eq!(saved.members[0].id_doc.number, "11010519491231002X");
}
