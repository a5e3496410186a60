//! Benchmark of the PDF export: the sample scaled to about 60 pages (300 staff, 500
//! instruments); the bound set must take at most 250 ms and weigh at most 2 MB. With 100 pages of
//! supporting materials bound in (60 A4 JPEG scans at 300 dpi, 40 PDF pages) it must take at
//! most 1.5 s and weigh within 10% of the application plus the attached files.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use shenbao::model::Application;
use shenbao::pdf::{self, ExportInputs, Which};
use shenbao::rules::{builtin_pack, evaluate, resolve_as_of, UnknownCross};

/// The bundled sample with its staff and instrument lists grown to `staff` and `instruments`.
fn scaled(staff: usize, instruments: usize) -> Application {
    let mut app = shenbao::interchange::application_from_json(shenbao::samples::SAMPLE_P1).expect("sample");
    let surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
    let given = "建国志强海燕晓明文华丽娟春梅国庆永红立新秀英桂兰";
    let base = app.people.clone();
    let mut k = 0;
    while app.people.len() < staff {
        let mut p = base[k % base.len()].clone();
        p.role = if k % 10 == 9 { shenbao::model::Role::Visiting } else { shenbao::model::Role::Fixed };
        let s: Vec<char> = surnames.chars().collect();
        let g: Vec<char> = given.chars().collect();
        p.name = format!("{}{}{}", s[k % s.len()], g[(k * 7) % g.len()], g[(k * 3 + 1) % g.len()]);
        p.id_doc.number = format!("1401{:014}", 1_970_010_100 + k as u64 * 7);
        p.awards_first_completer.clear();
        p.projects_first_pi.clear();
        app.people.push(p);
        k += 1;
    }
    let base = app.instruments.clone();
    let mut k = 0;
    while app.instruments.len() < instruments {
        let mut i = base[k % base.len()].clone();
        i.serial_number = format!("SN{:08}", k);
        i.asset_number = format!("ZC-2020-{:05}", k);
        app.instruments.push(i);
        k += 1;
    }
    app
}

fn inputs(app: &Application) -> ExportInputs {
    let pack = builtin_pack(&app.programme).expect("pack");
    let as_of = resolve_as_of(&pack, app, None).expect("date");
    let assessment = evaluate(&pack, app, &UnknownCross, as_of);
    pdf::inputs_from_assessment(&pack, &assessment, NaiveDate::from_ymd_opt(2024, 4, 28).expect("date"))
}

fn bench(c: &mut Criterion) {
    let app = scaled(300, 500);
    let inputs = inputs(&app);
    let files = pdf::export(&app, &inputs, Which::Bound).expect("export");
    let bytes = &files[0].1;
    let pages = bytes.windows(10).filter(|w| w == b"/Type /Pag" || w == b"/Type/Page").count();
    eprintln!("bound set: {} bytes (~{} page objects)", bytes.len(), pages);
    // CPU time per export, which other processes on a busy machine do not inflate.
    if let Some(start) = cpu_ticks() {
        const RUNS: u64 = 10;
        for _ in 0..RUNS {
            let _ = pdf::export(&app, &inputs, Which::Bound);
        }
        if let Some(end) = cpu_ticks() {
            eprintln!("bound set: {} ms CPU per export", (end - start) * 10 / RUNS);
        }
    }
    c.bench_function("pdf_bound_set_300_staff_500_instruments", |b| {
        b.iter(|| pdf::export(&app, &inputs, Which::Bound).expect("export"))
    });
    let (docs, attached) = evidence();
    let files = pdf::export_with(&app, &inputs, Which::Bound, &docs).expect("export");
    eprintln!(
        "bound set with 100 evidence pages: {} bytes (attached files {} bytes, set without them {} bytes)",
        files[0].1.len(),
        attached,
        bytes.len()
    );
    if let Some(start) = cpu_ticks() {
        const RUNS: u64 = 3;
        for _ in 0..RUNS {
            let _ = pdf::export_with(&app, &inputs, Which::Bound, &docs);
        }
        if let Some(end) = cpu_ticks() {
            eprintln!("bound set with evidence: {} ms CPU per export", (end - start) * 10 / RUNS);
        }
    }
    c.bench_function("pdf_bound_set_with_100_evidence_pages", |b| {
        b.iter(|| pdf::export_with(&app, &inputs, Which::Bound, &docs).expect("export"))
    });
}

/// Ten items of 6 JPEG scans and 4 PDF pages each: 60 distinct A4 scans at 300 dpi of about
/// 400 KB (one made by ImageMagick at quality 61, cached in the temp directory, varied by a
/// comment segment) and 40 pages of the krilla-made fixtures. Returns the items and the attached
/// files' total size.
fn evidence() -> (Vec<pdf::EvidenceDoc>, usize) {
    use shenbao::evidence::FileKind;
    use std::sync::Arc;
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
    eprintln!("scan: 2480×3508 px (A4 at 300 dpi), {} bytes", jpeg.len());
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let agreement = std::fs::read(fixtures.join("agreement-3p.pdf")).expect("fixture");
    let letter = std::fs::read(fixtures.join("letter.pdf")).expect("fixture");
    let mut total = 0;
    let mut docs = Vec::new();
    for item in 0..10 {
        let mut parts = Vec::new();
        for k in 0..6 {
            // A comment segment after the start marker makes each scan a distinct file.
            let note = format!("scan {item}-{k}");
            let mut bytes = jpeg[..2].to_vec();
            bytes.extend([0xFF, 0xFE]);
            bytes.extend(u16::try_from(note.len() + 2).expect("short").to_be_bytes());
            bytes.extend(note.as_bytes());
            bytes.extend(&jpeg[2..]);
            total += bytes.len();
            parts.push(pdf::EvidencePart { kind: FileKind::Jpeg, bytes: Arc::new(bytes), orientation: 1 });
        }
        for pdf_bytes in [&agreement, &letter] {
            let mut bytes = pdf_bytes.clone();
            bytes.extend(format!("%item {item}\n").as_bytes());
            total += bytes.len();
            parts.push(pdf::EvidencePart { kind: FileKind::Pdf, bytes: Arc::new(bytes), orientation: 1 });
        }
        docs.push(pdf::EvidenceDoc { number: item + 1, title: format!("材料 {}", item + 1), parts });
    }
    (docs, total)
}

/// utime + stime of this thread in clock ticks (Linux, 100 Hz), if available.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
