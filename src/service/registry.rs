//! The registry of existing platforms (已建平台) and everything claimed twice: list, import (a
//! registry JSON document or a spreadsheet, all or nothing), save one by hand, delete, and the
//! report of every conflict in the database.

use chrono::NaiveDate;

use super::{cross_params_in_store, ServiceError};
use crate::duplicates::{self, Report};
use crate::import::{self, ImportKind};
use crate::interchange;
use crate::model::{ExistingPlatform, RowId};
use crate::store::Store;

pub fn list_platforms(store: &Store) -> Result<Vec<ExistingPlatform>, ServiceError> {
    Ok(store.list_platforms()?)
}

/// Adds the platforms of a registry file, chosen by its name: a JSON document (format
/// `shenbao.registry`), or a spreadsheet (.xlsx, .xls, .ods, .csv). Nothing is written if any
/// platform or row is bad (the refusal lists the rows' errors). Returns how many were added.
pub fn import_registry_file(store: &mut Store, file_name: &str, bytes: &[u8]) -> Result<usize, ServiceError> {
    if file_name.to_lowercase().ends_with(".json") {
        interchange::check_import_size(bytes.len() as u64)?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| ServiceError::Read {
            path: file_name.to_string(),
            reason: "文件不是 UTF-8 编码的文本".into(),
        })?;
        return import_registry_json(store, &text);
    }
    let preview = import::preview(bytes, file_name, ImportKind::Platforms, &Default::default(), &[])?;
    match import::commit(store, 0, &preview) {
        Ok(ids) => Ok(ids.len()),
        // The refusal says that nothing was added; the rows' errors say what to fix.
        Err(e) if !preview.errors.is_empty() => {
            let rows: Vec<String> = preview.errors.iter().map(ToString::to_string).collect();
            Err(ServiceError::bad_value(e.to_string(), rows.join("\n")))
        }
        Err(e) => Err(e.into()),
    }
}

/// Adds the platforms of a registry JSON document; returns how many were added.
pub fn import_registry_json(store: &mut Store, text: &str) -> Result<usize, ServiceError> {
    let platforms = interchange::registry_from_json(text)?;
    Ok(store.insert_platforms(&platforms)?.len())
}

/// Adds (no id) or replaces (with id) one platform entered by hand, checked field by field
/// first (nothing is written when a field is wrong); returns its id.
pub fn save_platform(
    store: &mut Store,
    platform: &ExistingPlatform,
    today: NaiveDate,
) -> Result<RowId, ServiceError> {
    Ok(crate::registry::save_platform(store, platform, today)?)
}

/// Deletes one platform and returns it without its id, so it can be restored.
pub fn delete_platform(store: &mut Store, id: RowId) -> Result<ExistingPlatform, ServiceError> {
    Ok(store.delete_platform(id)?)
}

/// Every conflict in the database, grouped by person, instrument, site, achievement and
/// application: the research office's overview.
pub fn all_conflicts(store: &mut Store) -> Result<Report, ServiceError> {
    let params = cross_params_in_store(store, None)?;
    Ok(duplicates::report(store, &params)?)
}
