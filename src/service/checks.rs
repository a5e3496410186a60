//! Checking an application: the reference date, the registry view over the local database,
//! and who judges what (a co-builder's draft is judged for its own part).

use chrono::NaiveDate;

use super::{cross_params_in_store, ServiceError};
use crate::duplicates::{self, Conflict};
use crate::model::{Application, RowId};
use crate::rules::{self, Assessment, Pack, RegistryView};
use crate::store::Store;

/// Evaluates `app` against `pack` on the chosen, the application's or the pack's reference date;
/// year-round programmes without one are checked as of `today` (read by the caller).
pub fn check(
    app: &Application,
    pack: &Pack,
    registry: &dyn RegistryView,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Assessment {
    let date = rules::resolve_as_of(pack, app, as_of).unwrap_or(today);
    rules::evaluate(pack, app, registry, date)
}

/// A check against the local database: the assessment, with the cross criteria answered from
/// the other applications and the registry of existing platforms, and every conflict found.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RegistryCheck {
    pub assessment: Assessment,
    pub conflicts: Vec<Conflict>,
}

/// Checks `app` (stored under `id`, or not stored) with the registry view over `store`.
pub fn check_in_store(
    store: &mut Store,
    id: Option<RowId>,
    app: &Application,
    pack: &Pack,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<RegistryCheck, ServiceError> {
    // One reference date for every criterion, the cross ones included, and the cross checks of
    // the pack being evaluated (not of the application's own programme).
    let date = rules::resolve_as_of(pack, app, as_of).unwrap_or(today);
    let params = cross_params_in_store(store, Some(pack))?;
    let eval = duplicates::Evaluation { programme: pack.id.clone(), as_of: date };
    let findings = duplicates::cross_findings(store, id, app, &params, eval)?;
    // A co-builder's draft is judged for the unit's own part; the lead judges the centre.
    let judged = match id {
        Some(id) if store.package_link(id)?.is_some() => rules::Judged::CoBuilderPart,
        _ => rules::Judged::Centre,
    };
    let assessment = rules::evaluate_as(pack, app, &findings, date, judged);
    let conflicts = findings.all().cloned().collect();
    Ok(RegistryCheck { assessment, conflicts })
}
