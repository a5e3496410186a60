//! The text of a PDF the user opens as the platform's copy: every page's text in content order
//! (lopdf, through the fonts' ToUnicode maps), with clear refusals for what cannot be read.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// The text of a PDF, page after page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    pub pages: u32,
    pub text: String,
}

/// Why a file's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfTextError {
    #[error("不是 PDF 文件：请选择从网络平台下载的申请书 PDF")]
    NotPdf,
    #[error("PDF 已加密（需要打开密码），无法读取文字：请从平台重新下载未加密的版本")]
    Encrypted,
    #[error("PDF 文件已损坏，无法读取：{0}；请从平台重新下载")]
    Damaged(String),
    #[error("PDF 中没有可读取的文字（可能是扫描件或图片）：请从平台下载电子版申请书，而不是扫描件")]
    NoText,
}

impl PdfTextError {
    /// A stable short code for the edges.
    pub fn code(&self) -> &'static str {
        match self {
            PdfTextError::NotPdf => "not_pdf",
            PdfTextError::Encrypted => "encrypted",
            PdfTextError::Damaged(_) => "damaged",
            PdfTextError::NoText => "no_text",
        }
    }
}

/// Reads the text of every page. A PDF with an owner password only (as platforms often write
/// them) is read; one that needs a password to open is refused, as is a file that is not a PDF.
pub fn pdf_text(bytes: &[u8]) -> Result<PdfText, PdfTextError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfTextError::NotPdf);
    }
    // A malformed file must never take the app down: the parser's panics become "damaged".
    catch_unwind(AssertUnwindSafe(|| read(bytes)))
        .unwrap_or_else(|_| Err(PdfTextError::Damaged("文件结构无法解析".into())))
}

fn read(bytes: &[u8]) -> Result<PdfText, PdfTextError> {
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_)) => return Err(PdfTextError::Encrypted),
        Err(e) => return Err(PdfTextError::Damaged(e.to_string())),
    };
    if doc.is_encrypted() {
        return Err(PdfTextError::Encrypted);
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut text = String::new();
    let mut read_pages = 0;
    for page in &pages {
        if let Ok(t) = doc.extract_text(&[*page]) {
            text.push_str(&t);
            text.push('\n');
            read_pages += 1;
        }
    }
    if read_pages == 0 && !pages.is_empty() {
        return Err(PdfTextError::Damaged("没有一页能读出文字".into()));
    }
    if text.chars().all(char::is_whitespace) {
        return Err(PdfTextError::NoText);
    }
    Ok(PdfText { pages: u32::try_from(pages.len()).unwrap_or(u32::MAX), text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert_eq!(pdf_text(b"PK\x03\x04 not a pdf"), Err(PdfTextError::NotPdf));
        assert_eq!(pdf_text(b""), Err(PdfTextError::NotPdf));
    }

    #[test]
    fn a_cut_pdf_is_damaged_not_a_panic() {
        let err = pdf_text(b"%PDF-1.7\n1 0 obj << /Type /Catalog").unwrap_err();
        assert!(matches!(err, PdfTextError::Damaged(_)), "{err:?}");
    }
}
