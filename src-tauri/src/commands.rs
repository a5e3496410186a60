//! Tauri commands: each reads its arguments, makes one call into `shenbao::service`, and answers
//! its result or its `{code, detail, message}` error.
//! A new command is four edits together: this function, `generate_handler!`, build.rs's
//! manifest, and the grant in capabilities/default.json (a test checks all four).

use std::path::Path;

use serde::Serialize;
use shenbao::completeness::{EmptyPart, NarrativeSection};
use shenbao::duplicates::Report;
use shenbao::evidence::{AttachedFile, EvidenceItem, Evidences};
use shenbao::help::StepHelp;
use shenbao::import::{ColumnMap, ImportKind, Preview};
use shenbao::model::{Application, ExistingPlatform, RowId};
use shenbao::package::{DraftCheck, OpenedDraft, PackageDecisions, PackagePreview, PackageSummary};
use shenbao::packkit::PackDiff;
use shenbao::service::PlatformCopyReport;
use shenbao::service::{
    self as core, About, ApplicationPackVersions, CheckOptions, HistoryLine, HomeVerdict, MilestoneChange,
    OpenedPackageFile, PackImport, PackMove, PersonRef, ProgrammeSummary, RegistryCheck, Reminder, RosterRow,
    SavedField, SavedFieldChecked, SavedRow, SavedRowChecked, Schedule, SealBadge, SealDiff, ServiceError,
};
use shenbao::service::{LibraryApplied, LibraryDetail, LibraryKept, LibraryListing, LibraryPreview};
use shenbao::signatures::SignatureChecklist;
use shenbao::store::backup::BackupInfo;
use shenbao::store::library::{LibraryKind, RowLink};
use shenbao::store::{ApplicationField, ApplicationSummary, RowData, RowKind, SealSummary};
use shenbao::transcription::TranscriptionSheet;
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
    let database = state.path().display().to_string();
    StartupStatus { database, error: state.with(|_| Ok(())).err() }
}

#[tauri::command]
pub fn list_applications(state: State<'_, AppState>) -> Result<Vec<ApplicationSummary>, CommandError> {
    state.with(|s| core::list_applications(s))
}

#[tauri::command]
pub fn load_application(state: State<'_, AppState>, id: Arg<RowId>) -> Result<Application, CommandError> {
    state.with(|s| core::load_application(s, id.0))
}

/// Stores a whole application (a new one, a copy, or an undone delete) and returns its id.
#[tauri::command]
pub fn create_application(
    state: State<'_, AppState>,
    application: Arg<Application>,
) -> Result<RowId, CommandError> {
    state.with(|s| core::create_application(s, &application.0))
}

/// Adds the built-in sample application again.
#[tauri::command]
pub fn create_sample_application(state: State<'_, AppState>) -> Result<RowId, CommandError> {
    state.with(core::create_sample)
}

/// Deletes an application and returns it whole, so the window can offer to undo.
#[tauri::command]
pub fn delete_application(state: State<'_, AppState>, id: Arg<RowId>) -> Result<Application, CommandError> {
    state.with(|s| core::delete_application(s, id.0))
}

#[tauri::command]
pub fn update_application_field(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    change: Arg<ApplicationField>,
) -> Result<SavedField, CommandError> {
    state.with(|s| core::update_application_field(s, id.0, &change.0))
}

/// Inserts (no id) or updates (with id) one roster row through the core's one save path;
/// returns the row as stored with its field-level issues.
#[tauri::command]
pub fn save_row(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    row: Arg<RowData>,
) -> Result<SavedRow, CommandError> {
    state.with(|s| core::save_row(s, application_id.0, row.0, today()))
}

/// One field typed in the window: saved, then the application checked, in one round trip.
#[tauri::command]
pub fn save_field_checked(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    change: Arg<ApplicationField>,
) -> Result<SavedFieldChecked, CommandError> {
    state.with(|s| core::save_field_checked(s, id.0, change.0, today()))
}

/// One roster row edited in the window: saved, then the application checked, in one round trip.
#[tauri::command]
pub fn save_row_checked(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    row: Arg<RowData>,
) -> Result<SavedRowChecked, CommandError> {
    state.with(|s| core::save_row_checked(s, application_id.0, row.0, today()))
}

