//! Page layout: turns a document's parts and blocks into positioned items on A4 pages.
//! Pure and deterministic: widths come from a `Measure`, nothing is read or written here.
//! Coordinates are PDF points from the page's top-left corner, y growing downwards.

pub use crate::paper::{mm, Margins, Rect, A4_HEIGHT, A4_WIDTH};

use super::linebreak::{break_lines, justify};
use super::table::{self, Table};

/// The three faces documents are set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Noto Serif CJK SC: body text and values.
    Serif,
    /// Noto Sans CJK SC: labels.
    Sans,
    /// Noto Sans CJK SC Bold: headings.
    SansBold,
}

/// Advance widths in em.
pub trait Measure {
    fn advance(&self, face: Face, ch: char) -> f32;
}

/// A line of text with the advance of every character (justification included).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub face: Face,
    pub text: String,
    /// Advance of each char of `text`, in points.
    pub advances: Vec<f32>,
    /// The table cell the run belongs to, if any.
    pub cell: Option<Rect>,
}

impl TextRun {
    /// The run's box: its advances wide, one em high.
    #[cfg(test)]
    pub fn bounds(&self) -> Rect {
        Rect { x: self.x, y: self.baseline - 0.88 * self.size, w: self.advances.iter().sum(), h: self.size }
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A rectangle, filled with a grey level (0 black … 255 white) and/or stroked.
    Rect {
        rect: Rect,
        fill: Option<u8>,
        stroke: Option<f32>,
        dashed: bool,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        dashed: bool,
    },
    /// A check box drawn as a vector square, ticked or empty; (x, y) is its top-left corner.
    Check {
        x: f32,
        y: f32,
        size: f32,
        checked: bool,
    },
    /// A page of an attached file: source and page index, where and how it is drawn.
    Embed {
        source: usize,
        page: usize,
        place: super::evidence::Placement,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// The printed page number ("— 7 —"), if shown.
    pub number: Option<usize>,
    /// Where the number's baseline is when not below the text block (an evidence page's foot
    /// band), from the top edge.
    pub number_baseline: Option<f32>,
}

/// A heading or part start, for bookmarks and the contents page.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub title: String,
    /// 0 = part, 1 = section, 2 = subsection.
    pub level: u8,
    /// 0-based page index.
    pub page: usize,
    pub y: f32,
    pub in_toc: bool,
}

/// One entry of a contents page.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    pub title: String,
    pub level: u8,
    /// Printed page number.
    pub page: usize,
}

/// A signature / stamp box: a title, optional body text, lines at the bottom right.
#[derive(Debug, Clone, PartialEq)]
pub struct OpinionBox {
    pub title: String,
    pub body: String,
    pub footer: Vec<String>,
}

/// Content of a part, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Centred lines, e.g. a cover title: (text, size, face).
    Centered(Vec<(String, f32, Face)>),
    Heading {
        text: String,
        level: u8,
        toc: bool,
    },
    /// Body text; `\n` separates paragraphs, each indented by two em when `indent`.
    Paragraph {
        text: String,
        indent: bool,
    },
    /// Small left-aligned text (notes under tables).
    Small(String),
    /// Cover fields: label, then the value on an underline.
    Form(Vec<(String, String)>),
    Table(Table),
    /// The contents page, filled from the headings marked `toc`.
    Toc,
    Spacer(f32),
    /// A boxed warning.
    Note(String),
    /// Signature and stamp boxes side by side, each `height` high.
    Opinions {
        boxes: Vec<OpinionBox>,
        height: f32,
    },
    /// A check box with wrapped text after it, per item.
    Checklist(Vec<(bool, String)>),
    /// A dashed cut-out label with its caption above it, kept together.
    CutLabel {
        caption: String,
        lines: Vec<(String, f32, Face)>,
    },
    /// Lines pinned to the bottom of the text area (cover).
    Bottom(Vec<(String, f32, Face)>),
    /// A supporting material: each of its pages on a page of its own, from a new page.
    Evidence(super::evidence::EvidenceBlock),
}

/// A part starts on an odd page and is a bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub title: String,
    pub blocks: Vec<Block>,
    pub numbered: bool,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub anchors: Vec<Anchor>,
    /// Each supporting material bound: its number, first and last page (1-based).
    pub evidence: Vec<(usize, usize, usize)>,
}

