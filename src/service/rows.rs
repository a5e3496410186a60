//! The one save path of a roster row from the window: normalise, derive, validate, store.

use super::ServiceError;
use crate::model::RowId;
use crate::store::{Record, RowData, Store};
use crate::validate::{self, FieldIssue};

/// A roster row as saved from the window: its id, the row as stored (normalised, with what its
/// codes say filled in: birth date and gender from a resident ID), every field-level issue found
/// (paths relative to the row, e.g. "id_doc.number"), and the registering region of a valid
/// credit code.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedRow {
    pub id: RowId,
    pub row: RowData,
    pub issues: Vec<FieldIssue>,
    /// Characters 3–8 of a host unit's valid credit code (登记机关行政区划代码).
    pub uscc_region: Option<String>,
}

/// The one save path of a roster row from the window: normalise, derive, validate, then store.
/// A row with issues is still stored as typed, so nothing the user entered is lost; the issues
/// say what to fix.
pub fn save_row(store: &mut Store, application: RowId, row: RowData) -> Result<SavedRow, ServiceError> {
    let mut row = row;
    let mut uscc_region = None;
    let issues = match &mut row {
        RowData::Person(p) => {
            validate::normalise_person(p);
            validate::validate_person(p)
        }
        RowData::HostUnit(h) => {
            h.uscc = validate::normalize_code(&h.uscc);
            uscc_region = validate::parse_uscc(&h.uscc).ok().map(|u| u.region_code().to_string());
            validate::validate_host_unit(h)
        }
        _ => Vec::new(),
    };
    let id = store.save_row(application, &row)?;
    set_row_id(&mut row, id);
    Ok(SavedRow { id, row, issues, uscc_region })
}

fn set_row_id(row: &mut RowData, id: RowId) {
    match row {
        RowData::Direction(r) => r.set_row_id(Some(id)),
        RowData::HostUnit(r) => r.set_row_id(Some(id)),
        RowData::Person(r) => r.set_row_id(Some(id)),
        RowData::Instrument(r) => r.set_row_id(Some(id)),
        RowData::Site(r) => r.set_row_id(Some(id)),
        RowData::RdInvestment(r) => r.set_row_id(Some(id)),
        RowData::Achievement(r) => r.set_row_id(Some(id)),
    }
}
