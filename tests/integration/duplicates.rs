//! Duplicate detection on real SQLite files: identity normalisation, every conflict kind, linked
//! documents, the cooling-off boundary, self-clash freedom, deletion, the report and migration 2.

use chrono::NaiveDate;
use rusqlite::Connection;
use shenbao::duplicates::identity::{
    achievement_key, document_key, instrument_key, mask_number, patent_number, site_key, unit_key,
};
use shenbao::duplicates::{
    self, Conflict, ConflictKind, Cooldown, CrossParams, Owner, PlatformScope, ProgrammeCross, Severity,
};
use shenbao::model::{
    AchievementKind, Application, Category, ExistingPlatform, IdDocument, IdKind, Instrument, MemberRole,
    Person, PlatformKind, PlatformLevel, PlatformMember, Role, RowId,
};
use shenbao::quantity::{AreaM2, Yuan};
use shenbao::rules::{CrossAnswer, CrossCheck, CrossView, Duplicate};
use shenbao::store::{RowData, Store};

use crate::common::{other_app, sample, swept, TempDb};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// The cross checks as the P1, P4 and a key-lab pack would declare them (test data).
fn params() -> CrossParams {
    let mut p = CrossParams::default();
    let provincial_or_national = [PlatformLevel::National, PlatformLevel::Provincial];
    let major = [PlatformKind::KeyLab, PlatformKind::Tic, PlatformKind::ClinicalCentre];
    p.programmes.insert(
        "P1".into(),
        ProgrammeCross {
            reference_date: Some(date("2024-05-06")),
            platform_class: Some(PlatformKind::Tic),
            platform_level: Some(PlatformLevel::Provincial),
            one_per_year: Some(PlatformScope::new(
                &[PlatformKind::KeyLab, PlatformKind::Tic],
                &[PlatformLevel::Provincial],
            )),
            not_already_built: Some(PlatformScope::new(
                &[PlatformKind::KeyLab, PlatformKind::Tic, PlatformKind::ClinicalCentre],
                &provincial_or_national,
            )),
            staff_exclusive: Some(PlatformScope::new(
                &[PlatformKind::KeyLab, PlatformKind::Tic, PlatformKind::ClinicalCentre],
                &provincial_or_national,
            )),
            no_concurrent: None,
            comprehensive_per_city: Some(1),
            name_unique: Some(PlatformScope::new(
                &[PlatformKind::Tic, PlatformKind::KeyLab],
                &[PlatformLevel::Provincial],
            )),
            no_double_resources: Some(PlatformScope::new(&major, &provincial_or_national)),
            narrative_percent: None,
            commitment_percent: None,
            commitment_citation: String::new(),
        },
    );
    p.programmes.insert(
        "P4".into(),
        ProgrammeCross {
            reference_date: Some(date("2024-05-06")),
            no_concurrent: Some(Cooldown {
                scope: PlatformScope::new(
                    &[PlatformKind::KeyLab, PlatformKind::Tic, PlatformKind::EngineeringCentre],
                    &[],
                ),
                years: 3,
            }),
            ..ProgrammeCross::default()
        },
    );
    p.programmes.insert(
        "PKL".into(),
        ProgrammeCross {
            platform_class: Some(PlatformKind::KeyLab),
            platform_level: Some(PlatformLevel::Provincial),
            ..ProgrammeCross::default()
        },
    );
    p.programmes.insert(
        "P4-city".into(),
        ProgrammeCross {
            platform_class: Some(PlatformKind::PilotBase),
            platform_level: Some(PlatformLevel::City),
            ..ProgrammeCross::default()
        },
    );
    p
}

/// A fresh database holding the sample application: the database (kept for the test's length),
/// its store, the sample and its row id.
fn sample_stored() -> (TempDb, Store, Application, RowId) {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let a = store.insert_application(&s).unwrap();
    (db, store, s, a)
}

/// Stores another application of the year (another lead host) holding the sample's person
/// `index` under passport `number`, changed by `edit`: by number not the same person.
fn twin_with_passport(
    store: &mut Store,
    s: &Application,
    index: usize,
    number: &str,
    edit: impl FnOnce(&mut Person),
) {
    let mut twin = other_app("山西省智能传感技术创新中心");
    let mut p = s.people[index].clone();
    p.id_doc = IdDocument { kind: IdKind::Passport, number: number.into() };
    edit(&mut p);
    twin.people.push(p);
    store.insert_application(&twin).unwrap();
}

fn platform(name: &str, level: PlatformLevel, kind: PlatformKind) -> ExistingPlatform {
    ExistingPlatform {
        id: None,
        name: name.into(),
        level,
        kind,
        host_name: "山西某大学".into(),
        host_uscc: "12140000405600000X".into(),
        approval_date: None,
        members: Vec::new(),
        instruments: Vec::new(),
        sites: Vec::new(),
    }
}

fn member_of(app: &Application, index: usize, left: Option<&str>) -> PlatformMember {
    let p = &app.people[index];
    PlatformMember {
        name: p.name.clone(),
        id_doc: p.id_doc.clone(),
        role: MemberRole::Fixed,
        joined: Some(date("2015-01-01")),
        left: left.map(date),
    }
}

fn kinds(v: &[Conflict]) -> Vec<(ConflictKind, String, Severity)> {
    v.iter().map(|c| (c.kind, c.criterion.clone(), c.severity)).collect()
}

fn of_kind(v: &[Conflict], kind: ConflictKind) -> Vec<&Conflict> {
    v.iter().filter(|c| c.kind == kind).collect()
}

fn for_app(store: &Store, id: RowId) -> Vec<Conflict> {
    duplicates::conflicts_for_application(store, id, &params()).expect("conflicts")
}

// ---- normalisation ------------------------------------------------------------------------

fn check_doc(kind: IdKind, a: &str, b: &str) {
    let (x, y) = (IdDocument { kind, number: a.into() }, IdDocument { kind, number: b.into() });
    assert_eq!(document_key(&x), document_key(&y), "{a:?} vs {b:?}");
}

#[test]
fn resident_ids_normalise_full_width_spaces_and_x() {
    check_doc(IdKind::ResidentId, "11010519491231002x", "11010519491231002X");
    check_doc(IdKind::ResidentId, "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X");
    check_doc(IdKind::ResidentId, " 110105 1949 1231 002X ", "11010519491231002X");
    check_doc(IdKind::Passport, "e 1234-5678", "E12345678");
    let rid = IdDocument { kind: IdKind::ResidentId, number: "11010519491231002X".into() };
    let passport = IdDocument { kind: IdKind::Passport, number: "11010519491231002X".into() };
    assert_ne!(document_key(&rid), document_key(&passport), "the document kind is part of the key");
    assert_eq!(mask_number("11010519491231002X"), "…002X");
}

#[test]
fn units_instruments_sites_and_achievements_normalise() {
    assert_eq!(unit_key(" 91140105317584622r "), "91140105317584622R");
    assert_eq!(unit_key("９１１４０１０５３１７５８４６２２Ｒ"), "91140105317584622R");
    let inst = |asset: &str, model: &str, serial: &str, owner: &str| Instrument {
        id: None,
        name: "电镜".into(),
        model: model.into(),
        serial_number: serial.into(),
        asset_number: asset.into(),
        owner_uscc: owner.into(),
        original_value: Yuan(1),
        site: String::new(),
    };
    assert_eq!(
        instrument_key(&inst("ZC-2019-5414", "", "", "91140105317584622R")),
        instrument_key(&inst("zc 2019 5414", "x", "y", "９１１４０１０５３１７５８４６２２Ｒ"))
    );
    assert_ne!(
        instrument_key(&inst("ZC-1", "", "", "91140105317584622R")),
        instrument_key(&inst("ZC-1", "", "", "12140109405621833K")),
        "asset numbers are unique within their owner only"
    );
    assert_eq!(
        instrument_key(&inst("", "SEM-5000X", "SEM1971656", "A")),
        instrument_key(&inst("", "sem 5000x", "sem1971656", "B"))
    );
    assert_eq!(instrument_key(&inst("", "SEM-5000X", "", "A")), None);
    assert_eq!(
        site_key("太原市小店区示范科技路８８号", "研发楼2层201—210室"),
        site_key("太原市 小店区 示范科技路88号", "研发楼2层201210室")
    );
    assert_eq!(site_key("Ａ栋，B区", "Room 3"), site_key("a栋b区", "ROOM3"));
    for p in ["ZL201910123456.7", "201910123456.7", "CN201910123456", "ZL 2019 1 0123456.7"] {
        assert_eq!(patent_number(p).as_deref(), Some("201910123456"), "{p}");
        assert_eq!(
            achievement_key(AchievementKind::InventionPatent, p).as_deref(),
            Some("patent:201910123456")
        );
    }
    assert_eq!(
        achievement_key(AchievementKind::Award, "晋政发〔2021〕12号 -001"),
        achievement_key(AchievementKind::Award, "晋政发2021 12号001")
    );
    assert_eq!(achievement_key(AchievementKind::Award, "  "), None);
}

