//! Generating the draft (pinned cells stay) and repairing it after a manual edit: the
//! generator run off the async threads, and the new arrangement saved at the draft's next version.

use super::edit::publish_draft;
use super::{audit_day, day_page};
use crate::auth::ssr::Staff;
use crate::day::domain::edit::{Cell, CellState, Draft};
use crate::day::domain::generator::{self, Problem};
use crate::day::domain::grid::Slot;
use crate::day::domain::Report;
use crate::day::types::DayPage;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, DraftVersion, SessionId};
use crate::programs::domain::AuditAction;
use crate::server::AppState;

/// The generator's problem for a session's day as its page shows it: its rooms, rounds,
/// conflicts and confirmed applicants; `pinned` the slots that stay.
fn problem_of(page: &DayPage, pinned: Vec<Slot>) -> Problem {
    Problem {
        day: page.shape(),
        applicants: page.applicants.iter().map(|a| a.id).collect(),
        interviews_per_applicant: page.interviews_per_applicant,
        pinned,
    }
}

/// Refuses an edit of the whole draft made on an older version of it.
fn check_draft_version(page: &DayPage, seen: DraftVersion) -> AppResult<()> {
    if page.draft_version != seen {
        return Err(stale_draft());
    }
    Ok(())
}

fn stale_draft() -> AppError {
    AppError::Conflict(
        "The draft changed a moment ago (another coordinator edited it). The grid now shows it as it is; try again."
            .into(),
    )
}

/// The draft's pinned slots of applicants still confirmed (they stay when it is rearranged).
fn pinned_slots(page: &DayPage) -> Vec<Slot> {
    page.cells
        .iter()
        .filter(|c| c.pinned)
        .filter_map(CellState::slot)
        .filter(|s| page.applicants.iter().any(|p| p.id == s.applicant))
        .collect()
}

/// Runs the generator off the async threads (it takes up to a tenth of a second).
async fn run_generator<F>(work: F) -> AppResult<(Vec<Slot>, Report)>
where
    F: FnOnce() -> (Vec<Slot>, Report) + Send + 'static,
{
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "the generator failed");
        AppError::Internal
    })
}

/// Saves a new arrangement of the whole draft: the cells whose occupant changes are written at
/// the draft's next version (so edits made on the old one are refused), with the report.
async fn save_arrangement(
    state: &AppState,
    by: Staff,
    page: &DayPage,
    slots: &[Slot],
    pinned: &[Slot],
    report: &Report,
    action: AuditAction,
) -> AppResult<DraftVersion> {
    let report_text = serde_json::to_string(report).map_err(|_| AppError::Internal)?;
    let session_id = page.session.id;
    let mut tx = state.repo.begin_write().await?;
    let version = state
        .repo
        .next_draft_version(&mut tx, session_id)
        .await?
        .ok_or_else(|| AppError::Conflict("Save the day's rounds first.".into()))?;
    // The check again under the draft's lock: nothing slipped in since the page was read.
    if version.0 != page.draft_version.0 + 1 {
        return Err(stale_draft());
    }
    let before = Draft::new(page.cells.iter().copied());
    let mut after: std::collections::BTreeMap<Cell, Option<ApplicantId>> =
        before.cells.keys().map(|c| (*c, None)).collect();
    for s in slots {
        after.insert(
            Cell {
                round: s.round,
                room: s.room,
            },
            Some(s.applicant),
        );
    }
    let writes: Vec<CellState> = after
        .into_iter()
        .filter(|(cell, applicant)| before.at(*cell) != *applicant)
        .map(|(cell, applicant)| CellState {
            cell,
            applicant,
            pinned: applicant.is_some_and(|a| {
                pinned.contains(&Slot {
                    round: cell.round,
                    room: cell.room,
                    applicant: a,
                })
            }),
            version,
        })
        .collect();
    state.repo.write_cells(&mut tx, session_id, &writes).await?;
    state
        .repo
        .set_day_report(&mut tx, session_id, Some(&report_text))
        .await?;
    audit_day(state, &mut tx, by, session_id, action, None).await?;
    tx.commit().await?;
    publish_draft(state, by.program_id, session_id, version, None);
    Ok(version)
}

fn ready_to_generate(page: &DayPage) -> AppResult<()> {
    if !page.planned {
        return Err(AppError::Conflict("Save the day's rounds first.".into()));
    }
    if page.rooms.is_empty() {
        return Err(AppError::Conflict("Add a room first.".into()));
    }
    if page.applicants.is_empty() {
        return Err(AppError::Conflict(
            "No applicant is confirmed in this session yet.".into(),
        ));
    }
    Ok(())
}

/// (Re)generates the draft: pinned cells stay, everything else is arranged anew.
pub async fn generate(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    draft_version: DraftVersion,
) -> AppResult<Report> {
    let page = day_page(state, by, session_id).await?;
    check_draft_version(&page, draft_version)?;
    ready_to_generate(&page)?;
    let pinned = pinned_slots(&page);
    let problem = problem_of(&page, pinned.clone());
    let seed = u64::try_from(session_id.0).unwrap_or(0);
    let (slots, report) =
        run_generator(move || generator::generate(&problem, seed, generator::BUDGET)).await?;
    save_arrangement(
        state,
        by,
        &page,
        &slots,
        &pinned,
        &report,
        AuditAction::Generated,
    )
    .await?;
    Ok(report)
}

/// After a manual edit: makes the draft valid again, keeping the `keep` cells (the edit's) and
/// every pinned one they do not clash with, and moving as few others as the search finds. The
/// report lists the moves.
pub async fn repair(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    draft_version: DraftVersion,
    keep: &[Cell],
) -> AppResult<Report> {
    let page = day_page(state, by, session_id).await?;
    check_draft_version(&page, draft_version)?;
    ready_to_generate(&page)?;
    let kept: Vec<Slot> = page
        .cells
        .iter()
        .filter(|c| keep.contains(&c.cell))
        .filter_map(CellState::slot)
        .collect();
    // An earlier manual placement the change clashes with gives way: the newest word wins.
    let pinned = generator::pins::holding(&page.shape(), &pinned_slots(&page), &kept);
    let problem = problem_of(&page, pinned.clone());
    let slots = page.slots();
    let seed = u64::try_from(session_id.0).unwrap_or(0);
    let (repaired, report) =
        run_generator(move || generator::repair(&problem, &slots, &kept, seed, generator::BUDGET))
            .await?;
    save_arrangement(
        state,
        by,
        &page,
        &repaired,
        &pinned,
        &report,
        AuditAction::Generated,
    )
    .await?;
    Ok(report)
}
