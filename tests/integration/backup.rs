//! Backups through SQLite's online backup API: while another connection writes, restore, pruning,
//! refusal of files that are not (intact, current) Shenbao databases, and the pre-migration copy.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use rusqlite::{Connection, OpenFlags};

use shenbao::store::backup::{self, BackupError, KEEP_SETTING};
use shenbao::store::{RowData, Store};

use crate::common::{sample, TempDb};

fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(h, m, s).unwrap()
}

fn integrity(path: &Path) -> String {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// Opens a copy of a backup file as a store (so the backup itself is never written).
fn open_copy(backup_file: &Path, scratch: &Path) -> Store {
    let path = scratch.join(format!("copy-{}.sqlite", rand_suffix()));
    std::fs::copy(backup_file, &path).unwrap();
    Store::open(&path).unwrap()
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

/// A dump without the history table: a restore records itself there (history.rs tests that).
fn content(dump: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for line in dump.lines() {
        if line.starts_with("## ") {
            skip = line == "## history";
        }
        if !skip {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn names(dir: &Path) -> Vec<String> {
    backup::list(dir).unwrap().into_iter().map(|b| b.file_name).collect()
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent_and_restores_equal() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let people_before = store.load_application(id).unwrap().people.len();

    // The one writer writes on its own thread; the backups are taken by a reader beside it.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let mut other = store;
        std::thread::spawn(move || {
            let template = other.load_application(id).unwrap().people[0].clone();
            let mut written = 0usize;
            while !stop.load(Ordering::Relaxed) || written < 20 {
                let mut p = template.clone();
                p.id = None;
                p.name = format!("并发写入{written}");
                other.save_row(id, &RowData::Person(p)).unwrap();
                written += 1;
            }
            (other, written)
        })
    };
    let store = Store::open_for_reading(&db.path()).unwrap();
    assert!(store.is_reader());
    let mut taken = Vec::new();
    for i in 0..5 {
        taken.push(backup::make_backup(&store, &store.backup_dir(), at(9, 0, i)).unwrap());
    }
    stop.store(true, Ordering::Relaxed);
    let (writer, written) = writer.join().unwrap();
    drop(store);
    let store = writer;

    let scratch = tempfile::tempdir().unwrap();
    for file in &taken {
        assert_eq!(integrity(file), "ok", "{}", file.display());
        let copy = open_copy(file, scratch.path());
        let people = copy.load_application(id).unwrap().people.len();
        assert!((people_before..=people_before + written).contains(&people), "{people}");
    }

    // After the writer stops, a backup restored into another database holds exactly the same data.
    let last = backup::make_backup(&store, &store.backup_dir(), at(9, 1, 0)).unwrap();
    let other = TempDb::new();
    let mut target = other.open();
    target.insert_application(&sample()).unwrap();
    target.insert_application(&sample()).unwrap();
    target.restore_from(&last, at(9, 2, 0)).unwrap();
    assert_eq!(integrity(&other.path()), "ok");
    assert_eq!(content(&target.dump().unwrap()), content(&store.dump().unwrap()));
    assert_eq!(target.load_application(id).unwrap().people.len(), people_before + written);
}

#[test]
fn restore_brings_back_the_data_and_first_backs_up_the_current_state() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let with_app = store.dump().unwrap();
    let saved = backup::make_backup(&store, &store.backup_dir(), at(10, 0, 0)).unwrap();
    assert_eq!(saved.parent().unwrap(), db.dir.path().join("backups"));
    assert_eq!(saved.file_name().unwrap(), "shenbao-20260301-100000-manual.sqlite");

    store.delete_application(id).unwrap();
    let without_app = store.dump().unwrap();
    assert_ne!(content(&without_app), content(&with_app), "the deletion shows in the data");
    assert!(with_app.contains(&sample().centre_name), "the data holds the application");
    drop(store);

    let safety = backup::restore(&db.path(), &saved, at(10, 5, 0)).unwrap();
    assert_eq!(safety.file_name().unwrap(), "shenbao-20260301-100500-before-restore.sqlite");
    let store = db.open();
    assert_eq!(content(&store.dump().unwrap()), content(&with_app));
    assert_eq!(store.load_application(id).unwrap().centre_name, sample().centre_name);
    assert_eq!(integrity(&db.path()), "ok");
    // The state before the restore is kept and can itself be restored.
    let scratch = tempfile::tempdir().unwrap();
    assert_eq!(open_copy(&safety, scratch.path()).dump().unwrap(), without_app);
    // The list says why each backup was made and what it holds.
    let listed: Vec<(String, Option<u32>)> = backup::list(&store.backup_dir())
        .unwrap()
        .into_iter()
        .map(|b| (b.kind_label, b.applications))
        .collect();
    assert_eq!(listed, [("恢复前自动备份".to_string(), Some(0)), ("手动备份".to_string(), Some(1))]);
}

#[test]
fn pruning_keeps_the_newest_backups_as_set_by_the_user() {
    let db = TempDb::new();
    let mut store = db.open();
    let dir = store.backup_dir();
    // Default: ten.
    for m in 0..12 {
        backup::make_backup(&store, &dir, at(8, m, 0)).unwrap();
    }
    let kept = names(&dir);
    assert_eq!(kept.len(), backup::DEFAULT_KEEP);
    assert_eq!(kept[0], "shenbao-20260301-081100-manual.sqlite");
    assert_eq!(kept[9], "shenbao-20260301-080200-manual.sqlite");

    store.set_setting(KEEP_SETTING, "3").unwrap();
    backup::make_backup(&store, &dir, at(8, 30, 0)).unwrap();
    assert_eq!(
        names(&dir),
        [
            "shenbao-20260301-083000-manual.sqlite",
            "shenbao-20260301-081100-manual.sqlite",
            "shenbao-20260301-081000-manual.sqlite"
        ]
    );

    // Two in the same second get distinct names and both count.
    let a = backup::make_backup(&store, &dir, at(8, 31, 0)).unwrap();
    let b = backup::make_backup(&store, &dir, at(8, 31, 0)).unwrap();
    assert_ne!(a, b);
    assert_eq!(
        names(&dir)[..2],
        ["shenbao-20260301-083100-manual-2.sqlite", "shenbao-20260301-083100-manual.sqlite"]
    );

    // Zero or nonsense never deletes the backup just made.
    store.set_setting(KEEP_SETTING, "0").unwrap();
    backup::make_backup(&store, &dir, at(8, 40, 0)).unwrap();
    assert_eq!(names(&dir), ["shenbao-20260301-084000-manual.sqlite"]);
    store.set_setting(KEEP_SETTING, "很多").unwrap();
    assert_eq!(store.backups_to_keep(), backup::DEFAULT_KEEP);
}

#[test]
fn a_backup_is_made_on_start_only_when_the_last_is_older_than_a_day() {
    let db = TempDb::new();
    let store = db.open();
    let first = backup::backup_if_stale(&store, at(9, 0, 0)).unwrap();
    assert!(first.is_some());
    let almost = at(9, 0, 0) + TimeDelta::hours(24) - TimeDelta::seconds(1);
    assert_eq!(backup::backup_if_stale(&store, almost).unwrap(), None);
    let day = at(9, 0, 0) + TimeDelta::hours(24);
    assert!(backup::backup_if_stale(&store, day).unwrap().is_some());
    assert_eq!(names(&store.backup_dir()).len(), 2);
    let kinds: Vec<_> =
        backup::list(&store.backup_dir()).unwrap().into_iter().map(|b| b.kind_label).collect();
    assert_eq!(kinds, ["每日自动备份", "每日自动备份"]);
}

#[test]
fn restore_refuses_bad_files_and_leaves_the_database_untouched() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert_application(&sample()).unwrap();
    let before = store.dump().unwrap();
    let dir = db.dir.path().join("files");
    std::fs::create_dir_all(&dir).unwrap();

    let text = dir.join("笔记.sqlite");
    std::fs::write(&text, "这不是数据库".repeat(200)).unwrap();
    let foreign = dir.join("other-app.sqlite");
    Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE notes (body TEXT);").unwrap();
    let newer = dir.join("newer.sqlite");
    store.backup_to(&newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", shenbao::store::latest_schema_version() + 1)
        .unwrap();
    let damaged = dir.join("damaged.sqlite");
    store.backup_to(&damaged).unwrap();
    {
        // Overwrite the middle of the file: pages past the header become garbage.
        let mut bytes = std::fs::read(&damaged).unwrap();
        let n = bytes.len();
        assert!(n > 3 * 4096, "the sample fills several pages");
        bytes[4096 + 100..n - 100].iter_mut().for_each(|b| *b = 0x5A);
        std::fs::write(&damaged, bytes).unwrap();
    }
    let missing = dir.join("missing.sqlite");

    let cases: [(&PathBuf, &str); 5] = [
        (&text, "backup_not_shenbao"),
        (&foreign, "backup_not_shenbao"),
        (&newer, "backup_too_new"),
        (&damaged, "backup_damaged"),
        (&missing, "backup_not_found"),
    ];
    for (file, code) in cases {
        let err: BackupError = store.restore_from(file, at(11, 0, 0)).expect_err("must refuse");
        assert_eq!(err.code(), code, "{}: {err}", file.display());
        let message = err.to_string();
        assert!(message.contains(&file.display().to_string()), "{message}");
        assert_eq!(store.dump().unwrap(), before, "{}", file.display());
    }
    assert!(names(&store.backup_dir()).is_empty(), "no backup is made for a refused restore");
    let err = backup::restore(&db.path(), &newer, at(11, 0, 0)).unwrap_err();
    assert!(err.to_string().contains("请升级申报通"), "{err}");
    assert!(err.to_string().contains("当前数据库未作任何改动"), "{err}");
}

#[test]
fn an_older_database_is_backed_up_before_it_is_migrated() {
    let db = TempDb::new();
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch(shenbao::store::MIGRATIONS[0]).unwrap();
        conn.execute(
            "INSERT INTO applications (programme, category, centre_name, created_at, updated_at)
             VALUES ('P1', 'field', '旧版本中心', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    let backups = backup::list(&store.backup_dir()).unwrap();
    assert_eq!(backups.len(), 1);
    let conn = Connection::open_with_flags(&backups[0].path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1);
    let name: String = conn.query_row("SELECT centre_name FROM applications", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "旧版本中心");
    drop(conn);

    // An up-to-date file opened again is not backed up again; neither is a new one.
    drop(store);
    drop(db.open());
    assert_eq!(backup::list(&backup::backup_dir(&db.path())).unwrap().len(), 1);
    let fresh = TempDb::new();
    drop(fresh.open());
    assert!(!fresh.dir.path().join("backups").exists());
    // Nor a file that holds no data yet (version 0: a first start cut off before its schema).
    let blank = TempDb::new();
    Connection::open(blank.path()).unwrap().pragma_update(None, "user_version", 0).unwrap();
    assert!(std::fs::metadata(blank.path()).unwrap().len() > 0);
    drop(blank.open());
    assert!(!blank.dir.path().join("backups").exists());

    // The old-version backup can be restored: it is brought up to date.
    let mut store = db.open();
    store.restore_from(Path::new(&backups[0].path), at(12, 0, 0)).unwrap();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    assert_eq!(store.list_applications().unwrap()[0].centre_name, "旧版本中心");
}

#[test]
fn the_cli_backs_up_lists_and_restores() {
    let db = TempDb::new();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shenbao"))
            .arg("--db")
            .arg(db.path())
            .args(args)
            .env_remove("SHENBAO_DB")
            .output()
            .unwrap()
    };
    assert_eq!(run(&["init", "--sample"]).status.code(), Some(0));
    let o = run(&["backups"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("尚无备份"));
    let o = run(&["backup"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(Path::new(&path).is_file(), "{path}");
    let o = run(&["backups"]);
    let listed = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(listed.contains(&path) && listed.contains("\t手动备份\t1 份申报书\t"), "{listed}");

    let mut store = db.open();
    let id = store.list_applications().unwrap()[0].id;
    store.delete_application(id).unwrap();
    drop(store);
    let o = run(&["restore", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(db.open().list_applications().unwrap().len(), 1);

    let o = run(&["restore", db.dir.path().join("无此文件.sqlite").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("[backup_not_found]") && err.contains("无此文件.sqlite"), "{err}");
}

/// README: restore refuses a bad file, and checks it before anything else, so a refused restore
/// never creates a database (or a backup folder) where there was none.
#[test]
fn restore_checks_the_file_before_opening_and_never_creates_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("笔记.sqlite");
    std::fs::write(&text, "这不是数据库".repeat(200)).unwrap();
    let missing_file = dir.path().join("无此备份.sqlite");
    for (file, code) in [(&text, "backup_not_shenbao"), (&missing_file, "backup_not_found")] {
        let db = dir.path().join("新电脑").join("shenbao.sqlite");
        let err = backup::restore(&db, file, at(10, 0, 0)).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert!(!db.exists(), "{}: a refused restore created the database", file.display());
        assert!(!dir.path().join("新电脑").exists(), "nothing is created beside it either");

        let out = Command::new(env!("CARGO_BIN_EXE_shenbao"))
            .arg("--db")
            .arg(&db)
            .arg("restore")
            .arg(file)
            .env_remove("SHENBAO_DB")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("[{code}]")), "{stderr}");
        assert!(!db.exists(), "the CLI's refused restore created the database");
    }
}

/// 备份到其他位置: a backup in a folder the user picked holds the whole database, and the
/// folder's other files — older backups there included — are never pruned.
#[test]
fn a_backup_to_another_folder_is_whole_and_leaves_that_folder_alone() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    store.set_setting(KEEP_SETTING, "1").unwrap();
    let stick = tempfile::tempdir().unwrap();
    let theirs = stick.path().join("照片.jpg");
    std::fs::write(&theirs, b"not ours").unwrap();

    let first = shenbao::service::backup_to_folder(&store, stick.path(), at(9, 0, 0)).unwrap();
    let second = shenbao::service::backup_to_folder(&store, stick.path(), at(9, 0, 1)).unwrap();

    assert_eq!(first.parent(), Some(stick.path()));
    assert!(first.exists() && second.exists(), "no pruning in the user's folder");
    assert_eq!(std::fs::read(&theirs).unwrap(), b"not ours");
    assert_eq!(integrity(&second), "ok");
    let copy = open_copy(&second, db.dir.path());
    assert_eq!(copy.load_application(id).unwrap().people.len(), sample().people.len());
    assert!(names(&store.backup_dir()).is_empty(), "nothing written beside the database");
}

/// 备份到其他位置 takes a whole path to an existing folder: a relative name (it would land wherever
/// the program started) or a folder that is not there is refused, named, and nothing is written.
#[test]
fn a_backup_to_another_folder_refuses_a_relative_or_missing_folder() {
    let db = TempDb::new();
    let store = db.open();
    let relative = shenbao::service::backup_to_folder(&store, Path::new("备份"), at(9, 0, 0)).unwrap_err();
    assert!(relative.to_string().contains("不是完整的文件夹路径"), "{relative}");
    assert!(!Path::new("备份").exists(), "nothing made where the program started");
    let gone = db.dir.path().join("拔出的U盘");
    let missing = shenbao::service::backup_to_folder(&store, &gone, at(9, 0, 0)).unwrap_err();
    assert!(missing.to_string().contains("拔出的U盘") && missing.to_string().contains("不存在"), "{missing}");
    assert!(!gone.exists(), "the missing folder is not made");
}

/// Another program holding the database's write lock for a moment (a database browser saving)
/// makes a restore wait for it, not fail: the backup is restored once the lock is released.
#[test]
fn a_restore_waits_for_another_programs_write_to_finish() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let saved = backup::make_backup(&store, &store.backup_dir(), at(11, 0, 0)).unwrap();
    store.delete_application(id).unwrap();
    let other = Connection::open(db.path()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (locked, release) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        // Held until the restore has met the lock at least once, then released.
        release.recv().unwrap();
        other.execute_batch("COMMIT").unwrap();
    });
    let waiting = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        locked.send(()).unwrap();
    });
    store.restore_from(&saved, at(11, 5, 0)).unwrap();
    waiting.join().unwrap();
    holder.join().unwrap();
    assert_eq!(store.load_application(id).unwrap().centre_name, sample().centre_name);
}
