//! What the store keeps for co-builder packages: each application's uid, the link of a draft to
//! the application it came from, the lead's package counters and the returns it imported.
//! Only SQL lives here; the package format and the merge are `crate::package`'s.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{
    insert_application_tx, now_rfc3339, save_row_data, touch, Result, RowData, RowKind, Store, StoreError,
};
use crate::model::{Application, RowId};

/// A draft opened from a package, as the store remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageLink {
    pub origin_uid: String,
    pub unit_uscc: String,
    /// The revision of the lead's package the draft was opened from.
    pub revision: u32,
    /// How many return packages this draft has produced.
    pub returns: u32,
    /// JSON kept for the package module (the rows as received, the centre).
    pub base: String,
    pub id_map: Vec<IdPair>,
}

/// One row of a draft and the lead's row it was received as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdPair {
    pub kind: RowKind,
    pub draft: RowId,
    pub lead: RowId,
}

/// One write of an imported return.
#[derive(Debug, Clone, PartialEq)]
pub enum RowWrite {
    /// Insert (no id) or update (with id) a row.
    Save(Box<RowData>),
    Delete(RowKind, RowId),
}

/// The newest return imported for one application and unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportMark {
    pub base_revision: u32,
    pub revision: u32,
    pub exported_at: String,
}

impl Store {
    /// The stable id packages name this application by.
    pub fn application_uid(&self, id: RowId) -> Result<String> {
        self.conn
            .query_row("SELECT uid FROM applications WHERE id = ?1", [id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
            .ok_or(StoreError::ApplicationNotFound(id))
    }

    pub fn application_by_uid(&self, uid: &str) -> Result<Option<RowId>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM applications WHERE uid = ?1", [uid], |r| r.get(0))
            .optional()?)
    }

