//! Supporting materials on real files (made by ImageMagick, krilla and qpdf:
//! `scripts/make-evidence-fixtures.sh`): the attachment checks refuse by content and store
//! nothing, contents are stored once, backups carry them byte-identical, and the bound set prints
//! each material from its own page with its mark, the 目录 its real pages, a bookmark each, an
//! even total.

use std::path::{Path, PathBuf};
use std::process::Command;

use shenbao::service::evidence as ev;
use shenbao::store::Store;

use crate::common::{sample, TempDb};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence").join(name)
}

fn today() -> chrono::NaiveDate {
    "2024-05-06".parse().unwrap()
}

fn with_sample(db: &TempDb) -> (Store, i64) {
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    (store, id)
}

fn attach(store: &mut Store, id: i64, item: &str, names: &[&str]) -> Result<usize, (String, String)> {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    ev::attach_paths(store, id, item, &refs, today())
        .map(|f| f.len())
        .map_err(|e| (e.detail().to_string(), e.to_string()))
}

#[test]
fn refused_files_are_named_with_the_reason_and_nothing_of_the_attachment_is_stored() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    let before = store.dump().unwrap();
    let cases = [
        ("disguised-gif.jpg", "wrong_file_type", "GIF"),
        ("encrypted.pdf", "encrypted_pdf", "需要密码"),
        ("permissions.pdf", "encrypted_pdf", "权限密码"),
        ("damaged.pdf", "damaged_pdf", "已损坏"),
        ("small.png", "image_too_small", "150 dpi"),
        // Found by the fuzz target: 555 bytes declaring 4,194,904 × 800 pixels (3.3 GB to decode).
        ("huge-declared.png", "image_too_many_pixels", "4194904×800"),
    ];
    for (bad, code, words) in cases {
        // A good file first: it is not kept either.
        let (got, message) = attach(&mut store, id, "1", &["agreement-3p.pdf", bad]).unwrap_err();
        assert_eq!(got, code, "{bad}: {message}");
        assert!(message.contains(bad) && message.contains(words), "{bad}: {message}");
        assert!(message.contains("都未保存"), "{message}");
    }
    assert_eq!(store.dump().unwrap(), before, "nothing half-saved");
    assert_eq!(store.evidence_blob_stats().unwrap(), (0, 0));
}

#[test]
fn the_size_limit_is_checked_at_the_boundary_and_configurable() {
    let bytes = std::fs::read(fixture("agreement-3p.pdf")).unwrap();
    let n = bytes.len() as u64;
    assert!(shenbao::evidence::inspect::inspect(&bytes, n).is_ok(), "at the limit");
    assert!(shenbao::evidence::inspect::inspect(&bytes, n + 1).is_ok(), "below");
    let e = shenbao::evidence::inspect::inspect(&bytes, n - 1).unwrap_err();
    assert_eq!(e.code(), "file_too_large", "above");
    let db = TempDb::new();
    let mut store = db.open();
    assert_eq!(ev::max_bytes(&store).unwrap(), 50 * 1024 * 1024);
    store.set_setting(shenbao::evidence::MAX_MB_SETTING, "1").unwrap();
    assert_eq!(ev::max_bytes(&store).unwrap(), 1024 * 1024);
    let empty = shenbao::evidence::inspect::inspect(b"", n).unwrap_err();
    assert_eq!(empty.code(), "empty_file");
}

#[test]
fn the_print_resolution_limit_is_a_setting_and_the_cli_shows_and_sets_both() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    let (code, message) = attach(&mut store, id, "1", &["small.png"]).unwrap_err();
    assert_eq!(code, "image_too_small");
    assert!(message.contains("低于 150 dpi"), "{message}");
    let limits = ev::set_limits(&mut store, None, Some(40)).unwrap();
    assert_eq!((limits.max_bytes, limits.min_print_dpi), (50 * 1024 * 1024, 40.0));
    assert_eq!(attach(&mut store, id, "1", &["small.png"]), Ok(1), "accepted under the user's lower limit");
    let (_, message) =
        attach(&mut store, id, "1", &["certificate-scan.jpg"]).map(|_| ()).err().unwrap_or_default();
    assert!(message.is_empty(), "{message}");
    ev::set_limits(&mut store, None, Some(2000)).unwrap();
    let (_, message) = attach(&mut store, id, "1", &["certificate-scan.jpg"]).unwrap_err();
    assert!(message.contains("低于 2000 dpi"), "{message}");
    assert_eq!(ev::set_limits(&mut store, Some(0), None).unwrap_err().detail(), "bad_value");
    drop(store);
    let out = shenbao(&db, &["evidence", "limits", "--max-mb", "7"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("文件大小上限\t7 MB") && text.contains("2000 dpi"), "{text}");
}

