//! Sealed versions (定稿): immutable snapshots of an application, stored and read back whole.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Result, Store, StoreError};
use crate::model::RowId;

/// What a seal stores, as the service builds it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSeal {
    pub application: RowId,
    pub sealed_at: String,
    pub note: String,
    pub pack_id: String,
    pub pack_version: String,
    /// The whole application as interchange JSON.
    pub snapshot: String,
    /// Row ids of every roster in snapshot order, as JSON (`{"people": [3, 4], …}`).
    pub row_ids: String,
    /// The assessment as JSON.
    pub assessment: String,
    pub review_sheet: Vec<u8>,
    pub review_sheet_sha256: String,
}

/// One seal as listed (history, home screen, the 定稿 picker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SealSummary {
    pub id: RowId,
    pub application: RowId,
    pub sealed_at: String,
    pub note: String,
    pub pack_id: String,
    pub pack_version: String,
    pub review_sheet_sha256: String,
}

/// A seal with everything it keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Seal {
    pub summary: SealSummary,
    pub snapshot: String,
    pub row_ids: String,
    pub assessment: String,
    pub review_sheet: Vec<u8>,
}

impl Store {
    /// Stores a seal in one transaction and returns its id.
    pub fn insert_seal(&mut self, seal: &NewSeal) -> Result<RowId> {
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM applications WHERE id = ?1)",
            [seal.application],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::ApplicationNotFound(seal.application));
        }
        tx.execute(
            "INSERT INTO seals (application_id, sealed_at, note, pack_id, pack_version, snapshot, row_ids,
                                assessment, review_sheet, review_sheet_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                seal.application,
                seal.sealed_at,
                seal.note,
                seal.pack_id,
                seal.pack_version,
                seal.snapshot,
                seal.row_ids,
                seal.assessment,
                seal.review_sheet,
                seal.review_sheet_sha256
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// The seals of one application, oldest first.
    pub fn list_seals(&self, application: RowId) -> Result<Vec<SealSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, application_id, sealed_at, note, pack_id, pack_version, review_sheet_sha256
             FROM seals WHERE application_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([application], summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest seal of every sealed application, by application id.
    pub fn latest_seals(&self) -> Result<Vec<SealSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, application_id, sealed_at, note, pack_id, pack_version, review_sheet_sha256
             FROM seals WHERE id IN (SELECT max(id) FROM seals GROUP BY application_id)
             ORDER BY application_id",
        )?;
        let rows = stmt.query_map([], summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One seal with its snapshot, assessment and review sheet.
    pub fn load_seal(&self, id: RowId) -> Result<Seal> {
        self.conn
            .query_row(
                "SELECT id, application_id, sealed_at, note, pack_id, pack_version, review_sheet_sha256,
                        snapshot, row_ids, assessment, review_sheet
                 FROM seals WHERE id = ?1",
                [id],
                |r| {
                    Ok(Seal {
                        summary: summary(r)?,
                        snapshot: r.get(7)?,
                        row_ids: r.get(8)?,
                        assessment: r.get(9)?,
                        review_sheet: r.get(10)?,
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::RowNotFound { table: "seals", id })
    }
}

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<SealSummary> {
    Ok(SealSummary {
        id: r.get(0)?,
        application: r.get(1)?,
        sealed_at: r.get(2)?,
        note: r.get(3)?,
        pack_id: r.get(4)?,
        pack_version: r.get(5)?,
        review_sheet_sha256: r.get(6)?,
    })
}
