//! The cross criteria through the app's own path (`service::check_in_store` on a real SQLite
//! file): each test is named after a behaviour the 2026-12 rule audit found wrong (E2–E5).

use chrono::NaiveDate;
use shenbao::model::{
    Application, ExistingPlatform, MemberRole, PlatformKind, PlatformLevel, PlatformMember,
};
use shenbao::rules::{builtin_pack, Status, Verdict};
use shenbao::service::{check_in_store, RegistryCheck};
use shenbao::store::Store;

use crate::common::{other_app, sample, TempDb};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
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

fn member(app: &Application, index: usize, left: Option<&str>) -> PlatformMember {
    let p = &app.people[index];
    PlatformMember {
        name: p.name.clone(),
        id_doc: p.id_doc.clone(),
        role: MemberRole::Fixed,
        joined: Some(date("2015-01-01")),
        left: left.map(date),
    }
}

fn check(store: &mut Store, app: &Application, programme: &str, as_of: Option<&str>) -> RegistryCheck {
    let pack = builtin_pack(programme).expect("pack");
    check_in_store(store, None, app, &pack, as_of.map(date), date("2026-12-02")).expect("check")
}

fn status(c: &RegistryCheck, id: &str) -> Status {
    c.assessment.result(id).unwrap_or_else(|| panic!("no {id}")).status
}

/// A platform unrelated to the sample, so the registry is not empty.
fn unrelated() -> ExistingPlatform {
    platform("山西省某某光电技术创新中心", PlatformLevel::Provincial, PlatformKind::Tic)
}

/// A bar decides: "不可申报" carries no "但未与…比对", which would suggest it might yet change.
#[test]
fn a_barred_application_has_no_caveat_about_what_was_not_compared() {
    let db = TempDb::new();
    let mut store = db.open();
    // The sample's hosts are registered in 太原: not in 吕梁, a bar of the 中试基地.
    let c = check(&mut store, &sample(), "P4", None);
    assert_eq!(c.assessment.verdict, Verdict::Ineligible);
    assert_eq!(status(&c, "no-concurrent"), Status::NotVerified);
    assert_eq!(c.assessment.verdict_caveat, None);
    assert_eq!(c.assessment.verdict_line(), "不可申报");
}

#[test]
fn empty_registry_leaves_registry_criteria_not_verified_and_the_verdict_says_so() {
    let db = TempDb::new();
    let mut store = db.open();
    let c = check(&mut store, &sample(), "P1", None);
    for id in ["not-already-built", "staff-exclusive", "no-double-resources", "name-unique", "one-per-year"] {
        assert_eq!(status(&c, id), Status::NotVerified, "{id}: {}", c.assessment.result(id).unwrap().message);
        let u = c.assessment.result(id).unwrap().unverified.clone().expect("reason and remedy");
        assert!(!u.reason.is_empty() && !u.remedy.is_empty());
    }
    let caveat = c.assessment.verdict_caveat.clone().expect("the verdict says what was not verified");
    assert!(caveat.contains("已建平台名录"), "{caveat}");
    let line = c.assessment.verdict_line();
    assert!(line.starts_with(&format!("{}，但未与", c.assessment.verdict_label)), "{line}");
    assert!(line.contains("已建平台名录"), "{line}");
    let text = shenbao::rules::report_text(&c.assessment);
    assert!(text.contains("未核验"), "{text}");
    // Once the registry holds platforms of the kinds concerned, they are checked (and clear).
    store.insert_platforms(&[unrelated()]).unwrap();
    let c = check(&mut store, &sample(), "P1", None);
    assert_eq!(status(&c, "not-already-built"), Status::Met);
    assert_eq!(status(&c, "staff-exclusive"), Status::Met);
}

/// Each cross criterion's line says which question it put to the local data, whether it could
/// be answered or not: the applicant must see which of the five was not verified, and then which
/// one was checked.
#[test]
fn each_cross_criterion_names_the_question_it_asked() {
    let asked = [
        ("one-per-year", "本年度同一平台申报次数："),
        ("not-already-built", "平台及其人员是否已建："),
        ("no-double-resources", "人员、成果、仪器设备、场所是否多头或重复申请："),
        ("staff-exclusive", "固定人员是否在其他平台任固定人员："),
        ("name-unique", "名称是否与已建平台重复或近似："),
    ];
    let db = TempDb::new();
    let mut store = db.open();
    let c = check(&mut store, &sample(), "P1", None);
    for (id, question) in asked {
        let message = &c.assessment.result(id).unwrap().message;
        assert!(message.starts_with(&format!("{question}未核验——")), "{id}: {message}");
    }
    store.insert_platforms(&[unrelated()]).unwrap();
    let c = check(&mut store, &sample(), "P1", None);
    for id in ["not-already-built", "staff-exclusive"] {
        let question = asked.iter().find(|(i, _)| *i == id).unwrap().1;
        let message = &c.assessment.result(id).unwrap().message;
        assert!(message.starts_with(&format!("{question}已与本地库核对，未发现冲突")), "{id}: {message}");
    }
}

