//! A re-imported row over the row already stored: which stored row a roster row updates (the
//! same person by document, the same instrument by asset number) and what of the stored row
//! survives (everything the file has no column for). Pure.

use crate::identity::{instrument_key, normalize_text, person_key};
use crate::model::{Instrument, Person, RowId};

/// `present`: the field keys the file's columns fill.
fn has(present: &[String], key: &str) -> bool {
    present.iter().any(|p| p == key)
}

/// Finds the stored person with `p`'s document (compared as the duplicate check compares it: a
/// passport number with or without its hyphen is one document) and fills what the file left
/// out from it; returns the stored row's id.
pub fn person(p: &mut Person, stored: &[Person], present: &[String]) -> Option<RowId> {
    let key = person_key(p)?;
    let old = stored.iter().find(|s| person_key(s).as_ref() == Some(&key))?;
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

/// Finds the stored instrument of the same unit with `i`'s asset number (as the duplicate check
/// compares them: another unit's instrument may carry the same number) and fills what the file
/// left out from it; returns the stored row's id. Instruments without an asset number are
/// always new.
pub fn instrument(i: &mut Instrument, stored: &[Instrument], present: &[String]) -> Option<RowId> {
    if normalize_text(&i.asset_number).is_empty() {
        return None;
    }
    let key = instrument_key(i)?;
    let old = stored.iter().find(|s| instrument_key(s).as_ref() == Some(&key))?;
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
