//! The supporting materials a co-builder package carries: the unit's own items and files (to a
//! co-builder: those about the unit, its people, or returned by it before; back to the lead:
//! everything attached in the draft), their contents (base64, checked against SHA-256 and read
//! again as the attachment reader reads a new file), and the three-way comparison of a return
//! with what was sent and what the lead holds now. A file is known across databases by its item
//! (`pack:<title>`, or `item:<title>` for a user's item) and its SHA-256.

use std::collections::{BTreeMap, HashSet};

use base64::Engine;
use serde::Serialize;
use ts_rs::TS;

use super::{same_unit, Package, PackageError, Result};
use crate::evidence::{inspect, sha256_hex, AttachedFile, Evidences, Inspected, UserItem};
use crate::interchange::ArchivedFile;
use crate::model::ChangeKind;
use crate::model::{Application, HostUnit, RowId};
use crate::store::evidence::{EvidenceWrites, ItemRef, NewFile};
use crate::store::Store;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// One supporting-material file a return adds or removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackageEvidenceChange {
    /// Names it in [`super::PackageDecisions`]: "evidence:new:3" or "evidence:12" (the lead's
    /// file id).
    pub key: String,
    pub action: ChangeKind,
    /// The item's title.
    pub item: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub pages: u32,
}

/// The unit's materials, ready to go into a package.
#[derive(Default)]
pub(super) struct Carried {
    pub items: Vec<UserItem>,
    pub files: Vec<ArchivedFile>,
    pub contents: BTreeMap<String, String>,
}

impl Carried {
    /// The files as the receiver will compare them later (item as its identity, no contents).
    pub fn base(&self) -> Vec<ArchivedFile> {
        self.files
            .iter()
            .map(|f| ArchivedFile { item: identity(&f.item, &self.items), ..f.clone() })
            .collect()
    }
}

/// A file's item as known across databases: `pack:<title>` stays, `user:<id>` becomes
/// `item:<title>`.
fn identity(key: &str, items: &[UserItem]) -> String {
    match key.strip_prefix("user:").and_then(|id| id.parse::<RowId>().ok()) {
        Some(id) => match items.iter().find(|i| i.id == id) {
            Some(item) => format!("item:{}", item.title),
            None => key.to_string(),
        },
        None => key.to_string(),
    }
}

fn archived(item: &str, f: &AttachedFile) -> ArchivedFile {
    ArchivedFile {
        item: item.to_string(),
        file_name: f.file_name.clone(),
        kind: f.kind,
        sha256: f.sha256.clone(),
        pages: f.pages,
        orientation: f.orientation,
        note: f.note.clone(),
        unit: String::new(),
    }
}

/// An attached file with the key of its item.
type Keyed = (String, AttachedFile);

/// Whether a user's item is about `unit` (the unit itself or one of the people it employs).
fn about_unit(item: &UserItem, app: &Application, unit: &HostUnit) -> bool {
    match &item.evidences {
        Evidences::Unit(uscc) => same_unit(uscc, &unit.uscc),
        Evidences::Person(name) => app
            .people
            .iter()
            .any(|p| p.name == *name && p.employer_uscc.as_deref().is_some_and(|u| same_unit(u, &unit.uscc))),
        _ => false,
    }
}

/// The lead's files that are the unit's: those of items about it and those it returned before,
/// with their item keys and the user items involved.
fn unit_files(
    store: &Store,
    id: RowId,
    app: &Application,
    unit: &HostUnit,
) -> Result<(Vec<UserItem>, Vec<Keyed>)> {
    let all_items = store.evidence_user_items(id)?;
    let mut files = Vec::new();
    for (key, attached) in store.evidence_files(id)? {
        let item_about = all_items
            .iter()
            .find(|i| crate::evidence::user_key(i.id) == key)
            .is_some_and(|i| about_unit(i, app, unit));
        for f in attached {
            if item_about || same_unit(&f.unit, &unit.uscc) {
                files.push((key.clone(), f));
            }
        }
    }
    let used: HashSet<&str> = files.iter().map(|(k, _)| k.as_str()).collect();
    let items = all_items
        .iter()
        .filter(|i| about_unit(i, app, unit) || used.contains(crate::evidence::user_key(i.id).as_str()))
        .cloned()
        .collect();
    Ok((items, files))
}

fn carry(store: &Store, items: Vec<UserItem>, files: &[(String, AttachedFile)]) -> Result<Carried> {
    let mut out = Carried { items, ..Carried::default() };
    for (key, f) in files {
        if !out.contents.contains_key(&f.sha256) {
            out.contents.insert(f.sha256.clone(), B64.encode(store.evidence_blob(&f.sha256)?));
        }
        out.files.push(archived(key, f));
    }
    Ok(out)
}