// ---- no self-clash, deletion ------------------------------------------------------------

#[test]
fn an_application_never_clashes_with_itself() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut app = sample();
    // Even a roster that lists the same person and instrument twice: that is a repeat inside
    // the application (a warning), never a clash with another owner.
    app.people.push(app.people[1].clone());
    app.instruments.push(app.instruments[0].clone());
    let id = store.insert_application(&app).unwrap();
    let repeat = (ConflictKind::DuplicateInApplication, "no-double-resources".to_string(), Severity::Warning);
    assert_eq!(kinds(&for_app(&store, id)), vec![repeat.clone(), repeat]);
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!((report.total, report.excluding), (2, 0));
}

#[test]
fn deleting_an_application_removes_its_conflicts() {
    let db = TempDb::new();
    let mut store = db.open();
    let a = store.insert_application(&sample()).unwrap();
    let mut twin = other_app("山西省智能传感技术创新中心");
    twin.people.push(sample().people[5].clone());
    let b = store.insert_application(&twin).unwrap();
    assert_eq!(of_kind(&for_app(&store, a), ConflictKind::PersonInTwoApplications).len(), 1);
    store.delete_application(b).unwrap();
    assert!(for_app(&store, a).is_empty());
    assert_eq!(duplicates::report(&store, &params()).unwrap().total, 0);
    let gone = duplicates::conflicts_for_application(&store, b, &params()).unwrap_err();
    assert!(matches!(gone, duplicates::DuplicatesError::ApplicationNotFound(_)));
    // What the CLI prints as "错误 [not_found]：未找到编号为 … 的申报书".
    assert_eq!(gone.code(), "not_found");
    assert_eq!(gone.to_string(), format!("未找到编号为 {b} 的申报书"));
}

// ---- people ---------------------------------------------------------------------------------

#[test]
fn person_in_two_applications_of_the_same_year() {
    let (_db, mut store, s, a) = sample_stored();
    let mut twin = other_app("山西省智能传感技术创新中心");
    let mut p = s.people[0].clone();
    p.id_doc.number = format!(" {}", p.id_doc.number.to_lowercase()); // same number, other spelling
    p.role = Role::Fixed;
    twin.people.push(p);
    let mut visitor = s.people[3].clone();
    visitor.role = Role::Visiting;
    twin.people.push(visitor);
    let b = store.insert_application(&twin).unwrap();
    let found = for_app(&store, a);
    assert_eq!(
        kinds(&found),
        vec![(ConflictKind::PersonInTwoApplications, "no-double-resources".into(), Severity::Excludes)]
    );
    let c = &found[0];
    let last4 = &s.people[0].id_doc.number[14..];
    assert_eq!(
        c.message,
        format!(
            "{}（身份证号 …{last4}）同时为「山西省煤基碳材料技术创新中心」（申报中）中心主任与「山西省智能传感技术创新中心」（申报中）固定人员",
            s.people[0].name
        )
    );
    assert!(matches!(c.second.owner, Owner::Application { id: Some(x), .. } if x == b));
    // Another year: no conflict.
    let mut later = twin.clone();
    later.centre_name = "山西省另一年度技术创新中心".into();
    later.reference_date = Some(date("2025-05-06"));
    store.delete_application(b).unwrap();
    store.insert_application(&later).unwrap();
    assert!(for_app(&store, a).is_empty());
}

/// The message names each side's role as listed: a deputy director (副主任) of one application who
/// is fixed staff of another, and a deputy director of both.
#[test]
fn a_person_in_two_applications_is_named_with_the_role_on_each_side() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    assert_eq!(s.people[1].role, Role::DeputyDirector);
    let a = store.insert_application(&s).unwrap();
    let mut twin = other_app("山西省智能传感技术创新中心");
    let mut p = s.people[1].clone();
    p.role = Role::Fixed;
    twin.people.push(p);
    let b = store.insert_application(&twin).unwrap();
    let found = for_app(&store, a);
    let last4 = &s.people[1].id_doc.number[14..];
    let who = format!("{}（身份证号 …{last4}）", s.people[1].name);
    assert_eq!(
        found.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(),
        vec![format!("{who}同时为「山西省煤基碳材料技术创新中心」（申报中）副主任与「山西省智能传感技术创新中心」（申报中）固定人员")]
    );
    store.delete_application(b).unwrap();
    twin.people[0].role = Role::DeputyDirector;
    store.insert_application(&twin).unwrap();
    let found = for_app(&store, a);
    assert_eq!(
        found.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(),
        vec![format!("{who}同时为「山西省煤基碳材料技术创新中心」（申报中）与「山西省智能传感技术创新中心」（申报中）副主任")]
    );
}

/// An application without a reference date, of a programme whose pack sets none, belongs to the
/// year it was created in: the same person in two such applications created in different years is
/// not 重复申请, in the same year it is.
#[test]
fn an_application_without_a_reference_date_counts_in_the_year_it_was_created() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut first = other_app("山西省某重点实验室");
    first.programme = "PKL".into();
    first.reference_date = None;
    first.created_at = "2025-03-01T09:00:00+08:00".into();
    let mut p = s.people[0].clone();
    p.role = Role::Fixed;
    first.people.push(p);
    let mut second = first.clone();
    second.centre_name = "山西省另一重点实验室".into();
    second.host_units[0].uscc = "91140100MA0XYZ9999".into();
    second.created_at = "2026-03-01T09:00:00+08:00".into();
    let a = store.insert_application(&first).unwrap();
    let b = store.insert_application(&second).unwrap();
    assert!(of_kind(&for_app(&store, a), ConflictKind::PersonInTwoApplications).is_empty());
    store.delete_application(b).unwrap();
    second.created_at = "2025-11-30T09:00:00+08:00".into();
    store.insert_application(&second).unwrap();
    assert_eq!(of_kind(&for_app(&store, a), ConflictKind::PersonInTwoApplications).len(), 1);
}

