//! Server functions of a session's interview day (coordinators only: interviewers neither see
//! nor change a draft), and the day as its page shows it. Each finds its caller with one guard
//! and calls one workflow in `ssr`.

use super::domain::edit::{Cell, CellsEdit};
use super::types::{DayPage, PlanForm, Presence, Repaired, RoomForm};
use crate::error::AppError;
use crate::ids::{ApplicantId, DraftVersion, RoomId, SessionId, TemplateId, UserId};
use leptos::prelude::*;

/// Coordinators: a session's day.
#[server(output = crate::codec::Compact, endpoint = "session-day")]
pub async fn session_day(session_id: SessionId) -> Result<DayPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::day_page(&state, staff, session_id).await
}

/// Coordinators: saves the day's rounds and lengths; the session's start and end follow.
#[server(output = crate::codec::Compact, endpoint = "save-day-plan")]
pub async fn save_day_plan(session_id: SessionId, plan: PlanForm) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_plan(&state, staff, session_id, &plan).await
}

/// Coordinators: a break after a round (it takes the place of the passing time).
#[server(output = crate::codec::Compact, endpoint = "add-break")]
pub async fn add_break(
    session_id: SessionId,
    after_round: String,
    minutes: String,
    label: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_break(&state, staff, session_id, &after_round, &minutes, &label).await
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "remove-break")]
pub async fn remove_break(session_id: SessionId, after_round: u16) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_break(&state, staff, session_id, after_round).await
}

/// Coordinators: adds a room (no `room[id]`) or saves one; an interviewer busy in an
/// overlapping session is refused with the clash named.
#[server(output = crate::codec::Compact, endpoint = "save-room")]
pub async fn save_room(session_id: SessionId, room: RoomForm) -> Result<RoomId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_room(&state, staff, session_id, &room).await
}

/// Coordinators: the room's slots go back to unscheduled.
#[server(output = crate::codec::Compact, endpoint = "remove-room")]
pub async fn remove_room(session_id: SessionId, room_id: RoomId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_room(&state, staff, session_id, room_id).await
}

/// Coordinators: an interviewer and an applicant who must never meet.
#[server(output = crate::codec::Compact, endpoint = "add-conflict")]
pub async fn add_conflict(interviewer: UserId, applicant: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_conflict(&state, staff, interviewer, applicant).await
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "remove-conflict")]
pub async fn remove_conflict(interviewer: UserId, applicant: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_conflict(&state, staff, interviewer, applicant).await
}

/// Coordinators: saves the session's plan and rooms as a template of the program.
#[server(output = crate::codec::Compact, endpoint = "save-day-template")]
pub async fn save_day_template(
    session_id: SessionId,
    template_name: String,
) -> Result<TemplateId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_template(&state, staff, session_id, &template_name).await
}

/// Coordinators: replaces the session's plan and rooms with a template's (the draft goes).
#[server(output = crate::codec::Compact, endpoint = "apply-day-template")]
pub async fn apply_day_template(
    session_id: SessionId,
    template_id: TemplateId,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::apply_template(&state, staff, session_id, template_id).await
}

/// Coordinators: fills the draft schedule (pinned cells stay); the Day page shows its report.
/// Refused when the draft changed since `draft_version`.
#[server(output = crate::codec::Compact, endpoint = "generate-day")]
pub async fn generate_day(
    session_id: SessionId,
    draft_version: DraftVersion,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::generate(&state, staff, session_id, draft_version).await?;
    Ok(())
}

/// Coordinators: this login has the session's Day page open (until it leaves or its tab's push
/// stream ends); returns who has it open now, by name.
#[server(output = crate::codec::Compact, endpoint = "enter-day")]
pub async fn enter_day(session_id: SessionId) -> Result<Presence, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::enter_day(&state, &caller, session_id).await
}

/// Coordinators: this login left the session's Day page.
#[server(output = crate::codec::Compact, endpoint = "leave-day")]
pub async fn leave_day(session_id: SessionId) -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::leave_day(&state, &caller, session_id).await
}

/// Coordinators: a manual edit of the draft (a move, a swap, an undo …), saved when every cell
/// is still as seen; returns the draft's new version.
#[server(output = crate::codec::Compact, endpoint = "edit-draft")]
pub async fn edit_draft(session_id: SessionId, edit: CellsEdit) -> Result<DraftVersion, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::edit_cells(&state, staff, session_id, &edit).await
}

/// Coordinators: after a manual edit, makes the draft valid again moving as few other cells
/// as it can (`keep`: the edited cells); returns how many other interviews moved (the Day
/// page's report lists them) and how many broken rules are left.
#[server(output = crate::codec::Compact, endpoint = "repair-day")]
pub async fn repair_day(
    session_id: SessionId,
    draft_version: DraftVersion,
    #[server(default)] keep: Vec<Cell>,
) -> Result<Repaired, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let report = super::ssr::repair(&state, staff, session_id, draft_version, &keep).await?;
    Ok(Repaired {
        moved: report.moved.len(),
        left: report.violations.len(),
    })
}
