//! What the store keeps of supporting materials: the user's items, the files attached to any
//! item and their content as blobs addressed by SHA-256 (stored once however often attached).
//! Only SQL lives here; the stored shapes are `crate::attachment`'s, the item list `crate::evidence`'s.
//! Blobs are read only by [`Store::evidence_blob`], which nothing that lists or checks calls.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};

use super::{now_rfc3339, touch, Result, Store, StoreError};
use crate::attachment::inspect::{FileKind, Inspected};
use crate::attachment::{sha256_hex, user_key, AttachedFile, Evidences, UserItem};
use crate::model::RowId;

/// One file to attach: its name as the user chose it, what the reader found, its bytes, and the
/// unit it is from (normalised USCC; empty for the application's own).
pub struct NewFile<'a> {
    pub file_name: String,
    pub inspected: Inspected,
    pub bytes: &'a [u8],
    pub unit: String,
}

/// The item a file of [`EvidenceWrites`] goes to: an existing key, or the k-th new item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRef {
    Key(String),
    New(usize),
}

/// The supporting materials written with a co-builder package (a draft opened, a return merged),
/// in the package's transaction: new user items, files added, files removed.
#[derive(Default)]
pub struct EvidenceWrites<'a> {
    /// (title, what it evidences, required).
    pub new_items: Vec<(String, Evidences, bool)>,
    pub add: Vec<(ItemRef, NewFile<'a>)>,
    /// File ids.
    pub remove: Vec<RowId>,
}

