//! The attachment reader: what an attached file is (by its content, never its name), how many
//! pages it has and how each page will print on A4. Refuses what cannot be bound, with the reason
//! in Chinese. Pure: bytes in, facts out; it never touches the database.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::paper::{Margins, A4_HEIGHT, A4_WIDTH};

/// The largest file attached when the user has not chosen another limit (setting
/// `evidence_max_mb`): a scanned certificate at 300 dpi is a few MB, a long audit report tens.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Below this resolution, placed in the text block of an A4 page, a scan is not legible in print
/// (small print of a seal or a licence number blurs); the default of setting `evidence_min_dpi`.
pub const MIN_PRINT_DPI: f32 = 150.0;
/// How far a page may be from A4 (either way round, as a share of each side) and still be bound
/// at its own size rather than scaled into the text block: 3 % takes in US-style scanner output
/// and rounded page boxes (A4 is 595.3×841.9 pt) but not Letter (612×792). Not a setting: the
/// reader's note on attach and the binder's placement use this one value, so what the user is
/// told is what prints.
pub const A4_TOLERANCE: f32 = 0.03;

/// What an attachment is judged by: the user's limits (settings) with the defaults above. They
/// are print and storage limits of this app, not conditions of a notice, so they do not live in
/// a programme pack.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
    /// The least resolution of an image printed in the A4 text block.
    pub min_print_dpi: f32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_bytes: DEFAULT_MAX_BYTES, min_print_dpi: MIN_PRINT_DPI }
    }
}
/// The most pixels an image may have: its header is read before anything decodes it, so a small
/// file that declares a huge picture (a decompression bomb, or damage in the header) is refused
/// instead of filling the memory. 100 million pixels is a 600 dpi A3 scan with room to spare.
pub const MAX_PIXELS: u64 = 100_000_000;

/// The password tried to tell a permission-protected PDF from an unprotected one.
const PROBE_PASSWORD: &str = "\u{1}shenbao-probe\u{1}";

/// The kinds of file that can be bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
        }
    }

    pub fn parse(text: &str) -> Option<FileKind> {
        Some(match text {
            "pdf" => FileKind::Pdf,
            "jpeg" => FileKind::Jpeg,
            "png" => FileKind::Png,
            _ => return None,
        })
    }
}

/// Why a file cannot be attached. Nothing is stored when any file of one attachment is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AttachError {
    #[error("文件是空的（0 字节）：请重新扫描或导出后再添加")]
    Empty,
    #[error("文件过大（{} MB），超过上限 {} MB：请压缩或拆分后再添加", mb(*.size), mb(*.limit))]
    TooLarge { size: u64, limit: u64 },
    #[error("文件内容是“{found}”，不是 PDF、JPEG 或 PNG（按文件内容识别，与扩展名无关）：请另存为 PDF 或扫描为 JPEG 后再添加")]
    WrongType { found: &'static str },
    #[error("PDF 已加密（{what}）：无法装订加密文件，请用原软件去除密码和权限限制后另存，再添加")]
    Encrypted { what: &'static str },
    #[error("PDF 已损坏，无法读取{detail}：请重新导出或扫描后再添加")]
    Damaged { detail: String },
    #[error("图片已损坏或无法识别：{0}；请重新扫描后再添加")]
    BadImage(String),
    #[error("图片像素过多（{width}×{height} 像素，超过 1 亿像素），或文件头已损坏：请以 300 dpi 重新扫描或缩小后再添加")]
    TooManyPixels { width: u64, height: u64 },
    #[error("图片分辨率过低（{width}×{height} 像素，印在 A4 版心约 {dpi} dpi，低于 {min} dpi）：打印后难以辨认，请以 300 dpi 重新扫描后再添加")]
    TooSmall { width: u32, height: u32, dpi: u32, min: u32 },
}

impl AttachError {
    pub fn code(&self) -> &'static str {
        match self {
            AttachError::Empty => "empty_file",
            AttachError::TooLarge { .. } => "file_too_large",
            AttachError::WrongType { .. } => "wrong_file_type",
            AttachError::Encrypted { .. } => "encrypted_pdf",
            AttachError::Damaged { .. } => "damaged_pdf",
            AttachError::BadImage(_) => "damaged_image",
            AttachError::TooSmall { .. } => "image_too_small",
            AttachError::TooManyPixels { .. } => "image_too_many_pixels",
        }
    }
}

fn mb(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// What the reader found in an acceptable file.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspected {
    pub kind: FileKind,
    pub pages: u32,
    /// What binding will do that the user should know (a page scaled to fit, a landscape page
    /// turned), in Chinese; empty when every page prints as it is.
    pub note: String,
    /// An image's EXIF orientation (1–8; 1 when absent or not an image).
    pub orientation: u16,
}

