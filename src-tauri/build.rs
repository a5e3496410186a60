//! Tauri build step: the app manifest lists every command the window may call.

/// Shenbao's commands; each also needs its `allow-…` grant in capabilities/default.json.
const COMMANDS: &[&str] = &[
    "startup_status",
    "list_applications",
    "load_application",
    "create_application",
    "create_sample_application",
    "delete_application",
    "update_application_field",
    "save_row",
    "delete_row",
    "import_application_json",
    "export_application_json",
    "list_programmes",
    "import_pack",
    "preview_pack_import",
    "remove_user_pack",
    "check_application",
    "home_verdicts",
    "export_documents",
    "preview_document",
    "empty_parts",
    "narrative_sections",
    "default_export_dir",
    "all_conflicts",
    "link_conflict_people",
    "list_platforms",
    "import_registry_json",
    "save_platform",
    "delete_platform",
    "backup_now",
    "list_backups",
    "restore_backup",
    "preview_roster_import",
    "commit_roster_import",
    "preview_paste",
    "roster_template",
    "save_roster_template",
    "export_package",
    "open_package",
    "preview_package",
    "apply_package",
    "check_package_draft",
    "show_folder",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