/// Type sizes and leading used throughout.
pub mod style {
    pub const BODY: f32 = 12.0;
    pub const BODY_LEADING: f32 = 1.75;
    pub const TABLE_LEADING: f32 = 1.4;
    /// Cell padding in em of the table's type size.
    pub const CELL_PAD_X: f32 = 0.34;
    pub const CELL_PAD_Y: f32 = 0.3;
    pub const PAGE_NUMBER: f32 = 14.0;
    pub const HEADING: [f32; 3] = [18.0, 15.0, 12.5];
    pub const LABEL_GREY: u8 = 235;
    pub const HEADER_GREY: u8 = 222;
}

/// Remembers advances of the Basic Multilingual Plane per face, so each is looked up once.
struct Cached<'a> {
    inner: &'a dyn Measure,
    bmp: std::cell::RefCell<Vec<f32>>,
}

impl<'a> Cached<'a> {
    const FACES: usize = 3;
    fn new(inner: &'a dyn Measure) -> Self {
        Cached { inner, bmp: std::cell::RefCell::new(vec![f32::NAN; Self::FACES * 0x10000]) }
    }
}

impl Measure for Cached<'_> {
    fn advance(&self, face: Face, ch: char) -> f32 {
        let code = ch as usize;
        if code >= 0x10000 {
            return self.inner.advance(face, ch);
        }
        let slot = face as usize * 0x10000 + code;
        let mut bmp = self.bmp.borrow_mut();
        match bmp.get(slot) {
            Some(w) if !w.is_nan() => *w,
            _ => {
                let w = self.inner.advance(face, ch);
                if let Some(s) = bmp.get_mut(slot) {
                    *s = w;
                }
                w
            }
        }
    }
}

/// Lays out the parts twice when there is a contents page, so its page numbers are right.
pub fn layout(parts: &[Part], margins: Margins, m: &dyn Measure) -> Laid {
    let cached = Cached::new(m);
    let m: &dyn Measure = &cached;
    let mut toc: Vec<TocEntry> = parts
        .iter()
        .flat_map(|p| p.blocks.iter())
        .filter_map(|b| match b {
            Block::Heading { text, level, toc: true } => {
                Some(TocEntry { title: text.clone(), level: *level, page: 0 })
            }
            _ => None,
        })
        .collect();
    let has_toc = parts.iter().flat_map(|p| p.blocks.iter()).any(|b| matches!(b, Block::Toc));
    let mut laid = layout_once(parts, margins, m, &toc);
    for _ in 0..3 {
        if !has_toc {
            break;
        }
        let found: Vec<TocEntry> = laid
            .anchors
            .iter()
            .filter(|a| a.in_toc)
            .map(|a| TocEntry { title: a.title.clone(), level: a.level, page: a.page + 1 })
            .collect();
        if found == toc {
            break;
        }
        toc = found;
        laid = layout_once(parts, margins, m, &toc);
    }
    laid
}

fn layout_once(parts: &[Part], margins: Margins, m: &dyn Measure, toc: &[TocEntry]) -> Laid {
    let mut flow = Flow {
        m,
        margins,
        pages: Vec::new(),
        anchors: Vec::new(),
        y: 0.0,
        numbered: true,
        toc,
        evidence: Vec::new(),
    };
    for part in parts {
        flow.start_part(part);
        for (k, block) in part.blocks.iter().enumerate() {
            let rest = &part.blocks[k + 1..];
            match block {
                Block::Heading { text, level, toc } => flow.heading(text, *level, *toc, rest),
                Block::Opinions { boxes, height } if rest.is_empty() => flow.opinions(boxes, *height, true),
                _ => flow.block(block),
            }
        }
    }
    if flow.pages.len() % 2 == 1 {
        flow.pages.push(Page::default());
    }
    flow.number_pages();
    Laid { pages: flow.pages, anchors: flow.anchors, evidence: flow.evidence }
}

/// The flow state: pages so far and the cursor on the last one.
pub(crate) struct Flow<'a> {
    pub(crate) m: &'a dyn Measure,
    margins: Margins,
    pub(crate) pages: Vec<Page>,
    anchors: Vec<Anchor>,
    pub(crate) y: f32,
    numbered: bool,
    toc: &'a [TocEntry],
    evidence: Vec<(usize, usize, usize)>,
}

/// One wrapped line ready to place: text, advances in points.
#[derive(Debug, Clone)]
pub(crate) struct SetLine {
    pub(crate) text: String,
    pub(crate) advances: Vec<f32>,
    /// Indent of the line from the left edge.
    pub(crate) offset: f32,
}

impl SetLine {
    pub(crate) fn new(text: String, advances: Vec<f32>) -> SetLine {
        SetLine { text, advances, offset: 0.0 }
    }
    pub(crate) fn width(&self) -> f32 {
        self.offset + self.advances.iter().sum::<f32>()
    }
}