#[test]
fn a4_like_pages_landscape_and_other_sizes_are_told_on_attach() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    attach(
        &mut store,
        id,
        "6",
        &["agreement-3p.pdf", "landscape-invoice.pdf", "letter.pdf", "sideways-exif6.jpg"],
    )
    .unwrap();
    let items = ev::items(&store, id, today()).unwrap();
    let files = &items[5].files;
    assert_eq!(files.iter().map(|f| f.pages).collect::<Vec<_>>(), [3, 1, 1, 1]);
    assert_eq!(files[0].note, "", "A4 portrait prints as it is");
    assert!(files[1].note.contains("横向 A4"), "{}", files[1].note);
    assert!(files[2].note.contains("216×279 毫米") && files[2].note.contains("缩放"), "{}", files[2].note);
    assert!(files[3].note.contains("EXIF"), "{}", files[3].note);
    assert_eq!(files[3].orientation, 6);
}

#[test]
fn the_same_content_is_stored_once_and_goes_with_the_last_file_using_it() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    let size = std::fs::metadata(fixture("certificate-scan.jpg")).unwrap().len();
    attach(&mut store, id, "1", &["certificate-scan.jpg"]).unwrap();
    attach(&mut store, id, "7", &["certificate-scan.jpg"]).unwrap();
    assert_eq!(store.evidence_blob_stats().unwrap(), (1, size));
    let items = ev::items(&store, id, today()).unwrap();
    ev::remove_file(&mut store, id, items[0].files[0].id).unwrap();
    assert_eq!(store.evidence_blob_stats().unwrap(), (1, size), "still used by item 7");
    // Deleting the application takes its files and their contents with it.
    store.delete_application(id).unwrap();
    assert_eq!(store.evidence_blob_stats().unwrap(), (0, 0));
}

/// The files of an item print in the order the user put them in; an order that leaves out a
/// file or names another item's is refused and changes nothing; removing a file answers with
/// that file.
#[test]
fn files_are_reordered_as_asked_and_the_removed_one_is_the_one_named() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    attach(&mut store, id, "1", &["agreement-3p.pdf", "certificate-scan.jpg", "letter.pdf"]).unwrap();
    attach(&mut store, id, "2", &["landscape-invoice.pdf"]).unwrap();
    let names = |store: &Store| -> Vec<String> {
        ev::items(store, id, today()).unwrap()[0].files.iter().map(|f| f.file_name.clone()).collect()
    };
    let items = ev::items(&store, id, today()).unwrap();
    let ids: Vec<i64> = items[0].files.iter().map(|f| f.id).collect();
    let elsewhere = items[1].files[0].id;
    assert_eq!(names(&store), ["agreement-3p.pdf", "certificate-scan.jpg", "letter.pdf"]);

    ev::reorder(&mut store, id, "1", &[ids[2], ids[0], ids[1]], today()).unwrap();
    assert_eq!(names(&store), ["letter.pdf", "agreement-3p.pdf", "certificate-scan.jpg"]);
    for wrong in [vec![ids[0], ids[1]], vec![ids[0], ids[1], elsewhere]] {
        let err = ev::reorder(&mut store, id, "1", &wrong, today()).unwrap_err();
        assert_eq!(err.detail(), "not_found", "{err}");
        assert_eq!(names(&store), ["letter.pdf", "agreement-3p.pdf", "certificate-scan.jpg"]);
    }
    // The refusal names the file that is not the item's.
    let err = ev::reorder(&mut store, id, "1", &[ids[0], elsewhere, ids[1]], today()).unwrap_err();
    assert!(err.to_string().contains(&format!("编号 {elsewhere}")), "{err}");

    let removed = ev::remove_file(&mut store, id, ids[1]).unwrap();
    assert_eq!(removed.file_name, "certificate-scan.jpg");
    assert_eq!(names(&store), ["letter.pdf", "agreement-3p.pdf"]);
}

