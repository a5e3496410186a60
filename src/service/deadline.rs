//! A programme's deadline on a given day: open, passed, year-round or not stated, the date the
//! countdown runs to, and the words the window and the CLI print. The edge passes today; nothing
//! here reads the clock.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::rules::pack::Pack;

/// Days before a deadline from which the list marks it as near (a display choice, not a rule).
pub const SOON_DAYS: i64 = 7;

/// Where a programme stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// A deadline of the notice (网上填报, 纸质材料, or the end of its validity) is still ahead.
    Open,
    /// Every date of the notice has passed (已截止).
    Expired,
    /// 常年受理.
    YearRound,
    /// The notice states no date.
    Unstated,
}

impl DeadlineStatus {
    pub const ALL: [DeadlineStatus; 4] =
        [DeadlineStatus::Open, DeadlineStatus::Expired, DeadlineStatus::YearRound, DeadlineStatus::Unstated];

    /// The Chinese label, as the programme list of 新建申报书 shows it.
    pub fn label(self) -> &'static str {
        match self {
            DeadlineStatus::Open => "受理中",
            DeadlineStatus::Expired => "已截止",
            DeadlineStatus::YearRound => "常年受理",
            DeadlineStatus::Unstated => "通知未载明",
        }
    }
}

/// A programme's deadlines as seen on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Deadline {
    pub status: DeadlineStatus,
    /// The date the countdown runs to: the first of the 网上填报 and 纸质材料 deadlines not passed
    /// yet (or the end of validity when the notice gives no deadline); once all have passed, the
    /// last of them.
    pub next: Option<NaiveDate>,
    /// What `next` is: "网上填报截止", "纸质材料截止" or "有效期至".
    pub next_label: String,
    /// Whole days from the day to `next` (negative when passed).
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    /// "剩 4 天", "今天截止", "已截止"; empty when there is no date.
    pub countdown: String,
    /// True within [`SOON_DAYS`] of `next`, not passed.
    pub soon: bool,
    /// Every date in one line: "网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日（已截止）",
    /// "常年受理", "通知未载明截止时间".
    pub text: String,
}

/// `pack`'s deadlines on `today`.
pub fn deadline(pack: &Pack, today: NaiveDate) -> Deadline {
    let dated = |label: &str, date: Option<NaiveDate>| date.map(|d| (label.to_string(), d));
    let mut dates: Vec<(String, NaiveDate)> =
        [dated("网上填报截止", pack.online_deadline), dated("纸质材料截止", pack.paper_deadline)]
            .into_iter()
            .flatten()
            .collect();
    if dates.is_empty() {
        dates.extend(dated("有效期至", pack.effective_until));
    }
    dates.sort_by_key(|(_, d)| *d);
    let status = if pack.year_round {
        DeadlineStatus::YearRound
    } else {
        match dates.last() {
            None => DeadlineStatus::Unstated,
            Some((_, last)) if *last < today => DeadlineStatus::Expired,
            Some(_) => DeadlineStatus::Open,
        }
    };
    let next = match status {
        DeadlineStatus::YearRound => None,
        _ => dates.iter().find(|(_, d)| *d >= today).or(dates.last()).cloned(),
    };
    let days_left = next.as_ref().map(|(_, d)| d.signed_duration_since(today).num_days());
    let countdown = match days_left {
        Some(n) if n > 0 => format!("剩 {n} 天"),
        Some(0) => "今天截止".to_string(),
        Some(_) => "已截止".to_string(),
        None => String::new(),
    };
    let text = match status {
        DeadlineStatus::YearRound => "常年受理".to_string(),
        DeadlineStatus::Unstated => "通知未载明截止时间".to_string(),
        DeadlineStatus::Open | DeadlineStatus::Expired => {
            let listed: Vec<String> =
                dates.iter().map(|(label, d)| format!("{label} {}", chinese(*d))).collect();
            let passed = if status == DeadlineStatus::Expired { "（已截止）" } else { "" };
            format!("{}{passed}", listed.join("；"))
        }
    };
    Deadline {
        status,
        next_label: next.as_ref().map(|(l, _)| l.clone()).unwrap_or_default(),
        next: next.map(|(_, d)| d),
        soon: days_left.is_some_and(|n| (0..=SOON_DAYS).contains(&n)),
        days_left,
        countdown,
        text,
    }
}

fn chinese(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn pack(online: Option<&str>, paper: Option<&str>, until: Option<&str>, year_round: bool) -> Pack {
        let mut p = crate::rules::builtin_packs().unwrap().into_iter().next().unwrap();
        p.online_deadline = online.map(day);
        p.paper_deadline = paper.map(day);
        p.effective_until = until.map(day);
        p.year_round = year_round;
        p
    }

    #[test]
    fn the_countdown_runs_to_the_next_deadline_and_the_status_to_the_last() {
        let p = pack(Some("2024-05-06"), Some("2024-05-10"), Some("2024-12-31"), false);
        let on = |d: &str| deadline(&p, day(d));
        let before = on("2024-04-29");
        assert_eq!(
            (before.status, before.next, before.next_label.as_str(), before.countdown.as_str(), before.soon),
            (DeadlineStatus::Open, Some(day("2024-05-06")), "网上填报截止", "剩 7 天", true)
        );
        assert!(!on("2024-04-28").soon, "eight days ahead is not near");
        assert_eq!(on("2024-05-06").countdown, "今天截止");
        let between = on("2024-05-07");
        assert_eq!(
            (between.status, between.next_label.as_str(), between.days_left),
            (DeadlineStatus::Open, "纸质材料截止", Some(3))
        );
        assert_eq!(on("2024-05-10").status, DeadlineStatus::Open, "the last day is still open");
        let after = on("2024-05-11");
        assert_eq!(
            (after.status, after.next, after.countdown.as_str(), after.soon, after.days_left),
            (DeadlineStatus::Expired, Some(day("2024-05-10")), "已截止", false, Some(-1))
        );
        assert_eq!(after.text, "网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日（已截止）");
        assert_eq!(before.text, "网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日");
    }

    #[test]
    fn year_round_unstated_and_validity_only() {
        let year_round = deadline(&pack(None, None, Some("2030-01-01"), true), day("2031-01-01"));
        assert_eq!(
            (year_round.status, year_round.text.as_str(), year_round.next),
            (DeadlineStatus::YearRound, "常年受理", None)
        );
        let unstated = deadline(&pack(None, None, None, false), day("2024-01-01"));
        assert_eq!(
            (unstated.status, unstated.text.as_str(), unstated.countdown.as_str()),
            (DeadlineStatus::Unstated, "通知未载明截止时间", "")
        );
        let until = deadline(&pack(None, None, Some("2024-12-31"), false), day("2025-01-01"));
        assert_eq!(
            (until.status, until.text.as_str()),
            (DeadlineStatus::Expired, "有效期至 2024年12月31日（已截止）")
        );
    }
}
