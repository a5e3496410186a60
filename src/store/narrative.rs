//! SQL over the narrative similarity tables (migration 10): each section's LSH band keys,
//! recomputed by the write that changed the section (queued in `narrative_dirty`), and the
//! candidate look-ups: sections sharing a band key. Nothing here compares texts.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension};

use super::{Result, Store};
use crate::model::RowId;
use crate::shingles::{content_hash, Folded};

/// Recomputes the band keys of every queued section whose text changed; empties the queue.
pub(super) fn refresh_pending(tx: &Connection) -> Result<usize> {
    let queued: Vec<(RowId, String)> = {
        let mut stmt = tx.prepare_cached("SELECT DISTINCT application_id, section FROM narrative_dirty")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if queued.is_empty() {
        return Ok(0);
    }
    for (app, section) in &queued {
        let body: Option<String> = tx
            .query_row(
                "SELECT body FROM narratives WHERE application_id = ?1 AND section = ?2",
                params![app, section],
                |r| r.get(0),
            )
            .optional()?;
        let hash = body.as_deref().map(content_hash);
        let stored: Option<i64> = tx
            .query_row(
                "SELECT content_hash FROM narrative_sketches WHERE application_id = ?1 AND section = ?2",
                params![app, section],
                |r| r.get(0),
            )
            .optional()?;
        if hash.is_some() && hash == stored {
            continue;
        }
        tx.execute(
            "DELETE FROM narrative_bands WHERE application_id = ?1 AND section = ?2",
            params![app, section],
        )?;
        tx.execute(
            "DELETE FROM narrative_sketches WHERE application_id = ?1 AND section = ?2",
            params![app, section],
        )?;
        let (Some(body), Some(hash)) = (body, hash) else { continue };
        let app_exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM applications WHERE id = ?1)", [app], |r| r.get(0))?;
        if !app_exists {
            continue;
        }
        tx.execute(
            "INSERT INTO narrative_sketches (application_id, section, content_hash) VALUES (?1, ?2, ?3)",
            params![app, section, hash],
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO narrative_bands (application_id, section, band) VALUES (?1, ?2, ?3)",
        )?;
        for band in Folded::new(&body).bands() {
            insert.execute(params![app, section, band])?;
        }
    }
    tx.execute("DELETE FROM narrative_dirty", [])?;
    Ok(queued.len())
}

impl Store {
    /// Applications other than `except` with a `section` sharing at least one of `bands`: the
    /// candidates to compare that section with.
    pub fn narrative_candidates(
        &self,
        section: &str,
        bands: &[i64],
        except: Option<RowId>,
    ) -> Result<Vec<RowId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT application_id FROM narrative_bands
             WHERE section = ?1 AND band = ?2 AND (?3 IS NULL OR application_id IS NOT ?3)",
        )?;
        let mut found = BTreeSet::new();
        for band in bands {
            for id in stmt.query_map(params![section, band, except], |r| r.get::<_, RowId>(0))? {
                found.insert(id?);
            }
        }
        Ok(found.into_iter().collect())
    }

    /// Every pair of applications (smaller id first) whose same section shares a band key:
    /// `(section, first, second)`, sorted.
    pub fn narrative_candidate_pairs(&self) -> Result<Vec<(String, RowId, RowId)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT section, band, application_id FROM narrative_bands ORDER BY section, band, application_id",
        )?;
        let mut buckets: HashMap<(String, i64), Vec<RowId>> = HashMap::new();
        for row in
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, RowId>(2)?)))?
        {
            let (section, band, app) = row?;
            buckets.entry((section, band)).or_default().push(app);
        }
        let mut pairs = BTreeSet::new();
        for ((section, _), apps) in &buckets {
            for (i, a) in apps.iter().enumerate() {
                for b in apps.iter().skip(i + 1).filter(|b| *b != a) {
                    pairs.insert((section.clone(), *a.min(b), *a.max(b)));
                }
            }
        }
        Ok(pairs.into_iter().collect())
    }

    /// The text of one application's section (`None`: blank or absent).
    pub fn narrative_text(&self, application: RowId, section: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT body FROM narratives WHERE application_id = ?1 AND section = ?2 AND body <> ''",
        )?;
        Ok(stmt.query_row(params![application, section], |r| r.get(0)).optional()?)
    }

    /// One application's narrative sections: section key → text.
    pub fn narratives_of(&self, application: RowId) -> Result<std::collections::BTreeMap<String, String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT section, body FROM narratives WHERE application_id = ?1")?;
        let rows = stmt.query_map([application], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