#[test]
fn a_part_of_an_attached_file_is_those_bytes_of_it_and_stops_at_its_end() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    attach(&mut store, id, "1", &["agreement-3p.pdf"]).unwrap();
    let file = ev::items(&store, id, today()).unwrap()[0].files[0].clone();
    let whole = std::fs::read(fixture("agreement-3p.pdf")).unwrap();
    assert_eq!(ev::file_bytes(&store, id, file.id).unwrap(), whole);
    let len = whole.len() as u64;
    // What pdf.js asks for first (the tail with startxref), a middle part, one past the end.
    assert_eq!(ev::file_range(&store, id, file.id, len - 1024, len).unwrap(), whole[whole.len() - 1024..]);
    assert_eq!(ev::file_range(&store, id, file.id, 100, 356).unwrap(), whole[100..356]);
    assert_eq!(ev::file_range(&store, id, file.id, len - 10, len + 4096).unwrap(), whole[whole.len() - 10..]);
    assert!(ev::file_range(&store, id, file.id, len + 1, len + 9).unwrap().is_empty());
    // Only that application's files.
    let other = store.insert_application(&sample()).unwrap();
    assert!(ev::file_range(&store, other, file.id, 0, 16).is_err());
}

#[test]
fn user_items_are_listed_after_the_packs_and_removed_with_their_files() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    let pack_items = ev::items(&store, id, today()).unwrap().len();
    let target = ev::parse_evidences(Some("unit:91140100MA0K000001")).unwrap();
    let items = ev::add_item(&mut store, id, "市级推荐函复印件", &target, false, today()).unwrap();
    let added = items.last().unwrap();
    assert_eq!((added.number, added.user), (pack_items + 1, true));
    attach(&mut store, id, &added.number.to_string(), &["certificate-scan.jpg"]).unwrap();
    // A pack item cannot be removed; the user's can, with its files and their contents.
    let e = ev::remove_item(&mut store, id, "1", today()).unwrap_err();
    assert_eq!(e.detail(), "pack_evidence_item");
    ev::remove_item(&mut store, id, &added.number.to_string(), today()).unwrap();
    assert_eq!(ev::items(&store, id, today()).unwrap().len(), pack_items);
    assert_eq!(store.evidence_blob_stats().unwrap(), (0, 0));
}

#[test]
fn a_backup_carries_the_contents_byte_identical() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    attach(&mut store, id, "1", &["certificate-scan.jpg", "agreement-3p.pdf"]).unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2024, 5, 6).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let backup = shenbao::store::backup::make_backup(&store, &store.backup_dir(), now).unwrap();
    let copy = db.dir.path().join("copy.sqlite");
    std::fs::copy(&backup, &copy).unwrap();
    let restored = Store::open(&copy).unwrap();
    let files = restored.evidence_files(id).unwrap();
    let files: Vec<_> = files.values().flatten().collect();
    assert_eq!(files.len(), 2);
    for (f, name) in files.iter().zip(["certificate-scan.jpg", "agreement-3p.pdf"]) {
        assert_eq!(restored.evidence_blob(&f.sha256).unwrap(), std::fs::read(fixture(name)).unwrap());
    }
}

#[test]
fn a_version_4_database_keeps_its_applications_and_gains_the_materials() {
    let db = TempDb::new();
    let (store, id) = with_sample(&db);
    let before = store.load_application(id).unwrap();
    drop(store);
    {
        // Back to version 4: no table of supporting materials.
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch(crate::common::DROP_LIBRARY).unwrap();
        conn.execute_batch(
            "DROP TABLE evidence_files; DROP TABLE evidence_items; DROP TABLE evidence_blobs; DROP TABLE seals; DROP TABLE history;
             ALTER TABLE applications DROP COLUMN pack_version;
             DROP TRIGGER narratives_sketch_insert; DROP TRIGGER narratives_sketch_update; DROP TRIGGER narratives_sketch_delete;
             ALTER TABLE identity_keys DROP COLUMN share; DROP TABLE narrative_bands; DROP TABLE narrative_sketches; DROP TABLE narrative_dirty;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 4).unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), shenbao::store::latest_schema_version());
    assert_eq!(store.load_application(id).unwrap(), before);
    attach(&mut store, id, "1", &["certificate-scan.jpg"]).unwrap();
    assert_eq!(store.evidence_blob_stats().unwrap().0, 1);
}

