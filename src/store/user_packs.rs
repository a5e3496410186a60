//! Programme packs the user loaded (导入申报规则), kept as their TOML text in the `settings` table
//! under `pack:<id>`; this module stores and lists them and never parses or validates a pack.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{now_rfc3339, Result, Store};

const PREFIX: &str = "pack:";

/// One loaded pack as stored: its id, the file it came from, when, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPack {
    pub id: String,
    pub file_name: String,
    /// RFC 3339, UTC.
    pub loaded_at: String,
    pub text: String,
}

/// The stored value (the id is in the key).
#[derive(Serialize, Deserialize)]
struct Value {
    file_name: String,
    loaded_at: String,
    text: String,
}

impl Store {
    /// Every loaded pack, by id.
    pub fn user_packs(&self) -> Result<Vec<StoredPack>> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(key, length(?1) + 1), value FROM settings
             WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
        )?;
        let rows = stmt.query_map([PREFIX], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, value) = row?;
            // A value this build cannot read is skipped rather than hiding every other pack.
            if let Ok(v) = serde_json::from_str::<Value>(&value) {
                out.push(StoredPack { id, file_name: v.file_name, loaded_at: v.loaded_at, text: v.text });
            }
        }
        Ok(out)
    }

    /// The loaded pack of `id` (ASCII case ignored), if any.
    pub fn user_pack(&self, id: &str) -> Result<Option<StoredPack>> {
        Ok(self.user_packs()?.into_iter().find(|p| p.id.eq_ignore_ascii_case(id.trim())))
    }

    /// Stores `text` as the loaded pack `id`, replacing an earlier one of the same id, in one
    /// transaction; returns the stored pack (stamped now).
    pub fn put_user_pack(&mut self, id: &str, file_name: &str, text: &str) -> Result<StoredPack> {
        let stored = StoredPack {
            id: id.to_string(),
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
        let earlier = self.user_packs()?;
        let tx = self.conn.transaction()?;
        for old in earlier.iter().filter(|p| p.id.eq_ignore_ascii_case(id)) {
            tx.execute("DELETE FROM settings WHERE key = ?1", [format!("{PREFIX}{}", old.id)])?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![format!("{PREFIX}{id}"), value],
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// Removes the loaded pack `id` (ASCII case ignored); false when there was none.
    pub fn delete_user_pack(&mut self, id: &str) -> Result<bool> {
        let Some(old) = self.user_pack(id)? else { return Ok(false) };
        let n = self.conn.execute("DELETE FROM settings WHERE key = ?1", [format!("{PREFIX}{}", old.id)])?;
        Ok(n > 0)
    }
}
