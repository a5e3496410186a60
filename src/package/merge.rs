//! The lead's side of a return: what the co-builder added, changed and removed relative to the
//! rows as sent, which of those the lead also changed meanwhile (clashes), and the merge of the
//! accepted rows in one transaction.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    check_rows, revision_label, same_unit, Package, PackageDirection, PackageError, PackageSections, Result,
};
use crate::model::{
    Achievement, Application, ChangeKind, HostUnit, Instrument, Person, RdInvestment, RowId, Site,
};
use crate::store::packages::{ImportMark, RowWrite};
use crate::store::{Record, RowData, RowKind, Store};
use crate::validate::normalize_code;

/// One row the co-builder added, changed or removed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackageChange {
    /// Names the row in [`PackageDecisions`], e.g. "people:12" or "people:new:3".
    pub key: String,
    pub kind: RowKind,
    pub action: ChangeKind,
    /// The row in words, e.g. a person's name.
    pub label: String,
    /// The row as the lead sent it (none when added).
    pub base: Option<RowData>,
    /// The row as the co-builder returned it (none when removed).
    pub theirs: Option<RowData>,
    /// The lead changed (or removed) the same row since sending it.
    pub clash: bool,
    /// The lead's current row, shown beside `theirs` when they clash (none when the lead
    /// removed it).
    pub lead: Option<RowData>,
}

/// The changes of one table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackageTableChanges {
    pub kind: RowKind,
    /// Chinese name of the table, e.g. "人员".
    pub label: String,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub changes: Vec<PackageChange>,
}

/// What importing a return would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackagePreview {
    pub application_id: RowId,
    pub centre_name: String,
    pub unit_name: String,
    pub unit_uscc: String,
    /// E.g. "第 1.2 版".
    pub revision: String,
    pub exported_at: String,
    /// Tables with at least one change, in the order of the application.
    pub tables: Vec<PackageTableChanges>,
    /// Rows returned as they were sent.
    pub unchanged: usize,
    pub clashes: usize,
    /// Supporting-material files the co-builder added or removed.
    pub evidence: Vec<super::PackageEvidenceChange>,
    /// Files returned that the lead already holds.
    pub evidence_unchanged: usize,
}

impl PackagePreview {
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.evidence.is_empty()
    }

    /// The preview as lines of text (the CLI prints it).
    pub fn text(&self) -> String {
        let mut out = format!(
            "共建单位“{}”（{}）返回的材料包，{}，导出于 {}；申报书“{}”（编号 {}）\n",
            self.unit_name,
            self.unit_uscc,
            self.revision,
            self.exported_at,
            self.centre_name,
            self.application_id
        );
        if self.is_empty() {
            out.push_str("与发出时相比没有任何改动\n");
        }
        for t in &self.tables {
            out.push_str(&format!("{}：新增 {}，修改 {}，删除 {}\n", t.label, t.added, t.changed, t.removed));
            for c in &t.changes {
                let action = c.action.label();
                out.push_str(&format!("  {action} {}  [{}]\n", c.label, c.key));
                if c.clash {
                    let lead = match &c.lead {
                        Some(row) => format!("牵头单位现为：{}", summary(row)),
                        None => "牵头单位已删除该行".into(),
                    };
                    let theirs = match &c.theirs {
                        Some(row) => format!("共建单位改为：{}", summary(row)),
                        None => "共建单位删除该行".into(),
                    };
                    out.push_str(&format!("    冲突：发出后牵头单位也修改了此行。{lead}；{theirs}\n"));
                }
            }
        }
        if !self.evidence.is_empty() {
            let count = |a| self.evidence.iter().filter(|c| c.action == a).count();
            out.push_str(&format!(
                "印证材料：新增 {} 个文件，删除 {} 个\n",
                count(ChangeKind::Added),
                count(ChangeKind::Removed)
            ));
            for c in &self.evidence {
                let action = c.action.label();
                out.push_str(&format!(
                    "  {action} {}（{} 页，{} 字节）→ {}  [{}]\n",
                    c.file_name, c.pages, c.size, c.item, c.key
                ));
            }
        }
        out.push_str(&format!("未改动 {} 行；冲突 {} 处\n", self.unchanged, self.clashes));
        if self.evidence_unchanged > 0 {
            out.push_str(&format!("印证材料未改动 {} 个文件\n", self.evidence_unchanged));
        }
        out
    }
}

