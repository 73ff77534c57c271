//! Server functions of applicants: the coordinator's list, adding and inviting, and the
//! applicant's own invitations (choosing, declining and assigning are `crate::booking`'s). Each finds its caller with one guard and calls one
//! workflow in `ssr`.

use super::types::{ApplicantsPage, Invitation};
use crate::error::AppError;
use crate::ids::ApplicantId;
use leptos::prelude::*;

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "list-applicants")]
pub async fn list_applicants() -> Result<ApplicantsPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::list::list_applicants(&state, staff).await
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "add-applicant")]
pub async fn add_applicant(name: String, email: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::list::add_applicant(&state, staff, &name, &email).await
}

/// Coordinators: Interview Candidate → Invited & Ready for Scheduling.
#[server(output = crate::codec::Compact, endpoint = "mark-invited")]
pub async fn mark_invited(id: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::invite::mark_invited(&state, staff, id).await
}

/// Coordinators: sends (or re-sends) the invitation e-mail.
#[server(output = crate::codec::Compact, endpoint = "send-invitation")]
pub async fn send_invitation(id: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::invite::send_invitation(&state, staff, id).await
}

/// Anyone logged in: the programs whose invitation they may see (all four gate conditions met).
#[server(output = crate::codec::Compact, endpoint = "my-programs")]
pub async fn my_programs() -> Result<Vec<Invitation>, AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::ssr::my_programs::my_programs(&state, &me).await
}