// ---- the bound set, through the CLI ------------------------------------------------------

fn shenbao(db: &TempDb, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("--db")
        .arg(db.path())
        .args(args)
        .env_remove("SHENBAO_DB")
        .output()
        .expect("run shenbao");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn page_texts(pdf: &Path) -> Option<Vec<String>> {
    let Ok(out) = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output() else {
        crate::common::missing_tool("pdftotext", "apt-get install poppler-utils");
        return None;
    };
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// Whether `text` has the mark "印证材料 k" (not "印证材料 k0").
fn has_mark(text: &str, k: usize) -> bool {
    let mark = format!("印证材料 {k}");
    text.match_indices(&mark).any(|(i, _)| !text[i + mark.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

/// The page ranges printed in the 印证材料目录's last column ("27" or "29—32"), in order.
fn printed_ranges(pages: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| p.contains("印证材料目录") && p.contains("页码")) {
        for line in page.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let (Some(last), true) = (words.last(), words.len() > 1) else { continue };
            let parse = |s: &str| s.parse::<usize>().ok();
            let range = match last.split_once('—') {
                Some((a, b)) => parse(a).zip(parse(b)),
                None => parse(last).map(|p| (p, p)),
            };
            if let Some(r) = range {
                out.push(r);
            }
        }
    }
    out
}

fn export(db: &TempDb, only: &str) -> PathBuf {
    let out = db.dir.path().join(format!("out-{only}"));
    shenbao(db, &["export", "1", "--out", out.to_str().unwrap(), "--only", only]);
    std::fs::read_dir(&out).unwrap().next().unwrap().unwrap().path()
}

fn bound_db() -> TempDb {
    let db = TempDb::new();
    shenbao(&db, &["init", "--sample"]);
    let f = |n: &str| fixture(n).to_str().unwrap().to_string();
    shenbao(&db, &["evidence", "add", "1", "--item", "1", &f("certificate-scan.jpg")]);
    shenbao(
        &db,
        &["evidence", "add", "1", "--item", "6", &f("agreement-3p.pdf"), &f("landscape-invoice.pdf")],
    );
    shenbao(&db, &["evidence", "add", "1", "--item", "7", &f("sideways-exif6.jpg"), &f("letter.pdf")]);
    db
}

#[test]
fn the_bound_set_prints_each_material_from_its_own_page_with_its_mark_and_real_pages() {
    let db = bound_db();
    let pdf = export(&db, "bound");
    let Some(pages) = page_texts(&pdf) else { return };
    assert_eq!(pages.len() % 2, 0, "even total: {}", pages.len());
    let ranges = printed_ranges(&pages);
    let mut found = Vec::new();
    for k in [1, 6, 7] {
        let on: Vec<usize> = (0..pages.len()).filter(|&i| has_mark(&pages[i], k)).map(|i| i + 1).collect();
        assert!(!on.is_empty(), "mark of item {k}");
        found.push((on[0], *on.last().unwrap()));
        // Every page between carries it and a page number; P1 is printed duplex: odd start.
        assert_eq!(on.len(), on.last().unwrap() - on[0] + 1, "item {k} on consecutive pages {on:?}");
        assert_eq!(on[0] % 2, 1, "item {k} starts on an odd page");
        for p in &on {
            assert!(pages[p - 1].contains(&format!("— {p} —")), "page number on page {p}");
        }
    }
    assert_eq!(ranges, found, "the 目录 prints the pages where each mark is");
    assert_eq!(found.iter().map(|(a, b)| b - a + 1).collect::<Vec<_>>(), [1, 4, 2]);
    // Unattached items say so.
    assert!(pages.iter().any(|p| p.contains("未附")));
    // A bookmark per material.
    let out = Command::new("qpdf").args(["--json", "--json-key=outlines"]).arg(&pdf).output();
    let Ok(out) = out else {
        crate::common::missing_tool("qpdf", "apt-get install qpdf");
        return;
    };
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let part =
        v["outlines"].as_array().unwrap().iter().find(|o| o["title"] == "印证材料").expect("part bookmark");
    let kids: Vec<&str> =
        part["kids"].as_array().unwrap().iter().filter_map(|k| k["title"].as_str()).collect();
    assert_eq!(kids.len(), 3, "{kids:?}");
    assert!(kids[0].starts_with("印证材料 1　") && kids[1].starts_with("印证材料 6　"), "{kids:?}");
}

#[test]
fn pdf_pages_are_embedded_as_vector_and_jpeg_bytes_pass_through() {
    let db = bound_db();
    let pdf = export(&db, "evidence");
    let Some(pages) = page_texts(&pdf) else { return };
    assert!(pages[0].contains("印证材料目录"), "the volume opens with its own 目录");
    assert_eq!(pages.len() % 2, 0);
    // The scan's JPEG stream is in the file as it was attached (DCT, not re-encoded).
    let bytes = std::fs::read(&pdf).unwrap();
    let jpeg = std::fs::read(fixture("certificate-scan.jpg")).unwrap();
    assert!(bytes.windows(jpeg.len()).any(|w| w == jpeg.as_slice()), "JPEG embedded byte for byte");
    // Only the two photos are images: the agreement's pages stay vector.
    let out = Command::new("pdfimages").arg("-list").arg(&pdf).output().expect("pdfimages (poppler-utils)");
    let list = String::from_utf8_lossy(&out.stdout);
    let images = list.lines().skip(2).filter(|l| l.contains(" image ")).count();
    assert_eq!(images, 2, "{list}");
}

#[test]
fn an_exif_rotated_photo_prints_upright() {
    let db = bound_db();
    let pdf = export(&db, "evidence");
    let Some(pages) = page_texts(&pdf) else { return };
    let page = (0..pages.len()).find(|&i| has_mark(&pages[i], 7)).unwrap() + 1;
    // Stored landscape with a black bar along its top; EXIF 6 turns it clockwise: the bar runs
    // down the right of a portrait picture.
    let stem = db.dir.path().join("render");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "20", "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile"])
        .arg(&pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success());
    let pgm = std::fs::read(stem.with_extension("pgm")).unwrap();
    let (w, h, pixels) = parse_pnm(&pgm, 1);
    let dark = |x0: usize, x1: usize| -> usize {
        (h / 4..3 * h / 4).map(|y| (x0..x1).filter(|&x| pixels[y * w + x] < 100).count()).sum()
    };
    let right = dark(w / 2, w);
    let left = dark(0, w / 2);
    assert!(right > 20 && left == 0, "bar on the right: left {left}, right {right}");
}

/// Width, height and samples of a binary PGM (`channels` 1) or PPM (3) as pdftoppm writes them.
fn parse_pnm(bytes: &[u8], channels: usize) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    let w: usize = fields[1].parse().unwrap();
    let h: usize = fields[2].parse().unwrap();
    (w, h, &bytes[i + 1..i + 1 + w * h * channels])
}

