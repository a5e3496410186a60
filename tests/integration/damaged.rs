//! Damaged and foreign files: databases that are truncated, zeroed, random, newer, read-only or on
//! a full disk, and import files that are huge, deeply nested or very long. Each gets a Chinese
//! answer saying what is wrong and what to do; a damaged database is never written to.

use rusqlite::Connection;
use shenbao::store::{ApplicationField, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{sample, TempDb};

/// A database holding the sample, closed cleanly (one file, no -wal).
fn saved_database(db: &TempDb) -> Vec<u8> {
    let mut store = db.open();
    shenbao::samples::load_sample(&mut store).unwrap();
    drop(store);
    std::fs::read(db.path()).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    names.sort();
    names
}

/// Simple xorshift bytes: reproducible "random" content without a crate.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

/// Writes `damaged` as the database, opens it and returns the refusal; the file must be
/// byte-for-byte as it was and nothing may be added beside it.
fn refused(name: &str, damaged: &[u8]) -> StoreError {
    let db = TempDb::new();
    std::fs::write(db.path(), damaged).unwrap();
    let Err(err) = Store::open(&db.path()) else { panic!("{name}: a damaged database must be refused") };
    assert_eq!(std::fs::read(db.path()).unwrap(), damaged, "the damaged file was changed");
    assert_eq!(files_in(db.dir.path()), ["shenbao.sqlite"], "files created beside the damaged one");
    err
}

#[test]
fn truncated_zeroed_and_random_databases_are_refused_untouched() {
    let db = TempDb::new();
    let good = saved_database(&db);
    let page = 4096;
    assert!(good.len() > 8 * page, "the sample database spans several pages");
    let mut zeroed_header = good.clone();
    zeroed_header[..page].fill(0);
    let mut scrambled_pages = good.clone();
    scrambled_pages[2 * page..].copy_from_slice(&noise(good.len() - 2 * page, 7));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated to half", good[..good.len() / 2].to_vec()),
        ("truncated to the first page", good[..page].to_vec()),
        ("truncated inside the header", good[..60].to_vec()),
        ("last page cut short", good[..good.len() - 100].to_vec()),
        ("zeroed", vec![0; good.len()]),
        ("header zeroed", zeroed_header),
        ("random bytes", noise(good.len(), 42)),
        ("tables overwritten with random bytes", scrambled_pages),
    ];
    for (name, damaged) in cases {
        let err = refused(name, &damaged);
        assert_eq!(err.code(), "not_a_database", "{name}: {err}");
        let message = err.to_string();
        assert!(message.contains("已损坏") && message.contains("请从备份恢复"), "{name}: {message}");
        assert!(message.contains("该文件未作任何改动"), "{name}: {message}");
    }
}

/// Damage in a page that opening does not read (here inside a long narrative, in a file of a few
/// MB as after months of drafting) is found on open, before anything is shown or written.
#[test]
fn a_damaged_page_deep_inside_a_database_is_found_on_open() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = shenbao::samples::load_sample(&mut store).unwrap();
    let text = "研究方向与目标。".repeat(100_000);
    store
        .update_application_field(id, &ApplicationField::Narrative { section: "goals".into(), text })
        .unwrap();
    drop(store);
    let mut damaged = std::fs::read(db.path()).unwrap();
    assert!(damaged.len() > 2 << 20, "a file over 2 MB: {} bytes", damaged.len());
    let page = 4096;
    let middle = damaged.len() / page / 2 * page;
    damaged[middle..middle + page].copy_from_slice(&noise(page, 3));
    let err = refused("one page in the middle scrambled", &damaged);
    assert_eq!(err.code(), "not_a_database", "{err}");
    assert!(err.to_string().contains("请从备份恢复"), "{err}");
}

