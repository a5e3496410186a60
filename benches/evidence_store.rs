//! A database holding 500 MB of supporting materials against the same database without them:
//! opening it, the home screen's verdicts and the live check of one application must take the
//! same time (blobs are never read for a check). Both databases hold 50 applications; the large
//! one has a 10 MB file attached to each (cached in the temp directory).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

use shenbao::evidence::{FileKind, Inspected};
use shenbao::interchange::application_from_json;
use shenbao::model::{Application, RowId};
use shenbao::samples::SAMPLE_P1;
use shenbao::service;
use shenbao::store::evidence::NewFile;
use shenbao::store::Store;

const APPS: usize = 50;
const FILE_BYTES: usize = 10 * 1024 * 1024;

fn application(i: usize) -> Application {
    let mut app = application_from_json(SAMPLE_P1).expect("the bundled sample loads");
    app.centre_name = format!("山西省第{i}号技术创新中心");
    for (k, p) in app.people.iter_mut().enumerate() {
        p.name = format!("人员{i}-{k}");
        p.id_doc.number = format!("E{i:04}{k:04}");
    }
    for (k, x) in app.instruments.iter_mut().enumerate() {
        x.serial_number = format!("SN{i:04}{k:04}");
        x.asset_number = format!("ZC{i:04}{k:04}");
    }
    app
}

/// Bytes that do not repeat (xorshift), distinct per `seed`.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// The database at `path` with the applications and, when `evidence`, one file each.
fn make(path: &Path, evidence: bool) -> Vec<RowId> {
    if path.exists() {
        let store = Store::open(path).expect("open");
        return store.list_applications().expect("list").iter().map(|a| a.id).collect();
    }
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let mut store = Store::open(&partial).expect("open");
    let mut ids = Vec::new();
    for i in 0..APPS {
        let id = store.insert_application(&application(i)).expect("insert");
        if evidence {
            let bytes = noise(FILE_BYTES, i as u64 + 1);
            let file = NewFile {
                file_name: format!("审计报告{i}.pdf"),
                inspected: Inspected { kind: FileKind::Pdf, pages: 40, note: String::new(), orientation: 1 },
                bytes: &bytes,
                unit: String::new(),
            };
            store.attach_evidence(id, "pack:研发投入专项审计报告", &[file]).expect("attach");
        }
        ids.push(id);
    }
    drop(store);
    std::fs::rename(&partial, path).expect("rename");
    ids
}

fn bench_one(c: &mut Criterion, name: &str, path: PathBuf, ids: &[RowId]) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let store = Store::open(&path).expect("open");
    let (blobs, blob_bytes) = store.evidence_blob_stats().expect("stats");
    eprintln!("{name}: {} MB file, {blobs} contents of {} MB", size >> 20, blob_bytes >> 20);
    c.bench_function(&format!("open_{name}"), |b| b.iter(|| black_box(Store::open(&path).expect("open"))));
    c.bench_function(&format!("home_verdicts_{name}"), |b| {
        b.iter(|| black_box(service::home_verdicts(&store, today).expect("verdicts")))
    });
    let id = ids[ids.len() / 2];
    c.bench_function(&format!("live_check_{name}"), |b| {
        b.iter(|| {
            let app = store.load_application(id).expect("load");
            let pack = service::choose_pack_in_store(&store, &app, None).expect("pack");
            black_box(service::check_in_store(&store, Some(id), &app, &pack, None, today).expect("check"))
        })
    });
}

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir();
    let plain = dir.join("shenbao-bench-evidence-none-v1.sqlite");
    let heavy = dir.join("shenbao-bench-evidence-500mb-v1.sqlite");
    let plain_ids = make(&plain, false);
    let heavy_ids = make(&heavy, true);
    bench_one(c, "without_evidence", plain, &plain_ids);
    bench_one(c, "with_500mb_evidence", heavy, &heavy_ids);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
