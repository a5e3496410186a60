//! The unit's library (单位资料库) as stored: records of people, instruments, sites and
//! achievements kept once per unit, the roster rows linked to them (`library_id`), usage counts,
//! and the one write that carries an edited record into every linked row. What a record owns of
//! a row, the preview and the verdicts are the service's (`service::library`).

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records::{enum_text, Record, RowData};
use super::{commit, now_rfc3339, save_row_data, touch, Result, Store, StoreError};
use crate::model::{Achievement, Instrument, Person, RowId, Site};

/// What a library record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LibraryKind {
    Person,
    Instrument,
    Site,
    Achievement,
}

impl LibraryKind {
    pub const ALL: [LibraryKind; 4] =
        [LibraryKind::Person, LibraryKind::Instrument, LibraryKind::Site, LibraryKind::Achievement];

    pub fn as_str(self) -> &'static str {
        match self {
            LibraryKind::Person => "person",
            LibraryKind::Instrument => "instrument",
            LibraryKind::Site => "site",
            LibraryKind::Achievement => "achievement",
        }
    }

    /// The roster table its rows live in.
    pub fn table(self) -> &'static str {
        match self {
            LibraryKind::Person => Person::TABLE,
            LibraryKind::Instrument => Instrument::TABLE,
            LibraryKind::Site => Site::TABLE,
            LibraryKind::Achievement => Achievement::TABLE,
        }
    }

    /// The kind of a roster row the library can hold; `None` for directions, host units and
    /// R&D investments.
    pub fn of(row: &RowData) -> Option<LibraryKind> {
        match row {
            RowData::Person(_) => Some(LibraryKind::Person),
            RowData::Instrument(_) => Some(LibraryKind::Instrument),
            RowData::Site(_) => Some(LibraryKind::Site),
            RowData::Achievement(_) => Some(LibraryKind::Achievement),
            _ => None,
        }
    }

    fn parse(s: &str) -> Option<LibraryKind> {
        LibraryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Its name in the window, e.g. 人员.
    pub fn label(self) -> &'static str {
        match self {
            LibraryKind::Person => "人员",
            LibraryKind::Instrument => "仪器设备",
            LibraryKind::Site => "研发场地",
            LibraryKind::Achievement => "成果",
        }
    }
}

/// The unit whose library a row belongs in (a person's employer, a resource's owner) and its
/// identity there: the same as the seed's SQL (`migrations::SEED_LIBRARY`). `None` when either
/// is empty: such a row cannot be kept in a library.
pub fn key_of(row: &RowData) -> Option<(String, String)> {
    let (unit, key) = match row {
        RowData::Person(p) => (
            p.employer_uscc.clone().unwrap_or_default(),
            if p.id_doc.number.is_empty() {
                String::new()
            } else {
                format!("{}:{}", enum_text(&p.id_doc.kind), p.id_doc.number)
            },
        ),
        RowData::Instrument(r) => (r.owner_uscc.clone(), r.asset_number.clone()),
        RowData::Site(r) => (
            r.owner_uscc.clone(),
            if r.address.is_empty() { String::new() } else { format!("{}|{}", r.address, r.building_room) },
        ),
        RowData::Achievement(r) => (r.owner_uscc.clone(), r.identifier.clone()),
        _ => return None,
    };
    (!unit.is_empty() && !key.is_empty()).then_some((unit, key))
}

/// A record's name as listed: a person's name, an instrument's name, a site's address and room,
/// an achievement's title.
pub fn label_of(row: &RowData) -> String {
    match row {
        RowData::Person(p) => p.name.clone(),
        RowData::Instrument(r) => r.name.clone(),
        RowData::Site(r) => format!("{} {}", r.address, r.building_room).trim().to_string(),
        RowData::Achievement(r) => r.title.clone(),
        _ => String::new(),
    }
}

/// One library record.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LibraryRecord {
    pub id: RowId,
    /// The unit's credit code (normalised).
    pub unit_uscc: String,
    pub kind: LibraryKind,
    /// Its identity in the unit (as `key_of`).
    pub key: String,
    pub label: String,
    /// The record as a roster row (no row id).
    pub record: RowData,
    pub updated_at: String,
}

