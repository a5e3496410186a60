//! The fonts Shenbao prints with, shipped in `assets/fonts/` (Noto CJK SC, OFL-1.1) and compiled
//! into the binary so every machine produces the same bytes. Owns glyph lookup and advance widths
//! (via `skrifa`); it knows nothing about pages or documents.

use std::sync::OnceLock;

use krilla::text::{Font, GlyphId};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

use super::layout::{Face, Measure};

const SERIF_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSerifCJKsc-Regular.otf");
const SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular.otf");
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Bold.otf");

/// One face: its bytes for the writer and its tables for measuring.
struct FaceData {
    pdf: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl FaceData {
    fn load(bytes: &'static [u8]) -> Option<FaceData> {
        let font = FontRef::new(bytes).ok()?;
        let units_per_em = f32::from(font.head().ok()?.units_per_em());
        Some(FaceData {
            pdf: Font::new(bytes.into(), 0)?,
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
        })
    }
}

/// The three faces Shenbao uses, loaded once per process.
pub struct FontSet {
    serif: FaceData,
    sans: FaceData,
    sans_bold: FaceData,
}

static FONTS: OnceLock<Option<FontSet>> = OnceLock::new();

impl FontSet {
    /// The shared font set; `None` only if the bundled font files are corrupt.
    pub fn get() -> Option<&'static FontSet> {
        FONTS
            .get_or_init(|| {
                Some(FontSet {
                    serif: FaceData::load(SERIF_REGULAR)?,
                    sans: FaceData::load(SANS_REGULAR)?,
                    sans_bold: FaceData::load(SANS_BOLD)?,
                })
            })
            .as_ref()
    }

    fn face(&self, face: Face) -> &FaceData {
        match face {
            Face::Serif => &self.serif,
            Face::Sans => &self.sans,
            Face::SansBold => &self.sans_bold,
        }
    }

    /// The writer's handle on a face.
    pub fn pdf_font(&self, face: Face) -> Font {
        self.face(face).pdf.clone()
    }

    /// The glyph of `ch` in `face`, or `None` when the face lacks it.
    pub fn glyph(&self, face: Face, ch: char) -> Option<GlyphId> {
        let gid = self.face(face).charmap.map(ch)?;
        (gid.to_u32() != 0).then(|| GlyphId::new(gid.to_u32()))
    }

    /// Whether every face has `ch`; text may be set in any face, so all must have it.
    pub fn covers(&self, ch: char) -> bool {
        [Face::Serif, Face::Sans, Face::SansBold].into_iter().all(|f| self.glyph(f, ch).is_some())
    }
}

impl Measure for FontSet {
    fn advance(&self, face: Face, ch: char) -> f32 {
        let data = self.face(face);
        data.charmap
            .map(ch)
            .and_then(|gid| data.metrics.advance_width(gid))
            .map(|w| w / data.units_per_em)
            .unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_load_and_measure() {
        let fonts = FontSet::get().expect("bundled fonts load");
        assert_eq!(fonts.advance(Face::Serif, '中'), 1.0);
        assert!(fonts.advance(Face::Serif, 'i') < 0.5);
        assert!(fonts.covers('𠮷') && fonts.covers('𬌗') && fonts.covers('—'));
        assert!(!fonts.covers('☑'));
    }
}
