//! Supporting materials (印证材料): the items an application encloses — those the pack names for
//! each criterion that applies, then those the user adds — and the files attached to each.
//! Owns the item list in 目录 order; what an attached file is and what is stored of items and
//! files are `crate::attachment`'s (re-exported here), the SQL `store::evidence`'s, the binding into the PDF set in `pdf::evidence`. Nothing here reads a file
//! from disk or the clock.

mod materials;

pub use materials::{pack_materials, PackMaterial};

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

pub use crate::attachment::inspect::{
    AttachError, FileKind, Inspected, Limits, DEFAULT_MAX_BYTES, MIN_PRINT_DPI,
};
pub use crate::attachment::{inspect, pack_key, sha256_hex, user_key, AttachedFile, Evidences, UserItem};
use crate::rules::Assessment;

/// Settings key of the largest file accepted, in whole MB (default [`DEFAULT_MAX_BYTES`]).
pub const MAX_MB_SETTING: &str = "evidence_max_mb";
/// Settings key of the least print resolution of an image, in whole dpi (default
/// [`MIN_PRINT_DPI`]).
pub const MIN_DPI_SETTING: &str = "evidence_min_dpi";
/// One entry of the 印证材料目录, with its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceItem {
    /// Stable key the files are attached under.
    pub key: String,
    /// 1-based place in the 目录: printed as "印证材料 k".
    pub number: usize,
    /// Printed title ("（如有）" after an optional one).
    pub title: String,
    /// The criteria (or unit, person, record) it evidences, as printed.
    pub supports: String,
    /// Ids of the pack's criteria it evidences (empty for a user item not about a criterion).
    pub criteria: Vec<String>,
    pub required: bool,
    /// Added by the user (can be renamed and removed), not named by the pack.
    pub user: bool,
    pub files: Vec<AttachedFile>,
}

impl EvidenceItem {
    pub fn pages(&self) -> u32 {
        self.files.iter().map(|f| f.pages).sum()
    }

    /// A required item with nothing attached (待补充).
    pub fn missing(&self) -> bool {
        self.required && self.files.is_empty()
    }
}

/// The items in 目录 order: the pack's materials for each criterion that applies (and each
/// priority item met), in pack order, each title once with every criterion it evidences; then the
/// user's items. `files` maps item keys to their files in order.
pub fn items(
    assessment: &Assessment,
    user: &[UserItem],
    files: &BTreeMap<String, Vec<AttachedFile>>,
) -> Vec<EvidenceItem> {
    let mut out: Vec<EvidenceItem> = pack_materials(assessment)
        .into_iter()
        .map(|m| {
            let key = pack_key(&m.title);
            EvidenceItem {
                files: files.get(&key).cloned().unwrap_or_default(),
                key,
                number: 0,
                title: m.printed_title(),
                supports: m.supports,
                criteria: m.criteria,
                required: m.required,
                user: false,
            }
        })
        .collect();
    for u in user {
        let key = user_key(u.id);
        let criteria = match &u.evidences {
            Evidences::Criterion(c) => vec![c.clone()],
            _ => Vec::new(),
        };
        let supports = match &u.evidences {
            Evidences::Criterion(id) => assessment
                .criteria
                .iter()
                .find(|c| &c.id == id)
                .map(|c| format!("{}（{}）", c.title, c.citation))
                .unwrap_or_else(|| u.evidences.shown()),
            other => other.shown(),
        };
        out.push(EvidenceItem {
            files: files.get(&key).cloned().unwrap_or_default(),
            key,
            number: 0,
            title: u.title.clone(),
            supports,
            criteria,
            required: u.required,
            user: true,
        });
    }
    for (k, item) in out.iter_mut().enumerate() {
        item.number = k + 1;
    }
    out
}

/// Finds an item by its 目录 number ("3") or its key.
pub fn find<'a>(items: &'a [EvidenceItem], wanted: &str) -> Option<&'a EvidenceItem> {
    let wanted = wanted.trim();
    match wanted.parse::<usize>() {
        Ok(n) => items.iter().find(|i| i.number == n),
        Err(_) => items.iter().find(|i| i.key == wanted || i.title == wanted),
    }
}

/// The criteria whose required material is missing, with the titles missing (for the panel).
pub fn missing_by_criterion(items: &[EvidenceItem]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in items.iter().filter(|i| i.missing()) {
        for c in &item.criteria {
            out.entry(c.clone()).or_default().push(item.title.clone());
        }
    }
    out
}
