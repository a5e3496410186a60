//! Tables: per-table column widths, wrapped cells, lightly shaded label cells, and pagination
//! that never cuts a line in two and repeats the header rows after a page break.

use super::layout::{style, Face, Flow, Item, Rect, SetLine};
use super::linebreak::{keep_whole, min_width};

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
    /// Type size of the cell: the table's, or smaller where a code would not fit whole.
    size: f32,
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

/// The smallest type a cell steps down to so that a code or a date fits its column whole.
const MIN_CELL_SIZE: f32 = 6.0;
/// A cell's type steps down to no less than this share of the table's size; a piece wider
/// than that (a URL, a sentence without spaces) is broken instead of shrinking the whole cell.
const MIN_STEP: f32 = 0.7;
/// A column widens to at most this multiple of its width; wider pieces are broken.
const MAX_WIDEN: f32 = 1.6;
/// Left-aligned cells are justified only when at least this many em wide; narrower cells
/// are set flush left (stretching a line of six characters leaves gaps a reader notices).
const JUSTIFY_MIN_EM: f32 = 18.0;

/// Width of the piece of a cell's text that must stay on one line: the whole text when it is
/// short (a name, a header), otherwise its widest code, date, number or word.
fn piece_width(flow: &Flow<'_>, text: &str, face: Face, size: f32) -> f32 {
    let adv = |c: char| flow.m.advance(face, c) * size;
    text.split('\n')
        .map(|p| if keep_whole(p) { p.trim().chars().map(adv).sum() } else { min_width(p, adv) })
        .fold(0.0, f32::max)
}

/// Column widths in points: the table's relative widths scaled to `total`, then widened where
/// a column's widest unbreakable piece would not fit (by up to 60 %), taking the room from
/// columns with slack (each keeps at least 60 % of its width and room for its own pieces).
fn column_widths(flow: &Flow<'_>, table: &Table, total: f32) -> Vec<f32> {
    let sum: f32 = table.widths.iter().sum();
    let mut w: Vec<f32> = table.widths.iter().map(|x| x * total / sum).collect();
    let n = w.len();
    let mut need = vec![0.0f32; n];
    for row in &table.rows {
        let mut col = 0;
        for cell in row {
            let span = cell.span.max(1);
            if let (1, Some(slot), Some(w), Content::Text(t)) =
                (span, need.get_mut(col), w.get(col), &cell.content)
            {
                let piece = piece_width(flow, t, face_of(cell.kind), table.size);
                let cell_need = piece + 2.0 * pad_x(table.size) + 0.5;
                // A piece that cannot be kept whole (a URL) takes no room from other columns.
                if cell_need <= w * MAX_WIDEN / MIN_STEP {
                    *slot = slot.max(cell_need.min(w * MAX_WIDEN));
                }
            }
            col += span;
        }
    }
    let deficit: f32 = (0..n).map(|i| (need[i] - w[i]).max(0.0)).sum();
    let spare: Vec<f32> = (0..n).map(|i| (w[i] - need[i].max(0.6 * w[i])).max(0.0)).collect();
    let spare_sum: f32 = spare.iter().sum();
    if deficit <= 0.0 || spare_sum <= 0.0 {
        return w;
    }
    let moved = deficit.min(spare_sum);
    for i in 0..n {
        let want = (need[i] - w[i]).max(0.0);
        w[i] += want * moved / deficit - spare[i] * moved / spare_sum;
    }
    w
}

/// A table wrapped to the text area: header rows and body rows.
struct SetTable<'t> {
    rows: Vec<SetRow<'t>>,
    headers: usize,
    lh: f32,
    pad: f32,
}

impl<'t> SetTable<'t> {
    fn new(flow: &Flow<'_>, table: &'t Table) -> Option<SetTable<'t>> {
        let total: f32 = table.widths.iter().sum();
        if total <= 0.0 || table.rows.is_empty() {
            return None;
        }
        let widths = column_widths(flow, table, flow.area().w);
        let rows = table.rows.iter().map(|r| set_row(flow, r, &widths, table.size)).collect();
        Some(SetTable {
            rows,
            headers: table.header_rows.min(table.rows.len()),
            lh: table.size * table.leading,
            pad: table.size * style::CELL_PAD_Y,
        })
    }

    fn height(&self, lines: usize) -> f32 {
        lines.max(1) as f32 * self.lh + 2.0 * self.pad
    }

    fn header_height(&self) -> f32 {
        self.rows[..self.headers].iter().map(|r| self.height(r.lines)).sum()
    }

    /// What must fit below a heading or at the foot of a page for the table to start there:
    /// the header rows and the first row whole, or two of its lines when the row is taller
    /// than a fresh page (it is split anyway).
    fn lead(&self, page_h: f32) -> f32 {
        let header_h = self.header_height();
        let first = self.rows.get(self.headers).map_or(0.0, |r| {
            let whole = self.height(r.lines);
            if header_h + whole <= page_h {
                whole
            } else {
                self.height(r.lines.min(2))
            }
        });
        header_h + first
    }
}

