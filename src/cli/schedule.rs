//! `shenbao schedule ID [--plan KIND=DATE] [--done KIND] [--undone KIND] [--mailing-days N]` and
//! `shenbao reminders`: the way to the post office, each change one call into `service`, printed.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use shenbao::service::{self, MilestoneChange, Schedule, ServiceError, StepKind};
use shenbao::store::Store;

/// What the command line asks to change before printing.
pub struct Changes {
    pub plan: Vec<String>,
    pub done: Vec<String>,
    pub undone: Vec<String>,
    pub mailing_days: Option<u32>,
}

fn kind(text: &str) -> Result<StepKind, ServiceError> {
    StepKind::ALL.into_iter().find(|k| k.key() == Some(text)).ok_or_else(|| {
        ServiceError::bad_value(
            "步骤",
            format!(
                "“{text}”不是可安排的步骤：可用 unit_review、supervising_review、online_submission、mailing"
            ),
        )
    })
}

fn current(schedule: &Schedule, k: StepKind) -> (Option<NaiveDate>, bool) {
    schedule.steps.iter().find(|s| s.kind == k).map_or((None, false), |s| (s.planned, s.done_on.is_some()))
}

pub fn run(
    db: &Option<PathBuf>,
    id: i64,
    changes: &Changes,
    today: NaiveDate,
    out: &mut String,
) -> Result<(), ServiceError> {
    let writes = !changes.plan.is_empty() || !changes.done.is_empty() || !changes.undone.is_empty();
    let mut store: Store =
        if writes || changes.mailing_days.is_some() { super::open(db)? } else { super::open_reading(db)? };
    let mut schedule = service::schedule(&store, id, today)?;
    if let Some(days) = changes.mailing_days {
        schedule = service::set_mailing_days(&mut store, id, days, today)?;
    }
    for p in &changes.plan {
        let (k, date) = p.split_once('=').ok_or_else(|| {
            ServiceError::bad_value(
                "--plan",
                format!("“{p}”应写成 步骤=日期，如 online_submission=2024-05-06"),
            )
        })?;
        let k = kind(k.trim())?;
        let date: NaiveDate = date.trim().parse().map_err(|_| {
            ServiceError::bad_value("--plan", format!("日期“{}”无法识别：请写成 2024-05-06", date.trim()))
        })?;
        let (_, done) = current(&schedule, k);
        schedule = service::set_milestone(
            &mut store,
            id,
            &MilestoneChange { kind: k, planned: Some(date), done },
            today,
        )?;
    }
    for (list, done) in [(&changes.done, true), (&changes.undone, false)] {
        for k in list {
            let k = kind(k.trim())?;
            let (planned, _) = current(&schedule, k);
            schedule =
                service::set_milestone(&mut store, id, &MilestoneChange { kind: k, planned, done }, today)?;
        }
    }
    say!(out, "报送进度：{}（邮寄 {} 天）", schedule.centre_name, schedule.mailing_days);
    for s in &schedule.steps {
        let date = s.date.map(|d| d.to_string()).unwrap_or_else(|| "—".to_string());
        let note = if s.note.is_empty() { String::new() } else { format!("\t{}", s.note) };
        say!(out, "{}\t{date}\t{}{note}", s.label, s.status_text);
    }
    Ok(())
}

pub fn reminders(store: &Store, today: NaiveDate, out: &mut String) -> Result<(), ServiceError> {
    let list = service::reminders(store, today)?;
    if list.is_empty() {
        say!(out, "近 3 天内没有到期的步骤");
    }
    for r in list {
        let date = r.step.date.map(|d| d.to_string()).unwrap_or_default();
        say!(out, "{}\t{}\t{date}\t{}", r.centre_name, r.step.label, r.step.status_text);
    }
    Ok(())
}
