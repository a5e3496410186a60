//! Supporting materials (印证材料): the items an application encloses — those the pack names for
//! each criterion that applies, then those the user adds — and the files attached to each.
//! Owns the item list in 目录 order and the attachment reader ([`inspect`]); the SQL lives in
//! `store::evidence`, the binding into the PDF set in `pdf::evidence`. Nothing here reads a file
//! from disk or the clock.

pub mod inspect;
mod materials;

pub use materials::{pack_materials, PackMaterial};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::RowId;
use crate::rules::Assessment;
pub use inspect::{AttachError, FileKind, Inspected, Limits, DEFAULT_MAX_BYTES, MIN_PRINT_DPI};

/// Settings key of the largest file accepted, in whole MB (default [`DEFAULT_MAX_BYTES`]).
pub const MAX_MB_SETTING: &str = "evidence_max_mb";
/// Settings key of the least print resolution of an image, in whole dpi (default
/// [`MIN_PRINT_DPI`]).
pub const MIN_DPI_SETTING: &str = "evidence_min_dpi";
/// Item keys: a pack material is keyed by its title, a user-added item by its row id.
const PACK_PREFIX: &str = "pack:";
const USER_PREFIX: &str = "user:";

/// What a user-added item evidences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "ref", rename_all = "snake_case")]
pub enum Evidences {
    /// A criterion of the pack, by id.
    Criterion(String),
    /// A host unit, by USCC.
    Unit(String),
    /// A person, by name.
    Person(String),
    /// A roster row, in words (e.g. "仪器 GS-2021-001").
    Record(String),
    /// Nothing in particular (其他材料).
    Other,
}

impl Evidences {
    fn shown(&self) -> String {
        match self {
            Evidences::Criterion(c) => format!("申报条件 {c}"),
            Evidences::Unit(u) => format!("依托单位 {u}"),
            Evidences::Person(p) => format!("人员 {p}"),
            Evidences::Record(r) => r.clone(),
            Evidences::Other => "其他材料".into(),
        }
    }
}

/// An item the user added (the pack's items are not stored, only their files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserItem {
    pub id: RowId,
    pub title: String,
    pub evidences: Evidences,
    pub required: bool,
}

/// One attached file, without its bytes (they stay in the store until a PDF is written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachedFile {
    pub id: RowId,
    pub file_name: String,
    pub kind: FileKind,
    /// Lower-case hex SHA-256 of the content: the blob it is stored as.
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    pub pages: u32,
    /// What binding does to it (scaled, turned), in Chinese; empty when nothing.
    pub note: String,
    #[serde(skip)]
    #[ts(skip)]
    pub orientation: u16,
    /// The unit it is from (normalised USCC): a co-builder's file merged from its package;
    /// empty for the application's own.
    #[serde(skip)]
    #[ts(skip)]
    pub unit: String,
}

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

pub fn pack_key(title: &str) -> String {
    format!("{PACK_PREFIX}{title}")
}

pub fn user_key(id: RowId) -> String {
    format!("{USER_PREFIX}{id}")
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

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
