//! Commitment of people (全职 / 兼职 share) across the applications of one year and the registry:
//! full time in two places, shares over the pack's limit (boundary at exactly 100 %), director of
//! two centres, the director's 全职全时 attestation checked against it, and migration 12 on a
//! database made by schema 11.

use chrono::NaiveDate;
use rusqlite::Connection;
use shenbao::duplicates::{self, Conflict, ConflictKind, CrossParams, Owner, ProgrammeCross, Severity};
use shenbao::model::{
    ExistingPlatform, MemberRole, Person, PlatformKind, PlatformLevel, PlatformMember, Role, RowId,
};
use shenbao::store::{RowData, Store};

use crate::common::{other_app, sample, swept, TempDb};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// P1 as a pack with `[commitment] max_percent = 100` declares it (test data).
fn params() -> CrossParams {
    let mut p = CrossParams::default();
    p.programmes.insert(
        "P1".into(),
        ProgrammeCross {
            reference_date: Some(date("2024-05-06")),
            commitment_percent: Some(100),
            commitment_citation: "《申报通知》二（四）3".into(),
            ..ProgrammeCross::default()
        },
    );
    p
}

/// The sample's fifth person (a fixed staff member), full time or with a share in 1/1200.
fn person(role: Role, share: Option<u32>) -> Person {
    let mut p = sample().people[4].clone();
    p.role = role;
    p.full_time = share.is_none();
    p.share = share;
    p
}

/// Two applications of the same year, each holding the person once.
fn two_applications(first: Person, second: Person) -> (TempDb, RowId) {
    let db = TempDb::new();
    let mut store = db.open();
    let mut a = other_app("山西省煤基碳材料技术创新中心");
    a.people.push(first);
    let mut b = other_app("山西省智能传感技术创新中心");
    b.people.push(second);
    let id = store.insert_application(&a).unwrap();
    store.insert_application(&b).unwrap();
    (db, id)
}

fn over(store: &Store, id: RowId) -> Vec<Conflict> {
    duplicates::conflicts_for_application(store, id, &params())
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == ConflictKind::OverCommitted)
        .collect()
}

const PERCENT: u32 = 12;

#[test]
fn a_person_full_time_in_two_applications_is_a_conflict_of_its_own_kind() {
    let (db, id) = two_applications(person(Role::Fixed, None), person(Role::Fixed, None));
    let mut store = db.open();
    let found = over(&store, id);
    assert_eq!(found.len(), 1, "{found:#?}");
    let c = &found[0];
    assert_eq!(c.severity, Severity::Warning);
    let p = &sample().people[4];
    let last4 = &p.id_doc.number[14..];
    assert_eq!(
        c.message,
        format!(
            "{}（身份证号 …{last4}）在两处均为全职，投入合计 200%，超过 100%：\
             「山西省煤基碳材料技术创新中心」（申报中）（固定人员，全职）、\
             「山西省智能传感技术创新中心」（申报中）（固定人员，全职）（依据：《申报通知》二（四）3）；\
             请核实其在各处的全职或投入比例",
            p.name
        )
    );
    assert!(!c.message.contains(&p.id_doc.number), "the ID number is masked");
    // Listed in both is still its own conflict (listed twice), beside this one.
    let all = duplicates::conflicts_for_application(&store, id, &params()).unwrap();
    assert!(all.iter().any(|c| c.kind == ConflictKind::PersonInTwoApplications));
    // The whole-database report has it once, in the people section.
    let report = duplicates::report(&store, &params()).unwrap();
    let over = swept(&report.people, ConflictKind::OverCommitted);
    assert_eq!(over.len(), 1);
    assert!(duplicates::report_text(&report).contains("在两处均为全职"));
    // Both conflicts are reported from the application with the smaller id, as its own check
    // words them.
    assert_eq!(over[0].message, c.message);
    let twice = swept(&report.people, ConflictKind::PersonInTwoApplications);
    assert_eq!(twice.len(), 1);
    assert!(matches!(twice[0].first.owner, Owner::Application { id: Some(x), .. } if x == id), "{twice:#?}");
    // Still so when the first application's row was saved again after the second's (its
    // records are then read after the second's).
    let again = store.load_application(id).unwrap().people.remove(0);
    store.save_row(id, &RowData::Person(again)).unwrap();
    let report = duplicates::report(&store, &params()).unwrap();
    let over = swept(&report.people, ConflictKind::OverCommitted);
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].message, c.message);
}

