//! Desktop entry point; everything is in the library so tests can reach the commands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    shenbao_app::run();
}