#[test]
fn staff_of_existing_provincial_platform_is_excluded_only_while_current() {
    let (_db, mut store, s, a) = sample_stored();
    let mut lab = platform("山西省先进碳材料重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    lab.members.push(member_of(&s, 4, None));
    lab.members.push(member_of(&s, 6, Some("2023-12-31")));
    let mut city = platform("太原市碳材料工程中心", PlatformLevel::City, PlatformKind::Tic);
    city.members.push(member_of(&s, 7, None));
    store.insert_platforms(&[lab, city]).unwrap();
    let found = for_app(&store, a);
    assert_eq!(
        kinds(&found),
        vec![(ConflictKind::PersonInPlatform, "staff-exclusive".into(), Severity::Excludes)]
    );
    assert!(
        found[0].message.contains("「山西省先进碳材料重点实验室」（已建）固定人员"),
        "{}",
        found[0].message
    );
    assert!(found[0].message.contains(&s.people[4].name));
    assert!(!found[0].message.contains(&s.people[4].id_doc.number));
}

/// A registry member who left on the reference date is no longer one that day; one who leaves the
/// day after still is (P1's reference date is 2024-05-06).
#[test]
fn a_member_who_left_on_the_reference_date_is_no_longer_current() {
    let (_db, mut store, s, a) = sample_stored();
    let mut lab = platform("山西省先进碳材料重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    lab.members.push(member_of(&s, 4, Some("2024-05-06")));
    lab.members.push(member_of(&s, 6, Some("2024-05-07")));
    store.insert_platforms(&[lab]).unwrap();
    let found = for_app(&store, a);
    assert_eq!(
        kinds(&found),
        vec![(ConflictKind::PersonInPlatform, "staff-exclusive".into(), Severity::Excludes)]
    );
    assert!(found[0].message.starts_with(&s.people[6].name), "{}", found[0].message);
}

fn p4_app(name: &str) -> Application {
    let mut a = other_app(name);
    a.programme = "P4".into();
    a.reference_date = Some(date("2024-05-06"));
    a
}

#[test]
fn no_concurrent_cooling_off_boundary() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut pilot = p4_app("吕梁市氢能中试基地");
    pilot.people = s.people[..5].to_vec();
    let id = store.insert_application(&pilot).unwrap();
    let mut centre =
        platform("山西省煤化工工程技术研究中心", PlatformLevel::City, PlatformKind::EngineeringCentre);
    // 满3年 (《民法典》201–202): from the day after the third anniversary of leaving.
    centre.members.push(member_of(&s, 0, Some("2021-05-05"))); // the day after the anniversary: allowed
    centre.members.push(member_of(&s, 1, Some("2021-05-07"))); // 3 years minus one day: conflict
    centre.members.push(member_of(&s, 2, None)); // still a member: conflict
    centre.members.push(member_of(&s, 4, Some("2021-05-06"))); // exactly the anniversary: conflict
    let mut incubator = platform("吕梁市某孵化器", PlatformLevel::City, PlatformKind::Other);
    incubator.members.push(member_of(&s, 3, None)); // not a key lab, TIC or engineering centre
    store.insert_platforms(&[centre, incubator]).unwrap();
    let found = for_app(&store, id);
    let left = of_kind(&found, ConflictKind::PersonLeftRecently);
    assert_eq!(left.len(), 2, "{left:#?}");
    let by = |i: usize| left.iter().find(|c| c.message.contains(&s.people[i].name)).expect("conflict");
    assert_eq!(by(1).criterion, "no-concurrent");
    assert!(by(1).message.contains("2021年5月7日退出"), "{}", by(1).message);
    assert!(by(1).message.contains("未满3年（2024年5月8日起满3年）"), "{}", by(1).message);
    // On the anniversary itself the message names the rule it applied.
    assert!(by(4).message.contains("2021年5月6日退出"), "{}", by(4).message);
    assert!(by(4).message.contains("《民法典》第二百零一、二百零二条"), "{}", by(4).message);
    assert!(!left.iter().any(|c| c.message.contains(&s.people[0].name)));
    let current = of_kind(&found, ConflictKind::PersonInPlatform);
    assert_eq!(current.len(), 1);
    assert!(current[0].message.contains(&s.people[2].name));
    assert_eq!(found.len(), 3, "{found:#?}");
}

#[test]
fn cooling_off_years_come_from_the_parameters() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut pilot = p4_app("吕梁市氢能中试基地");
    pilot.people = s.people[..1].to_vec();
    let id = store.insert_application(&pilot).unwrap();
    let mut centre = platform("山西省某技术创新中心", PlatformLevel::Provincial, PlatformKind::Tic);
    centre.members.push(member_of(&s, 0, Some("2020-01-01")));
    store.insert_platforms(&[centre]).unwrap();
    assert!(for_app(&store, id).is_empty());
    let mut five = params();
    if let Some(Cooldown { years, .. }) = five.programmes.get_mut("P4").and_then(|p| p.no_concurrent.as_mut())
    {
        *years = 5;
    }
    let found = duplicates::conflicts_for_application(&store, id, &five).unwrap();
    assert_eq!(of_kind(&found, ConflictKind::PersonLeftRecently).len(), 1);
}

#[test]
fn linked_documents_hold_across_applications_and_reopening() {
    let (db, mut store, s, a) = sample_stored();
    twin_with_passport(&mut store, &s, 5, "EA1234567", |p| p.birth_date = None);
    assert!(of_kind(&for_app(&store, a), ConflictKind::PersonInTwoApplications).is_empty());
    let passport = IdDocument { kind: IdKind::Passport, number: "ea 1234567".into() };
    assert!(store.link_documents(&s.people[5].id_doc, &passport).unwrap());
    assert!(!store.link_documents(&passport, &s.people[5].id_doc).unwrap(), "already linked");
    drop(store);
    let mut store = db.open();
    let found = for_app(&store, a);
    let both = of_kind(&found, ConflictKind::PersonInTwoApplications);
    assert_eq!(both.len(), 1);
    assert!(both[0].message.contains("护照号 …4567"), "{}", both[0].message);
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!(report.people.len(), 1);
    assert!(store.unlink_documents(&passport, &s.people[5].id_doc).unwrap());
    assert!(of_kind(&for_app(&store, a), ConflictKind::PersonInTwoApplications).is_empty());
    // Unlinking again says there is nothing to undo.
    let again = shenbao::service::unlink_documents(&mut store, &passport, &s.people[5].id_doc).unwrap();
    assert!(again.ends_with("没有关联，无需取消"), "{again}");
}

/// Links chain (ID card to an old passport to a new one: one person), and two people who each
/// have linked documents stay two people, in the application's own roster and against another.
#[test]
fn linked_documents_chain_and_two_linked_people_stay_two() {
    let (_db, mut store, s, a) = sample_stored();
    let passport = |n: &str| IdDocument { kind: IdKind::Passport, number: n.into() };
    twin_with_passport(&mut store, &s, 5, "EB7654321", |p| p.birth_date = None);
    assert!(store.link_documents(&s.people[5].id_doc, &passport("EA1234567")).unwrap());
    assert!(store.link_documents(&passport("EA1234567"), &passport("EB7654321")).unwrap());
    assert!(store.link_documents(&s.people[6].id_doc, &passport("EC1111111")).unwrap());
    let found = for_app(&store, a);
    assert_eq!(
        kinds(&found),
        vec![(ConflictKind::PersonInTwoApplications, "no-double-resources".into(), Severity::Excludes)],
        "{found:#?}"
    );
    assert!(found[0].message.starts_with(&s.people[5].name), "{}", found[0].message);
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!(report.people.len(), 1, "{report:#?}");
}

#[test]
fn same_name_and_birth_date_under_other_numbers_is_a_warning() {
    let (_db, mut store, s, a) = sample_stored();
    twin_with_passport(&mut store, &s, 8, "E99887766", |p| {
        p.birth_date = s.people[8].birth_date;
        p.name = format!(" {} ", p.name);
    });
    let found = for_app(&store, a);
    assert_eq!(
        kinds(&found),
        vec![(ConflictKind::PossibleSamePerson, "no-double-resources".into(), Severity::Warning)]
    );
    assert!(found[0].message.contains("可能为同一人"));
    // A hint to check, listed with the conflicts: the criterion itself is met, not a warning.
    let eval = duplicates::Evaluation { programme: "P1".into(), as_of: date("2024-05-06") };
    let findings = duplicates::cross_findings(&store, Some(a), &s, &params(), eval).unwrap();
    assert_eq!(findings.for_criterion("no-double-resources").len(), 1);
    assert_eq!(findings.answer(CrossCheck::NoDoubleResources, &s, date("2024-05-06")), CrossAnswer::Clear);
}

