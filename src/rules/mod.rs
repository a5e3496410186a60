//! Programme rule packs and the live eligibility engine.
//! Packs (assets/programmes/*.toml) hold every legal number with its citation; the engine is a
//! pure function of (pack, application, cross view, reference date). No clock, no database.

pub mod assessment;
mod builtin;
mod checks;
pub mod cross;
mod divisions;
mod engine;
pub mod error;
mod format;
mod load;
pub mod pack;
pub mod presentation;
mod raw;
mod report;

pub use assessment::{Assessment, CriterionResult, PrioritySupport, Status, Verdict};
pub use builtin::{builtin_ids, builtin_pack, builtin_packs};
pub use checks::{age_on, birth_date_of, non_standard_characters, rd_window, safety_self_check_applies};
pub use cross::{CrossAnswer, CrossView, Duplicate, UnknownCross, Unverified, VerifyAction};
pub use engine::{evaluate, evaluate_as, resolve_as_of, Judged};
pub use error::{PackError, PackLocation};
pub use pack::{load_pack_file, load_pack_str, Check, Citation, CrossCheck, Kind, Pack};
pub use report::report_text;
