//! One edit from the window answered in one call: the save through the one save path (with its
//! field-level issues) and the live check of the application right after it, so the window
//! makes one round trip per edit instead of a save and then a check.

use chrono::NaiveDate;

use super::{
    check_stored, save_field, save_row, CheckOptions, RegistryCheck, SavedField, SavedRow, ServiceError,
};
use crate::model::RowId;
use crate::store::{ApplicationField, RowData, Store};

/// A roster row saved ([`save_row`]) and the application checked after it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedRowChecked {
    pub saved: SavedRow,
    pub check: RegistryCheck,
}

/// An application field saved ([`save_field`]) and the application checked after it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedFieldChecked {
    pub saved: SavedField,
    pub check: RegistryCheck,
}

/// Saves one roster row, then checks the application as stored now (its kept pack version).
pub fn save_row_checked(
    store: &mut Store,
    application: RowId,
    row: RowData,
    today: NaiveDate,
) -> Result<SavedRowChecked, ServiceError> {
    let saved = save_row(store, application, row, today)?;
    let check = check_stored(store, application, &CheckOptions::default(), today)?.check;
    Ok(SavedRowChecked { saved, check })
}

/// Saves one application field, then checks the application as stored now.
pub fn save_field_checked(
    store: &mut Store,
    application: RowId,
    change: ApplicationField,
    today: NaiveDate,
) -> Result<SavedFieldChecked, ServiceError> {
    let saved = save_field(store, application, change)?;
    let check = check_stored(store, application, &CheckOptions::default(), today)?.check;
    Ok(SavedFieldChecked { saved, check })
}
