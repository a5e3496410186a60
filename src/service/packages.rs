//! Co-builder packages (共建单位材料包): export one for a co-builder or back to the lead, open one
//! as a draft, preview and merge a returned one, and the live check of a draft.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{cross_params_in_store, write_file, ServiceError};
use crate::model::RowId;
use crate::package::{
    self, DraftCheck, OpenedDraft, Package, PackageDecisions, PackageDirection, PackageError, PackagePreview,
    PackageSummary,
};
use crate::store::Store;

/// Writes a co-builder package to `out`: on a lead application the package for host unit `unit`
/// (≥ 1); on a co-builder draft (no unit) the package returning it. A unit given for a draft is
/// refused (a draft can only go back to its lead), as is a lead application without a unit.
/// Returns what was written, in words.
pub fn export_package(
    store: &mut Store,
    id: RowId,
    unit: Option<usize>,
    out: &Path,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let p = match (store.package_link(id)?, unit) {
        (None, Some(unit)) => package::export_for_co_builder(store, id, unit, now)?,
        (Some(_), None) => package::export_back(store, id, now)?,
        (Some(_), Some(_)) => return Err(PackageError::DraftToCoBuilder(id).into()),
        (None, None) => return Err(PackageError::NotADraft(id).into()),
    };
    write_file(out, package::to_json(&p).as_bytes())?;
    let whom = match p.direction {
        PackageDirection::ToCoBuilder => format!("发给共建单位“{}”", p.rows.unit.name),
        PackageDirection::ToLead => format!("返回牵头单位“{}”", p.centre.lead_host_name),
    };
    Ok(format!("已导出{whom}的材料包（{}）：{}", p.revision_label(), out.display()))
}

/// Opens a package sent to a co-builder (the file's text) as a draft.
pub fn open_package(store: &mut Store, text: &str) -> Result<OpenedDraft, ServiceError> {
    Ok(package::open_as_draft(store, &package::from_json(text)?)?)
}

/// What a returned package (the file's text) would add, change and remove; writes nothing.
pub fn preview_package(store: &Store, text: &str) -> Result<PackagePreview, ServiceError> {
    Ok(package::preview_return(store, &package::from_json(text)?)?)
}

/// Merges a returned package with the user's choices, in one transaction.
pub fn apply_package(
    store: &mut Store,
    text: &str,
    decisions: &PackageDecisions,
) -> Result<PackageSummary, ServiceError> {
    Ok(package::apply_return(store, &package::from_json(text)?, decisions)?)
}

/// What importing a package file did.
pub enum PackageImported {
    /// A package to a co-builder, opened as a draft.
    Opened(OpenedDraft),
    /// A returned package, previewed (nothing written) and, when asked, merged.
    Returned { preview: Box<PackagePreview>, merged: Option<PackageSummary> },
}

/// Imports a package file's text, whichever way it goes: a package to a co-builder opens as a
/// draft; a returned one is previewed, and merged when `merge` holds the decisions.
pub fn import_package(
    store: &mut Store,
    text: &str,
    merge: Option<&PackageDecisions>,
) -> Result<PackageImported, ServiceError> {
    let p: Package = package::from_json(text)?;
    if p.direction == PackageDirection::ToCoBuilder {
        return Ok(PackageImported::Opened(package::open_as_draft(store, &p)?));
    }
    let preview = package::preview_return(store, &p)?;
    let merged = match merge {
        Some(decisions) => Some(package::apply_return(store, &p, decisions)?),
        None => None,
    };
    Ok(PackageImported::Returned { preview: Box::new(preview), merged })
}

/// The live check of a co-builder draft (its fixed staff, its rows claimed elsewhere); none for
/// an application that is not a draft.
pub fn check_package_draft(store: &mut Store, id: RowId) -> Result<Option<DraftCheck>, ServiceError> {
    if store.package_link(id)?.is_none() {
        return Ok(None);
    }
    let params = cross_params_in_store(store, None)?;
    let pack = super::kept_pack(store, id, &store.load_application(id)?).ok();
    Ok(Some(package::draft_check(store, id, pack.as_ref(), &params)?))
}

/// What opening a package file from outside the window (a double-click, `shenbao-app FILE`) did.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpenedPackageFile {
    /// A package sent to a co-builder, opened as its draft.
    Draft { opened: OpenedDraft },
    /// A package returned to the lead: what merging it would do (nothing written yet), and the
    /// file's text for the merge the user confirms.
    Return { preview: Box<PackagePreview>, text: String },
}

/// Opens a package file the desktop handed to the app: a package to a co-builder becomes its
/// draft; a returned one is previewed for merging. Anything else is refused with the reason.
pub fn open_package_file(store: &mut Store, path: &Path) -> Result<OpenedPackageFile, ServiceError> {
    let text = super::read_text_file(path)?;
    Ok(match import_package(store, &text, None)? {
        PackageImported::Opened(opened) => OpenedPackageFile::Draft { opened },
        PackageImported::Returned { preview, .. } => OpenedPackageFile::Return { preview, text },
    })
}

/// The files among a launch's arguments that the app opens: everything after the program name
/// that is not an option (the desktop passes the double-clicked file; `%f` in the desktop entry).
pub fn files_to_open(args: &[String], cwd: &Path) -> Vec<std::path::PathBuf> {
    args.iter().skip(1).filter(|a| !a.starts_with('-')).map(|a| cwd.join(a)).collect()
}

/// The name under which the app running on the database at `db` is found by a second launch
/// (a D-Bus name on Linux): one window per database, while another database opens its own.
pub fn instance_id(db: &Path) -> String {
    let hash = crate::evidence::sha256_hex(db.to_string_lossy().as_bytes());
    format!("cn.shenbao.desktop.db{}", &hash[..16])
}
