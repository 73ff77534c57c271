//! Server functions of the waitlists: an applicant's (join, leave or decline an offer, take a
//! seat, their change of plans) and a coordinator's (reorder a line, offer a seat by hand; the
//! Waitlists screen's own is in `pages`). Each finds its caller with one guard and calls one
//! workflow in `ssr`.

use super::types::MyPlans;
use crate::error::AppError;
use crate::ids::{ApplicantId, ProgramId, SessionId};
use leptos::prelude::*;

/// Applicants: wait for one or both full sessions (each ticked box names one).
#[server(output = crate::codec::Compact, endpoint = "join-waitlist")]
pub async fn join_waitlist(
    program_id: ProgramId,
    #[server(default)] session_a: Option<SessionId>,
    #[server(default)] session_b: Option<SessionId>,
) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    let sessions = [session_a, session_b].into_iter().flatten().collect();
    super::ssr::join::join(&state, &me, program_id, sessions).await
}

/// Applicants: leave a session's line (declining the seat held for them, if any).
#[server(output = crate::codec::Compact, endpoint = "leave-waitlist")]
pub async fn leave_waitlist(
    program_id: ProgramId,
    #[server(default)] session_id: Option<SessionId>,
) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::join::leave(&state, &me, program_id, session_id).await
}

/// Applicants: take the seat held for them, or (first come) the seat just freed.
#[server(output = crate::codec::Compact, endpoint = "take-waitlist-seat")]
pub async fn take_waitlist_seat(
    program_id: ProgramId,
    #[server(default)] session_id: Option<SessionId>,
) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::claim::take(&state, &me, program_id, session_id).await
}

/// Applicants: their change of plans in each program whose invitation reached them.
#[server(output = crate::codec::Compact, endpoint = "load-my-plans")]
pub async fn load_my_plans() -> Result<Vec<MyPlans>, AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::mine::all_my_plans(&state, &me).await
}

/// Coordinators: moves an applicant to place `to` (0 first) of a session's line.
#[server(output = crate::codec::Compact, endpoint = "reorder-waitlist")]
pub async fn reorder_waitlist(
    session_id: SessionId,
    moved: ApplicantId,
    to: usize,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::line::reorder(&state, staff, session_id, moved, to).await
}

/// Coordinators: offers a session's free seat to an applicant in its line.
#[server(output = crate::codec::Compact, endpoint = "offer-waitlist-seat")]
pub async fn offer_waitlist_seat(
    session_id: SessionId,
    applicant_id: ApplicantId,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::line::offer(&state, staff, session_id, applicant_id).await
}
