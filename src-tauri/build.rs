//! Tauri build step: the app manifest lists every command the window may call.

/// Shenbao's commands; each also needs its `allow-…` grant in capabilities/default.json.
const COMMANDS: &[&str] = &["startup_status", "list_applications", "load_application"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
