//! Programme rule packs and the live eligibility engine.
//! Packs (assets/programmes/*.toml) hold every legal number with its citation; the engine is a
//! pure function of (pack, application, registry view, reference date). No clock, no database.

pub mod assessment;
mod builtin;
mod checks;
mod divisions;
mod engine;
pub mod error;
mod format;
mod load;
pub mod pack;
pub mod presentation;
mod raw;
pub mod registry;
mod report;

pub use assessment::{Assessment, CriterionResult, Status, Strength, Verdict};
pub use builtin::{builtin_ids, builtin_pack, builtin_packs};
pub use checks::{age_on, birth_date_of, non_standard_characters, rd_window, safety_self_check_applies};
pub use engine::{evaluate, evaluate_as, resolve_as_of, Judged};
pub use error::{PackError, PackLocation};
pub use pack::{load_pack_file, load_pack_str, Check, Citation, CrossCheck, Kind, Pack};
pub use registry::{CrossAnswer, Duplicate, RegistryView, UnknownRegistry, Unverified, VerifyAction};
pub use report::report_text;
