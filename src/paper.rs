//! The A4 sheet and its GB/T 9704 margins: the geometry that both the printer (`pdf`) and the
//! supporting-material checks (`evidence`, which measure a scan against the text block) use.
//! Points (1/72 inch) from the page's top-left corner, y growing downwards.

/// A4 width in points.
pub const A4_WIDTH: f32 = 595.28;
/// A4 height in points.
pub const A4_HEIGHT: f32 = 841.89;

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Page margins in points; left and right are swapped on even pages (duplex binding).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    /// The binding edge: left on odd pages, right on even pages.
    pub binding: f32,
    pub outer: f32,
}

impl Default for Margins {
    /// GB/T 9704 official-document margins.
    fn default() -> Self {
        Margins { top: mm(37.0), bottom: mm(35.0), binding: mm(28.0), outer: mm(26.0) }
    }
}

impl Margins {
    /// The text area of page `number` (1-based).
    pub fn text_area(&self, number: usize) -> Rect {
        let left = if number % 2 == 1 { self.binding } else { self.outer };
        Rect {
            x: left,
            y: self.top,
            w: A4_WIDTH - self.binding - self.outer,
            h: A4_HEIGHT - self.top - self.bottom,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// Whether `other` lies inside (with a small tolerance).
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.05;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
}
