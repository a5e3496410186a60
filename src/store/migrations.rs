//! Numbered schema migrations tracked in `PRAGMA user_version`. A released migration is never
//! edited; a new one is appended. A database newer than this list is refused before any write.

use rusqlite::Connection;

/// Library records from the roster rows not linked yet (the seed of migration 11, and
/// `Store::collect_library` later): per unit and identity, the row of the most recently changed
/// application gives a new record (an existing record is kept as it is); then every unlinked row
/// with a unit and an identity is linked to its record. The keys are those of
/// `store::library::key_of`. Migration 11 holds this text: change it only with a new migration.
macro_rules! seed_library_sql {
    () => {
        r#"
    INSERT OR IGNORE INTO library_records (unit_uscc, kind, key, label, data, updated_at)
    SELECT unit, 'person', key, label, data, at FROM (
        SELECT json_extract(p.data, '$.employer_uscc') AS unit, p.id_kind || ':' || p.id_number AS key,
               p.name AS label, p.data AS data, a.updated_at AS at,
               ROW_NUMBER() OVER (PARTITION BY json_extract(p.data, '$.employer_uscc'), p.id_kind, p.id_number
                                  ORDER BY a.updated_at DESC, p.id DESC) AS n
        FROM people p JOIN applications a ON a.id = p.application_id
        WHERE p.library_id IS NULL AND COALESCE(json_extract(p.data, '$.employer_uscc'), '') <> '' AND p.id_number <> ''
    ) WHERE n = 1;
    UPDATE people SET library_id = (SELECT l.id FROM library_records l WHERE l.kind = 'person'
            AND l.unit_uscc = json_extract(people.data, '$.employer_uscc') AND l.key = people.id_kind || ':' || people.id_number)
    WHERE library_id IS NULL AND COALESCE(json_extract(data, '$.employer_uscc'), '') <> '' AND id_number <> '';
    INSERT OR IGNORE INTO library_records (unit_uscc, kind, key, label, data, updated_at)
    SELECT unit, 'instrument', key, label, data, at FROM (
        SELECT i.owner_uscc AS unit, i.asset_number AS key, COALESCE(json_extract(i.data, '$.name'), '') AS label,
               i.data AS data, a.updated_at AS at,
               ROW_NUMBER() OVER (PARTITION BY i.owner_uscc, i.asset_number ORDER BY a.updated_at DESC, i.id DESC) AS n
        FROM instruments i JOIN applications a ON a.id = i.application_id
        WHERE i.library_id IS NULL AND i.owner_uscc <> '' AND i.asset_number <> ''
    ) WHERE n = 1;
    UPDATE instruments SET library_id = (SELECT l.id FROM library_records l WHERE l.kind = 'instrument'
            AND l.unit_uscc = instruments.owner_uscc AND l.key = instruments.asset_number)
    WHERE library_id IS NULL AND owner_uscc <> '' AND asset_number <> '';
    INSERT OR IGNORE INTO library_records (unit_uscc, kind, key, label, data, updated_at)
    SELECT unit, 'site', key, label, data, at FROM (
        SELECT s.owner_uscc AS unit,
               COALESCE(json_extract(s.data, '$.address'), '') || '|' || COALESCE(json_extract(s.data, '$.building_room'), '') AS key,
               trim(COALESCE(json_extract(s.data, '$.address'), '') || ' ' || COALESCE(json_extract(s.data, '$.building_room'), '')) AS label,
               s.data AS data, a.updated_at AS at,
               ROW_NUMBER() OVER (PARTITION BY s.owner_uscc, json_extract(s.data, '$.address'), json_extract(s.data, '$.building_room')
                                  ORDER BY a.updated_at DESC, s.id DESC) AS n
        FROM sites s JOIN applications a ON a.id = s.application_id
        WHERE s.library_id IS NULL AND s.owner_uscc <> '' AND COALESCE(json_extract(s.data, '$.address'), '') <> ''
    ) WHERE n = 1;
    UPDATE sites SET library_id = (SELECT l.id FROM library_records l WHERE l.kind = 'site' AND l.unit_uscc = sites.owner_uscc
            AND l.key = COALESCE(json_extract(sites.data, '$.address'), '') || '|' || COALESCE(json_extract(sites.data, '$.building_room'), ''))
    WHERE library_id IS NULL AND owner_uscc <> '' AND COALESCE(json_extract(data, '$.address'), '') <> '';
    INSERT OR IGNORE INTO library_records (unit_uscc, kind, key, label, data, updated_at)
    SELECT unit, 'achievement', key, label, data, at FROM (
        SELECT c.owner_uscc AS unit, c.identifier AS key, c.title AS label, c.data AS data, a.updated_at AS at,
               ROW_NUMBER() OVER (PARTITION BY c.owner_uscc, c.identifier ORDER BY a.updated_at DESC, c.id DESC) AS n
        FROM achievements c JOIN applications a ON a.id = c.application_id
        WHERE c.library_id IS NULL AND c.owner_uscc <> '' AND c.identifier <> ''
    ) WHERE n = 1;
    UPDATE achievements SET library_id = (SELECT l.id FROM library_records l WHERE l.kind = 'achievement'
            AND l.unit_uscc = achievements.owner_uscc AND l.key = achievements.identifier)
    WHERE library_id IS NULL AND owner_uscc <> '' AND identifier <> '';
    "#
    };
}

