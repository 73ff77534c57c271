//! Server functions of sessions (coordinators) that are data, not screens: each finds its
//! caller with one guard and calls one workflow in `ssr`. The screens' server functions are in
//! `pages`, beside what writes them.

use crate::error::AppError;
use crate::ids::SessionId;
use leptos::prelude::*;

// Where these types lived before `types.rs`; callers may name either.
pub use super::types::{SessionForm, SessionSummary, SessionsPage};

/// Coordinators: the program's sessions with their fill (JSON for anyone else asking; the
/// browser tests read it).
#[server(output = crate::codec::Compact, endpoint = "list-sessions")]
pub async fn list_sessions() -> Result<SessionsPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::list_sessions(&state, staff).await
}

/// Coordinators: creates a session (no `session[id]`) or saves changes to one.
#[server(output = crate::codec::Compact, endpoint = "save-session")]
pub async fn save_session(session: SessionForm) -> Result<SessionId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_session(&state, staff, &session).await
}

/// Coordinators: a session without confirmed applicants.
#[server(output = crate::codec::Compact, endpoint = "delete-session")]
pub async fn delete_session(id: SessionId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::delete_session(&state, staff, id).await
}
