//! The printed documents: which ones, their bytes for the preview, writing them into a folder,
//! and what the 申请书 would still print empty.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{check_stored, check_target, evidence, CheckOptions, Checked, ServiceError, Target};
use crate::completeness::EmptyPart;
use crate::model::{Application, RowId};
use crate::pdf::{self, Which};
use crate::rules::{Assessment, Pack};
use crate::store::Store;

/// Parses `application|review|mailing|bound|evidence|all`.
pub fn which_from_name(name: &str) -> Option<Which> {
    Some(match name {
        "application" => Which::Application,
        "review" => Which::Review,
        "mailing" => Which::Mailing,
        "bound" => Which::Bound,
        "evidence" => Which::Evidence,
        "all" => Which::All,
        _ => return None,
    })
}

/// One document's PDF in memory, for the preview before saving (`All` is refused by the caller).
pub fn document_bytes(
    app: &Application,
    pack: &Pack,
    assessment: &Assessment,
    which: Which,
    fill_date: NaiveDate,
) -> Result<Vec<u8>, ServiceError> {
    let inputs = pdf::inputs_from_assessment(pack, assessment, fill_date);
    Ok(pdf::export(app, &inputs, which)?.into_iter().next().map(|(_, bytes)| bytes).unwrap_or_default())
}

/// What the 申请书 of `app` would still print empty (内容完整性), with the programme's labels.
pub fn empty_parts(app: &Application, pack: &Pack) -> Vec<crate::completeness::EmptyPart> {
    crate::completeness::empty_parts(app, &pack.presentation)
}

/// The narrative sections the wizard offers, in print order.
pub fn narrative_sections() -> Vec<crate::completeness::NarrativeSection> {
    crate::completeness::narrative_sections()
}

/// The folder export suggests: 申报材料 in the user's documents folder (or home), when known.
pub fn default_export_dir(documents: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    documents.or(home).map(|d| d.join("申报材料"))
}

