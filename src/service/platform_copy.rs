//! The platform copy check of a stored application: the PDF the user downloaded from the
//! programme's online platform, read and compared with the latest sealed version (the one
//! submitted), or with the current content when nothing is sealed yet.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::{read_file, ServiceError};
use crate::model::RowId;
use crate::platform_copy::{self, PlatformFinding};
use crate::store::Store;

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlatformCopyReport {
    /// What the copy was compared with: "定稿 2026-12-03 10:00（提交网络平台）" or "当前内容（尚未定稿）".
    pub against: String,
    /// Compared with a sealed version.
    pub sealed: bool,
    /// The PDF's page count.
    pub pages: u32,
    /// How many values were looked for.
    pub checked: u32,
    /// Every value missing or different, in the 申请书's order; empty when the copy agrees.
    pub findings: Vec<PlatformFinding>,
}

/// Reads the PDF at `path` and compares it with application `id`.
pub fn check_platform_copy(
    store: &Store,
    id: RowId,
    path: &Path,
) -> Result<PlatformCopyReport, ServiceError> {
    let bytes = read_file(path)?;
    check_platform_copy_bytes(store, id, &bytes)
}

/// As [`check_platform_copy`], for a PDF already read.
pub fn check_platform_copy_bytes(
    store: &Store,
    id: RowId,
    pdf: &[u8],
) -> Result<PlatformCopyReport, ServiceError> {
    let current = store.load_application(id)?;
    let pack = super::kept_pack(store, id, &current)?;
    let text = platform_copy::pdf_text(pdf).map_err(ServiceError::PlatformCopy)?;
    let (app, against, sealed) = match super::seal::latest_sealed(store, id)? {
        Some((seal, app)) => {
            let note = if seal.note.is_empty() { String::new() } else { format!("（{}）", seal.note) };
            let at = seal.sealed_at.get(..16).unwrap_or(&seal.sealed_at).replace('T', " ");
            (app, format!("定稿 {at}{note}"), true)
        }
        None => (current, "当前内容（尚未定稿）".to_string(), false),
    };
    let expected = platform_copy::expected_values(&app, &pack.presentation.director_label);
    Ok(PlatformCopyReport {
        sealed,
        against,
        pages: text.pages,
        checked: u32::try_from(expected.len()).unwrap_or(u32::MAX),
        findings: platform_copy::compare(&expected, &text.text),
    })
}
