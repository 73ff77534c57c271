//! Server side of the interview day, one workflow a file: the page it reads ([`page`]), the
//! plan and its breaks ([`plan`]), rooms ([`rooms`]), conflicts of interest ([`conflicts`]),
//! templates ([`templates`]), generating and repairing the draft ([`generate`]), manual edits
//! ([`edit`]) and who has the page open ([`presence`]). Here: what they all check first.

mod conflicts;
mod edit;
mod generate;
mod page;
mod plan;
mod presence;
mod rooms;
mod templates;

pub use super::components::grid::report_view;
pub use conflicts::{add_conflict, remove_conflict};
pub use edit::{edit_cells, MAX_EDIT_CELLS};
pub use generate::{generate, repair};
pub use page::{day_page, interviews_wanted};
pub use plan::{add_break, follow_plan, remove_break, row_of, save_plan, validate_plan};
pub use presence::{enter_day, leave_day};
pub use rooms::{remove_room, save_room, MAX_ROOMS};
pub use templates::{apply_template, save_template};

use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::programs::domain::{AuditAction, AuditEntity, InterviewSetup};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
use crate::sessions::ssr::not_found;

/// The session of the caller's program, and the program's setup (refused when the schedule is
/// run outside the portal).
pub(super) async fn session_for_day(
    state: &AppState,
    by: Staff,
    session: SessionId,
) -> AppResult<(SessionRow, InterviewSetup)> {
    let row = state
        .repo
        .session(by.program_id, session)
        .await?
        .ok_or_else(not_found)?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    if !program.interview_setup.builds_the_day() {
        return Err(AppError::Conflict(
            "This program runs its schedule outside the portal (Settings): sessions keep only their confirmed list."
                .into(),
        ));
    }
    Ok((row, program.interview_setup))
}

pub(super) async fn audit_day(
    state: &AppState,
    tx: &mut crate::db::Tx,
    by: Staff,
    session: SessionId,
    action: AuditAction,
    to: Option<&str>,
) -> AppResult<()> {
    audit_day_change(state, tx, by, session, action, None, to).await
}

/// An audit line about a session's day: what it was (`from`) and became (`to`).
pub(crate) async fn audit_day_change(
    state: &AppState,
    tx: &mut crate::db::Tx,
    by: Staff,
    session: SessionId,
    action: AuditAction,
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<()> {
    let audit = Audit {
        from,
        to,
        ..Audit::new(
            by.program_id,
            Some(by.user_id),
            AuditEntity::Day,
            session.0,
            action,
        )
    };
    state.repo.audit(tx, audit).await?;
    Ok(())
}