/// "Perhaps the same person" compares fixed staff only (a visiting expert may be listed anywhere),
/// and against the registry only platforms whose staff the programme keeps exclusive: the same
/// name and birth date under another ID number in a provincial key lab is a warning, in a city
/// platform nothing.
#[test]
fn perhaps_the_same_person_only_where_staff_must_be_exclusive() {
    let (_db, mut store, s, a) = sample_stored();
    twin_with_passport(&mut store, &s, 8, "E99887766", |p| p.role = Role::Visiting);
    let found = for_app(&store, a);
    assert!(found.is_empty(), "a visiting expert: {found:#?}");
    // The same birth date in another resident ID number (another sequence and check digit).
    let first17 = format!("{}951", &s.people[8].id_doc.number[..14]);
    let other_id = format!("{first17}{}", shenbao::validate::check_char(&first17).unwrap());
    assert_ne!(other_id, s.people[8].id_doc.number);
    let mut member = member_of(&s, 8, None);
    member.id_doc = IdDocument { kind: IdKind::ResidentId, number: other_id };
    let mut city = platform("太原市碳材料工程中心", PlatformLevel::City, PlatformKind::Tic);
    city.members.push(member.clone());
    store.insert_platforms(&[city]).unwrap();
    let found = for_app(&store, a);
    assert!(found.is_empty(), "a city platform: {found:#?}");
    let mut lab = platform("山西省先进碳材料重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    lab.members.push(member);
    store.insert_platforms(&[lab]).unwrap();
    let found = for_app(&store, a);
    assert_eq!(
        kinds(&found),
        vec![(ConflictKind::PossibleSamePerson, "no-double-resources".into(), Severity::Warning)]
    );
    assert!(found[0].message.contains("「山西省先进碳材料重点实验室」（已建）"), "{}", found[0].message);
}

// ---- instruments, sites, achievements -----------------------------------------------------

#[test]
fn instruments_sites_and_achievements_claimed_twice() {
    let (_db, mut store, s, a) = sample_stored();
    let mut twin = other_app("山西省智能传感技术创新中心");
    let mut inst = s.instruments[0].clone();
    inst.asset_number = inst.asset_number.replace('-', " ").to_lowercase();
    twin.instruments.push(inst);
    let mut same_model = s.instruments[1].clone();
    same_model.asset_number = "ZC-OTHER-1".into();
    same_model.serial_number = "OTHER".into();
    twin.instruments.push(same_model);
    let mut site = s.sites[0].clone();
    site.address = site.address.replace("88", "８８");
    site.area = AreaM2::whole(100);
    twin.sites.push(site);
    let mut ach = s.achievements[0].clone();
    ach.identifier = ach.identifier.trim_start_matches("ZL").to_string();
    twin.achievements.push(ach);
    let b = store.insert_application(&twin).unwrap();
    let found = for_app(&store, a);
    let got: Vec<ConflictKind> = found.iter().map(|c| c.kind).collect();
    for k in [
        ConflictKind::SameInstrument,
        ConflictKind::SameSite,
        ConflictKind::SiteAreaExceeded,
        ConflictKind::SameAchievement,
        ConflictKind::PossibleSameInstrument,
    ] {
        assert_eq!(got.iter().filter(|g| **g == k).count(), 1, "{k:?} in {got:?}");
    }
    let area = of_kind(&found, ConflictKind::SiteAreaExceeded)[0];
    assert!(area.message.contains("合计申报面积 620.5 平方米"), "{}", area.message);
    assert!(area.message.contains("最大面积 520.5 平方米"), "{}", area.message);
    // The other side is the twin, never the application itself.
    assert!(matches!(area.second.owner, Owner::Application { id: Some(x), .. } if x == b), "{area:#?}");
    // The office's overview has the same sum, under the site.
    let report = duplicates::report(&store, &params()).unwrap();
    let in_report = swept(&report.sites, ConflictKind::SiteAreaExceeded);
    assert_eq!(in_report.len(), 1, "{report:#?}");
    assert_eq!(in_report[0].message, area.message);
    let inst = of_kind(&found, ConflictKind::SameInstrument)[0];
    assert!(
        inst.message.starts_with("仪器设备「场发射扫描电子显微镜」（资产编号 ZC-2019-5414）同时列入"),
        "{}",
        inst.message
    );
    assert_eq!(of_kind(&found, ConflictKind::PossibleSameInstrument)[0].severity, Severity::Warning);
    // What the check panel shows in bold and the conflict report titles its group with.
    assert_eq!(inst.subject, "场发射扫描电子显微镜（资产编号 ZC-2019-5414）");
    assert_eq!(
        of_kind(&found, ConflictKind::SameSite)[0].subject,
        "太原市小店区示范科技路88号 研发楼2层201—210室"
    );
    assert_eq!(
        of_kind(&found, ConflictKind::SameAchievement)[0].subject,
        "一种中间相沥青的制备方法（ZL202011034782.2）"
    );
    // The same records in an application of another year: nothing is claimed twice.
    store.delete_application(b).unwrap();
    twin.reference_date = Some(date("2025-05-06"));
    store.insert_application(&twin).unwrap();
    let later = for_app(&store, a);
    assert!(later.is_empty(), "{later:#?}");
}

#[test]
fn registry_instruments_and_sites_of_a_city_key_lab_are_warnings() {
    let (_db, mut store, s, a) = sample_stored();
    let mut lab = platform("太原市某市级重点实验室", PlatformLevel::City, PlatformKind::KeyLab);
    lab.instruments.push(s.instruments[2].clone());
    lab.sites.push(s.sites[1].clone());
    store.insert_platforms(&[lab]).unwrap();
    let found = for_app(&store, a);
    assert_eq!(of_kind(&found, ConflictKind::SameInstrument).len(), 1);
    assert_eq!(of_kind(&found, ConflictKind::SameSite).len(), 1, "{found:#?}");
    assert!(matches!(of_kind(&found, ConflictKind::SameSite)[0].second.owner, Owner::Platform { .. }));
    // A city key lab is outside the exclusion scope (三（二）5 even rewards one): a warning, which
    // says why it is only one.
    assert!(found.iter().all(|c| c.severity == Severity::Warning), "{found:#?}");
    let why = "；该平台不属于不得重复使用资源的平台范围，请核对资源归属及是否如实说明";
    assert!(found.iter().all(|c| c.message.ends_with(why)), "{found:#?}");
    let mut provincial = platform("山西省某重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    provincial.instruments.push(s.instruments[0].clone());
    store.insert_platforms(&[provincial]).unwrap();
    let found = for_app(&store, a);
    let excl: Vec<_> = found.iter().filter(|c| c.severity == Severity::Excludes).collect();
    assert_eq!(excl.len(), 1, "{found:#?}");
    assert_eq!(excl[0].kind, ConflictKind::SameInstrument);
    assert!(!excl[0].message.contains(why), "{}", excl[0].message);
}

// ---- application level ----------------------------------------------------------------------

/// A provincial key-lab application (PKL) of the sample's lead hosts, the same year.
fn key_lab_of_the_same_lead(s: &Application, name: &str) -> Application {
    let mut lab = other_app(name);
    lab.programme = "PKL".into();
    lab.host_units = s.host_units.clone();
    lab.reference_date = Some(date("2024-06-30"));
    lab
}

#[test]
fn one_platform_applies_once_a_year() {
    let (_db, mut store, s, a) = sample_stored();
    store.insert_application(&key_lab_of_the_same_lead(&s, "山西省煤基碳材料重点实验室")).unwrap();
    let found = for_app(&store, a);
    assert_eq!(
        kinds(&of_kind(&found, ConflictKind::OnePerYear).into_iter().cloned().collect::<Vec<_>>()),
        vec![(ConflictKind::OnePerYear, "one-per-year".into(), Severity::Excludes)]
    );
    assert_eq!(
        of_kind(&found, ConflictKind::OnePerYear)[0].message,
        "第一依托单位「山西示例碳材科技有限公司」2024年同时申报「山西省煤基碳材料技术创新中心」（省技术创新中心）与「山西省煤基碳材料重点实验室」（省重点实验室），疑为同一平台同一年度重复申报"
    );
    // name-unique compares with this year's applications of the same programme only.
    assert_eq!(of_kind(&found, ConflictKind::SimilarName).len(), 0);
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!(report.applications.iter().map(|g| g.conflicts.len()).sum::<usize>(), 1);
}

/// In the office's overview a pair is reported once, from the smaller id when both applications'
/// programmes check it; here the key lab's (the smaller id) does not, so the centre's reports it.
#[test]
fn the_report_keeps_a_pair_only_one_side_checks_whichever_id_is_smaller() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    store.insert_application(&key_lab_of_the_same_lead(&s, "山西省煤基碳材料重点实验室")).unwrap();
    store.insert_application(&s).unwrap();
    let report = duplicates::report(&store, &params()).unwrap();
    let all: Vec<Conflict> = report.applications.iter().flat_map(|g| g.conflicts.clone()).collect();
    assert_eq!(
        kinds(&all),
        [(ConflictKind::OnePerYear, "one-per-year".into(), Severity::Excludes)],
        "{report:#?}"
    );
}

/// Two close names of one programme are one warning in the office's overview, also for a
/// programme that checks names but not one platform a year.
#[test]
fn the_report_has_a_close_name_once() {
    let (_db, mut store, _, a) = sample_stored();
    store.insert_application(&other_app("山西省煤基碳材料装备技术创新中心")).unwrap();
    let mut names_only = params();
    names_only.programmes.get_mut("P1").unwrap().one_per_year = None;
    let report = duplicates::report(&store, &names_only).unwrap();
    let in_report = swept(&report.applications, ConflictKind::SimilarName);
    assert_eq!(in_report.len(), 1, "{report:#?}");
    // From the application with the smaller id, as its own check words it.
    assert!(
        matches!(in_report[0].first.owner, Owner::Application { id: Some(x), .. } if x == a),
        "{in_report:#?}"
    );
}

/// The same lead applying the same year for a platform of another class under a quite different
/// name may be two platforms: a warning to confirm, not an exclusion.
#[test]
fn the_same_lead_with_another_class_and_another_name_is_a_warning() {
    let (_db, mut store, s, a) = sample_stored();
    store.insert_application(&key_lab_of_the_same_lead(&s, "山西省高端装备智能制造重点实验室")).unwrap();
    let found =
        of_kind(&for_app(&store, a), ConflictKind::OnePerYear).into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(kinds(&found), vec![(ConflictKind::OnePerYear, "one-per-year".into(), Severity::Warning)]);
    assert!(found[0].message.ends_with("，名称不同，请确认不是同一平台"), "{}", found[0].message);
    // The office's overview finds it by the lead host too (the names share nothing), once.
    let report = duplicates::report(&store, &params()).unwrap();
    let all: Vec<Conflict> = report.applications.iter().flat_map(|g| g.conflicts.clone()).collect();
    assert_eq!(kinds(&all), kinds(&found));
    // So does the home screen's verdict pass: one-per-year is a warning there as in the check.
    let eval = duplicates::Evaluation { programme: "P1".into(), as_of: date("2024-05-06") };
    let home = duplicates::cross_findings_of_stored(&store, &params(), &[(a, eval)]).unwrap();
    assert_eq!(
        home[0].answer(CrossCheck::OnePerYear, &s, date("2024-05-06")),
        CrossAnswer::Warning(vec![Duplicate::new(
            CrossCheck::OnePerYear,
            found[0].subject.clone(),
            found[0].second.owner.display(),
            found[0].message.clone()
        )])
    );
}

/// A pack allowing two comprehensive applications per city: two are within it, a third is over.
#[test]
fn comprehensive_applications_up_to_the_packs_number_per_city_are_allowed() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut two = params();
    two.programmes.get_mut("P1").unwrap().comprehensive_per_city = Some(2);
    let mut apps = Vec::new();
    for (k, name) in
        ["山西省太原综合技术创新中心", "山西省晋阳转化技术创新中心", "山西省汾河综合技术创新中心"]
            .into_iter()
            .enumerate()
    {
        let mut app = other_app(name);
        app.category = Category::Comprehensive;
        app.host_units[0].uscc = format!("91140100MA0XYZ{k}00{k}");
        apps.push(app);
    }
    let ia = store.insert_application(&apps[0]).unwrap();
    store.insert_application(&apps[1]).unwrap();
    let found = duplicates::conflicts_for_application(&store, ia, &two).unwrap();
    assert!(of_kind(&found, ConflictKind::ComprehensivePerCity).is_empty(), "{found:#?}");
    store.insert_application(&apps[2]).unwrap();
    let found = duplicates::conflicts_for_application(&store, ia, &two).unwrap();
    let over = of_kind(&found, ConflictKind::ComprehensivePerCity);
    assert_eq!(over.len(), 2, "{found:#?}");
    assert!(over[0].message.contains("共有 3 份综合类申报"), "{}", over[0].message);
    assert!(over[0].message.ends_with("超过每市 2 个的推荐数量"), "{}", over[0].message);
    // The office's overview finds them by the city (晋阳转化 shares no name bigram with the
    // others): each application is over with the two others.
    let report = duplicates::report(&store, &two).unwrap();
    assert_eq!(swept(&report.applications, ConflictKind::ComprehensivePerCity).len(), 6, "{report:#?}");
}

