//! The mailing checklist (报送清单): recipient, address, telephone, the paper deadline, what goes
//! in the parcel and in which order, the printing and binding instructions of the programme,
//! and a cut-out address label. Every programme fact comes from [`Mailing`].

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::layout::{Block, Face, Part};
use super::table::{Cell, Table};
use super::text;
use super::ExportInputs;
use crate::model::Application;
use crate::rules::pack::Signature;
use crate::signatures;

/// Where and how the paper application is sent; filled from the programme pack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mailing {
    /// 收件单位, e.g. the programme office.
    pub recipient: String,
    pub address: String,
    pub contacts: Vec<String>,
    pub phones: Vec<String>,
    /// The date the paper documents must arrive by.
    pub paper_deadline: Option<NaiveDate>,
    pub online_deadline: Option<NaiveDate>,
    /// How the paper deadline is counted, e.g. "以收到时间为准".
    pub deadline_note: String,
    /// The notice's printing, binding and stamping instructions, one per line.
    pub requirements: Vec<String>,
    /// Parcel items the notice names besides 申请书 and 印证材料 (pack `submission.enclosures`).
    pub enclosures: Vec<String>,
    /// Checks before mailing the notice asks for (pack `submission.checks`).
    pub checks: Vec<String>,
    /// The programme has an online system to submit to (pack `submission.online_system`).
    pub online_system: bool,
    /// Where the paper needs whose signature or seal (pack `submission.signatures`).
    pub signatures: Vec<Signature>,
    /// The places the user ticked as collected, by key, with the day (a stored application's).
    pub signoffs: BTreeMap<String, NaiveDate>,
}

/// The parts of the checklist; `application_pages` is the page count of the 申请书 alone.
pub fn parts(app: &Application, inputs: &ExportInputs, application_pages: Option<usize>) -> Vec<Part> {
    let m = &inputs.mailing;
    let lead = app.lead_host().map(|h| h.name.clone()).unwrap_or_default();
    let deadline = |d: Option<NaiveDate>, note: &str| match d {
        Some(d) if note.is_empty() => text::date(d),
        Some(d) => format!("{}，{}", text::date(d), note),
        None => "见申报通知".to_string(),
    };
    let mut info = Table::new(&[2.4, 9.0], 11.0);
    let row = |a: &str, b: String| vec![Cell::label(a), Cell::value(b)];
    info.row(row(&format!("申报{}", inputs.labels.platform), app.centre_name.clone()));
    info.row(row("寄件单位", lead.clone()));
    info.row(row("收件单位", m.recipient.clone()));
    info.row(row("收件地址", m.address.clone()));
    info.row(row("联系人", m.contacts.join("、")));
    info.row(row("联系电话", m.phones.join("、")));
    info.row(vec![
        Cell::label("纸质材料截止"),
        Cell {
            kind: super::table::CellKind::Strong,
            ..Cell::value(deadline(m.paper_deadline, &m.deadline_note))
        },
    ]);
    info.row(row("网络填报截止", deadline(m.online_deadline, "")));

    let pages = application_pages.map_or(String::new(), |n| format!("，共{n}页（含封面、目录及空白页）"));
    let mut parcel = vec![(
        false,
        format!("申请书（{}）{pages}，按封面、目录、正文、承诺与意见、印证材料目录顺序", app.centre_name),
    )];
    parcel.extend(m.enclosures.iter().map(|e| (false, e.clone())));
    parcel.push((false, format!("印证材料（按印证材料目录顺序，共{}项）", inputs.supporting.len())));
    let signing = signatures::checklist(app, &m.signatures, None, &m.signoffs);
    let mut checks = Vec::new();
    if signing.units.is_empty() {
        checks.push((false, "各依托单位已在承诺与意见页签字盖章".to_string()));
    }
    checks.extend(m.checks.iter().map(|c| (false, c.clone())));
    if m.online_system {
        checks.push((false, format!("网络系统已提交（截止{}）", deadline(m.online_deadline, ""))));
    }
    let mut label = vec![
        (format!("收件单位：{}", m.recipient), 14.0, Face::SansBold),
        (format!("地址：{}", m.address), 12.0, Face::Serif),
        (format!("联系人：{}　电话：{}", m.contacts.join("、"), m.phones.join("、")), 12.0, Face::Serif),
        (format!("内装：{}申请材料", app.centre_name), 12.0, Face::Serif),
        (format!("寄件单位：{lead}"), 11.0, Face::Serif),
    ];
    if let Some(d) = app.director() {
        label.push((format!("寄件联系人：{}", d.name), 11.0, Face::Serif));
    }
    let mut blocks = vec![
        Block::Heading { text: "材料报送清单".into(), level: 0, toc: false },
        Block::Table(info),
        Block::Heading { text: "一、封装内容及顺序".into(), level: 1, toc: false },
        Block::Checklist(parcel),
        Block::Heading { text: "二、打印与装订要求".into(), level: 1, toc: false },
        Block::Checklist(m.requirements.iter().map(|r| (false, r.clone())).collect()),
    ];
    if !signing.units.is_empty() {
        blocks.push(Block::Heading {
            text: "三、签字盖章（逐单位核对）".into(), level: 1, toc: false
        });
        for unit in &signing.units {
            let name = if unit.name.is_empty() { "（未填写）" } else { unit.name.as_str() };
            blocks.push(Block::Paragraph { text: format!("{}：{name}", unit.role), indent: false });
            blocks.push(Block::Checklist(
                unit.places
                    .iter()
                    .map(|p| {
                        let done =
                            p.done_on.map_or(String::new(), |d| format!("（{}已完成）", text::date(d)));
                        (p.done_on.is_some(), format!("{}：{}{done}", p.document, p.needs))
                    })
                    .collect(),
            ));
        }
    }
    if !checks.is_empty() {
        let numeral = if signing.units.is_empty() { "三" } else { "四" };
        blocks.push(Block::Heading { text: format!("{numeral}、寄送前核对"), level: 1, toc: false });
        blocks.push(Block::Checklist(checks));
    }
    blocks.push(Block::Spacer(10.0));
    blocks
        .push(Block::CutLabel { caption: "沿虚线剪下，贴于封装袋正面：".into(), lines: label });
    vec![Part { title: "材料报送清单".into(), blocks, numbered: true }]
}
