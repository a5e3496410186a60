//! Narrative similarity (一稿多报) at scale: 2,000 applications with five narrative sections of
//! about 600 characters each, written from one shared vocabulary of phrases (so unrelated texts
//! share common words, as real ones do); every tenth application copies about half of one section
//! of the application before it. Generated straight through SQL, cached in the temp directory;
//! opening the store computes every section's LSH bands. Targets: one application's sections
//! against 2,000 applications ≤ 50 ms; the full pairwise report ≤ 5 s.

use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::{params, Connection};
use shenbao::duplicates::{self, CrossParams};
use shenbao::store::Store;

const APPS: i64 = 2_000;
const SECTIONS: &[&str] = &["overview", "goals", "tasks", "mechanism", "funding"];
const PHRASES_PER_SECTION: usize = 60;
const CACHE_NAME: &str = "shenbao-bench-narratives-v1.sqlite";

/// A small linear congruential generator: the same database on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

/// 1,600 two-word phrases over 40 common words of such texts.
fn vocabulary() -> Vec<String> {
    const WORDS: &[&str] = &[
        "技术", "创新", "研发", "平台", "建设", "产业", "材料", "能源", "装备", "制造", "智能", "数字",
        "绿色", "低碳", "关键", "核心", "工艺", "中试", "转化", "成果", "人才", "团队", "机制", "协同",
        "开放", "共享", "服务", "企业", "高校", "院所", "标准", "检测", "示范", "应用", "集成", "系统",
        "攻关", "突破", "培育", "孵化",
    ];
    let mut out = Vec::new();
    for a in WORDS {
        for b in WORDS {
            out.push(format!("{a}{b}"));
        }
    }
    out
}

fn section_text(rng: &mut Lcg, vocab: &[String]) -> String {
    let mut text = String::new();
    for k in 0..PHRASES_PER_SECTION {
        text.push_str(&vocab[rng.next() % vocab.len()]);
        text.push_str(if k % 6 == 5 { "。" } else { "，" });
    }
    text
}

fn generate(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    drop(Store::open(path)?);
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let vocab = vocabulary();
    let mut rng = Lcg(20_261_202);
    let tx = conn.transaction()?;
    {
        let mut app = tx.prepare(
            "INSERT INTO applications (id, programme, category, centre_name, city, created_at, updated_at, reference_date)
             VALUES (?1, 'P1', 'field', ?2, '太原市', '2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z', '2024-05-06')",
        )?;
        let mut nar =
            tx.prepare("INSERT INTO narratives (application_id, section, body) VALUES (?1, ?2, ?3)")?;
        let mut previous: Vec<String> = Vec::new();
        for a in 1..=APPS {
            app.execute(params![a, format!("山西省第{a}号技术创新中心")])?;
            let mut texts: Vec<String> = SECTIONS.iter().map(|_| section_text(&mut rng, &vocab)).collect();
            if a % 10 == 0 {
                // Half of the previous application's "tasks", then its own text.
                let copied: String = previous[2].chars().take(previous[2].chars().count() / 2).collect();
                texts[2] = format!("{copied}{}", texts[2].chars().take(300).collect::<String>());
            }
            for (section, body) in SECTIONS.iter().zip(&texts) {
                nar.execute(params![a, section, body])?;
            }
            previous = texts;
        }
    }
    tx.execute("INSERT INTO settings (key, value) VALUES ('bench_complete', '1')", [])?;
    tx.commit()?;
    drop(conn);
    // Opening computes the bands of every section the raw inserts queued.
    let t = Instant::now();
    Store::open(path)?;
    eprintln!("narrative bands computed in {:.1} s", t.elapsed().as_secs_f64());
    Ok(())
}

fn database() -> PathBuf {
    let path = std::env::temp_dir().join(CACHE_NAME);
    let complete = Store::open(&path).ok().and_then(|s| s.setting("bench_complete").ok().flatten()).is_some();
    if !complete {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        if let Err(e) = generate(&path) {
            panic!("generating the benchmark database failed: {e}");
        }
    }
    path
}

fn bench(c: &mut Criterion) {
    let path = database();
    let store = Store::open(&path).expect("open");
    let params = CrossParams::default();
    let id = APPS / 2;
    let one = duplicates::narrative_conflicts(&store, id, &params).expect("conflicts");
    eprintln!("application {id}: {} similar sections", one.len());
    let all = duplicates::narrative_report(&store, &params).expect("report");
    eprintln!("whole database: {} similar sections (expected {})", all.len(), APPS / 10);

    c.bench_function("narrative_one_against_2000", |b| {
        b.iter(|| duplicates::narrative_conflicts(&store, id, &params).expect("conflicts"))
    });
    let mut group = c.benchmark_group("slow");
    group.sample_size(10);
    group.bench_function("narrative_pairwise_report_2000", |b| {
        b.iter(|| duplicates::narrative_report(&store, &params).expect("report"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
