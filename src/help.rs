//! 帮助 for one wizard step, built from the programme's pack and the sample application: what the
//! notice asks for on this step (the criteria placed there, with their citations and notes), an
//! example from the sample, and the pack's common mistakes. Pure: no database, no clock.

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Application, Role};
use crate::pdf::text;
use crate::rules::pack::{Citation, Kind, Pack};
use crate::rules::presentation::Section;

pub use crate::rules::presentation::HELP_STEPS;

/// The help of one step.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StepHelp {
    pub step: String,
    /// The programme whose pack it comes from.
    pub programme: String,
    pub programme_name: String,
    /// What the notice asks for on this step.
    pub asks: Vec<HelpItem>,
    /// Label and value pairs from the sample application (empty when the sample has none here).
    pub example: Vec<HelpExample>,
    /// The pack's common mistakes on this step.
    pub mistakes: Vec<HelpItem>,
}

/// One requirement or mistake, with the clause it comes from when there is one.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HelpItem {
    pub text: String,
    /// What kind of item: 条件 / 提示 / 承诺 / 核对 / 优先支持 for a criterion, 必附 / 提供则附 for a
    /// material, 报送 / 要求 / 附件 / 核对 / 寄送 / 截止 for the submission; empty for a mistake.
    pub label: String,
    pub note: Option<String>,
    pub citation: Option<Citation>,
    /// The cited document's full title, when the pack names it.
    pub document_title: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HelpExample {
    pub label: String,
    pub value: String,
}

/// The help of `step` (one of [`HELP_STEPS`]) for an application of `pack`'s programme;
/// `None` for a step name that is not one.
pub fn step_help(pack: &Pack, step: &str, sample: &Application) -> Option<StepHelp> {
    if !HELP_STEPS.contains(&step) {
        return None;
    }
    let asks = match step {
        "materials" => materials(pack),
        "export" => submission(pack),
        _ => criteria(pack, Section::parse(step)?),
    };
    let mistakes = pack
        .mistakes
        .iter()
        .filter(|m| m.step == step)
        .map(|m| item(pack, m.text.clone(), "", None, m.citation.clone()))
        .collect();
    Some(StepHelp {
        step: step.to_string(),
        programme: pack.id.clone(),
        programme_name: pack.name.clone(),
        asks,
        example: example(pack, step, sample),
        mistakes,
    })
}

fn item(
    pack: &Pack,
    text: String,
    label: &str,
    note: Option<String>,
    citation: Option<Citation>,
) -> HelpItem {
    let document_title = citation.as_ref().and_then(|c| {
        std::iter::once(&pack.document)
            .chain(&pack.related_documents)
            .find(|d| d.short == c.document || d.title == c.document)
            .map(|d| d.title.clone())
    });
    HelpItem { text, label: label.to_string(), note, citation, document_title }
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Hard => "条件",
        Kind::Warn => "提示",
        Kind::Attest => "承诺",
        Kind::Cross => "核对",
        Kind::PrioritySupport => "优先支持",
        Kind::Note => "说明",
    }
}

/// The criteria the pack places on this step, in the pack's order.
fn criteria(pack: &Pack, section: Section) -> Vec<HelpItem> {
    pack.criteria
        .iter()
        .filter(|c| c.shown.section == Some(section))
        .map(|c| item(pack, c.title.clone(), kind_label(c.kind), c.note.clone(), Some(c.citation.clone())))
        .collect()
}

/// The supporting materials the criteria ask for, once each, with the criterion's clause.
fn materials(pack: &Pack) -> Vec<HelpItem> {
    let mut out: Vec<HelpItem> = Vec::new();
    for c in &pack.criteria {
        for m in &c.shown.materials {
            if out.iter().any(|i| i.text == m.title) {
                continue;
            }
            let label = if m.required { "必附" } else { "提供则附" };
            let note = Some(format!("用于：{}", c.title));
            out.push(item(pack, m.title.clone(), label, note, Some(c.citation.clone())));
        }
    }
    out
}

