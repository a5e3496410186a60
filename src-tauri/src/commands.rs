//! Tauri commands: each takes the state, calls the core once, and maps the error.
//! A new command is four edits together: this function, `generate_handler!`, build.rs's
//! manifest, and the grant in capabilities/default.json (a test checks all four).

use serde::Serialize;
use shenbao::duplicates::{self, Report};
use shenbao::import::{self, ColumnMap, ImportKind, Preview};
use shenbao::interchange;
use shenbao::model::{Application, ExistingPlatform, RowId};
use shenbao::package::{self, DraftCheck, OpenedDraft, PackageDecisions, PackagePreview, PackageSummary};
use shenbao::registry;
use shenbao::service::{self, PackImport, PersonRef, ProgrammeSummary, RegistryCheck, SavedRow};
use shenbao::store::backup::{self, BackupInfo};
use shenbao::store::{ApplicationField, ApplicationSummary, RowData, RowKind};
use tauri::State;
use ts_rs::TS;

use crate::{AppState, Arg, CommandError};

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
pub fn load_application(state: State<'_, AppState>, id: Arg<RowId>) -> Result<Application, CommandError> {
    let Arg(id) = id;
    state.with(|s| Ok(s.load_application(id)?))
}

/// Stores a whole application (a new one, a copy, or an undone delete) and returns its id.
#[tauri::command]
pub fn create_application(
    state: State<'_, AppState>,
    application: Arg<Application>,
) -> Result<RowId, CommandError> {
    let Arg(application) = application;
    state.with(|s| Ok(s.insert_application(&application.without_row_ids())?))
}

/// Adds the built-in sample application again.
#[tauri::command]
pub fn create_sample_application(state: State<'_, AppState>) -> Result<RowId, CommandError> {
    state.with(|s| Ok(shenbao::samples::load_sample(s)?))
}

/// Deletes an application and returns it whole, so the window can offer to undo.
#[tauri::command]
pub fn delete_application(state: State<'_, AppState>, id: Arg<RowId>) -> Result<Application, CommandError> {
    let Arg(id) = id;
    state.with(|s| {
        let app = s.load_application(id)?;
        s.delete_application(id)?;
        Ok(app.without_row_ids())
    })
}

#[tauri::command]
pub fn update_application_field(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    change: Arg<ApplicationField>,
) -> Result<(), CommandError> {
    let Arg(id) = id;
    let Arg(change) = change;
    state.with(|s| Ok(s.update_application_field(id, &change)?))
}

/// Inserts (no id) or updates (with id) one roster row through the core's one save path;
/// returns the row as stored with its field-level issues.
#[tauri::command]
pub fn save_row(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    row: Arg<RowData>,
) -> Result<SavedRow, CommandError> {
    let Arg(application_id) = application_id;
    let Arg(row) = row;
    state.with(|s| Ok(service::save_row(s, application_id, row)?))
}

/// Deletes one roster row and returns it, so the window can offer to undo.
#[tauri::command]
pub fn delete_row(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    kind: Arg<RowKind>,
    id: Arg<RowId>,
) -> Result<RowData, CommandError> {
    let Arg(application_id) = application_id;
    let Arg(kind) = kind;
    let Arg(id) = id;
    state.with(|s| Ok(s.delete_row(application_id, kind, id)?))
}

/// Imports one application from the text of a JSON interchange document.
#[tauri::command]
pub fn import_application_json(state: State<'_, AppState>, text: Arg<String>) -> Result<RowId, CommandError> {
    let Arg(text) = text;
    let app = interchange::application_from_json(&text)?;
    state.with(|s| Ok(s.insert_application(&app)?))
}

/// The JSON interchange document of one application.
#[tauri::command]
pub fn export_application_json(state: State<'_, AppState>, id: Arg<RowId>) -> Result<String, CommandError> {
    let Arg(id) = id;
    state.with(|s| Ok(interchange::application_to_json(&s.load_application(id)?)))
}

/// Every programme with its dates, deadlines and main conditions: the built-in ones and the
/// packs the user loaded into this database (marked with their file).
#[tauri::command]
pub fn list_programmes(state: State<'_, AppState>) -> Result<Vec<ProgrammeSummary>, CommandError> {
    state.with(|s| Ok(service::programme_summaries(s)?))
}

/// Loads a programme pack (the file's name and text) into this database: refused with its
/// line and key if bad (nothing stored); replaces a built-in pack or an earlier import of its id.
#[tauri::command]
pub fn import_pack(
    state: State<'_, AppState>,
    file_name: Arg<String>,
    text: Arg<String>,
) -> Result<PackImport, CommandError> {
    let Arg(file_name) = file_name;
    let Arg(text) = text;
    state.with(|s| Ok(service::import_pack(s, &file_name, &text)?))
}

