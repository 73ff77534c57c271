//! Server functions of a coordinator's changes to an applicant: each a guard and one workflow
//! of `super::ssr`. The reason is optional (an empty field is none).

use crate::error::AppError;
use crate::ids::{ApplicantId, SessionId};
use leptos::prelude::*;

/// Coordinators: the program withdraws its invitation to an applicant of this program.
#[server(output = crate::codec::Compact, endpoint = "withdraw-applicant")]
pub async fn withdraw_applicant(id: ApplicantId, reason: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::withdraw(&state, staff, id, Some(&reason)).await
}

/// Coordinators: cancels the confirmed booking of an applicant of this program.
#[server(output = crate::codec::Compact, endpoint = "cancel-booking")]
pub async fn cancel_booking(id: ApplicantId, reason: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::cancel(&state, staff, id, Some(&reason)).await
}

/// Coordinators: moves a confirmed applicant of this program to another session with a seat.
#[server(output = crate::codec::Compact, endpoint = "move-applicant")]
pub async fn move_applicant(
    id: ApplicantId,
    session_id: Option<SessionId>,
    reason: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let to = session_id.ok_or_else(|| AppError::invalid("session_id", "Choose a session."))?;
    super::ssr::move_to(&state, staff, id, to, Some(&reason)).await
}

/// Coordinators: deletes an applicant of this program who never booked a session.
#[server(output = crate::codec::Compact, endpoint = "delete-applicant")]
pub async fn delete_applicant(id: ApplicantId, reason: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::delete(&state, staff, id, Some(&reason)).await
}