// ---- the unit's library (单位资料库) ---------------------------------------------------------

/// The library's records (of one unit, of one kind, matching a text) with their usage, one page.
#[tauri::command]
pub fn library_list(
    state: State<'_, AppState>,
    unit: Arg<Option<String>>,
    kind: Arg<Option<LibraryKind>>,
    text: Arg<String>,
) -> Result<LibraryListing, CommandError> {
    let query = core::LibraryQuery { units: unit.0.into_iter().collect(), kind: kind.0, text: text.0 };
    state.with(|s| core::library_list(s, &query, Some(core::LIBRARY_PAGE)))
}

/// The records of one kind an application can pick: its host units' (or every unit's), one page.
#[tauri::command]
pub fn library_choices(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    kind: Arg<LibraryKind>,
    all_units: Arg<bool>,
    text: Arg<String>,
) -> Result<LibraryListing, CommandError> {
    state.with(|s| core::library_choices(s, application_id.0, kind.0, all_units.0, &text.0))
}

/// One record with every application that uses it.
#[tauri::command]
pub fn library_show(state: State<'_, AppState>, record: Arg<RowId>) -> Result<LibraryDetail, CommandError> {
    state.with(|s| core::library_show(s, record.0))
}

/// The rows of an application linked to library records.
#[tauri::command]
pub fn library_links(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
) -> Result<Vec<RowLink>, CommandError> {
    state.with(|s| core::library_links(s, application_id.0))
}

/// Links every row with a unit and an identity to its record (records made where none is).
#[tauri::command]
pub fn library_collect(state: State<'_, AppState>) -> Result<usize, CommandError> {
    state.with(core::library_collect)
}

/// Keeps rows of an application in the library of their unit (存入资料库).
#[tauri::command]
pub fn library_keep_rows(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    kind: Arg<LibraryKind>,
    rows: Arg<Vec<RowId>>,
) -> Result<LibraryKept, CommandError> {
    state.with(|s| core::library_keep_rows(s, application_id.0, kind.0, &rows.0))
}

/// Picks library records into an application as new linked rows (从资料库选择).
#[tauri::command]
pub fn library_pick(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    records: Arg<Vec<RowId>>,
) -> Result<Vec<SavedRow>, CommandError> {
    state.with(|s| core::library_pick(s, application_id.0, &records.0))
}

/// What an edit of a record would change in which applications, and which verdicts move;
/// nothing is written.
#[tauri::command]
pub fn library_preview(
    state: State<'_, AppState>,
    record: Arg<RowId>,
    edited: Arg<RowData>,
) -> Result<LibraryPreview, CommandError> {
    state.with(|s| core::library_preview(s, record.0, edited.0, today()))
}

/// Applies an edit of a record to the record and every row linked to it, in one transaction.
#[tauri::command]
pub fn library_apply(
    state: State<'_, AppState>,
    record: Arg<RowId>,
    edited: Arg<RowData>,
) -> Result<LibraryApplied, CommandError> {
    state.with(|s| core::library_apply(s, record.0, edited.0))
}

/// Deletes one roster row and returns it, so the window can offer to undo.
#[tauri::command]
pub fn delete_row(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    kind: Arg<RowKind>,
    id: Arg<RowId>,
) -> Result<RowData, CommandError> {
    state.with(|s| core::delete_row(s, application_id.0, kind.0, id.0))
}

/// Imports one application from the text of a JSON interchange document.
#[tauri::command]
pub fn import_application_json(state: State<'_, AppState>, text: Arg<String>) -> Result<RowId, CommandError> {
    state.with(|s| Ok(core::import_application_json(s, &text.0)?.0))
}

/// The JSON interchange document of one application.
#[tauri::command]
pub fn export_application_json(state: State<'_, AppState>, id: Arg<RowId>) -> Result<String, CommandError> {
    state.with(|s| core::export_application_json(s, id.0))
}

