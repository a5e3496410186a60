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
    let mut issues = issues;
    let id = store.save_row(application, &row)?;
    set_row_id(&mut row, id);
    issues.extend(repeat_issue(store, application, &row, id)?);
    Ok(SavedRow { id, row, issues, uscc_region })
}

/// A saved person, instrument, site or achievement that another row of the same application
/// already lists: counted once, and the row says so (the row is kept as typed).
fn repeat_issue(
    store: &Store,
    application: RowId,
    row: &RowData,
    id: RowId,
) -> Result<Option<FieldIssue>, ServiceError> {
    use crate::duplicates::{within, Resource};
    let (resource, path, label) = match row {
        RowData::Person(_) => (Resource::Person, "id_doc.number", "证件号码"),
        RowData::Instrument(_) => (Resource::Instrument, "asset_number", "资产编号"),
        RowData::Site(_) => (Resource::Site, "address", "地址"),
        RowData::Achievement(_) => (Resource::Achievement, "identifier", "编号"),
        _ => return Ok(None),
    };
    let app = store.load_application(application)?;
    let ids: Vec<Option<RowId>> = match resource {
        Resource::Person => app.people.iter().map(|r| r.id).collect(),
        Resource::Instrument => app.instruments.iter().map(|r| r.id).collect(),
        Resource::Site => app.sites.iter().map(|r| r.id).collect(),
        Resource::Achievement => app.achievements.iter().map(|r| r.id).collect(),
    };
    let Some(me) = ids.iter().position(|r| *r == Some(id)) else { return Ok(None) };
    let Some(rep) =
        within::repeats(&app).into_iter().find(|r| r.resource == resource && r.rows.contains(&me))
    else {
        return Ok(None);
    };
    let others: Vec<String> = rep.rows.iter().filter(|&&i| i != me).map(|i| (i + 1).to_string()).collect();
    Ok(Some(FieldIssue {
        path: path.to_string(),
        field: format!("{}第{}行 {label}", within::list_name(resource), me + 1),
        message: format!(
            "与第{}行重复（{}）：各项合计只计一次，请删去重复的一行",
            others.join("、"),
            rep.subject()
        ),
    }))
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
