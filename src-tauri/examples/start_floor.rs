//! The start bench's floor: a Tauri window on this machine's WebKitGTK showing a static page of
//! one list row, with nothing of Shenbao's (no database, no commands, no Vue). What
//! `tests/e2e/measure-start.mjs` reports for it is the part of the app's start no change to
//! Shenbao can remove:
//!   cargo build --release -p shenbao-app --example start_floor && \
//!   SHENBAO_APP=target/release/examples/start_floor xvfb-run -a node tests/e2e/measure-start.mjs 7

fn main() {
    // As the app does (src/main.rs): WebKitGTK's compositing off.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    if let Err(e) =
        tauri::Builder::default().run(tauri::generate_context!("examples/start_floor/tauri.conf.json"))
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