/// What the lead sends a co-builder: the unit's materials.
pub(super) fn for_co_builder(
    store: &Store,
    id: RowId,
    app: &Application,
    unit: &HostUnit,
) -> Result<Carried> {
    let (items, files) = unit_files(store, id, app, unit)?;
    carry(store, items, &files)
}

/// What a draft returns: everything attached in it.
pub(super) fn from_draft(store: &Store, draft: RowId) -> Result<Carried> {
    let items = store.evidence_user_items(draft)?;
    let files: Vec<(String, AttachedFile)> = store
        .evidence_files(draft)?
        .into_iter()
        .flat_map(|(k, fs)| fs.into_iter().map(move |f| (k.clone(), f)))
        .collect();
    carry(store, items, &files)
}

/// The length of what a base64 text decodes to.
fn decoded_len(text: &str) -> u64 {
    let pad = text.bytes().rev().take_while(|b| *b == b'=').count();
    ((text.len() / 4 * 3).saturating_sub(pad)) as u64
}

fn refused(file: &str, reason: String) -> PackageError {
    PackageError::Evidence { file: file.to_string(), reason }
}

/// Checks a package's materials as read from a file: every content decodes, matches its SHA-256
/// and is read again by the attachment reader (its kind, pages and orientation are taken from
/// the content, not the file's word); every file has its content and names an item carried.
pub(super) fn check(package: &mut Package) -> Result<()> {
    let mut read: BTreeMap<String, Inspected> = BTreeMap::new();
    for (sha, data) in &package.contents {
        let bytes = B64.decode(data).map_err(|_| refused(sha, "内容不是有效的 base64 编码".into()))?;
        if sha256_hex(&bytes) != *sha {
            return Err(refused(sha, "内容与其 SHA-256 校验值不符：材料包已损坏".into()));
        }
        let found = inspect::inspect(&bytes, u64::MAX).map_err(|e| refused(sha, e.to_string()))?;
        read.insert(sha.clone(), found);
    }
    let ids: HashSet<String> =
        package.evidence_items.iter().map(|i| crate::evidence::user_key(i.id)).collect();
    for f in &mut package.evidence {
        let Some(found) = read.get(&f.sha256) else {
            return Err(refused(&f.file_name, "材料包中缺少该文件的内容".into()));
        };
        if !(f.item.starts_with("pack:") || ids.contains(&f.item)) {
            return Err(refused(&f.file_name, format!("所属材料“{}”不在材料包中", f.item)));
        }
        f.kind = found.kind;
        f.pages = found.pages;
        f.orientation = found.orientation;
        f.note.clone_from(&found.note);
    }
    Ok(())
}

fn bytes_of<'a>(decoded: &'a BTreeMap<String, Vec<u8>>, f: &ArchivedFile) -> &'a [u8] {
    decoded.get(&f.sha256).map(Vec::as_slice).unwrap_or_default()
}

/// The contents of a checked package, decoded.
pub(super) fn decode(package: &Package) -> BTreeMap<String, Vec<u8>> {
    package.contents.iter().filter_map(|(sha, data)| Some((sha.clone(), B64.decode(data).ok()?))).collect()
}

fn new_file<'a>(f: &ArchivedFile, bytes: &'a [u8], unit: &str) -> NewFile<'a> {
    NewFile {
        file_name: f.file_name.clone(),
        inspected: Inspected {
            kind: f.kind,
            pages: f.pages,
            note: f.note.clone(),
            orientation: f.orientation,
        },
        bytes,
        unit: unit.to_string(),
    }
}

/// The writes that open a package's materials in a new draft: every item and file as sent.
pub(super) fn draft_writes<'a>(
    package: &Package,
    decoded: &'a BTreeMap<String, Vec<u8>>,
    unit: &str,
) -> EvidenceWrites<'a> {
    let mut writes = EvidenceWrites {
        new_items: package
            .evidence_items
            .iter()
            .map(|i| (i.title.clone(), i.evidences.clone(), i.required))
            .collect(),
        ..EvidenceWrites::default()
    };
    for f in &package.evidence {
        let item = match package.evidence_items.iter().position(|i| crate::evidence::user_key(i.id) == f.item)
        {
            Some(k) => ItemRef::New(k),
            None => ItemRef::Key(f.item.clone()),
        };
        writes.add.push((item, new_file(f, bytes_of(decoded, f), unit)));
    }
    writes
}

/// The lead's side of a return's materials: the changes to preview and, for the merge, the
/// writes of the changes taken.
pub(super) struct Compared {
    pub changes: Vec<PackageEvidenceChange>,
    /// Per change: the package file added (index) or the lead's file removed.
    targets: Vec<Target>,
    pub unchanged: usize,
}

enum Target {
    Add(usize),
    Remove(RowId),
}

