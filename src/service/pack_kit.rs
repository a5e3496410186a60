//! The pack authoring kit's use cases: `packs check`, `packs test`, `packs diff`, and the diff
//! shown before a pack is imported over another. Files are read here; the kit reports.

use std::path::Path;

use chrono::NaiveDate;

use super::ServiceError;
use crate::rules;
use crate::store::Store;

/// `packs check FILE`: the pack loaded strictly and read back, with the author's warnings.
/// `cases` (a case folder) adds "criterion without cases"; `documents` (the folder holding the
/// cited documents' files) adds "cited clause not found".
pub fn pack_report(
    file: &Path,
    cases: Option<&Path>,
    documents: Option<&Path>,
) -> Result<crate::packkit::PackReport, ServiceError> {
    let pack = rules::load_pack_file(file)?;
    let named = cases.map(crate::packkit::criteria_named).transpose()?;
    let empty = std::collections::BTreeSet::new();
    let cased = named
        .as_ref()
        .map(|n| n.iter().find(|(p, _)| p.eq_ignore_ascii_case(&pack.id)).map_or(&empty, |(_, ids)| ids));
    let documents = documents.or_else(|| file.parent());
    Ok(crate::packkit::report(&pack, crate::packkit::LintInputs { cased, documents }))
}

/// `packs test FILE CASES_DIR`: every case file of the pack's programme under `cases`, run
/// against the pack file. `today` is the printed 填报日期 of cases checked through a store.
pub fn test_pack(
    file: &Path,
    cases: &Path,
    today: NaiveDate,
) -> Result<crate::packkit::CaseRun, ServiceError> {
    let pack = rules::load_pack_file(file)?;
    let in_store = |store: &crate::store::Store,
                    app: &crate::model::Application,
                    pack: &crate::rules::Pack,
                    as_of: NaiveDate,
                    today: NaiveDate| {
        super::check_in_store(store, None, app, pack, Some(as_of), today)
            .map(|r| r.assessment)
            .map_err(|e| e.to_string())
    };
    Ok(crate::packkit::run_cases(&pack, cases, today, &in_store)?)
}

/// `packs diff OLD NEW`: what changed between two pack files of one programme.
pub fn diff_pack_files(old: &Path, new: &Path) -> Result<crate::packkit::PackDiff, ServiceError> {
    Ok(crate::packkit::diff(&rules::load_pack_file(old)?, &rules::load_pack_file(new)?))
}

/// What importing the pack text would change for this database: the diff against the same
/// version of its programme if there is one (an earlier import or the built-in pack), else the
/// newest version; None for a new programme.
pub fn import_pack_diff(
    store: &Store,
    file_name: &str,
    text: &str,
) -> Result<Option<crate::packkit::PackDiff>, ServiceError> {
    let new = rules::load_pack_str(text, file_name)?;
    let all = super::pack_versions::available(store)?;
    let versions = super::pack_versions::versions_of(&all, &new.id);
    let version = new.version();
    let current = versions.iter().find(|a| a.pack.version() == version).or(versions.first());
    Ok(current.map(|old| crate::packkit::diff(&old.pack, &new)))
}