/// name-unique compares with this year's applications of the same programme too: the same centre
/// name under another lead is not allowed; the same name in another year's application is no
/// concern of this year's.
#[test]
fn the_same_centre_name_in_another_application_of_the_programme_and_year_is_excluded() {
    let (_db, mut store, s, a) = sample_stored();
    let mut twin = other_app(&s.centre_name);
    let b = store.insert_application(&twin).unwrap();
    let found =
        of_kind(&for_app(&store, a), ConflictKind::SimilarName).into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(kinds(&found), vec![(ConflictKind::SimilarName, "name-unique".into(), Severity::Excludes)]);
    assert!(matches!(found[0].second.owner, Owner::Application { id: Some(x), .. } if x == b));
    assert!(found[0].message.ends_with("名称相同，不得重复命名"), "{}", found[0].message);
    store.delete_application(b).unwrap();
    twin.reference_date = Some(date("2025-05-06"));
    store.insert_application(&twin).unwrap();
    assert!(of_kind(&for_app(&store, a), ConflictKind::SimilarName).is_empty());
}

#[test]
fn one_comprehensive_application_per_city() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut a = other_app("山西省太原综合技术创新中心");
    a.category = Category::Comprehensive;
    let mut b = other_app("山西省晋阳转化技术创新中心");
    b.category = Category::Comprehensive;
    b.host_units[0].uscc = "91140100MA0XYZ9999".into();
    let mut c = b.clone();
    c.city = "大同市".into();
    c.centre_name = "山西省云冈数字技术创新中心".into();
    let ia = store.insert_application(&a).unwrap();
    store.insert_application(&b).unwrap();
    store.insert_application(&c).unwrap();
    let found = for_app(&store, ia);
    assert_eq!(
        kinds(&found),
        vec![(ConflictKind::ComprehensivePerCity, "comprehensive-recommendation".into(), Severity::Excludes)]
    );
    assert!(found[0].message.contains("太原市2024年共有 2 份综合类申报"), "{}", found[0].message);
}

/// A city typed as "市" alone names no city: two such comprehensive applications are not taken for
/// two of one city (a false 不可申报), and the check says the city is missing.
#[test]
fn a_city_of_shi_alone_is_a_city_not_filled_in() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut a = other_app("山西省太原综合技术创新中心");
    a.category = Category::Comprehensive;
    a.city = "市".into();
    let mut b = other_app("山西省晋阳转化技术创新中心");
    b.category = Category::Comprehensive;
    b.host_units[0].uscc = "91140100MA0XYZ9999".into();
    b.city = "市".into();
    let ia = store.insert_application(&a).unwrap();
    store.insert_application(&b).unwrap();
    let found = for_app(&store, ia);
    assert!(of_kind(&found, ConflictKind::ComprehensivePerCity).is_empty(), "{found:#?}");
    let eval = duplicates::Evaluation { programme: a.programme.clone(), as_of: date("2024-05-06") };
    let findings = duplicates::cross_findings(&store, Some(ia), &a, &params(), eval).unwrap();
    assert_eq!(
        findings.missing.get("comprehensive-recommendation").map(String::as_str),
        Some("尚未填写所在市"),
        "{findings:#?}"
    );
}

