//! Tables: per-table column widths, wrapped cells, lightly shaded label cells, and pagination
//! that never cuts a line in two and repeats the header rows after a page break.

use super::layout::{style, Face, Flow, Item, Rect, SetLine};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Column header: bold, darker shade.
    Header,
    /// Field label: sans, light shade.
    Label,
    /// A value: serif, white.
    Value,
    /// A value to notice (e.g. 不符合): bold sans, white.
    Strong,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    /// Check boxes with their labels, e.g. 是 / 否.
    Choices(Vec<(String, bool)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Content,
    pub kind: CellKind,
    pub align: Align,
    /// Number of columns the cell spans (at least 1).
    pub span: usize,
}

impl Cell {
    fn new(text: impl Into<String>, kind: CellKind, align: Align) -> Cell {
        Cell { content: Content::Text(text.into()), kind, align, span: 1 }
    }
    pub fn header(text: impl Into<String>) -> Cell {
        Cell::new(text, CellKind::Header, Align::Center)
    }
    pub fn label(text: impl Into<String>) -> Cell {
        Cell::new(text, CellKind::Label, Align::Center)
    }
    pub fn value(text: impl Into<String>) -> Cell {
        Cell::new(text, CellKind::Value, Align::Left)
    }
    /// A yes/no answer as two check boxes.
    pub fn yes_no(yes: bool) -> Cell {
        Cell {
            content: Content::Choices(vec![("是".into(), yes), ("否".into(), !yes)]),
            kind: CellKind::Value,
            align: Align::Left,
            span: 1,
        }
    }
    pub fn span(mut self, n: usize) -> Cell {
        self.span = n.max(1);
        self
    }
    pub fn center(mut self) -> Cell {
        self.align = Align::Center;
        self
    }
    pub fn right(mut self) -> Cell {
        self.align = Align::Right;
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths, scaled to the text area.
    pub widths: Vec<f32>,
    /// Leading rows repeated at the top of every page the table runs onto.
    pub header_rows: usize,
    pub rows: Vec<Vec<Cell>>,
    pub size: f32,
    /// Line height in em.
    pub leading: f32,
}

impl Table {
    pub fn new(widths: &[f32], size: f32) -> Table {
        Table {
            widths: widths.to_vec(),
            header_rows: 0,
            rows: Vec::new(),
            size,
            leading: style::TABLE_LEADING,
        }
    }
    /// Adds a header row (repeated after page breaks).
    pub fn head(mut self, cells: Vec<Cell>) -> Table {
        self.rows.insert(self.header_rows, cells);
        self.header_rows += 1;
        self
    }
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
}

/// Horizontal cell padding for a type size.
fn pad_x(size: f32) -> f32 {
    size * style::CELL_PAD_X
}

/// A cell wrapped to its column.
struct SetCell<'t> {
    /// Offset from the left edge of the text area.
    x: f32,
    w: f32,
    cell: &'t Cell,
    lines: Vec<SetLine>,
}

struct SetRow<'t> {
    cells: Vec<SetCell<'t>>,
    lines: usize,
}

fn face_of(kind: CellKind) -> Face {
    match kind {
        CellKind::Header => Face::SansBold,
        CellKind::Label => Face::Sans,
        CellKind::Value => Face::Serif,
        CellKind::Strong => Face::SansBold,
    }
}