/// The words pdftotext finds on page `page` with their boxes (points from the top-left corner).
fn word_boxes(pdf: &Path, page: usize) -> Vec<(String, [f32; 4])> {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &p, "-l", &p])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().to_string();
            (text, [attr(tag, "xMin"), attr(tag, "yMin"), attr(tag, "xMax"), attr(tag, "yMax")])
        })
        .collect()
}

#[test]
fn the_mark_and_the_page_number_never_print_over_a_full_bleed_page() {
    // Two pages red to every edge, A4 landscape and portrait: bound at their own size, the
    // mark and "— N —" printed on the red. Rendered, no red pixel lies in the box pdftotext
    // gives the mark or the number, and the whole red page is there (scaled, not cut).
    let db = TempDb::new();
    shenbao(&db, &["init", "--sample"]);
    let f = |n: &str| fixture(n).to_str().unwrap().to_string();
    shenbao(
        &db,
        &["evidence", "add", "1", "--item", "6", &f("full-bleed-landscape.pdf"), &f("full-bleed-a4.pdf")],
    );
    let pdf = export(&db, "bound");
    let Some(pages) = page_texts(&pdf) else { return };
    let on: Vec<usize> = (0..pages.len()).filter(|&i| has_mark(&pages[i], 6)).map(|i| i + 1).collect();
    assert_eq!(on.len(), 2, "both pages bound");
    const DPI: f32 = 36.0;
    for page in on {
        let stem = db.dir.path().join(format!("bleed-{page}"));
        let status = Command::new("pdftoppm")
            .args(["-r", "36", "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile"])
            .arg(&pdf)
            .arg(&stem)
            .status()
            .expect("pdftoppm (poppler-utils)");
        assert!(status.success());
        let ppm = std::fs::read(stem.with_extension("ppm")).unwrap();
        let (w, h, px) = parse_pnm(&ppm, 3);
        let red = |x: usize, y: usize| {
            let p = &px[(y * w + x) * 3..(y * w + x) * 3 + 3];
            p[0] > 150 && p[1] < 110 && p[2] < 110
        };
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        for y in 0..h {
            for x in (0..w).filter(|&x| red(x, y)) {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
        // The page is all there, upright and scaled: A4 proportions, about 91 % of the height.
        let (rw, rh) = ((x1 + 1 - x0) as f32, (y1 + 1 - y0) as f32);
        assert!((rh / rw - 297.0 / 210.0).abs() < 0.03, "page {page}: red {rw}×{rh} px");
        assert!(rh / h as f32 > 0.88, "page {page}: red {rh} of {h} px high");
        let words = word_boxes(&pdf, page);
        let wanted = ["印证材料", "6", "—", &page.to_string()];
        let marks: Vec<_> = words.iter().filter(|(t, _)| wanted.contains(&t.as_str())).collect();
        assert_eq!(marks.len(), 5, "page {page}: the mark (2 words) and — N — (3): {words:?}");
        for (text, [a, b, c, d]) in marks {
            let px_of = |v: f32| (v * DPI / 72.0) as usize;
            for y in px_of(*b)..=px_of(*d).min(h - 1) {
                for x in px_of(*a)..=px_of(*c).min(w - 1) {
                    assert!(!red(x, y), "page {page}: {text:?} printed over the page at ({x}, {y})");
                }
            }
        }
    }
}

#[test]
fn export_all_carries_the_files_byte_identical_and_refuses_a_changed_content() {
    let db = bound_db();
    let out = db.dir.path().join("archive.json");
    let printed = shenbao(&db, &["export-all", "--out", out.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&printed.stdout).contains("5 个印证材料文件"));
    let text = std::fs::read_to_string(&out).unwrap();
    let archive = shenbao::interchange::full_archive_from_json(&text).unwrap();
    assert_eq!(archive.evidence.len(), 1);
    let files = &archive.evidence[0].files;
    assert_eq!(files.len(), 5);
    for f in files {
        assert_eq!(
            archive.contents[&f.sha256],
            std::fs::read(fixture(&f.file_name)).unwrap(),
            "{}",
            f.file_name
        );
    }
    let rotated = files.iter().find(|f| f.file_name == "sideways-exif6.jpg").unwrap();
    assert_eq!(rotated.orientation, 6);
    // Written again from what was read: the same text.
    let exported_at = text.split("\"exported_at\": \"").nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(shenbao::interchange::full_archive_to_json(&archive, exported_at), text);
    // One changed character in a content is caught by its SHA-256.
    let sha = &files[0].sha256;
    let encoded = text.split(&format!("\"{sha}\": \"")).nth(1).unwrap().split('"').next().unwrap();
    let mut changed = encoded.to_string();
    let flipped = if changed.starts_with('A') { "B" } else { "A" };
    changed.replace_range(0..1, flipped);
    let e = shenbao::interchange::full_archive_from_json(&text.replace(encoded, &changed)).unwrap_err();
    assert!(e.to_string().contains("SHA-256"), "{e}");
}

#[test]
fn the_check_lists_a_missing_required_material_under_its_criterion_until_a_file_is_attached() {
    let db = TempDb::new();
    let (mut store, id) = with_sample(&db);
    let app = store.load_application(id).unwrap();
    let pack = shenbao::service::choose_pack_in_store(&store, &app, None).unwrap();
    let check = |store: &mut Store| {
        let checked = shenbao::service::check_in_store(store, Some(id), &app, &pack, None, today()).unwrap();
        shenbao::evidence::missing_by_criterion(&checked.materials)
    };
    let before = check(&mut store);
    let first = ev::items(&store, id, today()).unwrap().remove(0);
    assert!(first.required);
    for c in &first.criteria {
        assert!(before[c].contains(&first.title), "{c}: {:?}", before.get(c));
    }
    attach(&mut store, id, "1", &["certificate-scan.jpg"]).unwrap();
    let after = check(&mut store);
    for c in &first.criteria {
        assert!(!after.get(c).is_some_and(|t| t.contains(&first.title)), "{c} no longer misses it");
    }
}
