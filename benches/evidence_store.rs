//! A database holding 500 MB of supporting materials against the same database without them:
//! opening it, the home screen's verdicts and the live check of one application must take the
//! same time (blobs are never read for a check). Both databases hold 50 applications; the large
//! one has a 10 MB file attached to each (cached in the temp directory).
//!
//! Attaching a 20 MB PDF (50 pages of 300 dpi JPEG scans, written by krilla) to an application:
//! read, checked by content, hashed and stored in one transaction must take well under 1 s (the
//! window then draws its thumbnails).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

use shenbao::evidence::{FileKind, Inspected};
use shenbao::interchange::application_from_json;
use shenbao::model::{Application, RowId};
use shenbao::samples::SAMPLE_P1;
use shenbao::service;
use shenbao::store::evidence::NewFile;
use shenbao::store::Store;

const APPS: usize = 50;
/// The sample's item the files are attached to.
const ITEM: &str = "pack:近三年研发投入专项审计报告或财务报表";
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
    {
        let store = Store::open(&path).expect("open");
        let (blobs, blob_bytes) = store.evidence_blob_stats().expect("stats");
        eprintln!("{name}: {} MB file, {blobs} contents of {} MB", size >> 20, blob_bytes >> 20);
    }
    // One window holds the file: each open is dropped (and its hold released) before the next.
    c.bench_function(&format!("open_{name}"), |b| {
        b.iter(|| drop(black_box(Store::open(&path).expect("open"))))
    });
    let store = Store::open(&path).expect("open");
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

/// A PDF of about 20 MB: 50 A4 pages, each a distinct 300 dpi JPEG scan (ImageMagick, cached in
/// the temp directory) passed through by krilla. Cached in the temp directory.
fn pdf_of_20mb() -> PathBuf {
    let path = std::env::temp_dir().join("shenbao-bench-20mb-v1.pdf");
    if path.exists() {
        return path;
    }
    let scan = std::env::temp_dir().join("shenbao-bench-scan-300dpi-q61.jpg");
    if !scan.exists() {
        let ok = std::process::Command::new("convert")
            .args(["-size", "2480x3508", "xc:white", "-fill", "black", "-draw", "rectangle 200,300 2200,360"])
            .args(["-attenuate", "0.6", "+noise", "Gaussian", "-colorspace", "Gray", "-quality", "61"])
            .arg(&scan)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "ImageMagick's convert makes the scan (scripts/install-deps.sh installs it)");
    }
    let jpeg = std::fs::read(&scan).expect("scan");
    let mut doc = krilla::Document::new();
    for k in 0..50u32 {
        // A comment segment after the start marker makes each page's scan distinct.
        let note = format!("page {k}");
        let mut bytes = jpeg[..2].to_vec();
        bytes.extend([0xFF, 0xFE]);
        bytes.extend(u16::try_from(note.len() + 2).expect("short").to_be_bytes());
        bytes.extend(note.as_bytes());
        bytes.extend(&jpeg[2..]);
        let data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> = std::sync::Arc::new(bytes);
        let image = krilla::image::Image::from_jpeg(data.into(), true).expect("jpeg");
        let settings = krilla::page::PageSettings::from_wh(595.28, 841.89).expect("A4");
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        surface.draw_image(image, krilla::geom::Size::from_wh(595.28, 841.89).expect("size"));
        surface.finish();
        page.finish();
    }
    let partial = path.with_extension("partial");
    std::fs::write(&partial, doc.finish().expect("pdf")).expect("write");
    std::fs::rename(&partial, &path).expect("rename");
    path
}

/// Attaching the 20 MB PDF to the sample in a fresh database each time (contents are stored
/// once: a second attach of the same bytes would only link them).
fn bench_attach(c: &mut Criterion) {
    let pdf = pdf_of_20mb();
    eprintln!("attach: {} ({} bytes)", pdf.display(), std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0));
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let template = dir.path().join("template.sqlite");
    let id = {
        let mut store = Store::open(&template).expect("open");
        store.insert_application(&application(0)).expect("insert")
    };
    let mut n = 0;
    c.bench_function("attach_20mb_pdf", |b| {
        b.iter_batched(
            || {
                // One run's database at a time on disk.
                for ext in ["sqlite", "sqlite-wal", "sqlite-shm"] {
                    let _ = std::fs::remove_file(dir.path().join(format!("run-{n}.{ext}")));
                }
                n += 1;
                let path = dir.path().join(format!("run-{n}.sqlite"));
                std::fs::copy(&template, &path).expect("copy");
                Store::open(&path).expect("open")
            },
            |mut store| {
                let files = service::evidence::attach_paths(&mut store, id, ITEM, &[pdf.as_path()], today)
                    .expect("attach");
                assert_eq!(files[0].pages, 50);
                store
            },
            BatchSize::PerIteration,
        )
    });
}

fn bench(c: &mut Criterion) {
    bench_attach(c);
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
