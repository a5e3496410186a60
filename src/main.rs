//! The `shenbao` command line: argument parsing and exit codes only; all work is in the core.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
