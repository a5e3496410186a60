//! What changed between two versions of a programme's pack: criteria added and removed,
//! thresholds (the check and its parameters), kinds and citations changed, and the pack's
//! document and dates. What a user reads before accepting next year's pack.

use crate::model::ChangeKind;
use crate::rules::{Citation, Pack};

use super::describe::{check_text, kind_name, scope_text};

/// One change of a criterion.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum CriterionChange {
    Added { id: String, title: String, kind: String, check: String, citation: String },
    Removed { id: String, title: String, citation: String },
    Changed { id: String, title: String, details: Vec<String> },
}

impl CriterionChange {
    pub fn id(&self) -> &str {
        match self {
            CriterionChange::Added { id, .. }
            | CriterionChange::Removed { id, .. }
            | CriterionChange::Changed { id, .. } => id,
        }
    }

    /// Added, removed or changed (the tag the window reads as `change`).
    pub fn kind(&self) -> ChangeKind {
        match self {
            CriterionChange::Added { .. } => ChangeKind::Added,
            CriterionChange::Removed { .. } => ChangeKind::Removed,
            CriterionChange::Changed { .. } => ChangeKind::Changed,
        }
    }

    /// The change in one Chinese line.
    pub fn line(&self) -> String {
        let said = self.kind().label();
        match self {
            CriterionChange::Added { id, title, kind, check, citation } => {
                format!("{said} {id}“{title}”（{kind}，{check}；依据 {citation}）")
            }
            CriterionChange::Removed { id, title, citation } => {
                format!("{said} {id}“{title}”（原依据 {citation}）")
            }
            CriterionChange::Changed { id, title, details } => {
                format!("{said} {id}“{title}”：{}", details.join("；"))
            }
        }
    }
}

/// The differences between two versions of one programme's pack.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct PackDiff {
    pub id: String,
    pub old_name: String,
    pub new_name: String,
    /// Pack-level changes: the document, effective dates, deadlines, notes.
    pub programme: Vec<String>,
    pub criteria: Vec<CriterionChange>,
}

impl PackDiff {
    pub fn is_empty(&self) -> bool {
        self.programme.is_empty() && self.criteria.is_empty()
    }

    /// Every change, one Chinese line each: the programme's first, then the criteria's.
    pub fn lines(&self) -> Vec<String> {
        self.programme.iter().cloned().chain(self.criteria.iter().map(CriterionChange::line)).collect()
    }
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), |d| d.to_string())
}

/// A citation with the pack's own document renamed to a neutral name, so that a new year's
/// document (a new `document.short`) does not make every citation a change.
fn neutral(c: &Citation, own: &str) -> Citation {
    if c.document == own {
        Citation { document: String::from("\u{0}"), clause: c.clause.clone() }
    } else {
        c.clone()
    }
}

pub fn diff(old: &Pack, new: &Pack) -> PackDiff {
    let mut programme = Vec::new();
    let mut note = |what: &str, a: String, b: String| {
        if a != b {
            programme.push(format!("{what}：{a} → {b}"));
        }
    };
    if old.id != new.id {
        note("编号", old.id.clone(), new.id.clone());
    }
    note("名称", old.name.clone(), new.name.clone());
    note("依据文件", old.document.title.clone(), new.document.title.clone());
    note(
        "文号",
        old.document.number.clone().unwrap_or_else(|| "—".into()),
        new.document.number.clone().unwrap_or_else(|| "—".into()),
    );
    note("生效日期", day(old.effective_from), day(new.effective_from));
    note("失效日期", day(old.effective_until), day(new.effective_until));
    note("网上截止", day(old.online_deadline), day(new.online_deadline));
    note("纸质截止", day(old.paper_deadline), day(new.paper_deadline));
    note("默认参考日期", day(old.reference_date), day(new.reference_date));
    for n in new.notes.iter().filter(|n| !old.notes.contains(n)) {
        programme.push(format!("新增说明：{n}"));
    }
    for n in old.notes.iter().filter(|n| !new.notes.contains(n)) {
        programme.push(format!("删除说明：{n}"));
    }
    let mut criteria = Vec::new();
    for o in &old.criteria {
        let Some(n) = new.criteria.iter().find(|n| n.id == o.id) else {
            criteria.push(CriterionChange::Removed {
                id: o.id.clone(),
                title: o.title.clone(),
                citation: o.citation.to_string(),
            });
            continue;
        };
        let mut details = Vec::new();
        if o.check != n.check {
            details.push(format!("阈值 {} → {}", check_text(&o.check), check_text(&n.check)));
        }
        if o.kind != n.kind {
            details.push(format!("类型 {} → {}", kind_name(o.kind), kind_name(n.kind)));
        }
        if neutral(&o.citation, &old.document.short) != neutral(&n.citation, &new.document.short) {
            details.push(format!("依据 {} → {}", o.citation, n.citation));
        }
        let (so, sn) = (scope_text(o), scope_text(n));
        if so != sn {
            let none = |s: String| if s.is_empty() { "全部适用".to_string() } else { s };
            details.push(format!("适用范围 {} → {}", none(so), none(sn)));
        }
        if o.title != n.title {
            details.push(format!("名称 {} → {}", o.title, n.title));
        }
        if o.shown.confirm != n.shown.confirm {
            details.push("确认语句已修改".into());
        }
        if o.cross_scope != n.cross_scope {
            details.push("比对的已建平台范围已修改".into());
        }
        if !details.is_empty() {
            criteria.push(CriterionChange::Changed { id: n.id.clone(), title: n.title.clone(), details });
        }
    }
    for n in new.criteria.iter().filter(|n| !old.criteria.iter().any(|o| o.id == n.id)) {
        criteria.push(CriterionChange::Added {
            id: n.id.clone(),
            title: n.title.clone(),
            kind: kind_name(n.kind),
            check: check_text(&n.check),
            citation: n.citation.to_string(),
        });
    }
    PackDiff {
        id: new.id.clone(),
        old_name: old.name.clone(),
        new_name: new.name.clone(),
        programme,
        criteria,
    }
}
