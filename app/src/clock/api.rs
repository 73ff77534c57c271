//! The day clock's server functions and what they return.

use super::types::ClockView;
use crate::error::AppError;
use crate::ids::SessionId;
use leptos::prelude::*;

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
