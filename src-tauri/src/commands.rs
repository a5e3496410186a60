//! Tauri commands: each takes the state, calls the core once, and maps the error.
//! A new command is four edits together: this function, `generate_handler!`, build.rs's
//! manifest, and the grant in capabilities/default.json (a test checks all four).

use serde::Serialize;
use shenbao::duplicates::{self, Report};
use shenbao::interchange;
use shenbao::model::{Application, ExistingPlatform, RowId};
use shenbao::service::{self, ProgrammeSummary, RegistryCheck};
use shenbao::store::{ApplicationField, ApplicationSummary, RowData, RowKind};
use tauri::State;
use ts_rs::TS;

use crate::{AppState, CommandError};

/// Where the data lives, or why it could not be opened.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StartupStatus {
    pub database: String,
    pub error: Option<CommandError>,
}

#[tauri::command]
pub fn startup_status(state: State<'_, AppState>) -> StartupStatus {
    match state.with(|s| Ok(s.path().display().to_string())) {
        Ok(database) => StartupStatus { database, error: None },
        Err(e) => {
            StartupStatus { database: shenbao::store::default_path().display().to_string(), error: Some(e) }
        }
    }
}

#[tauri::command]
pub fn list_applications(state: State<'_, AppState>) -> Result<Vec<ApplicationSummary>, CommandError> {
    state.with(|s| Ok(s.list_applications()?))
}

#[tauri::command]
pub fn load_application(state: State<'_, AppState>, id: RowId) -> Result<Application, CommandError> {
    state.with(|s| Ok(s.load_application(id)?))
}

/// Stores a whole application (a new one, a copy, or an undone delete) and returns its id.
#[tauri::command]
pub fn create_application(
    state: State<'_, AppState>,
    application: Application,
) -> Result<RowId, CommandError> {
    state.with(|s| Ok(s.insert_application(&application.without_row_ids())?))
}

/// Adds the built-in sample application again.
#[tauri::command]
pub fn create_sample_application(state: State<'_, AppState>) -> Result<RowId, CommandError> {
    state.with(|s| Ok(shenbao::samples::load_sample(s)?))
}

/// Deletes an application and returns it whole, so the window can offer to undo.
#[tauri::command]
pub fn delete_application(state: State<'_, AppState>, id: RowId) -> Result<Application, CommandError> {
    state.with(|s| {
        let app = s.load_application(id)?;
        s.delete_application(id)?;
        Ok(app.without_row_ids())
    })
}

#[tauri::command]
pub fn update_application_field(
    state: State<'_, AppState>,
    id: RowId,
    change: ApplicationField,
) -> Result<(), CommandError> {
    state.with(|s| Ok(s.update_application_field(id, &change)?))
}

/// Inserts (no id) or updates (with id) one roster row; returns the row id.
#[tauri::command]
pub fn save_row(
    state: State<'_, AppState>,
    application_id: RowId,
    row: RowData,
) -> Result<RowId, CommandError> {
    state.with(|s| Ok(s.save_row(application_id, &row)?))
}

/// Deletes one roster row and returns it, so the window can offer to undo.
#[tauri::command]
pub fn delete_row(
    state: State<'_, AppState>,
    application_id: RowId,
    kind: RowKind,
    id: RowId,
) -> Result<RowData, CommandError> {
    state.with(|s| Ok(s.delete_row(application_id, kind, id)?))
}

/// Imports one application from the text of a JSON interchange document.
#[tauri::command]
pub fn import_application_json(state: State<'_, AppState>, text: String) -> Result<RowId, CommandError> {
    let app = interchange::application_from_json(&text)?;
    state.with(|s| Ok(s.insert_application(&app)?))
}

/// The JSON interchange document of one application.
#[tauri::command]
pub fn export_application_json(state: State<'_, AppState>, id: RowId) -> Result<String, CommandError> {
    state.with(|s| Ok(interchange::application_to_json(&s.load_application(id)?)))
}

/// Every built-in programme with its dates, deadlines and main conditions.
#[tauri::command]
pub fn list_programmes() -> Result<Vec<ProgrammeSummary>, CommandError> {
    Ok(service::programme_summaries()?)
}

/// The live check of one application against its programme, with the cross criteria answered
/// from the other applications and the registry in this database, and every conflict found.
#[tauri::command]
pub fn check_application(state: State<'_, AppState>, id: RowId) -> Result<RegistryCheck, CommandError> {
    state.with(|s| {
        let app = s.load_application(id)?;
        let pack = service::choose_pack(&app, None, None)?;
        Ok(service::check_in_store(s, Some(id), &app, &pack, None, today())?)
    })
}

/// Every conflict in the database, grouped by person, instrument, site, achievement and
/// application: the research office's overview.
#[tauri::command]
pub fn all_conflicts(state: State<'_, AppState>) -> Result<Report, CommandError> {
    let params = service::cross_params(None)?;
    state.with(|s| Ok(duplicates::report(s, &params)?))
}

/// The registry of existing platforms (已建平台) the checks compare against.
#[tauri::command]
pub fn list_platforms(state: State<'_, AppState>) -> Result<Vec<ExistingPlatform>, CommandError> {
    state.with(|s| Ok(s.list_platforms()?))
}

/// Adds the platforms of a registry JSON document; returns how many were added.
#[tauri::command]
pub fn import_registry_json(state: State<'_, AppState>, text: String) -> Result<usize, CommandError> {
    let platforms = interchange::registry_from_json(&text)?;
    state.with(|s| Ok(s.insert_platforms(&platforms)?.len()))
}

/// Writes the chosen documents (`application`, `review`, `mailing`, `bound`) into `dir`, a
/// folder the user picked in the system dialog; returns the written paths.
#[tauri::command]
pub fn export_documents(
    state: State<'_, AppState>,
    id: RowId,
    which: Vec<String>,
    dir: String,
) -> Result<Vec<String>, CommandError> {
    let chosen = which
        .iter()
        .map(|w| {
            service::which_from_name(w)
                .ok_or_else(|| CommandError::new("bad_argument", format!("未知的导出文件类型“{w}”")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if chosen.is_empty() {
        return Err(CommandError::new("bad_argument", "请至少选择一种要导出的文件"));
    }
    state.with(|s| {
        let app = s.load_application(id)?;
        let pack = service::choose_pack(&app, None, None)?;
        let assessment = service::check_in_store(s, Some(id), &app, &pack, None, today())?.assessment;
        let mut written = Vec::new();
        for which in chosen {
            let paths = service::export_documents(
                &app,
                &pack,
                &assessment,
                which,
                today(),
                std::path::Path::new(&dir),
            )?;
            written.extend(paths.into_iter().map(|p| p.display().to_string()));
        }
        Ok(written)
    })
}

/// Today's date on this machine: the shell is an edge and may read the clock.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
