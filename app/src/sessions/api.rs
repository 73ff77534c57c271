//! Server functions of sessions (coordinators), and the session as pages show it. Each finds
//! its caller with one guard and calls one workflow in `ssr`.

use super::domain::Fill;
pub use super::domain::SessionForm;
use crate::error::AppError;
use crate::ids::SessionId;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A session as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: SessionId,
    pub name: String,
    /// The date and wall-clock times in the session's own zone.
    #[serde(deserialize_with = "crate::wire::date")]
    pub date: NaiveDate,
    #[serde(deserialize_with = "crate::wire::time")]
    pub start: NaiveTime,
    #[serde(deserialize_with = "crate::wire::time")]
    pub end: NaiveTime,
    pub time_zone: String,
    pub visible: bool,
    pub fill: Fill,
    /// The start and end as instants, for showing them in the viewer's own zone.
    #[serde(deserialize_with = "crate::wire::instant")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub ends_at: DateTime<Utc>,
}

/// The sessions page: the program's sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsPage {
    pub sessions: Vec<SessionSummary>,
    /// The program builds its interview days in the portal (its setup option).
    pub builds_days: bool,
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "list-sessions")]
pub async fn list_sessions() -> Result<SessionsPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::list_sessions(&state, staff).await
}

/// The zones a session can be in, and the program's (a new session's default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneChoices {
    pub names: Vec<String>,
    pub program_zone: String,
}

/// Coordinators. The zones a session can be in: its own call, since the list never changes
/// while the sessions reload after every booking — and what the session forms need, so a form
/// is not rebuilt (losing what was typed) when a live update reloads the sessions.
#[server(output = crate::codec::Compact, endpoint = "time-zones")]
pub async fn time_zones() -> Result<ZoneChoices, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::zone_choices(&state, staff).await
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
