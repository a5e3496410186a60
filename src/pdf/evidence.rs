//! Supporting materials bound after the 申请书 and the 审查表: each item from a new page, every
//! page of its files on its own A4 page. PDF pages are embedded as they are (vector): A4 ones
//! (landscape turned) scaled to the height between the mark "印证材料 k" at the top and the page
//! number at the foot (91 %: a full-bleed scan keeps every part visible), other sizes scaled into
//! the text block; images are placed in the text block (JPEG bytes passed through, EXIF
//! orientation honoured). Pure geometry here; `writer` draws.

use std::sync::Arc;

use super::layout::{mm, Block, Rect, A4_HEIGHT, A4_WIDTH};
use super::{Margins, PdfError};
use crate::evidence::inspect::{fit, Fit};
use crate::evidence::FileKind;

/// One file of an item, with its bytes (from the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidencePart {
    pub kind: FileKind,
    pub bytes: Arc<Vec<u8>>,
    /// EXIF orientation of an image (1–8).
    pub orientation: u16,
}

/// One item of the 印证材料目录 with its files, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceDoc {
    /// Its number in the 目录 ("印证材料 k").
    pub number: usize,
    pub title: String,
    pub parts: Vec<EvidencePart>,
}

/// A file ready for the writer.
#[derive(Clone)]
pub enum Source {
    Pdf(krilla::pdf::PdfDocument),
    Image(krilla::image::Image),
}

/// One page of a file: where it comes from and its own size (points, as displayed).
#[derive(Debug, Clone, PartialEq)]
pub struct EvidencePage {
    /// Index into the sources.
    pub source: usize,
    /// Page of a PDF source (0 for an image).
    pub page: usize,
    pub w: f32,
    pub h: f32,
    pub kind: FileKind,
    pub orientation: u16,
}

/// An item as a block of the evidence part.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceBlock {
    pub number: usize,
    pub title: String,
    pub pages: Vec<EvidencePage>,
    /// Start on an odd page (duplex, when the pack says so).
    pub odd: bool,
}

/// Reads every file once: the writer's sources and the blocks of the evidence part.
pub fn prepare(docs: &[EvidenceDoc], odd: bool) -> Result<(Vec<Source>, Vec<Block>), PdfError> {
    let mut sources = Vec::new();
    let mut blocks = Vec::new();
    for doc in docs {
        let mut pages = Vec::new();
        for part in &doc.parts {
            let source = sources.len();
            let bad = |why: String| PdfError::Evidence { number: doc.number, reason: why };
            match part.kind {
                FileKind::Pdf => {
                    let pdf =
                        hayro_syntax::Pdf::new(part.bytes.clone()).map_err(|e| bad(format!("{e:?}")))?;
                    for (k, p) in pdf.pages().iter().enumerate() {
                        let (w, h) = p.render_dimensions();
                        pages.push(EvidencePage { source, page: k, w, h, kind: part.kind, orientation: 1 });
                    }
                    sources.push(Source::Pdf(krilla::pdf::PdfDocument::new(Arc::new(pdf))));
                }
                FileKind::Jpeg | FileKind::Png => {
                    let data: krilla::Data = {
                        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = part.bytes.clone();
                        bytes.into()
                    };
                    let image = if part.kind == FileKind::Png {
                        krilla::image::Image::from_png(data, true)
                    } else {
                        krilla::image::Image::from_jpeg(data, true)
                    }
                    .map_err(bad)?;
                    let (w, h) = image.size();
                    let (w, h) = if part.orientation >= 5 { (h, w) } else { (w, h) };
                    pages.push(EvidencePage {
                        source,
                        page: 0,
                        w: w as f32,
                        h: h as f32,
                        kind: part.kind,
                        orientation: part.orientation,
                    });
                    sources.push(Source::Image(image));
                }
            }
        }
        blocks.push(Block::Evidence(EvidenceBlock {
            number: doc.number,
            title: doc.title.clone(),
            pages,
            odd,
        }));
    }
    Ok((sources, blocks))
}

/// Baseline of the mark "印证材料 k" (9 pt) on an evidence page, from the top edge.
pub const MARK_BASELINE: f32 = mm(10.0);
/// Baseline of the page number on an evidence page, from the top edge (its foot band).
pub const NUMBER_BASELINE: f32 = A4_HEIGHT - mm(8.5);
/// The band at the top of an evidence page that holds the mark and nothing of the file.
const TOP_BAND: f32 = mm(12.0);
/// The band at the foot of an evidence page that holds the page number and nothing of the file.
const FOOT_BAND: f32 = mm(15.5);