#[test]
fn already_built_and_close_names() {
    let (_db, mut store, s, a) = sample_stored();
    let mut built = platform("山西省煤基碳材料重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    built.host_uscc = s.host_units[0].uscc.clone();
    let close = platform("山西省煤基碳材料技术创新中心", PlatformLevel::Provincial, PlatformKind::Tic);
    let national = platform("国家煤基碳材料技术创新中心", PlatformLevel::National, PlatformKind::Tic);
    // Core name 煤基碳材料装备: 4 of its 6 bigrams are the subject's 4, so 2·4/(4+6) = 80 %.
    let near = platform("山西省煤基碳材料装备技术创新中心", PlatformLevel::Provincial, PlatformKind::Tic);
    store.insert_platforms(&[built, close, national, near]).unwrap();
    let found = for_app(&store, a);
    assert_eq!(of_kind(&found, ConflictKind::AlreadyBuilt).len(), 1);
    let names = of_kind(&found, ConflictKind::SimilarName);
    assert_eq!(names.len(), 3, "provincial platforms only: {names:#?}");
    assert!(names.iter().all(|c| c.criterion == "name-unique"));
    // The identical name is 不得重复 (an exclusion); the close ones warnings.
    assert_eq!(names.iter().filter(|c| c.severity == Severity::Excludes).count(), 1, "{names:#?}");
    let mut warnings: Vec<&str> =
        names.iter().filter(|c| c.severity == Severity::Warning).map(|c| c.message.as_str()).collect();
    warnings.sort();
    // Names differing only in the platform kind have the same core name: no "相似度 100%" for
    // two names that are not the same.
    assert_eq!(
        warnings,
        [
            "中心名称「山西省煤基碳材料技术创新中心」与「山西省煤基碳材料装备技术创新中心」（已建）相近（相似度 80%），请避免重复或近似命名",
            "中心名称「山西省煤基碳材料技术创新中心」与「山西省煤基碳材料重点实验室」（已建）名称主体相同（仅平台类型或写法不同），请避免重复或近似命名",
        ]
    );
    let mut strict = params();
    strict.name_similarity = 1.01;
    let found = duplicates::conflicts_for_application(&store, a, &strict).unwrap();
    assert!(of_kind(&found, ConflictKind::SimilarName).is_empty());
}

/// A national platform of a close name the lead host already runs is found, though names are
/// compared only with provincial ones; and the check lists what excludes before what only warns.
#[test]
fn a_national_platform_the_lead_already_hosts_is_found_and_exclusions_come_first() {
    let (_db, mut store, s, a) = sample_stored();
    twin_with_passport(&mut store, &s, 8, "E99887766", |_| ());
    let mut built = platform("国家煤基碳材料重点实验室", PlatformLevel::National, PlatformKind::KeyLab);
    built.host_uscc = s.host_units[0].uscc.clone();
    store.insert_platforms(&[built]).unwrap();
    assert_eq!(
        kinds(&for_app(&store, a)),
        vec![
            (ConflictKind::AlreadyBuilt, "not-already-built".into(), Severity::Excludes),
            (ConflictKind::PossibleSamePerson, "no-double-resources".into(), Severity::Warning),
        ]
    );
}

/// A pack with only one of the rules that compare names with the registry (不得重复命名, or
/// 已建平台不得重复申请) still has it checked in the office's overview.
#[test]
fn the_report_compares_names_with_the_registry_for_a_pack_with_either_rule_alone() {
    let (_db, mut store, s, _) = sample_stored();
    let mut built = platform("山西省煤基碳材料重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    built.host_uscc = s.host_units[0].uscc.clone();
    store.insert_platforms(&[built]).unwrap();
    let found = |keep_name_unique: bool| {
        let mut p = params();
        let p1 = p.programmes.get_mut("P1").unwrap();
        p1.one_per_year = None;
        if keep_name_unique {
            p1.not_already_built = None;
        } else {
            p1.name_unique = None;
        }
        let report = duplicates::report(&store, &p).unwrap();
        report.applications.iter().flat_map(|g| &g.conflicts).map(|c| c.kind).collect::<Vec<_>>()
    };
    assert_eq!(found(true), [ConflictKind::SimilarName]);
    assert_eq!(found(false), [ConflictKind::AlreadyBuilt]);
}

/// A centre whose name has a one-character core (镁) still finds the registry's platform of the
/// same core.
#[test]
fn a_one_character_core_name_finds_its_close_name() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut s = sample();
    s.centre_name = "山西省镁技术创新中心".into();
    let a = store.insert_application(&s).unwrap();
    store
        .insert_platforms(&[platform("山西省镁重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab)])
        .unwrap();
    let names = of_kind(&for_app(&store, a), ConflictKind::SimilarName)
        .into_iter()
        .map(|c| c.message.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        names,
        ["中心名称「山西省镁技术创新中心」与「山西省镁重点实验室」（已建）名称主体相同（仅平台类型或写法不同），请避免重复或近似命名"]
    );
}

// ---- incremental, report, migration ---------------------------------------------------------

#[test]
fn one_edited_record_is_checked_as_soon_as_it_is_saved() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    store.insert_application(&s).unwrap();
    let b = store.insert_application(&other_app("山西省智能传感技术创新中心")).unwrap();
    let mut p = s.people[9].clone();
    p.role = Role::Fixed;
    let saved = store.save_row(b, &RowData::Person(p.clone())).unwrap();
    // The write refreshed the row's identity keys: the (read-only) check sees it at once.
    assert!(!store.has_pending_identity().unwrap());
    assert_eq!(of_kind(&for_app(&store, b), ConflictKind::PersonInTwoApplications).len(), 1);
    p.id = Some(saved);
    p.role = Role::Visiting;
    store.save_row(b, &RowData::Person(p)).unwrap();
    let found = for_app(&store, b);
    assert!(
        of_kind(&found, ConflictKind::PersonInTwoApplications).is_empty(),
        "the edit replaces the stored row: {found:#?}"
    );
    let mut site = s.sites[0].clone();
    site.area = AreaM2::whole(10);
    store.save_row(b, &RowData::Site(site)).unwrap();
    assert_eq!(of_kind(&for_app(&store, b), ConflictKind::SiteAreaExceeded).len(), 1);
}

/// A row written without its identity keys (by an older build) is not seen by a reader, which
/// never writes; the writer refreshes the keys when it opens the database, and the repeated
/// person is found.
#[test]
fn a_row_written_by_an_older_build_gets_its_keys_when_the_database_is_opened() {
    let db = TempDb::new();
    let s = sample();
    let (a, b) = {
        let mut store = db.open();
        let a = store.insert_application(&s).unwrap();
        (a, store.insert_application(&other_app("山西省智能传感技术创新中心")).unwrap())
    };
    let conn = Connection::open(db.path()).unwrap();
    let copied = conn
        .execute(
            "INSERT INTO people (application_id, position, id_kind, id_number, name, role, data)
             SELECT ?2, 99, id_kind, id_number, name, role, data FROM people
             WHERE application_id = ?1 AND role = 'fixed' ORDER BY position LIMIT 1",
            [a, b],
        )
        .unwrap();
    assert_eq!(copied, 1);
    drop(conn);
    let reader = Store::open_reader(&db.path()).unwrap();
    assert!(reader.has_pending_identity().unwrap(), "the copied row waits for its keys");
    assert!(of_kind(&for_app(&reader, b), ConflictKind::PersonInTwoApplications).is_empty());
    drop(reader);
    let store = db.open();
    assert!(!store.has_pending_identity().unwrap());
    let found = for_app(&store, b);
    assert_eq!(of_kind(&found, ConflictKind::PersonInTwoApplications).len(), 1, "{found:#?}");
}

/// An application checked before it is saved (a file) sums its own claim on a site with the
/// stored ones, and only its claims on that site: not its seven other sites.
#[test]
fn an_unsaved_application_sums_its_own_claim_on_a_site_with_the_stored_ones() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut twin = other_app("山西省智能传感技术创新中心");
    let mut site = s.sites[0].clone();
    site.area = AreaM2::whole(100);
    twin.sites.push(site);
    let b = store.insert_application(&twin).unwrap();
    let found = duplicates::conflicts_for_unsaved(&store, &s, &params()).unwrap();
    let area = of_kind(&found, ConflictKind::SiteAreaExceeded);
    assert_eq!(area.len(), 1, "{found:#?}");
    assert!(area[0].message.contains("合计申报面积 620.5 平方米"), "{}", area[0].message);
    assert!(area[0].message.contains("最大面积 520.5 平方米"), "{}", area[0].message);
    assert!(matches!(area[0].second.owner, Owner::Application { id: Some(x), .. } if x == b), "{area:#?}");
}

#[test]
fn report_groups_and_masks() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    store.insert_application(&s).unwrap();
    let mut twin = other_app("山西省智能传感技术创新中心");
    twin.people.push(s.people[0].clone());
    twin.instruments.push(s.instruments[0].clone());
    twin.achievements.push(s.achievements[0].clone());
    store.insert_application(&twin).unwrap();
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!((report.people.len(), report.instruments.len(), report.achievements.len()), (1, 1, 1));
    assert_eq!(report.total, 3);
    assert_eq!(report.excluding, 3);
    let text = duplicates::report_text(&report);
    assert!(text.starts_with("冲突检查：共 3 项，其中不可申报 3 项、提示 0 项。"), "{text}");
    for heading in [
        "一、人员（1 项）",
        "二、仪器设备（1 项）",
        "四、成果（1 项）",
        "[不可申报]",
        "（条件：no-double-resources）",
    ] {
        assert!(text.contains(heading), "{heading} in {text}");
    }
    let json = serde_json::to_string(&report).unwrap();
    for p in &s.people {
        assert!(!json.contains(&p.id_doc.number) && !text.contains(&p.id_doc.number));
    }
    assert_eq!(duplicates::report_text(&Default::default()), "未发现重复申报或资源冲突。\n");
}

#[test]
fn unsaved_application_and_cross_findings() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    store.insert_application(&s).unwrap();
    let mut twin = other_app("山西省智能传感技术创新中心");
    twin.people.push(s.people[0].clone());
    let eval = duplicates::Evaluation { programme: "P1".into(), as_of: date("2024-05-06") };
    let findings = duplicates::cross_findings(&store, None, &twin, &params(), eval).unwrap();
    assert!(findings.excludes("no-double-resources"));
    assert!(!findings.excludes("staff-exclusive"));
    assert_eq!(findings.for_criterion("no-double-resources").len(), 1);
}

