//! The signature and seal checklist of a stored application (签字盖章清单): read with the
//! application's pack, its latest sealed version and the user's ticks; a tick set or cleared.

use chrono::NaiveDate;

use super::ServiceError;
use crate::interchange;
use crate::model::{Application, RowId};
use crate::signatures::{self, SignatureChecklist};
use crate::store::Store;

/// The latest sealed version of an application, if any.
fn latest_sealed(store: &Store, id: RowId) -> Result<Option<Application>, ServiceError> {
    let Some(seal) = store.list_seals(id)?.into_iter().last() else { return Ok(None) };
    let sealed = store.load_seal(seal.id)?;
    interchange::application_from_json(&sealed.snapshot)
        .map(Some)
        .map_err(|_| ServiceError::SealDamaged { seal: seal.id })
}

/// The checklist of application `id`.
pub fn signature_checklist(store: &Store, id: RowId) -> Result<SignatureChecklist, ServiceError> {
    let app = store.load_application(id)?;
    let pack = super::kept_pack(store, id, &app)?;
    let sealed = latest_sealed(store, id)?;
    let ticks = store.signoffs_of(id)?;
    Ok(signatures::checklist(&app, &pack.submission.signatures, sealed.as_ref(), &ticks))
}

/// Ticks (`done`, dated `today`) or unticks the place `key` of the checklist; a key that is not
/// on the checklist (a unit removed meanwhile) is refused and nothing changes.
pub fn set_signoff(
    store: &mut Store,
    id: RowId,
    key: &str,
    done: bool,
    today: NaiveDate,
) -> Result<SignatureChecklist, ServiceError> {
    let list = signature_checklist(store, id)?;
    if !list.units.iter().flat_map(|u| &u.places).any(|p| p.key == key) {
        return Err(ServiceError::bad_value(
            "签字盖章清单",
            format!("没有“{key}”这一项（单位或规则可能已修改）：请重新打开清单"),
        ));
    }
    store.set_signoff(id, key, done.then_some(today))?;
    signature_checklist(store, id)
}
