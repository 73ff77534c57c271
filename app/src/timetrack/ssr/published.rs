//! The session's published day as TimeTrack reads it, and its times in words.

use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::itinerary::domain::Published;
use crate::server::AppState;
use crate::sessions::domain::clock;
use chrono::{DateTime, Utc};

fn not_finalized() -> AppError {
    AppError::NotFound("This day is not finalized yet: TimeTrack opens once it is.".into())
}

/// The session's published day, if the session is the staff member's program's.
pub(super) async fn own_day(
    state: &AppState,
    by: Staff,
    session: SessionId,
) -> AppResult<Published> {
    crate::sessions::ssr::own_session(state, by, session).await?;
    crate::itinerary::ssr::out_now(state, session)
        .await?
        .map(|(_, day)| day)
        .ok_or_else(not_finalized)
}

/// "9:05 AM–9:25 AM EDT" in the day's zone, named (people on a video day are often elsewhere).
pub(super) fn span(day: &Published, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let tz: chrono_tz::Tz = day.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let (start, end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    format!(
        "{}–{} {}",
        clock(start.time()),
        clock(end.time()),
        end.format("%Z")
    )
}
