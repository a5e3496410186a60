//! Attached files and what the store keeps of them: the reader that says what a file is
//! ([`inspect`]), the user's items ([`UserItem`], what each [`Evidences`]), the files attached
//! ([`AttachedFile`], content addressed by [`sha256_hex`]) and the keys files are attached under.
//! Pure and below the store; the item list in 目录 order is `crate::evidence`'s.

pub mod inspect;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::RowId;
use inspect::FileKind;

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
    /// What it evidences, in words (when not a criterion the assessment names).
    pub fn shown(&self) -> String {
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

pub fn pack_key(title: &str) -> String {
    format!("{PACK_PREFIX}{title}")
}

pub fn user_key(id: RowId) -> String {
    format!("{USER_PREFIX}{id}")
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
