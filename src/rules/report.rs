//! The Chinese text report of an assessment, grouped by status, for `shenbao check`.
//! Formatting only: it never re-evaluates anything.

use std::fmt::Write;

use super::assessment::{Assessment, Status};
use super::pack::Kind;

const ORDER: [Status; 8] = [
    Status::Unmet,
    Status::MissingData,
    Status::NotVerified,
    Status::Unconfirmed,
    Status::Warning,
    Status::Met,
    Status::ByLead,
    Status::NotApplicable,
];

/// A readable report: header, verdict, then criteria grouped by status, priority support, conflicts.
pub fn report_text(a: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "申报类型：{}（{}）", a.programme_name, a.programme);
    let _ = writeln!(out, "参考日期：{}", a.as_of);
    let _ = writeln!(out, "结论：{}", a.verdict_line());
    if let Some(note) = &a.verdict_note {
        let _ = writeln!(out, "说明：{note}");
    }
    for n in &a.notices {
        let _ = writeln!(out, "提示：{n}");
    }
    for status in ORDER {
        // 优先支持 items are never failures: they get their own section below.
        let items: Vec<_> =
            a.criteria.iter().filter(|c| c.status == status && c.kind != Kind::PrioritySupport).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n【{}】{} 项", status.label(), items.len());
        for c in items {
            let _ = writeln!(out, "- [{}] {}：{}", c.id, c.title, c.message);
        }
    }
    let priority: Vec<_> = a.criteria.iter().filter(|c| c.kind == Kind::PrioritySupport).collect();
    if !priority.is_empty() {
        let _ = writeln!(out, "\n【优先支持】符合 {} 项（未符合的不影响结论）", a.priority_support.len());
        for s in &a.priority_support {
            let _ = writeln!(out, "- [{}] {}", s.id, s.title);
        }
        let others: Vec<&str> =
            priority.iter().filter(|c| c.status != Status::Met).map(|c| c.id.as_str()).collect();
        if !others.is_empty() {
            let _ = writeln!(out, "  未符合或未确认：{}", others.join("、"));
        }
    }
    if !a.duplicates.is_empty() {
        let _ = writeln!(out, "\n【重复或冲突】{} 处", a.duplicates.len());
        for d in &a.duplicates {
            let _ = writeln!(out, "- [{}] {}：{}", d.criterion, d.subject, d.detail);
        }
    }
    out
}