#[test]
fn registry_platform_without_host_credit_code_leaves_not_already_built_unverified() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut built = platform("山西省煤基碳材料重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    built.host_uscc = String::new();
    store.insert_platforms(&[built]).unwrap();
    let c = check(&mut store, &s, "P1", None);
    assert_eq!(status(&c, "not-already-built"), Status::NotVerified);
    let u = c.assessment.result("not-already-built").unwrap().unverified.clone().unwrap();
    assert!(u.reason.contains("统一社会信用代码"), "{}", u.reason);
}

#[test]
fn p1_and_a_city_pilot_base_of_the_same_lead_are_not_one_per_year_peers() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_platforms(&[unrelated()]).unwrap();
    let s = sample();
    let mut pilot = s.clone();
    pilot.programme = "P4".into();
    pilot.centre_name = "吕梁市煤基碳材料中试基地".into();
    pilot.reference_date = Some(date("2024-05-06"));
    pilot.people.clear();
    pilot.instruments.clear();
    pilot.sites.clear();
    pilot.achievements.clear();
    store.insert_application(&pilot).unwrap();
    let c = check(&mut store, &s, "P1", None);
    assert_ne!(
        status(&c, "one-per-year"),
        Status::Unmet,
        "{}",
        c.assessment.result("one-per-year").unwrap().message
    );
    assert_ne!(c.assessment.verdict, Verdict::Ineligible);
    // A provincial key-lab application of the same lead and year is a peer.
    let mut lab = s.clone();
    lab.programme = "P1".into();
    lab.centre_name = "山西省煤基碳材料技术创新中心".into();
    lab.people.clear();
    lab.instruments.clear();
    lab.sites.clear();
    lab.achievements.clear();
    store.insert_application(&lab).unwrap();
    let c = check(&mut store, &s, "P1", None);
    assert_eq!(status(&c, "one-per-year"), Status::Unmet);
}

#[test]
fn instrument_also_under_a_city_key_lab_is_a_warning_not_an_exclusion() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut lab = platform("太原市某市级重点实验室", PlatformLevel::City, PlatformKind::KeyLab);
    lab.instruments.push(s.instruments[0].clone());
    store.insert_platforms(&[lab, unrelated()]).unwrap();
    let c = check(&mut store, &s, "P1", None);
    let r = c.assessment.result("no-double-resources").unwrap();
    assert_eq!(r.status, Status::Warning, "{}", r.message);
    assert_ne!(c.assessment.verdict, Verdict::Ineligible);
    // The same instrument under a provincial key lab excludes.
    let mut provincial = platform("山西省某重点实验室", PlatformLevel::Provincial, PlatformKind::KeyLab);
    provincial.instruments.push(s.instruments[0].clone());
    store.insert_platforms(&[provincial]).unwrap();
    let c = check(&mut store, &s, "P1", None);
    assert_eq!(status(&c, "no-double-resources"), Status::Unmet);
    assert_eq!(c.assessment.verdict, Verdict::Ineligible);
}

#[test]
fn cross_checks_use_the_evaluated_pack_and_reference_date() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    // A P4 application created 2024-04-20, checked as of 2024-05-06: its director left an
    // engineering centre on 2021-05-01, so the 3 years are full from 2024-05-02.
    let mut pilot = s.clone();
    pilot.programme = "P4".into();
    pilot.reference_date = None;
    pilot.created_at = "2024-04-20T09:30:00+08:00".into();
    let mut centre =
        platform("吕梁市某工程技术研究中心", PlatformLevel::City, PlatformKind::EngineeringCentre);
    centre.members.push(member(&s, 0, Some("2021-05-01")));
    store.insert_platforms(&[centre]).unwrap();
    let c = check(&mut store, &pilot, "P4", Some("2024-05-06"));
    assert_eq!(c.assessment.as_of, date("2024-05-06"));
    let r = c.assessment.result("no-concurrent").unwrap();
    assert_eq!(r.status, Status::Met, "{}", r.message);
    // On 2024-04-30 the same director had not yet completed 3 years; the message says that date.
    let c = check(&mut store, &pilot, "P4", Some("2024-04-30"));
    let r = c.assessment.result("no-concurrent").unwrap();
    assert_eq!(r.status, Status::Unmet, "{}", r.message);
    assert!(r.message.contains("2024年4月30日"), "{}", r.message);
    // A P1 application checked against P4 runs P4's cross checks (not P1's).
    let mut current =
        platform("吕梁市另一工程技术研究中心", PlatformLevel::City, PlatformKind::EngineeringCentre);
    current.members.push(member(&s, 1, None));
    store.insert_platforms(&[current]).unwrap();
    let c = check(&mut store, &s, "P4", Some("2024-05-06"));
    assert_eq!(status(&c, "no-concurrent"), Status::Unmet);
}

