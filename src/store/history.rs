//! The history of every change to an application: recorded by temporary triggers on the writer's
//! connection, so every write path (window, import, merge, restore) records inside its own
//! transaction; read back per application or per row.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Result, Store, StoreError};
use crate::model::RowId;

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeSource {
    /// Typed in the window (or a CLI command editing one value).
    Window,
    /// An application or roster imported from a file.
    Import,
    /// A co-builder's package merged (or opened as a draft).
    Merge,
    /// A backup restored.
    Restore,
}

impl ChangeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeSource::Window => "window",
            ChangeSource::Import => "import",
            ChangeSource::Merge => "merge",
            ChangeSource::Restore => "restore",
        }
    }

    fn parse(s: &str) -> ChangeSource {
        match s {
            "import" => ChangeSource::Import,
            "merge" => ChangeSource::Merge,
            "restore" => ChangeSource::Restore,
            _ => ChangeSource::Window,
        }
    }

    /// The source in Chinese, for the history view.
    pub fn label(self) -> &'static str {
        match self {
            ChangeSource::Window => "窗口填写",
            ChangeSource::Import => "文件导入",
            ChangeSource::Merge => "合并共建单位材料包",
            ChangeSource::Restore => "从备份恢复",
        }
    }
}

/// One recorded change as stored: a row's whole data before and after (JSON), or an
/// application field, attestation or narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRecord {
    pub id: RowId,
    pub application: RowId,
    pub at: String,
    pub source: ChangeSource,
    /// The table: `applications`, `attestations`, `narratives` or a roster's table.
    pub part: String,
    pub row_id: Option<RowId>,
    /// The attestation's criterion or the narrative's section.
    pub key: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The rosters' tables, each with its JSON `data` column.
pub(super) const ROW_TABLES: &[&str] =
    &["directions", "host_units", "people", "instruments", "sites", "rd_investments", "achievements"];

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
const SOURCE: &str = "(SELECT source FROM temp.history_source)";
const APP_FIELDS: &str = "json_object('programme', X.programme, 'category', X.category, \
     'centre_name', X.centre_name, 'field', X.field, 'sub_area', X.sub_area, \
     'reference_date', X.reference_date, 'city', X.city, 'recommendation_letter', X.recommendation_letter)";

/// Creates the recording triggers on a writer's connection (temporary: they live as long as
/// the connection and are never stored in the file).
pub fn install(conn: &Connection) -> rusqlite::Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS history_source (source TEXT NOT NULL);
         DELETE FROM temp.history_source;
         INSERT INTO temp.history_source VALUES ('window');\n",
    );
    let ins = "INSERT INTO main.history (application_id, at, source, part, row_id, key, before, after)";
    // A row deleted with its whole application leaves no history (the application's goes too).
    let alive =
        |who: &str| format!("EXISTS (SELECT 1 FROM main.applications WHERE id = {who}.application_id)");
    for t in ROW_TABLES {
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS history_{t}_insert AFTER INSERT ON main.{t} BEGIN
                 {ins} VALUES (NEW.application_id, {NOW}, {SOURCE}, '{t}', NEW.id, NULL, NULL, NEW.data);
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS history_{t}_update AFTER UPDATE OF data ON main.{t}
             WHEN OLD.data IS NOT NEW.data BEGIN
                 {ins} VALUES (NEW.application_id, {NOW}, {SOURCE}, '{t}', NEW.id, NULL, OLD.data, NEW.data);
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS history_{t}_delete AFTER DELETE ON main.{t}
             WHEN {alive} BEGIN
                 {ins} VALUES (OLD.application_id, {NOW}, {SOURCE}, '{t}', OLD.id, NULL, OLD.data, NULL);
             END;\n",
            alive = alive("OLD"),
        ));
    }
    for (t, key, value) in [("attestations", "criterion_id", "confirmed"), ("narratives", "section", "body")]
    {
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS history_{t}_insert AFTER INSERT ON main.{t} BEGIN
                 {ins} VALUES (NEW.application_id, {NOW}, {SOURCE}, '{t}', NULL, NEW.{key}, NULL, NEW.{value});
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS history_{t}_update AFTER UPDATE ON main.{t}
             WHEN OLD.{value} IS NOT NEW.{value} BEGIN
                 {ins} VALUES (NEW.application_id, {NOW}, {SOURCE}, '{t}', NULL, NEW.{key}, OLD.{value}, NEW.{value});
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS history_{t}_delete AFTER DELETE ON main.{t}
             WHEN {alive} BEGIN
                 {ins} VALUES (OLD.application_id, {NOW}, {SOURCE}, '{t}', NULL, OLD.{key}, OLD.{value}, NULL);
             END;\n",
            alive = alive("OLD"),
        ));
    }
    let old_fields = APP_FIELDS.replace("X.", "OLD.");
    let new_fields = APP_FIELDS.replace("X.", "NEW.");
    sql.push_str(&format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS history_applications_insert AFTER INSERT ON main.applications BEGIN
             {ins} VALUES (NEW.id, {NOW}, {SOURCE}, 'applications', NULL, NULL, NULL, {new_fields});
         END;
         CREATE TEMP TRIGGER IF NOT EXISTS history_applications_update AFTER UPDATE ON main.applications
         WHEN {old_fields} IS NOT {new_fields} BEGIN
             {ins} VALUES (NEW.id, {NOW}, {SOURCE}, 'applications', NULL, NULL, {old_fields}, {new_fields});
         END;\n"
    ));
    conn.execute_batch(&sql)
}