    /// Counts one more package sent for this application's unit and returns its revision.
    pub fn next_package_revision(&mut self, application: RowId, unit_uscc: &str) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let revision: u32 = tx.query_row(
            "INSERT INTO package_exports (application_id, unit_uscc, revision) VALUES (?1, ?2, 1)
             ON CONFLICT (application_id, unit_uscc) DO UPDATE SET revision = revision + 1
             RETURNING revision",
            params![application, unit_uscc],
            |r| r.get(0),
        )?;
        super::commit(tx)?;
        Ok(revision)
    }

    /// The link of a draft to its origin; `None` for an application that is not a draft.
    pub fn package_link(&self, draft: RowId) -> Result<Option<PackageLink>> {
        let row = self
            .conn
            .query_row(
                "SELECT origin_uid, unit_uscc, revision, returns, base, id_map
                 FROM package_links WHERE application_id = ?1",
                [draft],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, u32>(2)?,
                        r.get::<_, u32>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((origin_uid, unit_uscc, revision, returns, base, id_map)) = row else {
            return Ok(None);
        };
        let id_map = serde_json::from_str(&id_map).map_err(|e| StoreError::Corrupt {
            table: "package_links",
            id: draft,
            reason: e.to_string(),
        })?;
        Ok(Some(PackageLink { origin_uid, unit_uscc, revision, returns, base, id_map }))
    }

    /// Every application that is a co-builder's draft (has a package link), in one read.
    pub fn package_drafts(&self) -> Result<std::collections::HashSet<RowId>> {
        let mut stmt = self.conn.prepare_cached("SELECT application_id FROM package_links")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest draft opened from a package of this origin and unit: its id and revision.
    pub fn package_draft(&self, origin_uid: &str, unit_uscc: &str) -> Result<Option<(RowId, u32)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT application_id, revision FROM package_links WHERE origin_uid = ?1 AND unit_uscc = ?2
                 ORDER BY revision DESC, application_id DESC LIMIT 1",
                params![origin_uid, unit_uscc],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Stores a draft and its link in one transaction. The rows of `app` carry the lead's row
    /// ids; the link pairs each with the id the row gets here.
    pub fn insert_package_draft(
        &mut self,
        app: &Application,
        origin_uid: &str,
        unit_uscc: &str,
        revision: u32,
        base: &str,
        evidence: &super::evidence::EvidenceWrites<'_>,
    ) -> Result<RowId> {
        let tx = self.conn.transaction()?;
        let id = insert_application_tx(&tx, app)?;
        super::evidence::write_evidence_tx(&tx, id, evidence)?;
        let mut id_map = Vec::new();
        let mut pair = |kind: RowKind, leads: Vec<Option<RowId>>| -> Result<()> {
            let mut stmt = tx.prepare(&format!(
                "SELECT id FROM {} WHERE application_id = ?1 ORDER BY position, id",
                kind.table()
            ))?;
            let drafts: Vec<RowId> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            for (draft, lead) in drafts.into_iter().zip(leads) {
                if let Some(lead) = lead {
                    id_map.push(IdPair { kind, draft, lead });
                }
            }
            Ok(())
        };
        pair(RowKind::HostUnit, app.host_units.iter().map(|r| r.id).collect())?;
        pair(RowKind::Person, app.people.iter().map(|r| r.id).collect())?;
        pair(RowKind::Instrument, app.instruments.iter().map(|r| r.id).collect())?;
        pair(RowKind::Site, app.sites.iter().map(|r| r.id).collect())?;
        pair(RowKind::RdInvestment, app.rd_investments.iter().map(|r| r.id).collect())?;
        pair(RowKind::Achievement, app.achievements.iter().map(|r| r.id).collect())?;
        tx.execute(
            "INSERT INTO package_links (application_id, origin_uid, unit_uscc, revision, base, id_map, opened_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                origin_uid,
                unit_uscc,
                revision,
                base,
                serde_json::to_string(&id_map).expect("ids serialise"),
                now_rfc3339()
            ],
        )?;
        super::commit(tx)?;
        Ok(id)
    }

    /// Counts one more return package made from a draft and returns its revision.
    pub fn next_return_revision(&mut self, draft: RowId) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let revision: Option<u32> = tx
            .query_row(
                "UPDATE package_links SET returns = returns + 1 WHERE application_id = ?1 RETURNING returns",
                [draft],
                |r| r.get(0),
            )
            .optional()?;
        super::commit(tx)?;
        revision.ok_or(StoreError::ApplicationNotFound(draft))
    }

    /// The newest return imported into this application for this unit.
    pub fn last_package_import(&self, application: RowId, unit_uscc: &str) -> Result<Option<ImportMark>> {
        Ok(self
            .conn
            .query_row(
                "SELECT base_revision, revision, exported_at FROM package_imports
                 WHERE application_id = ?1 AND unit_uscc = ?2",
                params![application, unit_uscc],
                |r| Ok(ImportMark { base_revision: r.get(0)?, revision: r.get(1)?, exported_at: r.get(2)? }),
            )
            .optional()?)
    }

    /// Applies the accepted rows of a return and records it, in one transaction. Returns
    /// `Ok(false)`, writing nothing, when a return as new as `mark` was imported meanwhile.
    pub fn apply_package_return(
        &mut self,
        application: RowId,
        unit_uscc: &str,
        mark: &ImportMark,
        writes: &[RowWrite],
        evidence: &super::evidence::EvidenceWrites<'_>,
    ) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let last: Option<(u32, u32)> = tx
            .query_row(
                "SELECT base_revision, revision FROM package_imports WHERE application_id = ?1 AND unit_uscc = ?2",
                params![application, unit_uscc],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if last.is_some_and(|last| last >= (mark.base_revision, mark.revision)) {
            return Ok(false);
        }
        touch(&tx, application)?;
        for write in writes {
            match write {
                RowWrite::Save(row) => {
                    save_row_data(&tx, application, row.as_ref())?;
                }
                RowWrite::Delete(kind, id) => {
                    tx.execute(
                        &format!("DELETE FROM {} WHERE id = ?1 AND application_id = ?2", kind.table()),
                        params![id, application],
                    )?;
                }
            }
        }
        super::evidence::write_evidence_tx(&tx, application, evidence)?;
        tx.execute(
            "INSERT INTO package_imports (application_id, unit_uscc, base_revision, revision, exported_at, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (application_id, unit_uscc) DO UPDATE SET base_revision = excluded.base_revision,
                 revision = excluded.revision, exported_at = excluded.exported_at, imported_at = excluded.imported_at",
            params![application, unit_uscc, mark.base_revision, mark.revision, mark.exported_at, now_rfc3339()],
        )?;
        super::commit(tx)?;
        Ok(true)
    }
}