/// Removes a pack the user loaded; the built-in pack of its id (if any) applies again.
#[tauri::command]
pub fn remove_user_pack(state: State<'_, AppState>, id: Arg<String>) -> Result<(), CommandError> {
    let Arg(id) = id;
    state.with(|s| Ok(service::remove_user_pack(s, &id)?))
}

/// The live check of one application against its programme, with the cross criteria answered
/// from the other applications and the registry in this database, and every conflict found.
#[tauri::command]
pub fn check_application(state: State<'_, AppState>, id: Arg<RowId>) -> Result<RegistryCheck, CommandError> {
    let Arg(id) = id;
    state.with(|s| {
        let app = s.load_application(id)?;
        let pack = service::choose_pack_in_store(s, &app, None)?;
        Ok(service::check_in_store(s, Some(id), &app, &pack, None, today())?)
    })
}

/// Every conflict in the database, grouped by person, instrument, site, achievement and
/// application: the research office's overview.
#[tauri::command]
pub fn all_conflicts(state: State<'_, AppState>) -> Result<Report, CommandError> {
    state.with(|s| {
        let params = service::cross_params_in_store(s, None)?;
        Ok(duplicates::report(s, &params)?)
    })
}

/// Links the two people of a "possibly the same person" conflict as one person (关联为同一人);
/// returns the sentence to show.
#[tauri::command]
pub fn link_conflict_people(
    state: State<'_, AppState>,
    first: Arg<PersonRef>,
    second: Arg<PersonRef>,
) -> Result<String, CommandError> {
    let (Arg(first), Arg(second)) = (first, second);
    state.with(|s| Ok(service::link_conflict_people(s, &first, &second)?))
}

/// The registry of existing platforms (已建平台) the checks compare against.
#[tauri::command]
pub fn list_platforms(state: State<'_, AppState>) -> Result<Vec<ExistingPlatform>, CommandError> {
    state.with(|s| Ok(s.list_platforms()?))
}

/// Adds the platforms of a registry JSON document; returns how many were added.
#[tauri::command]
pub fn import_registry_json(state: State<'_, AppState>, text: Arg<String>) -> Result<usize, CommandError> {
    let Arg(text) = text;
    let platforms = interchange::registry_from_json(&text)?;
    state.with(|s| Ok(s.insert_platforms(&platforms)?.len()))
}

/// Adds (no id) or replaces (with id) one registry platform entered by hand; returns its id.
/// A wrong field is refused with `invalid_platform` naming every field, and nothing is written.
#[tauri::command]
pub fn save_platform(
    state: State<'_, AppState>,
    platform: Arg<ExistingPlatform>,
) -> Result<RowId, CommandError> {
    let Arg(platform) = platform;
    state.with(|s| {
        registry::save_platform(s, &platform, today()).map_err(|e| CommandError::new(e.code(), e.to_string()))
    })
}

/// Deletes one registry platform and returns it without its id, so the window can offer to undo.
#[tauri::command]
pub fn delete_platform(state: State<'_, AppState>, id: Arg<RowId>) -> Result<ExistingPlatform, CommandError> {
    let Arg(id) = id;
    state.with(|s| Ok(s.delete_platform(id)?))
}

