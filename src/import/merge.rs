//! A re-imported row over the row already stored: which stored row a roster row updates (the
//! same person by document, the same instrument by asset number) and what of the stored row
//! survives (everything the file has no column for). Pure.

use crate::model::{Instrument, Person, RowId};
use crate::validate::normalize_code;

/// `present`: the field keys the file's columns fill.
fn has(present: &[String], key: &str) -> bool {
    present.iter().any(|p| p == key)
}

/// Finds the stored person with `p`'s document and fills what the file left out from it;
/// returns the stored row's id.
pub fn person(p: &mut Person, stored: &[Person], present: &[String]) -> Option<RowId> {
    let number = normalize_code(&p.id_doc.number);
    if number.is_empty() {
        return None;
    }
    let old = stored
        .iter()
        .find(|s| s.id_doc.kind == p.id_doc.kind && normalize_code(&s.id_doc.number) == number)?;
    // Not carried by any roster column.
    p.honours = old.honours.clone();
    p.awards_first_completer = old.awards_first_completer.clone();
    p.projects_first_pi = old.projects_first_pi.clone();
    if !has(present, "gender") && p.gender.is_none() {
        p.gender = old.gender;
    }
    if !has(present, "birth_date") && p.birth_date.is_none() {
        p.birth_date = old.birth_date;
    }
    if !has(present, "title") {
        p.title = old.title;
    }
    if !has(present, "employer") && !has(present, "employer_uscc") {
        p.employer_uscc = old.employer_uscc.clone();
        p.employer_name = old.employer_name.clone();
    }
    if !has(present, "discipline") {
        p.discipline = old.discipline.clone();
    }
    old.id
}

/// Finds the stored instrument with `i`'s asset number and fills what the file left out from
/// it; returns the stored row's id. Instruments without an asset number are always new.
pub fn instrument(i: &mut Instrument, stored: &[Instrument], present: &[String]) -> Option<RowId> {
    let asset = normalize_code(&i.asset_number);
    if asset.is_empty() {
        return None;
    }
    let old = stored.iter().find(|s| normalize_code(&s.asset_number) == asset)?;
    if !has(present, "model") {
        i.model = old.model.clone();
    }
    if !has(present, "serial_number") {
        i.serial_number = old.serial_number.clone();
    }
    if !has(present, "site") {
        i.site = old.site.clone();
    }
    old.id
}
