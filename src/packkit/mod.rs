//! The pack authoring kit: read a pack back with its warnings (`packs check`), run case files
//! against it (`packs test`), and compare two versions of a programme's pack (`packs diff`).
//! Everything legal stays in the pack; this module only reports on it.

pub mod cases;
mod describe;
pub mod diff;
pub mod lint;

pub use cases::{criteria_named, run_cases, CaseError, CaseOutcome, CaseRun, InStore};
pub use describe::{check_name, check_text};
pub use diff::{diff, CriterionChange, PackDiff};
pub use lint::{clause_found, report, LintInputs, PackReport};
