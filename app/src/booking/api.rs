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
