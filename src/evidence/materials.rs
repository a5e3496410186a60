//! The materials the pack names for an application's criteria (its 印证材料目录 before the
//! user's own items): one walk of the assessment, shared by the printed 目录 and the store.

use crate::rules::{Assessment, Kind, Status};

/// One material the pack names, once per title, with every criterion that applies (and each
/// priority item met) it evidences, in pack order.
pub struct PackMaterial {
    /// The pack's title, without "（如有）".
    pub title: String,
    /// The criteria it evidences, as printed (e.g. "研发场地面积（二（四）4）；…").
    pub supports: String,
    pub criteria: Vec<String>,
    /// Required by at least one of those criteria.
    pub required: bool,
}

impl PackMaterial {
    /// The title as the 目录 prints it: "（如有）" after an optional material.
    pub fn printed_title(&self) -> String {
        if self.required {
            self.title.clone()
        } else {
            format!("{}（如有）", self.title)
        }
    }
}

/// The materials the pack names for the criteria of `assessment` (see [`PackMaterial`]): the one
/// walk the 目录 and the supporting-materials store share.
pub fn pack_materials(assessment: &Assessment) -> Vec<PackMaterial> {
    let mut out: Vec<PackMaterial> = Vec::new();
    for c in &assessment.criteria {
        if c.status == Status::NotApplicable || (c.kind == Kind::PrioritySupport && c.status != Status::Met) {
            continue;
        }
        let what = if c.kind == Kind::PrioritySupport {
            format!("优先支持（{}）", c.citation)
        } else {
            format!("{}（{}）", c.title, c.citation)
        };
        for m in &c.shown.materials {
            match out.iter_mut().find(|s| s.title == m.title) {
                Some(seen) => {
                    seen.supports.push('；');
                    seen.supports.push_str(&what);
                    seen.criteria.push(c.id.clone());
                    seen.required |= m.required;
                }
                None => out.push(PackMaterial {
                    title: m.title.clone(),
                    supports: what.clone(),
                    criteria: vec![c.id.clone()],
                    required: m.required,
                }),
            }
        }
    }
    out
}