/// Every programme with its dates, deadlines and main conditions: the built-in ones and the
/// packs the user loaded into this database (marked with their file).
#[tauri::command]
pub fn list_programmes(state: State<'_, AppState>) -> Result<Vec<ProgrammeSummary>, CommandError> {
    state.with(|s| core::programme_summaries(s, today()))
}

/// Loads a programme pack (the file's name and text) into this database: refused with its
/// line and key if bad (nothing stored); replaces a built-in pack or an earlier import of its id.
#[tauri::command]
pub fn import_pack(
    state: State<'_, AppState>,
    file_name: Arg<String>,
    text: Arg<String>,
) -> Result<PackImport, CommandError> {
    state.with(|s| core::import_pack(s, &file_name.0, &text.0))
}

/// What importing a pack file would change (申报规则 → 导入申报规则 shows it before the import):
/// the diff against the pack in force for its id; none for a new programme. Refused like the
/// import when the pack is bad.
#[tauri::command]
pub fn preview_pack_import(
    state: State<'_, AppState>,
    file_name: Arg<String>,
    text: Arg<String>,
) -> Result<Option<PackDiff>, CommandError> {
    state.with(|s| core::import_pack_diff(s, &file_name.0, &text.0))
}

/// Removes a pack the user loaded; the built-in pack of its id (if any) applies again.
#[tauri::command]
pub fn remove_user_pack(state: State<'_, AppState>, id: Arg<String>) -> Result<(), CommandError> {
    state.with(|s| core::remove_user_pack(s, &id.0))
}

/// The pack version an application keeps and the versions of its programme (规则版本).
#[tauri::command]
pub fn application_pack_versions(
    state: State<'_, AppState>,
    id: Arg<RowId>,
) -> Result<ApplicationPackVersions, CommandError> {
    state.with(|s| core::application_pack_versions(s, id.0))
}

/// What moving an application to another pack version would change (shown before the move).
#[tauri::command]
pub fn preview_pack_move(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    version: Arg<String>,
) -> Result<PackMove, CommandError> {
    state.with(|s| core::preview_pack_move(s, id.0, &version.0))
}

/// Moves an application to another pack version.
#[tauri::command]
pub fn move_pack(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    version: Arg<String>,
) -> Result<PackMove, CommandError> {
    state.with(|s| core::move_pack(s, id.0, &version.0))
}

/// The live check of one application against its programme, with the cross criteria answered
/// from the other applications and the registry in this database, and every conflict found.
#[tauri::command]
pub fn check_application(state: State<'_, AppState>, id: Arg<RowId>) -> Result<RegistryCheck, CommandError> {
    state.with(|s| Ok(core::check_stored(s, id.0, &CheckOptions::default(), today())?.check))
}

/// Every application's verdict for the home screen, in one call.
#[tauri::command]
pub fn home_verdicts(state: State<'_, AppState>) -> Result<Vec<HomeVerdict>, CommandError> {
    state.with(|s| core::home_verdicts(s, today()))
}

/// Every conflict in the database, grouped by person, instrument, site, achievement and
/// application: the research office's overview.
#[tauri::command]
pub fn all_conflicts(state: State<'_, AppState>) -> Result<Report, CommandError> {
    state.with(core::all_conflicts)
}

/// Links the two people of a "possibly the same person" conflict as one person (关联为同一人);
/// returns the sentence to show.
#[tauri::command]
pub fn link_conflict_people(
    state: State<'_, AppState>,
    first: Arg<PersonRef>,
    second: Arg<PersonRef>,
) -> Result<String, CommandError> {
    state.with(|s| core::link_conflict_people(s, &first.0, &second.0))
}

/// The registry of existing platforms (已建平台) the checks compare against.
#[tauri::command]
pub fn list_platforms(state: State<'_, AppState>) -> Result<Vec<ExistingPlatform>, CommandError> {
    state.with(|s| core::list_platforms(s))
}

/// Adds the platforms of a registry JSON document; returns how many were added.
#[tauri::command]
pub fn import_registry_json(state: State<'_, AppState>, text: Arg<String>) -> Result<usize, CommandError> {
    state.with(|s| core::import_registry_json(s, &text.0))
}