/// Writes the chosen documents into `out_dir` and returns their paths. `fill_date` is printed as
/// the 填报日期. Exports even when the self-check failed: the review sheet then says so. For an
/// application stored in `stored` (store and id), its supporting materials are listed in the 目录
/// with their pages and bound into the set.
pub fn export_documents_in_store(
    stored: Option<(&Store, RowId)>,
    app: &Application,
    pack: &Pack,
    assessment: &Assessment,
    which: Which,
    fill_date: NaiveDate,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ServiceError> {
    let mut inputs = pdf::inputs_from_assessment(pack, assessment, fill_date);
    let files = match stored {
        Some((store, id)) => {
            let items = evidence::items_for(store, id, assessment)?;
            inputs.supporting = evidence::supporting(&items);
            inputs.mailing.signoffs = store.signoffs_of(id)?;
            let docs = if matches!(which, Which::Bound | Which::Evidence | Which::All) {
                evidence::bound_docs(store, &items)?
            } else {
                Vec::new()
            };
            pdf::export_with(app, &inputs, which, &docs)?
        }
        None => pdf::export(app, &inputs, which)?,
    };
    let write_err = |path: &Path, e: std::io::Error| ServiceError::write(path, &e);
    std::fs::create_dir_all(out_dir).map_err(|e| write_err(out_dir, e))?;
    let mut written = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = out_dir.join(name);
        // Write beside, then rename: a failed export never leaves half a PDF under the real name.
        let tmp = path.with_extension("pdf.part");
        std::fs::write(&tmp, &bytes).map_err(|e| write_err(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| write_err(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The whole database as one archive (`export-all`): every application, the registry, and the
/// supporting materials with their files' contents, byte-identical.
pub fn archive(store: &Store) -> Result<crate::interchange::Archive, ServiceError> {
    use crate::interchange::{Archive, ArchivedEvidence, ArchivedFile};
    let mut archive = Archive { registry: store.list_platforms()?, ..Archive::default() };
    for (index, (id, app)) in store.load_all_applications()?.into_iter().enumerate() {
        archive.applications.push(app);
        let items = store.evidence_user_items(id)?;
        let mut files = Vec::new();
        for (item, attached) in store.evidence_files(id)? {
            for f in attached {
                if !archive.contents.contains_key(&f.sha256) {
                    archive.contents.insert(f.sha256.clone(), store.evidence_blob(&f.sha256)?);
                }
                files.push(ArchivedFile {
                    item: item.clone(),
                    file_name: f.file_name,
                    kind: f.kind,
                    sha256: f.sha256,
                    pages: f.pages,
                    orientation: f.orientation,
                    note: f.note,
                    unit: f.unit,
                });
            }
        }
        if !items.is_empty() || !files.is_empty() {
            archive.evidence.push(ArchivedEvidence { application: index, items, files });
        }
    }
    Ok(archive)
}

/// Reads the names of the documents to export (`application`, `review`, `mailing`, `bound`,
/// `all`); at least one.
pub fn which_from_names(names: &[String]) -> Result<Vec<Which>, ServiceError> {
    if names.is_empty() {
        return Err(ServiceError::bad_value("导出文件", "请至少选择一种要导出的文件"));
    }
    names
        .iter()
        .map(|w| {
            which_from_name(w).ok_or_else(|| {
                ServiceError::bad_value(
                    "导出文件",
                    format!("未知的导出文件类型“{w}”：应为 application、review、mailing、bound 或 all"),
                )
            })
        })
        .collect()
}

/// Writes the chosen documents of a checked application into `out_dir` (the review sheet says
/// what its check found; a stored one binds its supporting materials from `store`); returns the
/// written paths.
pub fn export_checked(
    store: Option<&Store>,
    checked: &Checked,
    which: &[Which],
    fill_date: NaiveDate,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ServiceError> {
    let mut written = Vec::new();
    for which in which {
        let assessment = &checked.check.assessment;
        let (app, pack, stored) = (&checked.app, &checked.pack, store.zip(checked.id));
        written.extend(export_documents_in_store(stored, app, pack, assessment, *which, fill_date, out_dir)?);
    }
    Ok(written)
}

/// Load → pack → check → write the chosen documents of a stored application into `out_dir`.
pub fn export_stored(
    store: &mut Store,
    id: RowId,
    which: &[Which],
    today: NaiveDate,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ServiceError> {
    let checked = check_stored(store, id, &CheckOptions::default(), today)?;
    export_checked(Some(store), &checked, which, today, out_dir)
}

/// Checks `target` (see [`check_target`]) and writes the chosen documents into `out_dir`;
/// returns the check and the written paths.
pub fn export_target(
    db: &Path,
    target: &Target,
    options: &CheckOptions,
    which: &[Which],
    today: NaiveDate,
    out_dir: &Path,
) -> Result<(Checked, Vec<PathBuf>), ServiceError> {
    let checked = match target {
        Target::Stored(id) => {
            let store = Store::open_for_reading(db)?;
            let checked = check_stored(&store, *id, options, today)?;
            let written = export_checked(Some(&store), &checked, which, today, out_dir)?;
            return Ok((checked, written));
        }
        Target::File(_) => check_target(db, target, options, today)?,
    };
    let written = export_checked(None, &checked, which, today, out_dir)?;
    Ok((checked, written))
}

/// One document of a stored application as PDF bytes, for the preview before saving.
pub fn preview_stored(
    store: &mut Store,
    id: RowId,
    which: &str,
    today: NaiveDate,
) -> Result<Vec<u8>, ServiceError> {
    let which = which_from_name(which)
        .filter(|w| *w != Which::All)
        .ok_or_else(|| ServiceError::bad_value("预览文件", format!("未知的预览文件类型“{which}”")))?;
    let checked = check_stored(store, id, &CheckOptions::default(), today)?;
    document_bytes(&checked.app, &checked.pack, &checked.check.assessment, which, today)
}

/// What the 申请书 of a stored application would still print empty, before export.
pub fn empty_parts_of(store: &Store, id: RowId) -> Result<Vec<EmptyPart>, ServiceError> {
    let app = store.load_application(id)?;
    let pack = super::kept_pack(store, id, &app)?;
    Ok(empty_parts(&app, &pack))
}
