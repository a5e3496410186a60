//! The user's milestones of an application on its way to the post office, and the days the post
//! takes: stored as the user set them; the schedule is worked out in `service::schedule`.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{application_exists, Result, Store};
use crate::model::RowId;

/// One milestone as stored: its kind (`unit_review` …), the day planned, the day marked done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMilestone {
    pub kind: String,
    pub planned: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

impl Store {
    /// The milestones the user set for an application.
    pub fn milestones_of(&self, application: RowId) -> Result<Vec<StoredMilestone>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, planned, done_on FROM milestones WHERE application_id = ?1 ORDER BY kind",
        )?;
        let rows = stmt.query_map([application], |r| {
            Ok(StoredMilestone { kind: r.get(0)?, planned: date(r.get(1)?), done_on: date(r.get(2)?) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets (or, with neither date, clears) one milestone of an application.
    pub fn set_milestone(
        &mut self,
        application: RowId,
        kind: &str,
        planned: Option<NaiveDate>,
        done_on: Option<NaiveDate>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        application_exists(&tx, application)?;
        if planned.is_none() && done_on.is_none() {
            tx.execute(
                "DELETE FROM milestones WHERE application_id = ?1 AND kind = ?2",
                params![application, kind],
            )?;
        } else {
            tx.execute(
                "INSERT INTO milestones (application_id, kind, planned, done_on) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (application_id, kind) DO UPDATE SET planned = excluded.planned, done_on = excluded.done_on",
                params![application, kind, planned.map(|d| d.to_string()), done_on.map(|d| d.to_string())],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The days the post takes that the user set for an application, if any.
    pub fn mailing_days_of(&self, application: RowId) -> Result<Option<u32>> {
        Ok(self
            .conn
            .query_row("SELECT days FROM mailing_days WHERE application_id = ?1", [application], |r| r.get(0))
            .optional()?)
    }

    /// Sets the days the post takes for an application (0–60, checked by the caller).
    pub fn set_mailing_days(&mut self, application: RowId, days: u32) -> Result<()> {
        let tx = self.conn.transaction()?;
        application_exists(&tx, application)?;
        tx.execute(
            "INSERT INTO mailing_days (application_id, days) VALUES (?1, ?2)
             ON CONFLICT (application_id) DO UPDATE SET days = excluded.days",
            params![application, days],
        )?;
        tx.commit()?;
        Ok(())
    }
}
