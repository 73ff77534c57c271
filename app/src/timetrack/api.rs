//! TimeTrack's server functions and what its three screens show: the coordinator's overview of
//! a running day, an interviewer's rooms, an applicant's day.

use super::types::{ApplicantDay, InterviewerDay, Overview};
use crate::day::domain::grid::Round;
use crate::error::AppError;
use crate::ids::{ApplicantId, RoomId, SessionId};
use leptos::prelude::*;

/// Coordinators: a session's running day: every room in every round, the broadcasts.
#[server(output = crate::codec::Compact, endpoint = "day-overview")]
pub async fn day_overview(session_id: SessionId) -> Result<Overview, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::overview(&state, staff, session_id).await
}

/// Staff: the caller's own rooms on published days (as an interviewer), across programs.
#[server(output = crate::codec::Compact, endpoint = "my-timetrack")]
pub async fn my_timetrack() -> Result<Vec<InterviewerDay>, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    let staff = caller.staff()?;
    super::ssr::interviewer_days(&state, staff.user_id, &caller.email).await
}

/// Applicants: their own published days as they run.
#[server(output = crate::codec::Compact, endpoint = "my-interview-day")]
pub async fn my_interview_day() -> Result<Vec<ApplicantDay>, AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::applicant_days(&state, &me).await
}

/// A room's status in a round: its interviewers (forward only) or a coordinator (any).
#[server(output = crate::codec::Compact, endpoint = "set-room-status")]
pub async fn set_room_status(
    session_id: SessionId,
    room_id: RoomId,
    round: Round,
    status: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::set_room_status(&state, staff, session_id, room_id, round, &status).await
}

/// An applicant who never came: marked No-show by an interviewer of their room or a
/// coordinator.
#[server(output = crate::codec::Compact, endpoint = "mark-no-show")]
pub async fn mark_no_show(
    session_id: SessionId,
    applicant_id: ApplicantId,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::mark_no_show(&state, staff, session_id, applicant_id).await
}

/// Coordinators: a message to everyone of the session, its interviewers or its applicants.
#[server(output = crate::codec::Compact, endpoint = "broadcast")]
pub async fn send_broadcast(
    session_id: SessionId,
    audience: String,
    body: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::broadcast(&state, staff, session_id, &audience, &body).await
}
