//! Crash safety: a writer process making autosave edits through the store (the
//! `shenbao-autosave-writer` helper) is killed with SIGKILL at random moments; after each kill the
//! database is reopened as the app would and must pass `PRAGMA integrity_check` and hold every
//! edit the writer had acknowledged. `SHENBAO_CRASH_KILLS` sets the number of kills (15 by
//! default), `SHENBAO_CRASH_SEED` replays one run.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};
use shenbao::store::Store;

const WRITER: &str = env!("CARGO_BIN_EXE_shenbao-autosave-writer");

/// splitmix64: enough randomness for kill timing, reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What the writer acknowledged over all its runs: the edits that must have survived.
#[derive(Default)]
struct Acked {
    narratives: BTreeSet<u64>,
    last_centre: Option<u64>,
    /// Site marker seq → seq of the latest acknowledged usage update, if any.
    sites: BTreeMap<u64, Option<u64>>,
    deleted: BTreeSet<u64>,
}

impl Acked {
    fn record(&mut self, line: &str) -> Result<(), String> {
        let mut parts = line.split(' ');
        let (Some("saved"), Some(seq), Some(what)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("unexpected writer line {line:?}"));
        };
        let seq: u64 = seq.parse().map_err(|_| format!("bad seq in {line:?}"))?;
        match what {
            "narrative" => {
                self.narratives.insert(seq);
            }
            "centre" => self.last_centre = Some(seq),
            "add" => {
                self.sites.insert(seq, None);
            }
            "update" => {
                self.sites.insert(seq - 1, Some(seq));
            }
            "delete" => {
                self.sites.remove(&(seq - 2));
                self.deleted.insert(seq - 2);
            }
            other => return Err(format!("unknown edit {other:?}")),
        }
        Ok(())
    }

    /// The edit after the last acknowledged one may have been committed without its
    /// acknowledgement: a site whose deletion was that edit may or may not still be there.
    fn killed_after(&mut self, last: u64) {
        for delete_seq in [last + 1, last + 2] {
            if delete_seq % 5 == 4 && (delete_seq / 5) % 2 == 1 {
                self.sites.remove(&(delete_seq - 2));
            }
        }
    }
}

pub struct CrashReport {
    pub kills: u32,
    /// Kills that landed after the writer had acknowledged at least one edit in that run.
    pub kills_mid_editing: u32,
    pub acknowledged: usize,
}

/// Runs the writer `kills` times on the database at `db`, killing it each time, and checks the
/// database after every kill. Returns what was exercised, or the first loss found.
pub fn kill_and_check(db: &Path, kills: u32, seed: u64) -> Result<CrashReport, String> {
    let mut rng = Rng(seed);
    let mut acked = Acked::default();
    let mut report = CrashReport { kills: 0, kills_mid_editing: 0, acknowledged: 0 };
    for round in 0..kills {
        let first_seq = u64::from(round + 1) * 1_000_000;
        let mut child = Command::new(WRITER)
            .arg(db)
            .arg(first_seq.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the writer: {e}"))?;
        let stdout = child.stdout.take().expect("piped");
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            let mut r = BufReader::new(stdout);
            let mut line = String::new();
            // Only complete lines count: a line cut by the kill was never acknowledged.
            while r.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                if let Some(done) = line.strip_suffix('\n') {
                    lines.push(done.to_string());
                }
                line.clear();
            }
            lines
        });
        // Mostly mid-editing; one kill in eight during start-up (open, migration, sample load).
        let delay = if rng.below(8) == 0 { rng.below(15_000) } else { 15_000 + rng.below(250_000) };
        let started = Instant::now();
        std::thread::sleep(Duration::from_micros(delay));
        let exited_early = child.try_wait().map_err(|e| e.to_string())?;
        let _ = child.kill();
        let status = child.wait().map_err(|e| e.to_string())?;
        let lines = reader.join().expect("reader thread");
        if let Some(status) = exited_early {
            let mut err = String::new();
            child.stderr.take().expect("piped").read_to_string(&mut err).ok();
            return Err(format!("round {round}: the writer stopped by itself ({status}): {err}"));
        }
        debug_assert!(!status.success());
        report.kills += 1;
        let mut saved_this_round = 0;
        for line in lines.iter().filter(|l| !l.starts_with("ready ")) {
            acked.record(line)?;
            saved_this_round += 1;
        }
        if saved_this_round > 0 {
            report.kills_mid_editing += 1;
        }
        if let Some(last) = lines.last().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()) {
            acked.killed_after(last);
        }
        report.acknowledged += saved_this_round;
        check(db, &acked).map_err(|e| {
            format!(
                "round {round} (seed {seed}, kill after {:?}, {saved_this_round} edits acknowledged): {e}",
                started.elapsed()
            )
        })?;
    }
    Ok(report)
}

