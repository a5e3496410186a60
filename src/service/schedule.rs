//! The way to the post office (报送进度): an application's steps after the check is green — the
//! user's own milestones (本单位审核, 归口管理部门审核, 网上提交, 寄出纸质材料) between the notice's
//! deadlines (网上填报截止, 纸质材料截止) — each with its date, days left and state on a given day;
//! and the reminders of the steps due within [`REMIND_DAYS`]. The edge passes today.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{kept_pack, ServiceError};
use crate::model::RowId;
use crate::store::milestones::StoredMilestone;
use crate::store::Store;

/// Days before a step from which it is due and reminded of at start (the choice, not a rule).
pub const REMIND_DAYS: i64 = 3;
/// Days the post takes to the programme office when the user has not said (a default).
pub const DEFAULT_MAILING_DAYS: u32 = 3;
/// The most days of post the user may enter.
pub const MAX_MAILING_DAYS: u32 = 60;

/// The day in Beijing time (Asia/Shanghai, UTC+8 all year: no summer time) at the instant `now`:
/// the notices' deadlines are Beijing dates, whatever the machine's own time zone.
pub fn today_in_china(now: DateTime<Utc>) -> NaiveDate {
    let beijing = FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"));
    now.with_timezone(&beijing).date_naive()
}

/// A step on the way, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// 本单位审核 (the user's milestone).
    UnitReview,
    /// 归口管理部门审核 (the user's milestone).
    SupervisingReview,
    /// 网上提交 (the user's milestone).
    OnlineSubmission,
    /// 网上填报截止 (the notice's).
    OnlineDeadline,
    /// 寄出纸质材料: planned by the user, else the paper deadline less the days of post.
    Mailing,
    /// 纸质材料截止 (the notice's).
    PaperDeadline,
}

impl StepKind {
    pub const ALL: [StepKind; 6] = [
        StepKind::UnitReview,
        StepKind::SupervisingReview,
        StepKind::OnlineSubmission,
        StepKind::OnlineDeadline,
        StepKind::Mailing,
        StepKind::PaperDeadline,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StepKind::UnitReview => "本单位审核",
            StepKind::SupervisingReview => "归口管理部门审核",
            StepKind::OnlineSubmission => "网上提交",
            StepKind::OnlineDeadline => "网上填报截止",
            StepKind::Mailing => "寄出纸质材料",
            StepKind::PaperDeadline => "纸质材料截止",
        }
    }

    /// The stored name of a milestone the user sets; none for the notice's deadlines.
    pub fn key(self) -> Option<&'static str> {
        match self {
            StepKind::UnitReview => Some("unit_review"),
            StepKind::SupervisingReview => Some("supervising_review"),
            StepKind::OnlineSubmission => Some("online_submission"),
            StepKind::Mailing => Some("mailing"),
            StepKind::OnlineDeadline | StepKind::PaperDeadline => None,
        }
    }
}

/// Where a step stands on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Marked done (a deadline: the step it waits for was done in time).
    Done,
    /// Its day has passed and it is not done.
    Overdue,
    /// Today or within [`REMIND_DAYS`].
    Due,
    /// Further ahead.
    Ahead,
    /// No day set (or the notice states none).
    Undated,
}

/// One step as the window and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Step {
    pub kind: StepKind,
    pub label: String,
    /// The user's to plan and tick off (the notice's deadlines are not).
    pub editable: bool,
    pub date: Option<NaiveDate>,
    /// The day the user planned (for the 寄出 step, none while its day follows the deadline).
    pub planned: Option<NaiveDate>,
    /// The day the user marked it done.
    pub done_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub status: StepStatus,
    /// "已完成（2024年5月1日）", "已逾期 2 天" (a deadline: "已截止"), "今天", "剩 3 天", "未定日期".
    pub status_text: String,
    /// Why the date is what it is, or what is wrong with it: "按纸质材料截止前 3 天", "晚于网上填报截止（2024年5月6日）".
    pub note: String,
    /// Planned after the deadline it leads to (the note says which).
    pub late: bool,
}

/// An application's way to the post office on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Schedule {
    pub application: RowId,
    pub centre_name: String,
    pub mailing_days: u32,
    pub steps: Vec<Step>,
}

/// A step due soon or overdue, for the reminder at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reminder {
    pub application: RowId,
    pub centre_name: String,
    pub step: Step,
}

/// A change the user makes to one of their milestones.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MilestoneChange {
    pub kind: StepKind,
    pub planned: Option<NaiveDate>,
    /// Done: marked on `today` when newly done, kept when already done; false clears it.
    pub done: bool,
}

fn day(d: NaiveDate) -> String {
    crate::pdf::text::date(d)
}