fn insert_item_tx(
    tx: &rusqlite::Transaction<'_>,
    application: RowId,
    title: &str,
    evidences: &Evidences,
    required: bool,
) -> Result<RowId> {
    tx.execute(
        "INSERT INTO evidence_items (application_id, position, title, evidences, required)
         VALUES (?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM evidence_items WHERE application_id = ?1),
                 ?2, ?3, ?4)",
        params![application, title, serde_json::to_string(evidences).expect("serialises"), required],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Stores one file at the end of an item (its content once per SHA-256); returns its id.
fn insert_file_tx(
    tx: &rusqlite::Transaction<'_>,
    application: RowId,
    item: &str,
    f: &NewFile<'_>,
) -> Result<RowId> {
    let sha = sha256_hex(f.bytes);
    tx.execute(
        "INSERT INTO evidence_blobs (sha256, size, data) VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
        params![sha, f.bytes.len() as i64, f.bytes],
    )?;
    tx.execute(
        "INSERT INTO evidence_files (application_id, item, position, file_name, kind, sha256, size, pages,
                                     orientation, note, added_at, unit_uscc)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM evidence_files
                          WHERE application_id = ?1 AND item = ?2),
                 ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            application,
            item,
            f.file_name,
            f.inspected.kind.as_str(),
            sha,
            f.bytes.len() as i64,
            f.inspected.pages,
            f.inspected.orientation,
            f.inspected.note,
            now_rfc3339(),
            f.unit
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Writes the supporting materials of a package inside its transaction.
pub(super) fn write_evidence_tx(
    tx: &rusqlite::Transaction<'_>,
    application: RowId,
    writes: &EvidenceWrites<'_>,
) -> Result<()> {
    let mut new_ids = Vec::with_capacity(writes.new_items.len());
    for (title, evidences, required) in &writes.new_items {
        new_ids.push(insert_item_tx(tx, application, title, evidences, *required)?);
    }
    for id in &writes.remove {
        tx.execute(
            "DELETE FROM evidence_files WHERE id = ?1 AND application_id = ?2",
            params![id, application],
        )?;
    }
    for (item, file) in &writes.add {
        let key = match item {
            ItemRef::Key(key) => key.clone(),
            ItemRef::New(k) => user_key(
                *new_ids
                    .get(*k)
                    .ok_or(StoreError::RowNotFound { table: "evidence_items", id: *k as RowId })?,
            ),
        };
        insert_file_tx(tx, application, &key, file)?;
    }
    Ok(())
}

impl Store {
    /// The files of every item of an application, by item key, in order (no blob is read).
    pub fn evidence_files(&self, application: RowId) -> Result<BTreeMap<String, Vec<AttachedFile>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, item, file_name, kind, sha256, size, pages, note, orientation, unit_uscc FROM evidence_files
             WHERE application_id = ?1 ORDER BY item, position, id",
        )?;
        let rows = stmt.query_map([application], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, String>(3)?,
                AttachedFile {
                    id: r.get(0)?,
                    file_name: r.get(2)?,
                    kind: FileKind::Pdf,
                    sha256: r.get(4)?,
                    size: r.get::<_, i64>(5)?.unsigned_abs(),
                    pages: r.get(6)?,
                    note: r.get(7)?,
                    orientation: r.get(8)?,
                    unit: r.get(9)?,
                },
            ))
        })?;
        let mut out: BTreeMap<String, Vec<AttachedFile>> = BTreeMap::new();
        for row in rows {
            let (item, kind, mut file) = row?;
            file.kind = FileKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
                table: "evidence_files",
                id: file.id,
                reason: format!("unknown kind {kind}"),
            })?;
            out.entry(item).or_default().push(file);
        }
        Ok(out)
    }

    /// The items the user added to an application, in order.
    pub fn evidence_user_items(&self, application: RowId) -> Result<Vec<UserItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, evidences, required FROM evidence_items
             WHERE application_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([application], |r| {
            Ok((r.get::<_, RowId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, evidences, required) = row?;
            let evidences: Evidences = serde_json::from_str(&evidences).map_err(|e| StoreError::Corrupt {
                table: "evidence_items",
                id,
                reason: e.to_string(),
            })?;
            out.push(UserItem { id, title, evidences, required });
        }
        Ok(out)
    }

    /// Adds an item of the user's at the end; returns its id.
    pub fn add_evidence_item(
        &mut self,
        application: RowId,
        title: &str,
        evidences: &Evidences,
        required: bool,
    ) -> Result<RowId> {
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        let id = insert_item_tx(&tx, application, title, evidences, required)?;
        tx.commit()?;
        Ok(id)
    }

    /// Removes an item of the user's with its files (and every blob no other file refers to).
    pub fn remove_evidence_item(&mut self, application: RowId, id: RowId) -> Result<()> {
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        let n = tx.execute(
            "DELETE FROM evidence_items WHERE id = ?1 AND application_id = ?2",
            params![id, application],
        )?;
        if n == 0 {
            return Err(StoreError::RowNotFound { table: "evidence_items", id });
        }
        tx.commit()?;
        Ok(())
    }

    /// Attaches files at the end of an item, all in one transaction: all or none. A content
    /// already stored is not stored again. Returns the new file ids in order.
    pub fn attach_evidence(
        &mut self,
        application: RowId,
        item: &str,
        files: &[NewFile<'_>],
    ) -> Result<Vec<RowId>> {
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        let mut ids = Vec::with_capacity(files.len());
        for f in files {
            ids.push(insert_file_tx(&tx, application, item, f)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Removes one attached file (and its blob when no other file refers to it); returns what
    /// it was.
    pub fn remove_evidence_file(&mut self, application: RowId, id: RowId) -> Result<AttachedFile> {
        let file = self
            .evidence_files(application)?
            .into_values()
            .flatten()
            .find(|f| f.id == id)
            .ok_or(StoreError::RowNotFound { table: "evidence_files", id })?;
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        tx.execute(
            "DELETE FROM evidence_files WHERE id = ?1 AND application_id = ?2",
            params![id, application],
        )?;
        tx.commit()?;
        Ok(file)
    }

    /// Puts the files of one item in the given order (`order` lists every file id of the item).
    pub fn reorder_evidence(&mut self, application: RowId, item: &str, order: &[RowId]) -> Result<()> {
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        let current: Vec<RowId> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM evidence_files WHERE application_id = ?1 AND item = ?2 ORDER BY position, id",
            )?;
            let rows = stmt.query_map(params![application, item], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut sorted_now = current.clone();
        sorted_now.sort_unstable();
        let mut sorted_wanted = order.to_vec();
        sorted_wanted.sort_unstable();
        if sorted_now != sorted_wanted {
            let id = order.iter().find(|id| !current.contains(id)).copied().unwrap_or(0);
            return Err(StoreError::RowNotFound { table: "evidence_files", id });
        }
        for (position, id) in order.iter().enumerate() {
            tx.execute(
                "UPDATE evidence_files SET position = ?1 WHERE id = ?2",
                params![position as i64, id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The bytes of one stored content, by its SHA-256.
    pub fn evidence_blob(&self, sha256: &str) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT data FROM evidence_blobs WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .optional()?
            .ok_or_else(|| missing_blob(sha256))
    }

    /// Bytes `begin..end` of one attached file of `application` (clamped to its size), read from
    /// its content in place, in one look-up: a thumbnail of a large PDF reads the parts of it that
    /// it draws, not the whole file.
    pub fn evidence_file_range(
        &self,
        application: RowId,
        file: RowId,
        begin: u64,
        end: u64,
    ) -> Result<Vec<u8>> {
        let (sha256, row): (String, Option<i64>) = self
            .conn
            .prepare_cached(
                "SELECT f.sha256, b.rowid FROM evidence_files f LEFT JOIN evidence_blobs b ON b.sha256 = f.sha256
                 WHERE f.id = ?1 AND f.application_id = ?2",
            )?
            .query_row(params![file, application], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::RowNotFound { table: "evidence_files", id: file })?;
        let row = row.ok_or_else(|| missing_blob(&sha256))?;
        let blob = self.conn.blob_open(rusqlite::MAIN_DB, c"evidence_blobs", c"data", row, true)?;
        let size = blob.len();
        let begin = usize::try_from(begin).unwrap_or(usize::MAX).min(size);
        let end = usize::try_from(end).unwrap_or(usize::MAX).clamp(begin, size);
        let mut bytes = vec![0; end - begin];
        blob.read_at_exact(&mut bytes, begin)?;
        Ok(bytes)
    }

    /// How many contents are stored and their total size, in bytes.
    pub fn evidence_blob_stats(&self) -> Result<(u64, u64)> {
        Ok(self.conn.query_row("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM evidence_blobs", [], |r| {
            Ok((r.get::<_, i64>(0)?.unsigned_abs(), r.get::<_, i64>(1)?.unsigned_abs()))
        })?)
    }
}

/// A file whose content is not in the store: the database is damaged.
fn missing_blob(sha256: &str) -> StoreError {
    StoreError::Corrupt { table: "evidence_blobs", id: 0, reason: format!("missing {sha256}") }
}
