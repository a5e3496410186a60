//! The way to the post office (报送进度) on a real database: milestones planned and ticked off,
//! the reminder three days ahead, the notice's deadlines not the user's to move, bad input
//! refused with nothing changed, and the milestones gone with their application.

use chrono::NaiveDate;
use shenbao::service::{self, ErrorCode, MilestoneChange, StepKind, StepStatus};

use crate::common::{sample, TempDb};

/// The sample's programme (P1 2024): 网上填报截止 2024-05-06, 纸质材料截止 2024-05-10.
fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, d).expect("a date")
}

fn plan(kind: StepKind, planned: Option<NaiveDate>, done: bool) -> MilestoneChange {
    MilestoneChange { kind, planned, done }
}

#[test]
fn a_planned_step_is_reminded_from_three_days_before_until_done() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let s = service::schedule(&store, id, day(5, 1)).unwrap();
    let online = s.steps.iter().find(|s| s.kind == StepKind::OnlineDeadline).unwrap();
    assert_eq!(online.date, Some(day(5, 6)), "the notice's deadline comes from the pack");
    let mailing = s.steps.iter().find(|s| s.kind == StepKind::Mailing).unwrap();
    assert_eq!(mailing.date, Some(day(5, 7)), "post three days before the paper deadline by default");

    service::set_milestone(
        &mut store,
        id,
        &plan(StepKind::OnlineSubmission, Some(day(5, 5)), false),
        day(5, 1),
    )
    .unwrap();
    let reminded = |store: &shenbao::store::Store, today| {
        service::reminders(store, today)
            .unwrap()
            .into_iter()
            .filter(|r| r.step.kind == StepKind::OnlineSubmission)
            .map(|r| r.step.status_text)
            .collect::<Vec<_>>()
    };
    assert!(reminded(&store, day(5, 1)).is_empty(), "four days ahead: not yet");
    assert_eq!(reminded(&store, day(5, 2)), ["剩 3 天"]);
    assert_eq!(reminded(&store, day(5, 6)), ["已逾期 1 天"]);
    // Once every deadline of the notice has passed there is nothing left to remind of.
    assert!(service::reminders(&store, day(5, 11)).unwrap().is_empty());

    let s = service::set_milestone(
        &mut store,
        id,
        &plan(StepKind::OnlineSubmission, Some(day(5, 5)), true),
        day(5, 4),
    )
    .unwrap();
    let step = s.steps.iter().find(|s| s.kind == StepKind::OnlineSubmission).unwrap();
    assert_eq!((step.status, step.done_on), (StepStatus::Done, Some(day(5, 4))));
    assert!(reminded(&store, day(5, 4)).is_empty(), "done: no reminder");
    // Ticking it again keeps the day it was first marked done.
    let s = service::set_milestone(
        &mut store,
        id,
        &plan(StepKind::OnlineSubmission, Some(day(5, 5)), true),
        day(5, 5),
    )
    .unwrap();
    assert_eq!(
        s.steps.iter().find(|s| s.kind == StepKind::OnlineSubmission).unwrap().done_on,
        Some(day(5, 4))
    );
}

#[test]
fn the_sample_is_never_reminded_of() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = service::create_sample(&mut store).unwrap();
    service::set_milestone(&mut store, id, &plan(StepKind::UnitReview, Some(day(5, 3)), false), day(5, 1))
        .unwrap();
    assert!(service::reminders(&store, day(5, 2)).unwrap().is_empty());
}

#[test]
fn bad_changes_are_refused_and_change_nothing() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    service::set_mailing_days(&mut store, id, 5, day(5, 1)).unwrap();
    let before = service::schedule(&store, id, day(5, 1)).unwrap();

    let e = service::set_milestone(
        &mut store,
        id,
        &plan(StepKind::PaperDeadline, Some(day(6, 1)), false),
        day(5, 1),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("纸质材料截止") && e.to_string().contains("不能修改"), "{e}");
    let e = service::set_mailing_days(&mut store, id, 61, day(5, 1)).unwrap_err();
    assert!(e.to_string().starts_with("邮寄天数："), "{e}");
    assert_eq!(service::schedule(&store, id, day(5, 1)).unwrap(), before);
    assert_eq!(before.mailing_days, 5);
    // 0 is a hand delivery on the day itself: the paper deadline.
    let s = service::set_mailing_days(&mut store, id, 0, day(5, 1)).unwrap();
    assert_eq!(s.steps.iter().find(|s| s.kind == StepKind::Mailing).unwrap().date, Some(day(5, 10)));

    let e = service::set_milestone(
        &mut store,
        999,
        &plan(StepKind::UnitReview, Some(day(5, 2)), false),
        day(5, 1),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[test]
fn the_milestones_go_with_their_application() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    service::set_milestone(
        &mut store,
        id,
        &plan(StepKind::SupervisingReview, Some(day(5, 3)), true),
        day(5, 3),
    )
    .unwrap();
    assert_eq!(store.milestones_of(id).unwrap().len(), 1);
    store.delete_application(id).unwrap();
    assert!(store.milestones_of(id).unwrap().is_empty());
}