#[test]
fn version_1_database_is_upgraded_and_indexed() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    store.insert_application(&s).unwrap();
    let mut twin = other_app("山西省智能传感技术创新中心");
    twin.people.push(s.people[0].clone());
    store.insert_application(&twin).unwrap();
    drop(store);
    // Turn the file back into a version 1 database: drop what migration 2 created.
    {
        let conn = Connection::open(db.path()).unwrap();
        let objects: Vec<(String, String)> = conn
            .prepare(
                "SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL AND (name LIKE '%identity%' OR name LIKE '%by_application' OR name = 'host_units_by_uscc'
                 OR name = 'person_links')",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (kind, name) in
            objects.iter().filter(|(k, _)| k == "trigger").chain(objects.iter().filter(|(k, _)| k == "table"))
        {
            conn.execute_batch(&format!("DROP {} IF EXISTS \"{name}\"", kind.to_uppercase())).unwrap();
        }
        for (_, name) in objects.iter().filter(|(k, _)| k == "index") {
            conn.execute_batch(&format!("DROP INDEX IF EXISTS \"{name}\"")).unwrap();
        }
        // And what later migrations added.
        conn.execute_batch(crate::common::DROP_LIBRARY).unwrap();
        conn.execute_batch(
            "DROP TABLE package_links; DROP TABLE package_exports; DROP TABLE package_imports;
             DROP INDEX applications_by_uid; ALTER TABLE applications DROP COLUMN uid;
             DROP TABLE evidence_files; DROP TABLE evidence_items; DROP TABLE evidence_blobs; DROP TABLE seals; DROP TABLE history;
             ALTER TABLE applications DROP COLUMN pack_version;
             DROP TRIGGER narratives_sketch_insert; DROP TRIGGER narratives_sketch_update; DROP TRIGGER narratives_sketch_delete;
             DROP TABLE narrative_bands; DROP TABLE narrative_sketches; DROP TABLE narrative_dirty;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    assert_eq!(duplicates::report(&store, &params()).unwrap().total, 1);
}

#[test]
fn packs_give_the_parameters_and_findings_answer_the_engine() {
    use shenbao::rules::{builtin_pack, evaluate, Status};
    let (p1, p4) = (builtin_pack("P1").unwrap(), builtin_pack("P4").unwrap());
    let classes = [("P1".to_string(), PlatformKind::Tic)].into_iter().collect();
    let from_packs = CrossParams::from_packs([&p1, &p4], &classes);
    let cross = &from_packs.programmes["P4"];
    assert_eq!(cross.no_concurrent.as_ref().map(|c| c.years), Some(3), "the 3 comes from the P4 pack");
    let p1_cross = &from_packs.programmes["P1"];
    assert!(p1_cross.one_per_year.is_some() && p1_cross.name_unique.is_some());
    // 二（四）3: national TICs but only provincial clinical research centres.
    let staff = p1_cross.staff_exclusive.as_ref().expect("staff-exclusive scope from the pack");
    assert!(staff.contains(PlatformKind::Tic, PlatformLevel::National));
    assert!(staff.contains(PlatformKind::ClinicalCentre, PlatformLevel::Provincial));
    assert!(!staff.contains(PlatformKind::ClinicalCentre, PlatformLevel::National));
    assert_eq!(p1_cross.platform_class, Some(PlatformKind::Tic));

    let (_db, mut store, s, a) = sample_stored();
    let mut twin = other_app("山西省智能传感技术创新中心");
    twin.people.push(s.people[0].clone());
    store.insert_application(&twin).unwrap();
    let as_of = date("2024-05-06");
    let eval = duplicates::Evaluation { programme: "P1".into(), as_of };
    let findings = duplicates::cross_findings(&store, Some(a), &s, &from_packs, eval).unwrap();
    let assessment = evaluate(&p1, &s, &findings, as_of);
    let status = |id: &str| assessment.criteria.iter().find(|c| c.id == id).map(|c| c.status);
    assert_eq!(status("no-double-resources"), Some(Status::Unmet));
    // No registry platform at all: staff-exclusive could not be checked (未核验), never met.
    assert_eq!(status("staff-exclusive"), Some(Status::NotVerified));
    // The director is director (full time) of both: the 全职全时 attestation is contradicted.
    assert_eq!(status("director-full-time"), Some(Status::Unconfirmed));
    let mut criteria: Vec<&str> = assessment.duplicates.iter().map(|d| d.criterion.as_str()).collect();
    criteria.sort_unstable();
    assert_eq!(criteria, vec!["director-full-time", "no-double-resources"]);
    // `shenbao check` prints them in a section of their own, each with its criterion.
    let text = shenbao::rules::report_text(&assessment);
    assert!(text.contains("\n【重复或冲突】2 处\n- [no-double-resources] 贾振宇"), "{text}");
    assert!(text.contains("\n- [director-full-time] 贾振宇"), "{text}");
}

// ---- listed twice in one application --------------------------------------------------------

#[test]
fn a_roster_with_one_person_listed_twice_is_flagged_and_counted_once() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut s = sample();
    let fixed = s.people.iter().filter(|p| p.role.is_fixed()).count();
    // The same person typed a second time, ID number in full-width digits with a space.
    let mut again = s.people[10].clone();
    again.id_doc.number = format!("{} ", again.id_doc.number.replace('1', "１"));
    s.people.push(again);
    // An instrument entered twice too.
    s.instruments.push(s.instruments[1].clone());
    let id = store.insert_application(&s).unwrap();

    // The application's own check: one warning per repeated record, never an exclusion.
    let found = for_app(&store, id);
    let repeated = of_kind(&found, ConflictKind::DuplicateInApplication);
    assert_eq!(repeated.len(), 2, "{found:#?}");
    assert!(repeated.iter().all(|c| c.severity == Severity::Warning));
    let person = repeated.iter().find(|c| c.subject.starts_with(&s.people[10].name)).expect("the person");
    assert!(person.message.contains("重复列出") && person.message.contains("只计一次"), "{}", person.message);
    assert_ne!(
        person.first.record.as_ref().and_then(|r| r.row_id),
        person.second.record.as_ref().and_then(|r| r.row_id),
        "both rows are named"
    );
    assert!(!person.message.contains(&s.people[10].id_doc.number), "the number is masked");

    // The office's overview lists it under 人员 and 仪器设备, as a 提示.
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!((report.people.len(), report.instruments.len(), report.excluding), (1, 1, 0));
    assert!(duplicates::report_text(&report).contains("[提示]"));

    // The verdict counts the person once: 固定人员 as before the repeat, the repeat named.
    let pack = shenbao::rules::builtin_pack("P1").unwrap();
    let stored = store.load_application(id).unwrap();
    let today = date("2026-12-02");
    let checked = shenbao::service::check_in_store(&store, Some(id), &stored, &pack, None, today).unwrap();
    let staff = checked.assessment.result("staff-count").unwrap();
    assert_eq!(staff.found.as_deref(), Some(format!("{fixed} 人").as_str()));
    assert!(staff.message.contains("为同一人"), "{}", staff.message);
    assert_eq!(checked.assessment.within_duplicates.len(), 2);
    assert!(checked.conflicts.iter().any(|c| c.kind == ConflictKind::DuplicateInApplication));
    // Not an exclusion: the cross criterion stays clear of it.
    let cross = checked.assessment.result("no-double-resources").unwrap();
    assert_ne!(cross.status, shenbao::rules::Status::Unmet, "{}", cross.message);
}

#[test]
fn linked_documents_of_one_person_in_one_roster_are_one_person() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut s = sample();
    let mut again = s.people[10].clone();
    again.id_doc = IdDocument { kind: IdKind::Passport, number: "E12345678".into() };
    again.birth_date = shenbao::rules::birth_date_of(&s.people[10]);
    s.people.push(again);
    let id = store.insert_application(&s).unwrap();
    assert!(of_kind(&for_app(&store, id), ConflictKind::DuplicateInApplication).is_empty());
    let a = s.people[10].id_doc.clone();
    shenbao::service::link_documents(
        &mut store,
        &a,
        &IdDocument { kind: IdKind::Passport, number: "E12345678".into() },
    )
    .unwrap();
    assert_eq!(of_kind(&for_app(&store, id), ConflictKind::DuplicateInApplication).len(), 1);
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!(report.people.len(), 1, "{report:#?}");
}

