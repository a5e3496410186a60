//! The one save path. Every roster row and every application field written from the window,
//! and every row a paste or a roster file adds, is normalised, derived (birth date and gender
//! from a resident ID, the registering region from a credit code) and validated here by the
//! validators `validate` owns, which also judge JSON imports, CLI imports and package merges.
//! Issues come back in one shape ([`FieldIssue`]); a value with an issue is still stored as
//! typed when the database can hold it, so nothing the user entered is lost.

use chrono::NaiveDate;

use crate::model::RowId;
use crate::store::{ApplicationField, RowData, Store};
use crate::validate::{self, FieldIssue, HostCodes};

use super::ServiceError;

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
    /// What a host unit's valid credit code says: the place by name, the registering department
    /// and category, the unit kinds that fit.
    pub uscc_reading: Option<validate::UsccReading>,
    /// False when a value could not be stored (a negative amount): the row keeps what was
    /// stored before (a new row is stored with that value empty), and the issue says why.
    pub stored: bool,
}

/// An application field as saved from the window, with its issues (paths from the
/// application, e.g. "centre_name").
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedField {
    pub issues: Vec<FieldIssue>,
}

/// What the core makes of one row before it is stored: normalised and derived in place, with
/// its field-level issues (paths relative to the row) and, for a host unit, what its valid
/// credit code says.
pub fn check_row(row: &mut RowData, hosts: &HostCodes) -> (Vec<FieldIssue>, Option<validate::UsccReading>) {
    let mut region = None;
    let issues = match row {
        RowData::Direction(d) => validate::validate_direction(d),
        RowData::HostUnit(h) => {
            h.uscc = validate::normalize_code(&h.uscc);
            region = validate::parse_uscc(&h.uscc).ok().map(|u| validate::read_uscc(&u));
            validate::validate_host_unit(h)
        }
        RowData::Person(p) => {
            validate::normalise_person(p);
            validate::validate_person(p, hosts)
        }
        RowData::Instrument(r) => {
            r.owner_uscc = validate::normalize_code(&r.owner_uscc);
            validate::validate_instrument(r, hosts)
        }
        RowData::Site(r) => {
            r.owner_uscc = validate::normalize_code(&r.owner_uscc);
            validate::validate_site(r, hosts)
        }
        RowData::RdInvestment(r) => {
            r.owner_uscc = validate::normalize_code(&r.owner_uscc);
            validate::validate_rd_investment(r, hosts)
        }
        RowData::Achievement(r) => {
            r.owner_uscc = validate::normalize_code(&r.owner_uscc);
            validate::validate_achievement(r, hosts)
        }
    };
    (issues, region)
}

/// A date of the row after `today` (the edge's clock): a warning, the value kept as typed.
pub fn date_warnings(row: &RowData, today: NaiveDate) -> Vec<FieldIssue> {
    match row {
        RowData::Person(p) => validate::person_date_warnings(p, today),
        RowData::RdInvestment(r) => validate::rd_investment_date_warnings(r, today),
        RowData::Achievement(r) => validate::achievement_date_warnings(r, today),
        _ => Vec::new(),
    }
}

/// The row with every value the database cannot hold (a negative amount) emptied, or `None`
/// when it can hold them all.
fn storable(row: &RowData) -> Option<RowData> {
    let mut copy = row.clone();
    let changed = match &mut copy {
        RowData::Instrument(r) if r.original_value.0 < 0 => {
            r.original_value.0 = 0;
            true
        }
        RowData::Site(r) if r.area.0 < 0 => {
            r.area.0 = 0;
            true
        }
        RowData::RdInvestment(r) if r.amount.0 < 0 => {
            r.amount.0 = 0;
            true
        }
        _ => false,
    };
    changed.then_some(copy)
}

