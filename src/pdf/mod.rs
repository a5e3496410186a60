//! PDF export: the bound A4 application document (申请书), the qualification review sheet
//! (申请资格审查表), the mailing checklist (报送清单) and the bound set (申请书 + 审查表).
//!
//! Documents are built as blocks (`application`, `review`, `mailing`), laid out into pages by
//! `layout` and `table` (pure), and written by `writer` (krilla) with the fonts of `fonts`.
//! Nothing here reads the clock or the database: the caller passes the dates, the programme
//! facts and the self-check in [`ExportInputs`].

mod application;
mod evidence;
mod fonts;
mod inputs;
mod layout;
pub mod linebreak;
mod mailing;
mod review;
mod table;
pub(crate) mod text;
mod transcription;
mod writer;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::model::Application;

pub use evidence::{EvidenceDoc, EvidencePart};
pub use inputs::{inputs_from_assessment, review_sheet};
pub use layout::{mm, Margins, A4_HEIGHT, A4_WIDTH};
pub use linebreak::{NO_LINE_END, NO_LINE_START};
pub use mailing::Mailing;
pub use review::{ReviewRow, ReviewSheet, SelfCheck};
pub use transcription::transcription;

/// A character the bundled fonts cannot print, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChar {
    pub ch: char,
    /// The field it is in, in Chinese, e.g. "人员名单第 3 行·姓名".
    pub field: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("以下字符在内置字体中没有，无法打印（请改用规范汉字或联系维护者增补字体）：{}", list(.0))]
    MissingCharacters(Vec<MissingChar>),
    #[error("内置字体文件损坏，无法生成 PDF")]
    Fonts,
    #[error("PDF 写出失败：{0}")]
    Writer(String),
    #[error("印证材料 {number} 的文件无法读取（{reason}）：请删除该文件后重新添加")]
    Evidence { number: usize, reason: String },
}

fn list(missing: &[MissingChar]) -> String {
    missing
        .iter()
        .map(|m| format!("“{}”（U+{:04X}，{}）", m.ch, u32::from(m.ch), m.field))
        .collect::<Vec<_>>()
        .join("；")
}

impl PdfError {
    /// Stable English code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::MissingCharacters(_) => "pdf_missing_characters",
            PdfError::Fonts => "pdf_fonts",
            PdfError::Writer(_) => "pdf_writer",
            PdfError::Evidence { .. } => "pdf_evidence",
        }
    }
}

/// Which files to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// 申请书
    Application,
    /// 申请资格审查表
    Review,
    /// 报送清单
    Mailing,
    /// 申请书 + 申请资格审查表 + the supporting materials in one file, for one duplex print job.
    Bound,
    /// The supporting materials alone, after their own 目录 (a separate volume).
    Evidence,
    /// 申请书, 审查表, 报送清单 and the bound set.
    All,
}

/// A 优先支持 item of the programme and whether the application meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrioritySupportItem {
    pub text: String,
    pub citation: String,
    pub met: bool,
}

/// An entry of the 印证材料目录.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportingItem {
    pub title: String,
    /// The criterion it supports, as printed (e.g. "研发场地面积（二（四）4）").
    pub supports: String,
    /// The pages it is bound on ("23—25"), filled in by the export of a bound set.
    pub pages: String,
}

/// Everything the documents need beyond the application itself: programme facts from the
/// pack, the self-check from the rules engine, and the date printed on the cover.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportInputs {
    /// Programme name, e.g. the pack's name.
    pub programme: String,
    /// Title of the application document, e.g. "山西省技术创新中心申请书".
    pub document_title: String,
    /// The issuing authority, printed as "…制" at the foot of the cover.
    pub issuer: String,
    /// 填报日期 on the cover and in the metadata subject.
    pub date: NaiveDate,
    pub margins: Margins,
    pub review: ReviewSheet,
    pub priority_support: Vec<PrioritySupportItem>,
    pub supporting: Vec<SupportingItem>,
    /// The applicant's commitment (承诺) printed above the host signatures.
    pub commitment: String,
    pub mailing: Mailing,
    /// The calendar years the programme's R&D criterion sums (the engine's window: the pack's
    /// years before the reference year), ascending; empty when the programme has no R&D
    /// criterion, and then every year entered is printed under "研发投入".
    pub rd_years: Vec<i32>,
    /// The programme's labels (中心名称 / 基地名称, 中心主任 / 基地主任 …), from its pack.
    pub labels: crate::rules::presentation::Presentation,
    /// Printed duplex (the pack says so): each supporting material starts on an odd page.
    pub duplex: bool,
}

/// Commitment of the signature page when the pack gives none (no programme's own wording).
pub const DEFAULT_COMMITMENT: &str =
    "本单位承诺：申请书所填内容及所附印证材料真实、准确、完整。如有不实，本单位承担相应责任。";

/// Exports the chosen files as (file name, PDF bytes), names built from the centre name.
pub fn export(
    app: &Application,
    inputs: &ExportInputs,
    which: Which,
) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    export_with(app, inputs, which, &[])
}

