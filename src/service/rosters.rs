//! Rosters from spreadsheets (人员名单, 仪器设备 …): preview a file against an application, add its
//! good rows in one transaction, and the template of each roster.

use super::ServiceError;
use crate::import::{self, ColumnMap, ImportKind, Preview, RosterSource};
use crate::model::RowId;
use crate::store::Store;

/// What importing a roster file into an application would add, and each row's errors.
pub fn preview_roster(
    store: &Store,
    application: RowId,
    kind: ImportKind,
    file_name: &str,
    bytes: &[u8],
    map: &ColumnMap,
) -> Result<Preview, ServiceError> {
    // The registry belongs to no application; a roster is read against the application (its host
    // units, and the rows it already has).
    if kind == ImportKind::Platforms {
        return Ok(import::preview(bytes, file_name, kind, map, &[])?);
    }
    let app = store.load_application(application)?;
    // A row matching a stored person (document) or instrument (asset number) updates it; other
    // repeats stay errors of their line.
    Ok(import::preview_over(RosterSource::File { bytes, name: file_name }, kind, map, &app)?)
}

/// As [`preview_roster`], for cells copied from a spreadsheet and pasted as text (the paste
/// dialog): the same column matcher, converter and checks as a file.
pub fn preview_paste(
    store: &Store,
    application: RowId,
    kind: ImportKind,
    text: &str,
) -> Result<Preview, ServiceError> {
    if kind == ImportKind::Platforms {
        return Ok(import::preview_pasted(text, kind, &ColumnMap::default(), &[])?);
    }
    let app = store.load_application(application)?;
    Ok(import::preview_over(RosterSource::Pasted(text), kind, &ColumnMap::default(), &app)?)
}

/// Adds the previewed file's good rows in one transaction (the registry: all its platforms, or
/// none when any row has an error); returns how many.
pub fn commit_roster(
    store: &mut Store,
    application: RowId,
    preview: &Preview,
) -> Result<usize, ServiceError> {
    Ok(import::commit(store, application, preview)?.len())
}

/// The template spreadsheet (.xlsx) of a roster.
pub fn roster_template(kind: ImportKind) -> Result<Vec<u8>, ServiceError> {
    Ok(import::template(kind)?)
}
