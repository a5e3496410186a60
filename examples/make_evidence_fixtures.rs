//! Writes the vector PDF fixtures of `tests/fixtures/evidence/` with krilla (a real PDF writer):
//! a 3-page A4 agreement, an A4 landscape invoice, a US Letter page and two full-bleed pages (A4
//! portrait and landscape, red to every edge: nothing may print over them); and gives the sideways
//! photo ImageMagick made its EXIF orientation (kamadak-exif's writer). Called by
//! `scripts/make-evidence-fixtures.sh`, which makes the scans (ImageMagick) and the encrypted
//! copies (qpdf).

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::Document;

fn pdf(pages: &[(f32, f32)], out: &std::path::Path) {
    let mut doc = Document::new();
    for (k, (w, h)) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(PageSettings::from_wh(*w, *h).expect("page size"));
        let mut surface = page.surface();
        surface.set_fill(Some(Fill { paint: rgb::Color::black().into(), ..Fill::default() }));
        // A frame and one bar per page number, so each page differs.
        let mut pb = PathBuilder::new();
        pb.push_rect(Rect::from_xywh(40.0, 40.0, w - 80.0, 4.0).expect("rect"));
        for bar in 0..=k {
            pb.push_rect(Rect::from_xywh(72.0, 100.0 + 30.0 * bar as f32, w - 144.0, 12.0).expect("rect"));
        }
        surface.draw_path(&pb.finish().expect("path"));
        surface.finish();
        page.finish();
    }
    std::fs::write(out, doc.finish().expect("pdf")).expect("write");
}

/// One page of `w`×`h` filled red to every edge.
fn full_bleed(w: f32, h: f32, out: &std::path::Path) {
    let mut doc = Document::new();
    let mut page = doc.start_page_with(PageSettings::from_wh(w, h).expect("page size"));
    let mut surface = page.surface();
    surface.set_fill(Some(Fill { paint: rgb::Color::new(220, 0, 0).into(), ..Fill::default() }));
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(0.0, 0.0, w, h).expect("rect"));
    surface.draw_path(&pb.finish().expect("path"));
    surface.finish();
    page.finish();
    std::fs::write(out, doc.finish().expect("pdf")).expect("write");
}

/// Inserts an EXIF segment with `orientation` right after the JPEG's start marker.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let field = exif::Field {
        tag: exif::Tag::Orientation,
        ifd_num: exif::In::PRIMARY,
        value: exif::Value::Short(vec![orientation]),
    };
    let mut writer = exif::experimental::Writer::new();
    writer.push_field(&field);
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).expect("exif");
    let tiff = tiff.into_inner();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let len = u16::try_from(app1.len() + 2).expect("small segment");
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(len.to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: make_evidence_fixtures DIR");
    let dir = std::path::Path::new(&dir);
    let a4 = (595.28, 841.89);
    pdf(&[a4, a4, a4], &dir.join("agreement-3p.pdf"));
    pdf(&[(a4.1, a4.0)], &dir.join("landscape-invoice.pdf"));
    pdf(&[(612.0, 792.0)], &dir.join("letter.pdf"));
    full_bleed(a4.0, a4.1, &dir.join("full-bleed-a4.pdf"));
    full_bleed(a4.1, a4.0, &dir.join("full-bleed-landscape.pdf"));
    let sideways = dir.join("sideways.jpg");
    let jpeg = std::fs::read(&sideways).expect("sideways.jpg made by ImageMagick first");
    std::fs::write(dir.join("sideways-exif6.jpg"), with_orientation(&jpeg, 6)).expect("write");
    std::fs::remove_file(sideways).expect("remove");
}