/// The file's kind by its first bytes, or what it looks like when it is none of the three.
pub fn sniff(bytes: &[u8]) -> Result<FileKind, &'static str> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(FileKind::Pdf);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(FileKind::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(FileKind::Png);
    }
    Err(if bytes.starts_with(b"PK\x03\x04") {
        "压缩包或 Word/Excel 文档（.docx/.xlsx/.zip）"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "旧版 Word/Excel 文档（.doc/.xls）"
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "TIFF 图片"
    } else if bytes.starts_with(b"GIF8") {
        "GIF 图片"
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "WebP 图片"
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        "HEIC 照片或视频"
    } else if bytes.starts_with(b"BM") {
        "BMP 图片"
    } else if std::str::from_utf8(head).is_ok() {
        "纯文本"
    } else {
        "无法识别的格式"
    })
}

/// Reads one file to be attached; `limit` is the largest size accepted, in bytes (the other
/// limits at their defaults).
pub fn inspect(bytes: &[u8], limit: u64) -> Result<Inspected, AttachError> {
    inspect_with(bytes, &Limits { max_bytes: limit, ..Limits::default() })
}

/// Reads one file to be attached, judged by `limits`.
pub fn inspect_with(bytes: &[u8], limits: &Limits) -> Result<Inspected, AttachError> {
    if bytes.is_empty() {
        return Err(AttachError::Empty);
    }
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(AttachError::TooLarge { size, limit: limits.max_bytes });
    }
    match sniff(bytes).map_err(|found| AttachError::WrongType { found })? {
        FileKind::Pdf => inspect_pdf(bytes),
        kind => inspect_image(bytes, kind, limits.min_print_dpi),
    }
}

fn inspect_pdf(bytes: &[u8]) -> Result<Inspected, AttachError> {
    use hayro_syntax::{LoadPdfError, Pdf};
    let pdf = match Pdf::new(bytes.to_vec()) {
        Ok(pdf) => pdf,
        Err(LoadPdfError::Decryption(_)) => {
            return Err(AttachError::Encrypted { what: "需要密码才能打开" })
        }
        Err(LoadPdfError::Invalid) => return Err(AttachError::Damaged { detail: String::new() }),
    };
    // A file protected by a permissions password opens without one; another password still
    // opens it only when it is not encrypted at all.
    if let Err(LoadPdfError::Decryption(_)) = Pdf::new_with_password(bytes.to_vec(), PROBE_PASSWORD) {
        return Err(AttachError::Encrypted { what: "设有权限密码" });
    }
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(AttachError::Damaged { detail: "（文件中没有页面）".into() });
    }
    let mut turned = Vec::new();
    let mut scaled = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        let (w, h) = page.render_dimensions();
        match fit(w, h) {
            Fit::AsIs => {}
            Fit::Turned => turned.push(k + 1),
            Fit::Scaled => scaled.push(format!("第 {} 页（{}×{} 毫米）", k + 1, to_mm(w), to_mm(h))),
        }
    }
    let mut notes = Vec::new();
    if !turned.is_empty() {
        notes.push(format!("第 {} 页为横向 A4，装订时转为纵向", list_pages(&turned)));
    }
    if !scaled.is_empty() {
        let shown: Vec<&str> = scaled.iter().take(3).map(String::as_str).collect();
        let more = if scaled.len() > 3 { format!("等 {} 页", scaled.len()) } else { String::new() };
        notes.push(format!("{}{more}不是 A4 幅面，装订时按比例缩放到 A4 版心内", shown.join("、")));
    }
    Ok(Inspected {
        kind: FileKind::Pdf,
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        note: notes.join("；"),
        orientation: 1,
    })
}

fn to_mm(points: f32) -> i64 {
    (points * 25.4 / 72.0).round() as i64
}

fn list_pages(pages: &[usize]) -> String {
    let shown: Vec<String> = pages.iter().take(5).map(|p| p.to_string()).collect();
    let more = if pages.len() > 5 { format!(" 等 {} 页", pages.len()) } else { String::new() };
    format!("{}{more}", shown.join("、"))
}

/// How a page of the given size (points) is bound on A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// A4 portrait (within a few per cent): placed at its own size.
    AsIs,
    /// A4 landscape: turned a quarter to portrait, at its own size.
    Turned,
    /// Any other size: scaled to fit the text block, centred.
    Scaled,
}

pub fn fit(w: f32, h: f32) -> Fit {
    let near = |a: f32, b: f32| (a - b).abs() <= b * A4_TOLERANCE;
    if near(w, A4_WIDTH) && near(h, A4_HEIGHT) {
        Fit::AsIs
    } else if near(w, A4_HEIGHT) && near(h, A4_WIDTH) {
        Fit::Turned
    } else {
        Fit::Scaled
    }
}