/// How the notice wants the documents printed, signed and sent.
fn submission(pack: &Pack) -> Vec<HelpItem> {
    let s = &pack.submission;
    let mut out = Vec::new();
    let mut push = |text: String, label: &str| out.push(item(pack, text, label, None, None));
    if let Some(channel) = &s.channel {
        push(channel.clone(), "报送");
    }
    for r in &s.requirements {
        push(r.clone(), "要求");
    }
    for e in &s.enclosures {
        push(e.clone(), "附件");
    }
    for c in &s.checks {
        push(c.clone(), "核对");
    }
    if let (Some(recipient), Some(address)) = (&s.recipient, &s.address) {
        push(format!("{recipient}（{address}）"), "寄送");
    }
    if let Some(d) = pack.paper_deadline {
        push(format!("纸质材料 {} 前送达", text::date(d)), "截止");
    }
    out
}

fn pair(label: &str, value: impl Into<String>) -> HelpExample {
    HelpExample { label: label.to_string(), value: value.into() }
}

/// A few filled-in values of the sample on this step, as the window would show them.
fn example(pack: &Pack, step: &str, s: &Application) -> Vec<HelpExample> {
    let words = &pack.presentation;
    match step {
        "basic" => vec![
            pair(&words.name_label, s.centre_name.clone()),
            pair("类别与领域", text::category_with_field(s)),
            pair("所在城市", s.city.clone()),
        ],
        "hosts" => s
            .host_units
            .first()
            .map(|h| {
                vec![
                    pair("第一依托单位", h.name.clone()),
                    pair("统一社会信用代码", h.uscc.clone()),
                    pair("单位类型", h.kind.label()),
                    pair("归口管理部门", h.supervising_department.clone()),
                ]
            })
            .unwrap_or_default(),
        "director" => s
            .people
            .iter()
            .find(|p| p.role == Role::Director)
            .map(|p| {
                let mut v = vec![
                    pair("姓名", p.name.clone()),
                    pair("职称", p.title.label()),
                    pair("学历", p.education.label()),
                ];
                if let Some(b) = p.birth_date {
                    v.push(pair("出生日期", text::date(b)));
                }
                v
            })
            .unwrap_or_default(),
        "people" => {
            let mut v = vec![pair("人员名单", format!("{} 人", s.people.len()))];
            if let Some(p) = s.people.iter().find(|p| p.role != Role::Director) {
                v.push(pair(
                    "一行示例",
                    format!(
                        "{}，{}，{}，{}，{}",
                        p.name,
                        p.title.label(),
                        p.education.label(),
                        p.employer_name,
                        if p.full_time { "全职" } else { "兼职" }
                    ),
                ));
            }
            v
        }
        "resources" => {
            let mut v = Vec::new();
            if let Some(i) = s.instruments.first() {
                v.push(pair(
                    "仪器设备",
                    format!("{} {}，原值 {} 万元", i.name, i.model, i.original_value.as_wan()),
                ));
            }
            if let Some(site) = s.sites.first() {
                v.push(pair(
                    "研发场地",
                    format!("{} {}，{} 平方米", site.address, site.building_room, site.area),
                ));
            }
            v
        }
        "investment" => s
            .rd_investments
            .iter()
            .take(3)
            .map(|r| pair(&format!("{} 年", r.year), format!("{} 万元", r.amount.as_wan())))
            .collect(),
        "achievements" => s
            .achievements
            .iter()
            .take(2)
            .map(|a| {
                let date = a.date.map(text::date).unwrap_or_default();
                pair(a.kind.label(), format!("{} {} {}", a.title, a.identifier, date).trim().to_string())
            })
            .collect(),
        "directions" => s.directions.iter().take(2).map(|d| pair("研究方向", d.title.clone())).collect(),
        _ => Vec::new(),
    }
}
