//! Server functions of sessions (coordinators).

// `save_session` takes the form's eight fields as eight arguments (what `<ActionForm>` posts);
// the `#[server]` macro generates the client-side function too, which an item-level allow misses.
#![allow(clippy::too_many_arguments)]

use super::domain::Fill;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A session as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: i64,
    pub name: String,
    /// `YYYY-MM-DD`, `HH:MM`, in the session's own zone.
    pub date: String,
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub visible: bool,
    pub fill: Fill,
    /// The start and end as UTC instants, for showing them in the viewer's own zone.
    pub starts_at_ms: i64,
    pub ends_at_ms: i64,
}

/// The sessions page: the program's sessions and its zone (the default for a new session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsPage {
    pub sessions: Vec<SessionSummary>,
    pub program_time_zone: String,
}

#[server(endpoint = "list-sessions")]
pub async fn list_sessions() -> Result<SessionsPage, AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    let program = state
        .repo
        .program(staff.program_id)
        .await?
        .ok_or(AppError::Internal)?;
    let sessions = state.repo.sessions(staff.program_id).await?;
    Ok(SessionsPage {
        sessions: sessions.into_iter().map(super::ssr::summary).collect(),
        program_time_zone: program.time_zone,
    })
}

/// The zones a session can be in. Its own call: the list never changes, while the sessions
/// reload after every booking.
#[server(endpoint = "time-zones")]
pub async fn time_zones() -> Result<Vec<String>, AppError> {
    crate::auth::ssr::caller().await?.coordinator()?;
    Ok(super::ssr::time_zone_names().to_vec())
}

/// Creates a session (no `id`) or saves changes to one.
#[server(endpoint = "save-session")]
pub async fn save_session(
    #[server(default)] id: Option<i64>,
    name: String,
    date: String,
    start: String,
    end: String,
    time_zone: String,
    capacity: String,
    #[server(default)] visible: Option<String>,
) -> Result<i64, AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    super::ssr::save_session(
        &state,
        staff,
        id,
        &name,
        &date,
        &start,
        &end,
        &time_zone,
        &capacity,
        visible.is_some(),
    )
    .await
}

#[server(endpoint = "delete-session")]
pub async fn delete_session(id: i64) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    super::ssr::delete_session(&state, staff, id).await
}
