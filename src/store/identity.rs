//! SQL over the duplicate-detection tables (migration 2): identity keys, their refresh queue,
//! links between ID documents, and the application/platform headers conflicts are named by.
//! Keys are computed by the pure `crate::identity` (below the store); nothing here judges a conflict.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{now_rfc3339, Result, Store};
use crate::identity::{self as ident, KeyFacts, Resource};
use crate::model::{Achievement, ExistingPlatform, IdDocument, Instrument, Person, RowId, Site};

/// What two records are matched on: the identity key (the same record) or the possible-duplicate
/// hint (perhaps the same record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchOn {
    Key,
    Hint,
}

/// One stored identity key with its owner: an application or a registry platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// Row id of the record in its table (the platform id for registry entries).
    pub source_row: RowId,
    pub application_id: Option<RowId>,
    pub platform_id: Option<RowId>,
    pub facts: KeyFacts,
}

/// What conflicts need to know of an application, read from its columns (no JSON parsing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationHeader {
    pub id: RowId,
    pub programme: String,
    /// `comprehensive` or `field`.
    pub category: String,
    pub centre_name: String,
    pub reference_date: Option<NaiveDate>,
    pub city: String,
    pub created_at: String,
    /// The lead host's USCC and name (empty when no host is entered).
    pub lead_uscc: String,
    pub lead_name: String,
}

/// What conflicts need to know of an existing platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformHeader {
    pub id: RowId,
    pub name: String,
    /// `national`, `provincial` or `city`.
    pub level: String,
    /// `key_lab`, `tic`, `clinical_centre`, `engineering_centre`, `pilot_base`, `other`.
    pub kind: String,
    pub host_uscc: String,
    pub host_name: String,
}

const KEY_COLUMNS: &str =
    "k.source_row, k.application_id, k.platform_id, k.resource, k.key, k.hint, k.label, k.number, k.role, \
     k.left_on, k.area, k.owner_uscc, k.share";

fn key_row(r: &Row<'_>) -> rusqlite::Result<Option<KeyRow>> {
    let resource: String = r.get(3)?;
    let Some(resource) = Resource::parse(&resource) else { return Ok(None) };
    let left_on: Option<String> = r.get(9)?;
    Ok(Some(KeyRow {
        source_row: r.get(0)?,
        application_id: r.get(1)?,
        platform_id: r.get(2)?,
        facts: KeyFacts {
            resource,
            key: r.get(4)?,
            hint: r.get(5)?,
            label: r.get(6)?,
            number: r.get(7)?,
            role: r.get(8)?,
            left_on: left_on.and_then(|d| d.parse().ok()),
            area: r.get(10)?,
            owner_uscc: r.get(11)?,
            share: r.get(12)?,
        },
    }))
}

fn collect_keys(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<KeyRow>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, key_row)?;
    let mut out = Vec::new();
    for r in rows {
        if let Some(k) = r? {
            out.push(k);
        }
    }
    Ok(out)
}

fn header(r: &Row<'_>) -> rusqlite::Result<ApplicationHeader> {
    let reference: Option<String> = r.get(4)?;
    Ok(ApplicationHeader {
        id: r.get(0)?,
        programme: r.get(1)?,
        category: r.get(2)?,
        centre_name: r.get(3)?,
        reference_date: reference.and_then(|d| d.parse().ok()),
        city: r.get(5)?,
        created_at: r.get(6)?,
        lead_uscc: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        lead_name: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
    })
}

const HEADER_SQL: &str =
    "SELECT a.id, a.programme, a.category, a.centre_name, a.reference_date, a.city, a.created_at,
        (SELECT h.uscc FROM host_units h WHERE h.application_id = a.id ORDER BY h.position, h.id LIMIT 1),
        (SELECT h.name FROM host_units h WHERE h.application_id = a.id ORDER BY h.position, h.id LIMIT 1)
     FROM applications a";

