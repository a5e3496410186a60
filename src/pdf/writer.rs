//! The PDF writer: draws laid-out pages with krilla, embeds font subsets, and adds the outline
//! and document metadata. It makes no layout decision of its own.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use krilla::color::luma;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{self, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::KrillaGlyph;
use krilla::{Document, SerializeSettings};

use super::evidence::{Placement, Source};
use super::fonts::FontSet;
use super::layout::{Anchor, Item, Laid, Rect, TextRun, A4_HEIGHT, A4_WIDTH};
use super::PdfError;

/// Document information written to the PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// RFC 3339; the application's last update, so the same data gives the same bytes.
    pub date: String,
}

/// Writes the laid-out document to PDF bytes.
pub fn write(laid: &Laid, info: &Info, fonts: &FontSet, sources: &[Source]) -> Result<Vec<u8>, PdfError> {
    let settings = SerializeSettings { enable_tagging: false, ..SerializeSettings::default() };
    let mut doc = Document::new_with(settings);
    for page in &laid.pages {
        let size =
            PageSettings::from_wh(A4_WIDTH, A4_HEIGHT).ok_or(PdfError::Writer("页面尺寸无效".into()))?;
        let mut p = doc.start_page_with(size);
        let mut surface = p.surface();
        for item in &page.items {
            draw(&mut surface, item, fonts, sources)?;
        }
        surface.finish();
        p.finish();
    }
    doc.set_outline(outline(&laid.anchors, laid.pages.len()));
    doc.set_metadata(meta(info));
    doc.finish().map_err(|e| PdfError::Writer(format!("{e:?}")))
}

fn black_fill() -> Fill {
    Fill { paint: luma::Color::black().into(), ..Fill::default() }
}

fn stroke(width: f32, dashed: bool) -> Stroke {
    Stroke {
        paint: luma::Color::black().into(),
        width,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Miter,
        dash: dashed.then(|| StrokeDash { array: vec![3.0, 2.5], offset: 0.0 }),
        ..Stroke::default()
    }
}

fn rect_path(r: &Rect) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(krilla::geom::Rect::from_xywh(r.x, r.y, r.w, r.h)?);
    pb.finish()
}

fn draw(surface: &mut Surface<'_>, item: &Item, fonts: &FontSet, sources: &[Source]) -> Result<(), PdfError> {
    match item {
        Item::Embed { source, page, place } => {
            if let Some(source) = sources.get(*source) {
                embed(surface, source, *page, place);
            }
        }
        Item::Text(run) => text(surface, run, fonts)?,
        Item::Rect { rect, fill, stroke: width, dashed } => {
            let Some(path) = rect_path(rect) else { return Ok(()) };
            if let Some(grey) = fill {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill { paint: luma::Color::new(*grey).into(), ..Fill::default() }));
                surface.draw_path(&path);
            }
            if let Some(w) = width {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*w, *dashed)));
                surface.draw_path(&path);
            }
        }
        Item::Line { x1, y1, x2, y2, width, dashed } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*width, *dashed)));
                surface.draw_path(&path);
            }
        }
        Item::Check { x, y, size, checked } => {
            let r = Rect { x: *x, y: *y, w: *size, h: *size };
            if let Some(path) = rect_path(&r) {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(0.7, false)));
                surface.draw_path(&path);
            }
            if *checked {
                let mut pb = PathBuilder::new();
                pb.move_to(x + size * 0.18, y + size * 0.52);
                pb.line_to(x + size * 0.42, y + size * 0.78);
                pb.line_to(x + size * 0.86, y + size * 0.2);
                if let Some(path) = pb.finish() {
                    surface.set_stroke(Some(Stroke {
                        width: size * 0.14,
                        line_cap: LineCap::Round,
                        line_join: LineJoin::Round,
                        ..stroke(1.0, false)
                    }));
                    surface.draw_path(&path);
                }
            }
        }
    }
    Ok(())
}

fn text(surface: &mut Surface<'_>, run: &TextRun, fonts: &FontSet) -> Result<(), PdfError> {
    let mut glyphs = Vec::with_capacity(run.advances.len());
    for ((i, c), adv) in run.text.char_indices().zip(&run.advances) {
        let gid = fonts.glyph(run.face, c).ok_or_else(|| {
            PdfError::MissingCharacters(vec![super::MissingChar { ch: c, field: "版式文字".into() }])
        })?;
        glyphs.push(KrillaGlyph::new(gid, adv / run.size, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None));
    }
    if glyphs.is_empty() {
        return Ok(());
    }
    surface.set_stroke(None);
    surface.set_fill(Some(black_fill()));
    surface.draw_glyphs(
        Point::from_xy(run.x, run.baseline),
        &glyphs,
        fonts.pdf_font(run.face),
        &run.text,
        run.size,
        false,
    );
    Ok(())
}