/// Writes the chosen documents (`application`, `review`, `mailing`, `bound`) into `dir`, a
/// folder the user picked in the system dialog; returns the written paths.
#[tauri::command]
pub fn export_documents(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    which: Arg<Vec<String>>,
    dir: Arg<String>,
) -> Result<Vec<String>, CommandError> {
    let Arg(id) = id;
    let Arg(which) = which;
    let Arg(dir) = dir;
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
        let pack = service::choose_pack_in_store(s, &app, None)?;
        let assessment = service::check_in_store(s, Some(id), &app, &pack, None, today())?.assessment;
        let mut written = Vec::new();
        for which in chosen {
            let paths = service::export_documents_in_store(
                Some((&*s, id)),
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

/// One document (`application`, `review`, `mailing` or `bound`) as PDF bytes, for the preview
/// inside the window before saving; nothing is written.
#[tauri::command]
pub fn preview_document(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    which: Arg<String>,
) -> Result<tauri::ipc::Response, CommandError> {
    let Arg(id) = id;
    let Arg(which) = which;
    let which = service::which_from_name(&which)
        .filter(|w| *w != shenbao::pdf::Which::All)
        .ok_or_else(|| CommandError::new("bad_argument", format!("未知的预览文件类型“{which}”")))?;
    state.with(|s| {
        let app = s.load_application(id)?;
        let pack = service::choose_pack_in_store(s, &app, None)?;
        let assessment = service::check_in_store(s, Some(id), &app, &pack, None, today())?.assessment;
        Ok(tauri::ipc::Response::new(service::document_bytes(&app, &pack, &assessment, which, today())?))
    })
}

/// What the 申请书 would still print empty (内容完整性), before export.
#[tauri::command]
pub fn empty_parts(
    state: State<'_, AppState>,
    id: Arg<RowId>,
) -> Result<Vec<shenbao::completeness::EmptyPart>, CommandError> {
    let Arg(id) = id;
    state.with(|s| {
        let app = s.load_application(id)?;
        let pack = service::choose_pack_in_store(s, &app, None)?;
        Ok(service::empty_parts(&app, &pack))
    })
}

/// The narrative sections the wizard offers, in print order.
#[tauri::command]
pub fn narrative_sections() -> Vec<shenbao::completeness::NarrativeSection> {
    service::narrative_sections()
}

/// The folder export suggests (申报材料 in the user's documents folder); empty when unknown.
#[tauri::command]
pub fn default_export_dir() -> String {
    let (docs, home) = (dirs::document_dir(), dirs::home_dir());
    service::default_export_dir(docs.as_deref(), home.as_deref())
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

/// Today's date on this machine: the shell is an edge and may read the clock.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

// ---- backups --------------------------------------------------------------------------------

/// Backs up the database now; returns the backup file's path.
#[tauri::command]
pub fn backup_now(state: State<'_, AppState>) -> Result<String, CommandError> {
    let now = chrono::Local::now().naive_local();
    state.with(|s| Ok(backup::make_backup(s, &s.backup_dir(), now)?.display().to_string()))
}

/// The backups beside the database, newest first.
#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, CommandError> {
    state.with(|s| Ok(backup::list(&s.backup_dir())?))
}

/// Replaces the database's content with a backup file; returns the path of the backup of the
/// state before the restore.
#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, file: Arg<String>) -> Result<String, CommandError> {
    let Arg(file) = file;
    let now = chrono::Local::now().naive_local();
    state.with(|s| Ok(s.restore_from(std::path::Path::new(&file), now)?.display().to_string()))
}

// ---- roster import from spreadsheets --------------------------------------------------------

/// A file's bytes as the window sends them (a plain array of numbers).
#[derive(Debug, Clone, Serialize, serde::Deserialize, TS)]
#[serde(transparent)]
#[ts(export, type = "number[]")]
pub struct Bytes(pub Vec<u8>);

/// What importing a roster file into an application would add, and each row's errors.
#[tauri::command]
pub fn preview_roster_import(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    kind: Arg<ImportKind>,
    file_name: Arg<String>,
    bytes: Arg<Bytes>,
    map: Arg<ColumnMap>,
) -> Result<Preview, CommandError> {
    let Arg(application_id) = application_id;
    let Arg(kind) = kind;
    let Arg(file_name) = file_name;
    let Arg(bytes) = bytes;
    let Arg(map) = map;
    state.with(|s| roster_preview(s, application_id, kind, &file_name, &bytes.0, &map))
}

/// Adds the file's good rows to the application in one transaction (the registry: all its
/// platforms, or none when any row has an error); returns how many.
#[tauri::command]
pub fn commit_roster_import(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    kind: Arg<ImportKind>,
    file_name: Arg<String>,
    bytes: Arg<Bytes>,
    map: Arg<ColumnMap>,
) -> Result<usize, CommandError> {
    let Arg(application_id) = application_id;
    let Arg(kind) = kind;
    let Arg(file_name) = file_name;
    let Arg(bytes) = bytes;
    let Arg(map) = map;
    state.with(|s| {
        let preview = roster_preview(s, application_id, kind, &file_name, &bytes.0, &map)?;
        Ok(import::commit(s, application_id, &preview)?.len())
    })
}

/// The host units that unit names in a roster refer to; the registry belongs to no application.
fn roster_preview(
    s: &mut shenbao::store::Store,
    application_id: RowId,
    kind: ImportKind,
    file_name: &str,
    bytes: &[u8],
    map: &ColumnMap,
) -> Result<Preview, CommandError> {
    if kind == ImportKind::Platforms {
        return Ok(import::preview(bytes, file_name, kind, map, &[])?);
    }
    let app = s.load_application(application_id)?;
    Ok(import::preview_into(bytes, file_name, kind, map, &app)?)
}

/// The template spreadsheet (.xlsx) of a roster, to save where the user chooses.
#[tauri::command]
pub fn roster_template(kind: Arg<ImportKind>) -> Result<Bytes, CommandError> {
    let Arg(kind) = kind;
    Ok(Bytes(import::template(kind)?))
}

/// Writes the template spreadsheet (.xlsx) of a roster to `path`, chosen with the save dialog.
#[tauri::command]
pub fn save_roster_template(kind: Arg<ImportKind>, path: Arg<String>) -> Result<(), CommandError> {
    let Arg(kind) = kind;
    let Arg(path) = path;
    std::fs::write(&path, import::template(kind)?)
        .map_err(|e| CommandError::new("write_file", format!("无法写入文件“{path}”：{e}")))
}

// ---- co-builder packages --------------------------------------------------------------------

/// Writes a co-builder package to `path`: on a lead application the package for host unit
/// `unit` (≥ 1), on a co-builder draft (no unit) the package returning it; answers what was
/// written, in words.
#[tauri::command]
pub fn export_package(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    unit: Arg<Option<usize>>,
    path: Arg<String>,
) -> Result<String, CommandError> {
    let Arg(id) = id;
    let Arg(unit) = unit;
    let Arg(path) = path;
    state.with(|s| {
        let now = chrono::Utc::now();
        let p = match (s.package_link(id)?, unit) {
            (None, Some(unit)) => package::export_for_co_builder(s, id, unit, now)?,
            (Some(_), None) => package::export_back(s, id, now)?,
            (Some(_), Some(_)) => return Err(package::PackageError::DraftToCoBuilder(id).into()),
            (None, None) => return Err(package::PackageError::NotADraft(id).into()),
        };
        std::fs::write(&path, package::to_json(&p))
            .map_err(|e| CommandError::new("write_file", format!("无法写入文件“{path}”：{e}")))?;
        Ok(format!("已导出数据包（{}）：{path}", p.revision_label()))
    })
}

/// Opens a package sent to a co-builder (the file's text) as a draft.
#[tauri::command]
pub fn open_package(state: State<'_, AppState>, text: Arg<String>) -> Result<OpenedDraft, CommandError> {
    let Arg(text) = text;
    let p = package::from_json(&text)?;
    state.with(|s| Ok(package::open_as_draft(s, &p)?))
}

/// What a returned package (the file's text) would add, change and remove; writes nothing.
#[tauri::command]
pub fn preview_package(
    state: State<'_, AppState>,
    text: Arg<String>,
) -> Result<PackagePreview, CommandError> {
    let Arg(text) = text;
    let p = package::from_json(&text)?;
    state.with(|s| Ok(package::preview_return(s, &p)?))
}

/// Merges a returned package with the user's choices, in one transaction.
#[tauri::command]
pub fn apply_package(
    state: State<'_, AppState>,
    text: Arg<String>,
    decisions: Arg<PackageDecisions>,
) -> Result<PackageSummary, CommandError> {
    let Arg(text) = text;
    let Arg(decisions) = decisions;
    let p = package::from_json(&text)?;
    state.with(|s| Ok(package::apply_return(s, &p, &decisions)?))
}

/// The live check of a co-builder draft (its fixed staff, its rows claimed elsewhere); none for
/// an application that is not a draft.
#[tauri::command]
pub fn check_package_draft(
    state: State<'_, AppState>,
    id: Arg<RowId>,
) -> Result<Option<DraftCheck>, CommandError> {
    let Arg(id) = id;
    state.with(|s| {
        if s.package_link(id)?.is_none() {
            return Ok(None);
        }
        let params = service::cross_params_in_store(s, None)?;
        let pack = service::choose_pack_in_store(s, &s.load_application(id)?, None).ok();
        Ok(Some(package::draft_check(s, id, pack.as_ref(), &params)?))
    })
}

/// Opens a folder the user exported into in the system's file manager. Only an existing folder
/// is opened, never a file or a program.
#[tauri::command]
pub fn show_folder(dir: Arg<String>) -> Result<(), CommandError> {
    let Arg(dir) = dir;
    let path = std::path::Path::new(&dir);
    if !path.is_dir() {
        return Err(CommandError::new("not_a_folder", format!("文件夹“{dir}”不存在：可能已被移动或删除")));
    }
    let opener = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(path).spawn().map(drop).map_err(|e| {
        CommandError::new("open_folder", format!("无法打开文件夹“{dir}”：{e}；请在文件管理器中手动打开"))
    })
}
