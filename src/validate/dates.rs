//! Dates after the day of entry: a birth date, an achievement's date or a year of R&D
//! investment later than today is kept as typed and flagged as a warning (a slip of the year
//! is the usual cause). Pure: `today` comes from the edge that read the clock.

use chrono::{Datelike, NaiveDate};

use crate::model::{Achievement, Person, RdInvestment};

use super::application::FieldIssue;

/// A person's birth date after `today` (path relative to the row).
pub fn person_date_warnings(p: &Person, today: NaiveDate) -> Vec<FieldIssue> {
    later("birth_date", "出生日期", p.birth_date, today).into_iter().collect()
}

/// An achievement's date after `today`.
pub fn achievement_date_warnings(r: &Achievement, today: NaiveDate) -> Vec<FieldIssue> {
    later("date", "日期", r.date, today).into_iter().collect()
}

/// A year of R&D investment after this year.
pub fn rd_investment_date_warnings(r: &RdInvestment, today: NaiveDate) -> Vec<FieldIssue> {
    if r.year > today.year() {
        vec![FieldIssue::warning(
            "year",
            "年度",
            format!("{}年晚于今年（{}年），请核对（已按所填保存）", r.year, today.year()),
        )]
    } else {
        Vec::new()
    }
}

fn later(path: &str, field: &str, date: Option<NaiveDate>, today: NaiveDate) -> Option<FieldIssue> {
    let date = date.filter(|&d| d > today)?;
    Some(FieldIssue::warning(
        path,
        field,
        format!("{}年{}月{}日晚于今天，请核对（已按所填保存）", date.year(), date.month(), date.day()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::IssueLevel;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn a_date_after_today_is_a_warning_and_today_itself_is_not() {
        let app = crate::interchange::application_from_json(crate::samples::SAMPLE_P1).expect("sample");
        let mut p = app.people[0].clone();
        p.birth_date = Some(day("2026-12-03"));
        let got = person_date_warnings(&p, day("2026-12-02"));
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].path.as_str(), got[0].level), ("birth_date", IssueLevel::Warning));
        assert!(got[0].message.contains("2026年12月3日晚于今天"), "{}", got[0].message);
        p.birth_date = Some(day("2026-12-02"));
        assert!(person_date_warnings(&p, day("2026-12-02")).is_empty());
    }

    #[test]
    fn an_achievement_dated_tomorrow_and_next_years_investment_are_warnings() {
        let app = crate::interchange::application_from_json(crate::samples::SAMPLE_P1).expect("sample");
        let mut a = app.achievements[0].clone();
        a.date = Some(day("2027-01-01"));
        assert_eq!(achievement_date_warnings(&a, day("2026-12-31")).len(), 1);
        a.date = None;
        assert!(achievement_date_warnings(&a, day("2026-12-31")).is_empty());
        let mut r = app.rd_investments[0].clone();
        r.year = 2027;
        assert_eq!(rd_investment_date_warnings(&r, day("2026-12-31"))[0].path, "year");
        r.year = 2026;
        assert!(rd_investment_date_warnings(&r, day("2026-12-31")).is_empty());
    }
}