/// Parts at the top level, their sections nested below.
fn outline(anchors: &[Anchor], pages: usize) -> Outline {
    let mut outline = Outline::new();
    let mut part: Option<OutlineNode> = None;
    let mut section: Option<OutlineNode> = None;
    let node = |a: &Anchor| {
        let page = a.page.min(pages.saturating_sub(1));
        OutlineNode::new(a.title.clone(), XyzDestination::new(page, Point::from_xy(0.0, a.y.max(0.0))))
    };
    for a in anchors {
        match a.level {
            0 => {
                if let (Some(p), Some(s)) = (part.as_mut(), section.take()) {
                    p.push_child(s);
                }
                if let Some(p) = part.take() {
                    outline.push_child(p);
                }
                part = Some(node(a).with_open(true));
            }
            1 => {
                if let (Some(p), Some(s)) = (part.as_mut(), section.take()) {
                    p.push_child(s);
                }
                section = Some(node(a));
            }
            _ => match section.as_mut() {
                Some(s) => s.push_child(node(a)),
                None => {
                    if let Some(p) = part.as_mut() {
                        p.push_child(node(a));
                    }
                }
            },
        }
    }
    if let (Some(p), Some(s)) = (part.as_mut(), section.take()) {
        p.push_child(s);
    }
    if let Some(p) = part.take() {
        outline.push_child(p);
    }
    outline
}

fn meta(info: &Info) -> Metadata {
    let mut m = Metadata::new()
        .title(info.title.clone())
        .authors(vec![info.author.clone()])
        .description(info.subject.clone())
        .creator("申报通 Shenbao".to_string())
        .producer("申报通 Shenbao (krilla)".to_string())
        .language("zh-CN".to_string());
    if let Ok(d) = DateTime::parse_from_rfc3339(&info.date) {
        m = m.creation_date(pdf_date(&d));
    }
    m
}

fn pdf_date(d: &DateTime<FixedOffset>) -> metadata::DateTime {
    let offset = d.offset().local_minus_utc();
    let year = u16::try_from(d.year().clamp(0, 9999)).unwrap_or(2000);
    let narrow = |v: u32| u8::try_from(v).unwrap_or(0);
    metadata::DateTime::new(year)
        .month(narrow(d.month()))
        .day(narrow(d.day()))
        .hour(narrow(d.hour()))
        .minute(narrow(d.minute()))
        .second(narrow(d.second().min(59)))
        .utc_offset_hour(i8::try_from(offset / 3600).unwrap_or(0))
        .utc_offset_minute(u8::try_from((offset.abs() % 3600) / 60).unwrap_or(0))
}

/// Draws a page of an attached file into its box: turned (clockwise quarters) and mirrored as
/// placed. A PDF page is drawn as a form of its own content (vector); an image as it is stored.
fn embed(surface: &mut Surface<'_>, source: &Source, page: usize, place: &Placement) {
    use krilla::geom::{Size, Transform};
    let r = place.rect;
    let turned = place.turn == 90 || place.turn == 270;
    let (cw, ch) = if turned { (r.h, r.w) } else { (r.w, r.h) };
    let Some(size) = Size::from_wh(cw, ch) else { return };
    let placed = match place.turn {
        90 => Transform::from_row(0.0, 1.0, -1.0, 0.0, r.x + r.w, r.y),
        180 => Transform::from_row(-1.0, 0.0, 0.0, -1.0, r.x + r.w, r.y + r.h),
        270 => Transform::from_row(0.0, -1.0, 1.0, 0.0, r.x, r.y + r.h),
        _ => Transform::from_translate(r.x, r.y),
    };
    surface.push_transform(&placed);
    if place.flip {
        surface.push_transform(&Transform::from_row(-1.0, 0.0, 0.0, 1.0, cw, 0.0));
    }
    match source {
        Source::Pdf(doc) => surface.draw_pdf_page(doc, size, page),
        Source::Image(image) => surface.draw_image(image.clone(), size),
    }
    if place.flip {
        surface.pop();
    }
    surface.pop();
}
