//! The home screen's verdicts in one call answer what one check per application answers.

use chrono::NaiveDate;
use shenbao::model::Category;
use shenbao::rules::Verdict;
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
            (v.verdict, v.verdict_label.as_str()),
            (one.verdict, one.verdict_label.as_str()),
            "{}",
            v.id
        );
    }
    assert_eq!(verdicts[0].verdict, Verdict::Ineligible, "the twin claims the same people");
    assert_eq!(verdicts[3].verdict, Verdict::Incomplete);
}