/// Which changes to take. Every change is accepted unless `accept` says otherwise; a clash keeps
/// the lead's version unless `accept` names it or `clashes_theirs` is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackageDecisions {
    /// PackageChange key -> take the co-builder's version.
    #[serde(default)]
    pub accept: BTreeMap<String, bool>,
    /// Take the co-builder's version of every clash not named in `accept`.
    #[serde(default)]
    pub clashes_theirs: bool,
}

impl PackageDecisions {
    fn takes(&self, change: &PackageChange) -> bool {
        self.accept.get(&change.key).copied().unwrap_or(!change.clash || self.clashes_theirs)
    }

    fn takes_file(&self, change: &super::PackageEvidenceChange) -> bool {
        self.accept.get(&change.key).copied().unwrap_or(true)
    }
}

/// What a merge wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct PackageSummary {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Changes not taken (rejected, or clashes where the lead's version was kept).
    pub rejected: usize,
    /// Supporting-material files added and removed.
    pub files_added: usize,
    pub files_removed: usize,
}

impl PackageSummary {
    pub fn text(&self) -> String {
        let files = if self.files_added + self.files_removed > 0 {
            format!("；印证材料新增 {} 个文件，删除 {} 个", self.files_added, self.files_removed)
        } else {
            String::new()
        };
        format!(
            "已合并：新增 {}，修改 {}，删除 {}{files}；未采纳 {}",
            self.added, self.changed, self.removed, self.rejected
        )
    }
}

/// A roster row as the merge needs it.
trait MergeRow: Record + PartialEq {
    const KIND: RowKind;
    const LABEL: &'static str;
    fn data(self) -> RowData;
    fn label(&self) -> String;
}

