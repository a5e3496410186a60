//! Numbered schema migrations tracked in `PRAGMA user_version`. A released migration is never
//! edited; a new one is appended. A database newer than this list is refused before any write.

use rusqlite::Connection;

/// Migration N (1-based) brings the schema from version N-1 to N.
pub const MIGRATIONS: &[&str] = &[
    // 1: applications with their rosters, and the registry of existing platforms.
    r#"
    CREATE TABLE applications (
        id                    INTEGER PRIMARY KEY,
        programme             TEXT NOT NULL,
        category              TEXT NOT NULL CHECK (category IN ('comprehensive', 'field')),
        centre_name           TEXT NOT NULL,
        field                 TEXT NOT NULL DEFAULT '',
        sub_area              TEXT NOT NULL DEFAULT '',
        reference_date        TEXT,
        city                  TEXT NOT NULL DEFAULT '',
        recommendation_letter INTEGER NOT NULL DEFAULT 0,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL
    );
    CREATE TABLE attestations (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        criterion_id   TEXT NOT NULL,
        confirmed      INTEGER NOT NULL,
        PRIMARY KEY (application_id, criterion_id)
    );
    CREATE TABLE narratives (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        section        TEXT NOT NULL,
        body           TEXT NOT NULL,
        PRIMARY KEY (application_id, section)
    );
    CREATE TABLE directions (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        data           TEXT NOT NULL
    );
    CREATE TABLE host_units (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        uscc           TEXT NOT NULL,
        name           TEXT NOT NULL,
        data           TEXT NOT NULL
    );
    CREATE TABLE people (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        id_kind        TEXT NOT NULL,
        id_number      TEXT NOT NULL,
        name           TEXT NOT NULL,
        role           TEXT NOT NULL,
        data           TEXT NOT NULL
    );
    CREATE INDEX people_by_document ON people (id_kind, id_number);
    CREATE TABLE instruments (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        asset_number   TEXT NOT NULL,
        owner_uscc     TEXT NOT NULL,
        original_value INTEGER NOT NULL CHECK (original_value >= 0),
        data           TEXT NOT NULL
    );
    CREATE INDEX instruments_by_asset ON instruments (owner_uscc, asset_number);
    CREATE TABLE sites (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        owner_uscc     TEXT NOT NULL,
        area_hundredths INTEGER NOT NULL CHECK (area_hundredths > 0),
        data           TEXT NOT NULL
    );
    CREATE TABLE rd_investments (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        owner_uscc     TEXT NOT NULL,
        year           INTEGER NOT NULL,
        amount         INTEGER NOT NULL CHECK (amount >= 0),
        data           TEXT NOT NULL
    );
    CREATE TABLE achievements (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        identifier     TEXT NOT NULL,
        owner_uscc     TEXT NOT NULL,
        title          TEXT NOT NULL CHECK (title <> ''),
        data           TEXT NOT NULL
    );
    CREATE INDEX achievements_by_identifier ON achievements (identifier);
    CREATE TABLE platforms (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        level      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        host_uscc  TEXT NOT NULL,
        data       TEXT NOT NULL
    );
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub fn latest() -> u32 {
    MIGRATIONS.len() as u32
}

pub fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies every migration after `from`, all in one transaction.
pub fn migrate(conn: &mut Connection, from: u32) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
    }
    tx.commit()
}