/// Adds (no id) or replaces (with id) one registry platform entered by hand; returns its id.
/// A wrong field is refused (`invalid`, naming every field), and nothing is written.
#[tauri::command]
pub fn save_platform(
    state: State<'_, AppState>,
    platform: Arg<ExistingPlatform>,
) -> Result<RowId, CommandError> {
    state.with(|s| core::save_platform(s, &platform.0, today()))
}

/// Deletes one registry platform and returns it without its id, so the window can offer to undo.
#[tauri::command]
pub fn delete_platform(state: State<'_, AppState>, id: Arg<RowId>) -> Result<ExistingPlatform, CommandError> {
    state.with(|s| core::delete_platform(s, id.0))
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
    let which = core::which_from_names(&which.0)?;
    let written = state.with(|s| core::export_stored(s, id.0, &which, today(), Path::new(&dir.0)))?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// One document (`application`, `review`, `mailing` or `bound`) as PDF bytes, for the preview
/// inside the window before saving; nothing is written.
#[tauri::command]
pub fn preview_document(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    which: Arg<String>,
) -> Result<tauri::ipc::Response, CommandError> {
    state.with(|s| core::preview_stored(s, id.0, &which.0, today())).map(tauri::ipc::Response::new)
}

/// What the 申请书 would still print empty (内容完整性), before export.
#[tauri::command]
pub fn empty_parts(state: State<'_, AppState>, id: Arg<RowId>) -> Result<Vec<EmptyPart>, CommandError> {
    state.with(|s| core::empty_parts_of(s, id.0))
}

/// The way to the post office (报送进度) of an application, today.
#[tauri::command]
pub fn schedule(state: State<'_, AppState>, id: Arg<RowId>) -> Result<Schedule, CommandError> {
    state.with(|s| core::schedule(s, id.0, today()))
}

/// The signature and seal checklist (签字盖章清单) of an application.
#[tauri::command]
pub fn signature_checklist(
    state: State<'_, AppState>,
    id: Arg<RowId>,
) -> Result<SignatureChecklist, CommandError> {
    state.with(|s| core::signature_checklist(s, id.0))
}

/// Ticks (`done`) or unticks one place of the checklist; answers the new checklist.
#[tauri::command]
pub fn set_signoff(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    key: Arg<String>,
    done: Arg<bool>,
) -> Result<SignatureChecklist, CommandError> {
    state.with(|s| core::set_signoff(s, id.0, &key.0, done.0, today()))
}

/// Plans or ticks off one of the user's milestones; answers the new schedule.
#[tauri::command]
pub fn set_milestone(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    change: Arg<MilestoneChange>,
) -> Result<Schedule, CommandError> {
    state.with(|s| core::set_milestone(s, id.0, &change.0, today()))
}

/// Sets the days the post takes; answers the new schedule.
#[tauri::command]
pub fn set_mailing_days(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    days: Arg<u32>,
) -> Result<Schedule, CommandError> {
    state.with(|s| core::set_mailing_days(s, id.0, days.0, today()))
}

/// The steps due within three days or overdue, for the reminder at start.
#[tauri::command]
pub fn reminders(state: State<'_, AppState>) -> Result<Vec<Reminder>, CommandError> {
    state.with(|s| core::reminders(s, today()))
}

/// The values to type into the online platform (网上填报对照表), in print order.
#[tauri::command]
pub fn transcription(state: State<'_, AppState>, id: Arg<RowId>) -> Result<TranscriptionSheet, CommandError> {
    state.with(|s| core::transcription_of(s, id.0, today()))
}

/// Writes the 网上填报对照表 as xlsx to `path`, chosen with the save dialog.
#[tauri::command]
pub fn save_transcription(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    path: Arg<String>,
) -> Result<(), CommandError> {
    state.with(|s| core::save_transcription(s, id.0, today(), Path::new(&path.0)))
}

/// The platform copy check: the PDF at `path` (downloaded from the online platform, chosen with
/// the open dialog) compared with the latest sealed version.
#[tauri::command]
pub fn check_platform_copy(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    path: Arg<String>,
) -> Result<PlatformCopyReport, CommandError> {
    state.with(|s| core::check_platform_copy(s, id.0, Path::new(&path.0)))
}

/// The narrative sections the wizard offers, in print order.
#[tauri::command]
pub fn narrative_sections() -> Vec<NarrativeSection> {
    core::narrative_sections()
}

/// The folder export suggests (申报材料 in the user's documents folder); empty when unknown.
#[tauri::command]
pub fn default_export_dir() -> String {
    let (docs, home) = (dirs::document_dir(), dirs::home_dir());
    core::default_export_dir(docs.as_deref(), home.as_deref())
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

/// Today's date on this machine: the shell is an edge and may read the clock.
/// Today in Beijing time: the notices' deadlines and the printed 填报日期 are Beijing dates.
fn today() -> chrono::NaiveDate {
    core::today_in_china(chrono::Utc::now())
}

// ---- about -----------------------------------------------------------------------------------

/// 关于申报通: version, build date, packs, database, last backup, font licence (also when the
/// database could not be opened: then with the reason and the built-in packs).
#[tauri::command]
pub fn about(state: State<'_, AppState>) -> Result<About, CommandError> {
    let path = state.path().to_path_buf();
    match state.with(|s| core::about(&path, Some(s), None)) {
        Ok(about) => Ok(about),
        Err(e) => Ok(core::about(&path, None, Some(e.message))?),
    }
}

/// 帮助 of one wizard step of an application: what the notice asks there, the sample's values,
/// the common mistakes.
#[tauri::command]
pub fn step_help(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    step: Arg<String>,
) -> Result<StepHelp, CommandError> {
    state.with(|s| core::step_help(s, id.0, &step.0))
}

// ---- sealed versions (定稿) and history --------------------------------------------------------

/// Seals the application as it is now (定稿), with the user's note ("提交网络平台").
#[tauri::command]
pub fn seal_application(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    note: Arg<String>,
) -> Result<SealSummary, CommandError> {
    state.with(|s| core::seal(s, id.0, &note.0, &shenbao::store::now_rfc3339(), today()))
}

/// The sealed versions of an application, oldest first.
#[tauri::command]
pub fn list_seals(state: State<'_, AppState>, id: Arg<RowId>) -> Result<Vec<SealSummary>, CommandError> {
    state.with(|s| core::list_seals(s, id.0))
}

/// Every change since a seal (the latest when `against` is null), field by field.
#[tauri::command]
pub fn seal_diff(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    against: Arg<Option<RowId>>,
) -> Result<SealDiff, CommandError> {
    state.with(|s| core::diff(s, id.0, against.0))
}

/// Every sealed application with its changes since the latest seal (已定稿后修改 N 处).
#[tauri::command]
pub fn seal_badges(state: State<'_, AppState>) -> Result<Vec<SealBadge>, CommandError> {
    state.with(|s| core::seal_badges(s))
}

/// Writes a sealed version's review sheet, exactly as printed at sealing, to a file the user
/// picked in the system dialog.
#[tauri::command]
pub fn reprint_sealed_review_sheet(
    state: State<'_, AppState>,
    seal: Arg<RowId>,
    path: Arg<String>,
) -> Result<(), CommandError> {
    state.with(|s| core::reprint_sealed_review_sheet(s, seal.0, Path::new(&path.0)))
}

/// Every recorded change of an application with its seals, oldest first; with `row`, only that
/// roster row's changes.
#[tauri::command]
pub fn application_history(
    state: State<'_, AppState>,
    id: Arg<RowId>,
    row: Arg<Option<RosterRow>>,
) -> Result<Vec<HistoryLine>, CommandError> {
    state.with(|s| core::history(s, id.0, row.0.map(|r| (r.kind, r.id))))
}

// ---- backups --------------------------------------------------------------------------------

/// Backs up the database now; returns the backup file's path.
#[tauri::command]
pub fn backup_now(state: State<'_, AppState>) -> Result<String, CommandError> {
    let now = chrono::Local::now().naive_local();
    state.with(|s| Ok(core::backup_now(s, now)?.display().to_string()))
}

/// Backs up the database now into a folder the user picked (备份到其他位置); returns the path.
#[tauri::command]
pub fn backup_to_folder(state: State<'_, AppState>, folder: Arg<String>) -> Result<String, CommandError> {
    let now = chrono::Local::now().naive_local();
    state.with(|s| Ok(core::backup_to_folder(s, Path::new(&folder.0), now)?.display().to_string()))
}

/// The backups beside the database, newest first (also when the database cannot be opened).
#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, CommandError> {
    Ok(core::list_backups(state.path())?)
}

/// Replaces the database's content with a backup file (also a damaged database, which is moved
/// aside); returns where the state before the restore was kept.
#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, file: Arg<String>) -> Result<String, CommandError> {
    let now = chrono::Local::now().naive_local();
    Ok(state.restore(Path::new(&file.0), now)?.display().to_string())
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
    state.with(|s| core::preview_roster(s, application_id.0, kind.0, &file_name.0, &bytes.0 .0, &map.0))
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
    let (id, file_name, bytes) = (application_id.0, file_name.0, bytes.0 .0);
    state.with(|s| {
        let preview = core::preview_roster(s, id, kind.0, &file_name, &bytes, &map.0)?;
        core::commit_roster(s, id, &preview)
    })
}