/// The same check of an application stored under `id`, as the window checks a saved application.
fn check_saved(store: &mut Store, id: shenbao::model::RowId, app: &Application) -> RegistryCheck {
    let pack = builtin_pack(&app.programme).expect("pack");
    check_in_store(store, Some(id), app, &pack, None, date("2026-12-02")).expect("check")
}

fn reason(c: &RegistryCheck, id: &str) -> String {
    let r = c.assessment.result(id).unwrap_or_else(|| panic!("no {id}"));
    r.unverified.as_ref().unwrap_or_else(|| panic!("{id} is verified: {}", r.message)).reason.clone()
}

/// A check with nothing to compare with says what it looked for: the platforms of the pack's
/// scope, or this year's applications of the kinds that count.
#[test]
fn a_check_with_nothing_to_compare_names_what_it_looked_for() {
    let db = TempDb::new();
    let mut store = db.open();
    let c = check(&mut store, &sample(), "P1", None);
    assert_eq!(
        reason(&c, "not-already-built"),
        "已建平台名录中没有国家级、省级重点实验室、技术创新中心、临床医学研究中心的记录，无从比对"
    );
    assert_eq!(
        reason(&c, "staff-exclusive"),
        "已建平台名录中没有国家级重点实验室、技术创新中心，省级重点实验室、技术创新中心、临床医学研究中心的记录，无从比对"
    );
    assert_eq!(
        reason(&c, "name-unique"),
        "已建平台名录中没有省级技术创新中心、重点实验室的记录，本地库中也没有本年度同类申报书，无从比对"
    );
    assert_eq!(
        reason(&c, "one-per-year"),
        "本地库中没有2024年省级重点实验室、技术创新中心的其他申报书，无从比对"
    );
}

/// A saved application is compared with the other applications of its year, as an unsaved one
/// is: one-per-year and no-double-resources are checked (and clear), not "nothing to compare".
#[test]
fn a_saved_application_is_compared_with_the_other_applications_of_its_year() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let a = store.insert_application(&s).unwrap();
    store.insert_application(&other_app("山西省智能制造技术创新中心")).unwrap();
    let c = check_saved(&mut store, a, &s);
    for id in ["one-per-year", "no-double-resources"] {
        let r = c.assessment.result(id).unwrap();
        assert_eq!(r.status, Status::Met, "{id}: {}", r.message);
    }
}

/// Another year's application of the same programme is no peer for one-per-year: with only that
/// one in the database the check has nothing to compare with and says so, never "clear".
#[test]
fn another_years_application_leaves_one_per_year_not_verified() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut last_year = other_app("山西省智能制造技术创新中心");
    last_year.reference_date = Some(date("2023-05-06"));
    store.insert_application(&last_year).unwrap();
    let c = check(&mut store, &s, "P1", None);
    assert_eq!(status(&c, "one-per-year"), Status::NotVerified);
    assert_eq!(
        reason(&c, "one-per-year"),
        "本地库中没有2024年省级重点实验室、技术创新中心的其他申报书，无从比对"
    );
}

/// The per-city quota of comprehensive applications counts this programme's comprehensive
/// applications of the year: another programme's comprehensive application, or this programme's
/// thematic one, leaves the count not verified.
#[test]
fn only_this_programmes_comprehensive_applications_of_the_year_verify_the_city_quota() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut s = sample();
    s.category = shenbao::model::Category::Comprehensive;
    s.recommendation_letter = true;
    let mut other_programme = other_app("山西省智能制造技术创新中心");
    other_programme.programme = "P2".into();
    other_programme.category = shenbao::model::Category::Comprehensive;
    other_programme.recommendation_letter = true;
    store.insert_application(&other_programme).unwrap();
    let mut thematic = other_app("山西省汾河新材料技术创新中心");
    thematic.host_units[0].uscc = "91140100MA0XYZ8888".into();
    assert_ne!(thematic.category, s.category);
    store.insert_application(&thematic).unwrap();
    let c = check(&mut store, &s, "P1", None);
    assert_eq!(status(&c, "comprehensive-recommendation"), Status::NotVerified);
    assert_eq!(
        reason(&c, "comprehensive-recommendation"),
        "本地库中没有2024年本申报类型的其他综合类申报书，无从比对"
    );
}

