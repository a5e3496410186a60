//! The home screen's verdicts in one call answer what one check per application answers, and
//! the lean findings behind them answer every cross criterion as a full check's do.

use chrono::NaiveDate;
use shenbao::duplicates::{self, ConflictKind, Evaluation};
use shenbao::model::{
    Application, Category, ExistingPlatform, MemberRole, Person, PlatformKind, PlatformLevel, PlatformMember,
    RowId,
};
use shenbao::rules::{CrossCheck, CrossView, Verdict};
use shenbao::service;

use crate::common::{sample, TempDb};

#[test]
fn home_verdicts_match_one_check_per_application() {
    let db = TempDb::new();
    let mut store = db.open();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    // The sample twice (every person, instrument and site claimed twice: 不可申报), a copy
    // under another programme, one with nothing in it (待补充) and one whose programme has no pack.
    let a = store.insert_application(&sample()).unwrap();
    let mut twin = sample();
    twin.centre_name = "山西省另一技术创新中心".into();
    let b = store.insert_application(&twin).unwrap();
    let mut p4 = sample();
    p4.programme = "P4".into();
    p4.category = Category::Field;
    let c = store.insert_application(&p4).unwrap();
    let mut empty = sample();
    empty.centre_name = "空白申报书".into();
    empty.people.clear();
    empty.host_units.clear();
    empty.instruments.clear();
    empty.sites.clear();
    empty.achievements.clear();
    let d = store.insert_application(&empty).unwrap();
    let mut unknown = sample();
    unknown.programme = "P99".into();
    let e = store.insert_application(&unknown).unwrap();

    let verdicts = service::home_verdicts(&store, today).unwrap();
    let ids: Vec<_> = verdicts.iter().map(|v| v.id).collect();
    assert_eq!(ids, vec![a, b, c, d], "no verdict for a programme without a pack ({e})");
    for v in &verdicts {
        let app = store.load_application(v.id).unwrap();
        let pack = service::choose_pack_in_store(&store, &app, None).unwrap();
        let one = service::check_in_store(&store, Some(v.id), &app, &pack, None, today).unwrap().assessment;
        assert_eq!(
            (v.verdict, v.verdict_label.as_str(), v.verdict_caveat.as_deref()),
            (one.verdict, one.verdict_label.as_str(), one.verdict_caveat.as_deref()),
            "{}",
            v.id
        );
    }
    assert_eq!(verdicts[0].verdict, Verdict::Ineligible, "the twin claims the same people");
    assert_eq!(verdicts[3].verdict, Verdict::Incomplete);
}