/// What pasting rows copied from a spreadsheet (tab-separated text with its header row) would
/// add or update: the same column matcher, converter and checks as a roster file.
#[tauri::command]
pub fn preview_paste(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    kind: Arg<ImportKind>,
    text: Arg<String>,
) -> Result<Preview, CommandError> {
    state.with(|s| core::preview_paste(s, application_id.0, kind.0, &text.0))
}

/// The template spreadsheet (.xlsx) of a roster, to save where the user chooses.
#[tauri::command]
pub fn roster_template(kind: Arg<ImportKind>) -> Result<Bytes, CommandError> {
    Ok(Bytes(core::roster_template(kind.0)?))
}

/// Writes the template spreadsheet (.xlsx) of a roster to `path`, chosen with the save dialog.
#[tauri::command]
pub fn save_roster_template(kind: Arg<ImportKind>, path: Arg<String>) -> Result<(), CommandError> {
    Ok(core::write_file(Path::new(&path.0), &core::roster_template(kind.0)?)?)
}

// ---- supporting materials (印证材料) ---------------------------------------------------------

/// The supporting materials of an application in 目录 order (the pack's for the criteria that
/// apply, then the user's), each with its files.
#[tauri::command]
pub fn list_evidence(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
) -> Result<Vec<EvidenceItem>, CommandError> {
    state.with(|s| core::evidence::items(s, application_id.0, today()))
}

