//! Builds [`ExportInputs`] from a programme pack and the rules engine's assessment: the review
//! sheet rows, the priority-support items, the index of supporting material and the mailing
//! facts. Every programme fact comes from the pack; nothing legal is written here.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{
    ExportInputs, Mailing, Margins, PrioritySupportItem, ReviewRow, ReviewSheet, SelfCheck, SupportingItem,
    DEFAULT_COMMITMENT,
};
use crate::rules::{rd_window, Assessment, Check, CriterionResult, Kind, Pack, Status, Verdict};

fn row(c: &CriterionResult, source: &str) -> ReviewRow {
    let requirement = c.title.clone();
    let citation =
        if c.citation.document == source { c.citation.clause.clone() } else { c.citation.to_string() };
    let declared = match (&c.found, c.kind, c.status) {
        (Some(f), _, _) if !f.is_empty() => f.clone(),
        (_, Kind::Attest, Status::Met) => "申请人已确认".into(),
        (_, Kind::Attest, _) => "申请人未确认".into(),
        (_, _, Status::NotVerified) => match &c.unverified {
            Some(u) => format!("未核验：{}", u.reason),
            None => Status::NotVerified.label().into(),
        },
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
        // A draft's centre-level criterion was not judged in it.
        Status::NotVerified | Status::ByLead => SelfCheck::NotVerified,
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
        verdict: assessment.verdict_line(),
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

/// The 印证材料目录 of an export without attached files: the pack's materials, pages blank.
pub fn supporting_items(assessment: &Assessment) -> Vec<SupportingItem> {
    crate::evidence::pack_materials(assessment)
        .into_iter()
        .map(|m| SupportingItem { title: m.printed_title(), supports: m.supports, pages: String::new() })
        .collect()
}

/// The export inputs for `pack` and its `assessment`; `date` is printed as 填报日期.
pub fn inputs_from_assessment(pack: &Pack, assessment: &Assessment, date: NaiveDate) -> ExportInputs {
    let priority_support = assessment
        .criteria
        .iter()
        .filter(|c| c.kind == Kind::PrioritySupport)
        .map(|c| PrioritySupportItem {
            text: c.title.clone(),
            citation: c.citation.to_string(),
            met: c.status == Status::Met,
        })
        .collect();
    let supporting = supporting_items(assessment);
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
        enclosures: pack.submission.enclosures.clone(),
        checks: pack.submission.checks.clone(),
        online_system: pack.submission.online_system.is_some(),
        signatures: pack.submission.signatures.clone(),
        signoffs: Default::default(),
    };
    ExportInputs {
        programme: pack.name.clone(),
        document_title: "申请书".into(),
        issuer: pack.issuer.clone(),
        date,
        margins: Margins::default(),
        review: review_sheet(assessment),
        priority_support,
        supporting,
        commitment: pack.presentation.commitment.clone().unwrap_or_else(|| DEFAULT_COMMITMENT.into()),
        mailing,
        rd_years: rd_years(pack, assessment),
        labels: pack.presentation.clone(),
        duplex: pack.submission.duplex,
    }
}
