//! Validators for data entry: resident ID numbers, unified social credit codes, whole applications.
//! Pure functions returning Chinese, fixable messages; programme criteria are judged in `rules`.

mod application;
mod dates;
pub mod divisions;
mod normalize;
mod platform;
mod registration;
mod resident_id;
mod text;
mod uscc;

pub use application::{
    errors_only, host_codes, normalise_application, normalise_person, validate_achievement,
    validate_application, validate_centre_name, validate_direction, validate_host_unit, validate_instrument,
    validate_person, validate_rd_investment, validate_reference_date, validate_site, FieldIssue, HostCodes,
    IssueLevel, INSTRUMENT_VALUE_PLAUSIBLE_MAX, RD_AMOUNT_PLAUSIBLE_MAX,
};
pub use dates::{achievement_date_warnings, person_date_warnings, rd_investment_date_warnings};
pub use normalize::{normalize_code, to_half_width};
pub use platform::{normalise_platform, validate_platform};
pub use registration::{read_uscc, region_name, unit_kind_label, UsccReading};
pub use resident_id::{check_char, parse_resident_id, ResidentId, ResidentIdError};
pub use text::{forbidden_char, parse_date_text};
pub use uscc::{parse_uscc, uscc_check_char, Uscc, UsccError, USCC_ALPHABET};
