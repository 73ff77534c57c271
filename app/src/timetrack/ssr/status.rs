//! A room's status in a round, and an applicant marked No-show; each told to the session.

use super::published::own_day;
use crate::applicants::domain::Status;
use crate::auth::ssr::Staff;
use crate::clock::ssr::session_people;
use crate::day::domain::grid::Round;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId, RoomId, SessionId};
use crate::live::{Audience, Change, Event};
use crate::server::AppState;
use crate::timetrack::domain::{self, RoomStatus};

async fn announce(state: &AppState, program: ProgramId, session: SessionId) -> AppResult<()> {
    state.hub.publish(Event {
        audiences: session_people(state, program, session).await?,
        change: Change::TimeTrack(session),
    });
    Ok(())
}

/// A room's status in a round, by one of its interviewers (forward only) or a coordinator.
/// Completing a round marks its applicant Interviewed once every room they were in is
/// completed.
pub async fn set_room_status(
    state: &AppState,
    by: Staff,
    session: SessionId,
    room: RoomId,
    round: Round,
    status: &str,
) -> AppResult<()> {
    let to = RoomStatus::parse(status.trim())
        .ok_or_else(|| AppError::invalid("status", "Choose the room's status."))?;
    let day = own_day(state, by, session).await?;
    let the_room = day
        .rooms
        .iter()
        .find(|r| r.id == room)
        .ok_or_else(|| AppError::NotFound("That room is not on this day.".into()))?;
    if !day.stretches.iter().any(|s| s.round == Some(round)) {
        return Err(AppError::invalid("round", "That round is not on this day."));
    }
    let coordinator = by.role.runs_program();
    if !coordinator && !the_room.interviewers.iter().any(|i| i.id == by.user_id) {
        return Err(AppError::forbidden(
            "Only the room's interviewers or a coordinator can set its status.",
        ));
    }
    let mut tx = state.repo.begin_write().await?;
    let from = state
        .repo
        .lock_room_status(&mut tx, session, room, round)
        .await?;
    if let Some(why) = domain::refusal(from, to, coordinator) {
        return Err(AppError::Conflict(why.into()));
    }
    if from == to {
        return Ok(());
    }
    state
        .repo
        .save_room_status(&mut tx, session, room, round, to, by.user_id)
        .await?;
    let applicant = day
        .slots
        .iter()
        .find(|s| s.round == round && s.room == room)
        .map(|s| s.applicant);
    let mut applicants_changed = false;
    if let (Some(applicant), RoomStatus::Completed) = (applicant, to) {
        let statuses = state.repo.room_statuses(Some(&mut tx), session).await?;
        let theirs: Vec<RoomStatus> = day
            .slots
            .iter()
            .filter(|s| s.applicant == applicant)
            .map(|s| {
                statuses
                    .get(&(s.room, s.round))
                    .copied()
                    .unwrap_or(RoomStatus::Waiting)
            })
            .collect();
        if domain::all_completed(&theirs) {
            applicants_changed = crate::applicants::ssr::on_the_day::mark_on_the_day(
                state,
                &mut tx,
                by,
                applicant,
                Status::Interviewed,
            )
            .await?;
        }
    }
    tx.commit().await?;
    after_change(state, by.program_id, session, applicants_changed).await
}

async fn after_change(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
    applicants_changed: bool,
) -> AppResult<()> {
    if applicants_changed {
        state.hub.publish(Event {
            audiences: vec![Audience::Coordinators(program)],
            change: Change::ApplicantsChanged,
        });
    }
    announce(state, program, session).await
}

/// An applicant who never came, marked No-show by an interviewer of one of their rooms or a
/// coordinator.
pub async fn mark_no_show(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<()> {
    let day = own_day(state, by, session).await?;
    let rooms: Vec<RoomId> = day
        .slots
        .iter()
        .filter(|s| s.applicant == applicant)
        .map(|s| s.room)
        .collect();
    if rooms.is_empty() {
        return Err(AppError::NotFound(
            "That applicant is not on this day.".into(),
        ));
    }
    let theirs = day
        .rooms
        .iter()
        .any(|r| rooms.contains(&r.id) && r.interviewers.iter().any(|i| i.id == by.user_id));
    if !by.role.runs_program() && !theirs {
        return Err(AppError::forbidden(
            "Only a coordinator or an interviewer who meets this applicant can mark them.",
        ));
    }
    let mut tx = state.repo.begin_write().await?;
    let changed = crate::applicants::ssr::on_the_day::mark_on_the_day(
        state,
        &mut tx,
        by,
        applicant,
        Status::NoShow,
    )
    .await?;
    tx.commit().await?;
    after_change(state, by.program_id, session, changed).await
}