/// The resolution an image of `width`×`height` pixels prints at when scaled to fit the text
/// block of an A4 page.
pub fn print_dpi(width: u32, height: u32) -> f32 {
    let block = Margins::default().text_area(1);
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let printed_width = block.w.min(block.h * w / h);
    w / (printed_width / 72.0)
}

fn inspect_image(bytes: &[u8], kind: FileKind, min_dpi: f32) -> Result<Inspected, AttachError> {
    let declared = imagesize::blob_size(bytes).map_err(|e| AttachError::BadImage(e.to_string()))?;
    let (width, height) = (declared.width as u64, declared.height as u64);
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(AttachError::TooManyPixels { width, height });
    }
    let data: krilla::Data = bytes.to_vec().into();
    let image = match kind {
        FileKind::Png => krilla::image::Image::from_png(data, true),
        _ => krilla::image::Image::from_jpeg(data, true),
    }
    .map_err(AttachError::BadImage)?;
    let (w, h) = image.size();
    if w == 0 || h == 0 {
        return Err(AttachError::BadImage("图片尺寸为 0".into()));
    }
    let orientation = if kind == FileKind::Jpeg { exif_orientation(bytes) } else { 1 };
    let (w, h) = if orientation >= 5 { (h, w) } else { (w, h) };
    let dpi = print_dpi(w, h);
    if dpi < min_dpi {
        return Err(AttachError::TooSmall {
            width: w,
            height: h,
            dpi: dpi.floor() as u32,
            min: min_dpi.ceil() as u32,
        });
    }
    let note = if orientation != 1 {
        "按照片的方向信息（EXIF）转正后装订".to_string()
    } else {
        String::new()
    };
    Ok(Inspected { kind, pages: 1, note, orientation })
}

/// The EXIF orientation of a JPEG (1–8), 1 when it has none or it cannot be read.
pub fn exif_orientation(bytes: &[u8]) -> u16 {
    let mut cursor = std::io::Cursor::new(bytes);
    exif::Reader::new()
        .read_from_container(&mut cursor)
        .ok()
        .and_then(|e| {
            e.get_field(exif::Tag::Orientation, exif::In::PRIMARY).and_then(|f| f.value.get_uint(0))
        })
        .and_then(|o| u16::try_from(o).ok())
        .filter(|o| (1..=8).contains(o))
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_is_read_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Ok(FileKind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(FileKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(FileKind::Png));
        assert_eq!(sniff(b"PK\x03\x04rest"), Err("压缩包或 Word/Excel 文档（.docx/.xlsx/.zip）"));
        assert_eq!(sniff(b"just text"), Err("纯文本"));
    }

    #[test]
    fn empty_and_oversized_files_are_refused_before_reading() {
        assert_eq!(inspect(b"", 10), Err(AttachError::Empty));
        assert_eq!(inspect(b"%PDF-1.7 ...", 10), Err(AttachError::TooLarge { size: 12, limit: 10 }));
        let e = inspect(b"%PDF-1.7 ...", 10).unwrap_err().to_string();
        assert!(e.contains("超过上限"), "{e}");
    }

    #[test]
    fn a4_sizes_print_as_they_are_and_others_are_scaled() {
        assert_eq!(fit(595.0, 842.0), Fit::AsIs);
        assert_eq!(fit(842.0, 595.0), Fit::Turned);
        assert_eq!(fit(612.0, 792.0), Fit::Scaled, "US Letter is not A4-like");
        assert_eq!(fit(420.0, 595.0), Fit::Scaled, "A5");
    }

    #[test]
    fn print_resolution_boundary_at_150_dpi() {
        let block = Margins::default().text_area(1);
        // A page-shaped scan exactly as wide as the block at 150 dpi, then one pixel either way.
        let at = (block.w / 72.0 * MIN_PRINT_DPI).ceil() as u32;
        let tall = (at as f32 * 1.2) as u32; // less tall than the block: its width limits
        assert!(print_dpi(at, tall) >= MIN_PRINT_DPI, "at");
        assert!(print_dpi(at + 1, tall) >= MIN_PRINT_DPI, "above");
        assert!(print_dpi(at - 1, tall) < MIN_PRINT_DPI, "below");
        // A taller scan is limited by the block's height instead.
        let high = (block.h / 72.0 * MIN_PRINT_DPI).ceil() as u32;
        assert!(print_dpi(high / 2, high) >= MIN_PRINT_DPI);
        assert!(print_dpi(high / 2, high - 1) < MIN_PRINT_DPI);
    }
}