// ---- narrative similarity (一稿多报) -----------------------------------------------------------

#[test]
fn two_narratives_with_a_known_shared_passage_are_reported_with_that_passage() {
    let db = TempDb::new();
    let mut store = db.open();
    let shared =
        "围绕中间相沥青基碳纤维连续化制备、碳基储能材料规模化应用两条主线，突破原料精制、可纺性调控、\
                  连续碳化三项关键技术，建成千吨级中试线并形成行业标准";
    let mut a = sample();
    a.narratives
        .insert("goals".into(), format!("本中心立足山西煤炭资源优势。{shared}。五年内服务企业一百家。"));
    store.insert_application(&a).unwrap();
    let mut b = other_app("山西省智能传感技术创新中心");
    // The same passage with full-width punctuation and spaces, in a different frame.
    let folded = shared.replace('，', ", ").replace('、', " ");
    b.narratives.insert("goals".into(), format!("我们聚焦传感器。{folded}！"));
    b.narratives.insert("basis".into(), "与上文无关的另一部分内容，介绍依托单位的基础条件。".into());
    let id_b = store.insert_application(&b).unwrap();

    let found = for_app(&store, id_b);
    let similar = of_kind(&found, ConflictKind::SimilarNarrative);
    assert_eq!(similar.len(), 1, "{found:#?}");
    let c = similar[0];
    assert_eq!(c.severity, Severity::Warning, "a warning, never an exclusion");
    let m = c.narrative.as_ref().expect("the texts and passages");
    assert_eq!(m.section, "goals");
    assert!(m.percent >= 40, "{}", m.percent);
    // The section by its title, as the wizard names it.
    assert_eq!(
        c.message,
        format!(
            "「山西省智能传感技术创新中心」（申报中）的“建设目标”有 {}% 的内容与「{}」（申报中）的同一部分相同（提示阈值 40%），可能一稿多报：请核对重复段落",
            m.percent, a.centre_name
        )
    );
    // The longest shared passage is the known one, located in both texts.
    let p = &m.passages[0];
    let chars = |s: &str, from: usize, to: usize| s.chars().skip(from).take(to - from).collect::<String>();
    let in_first = chars(&m.first_text, p.first_start, p.first_end);
    let in_second = chars(&m.second_text, p.second_start, p.second_end);
    let bare = |t: &str| t.replace([',', ' ', '，', '、'], "");
    assert_eq!(bare(&in_first), bare(shared), "{in_first}");
    assert_eq!(bare(&in_second), bare(shared), "{in_second}");

    // The office's overview has it once; a threshold above the share makes it disappear.
    let report = duplicates::report(&store, &params()).unwrap();
    assert_eq!(
        report.applications.iter().flat_map(|g| &g.conflicts).filter(|c| c.narrative.is_some()).count(),
        1
    );
    // `shenbao conflicts` prints the shared passage under the warning, where it stands in both.
    let text = duplicates::report_text(&report);
    // (From the side of the application with the copy: its passage as it wrote it.)
    assert!(text.contains(&format!("共同段落（本申报第 9–82 字，对方第 15–86 字）：「{folded}」")), "{text}");
    // The threshold's boundary: a share equal to it warns, one below it does not.
    let at = |percent: u32| {
        let mut p = params();
        p.narrative_percent = percent;
        of_kind(
            &duplicates::conflicts_for_application(&store, id_b, &p).unwrap(),
            ConflictKind::SimilarNarrative,
        )
        .len()
    };
    assert_eq!((at(m.percent), at(m.percent + 1)), (1, 0));
}

/// `shenbao conflicts` prints the three longest shared passages of a similar section and counts
/// the rest: "另有 1 处共同段落" for a fourth, nothing more for exactly three.
#[test]
fn the_text_report_prints_three_shared_passages_and_counts_the_rest() {
    let passages = [
        "突破中间相沥青基碳纤维连续化制备关键技术",
        "建成千吨级煤基针状焦中试生产线",
        "培养青年科技人才和工程师团队",
        "制定团体标准若干项并推广",
    ];
    let text_with = |n: usize| {
        let db = TempDb::new();
        let mut store = db.open();
        // The same passages between other words on each side.
        let joined = |gaps: [&str; 3]| {
            let mut t = passages[0].to_string();
            for (p, gap) in passages[1..n].iter().zip(gaps) {
                t.push_str(gap);
                t.push_str(p);
            }
            t
        };
        let mut a = sample();
        a.narratives.insert("goals".into(), joined(["一二三四五", "六七八九十", "百千万亿兆"]));
        store.insert_application(&a).unwrap();
        let mut b = other_app("山西省智能传感技术创新中心");
        b.narratives.insert("goals".into(), joined(["东南西北中", "春夏秋冬岁", "金木水火土"]));
        store.insert_application(&b).unwrap();
        duplicates::report_text(&duplicates::report(&store, &params()).unwrap())
    };
    let shown = |text: &str, p: &str| text.contains(&format!("：「{p}」"));

    let four = text_with(4);
    assert!(passages[..3].iter().all(|p| shown(&four, p)), "{four}");
    assert!(!shown(&four, passages[3]), "the shortest of four is only counted: {four}");
    assert!(four.contains("另有 1 处共同段落"), "{four}");

    let three = text_with(3);
    assert!(passages[..3].iter().all(|p| shown(&three, p)), "{three}");
    assert!(!three.contains("另有"), "{three}");
}

/// A text of `n` characters of its own: CJK characters no other seed's text repeats in order.
fn text_of_its_own(seed: u32, n: u32) -> String {
    (0..n).filter_map(|k| char::from_u32(0x4E00 + (seed * 7_919 + k * 104_729 + k * k) % 20_000)).collect()
}

#[test]
fn similar_sections_are_found_through_their_stored_bands_and_an_edit_moves_them() {
    let db = TempDb::new();
    let mut store = db.open();
    let shared = "本中心以煤基碳材料为主攻方向，建设中试验证平台，联合高校院所开展关键共性技术攻关，\
                  形成从实验室到生产线的成果转化通道，每年转化成果不少于十项";
    let mut a = other_app("山西省煤基碳材料技术创新中心");
    a.narratives.insert("tasks".into(), format!("{shared}。{}", text_of_its_own(1, 40)));
    let id_a = store.insert_application(&a).unwrap();
    // Twenty applications with texts of their own, in the same section and others.
    for i in 0..20 {
        let mut o = other_app(&format!("山西省第{i}号技术创新中心"));
        o.narratives.insert("tasks".into(), text_of_its_own(100 + i, 120));
        o.narratives.insert("goals".into(), text_of_its_own(200 + i, 80));
        store.insert_application(&o).unwrap();
    }
    let mut b = other_app("山西省智能传感技术创新中心");
    b.narratives.insert("tasks".into(), format!("{}。{shared}", text_of_its_own(2, 30)));
    let id_b = store.insert_application(&b).unwrap();

    let found = duplicates::narrative_conflicts(&store, id_b, &params()).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    let other = match &found[0].second.owner {
        Owner::Application { id, .. } => *id,
        Owner::Platform { .. } => None,
    };
    assert_eq!(other, Some(id_a));
    let m = found[0].narrative.as_ref().expect("the texts and passages");
    assert_eq!(m.passages[0].text.replace(['，', '。'], ""), shared.replace(['，', '。'], ""));
    // The same as the exact comparison against every other section: one pair in the report.
    let report = duplicates::narrative_report(&store, &params()).unwrap();
    assert_eq!(report.len(), 1, "{report:#?}");

    // An edit of the section recomputes its bands in the same write: no longer similar.
    let text = text_of_its_own(3, 100);
    store
        .update_application_field(
            id_b,
            &shenbao::store::ApplicationField::Narrative { section: "tasks".into(), text },
        )
        .unwrap();
    assert!(duplicates::narrative_conflicts(&store, id_b, &params()).unwrap().is_empty());
    assert!(duplicates::narrative_report(&store, &params()).unwrap().is_empty());
}
