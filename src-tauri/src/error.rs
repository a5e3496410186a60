//! The one error shape the window sees: a stable English `code` and a Chinese `message`.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError { code: code.to_string(), message: message.into() }
    }
}

impl From<shenbao::store::StoreError> for CommandError {
    fn from(e: shenbao::store::StoreError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<shenbao::interchange::InterchangeError> for CommandError {
    fn from(e: shenbao::interchange::InterchangeError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<shenbao::service::ServiceError> for CommandError {
    fn from(e: shenbao::service::ServiceError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<shenbao::duplicates::DuplicatesError> for CommandError {
    fn from(e: shenbao::duplicates::DuplicatesError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<shenbao::store::backup::BackupError> for CommandError {
    fn from(e: shenbao::store::backup::BackupError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<shenbao::import::ImportError> for CommandError {
    fn from(e: shenbao::import::ImportError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<shenbao::package::PackageError> for CommandError {
    fn from(e: shenbao::package::PackageError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}