#[test]
fn shares_over_one_hundred_percent_conflict_and_exactly_one_hundred_does_not() {
    // 60 % + 50 % = 110 %: over.
    let (db, id) = two_applications(
        person(Role::Visiting, Some(60 * PERCENT)),
        person(Role::Visiting, Some(50 * PERCENT)),
    );
    let found = over(&db.open(), id);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("投入合计 110%，超过 100%"), "{}", found[0].message);
    assert!(found[0].message.contains("（流动人员，60%）") && found[0].message.contains("（流动人员，50%）"));
    // 50 % + 50 % = 100 %: at the limit, not over.
    let (db, id) = two_applications(
        person(Role::Visiting, Some(50 * PERCENT)),
        person(Role::Visiting, Some(50 * PERCENT)),
    );
    assert!(over(&db.open(), id).is_empty());
    // Six months a year and 51 %: 50 % + 51 % is over by one percent.
    let (db, id) =
        two_applications(person(Role::Visiting, Some(600)), person(Role::Visiting, Some(51 * PERCENT)));
    let found = over(&db.open(), id);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("投入合计 101%"), "{}", found[0].message);
    // Seven months and six months a year: 1300 of 1200, not a whole percent, to one decimal.
    let (db, id) = two_applications(person(Role::Visiting, Some(700)), person(Role::Visiting, Some(600)));
    let found = over(&db.open(), id);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("投入合计 约 108.3%，超过 100%"), "{}", found[0].message);
    // A part-time share not stated counts in no sum: full time here and 兼职 (unstated) there.
    let (db, id) = two_applications(person(Role::Visiting, None), {
        let mut p = person(Role::Visiting, None);
        p.full_time = false;
        p
    });
    assert!(over(&db.open(), id).is_empty());
}

/// A person listed twice in the first application (60 % and 30 %), 50 % in the second: the
/// report judges the first row, over the limit, as the application's own check does.
#[test]
fn a_person_listed_twice_is_judged_in_the_report_as_in_the_check() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut a = other_app("山西省煤基碳材料技术创新中心");
    a.people.push(person(Role::Visiting, Some(60 * PERCENT)));
    a.people.push(person(Role::Visiting, Some(30 * PERCENT)));
    let mut b = other_app("山西省智能传感技术创新中心");
    b.people.push(person(Role::Visiting, Some(50 * PERCENT)));
    let id = store.insert_application(&a).unwrap();
    store.insert_application(&b).unwrap();
    let checked = over(&store, id);
    assert_eq!(checked.len(), 1, "{checked:#?}");
    assert!(checked[0].message.contains("投入合计 110%"), "{}", checked[0].message);
    let report = duplicates::report(&store, &params()).unwrap();
    let over = swept(&report.people, ConflictKind::OverCommitted);
    assert_eq!(over.len(), 1, "{report:#?}");
    assert_eq!(over[0].message, checked[0].message);
}

#[test]
fn another_year_or_a_pack_without_a_limit_is_not_judged() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut a = other_app("山西省煤基碳材料技术创新中心");
    a.people.push(person(Role::Fixed, None));
    let mut b = other_app("山西省智能传感技术创新中心");
    b.reference_date = Some(date("2025-05-06"));
    b.people.push(person(Role::Fixed, None));
    let id = store.insert_application(&a).unwrap();
    store.insert_application(&b).unwrap();
    assert!(over(&store, id).is_empty(), "another programme year");
    let (db, id) = two_applications(person(Role::Fixed, None), person(Role::Fixed, None));
    let none = CrossParams::default();
    let found = duplicates::conflicts_for_application(&db.open(), id, &none).unwrap();
    assert!(found.iter().all(|c| c.kind != ConflictKind::OverCommitted), "no [commitment] in the pack");
}

fn city_lab_directed_by(p: &Person, left: Option<&str>) -> ExistingPlatform {
    ExistingPlatform {
        id: None,
        name: "太原市碳材料重点实验室".into(),
        level: PlatformLevel::City,
        kind: PlatformKind::KeyLab,
        host_name: "山西某大学".into(),
        host_uscc: "12140000405600000X".into(),
        approval_date: None,
        members: vec![PlatformMember {
            name: p.name.clone(),
            id_doc: p.id_doc.clone(),
            role: MemberRole::Director,
            joined: Some(date("2015-01-01")),
            left: left.map(date),
        }],
        instruments: Vec::new(),
        sites: Vec::new(),
    }
}

