//! Programme packs the user loaded (导入申报规则), kept as their TOML text in the `settings` table
//! under `pack:<id>@<version>` (`pack:<id>` before versions were kept side by side), and the
//! version each application keeps (`applications.pack_version`); this module stores and lists
//! them and never parses or validates a pack.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{now_rfc3339, Result, Store, StoreError};
use crate::model::RowId;

const PREFIX: &str = "pack:";

/// One loaded pack as stored: its id, the version its key names (None for a pack stored before
/// versions were kept), the file it came from, when, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPack {
    pub id: String,
    pub version: Option<String>,
    pub file_name: String,
    /// RFC 3339, UTC.
    pub loaded_at: String,
    pub text: String,
}

impl StoredPack {
    fn key(&self) -> String {
        match &self.version {
            Some(v) => format!("{PREFIX}{}@{v}", self.id),
            None => format!("{PREFIX}{}", self.id),
        }
    }
}

/// The stored value (the id and version are in the key).
#[derive(Serialize, Deserialize)]
struct Value {
    file_name: String,
    loaded_at: String,
    text: String,
}

impl Store {
    /// Every loaded pack, by id (and version).
    pub fn user_packs(&self) -> Result<Vec<StoredPack>> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(key, length(?1) + 1), value FROM settings
             WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
        )?;
        let rows = stmt.query_map([PREFIX], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, value) = row?;
            let (id, version) = match name.split_once('@') {
                Some((id, v)) => (id.to_string(), Some(v.to_string())),
                None => (name, None),
            };
            // A value this build cannot read is skipped rather than hiding every other pack.
            if let Ok(v) = serde_json::from_str::<Value>(&value) {
                out.push(StoredPack {
                    id,
                    version,
                    file_name: v.file_name,
                    loaded_at: v.loaded_at,
                    text: v.text,
                });
            }
        }
        Ok(out)
    }

    /// The loaded packs of `id` (ASCII case ignored), every version.
    pub fn user_packs_of(&self, id: &str) -> Result<Vec<StoredPack>> {
        Ok(self.user_packs()?.into_iter().filter(|p| p.id.eq_ignore_ascii_case(id.trim())).collect())
    }

    /// Stores `text` as version `version` of the loaded pack `id`, removing `replacing` (earlier
    /// loads of the same version), in one transaction; returns the stored pack (stamped now).
    pub fn put_user_pack(
        &mut self,
        id: &str,
        version: &str,
        file_name: &str,
        text: &str,
        replacing: &[StoredPack],
    ) -> Result<StoredPack> {
        let stored = StoredPack {
            id: id.to_string(),
            version: Some(version.to_string()),
            file_name: file_name.to_string(),
            loaded_at: now_rfc3339(),
            text: text.to_string(),
        };
        let value = Value {
            file_name: stored.file_name.clone(),
            loaded_at: stored.loaded_at.clone(),
            text: stored.text.clone(),
        };
        let value = serde_json::to_string(&value).expect("serialises");
        let tx = self.conn.transaction()?;
        for old in replacing {
            tx.execute("DELETE FROM settings WHERE key = ?1", [old.key()])?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![stored.key(), value],
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// Removes every loaded version of pack `id` (ASCII case ignored), if any.
    pub fn delete_user_pack(&mut self, id: &str) -> Result<()> {
        let old = self.user_packs_of(id)?;
        let tx = self.conn.transaction()?;
        for p in &old {
            tx.execute("DELETE FROM settings WHERE key = ?1", [p.key()])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The pack version application `id` keeps (None: not recorded yet, i.e. the newest).
    pub fn pack_version_of(&self, id: RowId) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT pack_version FROM applications WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::ApplicationNotFound(id))
    }

    /// Every application's id, programme and kept pack version.
    pub fn pack_versions(&self) -> Result<Vec<(RowId, String, Option<String>)>> {
        let mut stmt =
            self.conn.prepare("SELECT id, programme, pack_version FROM applications ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the pack version application `id` keeps (None: the newest, whichever it is).
    pub fn set_pack_version(&mut self, id: RowId, version: Option<&str>) -> Result<()> {
        let n = self
            .conn
            .execute("UPDATE applications SET pack_version = ?2 WHERE id = ?1", params![id, version])?;
        if n == 0 {
            return Err(StoreError::ApplicationNotFound(id));
        }
        Ok(())
    }

    /// Records `version` for every application of `programme` (ASCII case ignored) that has none
    /// recorded yet; returns how many.
    pub fn keep_pack_version(&mut self, programme: &str, version: &str) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE applications SET pack_version = ?2
             WHERE pack_version IS NULL AND programme = ?1 COLLATE NOCASE",
            params![programme.trim(), version],
        )?)
    }
}