/// A 符合 on the home list says what it was not compared with, as the wizard does: the sample
/// alone in a database has no other application and no registry to be compared with.
#[test]
fn the_home_list_says_what_an_eligible_verdict_was_not_compared_with() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_application(&sample()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let home = service::home_verdicts(&store, today).unwrap();
    assert_eq!(home.len(), 1);
    assert_eq!((home[0].verdict, home[0].verdict_label.as_str()), (Verdict::Eligible, "符合申报条件"));
    assert_eq!(home[0].verdict_caveat.as_deref(), Some("但未与其他申报书、已建平台名录比对"));
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// An application of its own lead host with none of the sample's records.
fn bare(name: &str, uscc: &str) -> Application {
    let mut a = sample();
    a.centre_name = name.into();
    a.host_units.truncate(1);
    a.host_units[0].name = format!("{name}依托单位");
    a.host_units[0].uscc = uscc.into();
    a.people.clear();
    a.instruments.clear();
    a.sites.clear();
    a.achievements.clear();
    a.narratives.clear();
    a
}

/// A key lab of the registry hosted by a university.
fn lab(
    name: &str,
    level: PlatformLevel,
    members: Vec<PlatformMember>,
    instruments: Vec<shenbao::model::Instrument>,
) -> ExistingPlatform {
    ExistingPlatform {
        id: None,
        name: name.into(),
        level,
        kind: PlatformKind::KeyLab,
        host_name: "山西某大学".into(),
        host_uscc: "12140000405600000X".into(),
        approval_date: None,
        members,
        instruments,
        sites: Vec::new(),
    }
}

/// A database where every kind of cross finding occurs: the same people, instruments and sites
/// in two applications of one year (and of another year), a director full time in two centres,
/// shares adding up beyond the limit, a person and an instrument that are only possibly the same,
/// a record listed twice, a person under two linked documents, two comprehensive applications of
/// a city, close and already-built names, registry members (current and recently left) and a registry
/// instrument outside the programme's scope.
fn mixed_database(store: &mut shenbao::store::Store) -> Vec<RowId> {
    let s = sample();
    let mut ids = vec![store.insert_application(&s).unwrap()];

    let mut twin = s.clone();
    twin.centre_name = "山西省碳基新材料技术创新中心".into();
    twin.people.truncate(20);
    twin.people.push(twin.people[3].clone());
    ids.push(store.insert_application(&twin).unwrap());

    let mut shares = bare("山西省智能传感技术创新中心", "91140100MA0XYZ1234");
    let mut director = s.people[0].clone();
    director.full_time = true;
    shares.people.push(director);
    let mut half = s.people[4].clone();
    half.full_time = false;
    half.share = Some(700);
    shares.people.push(half);
    let mut maybe = s.instruments[0].clone();
    maybe.asset_number = "ZC-2099-0001".into();
    maybe.serial_number = "SN-2099-0001".into();
    shares.instruments.push(maybe);
    ids.push(store.insert_application(&shares).unwrap());

    let mut namesake = bare("山西省高端装备技术创新中心", "91140100MA0XYZ2345");
    let mut p = s.people[5].clone();
    let first17 = format!("{}{}", &p.id_doc.number[..14], "987");
    p.id_doc.number = format!("{first17}{}", shenbao::validate::check_char(&first17).unwrap());
    namesake.people.push(p);
    namesake.instruments.push(s.instruments[1].clone());
    ids.push(store.insert_application(&namesake).unwrap());

    let mut member = bare("山西省氢能技术创新中心", "91140100MA0XYZ3456");
    member.people.push(s.people[8].clone());
    member.people.push(s.people[9].clone());
    ids.push(store.insert_application(&member).unwrap());

    let mut outside = bare("山西省生物制造技术创新中心", "91140100MA0XYZ4567");
    outside.instruments.push(s.instruments[2].clone());
    ids.push(store.insert_application(&outside).unwrap());

    // The sample's seventh person under a passport, linked to the ID card: one person.
    let mut linked = bare("山西省光电技术创新中心", "91140100MA0XYZ5678");
    let mut p = s.people[6].clone();
    let passport =
        shenbao::model::IdDocument { kind: shenbao::model::IdKind::Passport, number: "E12345678".into() };
    p.id_doc = passport.clone();
    linked.people.push(p);
    ids.push(store.insert_application(&linked).unwrap());
    assert!(store.link_documents(&s.people[6].id_doc, &passport).unwrap());

    // Application-level findings, each reachable one way only: two comprehensive applications
    // of one city, two close centre names, and (below) a national platform of a lead (found
    // through the lead's platforms: names are compared with provincial platforms only) and a
    // provincial platform of another host with the same core name as an application.
    for (name, uscc) in [
        ("山西省太原综合技术创新中心", "91140100MA0XYZ6789"),
        ("山西省晋阳转化技术创新中心", "91140100MA0XYZ7890"),
    ] {
        let mut comprehensive = bare(name, uscc);
        comprehensive.category = Category::Comprehensive;
        comprehensive.recommendation_letter = true;
        ids.push(store.insert_application(&comprehensive).unwrap());
    }
    ids.push(store.insert_application(&bare("山西省光伏新材料技术创新中心", "91140100MA0XYZ8901")).unwrap());
    ids.push(
        store.insert_application(&bare("山西省光伏新材料装备技术创新中心", "91140100MA0XYZ9012")).unwrap(),
    );

    let mut last_year = s.clone();
    last_year.centre_name = "山西省往年技术创新中心".into();
    last_year.reference_date = Some(date("2023-05-06"));
    ids.push(store.insert_application(&last_year).unwrap());

    let member_of = |p: &Person, role, left: Option<&str>| PlatformMember {
        name: p.name.clone(),
        id_doc: p.id_doc.clone(),
        role,
        joined: Some(date("2015-01-01")),
        left: left.map(date),
    };
    store
        .insert_platforms(&[
            lab(
                "山西省碳材料重点实验室",
                PlatformLevel::Provincial,
                vec![
                    member_of(&s.people[8], MemberRole::Fixed, None),
                    member_of(&s.people[9], MemberRole::Fixed, Some("2025-06-01")),
                ],
                Vec::new(),
            ),
            lab("太原市传感重点实验室", PlatformLevel::City, Vec::new(), vec![s.instruments[2].clone()]),
            ExistingPlatform {
                kind: PlatformKind::Tic,
                host_uscc: "91140100MA0XYZ4567".into(),
                ..lab("国家生物制造技术创新中心", PlatformLevel::National, Vec::new(), Vec::new())
            },
            lab("山西省高端装备重点实验室", PlatformLevel::Provincial, Vec::new(), Vec::new()),
        ])
        .unwrap();
    ids
}

/// The home screen's findings leave out what cannot move a verdict; per criterion they answer
/// as a full check's findings do (found, warning, clear, not verified…), and the director's
/// commitment is judged alike, for every application of a database with every kind of finding.
#[test]
fn home_findings_answer_every_cross_criterion_as_a_full_check() {
    let db = TempDb::new();
    let mut store = db.open();
    let ids = mixed_database(&mut store);
    let today = date("2026-12-02");
    let checks = [
        CrossCheck::OnePerYear,
        CrossCheck::NotAlreadyBuilt,
        CrossCheck::NoDoubleResources,
        CrossCheck::StaffExclusive,
        CrossCheck::NameUnique,
        CrossCheck::NoConcurrent { cooling_off_years: 2 },
        CrossCheck::RecommendationCount { max_per_city: 2 },
    ];
    let pack = service::choose_pack_in_store(&store, &sample(), None).unwrap();
    let params = service::cross_params_in_store(&store, Some(&pack)).unwrap();
    let subjects: Vec<(RowId, Evaluation)> = ids
        .iter()
        .map(|&id| {
            let app = store.load_application(id).unwrap();
            let as_of = shenbao::rules::resolve_as_of(&pack, &app, None).unwrap_or(today);
            (id, Evaluation { programme: pack.id.clone(), as_of })
        })
        .collect();
    let home = duplicates::cross_findings_of_stored(&store, &params, &subjects).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    let mut answers = std::collections::BTreeSet::new();
    for ((id, eval), lean) in subjects.iter().zip(&home) {
        let app = store.load_application(*id).unwrap();
        let full = duplicates::cross_findings(&store, Some(*id), &app, &params, eval.clone()).unwrap();
        kinds.extend(full.all().map(|c| c.kind));
        for check in checks {
            let (a, b) = (lean.answer(check, &app, eval.as_of), full.answer(check, &app, eval.as_of));
            answers.insert(format!("{:?}", std::mem::discriminant(&b)));
            assert_eq!(
                std::mem::discriminant(&a),
                std::mem::discriminant(&b),
                "application {id}, {check:?}: home {a:?}, full check {b:?}"
            );
        }
        assert_eq!(
            lean.director_commitment(&app, eval.as_of).is_empty(),
            full.director_commitment(&app, eval.as_of).is_empty(),
            "application {id}: the director's commitment"
        );
    }
    // The database exercises what the home screen leaves out.
    for kind in [
        ConflictKind::PersonInTwoApplications,
        ConflictKind::SameInstrument,
        ConflictKind::OverCommitted,
        ConflictKind::PossibleSamePerson,
        ConflictKind::PossibleSameInstrument,
        ConflictKind::PersonInPlatform,
        ConflictKind::DuplicateInApplication,
        ConflictKind::ComprehensivePerCity,
        ConflictKind::AlreadyBuilt,
        ConflictKind::SimilarName,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} occurs in the test database: {kinds:?}");
    }
    assert!(answers.len() >= 3, "found, warning and clear answers occur: {answers:?}");

    for v in service::home_verdicts(&store, today).unwrap() {
        let app = store.load_application(v.id).unwrap();
        let pack = service::choose_pack_in_store(&store, &app, None).unwrap();
        let one = service::check_in_store(&store, Some(v.id), &app, &pack, None, today).unwrap().assessment;
        assert_eq!((v.verdict, v.verdict_label), (one.verdict, one.verdict_label), "application {}", v.id);
    }
}