/// Reopens the database as the app does and checks it against what was acknowledged.
fn check(db: &Path, acked: &Acked) -> Result<(), String> {
    if !db.exists() {
        // Killed before the file was created: nothing can have been acknowledged.
        return if acked.narratives.is_empty() && acked.sites.is_empty() {
            Ok(())
        } else {
            Err("database file missing".into())
        };
    }
    let store = Store::open(db).map_err(|e| format!("reopen failed: {e}"))?;
    let conn = Connection::open(db).map_err(|e| e.to_string())?;
    let integrity: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if integrity != "ok" {
        return Err(format!("integrity_check: {integrity}"));
    }
    let fk: Option<String> =
        conn.query_row("PRAGMA foreign_key_check", [], |r| r.get(0)).optional().map_err(|e| e.to_string())?;
    if let Some(table) = fk {
        return Err(format!("foreign key violation in {table}"));
    }
    drop(conn);
    let Some(id) = store.list_applications().map_err(|e| e.to_string())?.iter().map(|a| a.id).min() else {
        return if acked.narratives.is_empty() { Ok(()) } else { Err("application missing".into()) };
    };
    let app = store.load_application(id).map_err(|e| format!("application does not load: {e}"))?;
    for seq in &acked.narratives {
        let text = app.narratives.get(&format!("crash-{seq}"));
        if !text.is_some_and(|t| t.starts_with(&format!("第{seq}次保存")) && t.ends_with("测试。")) {
            return Err(format!("acknowledged narrative {seq} lost or cut"));
        }
    }
    if let Some(seq) = acked.last_centre {
        let found = app.centre_name.strip_prefix("崩溃测试中心").and_then(|n| n.parse::<u64>().ok());
        if found.is_none_or(|n| n < seq) {
            return Err(format!("centre name {:?} older than acknowledged {seq}", app.centre_name));
        }
    }
    for (seq, update) in &acked.sites {
        let address = format!("崩溃测试地址{seq}");
        let rows: Vec<_> = app.sites.iter().filter(|s| s.address == address).collect();
        let [row] = rows.as_slice() else {
            return Err(format!("acknowledged site {seq}: {} rows", rows.len()));
        };
        if let Some(u) = update {
            // Each site is updated once at most, so the acknowledged update is the last one.
            if row.usage != format!("更新{u}") {
                return Err(format!("site {seq}: usage {:?}, acknowledged update {u}", row.usage));
            }
        }
    }
    for seq in &acked.deleted {
        if app.sites.iter().any(|s| s.address == format!("崩溃测试地址{seq}")) {
            return Err(format!("acknowledged deletion of site {seq} undone"));
        }
    }
    Ok(())
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn killed_autosave_writer_loses_no_acknowledged_edit() {
    let kills = env_number("SHENBAO_CRASH_KILLS").unwrap_or(15) as u32;
    let seed = env_number("SHENBAO_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shenbao.sqlite");
    let started = Instant::now();
    let report = kill_and_check(&db, kills, seed).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "crash: {} kills survived ({} mid-editing), {} acknowledged edits all present, seed {seed}, {:?}",
        report.kills,
        report.kills_mid_editing,
        report.acknowledged,
        started.elapsed()
    );
    assert_eq!(report.kills, kills);
    assert!(report.acknowledged > 0, "the writer never got to edit: kill timing too short");
    assert!(report.kills_mid_editing * 2 >= kills, "most kills must land while edits are being saved");
}