/// Drops the recording triggers (before a restore replaces the whole file, whose older schema
/// may not have the history table until it is migrated).
pub(super) fn uninstall(conn: &Connection) -> rusqlite::Result<()> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'history\\_%' ESCAPE '\\'",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for n in names {
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS temp.\"{n}\""))?;
    }
    Ok(())
}

/// Every application as the model's JSON (without row ids), for recording what a restore
/// changed: compared as text, kept as the record's before and after.
pub(super) fn snapshot_all(store: &Store) -> Vec<(RowId, String)> {
    store
        .load_all_applications()
        .map(|all| {
            all.into_iter()
                .filter_map(|(id, app)| serde_json::to_string(&app.without_row_ids()).ok().map(|j| (id, j)))
                .collect()
        })
        .unwrap_or_default()
}

impl Store {
    /// Runs `f` with every change it writes recorded as coming from `source` (default: the
    /// window), then goes back to the window.
    pub fn with_change_source<T, E: From<StoreError>>(
        &mut self,
        source: ChangeSource,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.set_change_source(source).map_err(E::from)?;
        let out = f(self);
        let reset = self.set_change_source(ChangeSource::Window);
        let out = out?;
        reset.map_err(E::from)?;
        Ok(out)
    }

    fn set_change_source(&mut self, source: ChangeSource) -> Result<()> {
        if self.is_reader() {
            return Ok(());
        }
        self.conn.execute("UPDATE temp.history_source SET source = ?1", [source.as_str()])?;
        Ok(())
    }

    /// Records, after a restore, the application as it was before (`before`: the model's JSON
    /// of each application id, `None` when it did not exist) against what the backup brought.
    pub(super) fn record_restore(
        &mut self,
        before: &[(RowId, String)],
        after: &[(RowId, String)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (id, now) in after {
            let was = before.iter().find(|(b, _)| b == id).map(|(_, j)| j.as_str());
            if was == Some(now.as_str()) {
                continue;
            }
            tx.execute(
                &format!(
                    "INSERT INTO history (application_id, at, source, part, row_id, key, before, after)
                     VALUES (?1, {NOW}, 'restore', 'application', NULL, NULL, ?2, ?3)"
                ),
                params![id, was, now],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every recorded change of an application, oldest first; with `row`, only that row's
    /// (table, id).
    pub fn history(&self, application: RowId, row: Option<(&str, RowId)>) -> Result<Vec<HistoryRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, application_id, at, source, part, row_id, key, before, after FROM history
             WHERE application_id = ?1 AND (?2 IS NULL OR (part = ?2 AND row_id = ?3)) ORDER BY id",
        )?;
        let (part, id) = match row {
            Some((p, id)) => (Some(p), Some(id)),
            None => (None, None),
        };
        let rows = stmt.query_map(params![application, part, id], |r| {
            Ok(HistoryRecord {
                id: r.get(0)?,
                application: r.get(1)?,
                at: r.get(2)?,
                source: ChangeSource::parse(&r.get::<_, String>(3)?),
                part: r.get(4)?,
                row_id: r.get(5)?,
                key: r.get(6)?,
                before: value_text(r.get_ref(7)?),
                after: value_text(r.get_ref(8)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn value_text(v: rusqlite::types::ValueRef<'_>) -> Option<String> {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}