/// On the home screen a warning about one record never hides an exclusion about a later record
/// of the same criterion: the sample's first instrument is also in a city key lab (a warning),
/// its second in another application of the year (不可申报).
#[test]
fn a_warning_on_one_record_does_not_hide_an_exclusion_on_a_later_one() {
    let db = TempDb::new();
    let mut store = db.open();
    let today = date("2026-12-02");
    let s = sample();
    let a = store.insert_application(&s).unwrap();
    let mut other = bare("山西省生物制造技术创新中心", "91140100MA0XYZ4567");
    other.instruments.push(s.instruments[1].clone());
    store.insert_application(&other).unwrap();
    store
        .insert_platforms(&[lab(
            "太原市传感重点实验室",
            PlatformLevel::City,
            Vec::new(),
            vec![s.instruments[0].clone()],
        )])
        .unwrap();
    let pack = service::choose_pack_in_store(&store, &s, None).unwrap();
    let one = service::check_in_store(&store, Some(a), &s, &pack, None, today).unwrap().assessment;
    let resources = one.result("no-double-resources").unwrap();
    assert_eq!(resources.status, shenbao::rules::Status::Unmet, "{}", resources.message);
    let home = service::home_verdicts(&store, today).unwrap();
    let mine = home.iter().find(|v| v.id == a).unwrap();
    assert_eq!((mine.verdict, mine.verdict_label.as_str()), (Verdict::Ineligible, "不可申报"));
}
