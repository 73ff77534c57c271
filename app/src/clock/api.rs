//! The day clock's server functions and what they return.

use crate::day::domain::grid::Round;
use crate::error::AppError;
use crate::ids::SessionId;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockState {
    /// The day is not finalized: there is nothing to run.
    NotFinalized,
    Waiting,
    Running,
    Paused,
    Finished,
}

/// A round's or a break's times as things stand (after pauses, extensions and skips), beside
/// when it was planned (what an itinerary's stop is matched by).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTimes {
    /// The round (`None`: a break).
    pub round: Option<Round>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub planned_start: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub ends_at: DateTime<Utc>,
}

/// A session's day clock, as every screen of the session shows it (and as pushed on each
/// change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    pub session: SessionId,
    pub state: ClockState,
    /// The phase under way: "Round 2", "Passing time", a break's label (empty when none).
    pub phase: String,
    /// The phase after it (empty when none).
    pub next: String,
    /// Running: when the phase ends (the server's clock).
    #[serde(deserialize_with = "crate::wire::opt_instant")]
    pub deadline: Option<DateTime<Utc>>,
    /// Paused: the phase's time left, in milliseconds.
    pub left_ms: i64,
    /// How far behind the plan the day runs, in seconds (negative: ahead).
    pub behind_s: i64,
    /// The day starts by itself at its first phase.
    pub auto_start: bool,
    /// When the day's first phase is planned (none before finalizing).
    #[serde(deserialize_with = "crate::wire::opt_instant")]
    pub planned_start: Option<DateTime<Utc>>,
    /// Each round's and break's times as things stand (passing times left out).
    pub phases: Vec<PhaseTimes>,
}

/// What a coordinator does to the running day (the form's `action`, and `minutes` to extend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockCommand {
    Start,
    Pause,
    Resume,
    Extend,
    EndEarly,
    Skip,
}

crate::text_enum::text_enum!(ClockCommand {
    Start => "start",
    Pause => "pause",
    Resume => "resume",
    Extend => "extend",
    EndEarly => "end_early",
    Skip => "skip",
});

/// Anyone: the server's clock in UTC milliseconds (the countdowns' round trips).
#[server(output = crate::codec::Compact, endpoint = "clock-now")]
pub async fn clock_now() -> Result<i64, AppError> {
    Ok(crate::server::state()?.clock.now().timestamp_millis())
}

/// Staff of the session's program: its day clock.
#[server(output = crate::codec::Compact, endpoint = "day-clock")]
pub async fn day_clock(session_id: SessionId) -> Result<ClockView, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::day_clock(&state, staff, session_id).await
}

/// Coordinators: start, pause, resume, extend (by `minutes`, up to 180), end early or skip.
#[server(output = crate::codec::Compact, endpoint = "clock-action")]
pub async fn clock_action(
    session_id: SessionId,
    action: String,
    #[server(default)] minutes: String,
) -> Result<ClockView, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::act(&state, staff, session_id, &action, &minutes).await
}

/// Coordinators: whether the day starts by itself at its planned time.
#[server(output = crate::codec::Compact, endpoint = "clock-auto-start")]
pub async fn clock_auto_start(
    session_id: SessionId,
    #[server(default)] on: bool,
) -> Result<ClockView, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::set_auto_start(&state, staff, session_id, on).await
}