/// Places `table` in the flow, breaking pages between rows, or between lines of a row taller
/// than what is left on a fresh page.
pub(crate) fn place(flow: &mut Flow<'_>, table: &Table) {
    let size = table.size;
    let lh = size * table.leading;
    let pad = size * style::CELL_PAD_Y;
    let total: f32 = table.widths.iter().sum();
    if total <= 0.0 || table.rows.is_empty() {
        return;
    }
    let area = flow.area();
    let scale = area.w / total;
    let rows: Vec<SetRow<'_>> =
        table.rows.iter().map(|r| set_row(flow, r, &table.widths, scale, size)).collect();
    let height = |from: usize, to: usize| (to - from).max(1) as f32 * lh + 2.0 * pad;
    let (headers, body) = rows.split_at(table.header_rows.min(rows.len()));
    let header_h: f32 = headers.iter().map(|r| height(0, r.lines)).sum();
    let first_h = body.first().map_or(0.0, |r| height(0, r.lines.min(2)));
    flow.ensure(header_h + first_h);
    draw_headers(flow, headers, lh, pad, size);
    for row in body {
        let mut from = 0;
        loop {
            let rest = row.lines - from;
            if height(from, row.lines) <= flow.remaining() + 0.01 {
                draw(flow, row, from, row.lines, lh, pad, size);
                break;
            }
            let fit = ((flow.remaining() - 2.0 * pad) / lh).floor().max(0.0) as usize;
            let fresh = ((flow.area().h - header_h - 2.0 * pad) / lh).floor().max(1.0) as usize;
            let just_started = flow.remaining() + header_h >= flow.area().h - 0.5;
            if (rest <= fresh || fit < 2) && !just_started {
                flow.new_page();
                draw_headers(flow, headers, lh, pad, size);
                continue;
            }
            let fit = fit.max(1).min(rest);
            draw(flow, row, from, from + fit, lh, pad, size);
            from += fit;
            if from >= row.lines {
                break;
            }
            flow.new_page();
            draw_headers(flow, headers, lh, pad, size);
        }
    }
    flow.y += 6.0;
}

fn draw_headers(flow: &mut Flow<'_>, headers: &[SetRow<'_>], lh: f32, pad: f32, size: f32) {
    for h in headers {
        draw(flow, h, 0, h.lines, lh, pad, size);
    }
}

fn set_row<'t>(flow: &Flow<'_>, cells: &'t [Cell], widths: &[f32], scale: f32, size: f32) -> SetRow<'t> {
    let x0 = 0.0;
    let mut col = 0;
    let mut set = Vec::new();
    for cell in cells {
        let span = cell.span.max(1).min(widths.len().saturating_sub(col).max(1));
        let x = x0 + widths[..col.min(widths.len())].iter().sum::<f32>() * scale;
        let w = widths[col.min(widths.len())..(col + span).min(widths.len())].iter().sum::<f32>() * scale;
        col += span;
        let inner = (w - 2.0 * pad_x(size)).max(size);
        let lines = match &cell.content {
            Content::Text(t) => {
                let justified = cell.align == Align::Left;
                flow.set_text(t, face_of(cell.kind), size, inner, 0.0, justified)
            }
            Content::Choices(_) => vec![SetLine::new(String::new(), Vec::new())],
        };
        set.push(SetCell { x, w, cell, lines });
    }
    let lines = set.iter().map(|c| c.lines.len()).max().unwrap_or(1).max(1);
    SetRow { cells: set, lines }
}

/// Draws lines `from..to` of a row at the cursor and advances it.
fn draw(flow: &mut Flow<'_>, row: &SetRow<'_>, from: usize, to: usize, lh: f32, pad: f32, size: f32) {
    let whole = from == 0 && to == row.lines;
    let h = (to - from).max(1) as f32 * lh + 2.0 * pad;
    let top = flow.y;
    let x0 = flow.area().x;
    for c in &row.cells {
        let rect = Rect { x: x0 + c.x, y: top, w: c.w, h };
        let fill = match c.cell.kind {
            CellKind::Header => Some(style::HEADER_GREY),
            CellKind::Label => Some(style::LABEL_GREY),
            CellKind::Value | CellKind::Strong => None,
        };
        flow.push(Item::Rect { rect, fill, stroke: Some(0.5), dashed: false });
        let face = face_of(c.cell.kind);
        if let Content::Choices(items) = &c.cell.content {
            if from == 0 {
                draw_choices(flow, items, rect, top + pad, lh, size);
            }
            continue;
        }
        let shown: Vec<&SetLine> = c.lines.iter().skip(from).take(to - from).collect();
        let mut y = top + pad;
        if whole {
            y += (row.lines - c.lines.len()) as f32 * lh / 2.0;
        }
        for line in shown {
            let lw = line.width();
            let x = match c.cell.align {
                Align::Left => rect.x + pad_x(size),
                Align::Center => rect.x + (c.w - lw) / 2.0,
                Align::Right => rect.right() - pad_x(size) - lw,
            };
            flow.place_line(line.clone(), x, y, size, lh, face, Some(rect));
            y += lh;
        }
    }
    flow.y += h;
}

