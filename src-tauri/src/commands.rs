//! Tauri commands: each takes the state, calls the core once, and maps the error.
//! A new command is four edits together: this function, `generate_handler!`, build.rs's
//! manifest, and the grant in capabilities/default.json.

use serde::Serialize;
use shenbao::model::{Application, RowId};
use shenbao::store::ApplicationSummary;
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