/// Height the start of `table` needs on a page (header rows and the first row), so that a
/// heading before it is never left alone at the foot of a page.
pub(crate) fn lead_height(flow: &Flow<'_>, table: &Table) -> f32 {
    SetTable::new(flow, table).map_or(0.0, |t| t.lead(flow.area().h))
}

/// Places `table` in the flow, breaking pages between rows, or between lines of a row taller
/// than what is left on a fresh page.
pub(crate) fn place(flow: &mut Flow<'_>, table: &Table) {
    let Some(set) = SetTable::new(flow, table) else { return };
    let size = table.size;
    let (lh, pad) = (set.lh, set.pad);
    let height = |from: usize, to: usize| set.height(to - from);
    let (headers, body) = set.rows.split_at(set.headers);
    let header_h = set.header_height();
    flow.ensure(set.lead(flow.area().h));
    draw_headers(flow, headers, lh, pad, size);
    for (i, row) in body.iter().enumerate() {
        // The last row (a total, a note) is never alone on a continuation page: the row
        // before it goes along.
        if i > 0 && i + 2 == body.len() {
            let (this, pair) = (height(0, row.lines), height(0, row.lines) + height(0, body[i + 1].lines));
            let room = flow.remaining() + 0.01;
            if this <= room && pair > room && header_h + pair <= flow.area().h {
                flow.new_page();
                draw_headers(flow, headers, lh, pad, size);
            }
        }
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

fn set_row<'t>(flow: &Flow<'_>, cells: &'t [Cell], widths: &[f32], size: f32) -> SetRow<'t> {
    let mut col = 0;
    let mut set = Vec::new();
    for cell in cells {
        let span = cell.span.max(1).min(widths.len().saturating_sub(col).max(1));
        let x = widths[..col.min(widths.len())].iter().sum::<f32>();
        let w = widths[col.min(widths.len())..(col + span).min(widths.len())].iter().sum::<f32>();
        col += span;
        let inner = (w - 2.0 * pad_x(size)).max(size);
        let face = face_of(cell.kind);
        let (lines, cell_size) = match &cell.content {
            Content::Text(t) => {
                // A code, a date or a short name that does not fit steps the type down.
                let piece = piece_width(flow, t, face, size);
                let stepped = (size * inner / piece * 4.0).floor() / 4.0;
                let cell_size = if piece <= inner + 0.01 || stepped < (size * MIN_STEP).max(MIN_CELL_SIZE) {
                    size
                } else {
                    stepped.min(size)
                };
                let justified = cell.align == Align::Left && inner >= JUSTIFY_MIN_EM * cell_size;
                (flow.set_text(t, face, cell_size, inner, 0.0, justified), cell_size)
            }
            Content::Choices(_) => (vec![SetLine::new(String::new(), Vec::new())], size),
        };
        set.push(SetCell { x, w, cell, lines, size: cell_size });
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
            flow.place_line(line.clone(), x, y, c.size, lh, face, Some(rect));
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

    fn runs(laid: &Laid) -> Vec<(usize, crate::pdf::layout::TextRun)> {
        laid.pages
            .iter()
            .enumerate()
            .flat_map(|(k, p)| {
                p.items
                    .iter()
                    .filter_map(move |i| if let Item::Text(r) = i { Some((k, r.clone())) } else { None })
            })
            .collect()
    }

    #[test]
    fn codes_and_dates_stay_whole_by_widening_their_column() {
        // 1/8 of 442 pt is 55 pt: 48 pt inside, less than a 10-character date at 10 pt (50 pt).
        let mut t = Table::new(&[1.0, 6.0, 1.0], 10.0).head(vec![
            Cell::header("日期"),
            Cell::header("名称"),
            Cell::header("已应用"),
        ]);
        for k in 1..=20 {
            t.row(vec![
                Cell::value(format!("2022-03-{k:02}")),
                Cell::value("一种中间相沥青的制备方法".repeat(2)),
                Cell::value("是"),
            ]);
        }
        let laid = layout_of(t);
        let runs = runs(&laid);
        for k in 1..=20 {
            let date = format!("2022-03-{k:02}");
            let r = runs.iter().find(|(_, r)| r.text == date).unwrap_or_else(|| panic!("{date} cut"));
            assert_eq!(r.1.size, 10.0, "room taken from the wide column, type unchanged");
            assert!(r.1.cell.unwrap().contains(&r.1.bounds()));
        }
        assert!(runs.iter().any(|(_, r)| r.text == "已应用"), "a three-character header does not wrap");
    }

    #[test]
    fn codes_step_the_type_down_when_no_column_has_room() {
        // 55 pt columns, 48 pt inside: a 12-character code (60 pt at 10 pt) needs 8 pt type.
        let mut t = Table::new(&[1.0; 8], 10.0);
        t.row((0..8).map(|k| Cell::value(format!("ZL2020110{k}.2"))).collect());
        t.row((0..8).map(|_| Cell::value("吕𠮷龘䶮")).collect());
        // A URL far wider than its column is broken rather than shrinking its cell to nothing.
        t.row((0..8).map(|_| Cell::value("https://kjpt.kj15331.com:8443/stpmmp/project/apply/")).collect());
        let laid = layout_of(t);
        let runs = runs(&laid);
        assert!(runs.iter().filter(|(_, r)| r.text.starts_with("https")).all(|(_, r)| r.size == 10.0));
        for k in 0..8 {
            let code = format!("ZL2020110{k}.2");
            let r = &runs.iter().find(|(_, r)| r.text == code).unwrap_or_else(|| panic!("{code} cut")).1;
            assert!(r.size < 10.0 && r.size >= MIN_CELL_SIZE, "{}", r.size);
            assert!(r.cell.unwrap().contains(&r.bounds()), "{code} inside its cell");
        }
        assert_eq!(
            runs.iter().filter(|(_, r)| r.text == "吕𠮷龘䶮").count(),
            8,
            "four-character names whole"
        );
    }

    #[test]
    fn narrow_cells_are_not_stretched() {
        // 工作单位 in a 10 em column: lines flush left, every character at its own width.
        let mut t = Table::new(&[1.0, 3.0], 9.0);
        for _ in 0..5 {
            t.row(vec![Cell::value("山西示例碳材科技有限公司山西示例碳材科技有限公司"), Cell::value("说明")]);
        }
        let laid = layout_of(t);
        let cells: Vec<_> = runs(&laid)
            .into_iter()
            .filter(|(_, r)| r.text.starts_with("山西") || r.text.contains("公司"))
            .collect();
        assert!(cells.len() > 5);
        for (_, r) in cells {
            assert!(
                r.advances.iter().all(|a| (a - 9.0).abs() < 1e-3),
                "{:?} stretched: {:?}",
                r.text,
                r.advances
            );
        }
    }

    /// Text runs of the page on which `text` is printed.
    fn page_of(laid: &Laid, text: &str) -> usize {
        runs(laid).iter().find(|(_, r)| r.text == text).unwrap_or_else(|| panic!("{text} missing")).0
    }

    #[test]
    fn heading_and_header_go_with_the_first_row() {
        // A filler of varying length puts the heading at every height of the page; the first
        // row is 12 lines tall.
        for lines in 0..34 {
            let mut t = Table::new(&[1.0, 3.0], 10.0).head(vec![Cell::header("序号"), Cell::header("地址")]);
            t.row(vec![Cell::value("1"), Cell::value("太原市".repeat(12 * 10))]);
            t.row(vec![Cell::value("2"), Cell::value("晋中市")]);
            let blocks = vec![
                Block::Paragraph { text: "字".repeat(37 * lines), indent: false },
                Block::Heading { text: "五、研发场地".into(), level: 1, toc: true },
                Block::Table(t),
            ];
            let laid =
                layout(&[Part { title: "正文".into(), blocks, numbered: true }], Margins::default(), &Fixed);
            let heading = page_of(&laid, "五、研发场地");
            let first = runs(&laid).iter().find(|(_, r)| r.text.starts_with("太原市")).unwrap().0;
            assert_eq!(heading, first, "filler of {lines} lines: heading alone at a page foot");
            let header = runs(&laid).iter().find(|(_, r)| r.text == "序号").unwrap().0;
            assert_eq!(header, first, "filler of {lines} lines: header alone at a page foot");
        }
    }

    #[test]
    fn the_last_row_is_never_alone_on_a_continuation_page() {
        for n in 20..60 {
            let mut t = roster(n, "固定人员");
            t.row(vec![Cell::label("合计").span(2), Cell::value(format!("{n}人"))]);
            let laid = layout_of(t);
            let total = page_of(&laid, "合计");
            let rows_there =
                runs(&laid).iter().filter(|(k, r)| *k == total && r.text.starts_with("人员")).count();
            assert!(rows_there >= 1, "{n} rows: 合计 alone on page {}", total + 1);
        }
    }
}