impl MergeRow for HostUnit {
    const KIND: RowKind = RowKind::HostUnit;
    const LABEL: &'static str = "依托单位信息";
    fn data(self) -> RowData {
        RowData::HostUnit(self)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl MergeRow for Person {
    const KIND: RowKind = RowKind::Person;
    const LABEL: &'static str = "人员";
    fn data(self) -> RowData {
        RowData::Person(self)
    }
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl MergeRow for Instrument {
    const KIND: RowKind = RowKind::Instrument;
    const LABEL: &'static str = "科研仪器设备";
    fn data(self) -> RowData {
        RowData::Instrument(self)
    }
    fn label(&self) -> String {
        if self.asset_number.is_empty() {
            self.name.clone()
        } else {
            format!("{}（资产编号 {}）", self.name, self.asset_number)
        }
    }
}

impl MergeRow for Site {
    const KIND: RowKind = RowKind::Site;
    const LABEL: &'static str = "研发场地";
    fn data(self) -> RowData {
        RowData::Site(self)
    }
    fn label(&self) -> String {
        format!("{} {}", self.address, self.building_room).trim().to_string()
    }
}

impl MergeRow for RdInvestment {
    const KIND: RowKind = RowKind::RdInvestment;
    const LABEL: &'static str = "研发投入";
    fn data(self) -> RowData {
        RowData::RdInvestment(self)
    }
    fn label(&self) -> String {
        format!("{} 年", self.year)
    }
}

impl MergeRow for Achievement {
    const KIND: RowKind = RowKind::Achievement;
    const LABEL: &'static str = "成果";
    fn data(self) -> RowData {
        RowData::Achievement(self)
    }
    fn label(&self) -> String {
        self.title.clone()
    }
}

/// A row's content in one line, for showing two versions side by side in text.
fn summary(row: &RowData) -> String {
    let value = match row {
        RowData::Direction(r) => serde_json::to_value(r),
        RowData::HostUnit(r) => serde_json::to_value(r),
        RowData::Person(r) => serde_json::to_value(r),
        RowData::Instrument(r) => serde_json::to_value(r),
        RowData::Site(r) => serde_json::to_value(r),
        RowData::RdInvestment(r) => serde_json::to_value(r),
        RowData::Achievement(r) => serde_json::to_value(r),
    };
    match value {
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .filter(|(k, _)| k.as_str() != "id")
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn same<T: Record + PartialEq>(a: &T, b: &T) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    a.set_row_id(None);
    b.set_row_id(None);
    a == b
}

fn with_id<T: Record>(row: &T, id: Option<RowId>) -> T {
    let mut row = row.clone();
    row.set_row_id(id);
    row
}

/// The changes of one table: `theirs` against `base`, clashes against the lead's `current` rows.
fn diff<T: MergeRow>(base: &[T], theirs: &[T], current: &[T], unchanged: &mut usize) -> PackageTableChanges {
    let table = T::KIND.table();
    let base_by_id: HashMap<RowId, &T> = base.iter().filter_map(|r| Some((r.row_id()?, r))).collect();
    let current_by_id: HashMap<RowId, &T> = current.iter().filter_map(|r| Some((r.row_id()?, r))).collect();
    let returned: HashSet<RowId> =
        theirs.iter().filter_map(|r| r.row_id()).filter(|id| base_by_id.contains_key(id)).collect();
    let mut changes = Vec::new();
    for (i, row) in theirs.iter().enumerate() {
        match row.row_id().and_then(|id| Some((id, *base_by_id.get(&id)?))) {
            None => changes.push(PackageChange {
                key: format!("{table}:new:{i}"),
                kind: T::KIND,
                action: ChangeKind::Added,
                label: row.label(),
                base: None,
                theirs: Some(with_id(row, None).data()),
                clash: false,
                lead: None,
            }),
            Some((_, sent)) if same(sent, row) => *unchanged += 1,
            Some((id, sent)) => {
                let lead = current_by_id.get(&id).copied();
                let clash = lead.is_none_or(|lead| !same(lead, sent));
                changes.push(PackageChange {
                    key: format!("{table}:{id}"),
                    kind: T::KIND,
                    action: ChangeKind::Changed,
                    label: row.label(),
                    base: Some(sent.clone().data()),
                    theirs: Some(row.clone().data()),
                    clash,
                    lead: if clash { lead.map(|r| r.clone().data()) } else { None },
                })
            }
        }
    }
    for sent in base {
        let Some(id) = sent.row_id() else { continue };
        if returned.contains(&id) {
            continue;
        }
        // Removed on both sides: nothing to do.
        let Some(lead) = current_by_id.get(&id).copied() else { continue };
        let clash = !same(lead, sent);
        changes.push(PackageChange {
            key: format!("{table}:{id}"),
            kind: T::KIND,
            action: ChangeKind::Removed,
            label: sent.label(),
            base: Some(sent.clone().data()),
            theirs: None,
            clash,
            lead: if clash { Some(lead.clone().data()) } else { None },
        });
    }
    let count = |a: ChangeKind| changes.iter().filter(|c| c.action == a).count();
    PackageTableChanges {
        kind: T::KIND,
        label: T::LABEL.to_string(),
        added: count(ChangeKind::Added),
        changed: count(ChangeKind::Changed),
        removed: count(ChangeKind::Removed),
        changes,
    }
}

/// The lead application a return belongs to, with the checks that refuse it.
fn locate(store: &Store, package: &Package) -> Result<(RowId, Application)> {
    if package.direction != PackageDirection::ToLead {
        return Err(PackageError::NotAReturn);
    }
    let uscc = normalize_code(&package.base.unit.uscc);
    let Some(id) = store.application_by_uid(&package.origin)? else {
        // The co-builder importing its own return: say where it belongs.
        if store.package_draft(&package.origin, &uscc)?.is_some() {
            return Err(PackageError::NotForCoBuilder);
        }
        return Err(PackageError::Foreign);
    };
    if let Some(last) = store.last_package_import(id, &uscc)? {
        if (package.base_revision, package.revision) <= (last.base_revision, last.revision) {
            return Err(PackageError::Stale {
                found: package.revision_label(),
                last: revision_label(last.base_revision, last.revision),
            });
        }
    }
    check_rows(package)?;
    let app = store.load_application(id)?;
    let sent = &package.base.unit;
    let present = app
        .host_units
        .iter()
        .any(|h| (sent.id.is_some() && h.id == sent.id) || same_unit(&h.uscc, &sent.uscc));
    if !present {
        return Err(PackageError::UnitNotFound { name: sent.name.clone(), uscc: sent.uscc.clone() });
    }
    Ok((id, app))
}

/// What a returned package would add, change and remove, per table, with the clashes; writes
/// nothing. Refuses a package of another application, an older return than one already
/// imported, and a package meant for a co-builder.
pub fn preview_return(store: &Store, package: &Package) -> Result<PackagePreview> {
    let (id, app) = locate(store, package)?;
    let (base, theirs): (&PackageSections, &PackageSections) = (&package.base, &package.rows);
    let mut unchanged = 0;
    let tables = vec![
        diff(
            std::slice::from_ref(&base.unit),
            std::slice::from_ref(&theirs.unit),
            &app.host_units,
            &mut unchanged,
        ),
        diff(&base.people, &theirs.people, &app.people, &mut unchanged),
        diff(&base.instruments, &theirs.instruments, &app.instruments, &mut unchanged),
        diff(&base.sites, &theirs.sites, &app.sites, &mut unchanged),
        diff(&base.rd_investments, &theirs.rd_investments, &app.rd_investments, &mut unchanged),
        diff(&base.achievements, &theirs.achievements, &app.achievements, &mut unchanged),
    ];
    let tables: Vec<PackageTableChanges> = tables.into_iter().filter(|t| !t.changes.is_empty()).collect();
    let clashes = tables.iter().flat_map(|t| &t.changes).filter(|c| c.clash).count();
    let compared = super::evidence::compare(store, id, &app, package)?;
    Ok(PackagePreview {
        application_id: id,
        centre_name: app.centre_name,
        unit_name: theirs.unit.name.clone(),
        unit_uscc: theirs.unit.uscc.clone(),
        revision: package.revision_label(),
        exported_at: package.exported_at.clone(),
        tables,
        unchanged,
        clashes,
        evidence: compared.changes,
        evidence_unchanged: compared.unchanged,
    })
}

/// Merges a returned package: every change taken per `decisions`, all in one transaction, and
/// the package's revision recorded so that it (or an older one) is refused next time.
pub fn apply_return(
    store: &mut Store,
    package: &Package,
    decisions: &PackageDecisions,
) -> Result<PackageSummary> {
    store.with_change_source(crate::store::history::ChangeSource::Merge, |s| {
        merge_return(s, package, decisions)
    })
}

fn merge_return(
    store: &mut Store,
    package: &Package,
    decisions: &PackageDecisions,
) -> Result<PackageSummary> {
    let preview = preview_return(store, package)?;
    let mut summary = PackageSummary::default();
    let mut writes = Vec::new();
    for change in preview.tables.iter().flat_map(|t| &t.changes) {
        if !decisions.takes(change) {
            summary.rejected += 1;
            continue;
        }
        let lead_removed = change.clash && change.lead.is_none();
        // The lead removed and re-entered the unit meanwhile: its details stay the lead's.
        if lead_removed && change.kind == RowKind::HostUnit {
            summary.rejected += 1;
            continue;
        }
        match (change.action, &change.theirs) {
            (ChangeKind::Added, Some(row)) => {
                writes.push(RowWrite::Save(Box::new(row.clone())));
                summary.added += 1;
            }
            // The lead removed the row meanwhile: taking theirs brings it back as a new row.
            (ChangeKind::Changed, Some(row)) if lead_removed => {
                writes.push(RowWrite::Save(Box::new(without_id(row))));
                summary.added += 1;
            }
            (ChangeKind::Changed, Some(row)) => {
                writes.push(RowWrite::Save(Box::new(row.clone())));
                summary.changed += 1;
            }
            (ChangeKind::Removed, _) => {
                if let Some(id) = change.base.as_ref().and_then(row_id) {
                    writes.push(RowWrite::Delete(change.kind, id));
                    summary.removed += 1;
                }
            }
            _ => {}
        }
    }
    let uscc = normalize_code(&package.base.unit.uscc);
    let app = store.load_application(preview.application_id)?;
    let compared = super::evidence::compare(store, preview.application_id, &app, package)?;
    let decoded = super::evidence::decode(package);
    let (evidence, added, removed, rejected) =
        compared
            .writes(store, preview.application_id, package, &decoded, &uscc, |c| decisions.takes_file(c))?;
    summary.files_added = added;
    summary.files_removed = removed;
    summary.rejected += rejected;
    let mark = ImportMark {
        base_revision: package.base_revision,
        revision: package.revision,
        exported_at: package.exported_at.clone(),
    };
    if !store.apply_package_return(preview.application_id, &uscc, &mark, &writes, &evidence)? {
        let last = store.last_package_import(preview.application_id, &uscc)?;
        return Err(PackageError::Stale {
            found: package.revision_label(),
            last: last.map(|l| revision_label(l.base_revision, l.revision)).unwrap_or_default(),
        });
    }
    Ok(summary)
}

fn row_id(row: &RowData) -> Option<RowId> {
    match row {
        RowData::Direction(r) => r.id,
        RowData::HostUnit(r) => r.id,
        RowData::Person(r) => r.id,
        RowData::Instrument(r) => r.id,
        RowData::Site(r) => r.id,
        RowData::RdInvestment(r) => r.id,
        RowData::Achievement(r) => r.id,
    }
}

fn without_id(row: &RowData) -> RowData {
    let mut row = row.clone();
    match &mut row {
        RowData::Direction(r) => r.id = None,
        RowData::HostUnit(r) => r.id = None,
        RowData::Person(r) => r.id = None,
        RowData::Instrument(r) => r.id = None,
        RowData::Site(r) => r.id = None,
        RowData::RdInvestment(r) => r.id = None,
        RowData::Achievement(r) => r.id = None,
    }
    row
}