/// Where a page is drawn on page `number` (1-based) of the set: the box its content fills as
/// displayed, the clockwise quarter turns applied to the content, and whether it is mirrored
/// first (EXIF 2, 4, 5, 7).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub rect: Rect,
    pub turn: u16,
    pub flip: bool,
}

pub fn placement(page: &EvidencePage, number: usize, margins: Margins) -> Placement {
    let block = margins.text_area(number);
    let fitted = |w: f32, h: f32| {
        let scale = (block.w / w).min(block.h / h);
        let (fw, fh) = (w * scale, h * scale);
        Rect { x: block.x + (block.w - fw) / 2.0, y: block.y + (block.h - fh) / 2.0, w: fw, h: fh }
    };
    // An A4 page fills the page but for the bands of the mark and the number, centred.
    let page_box = {
        let h = A4_HEIGHT - TOP_BAND - FOOT_BAND;
        let w = A4_WIDTH * h / A4_HEIGHT;
        Rect { x: (A4_WIDTH - w) / 2.0, y: TOP_BAND, w, h }
    };
    match page.kind {
        FileKind::Pdf => match fit(page.w, page.h) {
            Fit::AsIs => Placement { rect: page_box, turn: 0, flip: false },
            // A4 landscape: its top towards the left edge.
            Fit::Turned => Placement { rect: page_box, turn: 270, flip: false },
            Fit::Scaled => Placement { rect: fitted(page.w, page.h), turn: 0, flip: false },
        },
        FileKind::Jpeg | FileKind::Png => {
            let (turn, flip) = match page.orientation {
                2 => (0, true),
                3 => (180, false),
                4 => (180, true),
                5 => (270, true),
                6 => (90, false),
                7 => (90, true),
                8 => (270, false),
                _ => (0, false),
            };
            Placement { rect: fitted(page.w, page.h), turn, flip }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(kind: FileKind, w: f32, h: f32, orientation: u16) -> EvidencePage {
        EvidencePage { source: 0, page: 0, w, h, kind, orientation }
    }

    #[test]
    fn a4_pdf_pages_fill_the_page_between_mark_and_number_and_landscape_ones_are_turned() {
        let m = Margins::default();
        let p = placement(&page(FileKind::Pdf, A4_WIDTH, A4_HEIGHT, 1), 1, m);
        let q = placement(&page(FileKind::Pdf, A4_HEIGHT, A4_WIDTH, 1), 2, m);
        assert_eq!((p.turn, q.turn), (0, 270));
        for r in [p.rect, q.rect] {
            assert!((r.w / r.h - A4_WIDTH / A4_HEIGHT).abs() < 1e-4, "aspect kept: {r:?}");
            assert!((r.h / A4_HEIGHT - 0.909).abs() < 0.005, "91 %: {r:?}");
            assert!((r.x - (A4_WIDTH - r.right())).abs() < 1e-3, "centred: {r:?}");
            assert!(r.y >= MARK_BASELINE + mm(1.0) && r.bottom() <= NUMBER_BASELINE - mm(5.0), "{r:?}");
        }
    }

    #[test]
    fn other_sizes_and_images_fit_the_text_block_of_their_page() {
        let m = Margins::default();
        for number in [1, 2] {
            let block = m.text_area(number);
            for p in [page(FileKind::Pdf, 612.0, 792.0, 1), page(FileKind::Jpeg, 3000.0, 2000.0, 1)] {
                let r = placement(&p, number, m).rect;
                assert!(block.contains(&r), "{r:?} in {block:?}");
                assert!((r.w / r.h - p.w / p.h).abs() < 1e-3, "aspect kept");
            }
        }
    }

    #[test]
    fn exif_orientation_turns_the_image() {
        let m = Margins::default();
        // Stored 3000×2000 with orientation 6: displayed portrait (2000×3000), turned clockwise.
        let p = placement(&page(FileKind::Jpeg, 2000.0, 3000.0, 6), 1, m);
        assert_eq!(p.turn, 90);
        assert!(p.rect.h > p.rect.w);
    }
}
