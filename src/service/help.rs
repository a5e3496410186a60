//! 帮助 of a wizard step for one stored application: its programme's pack in force (a loaded
//! pack before the built-in one) and the built-in sample, through `help::step_help`.

use super::{choose_pack_in_store, ServiceError};
use crate::help::{self, StepHelp};
use crate::model::RowId;
use crate::store::Store;

/// The help of `step` (basic … attest, materials, export) for application `id`.
pub fn step_help(store: &Store, id: RowId, step: &str) -> Result<StepHelp, ServiceError> {
    let app = store.load_application(id)?;
    let pack = choose_pack_in_store(store, &app, None)?;
    let sample = crate::interchange::application_from_json(crate::samples::SAMPLE_P1)?;
    help::step_help(&pack, step, &sample).ok_or_else(|| {
        ServiceError::BadArgument(format!(
            "没有名为“{step}”的填报步骤（可选：{}）",
            help::HELP_STEPS.join("、")
        ))
    })
}