/// How often a record is used: in how many applications, on how many rows, and (people) in how
/// many applications as fixed staff (director and deputies included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryUsage {
    pub applications: i64,
    pub rows: i64,
    pub fixed_in: i64,
}

/// A roster row linked to a record, with the application it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedRow {
    pub application: RowId,
    pub centre_name: String,
    pub row: RowData,
}

/// A row of an application linked to a library record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RowLink {
    pub kind: LibraryKind,
    pub row: RowId,
    pub record: RowId,
}

/// Which records [`Store::library_usage`] counts the uses of.
#[derive(Debug, Clone, Copy)]
pub enum UsageOf<'a> {
    All,
    /// These records.
    Records(&'a [RowId]),
}

/// Which records [`Store::library_records`] lists.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordFilter<'a> {
    /// Of these units (normalised credit codes); empty: of every unit.
    pub units: &'a [String],
    pub kind: Option<LibraryKind>,
    /// Part of the record's name or of its unit's credit code; empty: any.
    pub text: &'a str,
    /// At most this many records; `None`: all of them.
    pub limit: Option<u32>,
}

/// The condition on the records `filter` lets through, over ?1 the units as a JSON array, ?2 the
/// kind, ?3 the text and ?4 the text in capitals (credit codes are stored in capitals). A filter
/// not asked for is a condition on its parameter alone, true once for the whole query, so the
/// ones asked for can use the index on (unit, kind).
fn record_condition(filter: &RecordFilter<'_>) -> String {
    let units =
        if filter.units.is_empty() { "?1 = '[]'" } else { "unit_uscc IN (SELECT value FROM json_each(?1))" };
    let kind = if filter.kind.is_none() { "?2 IS NULL" } else { "kind = ?2" };
    let text = if filter.text.trim().is_empty() {
        "?3 = '' AND ?4 = ''"
    } else {
        "(instr(label, ?3) > 0 OR instr(unit_uscc, ?4) > 0)"
    };
    format!("{units} AND {kind} AND {text}")
}

