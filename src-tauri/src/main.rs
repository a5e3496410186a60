//! Desktop entry point; everything is in the library so tests can reach the commands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // A form app gains nothing from WebKitGTK's GPU compositing and pays for it: measured on the
    // release build under software GL, 90 MB more for the web process, a slower start and a
    // keystroke-to-panel median of 62 ms instead of 31 (tests/e2e/measure-*.mjs). A value the user
    // set (e.g. 0) is kept. Set before any thread starts, as `set_var` requires.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    shenbao_app::run();
}
