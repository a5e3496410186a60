//! The built-in sample application (assets/samples/), loaded on the app's first start.

use crate::interchange;
use crate::model::RowId;
use crate::store::{Store, StoreError};

/// A fictional P1 领域类 application, in the JSON interchange format.
pub const SAMPLE_P1: &str = include_str!("../assets/samples/sample-p1.json");

const SAMPLE_LOADED: &str = "sample_loaded";
pub use crate::store::SAMPLE_KEY_PREFIX;

/// Stores the sample application and returns its id.
pub fn load_sample(store: &mut Store) -> Result<RowId, StoreError> {
    let app = interchange::application_from_json(SAMPLE_P1).expect("the bundled sample is valid");
    let id = store.insert_application(&app)?;
    store.set_setting(SAMPLE_LOADED, "1")?;
    store.set_setting(&format!("{SAMPLE_KEY_PREFIX}{id}"), "1")?;
    Ok(id)
}

/// On the first start of a new database, loads the sample once; never again after that,
/// even if the user deletes it.
pub fn load_sample_on_first_start(store: &mut Store) -> Result<Option<RowId>, StoreError> {
    if store.setting(SAMPLE_LOADED)?.is_some() || !store.list_applications()?.is_empty() {
        return Ok(None);
    }
    load_sample(store).map(Some)
}