/// A copy cut short inside its last page is refused whatever that page holds, even where the
/// missing bytes were the unused end of a long text that every check of the pages passes.
#[test]
fn a_database_cut_short_inside_its_last_page_is_refused() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = shenbao::samples::load_sample(&mut store).unwrap();
    drop(store);
    for (k, len) in [3000usize, 5000, 9000, 20_000].into_iter().enumerate() {
        let mut store = db.open();
        let text = "中".repeat(len);
        store
            .update_application_field(id, &ApplicationField::Narrative { section: format!("s{k}"), text })
            .unwrap();
        drop(store);
        let whole = std::fs::read(db.path()).unwrap();
        for cut in [1usize, 100, 1000, 4000] {
            let err = refused(&format!("{len} characters, {cut} bytes cut"), &whole[..whole.len() - cut]);
            assert_eq!(err.code(), "not_a_database", "{err}");
        }
    }
}

#[test]
fn newer_database_in_wal_mode_is_refused_untouched() {
    let db = TempDb::new();
    drop(db.open());
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.pragma_update(None, "user_version", shenbao::store::latest_schema_version() + 7).unwrap();
    }
    let before = std::fs::read(db.path()).unwrap();
    let err = refused("newer", &before);
    assert_eq!(err.code(), "db_too_new", "{err}");
    assert!(err.to_string().contains("请升级申报通"), "{err}");
}

#[test]
fn a_good_database_still_opens_after_the_damage_checks() {
    let db = TempDb::new();
    saved_database(&db);
    let store = db.open();
    assert_eq!(store.list_applications().unwrap().len(), 1);
}

// ---- read-only file ---------------------------------------------------------------------------

/// Runs the CLI as the unprivileged user `nobody`: tests run as root, for whom permission bits do
/// not stop writes, so a read-only file can only be shown to a user that permissions apply to.
/// `None` only when setpriv is missing and the opt-out is set (see `common::missing_tool`).
fn cli_as_nobody(args: &[&str]) -> Option<std::process::Output> {
    let Some(setpriv) = ["/usr/bin/setpriv", "/bin/setpriv"].into_iter().find(|p| Path::new(p).exists())
    else {
        crate::common::missing_tool("setpriv", "apt-get install util-linux");
        return None;
    };
    let is_root = Command::new("id").arg("-u").output().expect("run id").stdout.starts_with(b"0\n");
    let mut cmd = Command::new(setpriv);
    if is_root {
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
    }
    Some(cmd.arg(env!("CARGO_BIN_EXE_shenbao")).args(args).output().expect("run the CLI"))
}