/// Keys of one pending row, or nothing when the row is gone or unreadable.
fn keys_of_pending(tx: &Connection, source: &str, row: RowId) -> Result<(Option<RowId>, Vec<KeyFacts>)> {
    fn parse<T: serde::de::DeserializeOwned>(data: &str) -> Option<T> {
        serde_json::from_str(data).ok()
    }
    if source == "platforms" {
        let data: Option<String> =
            tx.query_row("SELECT data FROM platforms WHERE id = ?1", [row], |r| r.get(0)).optional()?;
        let platform = data.as_deref().and_then(parse::<ExistingPlatform>);
        tx.execute("DELETE FROM platform_identity WHERE platform_id = ?1", [row])?;
        if let Some(p) = &platform {
            tx.execute(
                "INSERT INTO platform_identity (platform_id, name, level, kind, host_uscc, host_name)
                 SELECT id, name, level, kind, ?2, ?3 FROM platforms WHERE id = ?1",
                params![row, ident::unit_key(&p.host_uscc), p.host_name.trim()],
            )?;
        }
        return Ok((None, platform.map(|p| ident::platform_keys(&p)).unwrap_or_default()));
    }
    let sql = match source {
        "people" => "SELECT application_id, data FROM people WHERE id = ?1",
        "instruments" => "SELECT application_id, data FROM instruments WHERE id = ?1",
        "sites" => "SELECT application_id, data FROM sites WHERE id = ?1",
        "achievements" => "SELECT application_id, data FROM achievements WHERE id = ?1",
        _ => return Ok((None, Vec::new())),
    };
    let found: Option<(RowId, String)> =
        tx.prepare_cached(sql)?.query_row([row], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let Some((application, data)) = found else { return Ok((None, Vec::new())) };
    let keys = match source {
        "people" => parse::<Person>(&data).and_then(|p| ident::person_keys(&p)),
        "instruments" => parse::<Instrument>(&data).and_then(|i| ident::instrument_keys(&i)),
        "sites" => parse::<Site>(&data).and_then(|s| ident::site_keys(&s)),
        _ => parse::<Achievement>(&data).and_then(|a| ident::achievement_keys(&a)),
    };
    Ok((Some(application), keys.into_iter().collect()))
}

/// The two normalised document keys of a link, in stored order (a < b), or `None` for a
/// document linked to itself.
fn link_pair(a: &IdDocument, b: &IdDocument) -> Option<(String, String)> {
    let (a, b) = (ident::document_key(a), ident::document_key(b));
    match a.cmp(&b) {
        std::cmp::Ordering::Less => Some((a, b)),
        std::cmp::Ordering::Greater => Some((b, a)),
        std::cmp::Ordering::Equal => None,
    }
}

/// Recomputes, inside the write transaction `tx`, the identity keys of every row the triggers
/// queued in `identity_dirty`; returns how many rows were processed. Unreadable rows get no keys.
/// Every write path calls it before committing, so readers (a live check) never write.
pub(super) fn refresh_pending(tx: &Connection) -> Result<usize> {
    let pending: Vec<(String, RowId)> = {
        let mut stmt =
            tx.prepare_cached("SELECT source, source_row FROM identity_dirty ORDER BY source, source_row")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if pending.is_empty() {
        return Ok(0);
    }
    {
        let mut del_row =
            tx.prepare_cached("DELETE FROM identity_keys WHERE source = ?1 AND source_row = ?2")?;
        let mut del_platform = tx.prepare_cached("DELETE FROM identity_keys WHERE platform_id = ?1")?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO identity_keys (source, source_row, application_id, platform_id, resource, key, hint,
                                        label, number, role, left_on, area, owner_uscc, share)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        // Keys and hints met in more than one owner: the whole-database report reads only these.
        // An owner is an application (?3, its id) or a registry platform (?4, its id); the other
        // parameter is 0, which no id is, so every row of the other kind counts as another owner.
        // Each EXISTS is a range of an index, never a walk over the owner's own rows: a roster of
        // 50,000 rows with one key took a quarter of an hour walking them one row at a time.
        let mut shared_key = tx.prepare_cached(
            "INSERT OR IGNORE INTO identity_shared (resource, kind, value)
             SELECT ?1, 'key', ?2 WHERE
                EXISTS (SELECT 1 FROM identity_keys WHERE resource = ?1 AND key = ?2 AND application_id < ?3)
             OR EXISTS (SELECT 1 FROM identity_keys WHERE resource = ?1 AND key = ?2 AND application_id > ?3)
             OR EXISTS (SELECT 1 FROM identity_keys WHERE resource = ?1 AND key = ?2
                        AND application_id IS NULL AND platform_id < ?4)
             OR EXISTS (SELECT 1 FROM identity_keys WHERE resource = ?1 AND key = ?2
                        AND application_id IS NULL AND platform_id > ?4)",
        )?;
        // The same hint under another key: the rows of the hint with a smaller key, then those
        // with a larger one (a roster that repeats one key has none of either).
        let mut shared_hint = tx.prepare_cached(
            "INSERT OR IGNORE INTO identity_shared (resource, kind, value)
             SELECT ?1, 'hint', ?2 WHERE
                EXISTS (SELECT 1 FROM identity_keys WHERE resource = ?1 AND hint = ?2 AND key < ?5
                        AND COALESCE(application_id, -platform_id) <> COALESCE(NULLIF(?3, 0), -?4))
             OR EXISTS (SELECT 1 FROM identity_keys WHERE resource = ?1 AND hint = ?2 AND key > ?5
                        AND COALESCE(application_id, -platform_id) <> COALESCE(NULLIF(?3, 0), -?4))",
        )?;
        for (source, row) in &pending {
            let (application, keys) = keys_of_pending(tx, source, *row)?;
            let platform = (source == "platforms").then_some(*row);
            if platform.is_some() {
                del_platform.execute([row])?;
            } else {
                del_row.execute(params![source, row])?;
            }
            if application.is_none() && platform.is_none() {
                continue;
            }
            for k in keys {
                ins.execute(params![
                    source,
                    row,
                    application,
                    platform,
                    k.resource.as_str(),
                    k.key,
                    k.hint,
                    k.label,
                    k.number,
                    k.role,
                    k.left_on.map(|d| d.to_string()),
                    k.area,
                    k.owner_uscc,
                    k.share
                ])?;
                let (app, plat) = (application.unwrap_or(0), platform.unwrap_or(0));
                shared_key.execute(params![k.resource.as_str(), k.key, app, plat])?;
                if let Some(h) = &k.hint {
                    shared_hint.execute(params![k.resource.as_str(), h, app, plat, k.key])?;
                }
            }
        }
    }
    tx.execute("DELETE FROM identity_dirty", [])?;
    Ok(pending.len())
}

impl Store {
    /// Whether identity keys wait to be recomputed: rows written by an older build, seen by a
    /// reader before the writer opened the database and refreshed them.
    pub fn has_pending_identity(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM identity_dirty)", [], |r| r.get(0))?)
    }

    /// Recomputes the identity keys of every row still queued, in one transaction; returns how
    /// many rows were processed. Every write commits its rows' keys with it (see
    /// [`refresh_pending`]), so the queue is empty except in a database written by an older build.
    pub fn refresh_identity_keys(&mut self) -> Result<usize> {
        self.refuse_if_reader()?;
        let tx = self.conn.transaction()?;
        let n = refresh_pending(&tx)?;
        super::narrative::refresh_pending(&tx)?;
        tx.commit()?;
        Ok(n)
    }

    /// Every identity key, in stored order (one read for a whole-database check).
    pub fn all_identity_keys(&self) -> Result<Vec<KeyRow>> {
        collect_keys(&self.conn, &format!("SELECT {KEY_COLUMNS} FROM identity_keys k ORDER BY k.id"), [])
    }

    /// Every identity key of one application.
    pub fn identity_keys_of_application(&self, application: RowId) -> Result<Vec<KeyRow>> {
        collect_keys(
            &self.conn,
            &format!("SELECT {KEY_COLUMNS} FROM identity_keys k WHERE k.application_id = ?1 ORDER BY k.id"),
            [application],
        )
    }

    /// The keys and hints of one application that some other owner may also hold (from
    /// `identity_shared`, a superset): `(resource, "key" | "hint", value)`. A key not listed here
    /// is held by this application alone, so looking it up can be skipped.
    pub fn shared_identity_of_application(
        &self,
        application: RowId,
    ) -> Result<std::collections::HashSet<(String, String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.resource, s.kind, s.value FROM identity_keys k
             JOIN identity_shared s ON s.resource = k.resource AND s.kind = 'key' AND s.value = k.key
             WHERE k.application_id = ?1
             UNION
             SELECT s.resource, s.kind, s.value FROM identity_keys k
             JOIN identity_shared s ON s.resource = k.resource AND s.kind = 'hint' AND s.value = k.hint
             WHERE k.application_id = ?1",
        )?;
        let rows = stmt.query_map([application], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every stored record with this identity key (or possible-duplicate hint, by `on`), except
    /// those of application `except`.
    pub fn identity_matches(
        &self,
        on: MatchOn,
        resource: Resource,
        value: &str,
        except: Option<RowId>,
    ) -> Result<Vec<KeyRow>> {
        let column = match on {
            MatchOn::Key => "key",
            MatchOn::Hint => "hint",
        };
        collect_keys(
            &self.conn,
            &format!(
                "SELECT {KEY_COLUMNS} FROM identity_keys k
                 WHERE k.resource = ?1 AND k.{column} = ?2 AND (?3 IS NULL OR k.application_id IS NOT ?3)"
            ),
            params![resource.as_str(), value, except],
        )
    }

    /// Records whose identity key has been seen in more than one application or platform,
    /// ordered by key (a superset: the caller pairs owners).
    pub fn duplicated_identity_keys(&self, resource: Resource) -> Result<Vec<KeyRow>> {
        collect_keys(
            &self.conn,
            &format!(
                "SELECT {KEY_COLUMNS} FROM identity_shared s
                 CROSS JOIN identity_keys k ON k.resource = s.resource AND k.key = s.value
                 WHERE s.resource = ?1 AND s.kind = 'key'
                 ORDER BY s.value, k.id"
            ),
            [resource.as_str()],
        )
    }

    /// Records of applications whose identity key is listed more than once in the same
    /// application (a person or instrument entered twice), ordered by key.
    pub fn repeated_identity_keys(&self, resource: Resource) -> Result<Vec<KeyRow>> {
        collect_keys(
            &self.conn,
            &format!(
                "SELECT {KEY_COLUMNS} FROM (
                     SELECT resource, key, application_id FROM identity_keys
                     WHERE resource = ?1 AND application_id IS NOT NULL
                     GROUP BY resource, key, application_id HAVING COUNT(*) > 1
                 ) r
                 JOIN identity_keys k ON k.resource = r.resource AND k.key = r.key
                     AND k.application_id = r.application_id
                 ORDER BY k.key, k.id"
            ),
            [resource.as_str()],
        )
    }

    /// Records whose possible-duplicate hint has been seen under different keys in more than one
    /// application or platform, ordered by hint (a superset: the caller compares keys).
    pub fn duplicated_identity_hints(&self, resource: Resource) -> Result<Vec<KeyRow>> {
        collect_keys(
            &self.conn,
            &format!(
                "SELECT {KEY_COLUMNS} FROM identity_shared s
                 CROSS JOIN identity_keys k ON k.resource = s.resource AND k.hint = s.value
                 WHERE s.resource = ?1 AND s.kind = 'hint'
                 ORDER BY s.value, k.id"
            ),
            [resource.as_str()],
        )
    }

    /// Headers of every application, by id.
    pub fn application_headers(&self) -> Result<Vec<ApplicationHeader>> {
        let mut stmt = self.conn.prepare_cached(&format!("{HEADER_SQL} ORDER BY a.id"))?;
        let rows = stmt.query_map([], header)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn application_header(&self, id: RowId) -> Result<Option<ApplicationHeader>> {
        let mut stmt = self.conn.prepare_cached(&format!("{HEADER_SQL} WHERE a.id = ?1"))?;
        Ok(stmt.query_row([id], header).optional()?)
    }

    /// Headers of every registry platform, by id, as of the last refresh of identity keys.
    pub fn platform_headers(&self) -> Result<Vec<PlatformHeader>> {
        self.platform_headers_where("", [])
    }

    pub fn platform_header(&self, id: RowId) -> Result<Option<PlatformHeader>> {
        Ok(self.platform_headers_where("WHERE platform_id = ?1", [id])?.pop())
    }

    /// Registry platforms whose host has this (normalised) USCC.
    pub fn platforms_hosted_by(&self, uscc: &str) -> Result<Vec<PlatformHeader>> {
        self.platform_headers_where("WHERE host_uscc = ?1", [uscc])
    }

    /// Ids and names of the registry platforms of one level (`provincial` …).
    pub fn platform_names(&self, level: &str) -> Result<Vec<(RowId, String)>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT platform_id, name FROM platform_identity WHERE level = ?1")?;
        let rows = stmt.query_map([level], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn platform_headers_where(&self, filter: &str, p: impl rusqlite::Params) -> Result<Vec<PlatformHeader>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT platform_id, name, level, kind, host_uscc, host_name FROM platform_identity {filter}
             ORDER BY platform_id"
        ))?;
        let rows = stmt.query_map(p, |r| {
            Ok(PlatformHeader {
                id: r.get(0)?,
                name: r.get(1)?,
                level: r.get(2)?,
                kind: r.get(3)?,
                host_uscc: r.get(4)?,
                host_name: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ids and centre names of every application.
    pub fn application_names(&self) -> Result<Vec<(RowId, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, centre_name FROM applications")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Applications with a host unit of this USCC (as stored).
    pub fn applications_with_host(&self, uscc: &str) -> Result<Vec<RowId>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT DISTINCT application_id FROM host_units WHERE uscc = ?1")?;
        let rows = stmt.query_map([uscc], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every (application, host unit credit code as stored) pair.
    pub fn host_unit_usccs(&self) -> Result<Vec<(RowId, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT DISTINCT application_id, uscc FROM host_units")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Applications of one programme and category (`comprehensive` / `field`).
    pub fn applications_of(&self, programme: &str, category: &str) -> Result<Vec<RowId>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id FROM applications WHERE programme = ?1 AND category = ?2")?;
        let rows = stmt.query_map([programme, category], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that two ID documents belong to one person, for every application and the
    /// registry. Returns false when the link already existed or both are the same document.
    pub fn link_documents(&mut self, a: &IdDocument, b: &IdDocument) -> Result<bool> {
        let Some((a, b)) = link_pair(a, b) else { return Ok(false) };
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO person_links (a, b, created_at) VALUES (?1, ?2, ?3)",
            params![a, b, now_rfc3339()],
        )?;
        Ok(n > 0)
    }

    /// Removes a link made by [`Store::link_documents`]; returns whether it existed.
    pub fn unlink_documents(&mut self, a: &IdDocument, b: &IdDocument) -> Result<bool> {
        let Some((a, b)) = link_pair(a, b) else { return Ok(false) };
        let n = self.conn.execute("DELETE FROM person_links WHERE a = ?1 AND b = ?2", params![a, b])?;
        Ok(n > 0)
    }

    /// Every link, as pairs of normalised document keys (`resident_id:…`, `passport:…`).
    pub fn document_links(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT a, b FROM person_links ORDER BY a, b")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