impl<'a> Flow<'a> {
    /// The text area of the current page.
    pub(crate) fn area(&self) -> Rect {
        self.margins.text_area(self.pages.len().max(1))
    }

    pub(crate) fn remaining(&self) -> f32 {
        self.area().bottom() - self.y
    }

    pub(crate) fn at_top(&self) -> bool {
        self.y <= self.area().y + 0.01
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page {
            items: Vec::new(),
            number: self.numbered.then_some(0),
            number_baseline: None,
        });
        self.y = self.area().y;
    }

    /// Starts a new page unless `h` still fits on this one.
    pub(crate) fn ensure(&mut self, h: f32) {
        if self.remaining() < h - 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    pub(crate) fn push(&mut self, item: Item) {
        if let Some(p) = self.pages.last_mut() {
            p.items.push(item);
        }
    }

    fn start_part(&mut self, part: &Part) {
        if self.pages.len() % 2 == 1 {
            self.numbered = false;
            self.new_page(); // blank even page: the part starts on the next odd one
        }
        self.numbered = part.numbered;
        self.new_page();
        self.anchors.push(Anchor {
            title: part.title.clone(),
            level: 0,
            page: self.pages.len() - 1,
            y: self.y,
            in_toc: false,
        });
    }

    fn number_pages(&mut self) {
        let size = style::PAGE_NUMBER;
        for i in 0..self.pages.len() {
            if self.pages[i].number.is_none() {
                continue;
            }
            let n = i + 1;
            self.pages[i].number = Some(n);
            let text = format!("— {n} —");
            let advances = self.advances(&text, Face::Serif, size);
            let w: f32 = advances.iter().sum();
            let area = self.margins.text_area(n);
            let x = if n % 2 == 1 { area.right() - size - w } else { area.x + size };
            let baseline = self.pages[i].number_baseline.unwrap_or(area.bottom() + mm(7.0) + 0.88 * size);
            self.pages[i].items.push(Item::Text(TextRun {
                x,
                baseline,
                size,
                face: Face::Serif,
                text,
                advances,
                cell: None,
            }));
        }
    }

    pub(crate) fn advances(&self, text: &str, face: Face, size: f32) -> Vec<f32> {
        text.chars().map(|c| self.m.advance(face, c) * size).collect()
    }

    /// Wraps `text` (paragraphs split on `\n`) to `width`; justified unless `justified` is false.
    pub(crate) fn set_text(
        &self,
        text: &str,
        face: Face,
        size: f32,
        width: f32,
        indent: f32,
        justified: bool,
    ) -> Vec<SetLine> {
        let mut out = Vec::new();
        for para in text.split('\n') {
            let para = para.replace('\t', " ");
            let para = para.trim();
            if para.is_empty() {
                continue;
            }
            let lines = break_lines(para, width - indent, width, |c| self.m.advance(face, c) * size);
            for (k, line) in lines.iter().enumerate() {
                let t = &para[line.range.clone()];
                let adv = self.advances(t, face, size);
                let target = if justified && !line.last {
                    Some(if k == 0 { width - indent } else { width })
                } else {
                    None
                };
                let advances = justify(t, &adv, target, size);
                let offset = if k == 0 { indent } else { 0.0 };
                out.push(SetLine { text: t.to_string(), advances, offset });
            }
        }
        out
    }

    /// Places one set line with its top at `top` in a line box `lh` high.
    #[allow(clippy::too_many_arguments)] // position, type and cell of one line: all needed
    pub(crate) fn place_line(
        &mut self,
        line: SetLine,
        x: f32,
        top: f32,
        size: f32,
        lh: f32,
        face: Face,
        cell: Option<Rect>,
    ) {
        let baseline = top + (lh - size) / 2.0 + 0.88 * size;
        let x = x + line.offset;
        self.push(Item::Text(TextRun {
            x,
            baseline,
            size,
            face,
            text: line.text,
            advances: line.advances,
            cell,
        }));
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Centered(lines) => {
                for (text, size, face) in lines {
                    self.centered(text, *size, *face, 1.6);
                }
            }
            Block::Heading { text, level, toc } => self.heading(text, *level, *toc, &[]),
            Block::Paragraph { text, indent } => {
                let size = style::BODY;
                let indent = if *indent { 2.0 * size } else { 0.0 };
                self.lines(text, Face::Serif, size, style::BODY_LEADING, indent, true);
            }
            Block::Small(text) => {
                self.lines(text, Face::Serif, 9.0, 1.5, 0.0, true);
                self.y += 4.0;
            }
            Block::Form(rows) => self.form(rows),
            Block::Table(t) => table::place(self, t),
            Block::Toc => self.contents(),
            Block::Spacer(h) => {
                if self.remaining() > *h {
                    self.y += h;
                } else {
                    self.new_page();
                }
            }
            Block::Note(text) => self.note(text),
            Block::Opinions { boxes, height } => self.opinions(boxes, *height, false),
            Block::Checklist(items) => self.checklist(items),
            Block::CutLabel { caption, lines } => self.cut_label(caption, lines),
            Block::Bottom(lines) => self.bottom(lines),
            Block::Evidence(e) => self.evidence(e),
        }
    }

    /// A supporting material: from a new page (an odd one when asked, the page before left
    /// blank and unnumbered), each page of its files on its own page with the mark
    /// "印证材料 k" in the outer top corner and the page number in the foot band, both outside
    /// the box the file's page is placed in.
    fn evidence(&mut self, e: &super::evidence::EvidenceBlock) {
        if e.pages.is_empty() {
            return;
        }
        let fresh = self.at_top() && self.pages.last().is_some_and(|p| p.items.is_empty());
        if !fresh {
            self.new_page();
        }
        if e.odd && self.pages.len().is_multiple_of(2) {
            // A blank verso carries no number, as before each part.
            if let Some(p) = self.pages.last_mut() {
                p.number = None;
            }
            self.new_page();
        }
        let first = self.pages.len();
        self.anchors.push(Anchor {
            title: format!("印证材料 {}　{}", e.number, e.title),
            level: 1,
            page: first - 1,
            y: 0.0,
            in_toc: false,
        });
        let mark = format!("印证材料 {}", e.number);
        for (k, page) in e.pages.iter().enumerate() {
            if k > 0 {
                self.new_page();
            }
            let number = self.pages.len();
            let place = super::evidence::placement(page, number, self.margins);
            self.push(Item::Embed { source: page.source, page: page.page, place });
            let size = 9.0;
            let advances = self.advances(&mark, Face::Sans, size);
            let w: f32 = advances.iter().sum();
            let area = self.margins.text_area(number);
            let x = if number % 2 == 1 { area.right() - w } else { area.x };
            self.push(Item::Text(TextRun {
                x,
                baseline: super::evidence::MARK_BASELINE,
                size,
                face: Face::Sans,
                text: mark.clone(),
                advances,
                cell: None,
            }));
            if let Some(p) = self.pages.last_mut() {
                p.number_baseline = Some(super::evidence::NUMBER_BASELINE);
            }
            self.y = self.area().bottom();
        }
        self.evidence.push((e.number, first, self.pages.len()));
    }

    /// Paragraphs line by line; a paragraph of three lines or more leaves neither its first
    /// line alone at a page foot (orphan) nor its last line alone at a page top (widow).
    fn lines(&mut self, text: &str, face: Face, size: f32, leading: f32, indent: f32, justified: bool) {
        let area = self.area();
        let lh = size * leading;
        for para in text.split('\n') {
            let set = self.set_text(para, face, size, area.w, indent, justified);
            let n = set.len();
            for (k, line) in set.into_iter().enumerate() {
                let keep = n >= 3 && (k == 0 || k + 2 == n);
                self.ensure(if keep { 2.0 * lh } else { lh });
                let x = self.area().x;
                self.place_line(line, x, self.y, size, lh, face, None);
                self.y += lh;
            }
        }
    }

    fn centered(&mut self, text: &str, size: f32, face: Face, leading: f32) {
        let area = self.area();
        let lh = size * leading;
        for line in self.set_text(text, face, size, area.w, 0.0, false) {
            self.ensure(lh);
            let area = self.area();
            let x = area.x + (area.w - line.width()) / 2.0;
            self.place_line(line, x, self.y, size, lh, face, None);
            self.y += lh;
        }
    }

    /// Height of what a heading must be kept with: the start of the blocks after it (a
    /// table's header and first row, three lines of text, a following heading and its own
    /// start).
    fn lead(&self, rest: &[Block]) -> f32 {
        let three_lines = 3.0 * style::BODY * style::BODY_LEADING;
        match rest.first() {
            Some(Block::Table(t)) => table::lead_height(self, t),
            Some(Block::Heading { level, .. }) => {
                let size = style::HEADING[usize::from((*level).min(2))];
                size * 0.6 + size * 1.5 + self.lead(&rest[1..])
            }
            Some(Block::Opinions { height, .. }) => height + 6.0,
            _ => three_lines,
        }
    }

    fn heading(&mut self, text: &str, level: u8, toc: bool, rest: &[Block]) {
        let size = style::HEADING[usize::from(level.min(2))];
        let lh = size * 1.5;
        let before = if self.at_top() { 0.0 } else { size * 0.6 };
        // Keep the heading with the start of what follows (keep-with-next).
        let lead = self.lead(rest);
        if lead + lh <= self.area().h {
            self.ensure(before + lh + lead);
        }
        if !self.at_top() {
            self.y += before;
        }
        let part_top = self.anchors.last().filter(|a| a.level == 0 && a.page + 1 == self.pages.len());
        if level == 0 && part_top.is_some() {
            // A part's own title: the part's bookmark stands for it.
            if let (true, Some(a)) = (toc, self.anchors.last_mut()) {
                a.title = text.to_string();
                a.in_toc = true;
            }
        } else {
            self.anchors.push(Anchor {
                title: text.to_string(),
                level: level.max(1),
                page: self.pages.len() - 1,
                y: self.y,
                in_toc: toc,
            });
        }
        if level == 0 {
            self.centered(text, size, Face::SansBold, 1.5);
            self.y += size * 0.5;
        } else {
            self.lines(text, Face::SansBold, size, 1.5, 0.0, false);
            self.y += size * 0.2;
        }
    }

    fn form(&mut self, rows: &[(String, String)]) {
        let size = 15.0;
        let lh = size * 2.1;
        let area = self.area();
        let label_w = 7.0 * size;
        let x0 = area.x + area.w * 0.08;
        let value_w = area.w * 0.84 - label_w;
        for (label, value) in rows {
            let lines = self.set_text(value, Face::Serif, size, value_w, 0.0, false);
            let lines = if lines.is_empty() { vec![SetLine::new(String::new(), vec![])] } else { lines };
            self.ensure(lh * lines.len() as f32);
            let label_line =
                SetLine::new(label.clone(), self.spread(label, Face::Sans, size, label_w - size * 0.5));
            self.place_line(label_line, x0, self.y, size, lh, Face::Sans, None);
            for line in lines {
                let x = x0 + label_w + (value_w - line.width()) / 2.0;
                self.place_line(line, x, self.y, size, lh, Face::Serif, None);
                let uy = self.y + lh * 0.82;
                self.push(Item::Line {
                    x1: x0 + label_w,
                    y1: uy,
                    x2: x0 + label_w + value_w,
                    y2: uy,
                    width: 0.6,
                    dashed: false,
                });
                self.y += lh;
            }
        }
    }

    /// Advances that spread a short label evenly over `width` (分散对齐).
    fn spread(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<f32> {
        let mut adv = self.advances(text, face, size);
        let n = adv.len();
        let natural: f32 = adv.iter().sum();
        if n > 1 && natural < width {
            let extra = (width - natural) / (n - 1) as f32;
            for a in adv.iter_mut().take(n - 1) {
                *a += extra;
            }
        }
        adv
    }

    fn contents(&mut self) {
        let size = style::BODY + 1.0;
        let lh = size * 2.0;
        for entry in self.toc {
            self.ensure(lh);
            let area = self.area();
            let indent = f32::from(entry.level.saturating_sub(1)) * 2.0 * size;
            let face = if entry.level <= 1 { Face::Sans } else { Face::Serif };
            let page = if entry.page == 0 { "0".to_string() } else { entry.page.to_string() };
            let num_adv = self.advances(&page, Face::Serif, size);
            let num_w: f32 = num_adv.iter().sum();
            let title_w = area.w - indent - num_w - 3.0 * size;
            let mut lines = self.set_text(&entry.title, face, size, title_w, 0.0, false);
            lines.truncate(1);
            let Some(title) = lines.pop() else { continue };
            let tw = title.width();
            let top = self.y;
            self.place_line(title, area.x + indent, top, size, lh, face, None);
            let num_line = SetLine::new(page, num_adv);
            self.place_line(num_line, area.right() - num_w, top, size, lh, Face::Serif, None);
            let dot_y = top + (lh - size) / 2.0 + 0.88 * size;
            self.push(Item::Line {
                x1: area.x + indent + tw + size * 0.5,
                y1: dot_y,
                x2: area.right() - num_w - size * 0.5,
                y2: dot_y,
                width: 0.8,
                dashed: true,
            });
            self.y += lh;
        }
    }

    fn note(&mut self, text: &str) {
        let size = style::BODY;
        let lh = size * 1.6;
        let area = self.area();
        let pad = 8.0;
        let lines = self.set_text(text, Face::SansBold, size, area.w - 2.0 * pad, 0.0, true);
        let h = lines.len() as f32 * lh + 2.0 * pad;
        self.ensure(h + 6.0);
        let area = self.area();
        let rect = Rect { x: area.x, y: self.y, w: area.w, h };
        self.push(Item::Rect { rect, fill: Some(style::LABEL_GREY), stroke: Some(1.5), dashed: false });
        let mut top = self.y + pad;
        for line in lines {
            self.place_line(line, area.x + pad, top, size, lh, Face::SansBold, Some(rect));
            top += lh;
        }
        self.y += h + 6.0;
    }

    /// Signature boxes `height` high; the last block of a part grows into the free space below
    /// it (up to 95 mm), leaving room to write an opinion beside a 42 mm seal.
    fn opinions(&mut self, boxes: &[OpinionBox], height: f32, last: bool) {
        if boxes.is_empty() {
            return;
        }
        self.ensure(height + 6.0);
        let height = if last { height.max((self.remaining() - 6.0).min(mm(95.0))) } else { height };
        let area = self.area();
        let w = area.w / boxes.len() as f32;
        let pad = 8.0;
        for (k, b) in boxes.iter().enumerate() {
            let rect = Rect { x: area.x + w * k as f32, y: self.y, w, h: height };
            self.push(Item::Rect { rect, fill: None, stroke: Some(0.8), dashed: false });
            let mut top = rect.y + pad;
            let size = 12.0;
            for line in self.set_text(&b.title, Face::SansBold, size, w - 2.0 * pad, 0.0, false) {
                self.place_line(line, rect.x + pad, top, size, size * 1.5, Face::SansBold, Some(rect));
                top += size * 1.5;
            }
            let bsize = 10.5;
            for line in self.set_text(&b.body, Face::Serif, bsize, w - 2.0 * pad, 2.0 * bsize, true) {
                self.place_line(line, rect.x + pad, top, bsize, bsize * 1.6, Face::Serif, Some(rect));
                top += bsize * 1.6;
            }
            let fsize = 11.0;
            let flh = fsize * 2.0;
            let mut ftop = rect.bottom() - pad - flh * b.footer.len() as f32;
            for text in &b.footer {
                let adv = self.advances(text, Face::Serif, fsize);
                let fw: f32 = adv.iter().sum();
                let line = SetLine::new(text.clone(), adv);
                self.place_line(
                    line,
                    rect.right() - pad - fw - fsize,
                    ftop,
                    fsize,
                    flh,
                    Face::Serif,
                    Some(rect),
                );
                ftop += flh;
            }
        }
        self.y += height + 6.0;
    }

    fn checklist(&mut self, items: &[(bool, String)]) {
        let size = style::BODY;
        let lh = size * 1.7;
        let box_w = size * 1.6;
        for (checked, text) in items {
            let area = self.area();
            let lines = self.set_text(text, Face::Serif, size, area.w - box_w, 0.0, true);
            for (k, line) in lines.into_iter().enumerate() {
                self.ensure(lh);
                let area = self.area();
                if k == 0 {
                    let bs = size * 0.85;
                    self.push(Item::Check {
                        x: area.x + 1.0,
                        y: self.y + (lh - bs) / 2.0,
                        size: bs,
                        checked: *checked,
                    });
                }
                self.place_line(line, area.x + box_w, self.y, size, lh, Face::Serif, None);
                self.y += lh;
            }
        }
    }

    fn cut_label(&mut self, caption: &str, lines: &[(String, f32, Face)]) {
        let pad = 14.0;
        let area = self.area();
        let inner = area.w - 2.0 * pad;
        let set: Vec<(SetLine, f32, Face)> = lines
            .iter()
            .flat_map(|(t, size, face)| {
                self.set_text(t, *face, *size, inner, 0.0, false).into_iter().map(move |l| (l, *size, *face))
            })
            .collect();
        let h: f32 = set.iter().map(|(_, s, _)| s * 1.7).sum::<f32>() + 2.0 * pad;
        let csize = 9.0;
        self.ensure(h + 4.0 + csize * 1.8);
        let x = self.area().x;
        let caption = SetLine::new(caption.to_string(), self.advances(caption, Face::Serif, csize));
        self.place_line(caption, x, self.y, csize, csize * 1.8, Face::Serif, None);
        self.y += csize * 1.8;
        let area = self.area();
        let rect = Rect { x: area.x, y: self.y, w: area.w, h };
        self.push(Item::Rect { rect, fill: None, stroke: Some(1.0), dashed: true });
        let mut top = self.y + pad;
        for (line, size, face) in set {
            self.place_line(line, area.x + pad, top, size, size * 1.7, face, Some(rect));
            top += size * 1.7;
        }
        self.y += h + 4.0;
    }

    fn bottom(&mut self, lines: &[(String, f32, Face)]) {
        let h: f32 = lines.iter().map(|(_, s, _)| s * 1.8).sum();
        if self.remaining() < h {
            self.new_page();
        }
        self.y = self.area().bottom() - h;
        for (text, size, face) in lines {
            self.centered(text, *size, *face, 1.8);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Hanzi 1 em, ASCII half an em.
    pub(crate) struct Fixed;
    impl Measure for Fixed {
        fn advance(&self, _: Face, ch: char) -> f32 {
            if ch.is_ascii() {
                0.5
            } else {
                1.0
            }
        }
    }

    fn part(title: &str, blocks: Vec<Block>) -> Part {
        Part { title: title.into(), blocks, numbered: true }
    }

    #[test]
    fn a4_and_mirrored_margins() {
        let m = Margins::default();
        let odd = m.text_area(1);
        let even = m.text_area(2);
        assert!((odd.x - mm(28.0)).abs() < 1e-3 && (A4_WIDTH - odd.right() - mm(26.0)).abs() < 1e-3);
        assert!((even.x - mm(26.0)).abs() < 1e-3 && (A4_WIDTH - even.right() - mm(28.0)).abs() < 1e-3);
        assert!((odd.y - mm(37.0)).abs() < 1e-3 && (A4_HEIGHT - odd.bottom() - mm(35.0)).abs() < 1e-3);
    }

    #[test]
    fn parts_start_on_odd_pages_and_total_is_even() {
        let long = "文字".repeat(2000);
        let parts = vec![
            Part {
                title: "封面".into(),
                blocks: vec![Block::Centered(vec![("标题".into(), 20.0, Face::SansBold)])],
                numbered: false,
            },
            part("甲", vec![Block::Paragraph { text: long.clone(), indent: true }]),
            part("乙", vec![Block::Paragraph { text: "短".into(), indent: false }]),
        ];
        let laid = layout(&parts, Margins::default(), &Fixed);
        let starts: Vec<usize> = laid.anchors.iter().filter(|a| a.level == 0).map(|a| a.page).collect();
        assert!(starts.iter().all(|p| p % 2 == 0), "{starts:?}"); // 0-based even = odd page
        assert_eq!(laid.pages.len() % 2, 0);
        assert_eq!(laid.pages[0].number, None);
        assert_eq!(laid.pages[1].number, None, "blank page after the cover");
        assert_eq!(laid.pages[2].number, Some(3));
    }

    #[test]
    fn page_numbers_on_the_outer_side() {
        let parts = vec![part("甲", vec![Block::Paragraph { text: "字".repeat(3000), indent: false }])];
        let laid = layout(&parts, Margins::default(), &Fixed);
        for (i, page) in laid.pages.iter().enumerate() {
            let Some(n) = page.number else { continue };
            let Some(Item::Text(run)) = page.items.last() else { panic!("page number") };
            assert_eq!(run.text, format!("— {n} —"));
            let area = Margins::default().text_area(i + 1);
            if n % 2 == 1 {
                assert!(run.x > area.x + area.w / 2.0);
            } else {
                assert!(run.bounds().right() < area.x + area.w / 2.0);
            }
        }
    }

    #[test]
    fn body_text_stays_in_the_text_area() {
        let text = "山西省煤基碳材料技术创新中心，SEM-5000X（场发射）".repeat(200);
        let parts = vec![part("甲", vec![Block::Paragraph { text, indent: true }])];
        let laid = layout(&parts, Margins::default(), &Fixed);
        for (i, page) in laid.pages.iter().enumerate() {
            let area = Margins::default().text_area(i + 1);
            for item in &page.items {
                if let Item::Text(r) = item {
                    if page.number.is_some() && r.text.starts_with('—') {
                        continue;
                    }
                    assert!(area.contains(&r.bounds()), "page {} {:?}", i + 1, r.bounds());
                }
            }
        }
    }

    #[test]
    fn paragraphs_leave_no_widow_or_orphan_line() {
        // Fillers of every length put a paragraph's first and last lines at every height.
        let width = Margins::default().text_area(1).w / style::BODY;
        let per_line = width.floor() as usize;
        for filler in 0..40 {
            let text = format!("{}\n{}", "甲".repeat(per_line * filler), "乙".repeat(per_line * 4));
            let parts = vec![part("正", vec![Block::Paragraph { text, indent: false }])];
            let laid = layout(&parts, Margins::default(), &Fixed);
            let lines_of = |p: &Page| {
                p.items.iter().filter(|i| matches!(i, Item::Text(r) if r.text.starts_with('乙'))).count()
            };
            let counts: Vec<usize> = laid.pages.iter().map(lines_of).filter(|n| *n > 0).collect();
            assert_eq!(counts.iter().sum::<usize>(), 4);
            assert!(counts.iter().all(|n| *n >= 2), "filler {filler}: lines per page {counts:?}");
        }
    }

    #[test]
    fn contents_gets_real_page_numbers() {
        let parts = vec![
            part("目录", vec![Block::Toc]),
            part(
                "正文",
                vec![
                    Block::Heading { text: "一、甲".into(), level: 1, toc: true },
                    Block::Paragraph { text: "字".repeat(2500), indent: false },
                    Block::Heading { text: "二、乙".into(), level: 1, toc: true },
                ],
            ),
        ];
        let laid = layout(&parts, Margins::default(), &Fixed);
        let texts: Vec<&str> = laid.pages[0]
            .items
            .iter()
            .filter_map(|i| if let Item::Text(r) = i { Some(r.text.as_str()) } else { None })
            .collect();
        let second = laid.anchors.iter().find(|a| a.title == "二、乙").unwrap().page + 1;
        assert!(texts.contains(&"3"), "{texts:?}");
        assert!(second > 3 && texts.contains(&second.to_string().as_str()), "{texts:?}");
    }

    fn overlaps(a: &Rect, b: &Rect) -> bool {
        a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
    }

    #[test]
    fn the_mark_and_the_number_never_cover_an_evidence_page() {
        use crate::evidence::FileKind;
        use crate::pdf::evidence::{EvidenceBlock, EvidencePage};
        let page = |kind, w, h, orientation| EvidencePage { source: 0, page: 0, w, h, kind, orientation };
        // A4 portrait and landscape (bound at 91 %), US Letter, scans of each shape, a photo
        // stored sideways: on odd and even pages alike.
        let pages = vec![
            page(FileKind::Pdf, A4_WIDTH, A4_HEIGHT, 1),
            page(FileKind::Pdf, A4_HEIGHT, A4_WIDTH, 1),
            page(FileKind::Pdf, A4_HEIGHT, A4_WIDTH, 1),
            page(FileKind::Pdf, 612.0, 792.0, 1),
            page(FileKind::Jpeg, 2480.0, 3508.0, 1),
            page(FileKind::Jpeg, 3508.0, 2480.0, 1),
            page(FileKind::Png, 1800.0, 2600.0, 6),
            page(FileKind::Pdf, A4_WIDTH, A4_HEIGHT, 1),
        ];
        let block = EvidenceBlock { number: 12, title: "材料".into(), pages, odd: false };
        let parts = vec![
            part("甲", vec![Block::Paragraph { text: "短".into(), indent: false }]),
            part("印证材料", vec![Block::Evidence(block)]),
        ];
        let laid = layout(&parts, Margins::default(), &Fixed);
        let full = Rect { x: 0.0, y: 0.0, w: A4_WIDTH, h: A4_HEIGHT };
        let mut seen = 0;
        for (i, page) in laid.pages.iter().enumerate() {
            let Some(place) = page.items.iter().find_map(|it| match it {
                Item::Embed { place, .. } => Some(place),
                _ => None,
            }) else {
                continue;
            };
            seen += 1;
            let texts: Vec<&TextRun> = page
                .items
                .iter()
                .filter_map(|it| if let Item::Text(r) = it { Some(r) } else { None })
                .collect();
            let shown: Vec<&str> = texts.iter().map(|r| r.text.as_str()).collect();
            assert_eq!(shown, ["印证材料 12".to_string(), format!("— {} —", i + 1)], "page {}", i + 1);
            assert!(full.contains(&place.rect), "page {}: {:?} on the sheet", i + 1, place.rect);
            for r in texts {
                // The glyphs' box with their descent: a run's bounds plus a fifth of an em.
                let b = r.bounds();
                let b = Rect { h: b.h + 0.2 * r.size, ..b };
                assert!(full.contains(&b), "{:?} on the sheet", r.text);
                assert!(!overlaps(&b, &place.rect), "page {}: {:?} over {:?}", i + 1, r.text, place.rect);
            }
        }
        assert_eq!(seen, 8);
    }
}
