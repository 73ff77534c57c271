//! Server functions of applicants: the coordinator's list and actions, and the applicant's own
//! invitations, choices and decline.

use super::domain::{Booking, Status};
use crate::error::AppError;
use crate::sessions::api::SessionSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An applicant in the coordinator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub status: Status,
    pub invitation_sent_at: Option<i64>,
    pub first_choice: Option<i64>,
    pub second_choice: Option<i64>,
    pub session_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantsPage {
    pub applicants: Vec<ApplicantView>,
    pub sessions: Vec<SessionSummary>,
}

/// One program's invitation, as the applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub program_id: i64,
    pub program_name: String,
    pub status: Status,
    pub self_scheduling: bool,
    /// The visible sessions, with seats left (pending counts are not shown to applicants).
    pub sessions: Vec<SessionSummary>,
    pub first_choice: Option<i64>,
    pub second_choice: Option<i64>,
    pub confirmed: Option<SessionSummary>,
}

/// What submitting choices did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOutcome {
    pub booking: Booking,
    /// When both choices were full: the sessions that still have seats.
    pub open_sessions: Vec<String>,
}

#[cfg(feature = "ssr")]
fn parse_id(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

#[server(endpoint = "list-applicants")]
pub async fn list_applicants() -> Result<ApplicantsPage, AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    let rows = state.repo.applicants(staff.program_id).await?;
    let sessions = state.repo.sessions(staff.program_id).await?;
    Ok(ApplicantsPage {
        applicants: rows
            .into_iter()
            .map(|r| ApplicantView {
                status: Status::parse(&r.status).unwrap_or(Status::InterviewCandidate),
                id: r.id,
                name: r.name,
                email: r.email,
                invitation_sent_at: r.invitation_sent_at,
                first_choice: r.first_choice_id,
                second_choice: r.second_choice_id,
                session_id: r.session_id,
            })
            .collect(),
        sessions: sessions
            .into_iter()
            .map(crate::sessions::ssr::summary)
            .collect(),
    })
}

#[server(endpoint = "add-applicant")]
pub async fn add_applicant(name: String, email: String) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    super::ssr::add_applicant(&state, staff, &name, &email).await
}

#[server(endpoint = "mark-invited")]
pub async fn mark_invited(id: i64) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    super::ssr::mark_invited(&state, staff, id).await
}

#[server(endpoint = "send-invitation")]
pub async fn send_invitation(id: i64) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    super::ssr::send_invitation(&state, staff, id).await
}

#[server(endpoint = "assign-session")]
pub async fn assign_session(
    applicant_id: i64,
    #[server(default)] session_id: String,
    #[server(default)] anyway: String,
) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    let session_id = parse_id(&session_id)
        .ok_or_else(|| AppError::invalid("session_id", "Choose a session."))?;
    super::ssr::assign(&state, staff, applicant_id, session_id, !anyway.is_empty()).await
}

/// The programs whose invitation the caller may see (all four gate conditions met).
#[server(endpoint = "my-programs")]
pub async fn my_programs() -> Result<Vec<Invitation>, AppError> {
    use super::domain::{invitation_visible, GateFacts};
    let state = crate::server::state()?;
    let caller = crate::auth::ssr::caller().await?;
    let rows = state.repo.invitations_for(&caller.email).await?;
    let mut out = Vec::new();
    for r in rows {
        let Some(status) = Status::parse(&r.status) else {
            continue;
        };
        let facts = GateFacts {
            any_visible_session: r.visible_sessions > 0,
            status,
            invitation_sent: r.invitation_sent_at.is_some(),
        };
        if !invitation_visible(facts) {
            continue;
        }
        let all: Vec<SessionSummary> = state
            .repo
            .sessions(r.program_id)
            .await?
            .into_iter()
            .map(crate::sessions::ssr::summary)
            .map(|mut s| {
                s.fill.pending = 0;
                s
            })
            .collect();
        let confirmed = match status {
            Status::Confirmed => all.iter().find(|s| Some(s.id) == r.session_id).cloned(),
            _ => None,
        };
        out.push(Invitation {
            program_id: r.program_id,
            program_name: r.program_name,
            status,
            self_scheduling: r.self_scheduling != 0,
            sessions: all.into_iter().filter(|s| s.visible).collect(),
            first_choice: r.first_choice_id,
            second_choice: r.second_choice_id,
            confirmed,
        });
    }
    Ok(out)
}

#[server(endpoint = "submit-choices")]
pub async fn submit_choices(
    program_id: i64,
    #[server(default)] first_choice: String,
    #[server(default)] second_choice: String,
) -> Result<ChoiceOutcome, AppError> {
    let state = crate::server::state()?;
    let caller = crate::auth::ssr::caller().await?;
    super::ssr::submit_choices(
        &state,
        &caller.email,
        program_id,
        parse_id(&first_choice),
        parse_id(&second_choice),
    )
    .await
}

#[server(endpoint = "decline-invitation")]
pub async fn decline_invitation(program_id: i64) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let caller = crate::auth::ssr::caller().await?;
    super::ssr::decline(&state, &caller.email, program_id).await
}