fn status_of(
    date: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> (StepStatus, Option<i64>, String) {
    let days_left = date.map(|d| d.signed_duration_since(today).num_days());
    if let Some(done) = done_on {
        return (StepStatus::Done, days_left, format!("已完成（{}）", day(done)));
    }
    match days_left {
        None => (StepStatus::Undated, None, "未定日期".to_string()),
        Some(n) if n < 0 => (StepStatus::Overdue, days_left, format!("已逾期 {} 天", -n)),
        Some(0) => (StepStatus::Due, days_left, "今天".to_string()),
        Some(n) if n <= REMIND_DAYS => (StepStatus::Due, days_left, format!("剩 {n} 天")),
        Some(n) => (StepStatus::Ahead, days_left, format!("剩 {n} 天")),
    }
}

/// The steps from the notice's deadlines, the user's milestones and the days of post, on `today`.
pub fn steps(
    online_deadline: Option<NaiveDate>,
    paper_deadline: Option<NaiveDate>,
    stored: &[StoredMilestone],
    mailing_days: u32,
    today: NaiveDate,
) -> Vec<Step> {
    let mine = |k: StepKind| stored.iter().find(|m| Some(m.kind.as_str()) == k.key());
    let done_of = |k: StepKind| mine(k).and_then(|m| m.done_on);
    StepKind::ALL
        .iter()
        .map(|&kind| {
            let (date, done_on, mut note) = match kind {
                StepKind::OnlineDeadline => {
                    (online_deadline, done_of(StepKind::OnlineSubmission), String::new())
                }
                StepKind::PaperDeadline => (paper_deadline, done_of(StepKind::Mailing), String::new()),
                StepKind::Mailing => {
                    let m = mine(kind);
                    match (m.and_then(|m| m.planned), paper_deadline) {
                        (Some(p), _) => (Some(p), m.and_then(|m| m.done_on), String::new()),
                        (None, Some(paper)) => (
                            Some(paper - Duration::days(i64::from(mailing_days))),
                            m.and_then(|m| m.done_on),
                            format!("按纸质材料截止前 {mailing_days} 天（邮寄天数可改）"),
                        ),
                        (None, None) => (None, m.and_then(|m| m.done_on), String::new()),
                    }
                }
                _ => {
                    let m = mine(kind);
                    (m.and_then(|m| m.planned), m.and_then(|m| m.done_on), String::new())
                }
            };
            // A milestone planned after the deadline it leads to is late before it starts.
            let bound = match kind {
                StepKind::UnitReview | StepKind::SupervisingReview | StepKind::OnlineSubmission => {
                    online_deadline.map(|d| (StepKind::OnlineDeadline, d))
                }
                StepKind::Mailing => paper_deadline.map(|d| (StepKind::PaperDeadline, d)),
                _ => None,
            };
            let late = matches!((date, bound), (Some(d), Some((_, limit))) if d > limit && done_on.is_none());
            if let (true, Some((b, limit))) = (late, bound) {
                note = format!("晚于{}（{}）", b.label(), day(limit));
            }
            let (status, days_left, mut status_text) = status_of(date, done_on, today);
            // A deadline of the notice is not late: it has closed.
            if status == StepStatus::Overdue && kind.key().is_none() {
                status_text = "已截止".to_string();
            }
            Step {
                kind,
                label: kind.label().to_string(),
                editable: kind.key().is_some(),
                date,
                planned: mine(kind).and_then(|m| m.planned),
                done_on,
                days_left,
                status,
                status_text,
                note,
                late,
            }
        })
        .collect()
}

/// The way to the post office of stored application `id` on `today`.
pub fn schedule(store: &Store, id: RowId, today: NaiveDate) -> Result<Schedule, ServiceError> {
    let app = store.load_application(id)?;
    let pack = kept_pack(store, id, &app)?;
    let mailing_days = store.mailing_days_of(id)?.unwrap_or(DEFAULT_MAILING_DAYS);
    let stored = store.milestones_of(id)?;
    Ok(Schedule {
        application: id,
        centre_name: app.centre_name.trim().to_string(),
        mailing_days,
        steps: steps(pack.online_deadline, pack.paper_deadline, &stored, mailing_days, today),
    })
}

/// Sets one of the user's milestones and answers the new schedule. The notice's deadlines are
/// not the user's to set.
pub fn set_milestone(
    store: &mut Store,
    id: RowId,
    change: &MilestoneChange,
    today: NaiveDate,
) -> Result<Schedule, ServiceError> {
    let key = change.kind.key().ok_or_else(|| {
        ServiceError::bad_value(change.kind.label(), "是通知规定的截止时间，不能修改".to_string())
    })?;
    let was = store.milestones_of(id)?.into_iter().find(|m| m.kind == key).and_then(|m| m.done_on);
    let done_on = change.done.then(|| was.unwrap_or(today));
    store.set_milestone(id, key, change.planned, done_on)?;
    schedule(store, id, today)
}

/// Sets the days the post takes (0–60) and answers the new schedule.
pub fn set_mailing_days(
    store: &mut Store,
    id: RowId,
    days: u32,
    today: NaiveDate,
) -> Result<Schedule, ServiceError> {
    if days > MAX_MAILING_DAYS {
        return Err(ServiceError::bad_value(
            "邮寄天数",
            format!("{days} 天过长：请填写 0 到 {MAX_MAILING_DAYS} 之间的天数"),
        ));
    }
    store.set_mailing_days(id, days)?;
    schedule(store, id, today)
}

/// The steps due within [`REMIND_DAYS`] or overdue and not done, of every application that is
/// not the sample and whose notice still has a deadline ahead (once every deadline has passed
/// there is nothing left to remind of); the nearest first.
pub fn reminders(store: &Store, today: NaiveDate) -> Result<Vec<Reminder>, ServiceError> {
    let mut out = Vec::new();
    for summary in store.list_applications()?.into_iter().filter(|s| !s.sample) {
        let Ok(s) = schedule(store, summary.id, today) else { continue };
        let last = s.steps.iter().filter(|st| !st.editable).filter_map(|st| st.date).max();
        if last.is_none_or(|d| d < today) {
            continue;
        }
        for step in
            s.steps.into_iter().filter(|st| matches!(st.status, StepStatus::Due | StepStatus::Overdue))
        {
            out.push(Reminder { application: s.application, centre_name: s.centre_name.clone(), step });
        }
    }
    out.sort_by_key(|r| (r.step.days_left, r.application));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).expect("a date")
    }

    fn planned(kind: &str, date: NaiveDate) -> StoredMilestone {
        StoredMilestone { kind: kind.into(), planned: Some(date), done_on: None }
    }

    fn step(steps: &[Step], kind: StepKind) -> &Step {
        steps.iter().find(|s| s.kind == kind).expect("every kind has a step")
    }

    #[test]
    fn a_step_is_due_from_three_days_before_and_overdue_the_day_after() {
        let stored = [planned("online_submission", d(5, 6))];
        let at = |today| {
            step(&steps(Some(d(5, 6)), Some(d(5, 10)), &stored, 3, today), StepKind::OnlineSubmission).clone()
        };
        assert_eq!((at(d(5, 2)).status, at(d(5, 2)).status_text.as_str()), (StepStatus::Ahead, "剩 4 天"));
        assert_eq!((at(d(5, 3)).status, at(d(5, 3)).status_text.as_str()), (StepStatus::Due, "剩 3 天"));
        assert_eq!((at(d(5, 6)).status, at(d(5, 6)).status_text.as_str()), (StepStatus::Due, "今天"));
        assert_eq!(
            (at(d(5, 7)).status, at(d(5, 7)).status_text.as_str()),
            (StepStatus::Overdue, "已逾期 1 天")
        );
    }

    #[test]
    fn mailing_is_the_paper_deadline_less_the_days_of_post_unless_planned() {
        let s = steps(Some(d(5, 6)), Some(d(5, 10)), &[], 3, d(5, 1));
        let mail = step(&s, StepKind::Mailing);
        assert_eq!(mail.date, Some(d(5, 7)));
        assert!(mail.note.contains("前 3 天"), "{}", mail.note);
        let s = steps(Some(d(5, 6)), Some(d(5, 10)), &[], 0, d(5, 1));
        assert_eq!(step(&s, StepKind::Mailing).date, Some(d(5, 10)));
        let s = steps(Some(d(5, 6)), Some(d(5, 10)), &[planned("mailing", d(5, 8))], 3, d(5, 1));
        assert_eq!(step(&s, StepKind::Mailing).date, Some(d(5, 8)));
    }

    #[test]
    fn a_milestone_planned_after_its_deadline_says_so() {
        let s = steps(Some(d(5, 6)), Some(d(5, 10)), &[planned("supervising_review", d(5, 7))], 3, d(5, 1));
        assert_eq!(step(&s, StepKind::SupervisingReview).note, "晚于网上填报截止（2024年5月6日）");
        assert!(step(&s, StepKind::SupervisingReview).late);
        let s = steps(Some(d(5, 6)), Some(d(5, 10)), &[planned("supervising_review", d(5, 6))], 3, d(5, 1));
        assert_eq!(step(&s, StepKind::SupervisingReview).note, "", "on the deadline itself is in time");
        assert!(!step(&s, StepKind::SupervisingReview).late);
    }

    #[test]
    fn a_deadline_is_done_when_the_step_before_it_is_done() {
        let done =
            StoredMilestone { kind: "online_submission".into(), planned: None, done_on: Some(d(5, 5)) };
        let s = steps(Some(d(5, 6)), Some(d(5, 10)), &[done], 3, d(5, 5));
        assert_eq!(step(&s, StepKind::OnlineDeadline).status, StepStatus::Done);
        assert_eq!(step(&s, StepKind::OnlineSubmission).status_text, "已完成（2024年5月5日）");
        assert_eq!(step(&s, StepKind::PaperDeadline).status, StepStatus::Ahead);
        let s = steps(Some(d(5, 6)), Some(d(5, 10)), &[], 3, d(5, 7));
        let online = step(&s, StepKind::OnlineDeadline);
        assert_eq!((online.status, online.status_text.as_str()), (StepStatus::Overdue, "已截止"));
    }

    #[test]
    fn the_day_in_beijing_turns_at_16_00_utc() {
        let at = |h: u32, m: u32| {
            NaiveDate::from_ymd_opt(2026, 12, 2)
                .and_then(|d| d.and_hms_opt(h, m, 0))
                .expect("a time")
                .and_utc()
        };
        assert_eq!(today_in_china(at(15, 59)), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(today_in_china(at(16, 0)), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    }
}