/// Compares a return's files with the files sent (`evidence_base`) and the lead's: a file the
/// co-builder added (and the lead does not hold under the same item) is added; a file sent that
/// the co-builder removed is removed from the lead (when the lead still holds it as the unit's).
pub(super) fn compare(store: &Store, id: RowId, app: &Application, package: &Package) -> Result<Compared> {
    let theirs: Vec<(String, &ArchivedFile)> =
        package.evidence.iter().map(|f| (identity(&f.item, &package.evidence_items), f)).collect();
    let sent: HashSet<(String, &str)> =
        package.evidence_base.iter().map(|f| (f.item.clone(), f.sha256.as_str())).collect();
    let lead_items = store.evidence_user_items(id)?;
    let lead_all: HashSet<(String, String)> = store
        .evidence_files(id)?
        .into_iter()
        .flat_map(|(k, fs)| fs.into_iter().map(move |f| (k.clone(), f.sha256)))
        .map(|(k, sha)| (identity(&k, &lead_items), sha))
        .collect();
    let mut out = Compared { changes: Vec::new(), targets: Vec::new(), unchanged: 0 };
    let title_of = |identity: &str| identity.split_once(':').map(|(_, t)| t.to_string()).unwrap_or_default();
    let mut seen = HashSet::new();
    for (k, (item, f)) in theirs.iter().enumerate() {
        if !seen.insert((item.clone(), f.sha256.clone())) {
            continue;
        }
        if sent.contains(&(item.clone(), f.sha256.as_str()))
            || lead_all.contains(&(item.clone(), f.sha256.clone()))
        {
            out.unchanged += 1;
            continue;
        }
        out.changes.push(PackageEvidenceChange {
            key: format!("evidence:new:{k}"),
            action: ChangeKind::Added,
            item: title_of(item),
            file_name: f.file_name.clone(),
            size: package.contents.get(&f.sha256).map(|d| decoded_len(d)).unwrap_or(0),
            pages: f.pages,
        });
        out.targets.push(Target::Add(k));
    }
    let returned: HashSet<(&str, &str)> =
        theirs.iter().map(|(i, f)| (i.as_str(), f.sha256.as_str())).collect();
    if let Some(unit) = app.host_units.iter().find(|h| same_unit(&h.uscc, &package.base.unit.uscc)) {
        let (_, files) = unit_files(store, id, app, unit)?;
        for (key, f) in files {
            let item = identity(&key, &lead_items);
            if sent.contains(&(item.clone(), f.sha256.as_str()))
                && !returned.contains(&(item.as_str(), f.sha256.as_str()))
            {
                out.changes.push(PackageEvidenceChange {
                    key: format!("evidence:{}", f.id),
                    action: ChangeKind::Removed,
                    item: title_of(&item),
                    file_name: f.file_name.clone(),
                    size: f.size,
                    pages: f.pages,
                });
                out.targets.push(Target::Remove(f.id));
            }
        }
    }
    Ok(out)
}

impl Compared {
    /// The writes of the changes `take` accepts; files added are the unit's (`unit`).
    pub fn writes<'a>(
        &self,
        store: &Store,
        id: RowId,
        package: &Package,
        decoded: &'a BTreeMap<String, Vec<u8>>,
        unit: &str,
        take: impl Fn(&PackageEvidenceChange) -> bool,
    ) -> Result<(EvidenceWrites<'a>, usize, usize, usize)> {
        let lead_items = store.evidence_user_items(id)?;
        let mut writes = EvidenceWrites::default();
        let (mut added, mut removed, mut rejected) = (0, 0, 0);
        for (change, target) in self.changes.iter().zip(&self.targets) {
            if !take(change) {
                rejected += 1;
                continue;
            }
            match target {
                Target::Remove(file) => {
                    writes.remove.push(*file);
                    removed += 1;
                }
                Target::Add(k) => {
                    let f = &package.evidence[*k];
                    let item = if f.item.starts_with("pack:") {
                        ItemRef::Key(f.item.clone())
                    } else {
                        let theirs =
                            package.evidence_items.iter().find(|i| crate::evidence::user_key(i.id) == f.item);
                        let title = theirs.map(|i| i.title.clone()).unwrap_or_default();
                        match lead_items.iter().find(|i| i.title == title) {
                            Some(mine) => ItemRef::Key(crate::evidence::user_key(mine.id)),
                            None => match writes.new_items.iter().position(|(t, _, _)| *t == title) {
                                Some(n) => ItemRef::New(n),
                                None => {
                                    let (evidences, required) = theirs
                                        .map(|i| (i.evidences.clone(), i.required))
                                        .unwrap_or((Evidences::Other, false));
                                    writes.new_items.push((title, evidences, required));
                                    ItemRef::New(writes.new_items.len() - 1)
                                }
                            },
                        }
                    };
                    writes.add.push((item, new_file(f, bytes_of(decoded, f), unit)));
                    added += 1;
                }
            }
        }
        Ok((writes, added, removed, rejected))
    }
}