/// The write of an edited library record and the rows it reaches (each already merged, normalised
/// and validated by `check_row`), in one transaction recorded in each application's history. A
/// value the database cannot hold (a negative amount) refuses the whole edit: nothing is written.
pub(super) fn save_library_edit(
    store: &mut Store,
    record: RowId,
    edited: &RowData,
    rows: &[(RowId, RowData)],
) -> Result<(), ServiceError> {
    if storable(edited).is_some() {
        return Err(ServiceError::bad_value(
            "资料库记录",
            "数值不能为负数：请改正后再保存，本次未作任何修改",
        ));
    }
    store.apply_library_edit(record, edited, rows)?;
    Ok(())
}

/// The one save path of a roster row from the window: normalise, derive, validate, then store.
/// A row with issues is still stored as typed, so nothing the user entered is lost; the issues
/// say what to fix. A value the database cannot hold (a negative amount) is not stored: an
/// existing row keeps what it had, a new row is stored with that value empty. `today` is the
/// edge's clock: a date after it is a warning.
pub fn save_row(
    store: &mut Store,
    application: RowId,
    row: RowData,
    today: NaiveDate,
) -> Result<SavedRow, ServiceError> {
    let mut row = row;
    let hosts = host_codes_of(store, application, &row)?;
    let (mut issues, uscc_reading) = check_row(&mut row, &hosts);
    issues.extend(date_warnings(&row, today));
    let uscc_region = uscc_reading.as_ref().map(|r| r.region_code.clone());
    let (id, stored) = match (storable(&row), row.row_id()) {
        (None, _) => (store.save_row(application, &row)?, true),
        (Some(_), Some(id)) => (id, false),
        (Some(emptied), None) => (store.save_row(application, &emptied)?, false),
    };
    row.set_row_id(Some(id));
    issues.extend(repeat_issue(store, application, &row, id)?);
    Ok(SavedRow { id, row, issues, uscc_region, uscc_reading, stored })
}

/// A saved person, instrument, site or achievement that another row of the same application
/// already lists: counted once, and the row says so (the row is kept as typed).
fn repeat_issue(
    store: &Store,
    application: RowId,
    row: &RowData,
    id: RowId,
) -> Result<Option<FieldIssue>, ServiceError> {
    use crate::{identity::Resource, within};
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
        within::duplicates(&app).into_iter().find(|r| r.resource == resource && r.rows.contains(&me))
    else {
        return Ok(None);
    };
    let others: Vec<String> = rep.rows.iter().filter(|&&i| i != me).map(|i| (i + 1).to_string()).collect();
    Ok(Some(FieldIssue::error(
        path,
        format!("{}第{}行 {label}", within::list_name(resource), me + 1),
        format!("与第{}行重复（{}）：各项合计只计一次，请删去重复的一行", others.join("、"), rep.subject()),
    )))
}

/// The host codes a row is checked against: the stored host units of the application (a host
/// unit row is checked on its own).
fn host_codes_of(store: &Store, application: RowId, row: &RowData) -> Result<HostCodes, ServiceError> {
    if matches!(row, RowData::HostUnit(_) | RowData::Direction(_)) {
        return Ok(HostCodes::new());
    }
    let codes = store.host_unit_codes(application)?;
    Ok(codes.iter().map(|c| validate::normalize_code(c)).filter(|c| !c.is_empty()).collect())
}

/// The one save path of an application's own field: normalise, validate, then store (a field
/// with an issue is stored as typed too).
pub fn save_field(
    store: &mut Store,
    application: RowId,
    change: ApplicationField,
) -> Result<SavedField, ServiceError> {
    let issues = match &change {
        ApplicationField::CentreName(name) => validate::validate_centre_name(name),
        ApplicationField::ReferenceDate(Some(date)) => validate::validate_reference_date(*date),
        _ => Vec::new(),
    };
    let moved = match &change {
        ApplicationField::Programme(p) => {
            !store.load_application(application)?.programme.eq_ignore_ascii_case(p)
        }
        _ => false,
    };
    store.update_application_field(application, &change)?;
    // Another programme: the application is offered its newest pack version.
    if moved {
        super::keep_newest(store, application)?;
    }
    Ok(SavedField { issues })
}