fn draw_choices(flow: &mut Flow<'_>, items: &[(String, bool)], rect: Rect, top: f32, lh: f32, size: f32) {
    let bs = size * 0.85;
    let mut x = rect.x + pad_x(size);
    for (label, checked) in items {
        flow.push(Item::Check { x, y: top + (lh - bs) / 2.0, size: bs, checked: *checked });
        x += bs + size * 0.25;
        let adv = flow.advances(label, Face::Serif, size);
        let w: f32 = adv.iter().sum();
        flow.place_line(SetLine::new(label.clone(), adv), x, top, size, lh, Face::Serif, Some(rect));
        x += w + size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::tests::Fixed;
    use crate::pdf::layout::{layout, Block, Laid, Margins, Part};

    fn layout_of(table: Table) -> Laid {
        let part = Part { title: "表".into(), blocks: vec![Block::Table(table)], numbered: true };
        layout(&[part], Margins::default(), &Fixed)
    }

    fn texts(page: &crate::pdf::layout::Page) -> Vec<String> {
        page.items
            .iter()
            .filter_map(|i| if let Item::Text(r) = i { Some(r.text.clone()) } else { None })
            .collect()
    }

    fn roster(n: usize, note: &str) -> Table {
        let mut t = Table::new(&[1.0, 3.0, 6.0], 10.5).head(vec![
            Cell::header("序号"),
            Cell::header("姓名"),
            Cell::header("说明"),
        ]);
        for i in 1..=n {
            t.row(vec![Cell::value(i.to_string()), Cell::label(format!("人员{i}")), Cell::value(note)]);
        }
        t
    }

    #[test]
    fn header_rows_repeat_after_page_breaks() {
        let laid = layout_of(roster(120, "固定人员"));
        assert!(laid.pages.len() >= 3);
        for page in laid.pages.iter().filter(|p| p.number.is_some() && !texts(p).len() < 2) {
            let t = texts(page);
            if t.len() > 1 {
                assert_eq!(&t[..3], ["序号", "姓名", "说明"], "header on every page");
            }
        }
        // Every row appears exactly once.
        let all: Vec<String> = laid.pages.iter().flat_map(texts).collect();
        for i in 1..=120 {
            assert_eq!(all.iter().filter(|t| **t == format!("人员{i}")).count(), 1);
        }
    }

    #[test]
    fn text_stays_inside_its_cell() {
        let laid = layout_of(roster(80, &"煤基碳材料SEM-5000X（场发射），".repeat(9)));
        for page in &laid.pages {
            for item in &page.items {
                if let Item::Text(r) = item {
                    if let Some(cell) = r.cell {
                        assert!(cell.contains(&r.bounds()), "{:?} outside {:?}", r.bounds(), cell);
                    }
                }
            }
        }
    }

    #[test]
    fn rows_move_whole_unless_taller_than_a_page() {
        // 3-line rows: each row's lines stay on one page.
        let laid = layout_of(roster(90, &"字".repeat(60)));
        for i in 1..=90 {
            let pages: Vec<usize> = laid
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| texts(p).contains(&format!("人员{i}")))
                .map(|(k, _)| k)
                .collect();
            assert_eq!(pages.len(), 1);
        }
        // One row taller than a page is split between lines, never inside one.
        let laid = layout_of(roster(1, &"字".repeat(2000)));
        let lines: usize =
            laid.pages.iter().map(|p| texts(p).iter().filter(|t| t.starts_with('字')).count()).sum();
        let chars: usize = laid
            .pages
            .iter()
            .flat_map(texts)
            .filter(|t| t.starts_with('字'))
            .map(|t| t.chars().count())
            .sum();
        assert_eq!(chars, 2000);
        assert!(lines > 40);
        assert!(laid.pages.iter().filter(|p| texts(p).iter().any(|t| t.starts_with('字'))).count() >= 2);
    }
}