/// Attaches files to the item keyed `item`: paths chosen in the open dialog or dropped onto the
/// item. Every file is checked first (type by content, empty, size, encrypted or damaged PDF,
/// image resolution); one refused file stores none. Returns the files attached.
#[tauri::command]
pub fn attach_evidence(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    item: Arg<String>,
    paths: Arg<Vec<String>>,
) -> Result<Vec<AttachedFile>, CommandError> {
    let paths: Vec<&Path> = paths.0.iter().map(Path::new).collect();
    state.with(|s| core::evidence::attach_paths(s, application_id.0, &item.0, &paths, today()))
}

/// The bytes of one attached file, for its page thumbnails in the window.
#[tauri::command]
pub fn evidence_file(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    file: Arg<RowId>,
) -> Result<tauri::ipc::Response, CommandError> {
    state.with(|s| core::evidence::file_bytes(s, application_id.0, file.0)).map(tauri::ipc::Response::new)
}

/// Bytes `begin..end` of one attached file (its PDF thumbnails read a large file in parts).
#[tauri::command]
pub fn evidence_file_range(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    file: Arg<RowId>,
    begin: Arg<u64>,
    end: Arg<u64>,
) -> Result<tauri::ipc::Response, CommandError> {
    state
        .with(|s| core::evidence::file_range(s, application_id.0, file.0, begin.0, end.0))
        .map(tauri::ipc::Response::new)
}

