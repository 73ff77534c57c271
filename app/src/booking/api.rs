//! Server functions of booking: an applicant chooses their sessions (or declines the
//! invitation), a coordinator assigns a pending applicant. Each finds its caller with one guard
//! and calls one workflow in `ssr`. Their paths (`/api/submit-choices` …) are as they were
//! when they lived in `applicants`.

use super::types::ChoiceOutcome;
use crate::error::AppError;
use crate::ids::{ApplicantId, ProgramId, SessionId};
use leptos::prelude::*;

/// Coordinators: confirms a pending applicant in a session (`anyway`: outside their choices).
#[server(output = crate::codec::Compact, endpoint = "assign-session")]
pub async fn assign_session(
    applicant_id: ApplicantId,
    #[server(default)] session_id: Option<SessionId>,
    #[server(default)] anyway: bool,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::assign::assign(&state, staff, applicant_id, session_id, anyway).await
}

/// Applicants the program invited: their first and second choice.
#[server(output = crate::codec::Compact, endpoint = "submit-choices")]
pub async fn submit_choices(
    program_id: ProgramId,
    #[server(default)] first_choice: Option<SessionId>,
    #[server(default)] second_choice: Option<SessionId>,
) -> Result<ChoiceOutcome, AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::choose::submit_choices(&state, &me, program_id, first_choice, second_choice).await
}

/// Applicants the program invited, while Invited & Ready or Pending.
#[server(output = crate::codec::Compact, endpoint = "decline-invitation")]
pub async fn decline_invitation(program_id: ProgramId) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::choose::decline(&state, &me, program_id).await
}

/// Applicants: cancel their confirmed interview with this program (until its cancel lock).
#[server(output = crate::codec::Compact, endpoint = "cancel-my-interview")]
pub async fn cancel_my_interview(program_id: ProgramId) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::change::cancel(&state, &me, program_id).await
}

/// Applicants: move their confirmed interview to another session with a seat (until the
/// locks).
#[server(output = crate::codec::Compact, endpoint = "reschedule-my-interview")]
pub async fn reschedule_my_interview(
    program_id: ProgramId,
    #[server(default)] session_id: Option<SessionId>,
) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::change::reschedule(&state, &me, program_id, session_id).await
}

/// Coordinators: the program's rules for changes (the waitlist, how long an offer is held,
/// the booking and cancel locks in days; a blank lock is none).
#[server(output = crate::codec::Compact, endpoint = "save-change-rules")]
pub async fn save_change_rules(
    waitlist: String,
    #[server(default)] offer_hours: String,
    #[server(default)] booking_lock_days: String,
    #[server(default)] cancel_lock_days: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let rules = super::rules::ChangeRules::from_form(
        &waitlist,
        &offer_hours,
        &booking_lock_days,
        &cancel_lock_days,
    )?;
    super::ssr::rules::save(&state, staff, rules).await
}
