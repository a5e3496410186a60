//! The signature and seal checklist of a stored application (签字盖章清单): read with the
//! application's pack, its latest sealed version and the user's ticks; a tick set or cleared.

use chrono::NaiveDate;

use super::ServiceError;
use crate::model::{Application, RowId};
use crate::rules::Pack;
use crate::signatures::{self, SignatureChecklist};
use crate::store::Store;

/// What a checklist is laid out from: the application, its pack and its latest sealed version.
struct Basis {
    app: Application,
    pack: Pack,
    sealed: Option<Application>,
}

fn basis(store: &Store, id: RowId) -> Result<Basis, ServiceError> {
    let app = store.load_application(id)?;
    let pack = super::kept_pack(store, id, &app)?;
    let sealed = super::seal::latest_sealed(store, id)?.map(|(_, sealed)| sealed);
    Ok(Basis { app, pack, sealed })
}

fn checklist_of(store: &Store, id: RowId, b: &Basis) -> Result<SignatureChecklist, ServiceError> {
    let ticks = store.signoffs_of(id)?;
    Ok(signatures::checklist(&b.app, &b.pack.submission.signatures, b.sealed.as_ref(), &ticks))
}

/// The checklist of application `id`.
pub fn signature_checklist(store: &Store, id: RowId) -> Result<SignatureChecklist, ServiceError> {
    checklist_of(store, id, &basis(store, id)?)
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
    let b = basis(store, id)?;
    let list = checklist_of(store, id, &b)?;
    if !list.units.iter().flat_map(|u| &u.places).any(|p| p.key == key) {
        return Err(ServiceError::bad_value(
            "签字盖章清单",
            format!("没有“{key}”这一项（单位或规则可能已修改）：请重新打开清单"),
        ));
    }
    store.set_signoff(id, key, done.then_some(today))?;
    checklist_of(store, id, &b)
}
