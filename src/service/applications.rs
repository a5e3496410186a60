//! Applications as whole documents: list, load, create (new, copy, undone delete, sample),
//! delete, change one field, and the JSON interchange in and out (one, or the whole archive).

use std::path::Path;

use super::ServiceError;
use crate::interchange;
use crate::model::{Application, RowId};
use crate::store::{self, ApplicationField, ApplicationSummary, Store};

pub fn list_applications(store: &Store) -> Result<Vec<ApplicationSummary>, ServiceError> {
    Ok(store.list_applications()?)
}

pub fn load_application(store: &Store, id: RowId) -> Result<Application, ServiceError> {
    Ok(store.load_application(id)?)
}

/// Stores a whole application (a new one, a copy, or an undone delete; its row ids are dropped)
/// and returns its id.
/// A new application keeps the newest pack version of its programme.
pub fn create_application(store: &mut Store, app: &Application) -> Result<RowId, ServiceError> {
    let id = store.insert_application(&app.clone().without_row_ids())?;
    super::keep_newest(store, id)?;
    Ok(id)
}

/// Adds the built-in sample application.
pub fn create_sample(store: &mut Store) -> Result<RowId, ServiceError> {
    let id = crate::samples::load_sample(store)?;
    super::keep_newest(store, id)?;
    Ok(id)
}

/// Deletes an application and returns it whole (without row ids), so it can be restored.
pub fn delete_application(store: &mut Store, id: RowId) -> Result<Application, ServiceError> {
    let app = store.load_application(id)?;
    store.delete_application(id)?;
    Ok(app.without_row_ids())
}

/// One field of an application through the one save path (see [`super::save_field`]).
pub fn update_application_field(
    store: &mut Store,
    id: RowId,
    change: &ApplicationField,
) -> Result<super::SavedField, ServiceError> {
    super::save_field(store, id, change.clone())
}

/// Imports one application from the text of a JSON interchange document; nothing is written if
/// any value is bad. Returns its id and the application as stored.
pub fn import_application_json(store: &mut Store, text: &str) -> Result<(RowId, Application), ServiceError> {
    let app = interchange::application_from_json(text)?;
    let id = store.import_application(&app)?;
    super::keep_newest(store, id)?;
    Ok((id, app))
}

/// The JSON interchange document of one application.
pub fn export_application_json(store: &Store, id: RowId) -> Result<String, ServiceError> {
    Ok(interchange::application_to_json(&store.load_application(id)?))
}

/// What [`export_archive`] wrote.
pub struct ArchiveWritten {
    pub applications: usize,
    pub platforms: usize,
    /// Files of supporting materials (each content once).
    pub files: usize,
}

/// Writes every application, the registry and the supporting materials as one JSON archive
/// (`shenbao.archive`) to `out`.
pub fn export_archive(store: &Store, out: &Path) -> Result<ArchiveWritten, ServiceError> {
    let archive = super::archive(store)?;
    let text = interchange::full_archive_to_json(&archive, &store::now_rfc3339());
    write_file(out, text.as_bytes())?;
    let (applications, platforms) = (archive.applications.len(), archive.registry.len());
    Ok(ArchiveWritten { applications, platforms, files: archive.contents.len() })
}

/// Reads a text file the user named (a JSON document), refusing an oversized one before reading.
pub fn read_text_file(path: &Path) -> Result<String, ServiceError> {
    if let Ok(meta) = std::fs::metadata(path) {
        interchange::check_import_size(meta.len())?;
    }
    std::fs::read_to_string(path).map_err(|e| ServiceError::read(path, &e))
}

/// Reads a binary file the user named (a spreadsheet).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ServiceError> {
    std::fs::read(path).map_err(|e| ServiceError::read(path, &e))
}

/// Writes a file the user named.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ServiceError> {
    std::fs::write(path, bytes).map_err(|e| ServiceError::write(path, &e))
}

/// The name of a file without its folder, for messages and stored names.
pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Deletes one roster row and returns it, so it can be restored.
pub fn delete_row(
    store: &mut Store,
    application: RowId,
    kind: crate::store::RowKind,
    id: RowId,
) -> Result<crate::store::RowData, ServiceError> {
    Ok(store.delete_row(application, kind, id)?)
}
