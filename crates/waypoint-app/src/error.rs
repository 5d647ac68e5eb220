//! The application layer's error type. Store errors are translated once,
//! here; the web layer turns these into pages.

use waypoint_domain::validate::FieldErrors;
use waypoint_store::StoreError;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such record.
    #[error("not found")]
    NotFound,
    /// The record exists but this person may not do this to it.
    #[error("forbidden")]
    Forbidden,
    /// Not signed in, or the session ended.
    #[error("sign-in required")]
    Unauthenticated,
    /// The input was wrong; each message is a translation key per field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The change clashes with existing data; a translation key.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Too many attempts; try again after this many minutes.
    #[error("too many attempts")]
    Throttled(i64),
    /// The database is unreachable.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or an unexpected failure.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict { .. } => AppError::Conflict("error-conflict"),
            StoreError::Unavailable(m) => AppError::Unavailable(m),
            StoreError::Other(m) => AppError::Internal(m),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

/// Shorthand for results of use cases.
pub type AppResult<T> = Result<T, AppError>;