impl Store {
    /// The library's records that `filter` lets through, by kind, then name (at most its limit),
    /// and how many there are in all.
    pub fn library_records(&self, filter: &RecordFilter<'_>) -> Result<(Vec<LibraryRecord>, u32)> {
        let units = serde_json::to_string(filter.units).expect("a list of strings serialises");
        let kind = filter.kind.map(LibraryKind::as_str);
        let text = filter.text.trim();
        let upper = text.to_uppercase();
        let condition = record_condition(filter);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, unit_uscc, kind, key, label, data, updated_at FROM library_records
             WHERE {condition}
             ORDER BY CASE kind WHEN 'person' THEN 0 WHEN 'instrument' THEN 1 WHEN 'site' THEN 2 ELSE 3 END,
                      label, id
             LIMIT ?5"
        ))?;
        let limit = filter.limit.map_or(-1, i64::from);
        let rows = stmt.query_map(params![units, kind, text, upper, limit], raw_record)?;
        let records: Vec<LibraryRecord> =
            rows.map(|r| r.map_err(StoreError::from).and_then(parse_record)).collect::<Result<_>>()?;
        // Counted only when the list may stop short of it.
        let total = match filter.limit {
            Some(limit) if records.len() as u64 >= u64::from(limit) => self
                .conn
                .prepare_cached(&format!("SELECT COUNT(*) FROM library_records WHERE {condition}"))?
                .query_row(params![units, kind, text, upper], |r| r.get(0))?,
            _ => records.len() as u32,
        };
        Ok((records, total))
    }

    /// The credit codes of an application's host units, as typed.
    pub fn host_codes(&self, application: RowId) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uscc FROM host_units WHERE application_id = ?1 ORDER BY position, id")?;
        let codes = stmt.query_map([application], |r| r.get(0))?;
        Ok(codes.collect::<rusqlite::Result<_>>()?)
    }

    /// One library record.
    pub fn library_record(&self, id: RowId) -> Result<LibraryRecord> {
        let raw = self
            .conn
            .query_row(
                "SELECT id, unit_uscc, kind, key, label, data, updated_at FROM library_records WHERE id = ?1",
                [id],
                raw_record,
            )
            .optional()?
            .ok_or(StoreError::RowNotFound { table: "library_records", id })?;
        parse_record(raw)
    }

    /// The usage of every used record among `of`, in one grouped query per roster.
    pub fn library_usage(&self, of: UsageOf<'_>) -> Result<HashMap<RowId, LibraryUsage>> {
        let mut out: HashMap<RowId, LibraryUsage> = HashMap::new();
        let visiting = super::records::visiting_role_text();
        let records: String;
        let (filter, value): (&str, &dyn rusqlite::ToSql) = match &of {
            UsageOf::All => ("AND ?2 IS NULL", &rusqlite::types::Null),
            UsageOf::Records(ids) => {
                records = serde_json::to_string(ids).expect("a list of ids serialises");
                ("AND library_id IN (SELECT value FROM json_each(?2))", &records)
            }
        };
        for kind in LibraryKind::ALL {
            let fixed = match kind {
                LibraryKind::Person => "COUNT(DISTINCT CASE WHEN role <> ?1 THEN application_id END)",
                _ => "0 * COUNT(?1)",
            };
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT library_id, COUNT(DISTINCT application_id), COUNT(*), {fixed}
                 FROM {} WHERE library_id IS NOT NULL {filter} GROUP BY library_id",
                kind.table()
            ))?;
            let usage = |r: &rusqlite::Row<'_>| {
                Ok((
                    r.get::<_, RowId>(0)?,
                    LibraryUsage { applications: r.get(1)?, rows: r.get(2)?, fixed_in: r.get(3)? },
                ))
            };
            let rows = stmt.query_map(params![visiting, value], usage)?;
            out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok(out)
    }

    /// The rows linked to record `id`, by application.
    pub fn library_linked_rows(&self, id: RowId) -> Result<Vec<LinkedRow>> {
        let record = self.library_record(id)?;
        let table = record.kind.table();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.id, r.application_id, a.centre_name, r.data FROM {table} r
             JOIN applications a ON a.id = r.application_id
             WHERE r.library_id = ?1 ORDER BY r.application_id, r.position, r.id"
        ))?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, RowId>(0)?, r.get::<_, RowId>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (row_id, application, centre_name, data) = row?;
            let mut row = parse_row(record.kind, &data).map_err(|reason| StoreError::Corrupt {
                table: record.kind.table(),
                id: row_id,
                reason,
            })?;
            row.set_row_id(Some(row_id));
            out.push(LinkedRow { application, centre_name, row });
        }
        Ok(out)
    }

    /// The rows of `application` linked to a library record.
    pub fn library_links_of(&self, application: RowId) -> Result<Vec<RowLink>> {
        let mut out = Vec::new();
        for kind in LibraryKind::ALL {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id, library_id FROM {} WHERE application_id = ?1 AND library_id IS NOT NULL ORDER BY position, id",
                kind.table()
            ))?;
            let rows =
                stmt.query_map([application], |r| Ok(RowLink { kind, row: r.get(0)?, record: r.get(1)? }))?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// Links every roster row not linked yet that has a unit and an identity to its record,
    /// making records from rows where none exists (as migration 11 did). Returns how many rows
    /// were linked.
    pub fn collect_library(&mut self) -> Result<usize> {
        self.refuse_if_reader()?;
        let tx = self.conn.transaction()?;
        let before = linked_count(&tx)?;
        tx.execute_batch(super::migrations::SEED_LIBRARY)?;
        let after = linked_count(&tx)?;
        commit(tx)?;
        Ok((after - before).max(0) as usize)
    }

    /// Keeps `row` (a person, instrument, site or achievement) in the library of its unit, or
    /// finds the record already kept under the same identity there; returns the record's id and
    /// whether it is new. A row without a unit or an identity cannot be kept: `None`.
    pub fn keep_in_library(&mut self, row: &RowData) -> Result<Option<(RowId, bool)>> {
        self.refuse_if_reader()?;
        let (Some(kind), Some((unit, key))) = (LibraryKind::of(row), key_of(row)) else { return Ok(None) };
        let tx = self.conn.transaction()?;
        let found = find_record(&tx, &unit, kind, &key)?;
        let out = match found {
            Some(id) => (id, false),
            None => (insert_record(&tx, &unit, kind, &key, row)?, true),
        };
        commit(tx)?;
        Ok(Some(out))
    }

    /// Links the roster row `row` (of `kind`) of `application` to library record `record`, or
    /// unlinks it (`None`): the row's data is not changed.
    pub fn link_row(
        &mut self,
        application: RowId,
        kind: LibraryKind,
        row: RowId,
        record: Option<RowId>,
    ) -> Result<()> {
        self.refuse_if_reader()?;
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            &format!("UPDATE {} SET library_id = ?1 WHERE id = ?2 AND application_id = ?3", kind.table()),
            params![record, row, application],
        )?;
        if n == 0 {
            return Err(StoreError::RowNotFound { table: kind.table(), id: row });
        }
        commit(tx)?;
        Ok(())
    }

    /// Appends `rows` to `application`, each linked to its library record, in one transaction:
    /// all or none. Returns the new row ids in order.
    pub fn insert_linked_rows(
        &mut self,
        application: RowId,
        rows: &[(RowId, RowData)],
    ) -> Result<Vec<RowId>> {
        self.refuse_if_reader()?;
        let tx = self.conn.transaction()?;
        touch(&tx, application)?;
        let mut ids = Vec::with_capacity(rows.len());
        for (record, row) in rows {
            let mut fresh = row.clone();
            fresh.set_row_id(None);
            let kind = LibraryKind::of(&fresh)
                .ok_or(StoreError::RowNotFound { table: "library_records", id: *record })?;
            let id = save_row_data(&tx, application, &fresh)?;
            tx.execute(
                &format!("UPDATE {} SET library_id = ?1 WHERE id = ?2", kind.table()),
                params![record, id],
            )?;
            ids.push(id);
        }
        commit(tx)?;
        Ok(ids)
    }

    /// An edited record and the rows it reaches, written in one transaction: the record, then
    /// each linked row as given (`(application, row)` with the row's id), every application
    /// touched. All or nothing.
    pub fn apply_library_edit(
        &mut self,
        id: RowId,
        record: &RowData,
        rows: &[(RowId, RowData)],
    ) -> Result<()> {
        self.refuse_if_reader()?;
        let tx = self.conn.transaction()?;
        write_edit(&tx, id, record, rows)?;
        commit(tx)?;
        Ok(())
    }

    /// Runs `read` on the store as it would be with the edit written (identity keys and all),
    /// inside a transaction that is then rolled back: the file never holds the edit.
    pub fn with_library_edit_tried<T>(
        &mut self,
        id: RowId,
        record: &RowData,
        rows: &[(RowId, RowData)],
        read: impl FnOnce(&Store) -> T,
    ) -> Result<T> {
        self.refuse_if_reader()?;
        let this: &Store = self;
        let tx = this.conn.unchecked_transaction()?;
        write_edit(&tx, id, record, rows)?;
        super::identity::refresh_pending(&tx)?;
        super::narrative::refresh_pending(&tx)?;
        let out = read(this);
        tx.rollback()?;
        Ok(out)
    }

    /// The applications holding a row whose identity key equals one of the keys of the given
    /// rows (of `kind`): those whose cross checks an edit of these rows can move.
    pub fn applications_sharing_keys(&self, kind: LibraryKind, rows: &[RowId]) -> Result<Vec<RowId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT k2.application_id FROM identity_keys k1
             JOIN identity_keys k2 ON k2.resource = k1.resource AND k2.key = k1.key
             WHERE k1.source = ?1 AND k1.source_row = ?2 AND k2.application_id IS NOT NULL",
        )?;
        let mut out = Vec::new();
        for row in rows {
            for id in stmt.query_map(params![kind.table(), row], |r| r.get::<_, RowId>(0))? {
                out.push(id?);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}

fn linked_count(tx: &Transaction<'_>) -> Result<i64> {
    let mut n = 0;
    for kind in LibraryKind::ALL {
        n += tx.query_row(
            &format!("SELECT COUNT(*) FROM {} WHERE library_id IS NOT NULL", kind.table()),
            [],
            |r| r.get::<_, i64>(0),
        )?;
    }
    Ok(n)
}

fn find_record(tx: &Transaction<'_>, unit: &str, kind: LibraryKind, key: &str) -> Result<Option<RowId>> {
    Ok(tx
        .query_row(
            "SELECT id FROM library_records WHERE unit_uscc = ?1 AND kind = ?2 AND key = ?3",
            params![unit, kind.as_str(), key],
            |r| r.get(0),
        )
        .optional()?)
}

fn insert_record(
    tx: &Transaction<'_>,
    unit: &str,
    kind: LibraryKind,
    key: &str,
    row: &RowData,
) -> Result<RowId> {
    tx.execute(
        "INSERT INTO library_records (unit_uscc, kind, key, label, data, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![unit, kind.as_str(), key, label_of(row), record_json(row), now_rfc3339()],
    )?;
    Ok(tx.last_insert_rowid())
}

fn write_edit(tx: &Transaction<'_>, id: RowId, record: &RowData, rows: &[(RowId, RowData)]) -> Result<()> {
    // The record keeps its unit; its identity follows the edit (a corrected ID number).
    let key = key_of(record).map(|(_, k)| k).unwrap_or_default();
    let n = tx.execute(
        "UPDATE library_records SET key = ?2, label = ?3, data = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, key, label_of(record), record_json(record), now_rfc3339()],
    )?;
    if n == 0 {
        return Err(StoreError::RowNotFound { table: "library_records", id });
    }
    let mut touched = Vec::new();
    for (application, row) in rows {
        if !touched.contains(application) {
            touch(tx, *application)?;
            touched.push(*application);
        }
        save_row_data(tx, *application, row)?;
    }
    Ok(())
}

/// A record's JSON as stored: the row without its id.
fn record_json(row: &RowData) -> String {
    let mut clean = row.clone();
    clean.set_row_id(None);
    match &clean {
        RowData::Person(r) => serde_json::to_string(r),
        RowData::Instrument(r) => serde_json::to_string(r),
        RowData::Site(r) => serde_json::to_string(r),
        RowData::Achievement(r) => serde_json::to_string(r),
        RowData::Direction(r) => serde_json::to_string(r),
        RowData::HostUnit(r) => serde_json::to_string(r),
        RowData::RdInvestment(r) => serde_json::to_string(r),
    }
    .expect("model serialises")
}

fn parse_row(kind: LibraryKind, data: &str) -> std::result::Result<RowData, String> {
    let e = |e: serde_json::Error| e.to_string();
    Ok(match kind {
        LibraryKind::Person => RowData::Person(serde_json::from_str(data).map_err(e)?),
        LibraryKind::Instrument => RowData::Instrument(serde_json::from_str(data).map_err(e)?),
        LibraryKind::Site => RowData::Site(serde_json::from_str(data).map_err(e)?),
        LibraryKind::Achievement => RowData::Achievement(serde_json::from_str(data).map_err(e)?),
    })
}

type RawRecord = (RowId, String, String, String, String, String, String);

fn raw_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRecord> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn parse_record((id, unit_uscc, kind, key, label, data, updated_at): RawRecord) -> Result<LibraryRecord> {
    let corrupt = |reason: String| StoreError::Corrupt { table: "library_records", id, reason };
    let kind = LibraryKind::parse(&kind).ok_or_else(|| corrupt(format!("unknown kind {kind}")))?;
    let record = parse_row(kind, &data).map_err(corrupt)?;
    Ok(LibraryRecord { id, unit_uscc, kind, key, label, record, updated_at })
}
