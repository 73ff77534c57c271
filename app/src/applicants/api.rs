//! Server functions of applicants: the coordinator's list and actions, and the applicant's own
//! invitations, choices and decline. Each finds its caller with one guard and calls one
//! workflow in `ssr`.

use super::types::{ApplicantsPage, ChoiceOutcome, Invitation};
use crate::error::AppError;
use crate::ids::{ApplicantId, ProgramId, SessionId};
use leptos::prelude::*;

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "list-applicants")]
pub async fn list_applicants() -> Result<ApplicantsPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::list_applicants(&state, staff).await
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "add-applicant")]
pub async fn add_applicant(name: String, email: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_applicant(&state, staff, &name, &email).await
}

/// Coordinators: Interview Candidate → Invited & Ready for Scheduling.
#[server(output = crate::codec::Compact, endpoint = "mark-invited")]
pub async fn mark_invited(id: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::mark_invited(&state, staff, id).await
}

/// Coordinators: sends (or re-sends) the invitation e-mail.
#[server(output = crate::codec::Compact, endpoint = "send-invitation")]
pub async fn send_invitation(id: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::send_invitation(&state, staff, id).await
}

/// Coordinators: confirms a pending applicant in a session (`anyway`: outside their choices).
#[server(output = crate::codec::Compact, endpoint = "assign-session")]
pub async fn assign_session(
    applicant_id: ApplicantId,
    #[server(default)] session_id: Option<SessionId>,
    #[server(default)] anyway: bool,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::assign(&state, staff, applicant_id, session_id, anyway).await
}

/// Anyone logged in: the programs whose invitation they may see (all four gate conditions met).
#[server(output = crate::codec::Compact, endpoint = "my-programs")]
pub async fn my_programs() -> Result<Vec<Invitation>, AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::my_programs(&state, &me).await
}

/// Applicants the program invited: their first and second choice.
#[server(output = crate::codec::Compact, endpoint = "submit-choices")]
pub async fn submit_choices(
    program_id: ProgramId,
    #[server(default)] first_choice: Option<SessionId>,
    #[server(default)] second_choice: Option<SessionId>,
) -> Result<ChoiceOutcome, AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::submit_choices(&state, &me, program_id, first_choice, second_choice).await
}

/// Applicants the program invited, while Invited & Ready or Pending.
#[server(output = crate::codec::Compact, endpoint = "decline-invitation")]
pub async fn decline_invitation(program_id: ProgramId) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::decline(&state, &me, program_id).await
}