/// The seed's text for `Store::collect_library`.
pub(super) const SEED_LIBRARY: &str = seed_library_sql!();

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
    // 2: duplicate detection. Normalised identity keys of every person, instrument, site and
    // achievement (of applications and of registry platforms), kept fresh from a queue that
    // triggers fill on every write; user-made links between ID documents; owner indexes.
    r#"
    CREATE INDEX directions_by_application ON directions (application_id, position);
    CREATE INDEX host_units_by_application ON host_units (application_id, position);
    CREATE INDEX people_by_application ON people (application_id, position);
    CREATE INDEX instruments_by_application ON instruments (application_id, position);
    CREATE INDEX sites_by_application ON sites (application_id, position);
    CREATE INDEX rd_investments_by_application ON rd_investments (application_id, position);
    CREATE INDEX achievements_by_application ON achievements (application_id, position);
    CREATE TABLE identity_keys (
        id             INTEGER PRIMARY KEY,
        source         TEXT NOT NULL,
        source_row     INTEGER NOT NULL,
        application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,
        platform_id    INTEGER REFERENCES platforms(id) ON DELETE CASCADE,
        resource       TEXT NOT NULL CHECK (resource IN ('person', 'instrument', 'site', 'achievement')),
        key            TEXT NOT NULL,
        hint           TEXT,
        label          TEXT NOT NULL,
        number         TEXT NOT NULL,
        role           TEXT,
        left_on        TEXT,
        area           INTEGER,
        owner_uscc     TEXT NOT NULL DEFAULT '',
        CHECK ((application_id IS NULL) <> (platform_id IS NULL))
    );
    CREATE INDEX identity_keys_by_key ON identity_keys (resource, key, application_id, platform_id);
    CREATE INDEX identity_keys_by_hint ON identity_keys (resource, hint, key, application_id, platform_id)
        WHERE hint IS NOT NULL;
    CREATE INDEX identity_keys_by_source ON identity_keys (source, source_row);
    CREATE INDEX identity_keys_by_application ON identity_keys (application_id);
    CREATE INDEX identity_keys_by_platform ON identity_keys (platform_id);
    CREATE TABLE identity_shared (
        resource TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('key', 'hint')),
        value    TEXT NOT NULL,
        PRIMARY KEY (resource, kind, value)
    ) WITHOUT ROWID;
    CREATE TABLE identity_dirty (
        source         TEXT NOT NULL,
        source_row     INTEGER NOT NULL,
        application_id INTEGER,
        PRIMARY KEY (source, source_row)
    ) WITHOUT ROWID;
    CREATE INDEX host_units_by_uscc ON host_units (uscc);
    CREATE TABLE platform_identity (
        platform_id INTEGER PRIMARY KEY REFERENCES platforms(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        level       TEXT NOT NULL,
        kind        TEXT NOT NULL,
        host_uscc   TEXT NOT NULL,
        host_name   TEXT NOT NULL
    );
    CREATE INDEX platform_identity_by_host ON platform_identity (host_uscc);
    CREATE TABLE person_links (
        a          TEXT NOT NULL,
        b          TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    ) WITHOUT ROWID;
    CREATE TRIGGER people_identity_insert AFTER INSERT ON people BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('people', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER people_identity_update AFTER UPDATE ON people BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('people', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER people_identity_delete AFTER DELETE ON people BEGIN
        DELETE FROM identity_keys WHERE source = 'people' AND source_row = OLD.id;
        DELETE FROM identity_dirty WHERE source = 'people' AND source_row = OLD.id;
    END;
    INSERT INTO identity_dirty (source, source_row, application_id) SELECT 'people', id, application_id FROM people;
    CREATE TRIGGER instruments_identity_insert AFTER INSERT ON instruments BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('instruments', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER instruments_identity_update AFTER UPDATE ON instruments BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('instruments', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER instruments_identity_delete AFTER DELETE ON instruments BEGIN
        DELETE FROM identity_keys WHERE source = 'instruments' AND source_row = OLD.id;
        DELETE FROM identity_dirty WHERE source = 'instruments' AND source_row = OLD.id;
    END;
    INSERT INTO identity_dirty (source, source_row, application_id) SELECT 'instruments', id, application_id FROM instruments;
    CREATE TRIGGER sites_identity_insert AFTER INSERT ON sites BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('sites', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER sites_identity_update AFTER UPDATE ON sites BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('sites', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER sites_identity_delete AFTER DELETE ON sites BEGIN
        DELETE FROM identity_keys WHERE source = 'sites' AND source_row = OLD.id;
        DELETE FROM identity_dirty WHERE source = 'sites' AND source_row = OLD.id;
    END;
    INSERT INTO identity_dirty (source, source_row, application_id) SELECT 'sites', id, application_id FROM sites;
    CREATE TRIGGER achievements_identity_insert AFTER INSERT ON achievements BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('achievements', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER achievements_identity_update AFTER UPDATE ON achievements BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('achievements', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER achievements_identity_delete AFTER DELETE ON achievements BEGIN
        DELETE FROM identity_keys WHERE source = 'achievements' AND source_row = OLD.id;
        DELETE FROM identity_dirty WHERE source = 'achievements' AND source_row = OLD.id;
    END;
    INSERT INTO identity_dirty (source, source_row, application_id) SELECT 'achievements', id, application_id FROM achievements;
    CREATE TRIGGER platforms_identity_insert AFTER INSERT ON platforms BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('platforms', NEW.id, NULL);
    END;
    CREATE TRIGGER platforms_identity_update AFTER UPDATE ON platforms BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('platforms', NEW.id, NULL);
    END;
    CREATE TRIGGER platforms_identity_delete AFTER DELETE ON platforms BEGIN
        DELETE FROM identity_keys WHERE platform_id = OLD.id;
        DELETE FROM identity_dirty WHERE source = 'platforms' AND source_row = OLD.id;
    END;
    INSERT INTO identity_dirty (source, source_row, application_id) SELECT 'platforms', id, NULL FROM platforms;
    "#,
    // 3: co-builder packages. Every application gets a stable random uid that packages name it
    // by; a draft opened from a package remembers its origin and the rows as received; the lead
    // remembers how many packages it sent per unit and the newest return it imported.
    r#"
    ALTER TABLE applications ADD COLUMN uid TEXT;
    UPDATE applications SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX applications_by_uid ON applications (uid);
    CREATE TABLE package_links (
        application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        origin_uid     TEXT NOT NULL,
        unit_uscc      TEXT NOT NULL,
        revision       INTEGER NOT NULL,
        returns        INTEGER NOT NULL DEFAULT 0,
        base           TEXT NOT NULL,
        id_map         TEXT NOT NULL,
        opened_at      TEXT NOT NULL
    );
    CREATE INDEX package_links_by_origin ON package_links (origin_uid, unit_uscc);
    CREATE TABLE package_exports (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        unit_uscc      TEXT NOT NULL,
        revision       INTEGER NOT NULL,
        PRIMARY KEY (application_id, unit_uscc)
    ) WITHOUT ROWID;
    CREATE TABLE package_imports (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        unit_uscc      TEXT NOT NULL,
        base_revision  INTEGER NOT NULL,
        revision       INTEGER NOT NULL,
        exported_at    TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        PRIMARY KEY (application_id, unit_uscc)
    ) WITHOUT ROWID;
    "#,
    // 4: a new row is a normal state of editing. An achievement without a title yet and a site
    // whose area is not filled in yet (0) are stored; validation names the missing cell and the
    // rules do not count such rows. SQLite cannot drop a CHECK, so both tables are rebuilt with
    // their ids, indexes and identity triggers as before.
    r#"
    CREATE TABLE sites_v4 (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        owner_uscc     TEXT NOT NULL,
        area_hundredths INTEGER NOT NULL CHECK (area_hundredths >= 0),
        data           TEXT NOT NULL
    );
    INSERT INTO sites_v4 (id, application_id, position, owner_uscc, area_hundredths, data)
        SELECT id, application_id, position, owner_uscc, area_hundredths, data FROM sites;
    DROP TABLE sites;
    ALTER TABLE sites_v4 RENAME TO sites;
    CREATE INDEX sites_by_application ON sites (application_id, position);
    CREATE TRIGGER sites_identity_insert AFTER INSERT ON sites BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('sites', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER sites_identity_update AFTER UPDATE ON sites BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('sites', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER sites_identity_delete AFTER DELETE ON sites BEGIN
        DELETE FROM identity_keys WHERE source = 'sites' AND source_row = OLD.id;
        DELETE FROM identity_dirty WHERE source = 'sites' AND source_row = OLD.id;
    END;
    CREATE TABLE achievements_v4 (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        identifier     TEXT NOT NULL,
        owner_uscc     TEXT NOT NULL,
        title          TEXT NOT NULL,
        data           TEXT NOT NULL
    );
    INSERT INTO achievements_v4 (id, application_id, position, identifier, owner_uscc, title, data)
        SELECT id, application_id, position, identifier, owner_uscc, title, data FROM achievements;
    DROP TABLE achievements;
    ALTER TABLE achievements_v4 RENAME TO achievements;
    CREATE INDEX achievements_by_identifier ON achievements (identifier);
    CREATE INDEX achievements_by_application ON achievements (application_id, position);
    CREATE TRIGGER achievements_identity_insert AFTER INSERT ON achievements BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('achievements', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER achievements_identity_update AFTER UPDATE ON achievements BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('achievements', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER achievements_identity_delete AFTER DELETE ON achievements BEGIN
        DELETE FROM identity_keys WHERE source = 'achievements' AND source_row = OLD.id;
        DELETE FROM identity_dirty WHERE source = 'achievements' AND source_row = OLD.id;
    END;
    "#,
    // 5: supporting materials. The user's own items (the pack's are not stored), the files
    // attached to any item (keyed `pack:<title>` or `user:<id>`), and their content in blobs
    // addressed by SHA-256, each stored once however often it is attached. A blob goes with the
    // last file that refers to it. Nothing that lists or checks applications reads the blobs.
    r#"
    CREATE TABLE evidence_items (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        title          TEXT NOT NULL CHECK (title <> ''),
        evidences      TEXT NOT NULL,
        required       INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX evidence_items_by_application ON evidence_items (application_id, position);
    CREATE TABLE evidence_blobs (
        sha256 TEXT PRIMARY KEY,
        size   INTEGER NOT NULL CHECK (size > 0),
        data   BLOB NOT NULL
    );
    CREATE TABLE evidence_files (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        item           TEXT NOT NULL,
        position       INTEGER NOT NULL,
        file_name      TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
        sha256         TEXT NOT NULL REFERENCES evidence_blobs(sha256),
        size           INTEGER NOT NULL,
        pages          INTEGER NOT NULL CHECK (pages > 0),
        orientation    INTEGER NOT NULL DEFAULT 1,
        note           TEXT NOT NULL DEFAULT '',
        added_at       TEXT NOT NULL
    );
    CREATE INDEX evidence_files_by_item ON evidence_files (application_id, item, position);
    CREATE INDEX evidence_files_by_blob ON evidence_files (sha256);
    CREATE TRIGGER evidence_items_delete AFTER DELETE ON evidence_items BEGIN
        DELETE FROM evidence_files WHERE application_id = OLD.application_id AND item = 'user:' || OLD.id;
    END;
    CREATE TRIGGER evidence_files_delete AFTER DELETE ON evidence_files BEGIN
        DELETE FROM evidence_blobs WHERE sha256 = OLD.sha256
            AND NOT EXISTS (SELECT 1 FROM evidence_files WHERE sha256 = OLD.sha256);
    END;
    "#,
    // 6: sealed versions (定稿). Each seal keeps the whole application as interchange JSON, the
    // row ids it had (to tell a changed row from a removed and an added one), the pack and the
    // assessment it was checked with, and the review sheet printed from it; never changed.
    r#"
    CREATE TABLE seals (
        id                  INTEGER PRIMARY KEY,
        application_id      INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        sealed_at           TEXT NOT NULL,
        note                TEXT NOT NULL,
        pack_id             TEXT NOT NULL,
        pack_version        TEXT NOT NULL,
        snapshot            TEXT NOT NULL,
        row_ids             TEXT NOT NULL,
        assessment          TEXT NOT NULL,
        review_sheet        BLOB NOT NULL,
        review_sheet_sha256 TEXT NOT NULL
    );
    CREATE INDEX seals_by_application ON seals (application_id, id);
    CREATE TRIGGER seals_are_immutable BEFORE UPDATE ON seals BEGIN
        SELECT RAISE(ABORT, 'a sealed version is never changed');
    END;
    "#,
    // 7: the history of every change to an application (filled by the writer's temporary
    // triggers, see store/history.rs): a row's data before and after, a field's old and new
    // value, when, and where it came from.
    r#"
    CREATE TABLE history (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        at             TEXT NOT NULL,
        source         TEXT NOT NULL CHECK (source IN ('window', 'import', 'merge', 'restore')),
        part           TEXT NOT NULL,
        row_id         INTEGER,
        key            TEXT,
        before         TEXT,
        after          TEXT
    );
    CREATE INDEX history_by_application ON history (application_id, id);
    CREATE INDEX history_by_row ON history (application_id, part, row_id);
    "#,
    // 8: which unit an attached file is from (its normalised USCC; '' for the application's own):
    // the files a co-builder returned with its package, so that the next package to it carries
    // them back and its next return can remove them.
    r#"
    ALTER TABLE evidence_files ADD COLUMN unit_uscc TEXT NOT NULL DEFAULT '';
    "#,
    // 9: the version of its programme's pack an application is checked with (`Pack::version`),
    // kept until the user moves it. NULL: not recorded yet, i.e. the newest version of the
    // programme, which is what every application resolved to before; the service records it
    // before the versions of a programme change (a pack imported or removed), so an existing
    // application keeps the version it resolved to.
    r#"
    ALTER TABLE applications ADD COLUMN pack_version TEXT;
    "#,
    // 10: narrative similarity. Each narrative section's MinHash signature cut into LSH band keys
    // (`crate::shingles`), with the hash of the text they were computed from; a change to a
    // section queues it in `narrative_dirty` and the write that made it recomputes its bands.
    r#"
    CREATE TABLE narrative_sketches (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        section        TEXT NOT NULL,
        content_hash   INTEGER NOT NULL,
        PRIMARY KEY (application_id, section)
    );
    CREATE TABLE narrative_bands (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        section        TEXT NOT NULL,
        band           INTEGER NOT NULL
    );
    CREATE INDEX narrative_bands_by_band ON narrative_bands (section, band);
    CREATE INDEX narrative_bands_by_application ON narrative_bands (application_id, section);
    CREATE TABLE narrative_dirty (
        application_id INTEGER NOT NULL,
        section        TEXT NOT NULL
    );
    CREATE TRIGGER narratives_sketch_insert AFTER INSERT ON narratives BEGIN
        INSERT INTO narrative_dirty (application_id, section) VALUES (NEW.application_id, NEW.section);
    END;
    CREATE TRIGGER narratives_sketch_update AFTER UPDATE ON narratives BEGIN
        INSERT INTO narrative_dirty (application_id, section) VALUES (OLD.application_id, OLD.section);
        INSERT INTO narrative_dirty (application_id, section) VALUES (NEW.application_id, NEW.section);
    END;
    CREATE TRIGGER narratives_sketch_delete AFTER DELETE ON narratives BEGIN
        INSERT INTO narrative_dirty (application_id, section) VALUES (OLD.application_id, OLD.section);
    END;
    INSERT INTO narrative_dirty (application_id, section) SELECT application_id, section FROM narratives;
    "#,
    // 11: the unit's library (单位资料库). People, instruments, sites and achievements kept once
    // per unit (its credit code) under their identity (a person's document, an instrument's
    // asset number, a site's address and room, an achievement's number); a roster row may be
    // linked to one (`library_id`), or stay its own row (NULL). Existing rows seed it: per unit,
    // the row of the most recently changed application gives the record; every row with that
    // unit and identity is linked to it and keeps its own data unchanged. Rows without a unit
    // or an identity stay unlinked. (The identity triggers are set aside while the links are
    // written: a link changes no identity key.)
    concat!(
        r#"
    CREATE TABLE library_records (
        id         INTEGER PRIMARY KEY,
        unit_uscc  TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('person', 'instrument', 'site', 'achievement')),
        key        TEXT NOT NULL,
        label      TEXT NOT NULL,
        data       TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX library_records_by_key ON library_records (unit_uscc, kind, key);
    ALTER TABLE people ADD COLUMN library_id INTEGER REFERENCES library_records(id) ON DELETE SET NULL;
    ALTER TABLE instruments ADD COLUMN library_id INTEGER REFERENCES library_records(id) ON DELETE SET NULL;
    ALTER TABLE sites ADD COLUMN library_id INTEGER REFERENCES library_records(id) ON DELETE SET NULL;
    ALTER TABLE achievements ADD COLUMN library_id INTEGER REFERENCES library_records(id) ON DELETE SET NULL;
    CREATE INDEX people_by_library ON people (library_id) WHERE library_id IS NOT NULL;
    CREATE INDEX instruments_by_library ON instruments (library_id) WHERE library_id IS NOT NULL;
    CREATE INDEX sites_by_library ON sites (library_id) WHERE library_id IS NOT NULL;
    CREATE INDEX achievements_by_library ON achievements (library_id) WHERE library_id IS NOT NULL;
    DROP TRIGGER people_identity_update;
    DROP TRIGGER instruments_identity_update;
    DROP TRIGGER sites_identity_update;
    DROP TRIGGER achievements_identity_update;
    "#,
        seed_library_sql!(),
        r#"
    CREATE TRIGGER people_identity_update AFTER UPDATE ON people BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('people', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER instruments_identity_update AFTER UPDATE ON instruments BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('instruments', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER sites_identity_update AFTER UPDATE ON sites BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('sites', NEW.id, NEW.application_id);
    END;
    CREATE TRIGGER achievements_identity_update AFTER UPDATE ON achievements BEGIN
        INSERT OR REPLACE INTO identity_dirty (source, source_row, application_id) VALUES ('achievements', NEW.id, NEW.application_id);
    END;
    "#
    ),
    // 12: commitment of people (全职 / 兼职 share). A person's identity key carries the person's
    // commitment to the centre in 1/1200 of a year (1200 = full time) so that over-commitment is
    // judged from the keys. Existing rows move without loss: the roster rows keep their JSON
    // (`full_time` as it was; the new `share` is absent), a 全职 person's key gets 1200, a 兼职
    // person's key NULL (share not stated: counted in no sum until the user enters it).
    r#"
    ALTER TABLE identity_keys ADD COLUMN share INTEGER CHECK (share IS NULL OR share BETWEEN 1 AND 1200);
    UPDATE identity_keys SET share = 1200
     WHERE source = 'people' AND resource = 'person'
       AND source_row IN (SELECT id FROM people WHERE json_extract(data, '$.full_time') = 1);
    "#,
    // 13: the way to the post office. The user's milestones of an application (本单位审核,
    // 归口管理部门审核, 网上提交, 寄出纸质材料): the day planned and the day marked done; and the days
    // the post takes to the programme office. Not part of the application (no history, no seal).
    r#"
    CREATE TABLE IF NOT EXISTS milestones (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        kind           TEXT NOT NULL,
        planned        TEXT,
        done_on        TEXT,
        PRIMARY KEY (application_id, kind)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS mailing_days (
        application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        days           INTEGER NOT NULL CHECK (days BETWEEN 0 AND 60)
    );
    "#,
    // 14: the signatures and seals collected on the paper (签字盖章清单): the places the user has
    // ticked, by the key `service::signatures` gives each place, with the day ticked. Not part of
    // the application (no history, no seal).
    r#"
    CREATE TABLE IF NOT EXISTS signoffs (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        place          TEXT NOT NULL,
        done_on        TEXT NOT NULL,
        PRIMARY KEY (application_id, place)
    ) WITHOUT ROWID;
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