/// As [`export`], binding the supporting materials `evidence` (numbered as `inputs.supporting`)
/// into the bound set and the evidence volume, and printing their real pages in the 目录.
pub fn export_with(
    app: &Application,
    inputs: &ExportInputs,
    which: Which,
    evidence: &[EvidenceDoc],
) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    let fonts = fonts::FontSet::get().ok_or(PdfError::Fonts)?;
    check_characters(app, inputs, fonts)?;
    let stem = file_stem(&app.centre_name);
    let info = |doc: &str| writer::Info {
        title: format!("{}{}", app.centre_name, doc),
        author: app.lead_host().map(|h| h.name.clone()).unwrap_or_default(),
        subject: format!("{}（填报日期 {}）", inputs.programme, text::date(inputs.date)),
        date: app.updated_at.clone(),
    };
    let mut out = Vec::new();
    let write = |parts: Vec<layout::Part>, doc: &str| -> Result<Vec<u8>, PdfError> {
        let laid = layout::layout(&parts, inputs.margins, fonts);
        writer::write(&laid, &info(doc), fonts, &[])
    };
    let wants = |w: Which| which == w || which == Which::All;
    if wants(Which::Application) {
        out.push((format!("{stem}-申请书.pdf"), write(application::parts(app, inputs), "申请书")?));
    }
    if wants(Which::Review) {
        out.push((
            format!("{stem}-申请资格审查表.pdf"),
            write(review::parts(app, inputs), "申请资格审查表")?,
        ));
    }
    if wants(Which::Mailing) {
        // The checklist counts the 申请书 alone; the 审查表 is its own item of the parcel.
        let pages = layout::layout(&application::parts(app, inputs), inputs.margins, fonts).pages.len();
        out.push((
            format!("{stem}-报送清单.pdf"),
            write(mailing::parts(app, inputs, Some(pages)), "报送清单")?,
        ));
    }
    if wants(Which::Bound) || (which == Which::Evidence) {
        let (sources, blocks) = evidence::prepare(evidence, inputs.duplex)?;
        let build = |inputs: &ExportInputs| {
            let mut parts = if which == Which::Evidence {
                vec![application::supporting_part(inputs)]
            } else {
                let mut parts = application::parts(app, inputs);
                parts.extend(review::parts(app, inputs));
                parts
            };
            if !blocks.is_empty() {
                parts.push(layout::Part {
                    title: "印证材料".into(), blocks: blocks.clone(), numbered: true
                });
            }
            parts
        };
        let laid = with_page_ranges(inputs, evidence, build, fonts);
        let (name, doc) = if which == Which::Evidence {
            (format!("{stem}-印证材料.pdf"), "印证材料")
        } else if evidence.is_empty() {
            (format!("{stem}-装订本（申请书及审查表）.pdf"), "申请书（含申请资格审查表）")
        } else {
            (format!("{stem}-装订本（申请书、审查表及印证材料）.pdf"), "申请书（含申请资格审查表及印证材料）")
        };
        out.push((name, writer::write(&laid, &info(doc), fonts, &sources)?));
    }
    Ok(out)
}

/// Lays out the parts `build` makes until the 印证材料目录 prints the pages each material is
/// really bound on (a few passes: the ranges' widths can move a page break).
fn with_page_ranges(
    inputs: &ExportInputs,
    evidence: &[EvidenceDoc],
    build: impl Fn(&ExportInputs) -> Vec<layout::Part>,
    fonts: &fonts::FontSet,
) -> layout::Laid {
    let mut current = inputs.clone();
    let attached: BTreeSet<usize> =
        evidence.iter().filter(|d| !d.parts.is_empty()).map(|d| d.number).collect();
    for (k, s) in current.supporting.iter_mut().enumerate() {
        s.pages = if attached.contains(&(k + 1)) { "—".into() } else { "未附".into() };
    }
    let mut laid = layout::layout(&build(&current), current.margins, fonts);
    for _ in 0..3 {
        let mut next = current.clone();
        for (number, first, last) in &laid.evidence {
            if let Some(s) = next.supporting.get_mut(number - 1) {
                s.pages = if first == last { first.to_string() } else { format!("{first}—{last}") };
            }
        }
        if next == current {
            break;
        }
        current = next;
        laid = layout::layout(&build(&current), current.margins, fonts);
    }
    laid
}

/// A file-name-safe form of the centre name.
pub fn file_stem(centre_name: &str) -> String {
    let s: String = centre_name
        .trim()
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    if s.is_empty() {
        "未命名申报".to_string()
    } else {
        s
    }
}

/// Refuses the export, listing every character the fonts lack and the field it is in.
fn check_characters(
    app: &Application,
    inputs: &ExportInputs,
    fonts: &fonts::FontSet,
) -> Result<(), PdfError> {
    let mut missing = Vec::new();
    let mut seen = BTreeSet::new();
    for (field, value) in text::fields(app, inputs) {
        for ch in value.chars() {
            if matches!(ch, '\n' | '\r' | '\t') || fonts.covers(ch) {
                continue;
            }
            if seen.insert((ch, field.clone())) {
                missing.push(MissingChar { ch, field: field.clone() });
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PdfError::MissingCharacters(missing))
    }
}

#[cfg(test)]
mod tests;
