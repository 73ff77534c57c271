//! Server functions of applicants: the coordinator's list and actions, and the applicant's own
//! invitations, choices and decline. Each finds its caller with one guard and calls one
//! workflow in `ssr`.

use super::domain::{Booking, Status};
use crate::error::AppError;
use crate::ids::{ApplicantId, ProgramId, SessionId};
use crate::sessions::api::SessionSummary;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An applicant of a program: the coordinator's list shows it, and on the server it is the
/// stored row that workflows lock, change and write back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ApplicantView {
    pub id: ApplicantId,
    pub name: String,
    pub email: String,
    pub status: Status,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::db::columns::OptMillis"))]
    #[serde(default, deserialize_with = "crate::wire::opt_instant")]
    pub invitation_sent_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "first_choice_id"))]
    pub first_choice: Option<SessionId>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "second_choice_id"))]
    pub second_choice: Option<SessionId>,
    /// The session they are confirmed in.
    pub session_id: Option<SessionId>,
}

impl ApplicantView {
    /// The sessions the applicant chose: first, then second.
    pub fn choices(&self) -> Vec<SessionId> {
        self.first_choice
            .into_iter()
            .chain(self.second_choice)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantsPage {
    pub applicants: Vec<ApplicantView>,
    pub sessions: Vec<SessionSummary>,
    /// When each sent invitation went out, in the program's zone, named ("Dec 3, 9:12 AM EST").
    pub sent: std::collections::HashMap<ApplicantId, String>,
}

/// One program's invitation, as the applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub program_id: ProgramId,
    pub program_name: String,
    pub status: Status,
    pub self_scheduling: bool,
    /// The visible sessions, with seats left (pending counts are not shown to applicants).
    pub sessions: Vec<SessionSummary>,
    pub first_choice: Option<SessionId>,
    pub second_choice: Option<SessionId>,
    pub confirmed: Option<SessionSummary>,
    /// Once the confirmed session's schedule is finalized: their day in it.
    pub itinerary: Option<crate::itinerary::api::Itinerary>,
}

/// What submitting choices did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOutcome {
    pub booking: Booking,
    /// When both choices were full: the sessions that still have seats.
    pub open_sessions: Vec<String>,
}

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