#[test]
fn read_only_database_is_refused_with_what_to_do_and_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let db = TempDb::new();
    let before = saved_database(&db);
    let path = db.path();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(db.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let shown = path.to_str().unwrap();
    let Some(out) = cli_as_nobody(&["--db", shown, "list"]) else { return };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stdout {} stderr {stderr}", String::from_utf8_lossy(&out.stdout));
    assert!(stderr.contains("只读") && stderr.contains("[db_read_only]"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(files_in(db.dir.path()), ["shenbao.sqlite"]);

    // A writable file in a folder where its write-ahead log cannot be created.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(db.dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = cli_as_nobody(&["--db", shown, "list"]).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("[db_read_only]") && stderr.contains("复制到可写的文件夹"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // A new database where no folder may be created.
    let inside = db.dir.path().join("新文件夹").join("shenbao.sqlite");
    let out = cli_as_nobody(&["--db", inside.to_str().unwrap(), "list"]).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("[db_open]") && stderr.contains("没有权限"), "{stderr}");
    std::fs::set_permissions(db.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

// ---- full disk --------------------------------------------------------------------------------

/// A small tmpfs, unmounted when dropped. Mounting needs root (the test command runs as root);
/// where it cannot be mounted the test fails unless the opt-out is set.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        match Self::try_mount(size) {
            Ok(disk) => Some(disk),
            Err(reason) => {
                crate::common::missing_tool(&format!("a {size} tmpfs ({reason})"), "run the tests as root");
                None
            }
        }
    }
    fn try_mount(size: &str) -> Result<SmallDisk, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(SmallDisk { dir })
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    /// Fills the disk to the last byte with a filler file.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.path("filler")).unwrap();
        let block = vec![0xA5u8; 4096];
        while f.write_all(&block).is_ok() {}
        while f.write_all(&block[..1]).is_ok() {}
        let _ = f.sync_all();
    }
    fn free(&self) {
        std::fs::remove_file(self.path("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn full_disk_refuses_the_edit_in_chinese_and_keeps_what_was_saved() {
    let Some(disk) = SmallDisk::mount("8m") else { return };
    let path = disk.path("shenbao.sqlite");
    let mut store = Store::open(&path).unwrap();
    let id = shenbao::samples::load_sample(&mut store).unwrap();
    store.update_application_field(id, &ApplicationField::CentreName("已保存的中心名称".into())).unwrap();
    disk.fill();
    // A long narrative needs new pages in the write-ahead log: the disk has none left.
    let long = "研究方向与目标。".repeat(40_000);
    let err = (0..20)
        .find_map(|k| {
            let section = format!("section-{k}");
            let change = ApplicationField::Narrative { section, text: long.clone() };
            store.update_application_field(id, &change).err()
        })
        .expect("writing megabytes to a full disk must fail");
    assert_eq!(err.code(), "disk_full", "{err}");
    let message = err.to_string();
    assert!(message.contains("磁盘空间已满") && message.contains("本次修改未保存"), "{message}");
    assert!(message.contains("已保存的内容不受影响"), "{message}");
    // The app stays usable for reading while the disk is full.
    assert_eq!(store.load_application(id).unwrap().centre_name, "已保存的中心名称");
    drop(store);
    disk.free();
    let mut store = Store::open(&path).unwrap();
    let app = store.load_application(id).unwrap();
    assert_eq!(app.centre_name, "已保存的中心名称");
    assert_eq!(app.without_row_ids().people, sample().people);
    store.update_application_field(id, &ApplicationField::CentreName("空间释放后".into())).unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

/// A new database on a full disk: the refusal says the disk is full.
#[test]
fn a_new_database_on_a_full_disk_is_refused_as_a_full_disk() {
    let Some(disk) = SmallDisk::mount("1m") else { return };
    disk.fill();
    let path = disk.path("shenbao.sqlite");
    let Err(err) = Store::open(&path) else { panic!("a database cannot be made on a full disk") };
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(err.to_string().contains("磁盘空间已满"), "{err}");
}

/// A folder chosen as the database cannot be opened: that is what the refusal says, not a full
/// disk or damage.
#[test]
fn a_folder_chosen_as_the_database_is_refused_as_cannot_open() {
    let db = TempDb::new();
    let folder = db.dir.path().join("申报材料");
    std::fs::create_dir(&folder).unwrap();
    let Err(err) = Store::open(&folder) else { panic!("a folder is not a database") };
    assert_eq!(err.code(), "db_open", "{err}");
    assert!(err.to_string().contains("无法打开数据库“") && err.to_string().contains("申报材料"), "{err}");
}

#[test]
fn starting_on_a_full_disk_says_so_and_leaves_the_database_alone() {
    let Some(disk) = SmallDisk::mount("4m") else { return };
    let path = disk.path("shenbao.sqlite");
    let mut store = Store::open(&path).unwrap();
    shenbao::samples::load_sample(&mut store).unwrap();
    drop(store);
    let before = std::fs::read(&path).unwrap();
    disk.fill();
    match Store::open(&path) {
        // Opening needs no new space when the file is already there: reading works.
        Ok(store) => assert_eq!(store.list_applications().unwrap().len(), 1),
        Err(err) => {
            assert_eq!(err.code(), "disk_full", "{err}");
            assert!(err.to_string().contains("磁盘空间已满"), "{err}");
        }
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

// ---- import files -------------------------------------------------------------------------------

// Only what is refused, and that it is refused by size before any parsing; never how fast.

#[test]
fn a_100_mb_json_file_is_refused_by_size_before_it_is_parsed() {
    // Not even JSON past its first bytes: a parser that ran first would answer json_syntax.
    let text = format!(
        "{{\"format\":\"shenbao.application\",\"version\":1,\"application\":{{\"centre_name\":\"{}",
        "中".repeat(35_000_000)
    );
    assert!(text.len() > 100_000_000);
    let err = shenbao::interchange::application_from_json(&text).unwrap_err();
    assert_eq!(err.code(), "file_too_large", "{err}");
    assert!(err.to_string().contains("文件过大"), "{err}");
    let err = shenbao::interchange::registry_from_json(&text).unwrap_err();
    assert_eq!(err.code(), "file_too_large", "{err}");
}

#[test]
fn the_cli_refuses_a_100_mb_file_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.json");
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let db = dir.path().join("db.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&file)
        .env_remove("SHENBAO_DB")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // The file is 100 MB of NUL bytes: read and parsed, it would be a json_syntax error.
    assert!(stderr.contains("[file_too_large]") && stderr.contains("文件过大"), "{stderr}");
    assert!(!db.exists(), "a refused file creates no database");
}

#[test]
fn deeply_nested_json_is_a_syntax_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let inside = format!(
            "{{\"format\":\"shenbao.application\",\"version\":1,\"application\":{{\"narratives\":{arrays}}}}}"
        );
        for text in [&arrays, &objects, &inside] {
            let err = shenbao::interchange::application_from_json(text).unwrap_err();
            assert_eq!(err.code(), "json_syntax", "depth {depth}: {err}");
            assert!(err.to_string().contains("嵌套层数过多"), "depth {depth}: {err}");
            assert!(shenbao::interchange::registry_from_json(text).is_err());
        }
    }
}

#[test]
fn deeply_nested_pack_is_refused_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let arrays = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let tables = format!("x = {}1{}\n", "{ a = ".repeat(depth), " }".repeat(depth));
        for text in [arrays, tables] {
            let err = shenbao::rules::load_pack_str(&text, "deep.toml").unwrap_err();
            assert!(err.code().starts_with("pack_"), "depth {depth}: {err}");
        }
    }
}

/// Import does not judge the roster (the check does): 50,000 rows, all with one ID number, are
/// taken whole, stored in one transaction and read back whole.
#[test]
fn an_application_with_50000_people_is_imported_and_stored_whole() {
    let mut app = sample();
    let template = app.people[1].clone();
    let mut people = Vec::with_capacity(50_000);
    for k in 0..50_000 {
        let mut p = template.clone();
        p.name = format!("测试{k}");
        people.push(p);
    }
    app.people = people;
    let text = shenbao::interchange::application_to_json(&app);
    let imported = shenbao::interchange::application_from_json(&text).expect("50,000 people are imported");
    assert_eq!(imported.people.len(), 50_000);
    assert_eq!(imported.people[49_999].name, "测试49999");
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&imported).unwrap();
    assert_eq!(store.list_applications().unwrap()[0].people, 50_000);
    let loaded = store.load_application(id).unwrap();
    assert_eq!(loaded.without_row_ids(), imported);
}