#[test]
fn director_of_two_centres_is_a_conflict_and_the_full_time_attestation_is_not_met() {
    use shenbao::rules::{builtin_pack, evaluate, Status, Verdict};
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let director = s.people[0].clone();
    assert_eq!(director.role, Role::Director);
    assert_eq!(s.attestations.get("director-full-time"), Some(&true), "the sample confirms 全职全时");
    let id = store.insert_application(&s).unwrap();
    // The registry's city key lab (outside staff-exclusive's scope) has the same director.
    store.insert_platforms(&[city_lab_directed_by(&director, None)]).unwrap();
    let found = over(&store, id);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("同时担任两个中心的主任"), "{}", found[0].message);
    assert!(found[0].message.contains("「太原市碳材料重点实验室」（已建）（主任）"), "{}", found[0].message);

    // Through the P1 pack: its [commitment] gives the limit, and the director's attestation is
    // checked against the finding — 待确认 with the conflict named, never 不可申报 for it.
    let p1 = builtin_pack("P1").unwrap();
    let limit = p1.commitment.as_ref().expect("P1 sets [commitment]");
    assert_eq!(limit.max_percent, 100);
    assert_eq!(limit.citation.clause, "二（四）3");
    let params = CrossParams::from_packs([&p1], &Default::default());
    let as_of = date("2024-05-06");
    let eval = duplicates::Evaluation { programme: "P1".into(), as_of };
    let findings = duplicates::cross_findings(&store, Some(id), &s, &params, eval.clone()).unwrap();
    let assessment = evaluate(&p1, &s, &findings, as_of);
    let r = assessment.criteria.iter().find(|c| c.id == "director-full-time").unwrap();
    assert_eq!(r.status, Status::Unconfirmed, "{}", r.message);
    assert!(r.message.contains("同时担任两个中心的主任"), "{}", r.message);
    assert_ne!(assessment.verdict, Verdict::Ineligible, "{:?}", assessment.verdict_label);

    // The director left the lab before the reference date: nothing contradicts the attestation.
    let platforms = store.list_platforms().unwrap();
    store.delete_platform(platforms[0].id.unwrap()).unwrap();
    store.insert_platforms(&[city_lab_directed_by(&director, Some("2023-12-31"))]).unwrap();
    assert!(over(&store, id).is_empty());
    let findings = duplicates::cross_findings(&store, Some(id), &s, &params, eval).unwrap();
    let assessment = evaluate(&p1, &s, &findings, as_of);
    let r = assessment.criteria.iter().find(|c| c.id == "director-full-time").unwrap();
    assert_eq!(r.status, Status::Met, "{}", r.message);
}

#[test]
fn a_share_is_validated_by_the_core() {
    use shenbao::validate::validate_application as application_issues;
    let mut a = sample();
    a.people[4].full_time = false;
    a.people[4].share = Some(30 * PERCENT);
    assert!(application_issues(&a).iter().all(|i| !i.path.ends_with(".share")));
    a.people[4].share = Some(1200);
    let issues = application_issues(&a);
    let i = issues.iter().find(|i| i.path == "people[4].share").expect("100 % is full time");
    assert!(i.message.contains("即为全职"), "{}", i.message);
    // The part-time range's ends: 1 % and 99 % are shares; nothing, or more than a year, is not.
    for share in [PERCENT, 99 * PERCENT] {
        a.people[4].share = Some(share);
        assert!(application_issues(&a).iter().all(|i| !i.path.ends_with(".share")), "{share}");
    }
    for share in [0, 1201] {
        a.people[4].share = Some(share);
        let issues = application_issues(&a);
        let i = issues.iter().find(|i| i.path == "people[4].share").unwrap_or_else(|| panic!("{share}"));
        assert_eq!(i.message, "兼职比例须在 1% 至 99% 之间（或每年 1 至 11 个月）");
    }
    a.people[4].full_time = true;
    a.people[4].share = Some(30 * PERCENT);
    assert!(application_issues(&a).iter().any(|i| i.path == "people[4].share"));
}

#[test]
fn a_schema_11_database_moves_its_full_and_part_time_people_into_commitments() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut a = other_app("山西省煤基碳材料技术创新中心");
    a.people.push(person(Role::Fixed, None));
    let mut part = sample().people[5].clone();
    part.full_time = false;
    a.people.push(part.clone());
    let mut b = other_app("山西省智能传感技术创新中心");
    b.people.push(person(Role::Fixed, None));
    b.people.push(part);
    let id = store.insert_application(&a).unwrap();
    store.insert_application(&b).unwrap();
    drop(store);
    // Back to schema 11 (the library's): the identity keys without their commitment, rows as that build wrote
    // them (JSON without `share`).
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch("ALTER TABLE identity_keys DROP COLUMN share; PRAGMA user_version = 11;").unwrap();
        let shares: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM people WHERE json_extract(data, '$.share') IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(shares, 0);
    }
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    let conn = Connection::open(db.path()).unwrap();
    let shares: Vec<(String, Option<i64>)> = conn
        .prepare("SELECT label, share FROM identity_keys WHERE resource = 'person' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (full, part) = (&sample().people[4].name, &sample().people[5].name);
    assert_eq!(
        shares,
        vec![
            (full.clone(), Some(1200)),
            (part.clone(), None),
            (full.clone(), Some(1200)),
            (part.clone(), None)
        ],
        "全职 → 1200 (the whole year); 兼职 → share not stated"
    );
    // Judged right after the upgrade, without any write: the full-time person is over-committed,
    // the part-time one (share not stated) is not.
    let found = over(&store, id);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.starts_with(full.as_str()));
    // The rows themselves are unchanged: every person reads back as it was written.
    let back = store.load_application(id).unwrap();
    assert_eq!(
        back.people.iter().map(|p| (p.full_time, p.share)).collect::<Vec<_>>(),
        vec![(true, None), (false, None)]
    );
}
