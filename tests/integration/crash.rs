//! Crash safety: a writer process making autosave edits through the store (the
//! `shenbao-autosave-writer` helper) is killed with SIGKILL; after each kill the database is
//! reopened as the app would and must pass `PRAGMA integrity_check` and hold every edit the writer
//! had acknowledged. Kills are placed by counting acknowledgements, never by waiting: every eighth
//! round is killed right after start (while it opens, migrates, loads the sample), the others
//! right after the writer acknowledged a chosen number of edits, so the next edit is in flight.
//! `SHENBAO_CRASH_KILLS` sets the number of kills (15 by default), `SHENBAO_CRASH_SEED` the seed
//! of the chosen counts (printed with any failure).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use rusqlite::{Connection, OptionalExtension};
use shenbao::store::Store;

const WRITER: &str = env!("CARGO_BIN_EXE_shenbao-autosave-writer");

/// splitmix64: enough randomness for the kill points, reproducible from the printed seed.
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
    /// Rounds killed once the writer had acknowledged their chosen number of edits.
    pub kills_mid_editing: u32,
    /// Edits those rounds were made to wait for (a lower bound of `acknowledged`).
    pub awaited: usize,
    pub acknowledged: usize,
}

/// The most edits a round waits for before its kill.
const MOST_EDITS_PER_ROUND: u64 = 40;

/// Runs the writer `kills` times on the database at `db`, killing it each time, and checks the
/// database after every kill. Returns what was exercised, or the first loss found.
pub fn kill_and_check(db: &Path, kills: u32, seed: u64) -> Result<CrashReport, String> {
    let mut rng = Rng(seed);
    let mut acked = Acked::default();
    let mut report = CrashReport { kills: 0, kills_mid_editing: 0, awaited: 0, acknowledged: 0 };
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
        let mut reader = BufReader::new(child.stdout.take().expect("piped"));
        // Only complete lines count: a line cut by the kill was never acknowledged.
        let mut read_line = || {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(n) if n > 0 => line.strip_suffix('\n').map(str::to_string),
                _ => None,
            }
        };
        // Every eighth kill during start-up (open, migration, sample load); the others once the
        // writer has acknowledged 1..=MOST_EDITS_PER_ROUND edits.
        let wait_for = if round % 8 == 7 { 0 } else { 1 + rng.below(MOST_EDITS_PER_ROUND) };
        let mut lines = Vec::new();
        let mut edits = 0;
        while edits < wait_for {
            let Some(line) = read_line() else {
                let _ = child.kill();
                let status = child.wait().map_err(|e| e.to_string())?;
                let mut err = String::new();
                child.stderr.take().expect("piped").read_to_string(&mut err).ok();
                return Err(format!("round {round}: the writer stopped by itself ({status}): {err}"));
            };
            if !line.starts_with("ready ") {
                edits += 1;
            }
            lines.push(line);
        }
        child.kill().map_err(|e| format!("round {round}: cannot kill the writer: {e}"))?;
        // Lines completed before the kill are acknowledged too.
        while let Some(line) = read_line() {
            lines.push(line);
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        if status.success() {
            return Err(format!("round {round}: the writer finished instead of being killed"));
        }
        report.kills += 1;
        if wait_for > 0 {
            report.kills_mid_editing += 1;
            report.awaited += wait_for as usize;
        }
        let mut saved_this_round = 0;
        for line in lines.iter().filter(|l| !l.starts_with("ready ")) {
            acked.record(line)?;
            saved_this_round += 1;
        }
        if let Some(last) = lines.last().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()) {
            acked.killed_after(last);
        }
        report.acknowledged += saved_this_round;
        check(db, &acked).map_err(|e| {
            format!(
                "round {round} (seed {seed}, killed after {wait_for} edits, {saved_this_round} acknowledged): {e}"
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
    let report = kill_and_check(&db, kills, seed).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "crash: {} kills survived ({} mid-editing), {} acknowledged edits all present, seed {seed}",
        report.kills, report.kills_mid_editing, report.acknowledged
    );
    assert_eq!(report.kills, kills);
    // Counted, not timed: every mid-editing round waited for its edits before the kill.
    assert!(report.acknowledged >= report.awaited, "{} < {}", report.acknowledged, report.awaited);
    assert_eq!(report.kills_mid_editing, kills - kills / 8);
}
