//! The signature and seal places of an application the user has ticked as done (签字盖章清单),
//! by the key `service::signatures` gives each place, with the day ticked.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::{Result, Store};
use crate::model::RowId;

impl Store {
    /// The ticked places of an application and the day each was ticked.
    pub fn signoffs_of(&self, application: RowId) -> Result<BTreeMap<String, NaiveDate>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT place, done_on FROM signoffs WHERE application_id = ?1")?;
        let rows = stmt.query_map([application], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (place, day) = row?;
            if let Ok(day) = day.parse() {
                out.insert(place, day);
            }
        }
        Ok(out)
    }

    /// Ticks (with the day) or unticks (`None`) one place of an application.
    pub fn set_signoff(&mut self, application: RowId, place: &str, done_on: Option<NaiveDate>) -> Result<()> {
        let tx = self.conn.transaction()?;
        super::application_exists(&tx, application)?;
        match done_on {
            Some(day) => tx.execute(
                "INSERT INTO signoffs (application_id, place, done_on) VALUES (?1, ?2, ?3)
                 ON CONFLICT (application_id, place) DO UPDATE SET done_on = excluded.done_on",
                params![application, place, day.to_string()],
            )?,
            None => tx.execute(
                "DELETE FROM signoffs WHERE application_id = ?1 AND place = ?2",
                params![application, place],
            )?,
        };
        tx.commit()?;
        Ok(())
    }
}
