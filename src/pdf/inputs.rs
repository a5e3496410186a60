//! Builds [`ExportInputs`] from a programme pack and the rules engine's assessment: the review
//! sheet rows, the priority-support items, the index of supporting material and the mailing
//! facts. Every programme fact comes from the pack; nothing legal is written here.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{
    ExportInputs, Mailing, Margins, PriorityItem, ReviewRow, ReviewSheet, SelfCheck, SupportingItem,
    DEFAULT_COMMITMENT,
};
use crate::rules::{rd_window, Assessment, Check, CriterionResult, Kind, Pack, Status, Verdict};

/// Supporting material that evidences a criterion, by criterion id.
const MATERIALS: &[(&str, &str)] = &[
    ("comprehensive-recommendation", "市人民政府建设推荐函"),
    ("hosts-legal-entity", "各依托单位营业执照或事业单位法人证书"),
    ("lead-registered", "第一依托单位注册登记证明"),
    ("lead-led-tasks", "第一依托单位牵头承担国家或省部级科技任务的立项文件"),
    ("lead-own-ip", "第一依托单位自主知识产权证书及成果应用证明"),
    ("own-ip", "自主知识产权证书及成果应用证明"),
    ("enterprise-lead", "高新技术企业证书，或规模以上企业及专门研发机构证明"),
    ("non-enterprise-lead", "省级以上重点学科（临床重点专科）或博士学位授予点证明"),
    ("co-build-agreement", "依托单位共建协议"),
    ("director-title", "中心主任专业技术职称证书"),
    ("director-record", "中心主任科技奖励证书或科技计划项目立项文件"),
    ("director-employer", "中心主任劳动（聘用）合同或人事关系证明"),
    ("staff-employer", "固定人员劳动（聘用）合同或社会保险缴纳证明"),
    ("area", "研发场地产权证明或租赁合同"),
    ("instruments", "科研仪器设备清单及购置凭证"),
    ("rd-investment", "近三年研发投入专项审计报告或财务报表"),
    ("safety-permits", "消防验收及安全生产相关许可证明"),
    ("safety-self-check", "安全自查自纠完成情况说明"),
];

fn row(c: &CriterionResult, source: &str) -> ReviewRow {
    let requirement = c.title.clone();
    let citation =
        if c.citation.document == source { c.citation.clause.clone() } else { c.citation.to_string() };
    let declared = match (&c.found, c.kind, c.status) {
        (Some(f), _, _) if !f.is_empty() => f.clone(),
        (_, Kind::Attest, Status::Met) => "申请人已确认".into(),
        (_, Kind::Attest, _) => "申请人未确认".into(),
        // The check's own finding (e.g. the region code it read), without its citation.
        _ => {
            let cited = format!("（{}）", c.citation);
            c.message.strip_suffix(&cited).unwrap_or(&c.message).to_string()
        }
    };
    let result = match c.status {
        Status::Met => SelfCheck::Met,
        Status::Unmet => SelfCheck::Unmet,
        Status::Warning => SelfCheck::Warning,
        Status::MissingData => SelfCheck::Missing,
        Status::NotApplicable => SelfCheck::NotApplicable,
        Status::Unconfirmed => SelfCheck::Unconfirmed,
    };
    ReviewRow { requirement, citation, declared, result }
}

/// The review sheet: one row per condition the check evaluated (hard, warn, cross and attest
/// criteria, those that do not apply included as 不适用), with the status of the live panel.
pub fn review_sheet(assessment: &Assessment) -> ReviewSheet {
    let shown: Vec<&CriterionResult> = assessment
        .criteria
        .iter()
        .filter(|c| matches!(c.kind, Kind::Hard | Kind::Warn | Kind::Cross | Kind::Attest))
        .collect();
    // The document most rows cite; their citations print as clauses only.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &shown {
        *counts.entry(c.citation.document.as_str()).or_default() += 1;
    }
    let source = counts.iter().max_by_key(|(_, n)| **n).map(|(d, _)| d.to_string()).unwrap_or_default();
    ReviewSheet {
        rows: shown.iter().map(|c| row(c, &source)).collect(),
        verdict: assessment.verdict_label.clone(),
        note: assessment.verdict_note.clone().filter(|_| assessment.verdict != Verdict::Eligible),
        source: if source.is_empty() { source } else { format!("《{source}》") },
        passed: assessment.verdict == Verdict::Eligible,
    }
}

/// The years the pack's R&D criterion sums on the assessment's reference date (as the engine does).
fn rd_years(pack: &Pack, assessment: &Assessment) -> Vec<i32> {
    pack.criteria
        .iter()
        .find_map(|c| match c.check {
            Check::RdInvestmentMin { years, .. } => Some(rd_window(assessment.as_of, years).collect()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The export inputs for `pack` and its `assessment`; `date` is printed as 填报日期.
pub fn inputs_from_assessment(pack: &Pack, assessment: &Assessment, date: NaiveDate) -> ExportInputs {
    let priorities = assessment
        .criteria
        .iter()
        .filter(|c| c.kind == Kind::Bonus)
        .map(|c| PriorityItem {
            text: c.title.clone(),
            citation: c.citation.to_string(),
            met: c.status == Status::Met,
        })
        .collect();
    let mut supporting: Vec<SupportingItem> = MATERIALS
        .iter()
        .filter_map(|(id, title)| {
            let c = assessment.result(id).filter(|c| c.status != Status::NotApplicable)?;
            Some(SupportingItem {
                title: (*title).into(),
                supports: format!("{}（{}）", c.title, c.citation),
            })
        })
        .collect();
    for c in assessment.criteria.iter().filter(|c| c.kind == Kind::Bonus && c.status == Status::Met) {
        supporting.push(SupportingItem {
            title: format!("优先支持条件证明材料：{}", c.title),
            supports: format!("优先支持（{}）", c.citation),
        });
    }
    let recipient = pack.submission.recipient.clone().unwrap_or_default();
    let contact = pack.contacts.iter().find(|c| !recipient.is_empty() && c.unit == recipient);
    let mailing = Mailing {
        address: pack
            .submission
            .address
            .clone()
            .or_else(|| contact.and_then(|c| c.address.clone()))
            .unwrap_or_default(),
        recipient,
        contacts: contact.map(|c| c.people.clone()).unwrap_or_default(),
        phones: contact.map(|c| c.phones.clone()).unwrap_or_default(),
        paper_deadline: pack.paper_deadline,
        online_deadline: pack.online_deadline,
        deadline_note: pack.dates_note.clone().unwrap_or_default(),
        requirements: pack.submission.requirements.clone(),
    };
    ExportInputs {
        programme: pack.name.clone(),
        document_title: "申请书".into(),
        issuer: pack.issuer.clone(),
        date,
        margins: Margins::default(),
        review: review_sheet(assessment),
        priorities,
        supporting,
        commitment: DEFAULT_COMMITMENT.into(),
        mailing,
        rd_years: rd_years(pack, assessment),
    }
}
