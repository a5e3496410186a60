//! The desktop shell: managed state, thin commands over the core's `service`, errors as the
//! core's `{code, detail, message}`.
//! No business logic here; every command calls one core function.

use tauri::{Emitter, Manager};

mod arg;
mod commands;
mod state;

pub use arg::Arg;
pub use shenbao::service::CommandError;
pub use state::AppState;

/// Told to the window when a second launch handed over files: it calls `take_files_to_open`.
pub const FILES_TO_OPEN_EVENT: &str = "files-to-open";

/// Starts the window. The database opens before the window does; if it cannot be opened,
/// the window still starts and says why (see `startup_status`).
pub fn run() {
    // The database opens (checked, the sample on first start) on a thread of its own while the
    // window starts; commands wait for it. The daily backup follows on that thread, through a
    // reader of its own, without holding them up.
    let state = AppState::opening(&shenbao::store::default_path());
    let cwd = std::env::current_dir().unwrap_or_default();
    state.queue_files(shenbao::service::files_to_open(&std::env::args().collect::<Vec<_>>(), &cwd));
    // One window per database: a second launch (a .shenbao file double-clicked while the app
    // runs) hands its files to this one and exits. Registered first, before anything else starts.
    let single = tauri_plugin_single_instance::Builder::new()
        .dbus_id(shenbao::service::instance_id(state.path()))
        .callback(|app, args, cwd| {
            let files = shenbao::service::files_to_open(&args, std::path::Path::new(&cwd));
            if let Some(state) = app.try_state::<AppState>() {
                state.queue_files(files);
            }
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
            let _ = app.emit(FILES_TO_OPEN_EVENT, ());
        })
        .build();
    let result = builder(tauri::Builder::default().plugin(single), state)
        .setup(|app| {
            let app = app.handle().clone();
            std::thread::spawn(move || app.state::<AppState>().finish_opening());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("申报通无法启动窗口：{e}");
        std::process::exit(1);
    }
}

/// The app on any runtime (the real one, or Tauri's mock runtime in tests): the system file
/// dialog, the store, and Shenbao's commands — nothing else.
pub fn builder<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder.plugin(tauri_plugin_dialog::init()).manage(state).invoke_handler(tauri::generate_handler![
        commands::startup_status,
        commands::list_applications,
        commands::load_application,
        commands::create_application,
        commands::create_sample_application,
        commands::delete_application,
        commands::update_application_field,
        commands::save_row,
        commands::save_field_checked,
        commands::save_row_checked,
        commands::delete_row,
        commands::library_list,
        commands::library_choices,
        commands::library_show,
        commands::library_links,
        commands::library_collect,
        commands::library_keep_rows,
        commands::library_pick,
        commands::library_preview,
        commands::library_apply,
        commands::import_application_json,
        commands::export_application_json,
        commands::list_programmes,
        commands::import_pack,
        commands::preview_pack_import,
        commands::remove_user_pack,
        commands::application_pack_versions,
        commands::preview_pack_move,
        commands::move_pack,
        commands::check_application,
        commands::home_verdicts,
        commands::export_documents,
        commands::preview_document,
        commands::empty_parts,
        commands::transcription,
        commands::schedule,
        commands::set_milestone,
        commands::set_mailing_days,
        commands::reminders,
        commands::save_transcription,
        commands::check_platform_copy,
        commands::signature_checklist,
        commands::set_signoff,
        commands::narrative_sections,
        commands::default_export_dir,
        commands::all_conflicts,
        commands::link_conflict_people,
        commands::list_platforms,
        commands::import_registry_json,
        commands::save_platform,
        commands::delete_platform,
        commands::backup_now,
        commands::backup_to_folder,
        commands::list_backups,
        commands::restore_backup,
        commands::preview_roster_import,
        commands::commit_roster_import,
        commands::preview_paste,
        commands::roster_template,
        commands::save_roster_template,
        commands::export_package,
        commands::open_package,
        commands::preview_package,
        commands::apply_package,
        commands::check_package_draft,
        commands::show_folder,
        commands::list_evidence,
        commands::attach_evidence,
        commands::evidence_file,
        commands::evidence_file_range,
        commands::reorder_evidence,
        commands::remove_evidence_file,
        commands::add_evidence_item,
        commands::remove_evidence_item,
        commands::about,
        commands::step_help,
        commands::seal_application,
        commands::list_seals,
        commands::seal_diff,
        commands::seal_badges,
        commands::reprint_sealed_review_sheet,
        commands::application_history,
        commands::take_files_to_open,
        commands::open_package_file,
    ])
}
