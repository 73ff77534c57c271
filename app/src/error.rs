//! The one error type of the app: what a person is told, and (on the server) the status code.
//!
//! Internal details (SQL errors, I/O) are logged with `tracing` where they are converted and never
//! reach the browser: the person sees a message they can act on.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid login session.
    #[error("Please log in to continue.")]
    Unauthenticated,
    /// Logged in, but the active role or program may not do this.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// Bad input; `field` names the form field the message belongs next to.
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: String,
    },
    /// The request itself could not be read (a broken body, bytes that are not text).
    #[error("{0}")]
    BadRequest(String),
    /// The request is larger than the portal reads (413).
    #[error("{0}")]
    TooLarge(String),
    /// The request clashes with the current state (a duplicate, a full session …).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    RateLimited(String),
    /// Too many requests of a costly kind at once (a login storm): try again shortly. Answered
    /// with 503 and `Retry-After`.
    #[error("{0}")]
    Busy(String),
    /// Something failed on the server; the details are in the server log.
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The request never reached the server, or its answer could not be read.
    #[error("The server could not be reached: {0}")]
    Network(String),
    /// The call came from a tab of another build of the portal ([`crate::ui::build`]): it
    /// reloads. Answered with 412, which the tab reads before any body (an older tab's code may
    /// not know this enum as it is now).
    #[error("{0}")]
    Updated(String),
}

/// What a tab of an older build is told ([`AppError::Updated`]).
pub const UPDATED: &str = "The portal was updated. Reloading…";

/// The status of [`AppError::Updated`]: 412, the request's precondition (its build) failed.
pub const UPDATED_STATUS: u16 = 412;

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(message.into())
    }

    /// The message for `field`, when this error is about that form field.
    pub fn field_message(&self, name: &str) -> Option<String> {
        match self {
            Self::Invalid {
                field: Some(f),
                message,
            } if f == name => Some(message.clone()),
            _ => None,
        }
    }

    /// The message shown above a form: everything not tied to one field.
    pub fn form_message(&self) -> Option<String> {
        match self {
            Self::Invalid { field: Some(_), .. } => None,
            other => Some(other.to_string()),
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::BadRequest(_) => 400,
            Self::TooLarge(_) => 413,
            Self::Invalid { .. } => 422,
            Self::Conflict(_) => 409,
            Self::RateLimited(_) => 429,
            Self::Busy(_) => 503,
            Self::Internal => 500,
            Self::Network(_) => 502,
            Self::Updated(_) => UPDATED_STATUS,
        }
    }
}

impl FromServerFnError for AppError {
    /// Errors travel like answers (see [`crate::codec`]): compact to the portal's own code
    /// (its calls, and the address a form posted without script returns to), JSON to others.
    type Encoder = crate::codec::CompactEncoding;

    /// Errors of the server-function machinery. On the server they are about the request (its
    /// arguments or its body could not be read: a 4xx the person can act on); in the browser
    /// about the network (the answer never came or could not be read).
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::MissingArg(m) => Self::Invalid {
                field: None,
                message: format!("The form was incomplete: {m}. Fill in every field and try again."),
            },
            ServerFnErrorErr::Args(m) => Self::Invalid {
                field: None,
                message: format!(
                    "Part of the form could not be read ({m}). Check what you entered and try again."
                ),
            },
            ServerFnErrorErr::Request(m) | ServerFnErrorErr::Deserialization(m)
                if cfg!(feature = "ssr") =>
            {
                tracing::info!(error = %m, "unreadable request");
                Self::BadRequest(
                    "The request could not be read. Reload the page and try again.".into(),
                )
            }
            ServerFnErrorErr::Request(m) | ServerFnErrorErr::Deserialization(m) => Self::Network(m),
            other => Self::Network(other.to_string()),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        if let Some(db) = err.as_database_error() {
            if db.is_unique_violation() {
                tracing::info!(error = %db, "unique constraint");
                return Self::Conflict("That already exists.".into());
            }
        }
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_stay_next_to_their_field() {
        let e = AppError::invalid("email", "Enter an email address.");
        assert_eq!(
            e.field_message("email").as_deref(),
            Some("Enter an email address.")
        );
        assert_eq!(e.field_message("password"), None);
        assert_eq!(e.form_message(), None);
        assert_eq!(e.status_code(), 422);
        assert_eq!(AppError::RateLimited("x".into()).status_code(), 429);
    }
}