/// Puts the files of the item keyed `item` in the given order (every file id of the item).
#[tauri::command]
pub fn reorder_evidence(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    item: Arg<String>,
    order: Arg<Vec<RowId>>,
) -> Result<(), CommandError> {
    state.with(|s| core::evidence::reorder(s, application_id.0, &item.0, &order.0, today()))
}

/// Removes one attached file; returns what it was.
#[tauri::command]
pub fn remove_evidence_file(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    file: Arg<RowId>,
) -> Result<AttachedFile, CommandError> {
    state.with(|s| core::evidence::remove_file(s, application_id.0, file.0))
}

/// Adds an item of the user's (title, what it evidences, required or not); returns the list.
#[tauri::command]
pub fn add_evidence_item(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    title: Arg<String>,
    evidences: Arg<Evidences>,
    required: Arg<bool>,
) -> Result<Vec<EvidenceItem>, CommandError> {
    let (id, title, evidences) = (application_id.0, title.0, evidences.0);
    state.with(|s| core::evidence::add_item(s, id, &title, &evidences, required.0, today()))
}

/// Removes an item the user added, with its files (an item the pack names is refused).
#[tauri::command]
pub fn remove_evidence_item(
    state: State<'_, AppState>,
    application_id: Arg<RowId>,
    item: Arg<String>,
) -> Result<(), CommandError> {
    state.with(|s| core::evidence::remove_item(s, application_id.0, &item.0, today()))
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
    state.with(|s| core::export_package(s, id.0, unit.0, Path::new(&path.0), chrono::Utc::now()))
}

/// The files the desktop asked the app to open (a double-clicked .shenbao package), once each.
#[tauri::command]
pub fn take_files_to_open(state: State<'_, AppState>) -> Vec<String> {
    state.take_files().into_iter().map(|p| p.display().to_string()).collect()
}

/// Opens a package file handed over by the desktop: a package to a co-builder as its draft, a
/// returned one as a merge preview.
#[tauri::command]
pub fn open_package_file(
    state: State<'_, AppState>,
    path: Arg<String>,
) -> Result<OpenedPackageFile, CommandError> {
    state.with(|s| core::open_package_file(s, Path::new(&path.0)))
}

/// Opens a package sent to a co-builder (the file's text) as a draft.
#[tauri::command]
pub fn open_package(state: State<'_, AppState>, text: Arg<String>) -> Result<OpenedDraft, CommandError> {
    state.with(|s| core::open_package(s, &text.0))
}

/// What a returned package (the file's text) would add, change and remove; writes nothing.
#[tauri::command]
pub fn preview_package(
    state: State<'_, AppState>,
    text: Arg<String>,
) -> Result<PackagePreview, CommandError> {
    state.with(|s| core::preview_package(s, &text.0))
}

/// Merges a returned package with the user's choices, in one transaction.
#[tauri::command]
pub fn apply_package(
    state: State<'_, AppState>,
    text: Arg<String>,
    decisions: Arg<PackageDecisions>,
) -> Result<PackageSummary, CommandError> {
    state.with(|s| core::apply_package(s, &text.0, &decisions.0))
}

/// The live check of a co-builder draft (its fixed staff, its rows claimed elsewhere); none for
/// an application that is not a draft.
#[tauri::command]
pub fn check_package_draft(
    state: State<'_, AppState>,
    id: Arg<RowId>,
) -> Result<Option<DraftCheck>, CommandError> {
    state.with(|s| core::check_package_draft(s, id.0))
}

/// Opens a folder the user exported into in the system's file manager. Only an existing folder
/// is opened, never a file or a program.
#[tauri::command]
pub fn show_folder(dir: Arg<String>) -> Result<(), CommandError> {
    let Arg(dir) = dir;
    let path = Path::new(&dir);
    let folder = |reason: String| CommandError::from(ServiceError::Folder { path: dir.clone(), reason });
    if !path.is_dir() {
        return Err(folder("不存在：可能已被移动或删除".into()));
    }
    let opener = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(path)
        .spawn()
        .map(drop)
        .map_err(|e| folder(format!("无法打开：{e}；请在文件管理器中手动打开")))
}
