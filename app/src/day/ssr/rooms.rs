//! A day's rooms: their name, place or meeting link, and interviewers.

use super::plan::{check_free, session_times};
use super::{audit_day, session_for_day};
use crate::auth::ssr::Staff;
use crate::day::types::RoomForm;
use crate::error::{AppError, AppResult};
use crate::ids::{RoomId, SessionId};
use crate::programs::domain::{AuditAction, InterviewSetup};
use crate::server::AppState;
use crate::text::single_line;

/// The most rooms a day may have.
pub const MAX_ROOMS: usize = 60;

/// A room's location, checked against the setup: with external video, a meeting link.
fn validate_location(setup: InterviewSetup, text: &str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let text = single_line(text, "location", 500, "")?;
    if setup == InterviewSetup::ExternalVideo && !text.starts_with("https://") {
        return Err(AppError::invalid(
            "location",
            "Enter the meeting link, starting with https:// (a Zoom, Teams or WebEx link).",
        ));
    }
    Ok(text)
}

pub async fn save_room(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    form: &RoomForm,
) -> AppResult<RoomId> {
    let (session, setup) = session_for_day(state, by, session_id).await?;
    let name = single_line(&form.name, "name", 80, "Give the room a name, e.g. Room 1.")?;
    let location = validate_location(setup, &form.location)?;
    let mut interviewers = form.interviewers.clone();
    interviewers.sort();
    interviewers.dedup();
    if interviewers.len() > 6 {
        return Err(AppError::invalid(
            "interviewers",
            "A panel has at most six interviewers.",
        ));
    }
    let staff = state.repo.staff(by.program_id).await?;
    if interviewers.iter().any(|i| {
        !staff
            .iter()
            .any(|s| s.user_id == *i && s.deactivated_at.is_none())
    }) {
        return Err(AppError::invalid(
            "interviewers",
            "Choose interviewers from the program's staff.",
        ));
    }
    let times = session_times(state, &session).await?;
    let mut tx = state.repo.begin_write().await?;
    let id = match form.id {
        Some(id) => {
            state
                .repo
                .room_in(&mut tx, session_id, id)
                .await?
                .ok_or_else(room_not_found)?;
            state
                .repo
                .update_room(&mut tx, id, &name, &location)
                .await?;
            id
        }
        None => {
            if state.repo.rooms(session_id).await?.len() >= MAX_ROOMS {
                return Err(AppError::Conflict(format!(
                    "A day has at most {MAX_ROOMS} rooms."
                )));
            }
            let token = crate::auth::ssr::new_token().0;
            state
                .repo
                .create_room(&mut tx, session_id, &name, &location, &token[..16])
                .await?
        }
    };
    for user in &interviewers {
        check_free(state, &mut tx, by.program_id, session_id, *user, times).await?;
    }
    state
        .repo
        .set_room_interviewers(&mut tx, id, &interviewers)
        .await?;
    audit_day(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Saved,
        Some(&name),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn room_not_found() -> AppError {
    AppError::NotFound("That room was not found.".into())
}

pub async fn remove_room(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    room: RoomId,
) -> AppResult<()> {
    session_for_day(state, by, session_id).await?;
    let mut tx = state.repo.begin_write().await?;
    let row = state
        .repo
        .room_in(&mut tx, session_id, room)
        .await?
        .ok_or_else(room_not_found)?;
    state.repo.delete_room(&mut tx, room).await?;
    state.repo.next_draft_version(&mut tx, session_id).await?;
    audit_day(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Deleted,
        Some(&row.name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