/// A registry platform outside the pack's scope (a city key lab) with a close name and no host
/// credit code cannot be the same platform as a provincial one: not-already-built is checked.
#[test]
fn a_close_named_platform_outside_the_scope_without_a_host_code_does_not_hold_the_check() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut city = platform("太原市煤基碳材料重点实验室", PlatformLevel::City, PlatformKind::KeyLab);
    city.host_uscc = String::new();
    store.insert_platforms(&[city, unrelated()]).unwrap();
    let c = check(&mut store, &s, "P1", None);
    let r = c.assessment.result("not-already-built").unwrap();
    assert_eq!(r.status, Status::Met, "{}", r.message);
}

/// "城市" in a centre name is part of the name, not a city prefix: two different platforms of one
/// lead, 智慧城市 and 数字城市, are not "the same platform applied for twice" (a false 不可申报
/// when both names were cut down to "技术创新中心"), nor close names.
#[test]
fn a_shi_inside_the_name_is_not_taken_for_a_city_prefix() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_platforms(&[unrelated()]).unwrap();
    let mut s = sample();
    s.centre_name = "山西省智慧城市技术创新中心".into();
    let mut other = s.clone();
    other.centre_name = "山西省数字城市技术创新中心".into();
    other.people.clear();
    other.instruments.clear();
    other.sites.clear();
    other.achievements.clear();
    store.insert_application(&other).unwrap();
    let c = check(&mut store, &s, "P1", None);
    for id in ["one-per-year", "name-unique"] {
        let r = c.assessment.result(id).unwrap();
        assert_eq!(r.status, Status::Met, "{id}: {}", r.message);
    }
    // A real city prefix is still not part of the name: the same platform under 太原市 is one.
    let mut again = s.clone();
    again.centre_name = "太原市智慧城市技术创新中心".into();
    let c = check(&mut store, &again, "P1", None);
    assert_eq!(status(&c, "name-unique"), Status::Met);
    store.insert_application(&s).unwrap();
    let c = check(&mut store, &again, "P1", None);
    assert_eq!(status(&c, "one-per-year"), Status::Unmet);
}

/// "国家" is the level, not part of the name: a lead that hosts the national 生物制造 centre
/// applying for the provincial one of that name is found (a short core name made the two only
/// 75 % alike when 国家 was counted, under the 80 % of a close name).
#[test]
fn a_national_platform_of_the_lead_with_the_same_core_name_is_already_built() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut s = sample();
    s.centre_name = "山西省生物制造技术创新中心".into();
    let national = ExistingPlatform {
        host_uscc: s.host_units[0].uscc.clone(),
        ..platform("国家生物制造技术创新中心", PlatformLevel::National, PlatformKind::Tic)
    };
    store.insert_platforms(&[national, unrelated()]).unwrap();
    let c = check(&mut store, &s, "P1", None);
    let r = c.assessment.result("not-already-built").unwrap();
    assert_eq!(r.status, Status::Unmet, "{}", r.message);
    assert!(r.message.contains("国家生物制造技术创新中心"), "{}", r.message);
}

/// An application that sets no reference date of its own is of the year of its programme's
/// reference date (P1: 2024-05-06), not of the year it was created in: the same centre name
/// there is this year's.
#[test]
fn an_application_without_its_own_reference_date_is_of_the_packs_year() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_platforms(&[unrelated()]).unwrap();
    let s = sample();
    let mut same_name = other_app(&s.centre_name);
    same_name.reference_date = None;
    same_name.created_at = "2026-03-01T09:00:00+08:00".into();
    store.insert_application(&same_name).unwrap();
    let c = check(&mut store, &s, "P1", None);
    let r = c.assessment.result("name-unique").unwrap();
    assert_eq!(r.status, Status::Unmet, "{}", r.message);
}

/// A person's commitment over the limit is a warning citing the pack's clause for the limit.
#[test]
fn an_over_commitment_warning_cites_the_packs_clause() {
    let db = TempDb::new();
    let mut store = db.open();
    let s = sample();
    let mut other = other_app("山西省智能制造技术创新中心");
    let mut p = s.people[4].clone();
    p.full_time = true;
    other.people.push(p);
    store.insert_application(&other).unwrap();
    let mut mine = s.clone();
    mine.people[4].full_time = true;
    let c = check(&mut store, &mine, "P1", None);
    let over: Vec<_> =
        c.conflicts.iter().filter(|c| c.kind == shenbao::duplicates::ConflictKind::OverCommitted).collect();
    assert_eq!(over.len(), 1, "{:#?}", c.conflicts);
    assert!(over[0].message.contains("（依据：《2024年省创中心申报通知》二（四）3）"), "{}", over[0].message);
}
