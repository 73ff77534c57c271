//! Manual edits of the draft (a move, a swap, an undo …), saved when every cell is still as its
//! author saw it, and the live message that tells other coordinators.

use super::plan::stored_plan;
use super::session_for_day;
use crate::auth::ssr::Staff;
use crate::day::domain::edit::{Cell, CellState, CellsEdit, Draft};
use crate::day::domain::grid::Round;
use crate::day::domain::timeline::DayPlan;
use crate::day::repo::{NamedRow, RoomRow};
use crate::error::{AppError, AppResult};
use crate::ids::{DraftVersion, ProgramId, SessionId};
use crate::server::AppState;

/// The most cells one edit may write (a swap writes two; an undo of a swap, two).
pub const MAX_EDIT_CELLS: usize = 64;

/// Saves a manual edit when every cell it writes is still as its author saw it; the cells it
/// fills are pinned. Returns the draft's new version.
pub async fn edit_cells(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    edit: &CellsEdit,
) -> AppResult<DraftVersion> {
    // What the checks need, and no more: an edit is the builder's hot path.
    let (session, _) = session_for_day(state, by, session_id).await?;
    let rounds = stored_plan(state, &session)
        .await?
        .map_or(DayPlan::default().rounds, |(plan, _, _)| plan.rounds);
    let rooms = state.repo.rooms(session_id).await?;
    let applicants = state.repo.confirmed_in(session_id).await?;
    check_cells(edit, rounds, &rooms, &applicants)?;
    let mut tx = state.repo.begin_write().await?;
    let version = state
        .repo
        .next_draft_version(&mut tx, session_id)
        .await?
        .ok_or_else(|| AppError::Conflict("Save the day's rounds first.".into()))?;
    let now = Draft::new(
        state
            .repo
            .slots_in(&mut *tx, session_id)
            .await?
            .iter()
            .map(|r| r.cell()),
    );
    if let Some(cell) = now.stale(edit).first() {
        return Err(changed_meanwhile(*cell, &now, &rooms, &applicants));
    }
    let writes: Vec<CellState> = edit
        .cells
        .iter()
        .map(|w| CellState {
            cell: w.cell(),
            applicant: w.applicant,
            pinned: w.applicant.is_some(),
            version,
        })
        .collect();
    state.repo.write_cells(&mut tx, session_id, &writes).await?;
    tx.commit().await?;
    publish_draft(state, by.program_id, session_id, version, Some(writes));
    Ok(version)
}

/// Refuses an edit that changes no cell, too many, one twice, a cell not in the day (`rounds`,
/// `rooms`), or places an applicant not confirmed in the session.
fn check_cells(
    edit: &CellsEdit,
    rounds: Round,
    rooms: &[RoomRow],
    applicants: &[NamedRow],
) -> AppResult<()> {
    if edit.cells.is_empty() {
        return Err(AppError::invalid("cells", "The edit changes no cell."));
    }
    if edit.cells.len() > MAX_EDIT_CELLS {
        return Err(AppError::invalid(
            "cells",
            format!("One edit changes at most {MAX_EDIT_CELLS} cells."),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for w in &edit.cells {
        if !seen.insert(w.cell()) {
            return Err(AppError::invalid("cells", "The edit names a cell twice."));
        }
        if w.round >= rounds || !rooms.iter().any(|r| r.id == w.room) {
            return Err(AppError::NotFound(
                "That cell is not in this day (a room or round was removed).".into(),
            ));
        }
        if let Some(a) = w.applicant {
            if !applicants.iter().any(|p| p.id == a.0) {
                return Err(AppError::invalid(
                    "applicant",
                    "Only applicants confirmed in this session can be placed.",
                ));
            }
        }
    }
    Ok(())
}

/// The refusal of an edit whose `cell` someone else changed first: where, and what it holds now.
fn changed_meanwhile(
    cell: Cell,
    now: &Draft,
    rooms: &[RoomRow],
    applicants: &[NamedRow],
) -> AppError {
    let room = rooms
        .iter()
        .find(|r| r.id == cell.room)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let holds = match now.at(cell) {
        Some(a) => applicants
            .iter()
            .find(|p| p.id == a.0)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "someone".into()),
        None => "nobody".into(),
    };
    AppError::Conflict(format!(
        "{room}, round {} was changed a moment ago by someone else (it now holds {holds}). Your edit was not saved; the grid shows the current draft.",
        cell.round + 1
    ))
}

/// Tells the program's coordinators that a draft changed: these cells, or (`None`) reload it.
pub(super) fn publish_draft(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
    version: DraftVersion,
    cells: Option<Vec<CellState>>,
) {
    state.hub.publish(crate::live::Event {
        audiences: vec![crate::live::Audience::Coordinators(program)],
        change: crate::live::Change::Draft(crate::live::DraftChange {
            session,
            version,
            cells,
        }),
    });
}
