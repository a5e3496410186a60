//! The qualification review sheet (申请资格审查表): one row per hard, cross and attest criterion
//! with its citation, the declared value and the self-check result, an empty 审查意见 column,
//! and signature boxes. Its input is a small struct the caller fills from the rules engine.

use super::application::signature_footer;
use super::layout::{Block, OpinionBox, Part};
use super::table::{Cell, CellKind, Table};
use super::text;
use super::ExportInputs;
use crate::model::Application;

/// The self-check result printed for one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfCheck {
    /// 符合
    Met,
    /// 不符合
    Unmet,
    /// 待确认 (an attestation not yet confirmed)
    Unconfirmed,
    /// 待补充 (data missing)
    Missing,
    /// 提示 (a warning that does not exclude)
    Warning,
    /// 不适用 (the condition does not concern this application)
    NotApplicable,
    /// 未核验 (a cross criterion with nothing to compare with in the local database)
    NotVerified,
}

impl SelfCheck {
    pub fn label(self) -> &'static str {
        match self {
            SelfCheck::Met => "符合",
            SelfCheck::Unmet => "不符合",
            SelfCheck::Unconfirmed => "待确认",
            SelfCheck::Missing => "待补充",
            SelfCheck::Warning => "提示",
            SelfCheck::NotApplicable => "不适用",
            SelfCheck::NotVerified => "未核验",
        }
    }
}

/// One printed row of the review sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// The requirement in words, e.g. "研发场地面积不少于2000平方米".
    pub requirement: String,
    /// Where it comes from: the clause (e.g. "二（四）4") when the document is the sheet's
    /// `source`, otherwise document and clause.
    pub citation: String,
    /// What the application declares, e.g. "2860.5平方米".
    pub declared: String,
    pub result: SelfCheck,
}

/// The review sheet's content: the rows and the overall verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSheet {
    pub rows: Vec<ReviewRow>,
    /// The verdict in words, e.g. "符合申报条件".
    pub verdict: String,
    /// A remark on the verdict, e.g. that the centre may still apply for cultivation.
    pub note: Option<String>,
    /// The document most citations refer to, e.g. "《2024年省创中心申报通知》".
    pub source: String,
    /// Whether the verdict is 符合申报条件; otherwise a 自查未通过 note is printed.
    pub passed: bool,
}

pub fn parts(app: &Application, inputs: &ExportInputs) -> Vec<Part> {
    let sheet = &inputs.review;
    let lead = app.lead_host();
    let mut info = Table::new(&[2.0, 4.2, 2.0, 4.2], 10.0);
    info.row(vec![Cell::label("申报类型"), Cell::value(inputs.programme.clone()).span(3)]);
    info.row(vec![Cell::label(&inputs.labels.name_label), Cell::value(app.centre_name.clone()).span(3)]);
    info.row(vec![
        Cell::label("第一依托单位"),
        Cell::value(lead.map(|h| h.name.clone()).unwrap_or_default()),
        Cell::label("归口管理部门"),
        Cell::value(lead.map(|h| h.supervising_department.clone()).unwrap_or_default()),
    ]);
    info.row(vec![
        Cell::label("申报类别"),
        Cell::value(text::category_with_field(app)),
        Cell::label("自查结论"),
        Cell { kind: CellKind::Strong, ..Cell::value(sheet.verdict.clone()) },
    ]);

    let mut rows = Table::new(&[0.9, 5.9, 4.8, 1.3, 2.1], 8.5).head(
        ["序号", "申报条件及依据", "申报情况", "自查结果", "审查意见"]
            .into_iter()
            .map(Cell::header)
            .collect(),
    );
    rows.leading = 1.2;
    for (k, r) in sheet.rows.iter().enumerate() {
        let requirement = if r.citation.is_empty() {
            r.requirement.clone()
        } else {
            format!("{}（{}）", r.requirement, r.citation)
        };
        let result = Cell::value(r.result.label()).center();
        let plain = matches!(r.result, SelfCheck::Met | SelfCheck::NotApplicable);
        let result = if plain { result } else { Cell { kind: CellKind::Strong, ..result } };
        rows.row(vec![
            Cell::value((k + 1).to_string()).center(),
            Cell::value(requirement),
            Cell::value(r.declared.clone()),
            result,
            Cell::value(""),
        ]);
    }

    let mut blocks =
        vec![Block::Heading { text: "申请资格审查表".into(), level: 0, toc: true }, Block::Table(info)];
    if !sheet.passed {
        // Name what failed: the rows by status, e.g. 第1、2项待补充.
        let open = [SelfCheck::Unmet, SelfCheck::Missing, SelfCheck::Unconfirmed];
        let failures: Vec<String> = open
            .iter()
            .filter_map(|status| {
                let rows: Vec<String> = sheet
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.result == *status)
                    .map(|(k, _)| (k + 1).to_string())
                    .collect();
                (!rows.is_empty()).then(|| format!("第{}项{}", rows.join("、"), status.label()))
            })
            .collect();
        if failures.is_empty() {
            blocks.push(Block::Note(format!("自查结论：{}，请核对后再报送。", sheet.verdict)));
        } else {
            blocks.push(Block::Note(format!(
                "自查未通过（{}）：{}，请补齐或说明后再报送。",
                sheet.verdict,
                failures.join("；")
            )));
        }
        if let Some(note) = &sheet.note {
            blocks.push(Block::Small(format!("说明：{note}。")));
        }
    }
    let unverified: Vec<String> = sheet
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.result == SelfCheck::NotVerified)
        .map(|(k, _)| (k + 1).to_string())
        .collect();
    if !unverified.is_empty() {
        blocks.push(Block::Small(format!(
            "第{}项未核验：本地库中无可比对的已建平台或其他申报书，自查未能核对，请审查时另行核对。",
            unverified.join("、")
        )));
    }
    blocks.push(Block::Table(rows));
    if !sheet.source.is_empty() {
        blocks.push(Block::Small(format!("注：条款号除另注明外均指{}。", sheet.source)));
    }
    blocks.push(Block::Opinions {
        boxes: vec![
            OpinionBox {
                title: "第一依托单位意见".into(),
                body: String::new(),
                footer: signature_footer("负责人"),
            },
            OpinionBox {
                title: "归口管理部门审查意见".into(),
                body: String::new(),
                footer: signature_footer("负责人"),
            },
        ],
        // Room for a written opinion and a 42 mm official seal beside the title (the seal may
        // overprint the signature and date lines); grows into the free space below.
        height: super::layout::mm(45.0),
    });
    vec![Part { title: "申请资格审查表".into(), blocks, numbered: true }]
}
