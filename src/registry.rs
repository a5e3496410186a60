//! The registry of existing platforms (已建平台) edited by hand: a platform is normalised and
//! checked field by field before anything is written.

use chrono::NaiveDate;

use crate::model::{ExistingPlatform, RowId};
use crate::store::{Store, StoreError};
use crate::validate::{normalise_platform, validate_platform, FieldIssue};

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("已建平台有 {} 处需要修改，未保存：{}", .0.len(), issue_list(.0))]
    Invalid(Vec<FieldIssue>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RegistryError {
    /// Stable English code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::Invalid(_) => "invalid_platform",
            RegistryError::Store(e) => e.code(),
        }
    }
}

fn issue_list(issues: &[FieldIssue]) -> String {
    issues.iter().map(ToString::to_string).collect::<Vec<_>>().join("；")
}

/// Saves one platform entered by hand: normalised, then checked (dates after `today` are
/// refused), then inserted when it has no id or updated in place; returns its id. Nothing is
/// written when a field is wrong.
pub fn save_platform(
    store: &mut Store,
    platform: &ExistingPlatform,
    today: NaiveDate,
) -> Result<RowId, RegistryError> {
    let mut p = platform.clone();
    normalise_platform(&mut p);
    let issues = validate_platform(&p, today);
    if !issues.is_empty() {
        return Err(RegistryError::Invalid(issues));
    }
    match p.id {
        Some(id) => {
            store.update_platform(&p)?;
            Ok(id)
        }
        None => Ok(store.insert_platforms(std::slice::from_ref(&p))?[0]),
    }
}
