//! The transcription sheet of a stored application (网上填报对照表): on screen, and as an xlsx
//! written where the user chooses.

use std::path::Path;

use chrono::NaiveDate;

use super::{check_stored, write_file, CheckOptions, ServiceError};
use crate::model::RowId;
use crate::pdf;
use crate::store::Store;
use crate::transcription::{self, TranscriptionSheet};

/// Load → pack → check → the values of the 申请书 as printed on `today`, in print order.
pub fn transcription_of(
    store: &mut Store,
    id: RowId,
    today: NaiveDate,
) -> Result<TranscriptionSheet, ServiceError> {
    let checked = check_stored(store, id, &CheckOptions::default(), today)?;
    let inputs = pdf::inputs_from_assessment(&checked.pack, &checked.check.assessment, today);
    Ok(pdf::transcription(&checked.app, &inputs))
}

/// The sheet as xlsx bytes.
pub fn transcription_xlsx(sheet: &TranscriptionSheet) -> Result<Vec<u8>, ServiceError> {
    transcription::to_xlsx(sheet).map_err(|e| ServiceError::Spreadsheet(e.to_string()))
}

/// Writes the sheet of a stored application to `path` as xlsx.
pub fn save_transcription(
    store: &mut Store,
    id: RowId,
    today: NaiveDate,
    path: &Path,
) -> Result<(), ServiceError> {
    let sheet = transcription_of(store, id, today)?;
    write_file(path, &transcription_xlsx(&sheet)?)
}
