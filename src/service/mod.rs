//! Use cases shared by the CLI and the desktop shell, one module a use case: each shell command
//! and each CLI subcommand is one call in here plus argument parsing and output. The edges (CLI,
//! shell) read the clock and the file system's choices; the functions here take both as arguments
//! where they matter.

mod about;
mod applications;
mod backups;
mod change_labels;
mod checks;
mod deadline;
mod error;
pub mod evidence;
mod exports;
mod help;
mod history;
mod library;
mod live;
mod pack_kit;
mod pack_versions;
mod packages;
mod packs;
mod people;
mod platform_copy;
mod registry;
mod rosters;
mod save;
mod schedule;
mod seal;
mod signatures;
mod transcription;

pub use about::*;
pub use applications::*;
pub use backups::*;
pub use checks::*;
pub use deadline::*;
pub use error::*;
pub use exports::*;
pub use help::*;
pub use history::*;
pub use library::*;
pub use live::*;
pub use pack_kit::*;
pub use pack_versions::*;
pub use packages::*;
pub use packs::*;
pub use people::*;
pub use platform_copy::*;
pub use registry::*;
pub use rosters::*;
pub use save::*;
pub use schedule::*;
pub use seal::*;
pub use signatures::*;
pub use transcription::*;