#[test]
fn a_100_mb_pack_file_is_refused_by_size_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.toml");
    std::fs::File::create(&file).unwrap().set_len(100 * 1024 * 1024).unwrap();
    // 100 MB of NUL bytes: read and parsed, it would be a syntax error, not pack_io.
    let err = shenbao::rules::load_pack_file(&file).unwrap_err();
    assert_eq!(err.code(), "pack_io", "{err}");
    assert!(err.to_string().contains("文件过大"), "{err}");
}

// ---- personal data in messages --------------------------------------------------------------

#[test]
fn an_id_number_in_a_refused_file_shows_only_its_last_four_characters() {
    let value: serde_json::Value =
        serde_json::from_str(&shenbao::interchange::application_to_json(&sample())).unwrap();
    let number = value["application"]["people"][0]["id_doc"]["number"].as_str().unwrap().to_string();
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    // A spreadsheet turned the ID number into a JSON number; an unknown document kind quotes it too.
    let cases = [
        ("id_doc", serde_json::json!({ "kind": "resident_id", "number": digits.parse::<u64>().unwrap() })),
        ("id_doc", serde_json::json!({ "kind": number, "number": number })),
    ];
    for (key, bad) in cases {
        let mut doc = value.clone();
        doc["application"]["people"][0][key] = bad;
        let err = shenbao::interchange::application_from_json(&doc.to_string()).unwrap_err();
        let message = err.to_string();
        assert_eq!(err.code(), "bad_value", "{message}");
        assert!(message.contains("people[0].id_doc"), "{message}");
        assert!(!message.contains(&digits[..14]), "ID number shown: {message}");
        assert!(message.contains(&format!("…{}", &digits[digits.len() - 4..])), "{message}");
    }
}
