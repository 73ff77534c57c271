//! Server side of applicants, a file per workflow: the coordinator's list and adding
//! (`list`), inviting and sending the invitation (`invite`), the applicant's My Programs
//! (`my_programs`), marking on the interview day (`on_the_day`). Here: the stored applicant,
//! locked for a transaction and written back with its audit line (booking uses them too).

pub mod invite;
pub mod list;
pub mod my_programs;
pub mod on_the_day;

pub use invite::{mark_invited, send_invitation};
pub use list::{add_applicant, list_applicants};
pub use my_programs::my_programs;

use super::domain::{Facts, Status, Transition};
use super::repo::ApplicantKey;
use super::types::ApplicantView;
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::api::SessionSummary;
use crate::sessions::ssr::summary;

pub(crate) fn not_found() -> AppError {
    AppError::NotFound("That applicant was not found.".into())
}

pub(crate) async fn sessions_of(
    state: &AppState,
    program_id: ProgramId,
) -> AppResult<Vec<SessionSummary>> {
    let rows = state.repo.sessions(program_id).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The status `t` leads `a` to by the rules ([`Status::change`]), or the refusal naming them.
pub(crate) fn ruled(a: &ApplicantView, t: Transition) -> AppResult<Status> {
    let facts = Facts {
        booked: a.session_id.is_some(),
    };
    a.status.change(t, facts).map_err(|r| r.error(&a.name))
}

/// An applicant of the staff member's program, locked for the transaction.
pub(crate) async fn locked(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    id: ApplicantId,
) -> AppResult<ApplicantView> {
    state
        .repo
        .lock_applicant(tx, by.program_id, ApplicantKey::Id(id))
        .await?
        .ok_or_else(not_found)
}

/// Writes the applicant and an audit line of the status change.
pub(crate) async fn save(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    actor: Option<Staff>,
    before: Status,
    a: &ApplicantView,
    reason: Option<&str>,
) -> AppResult<()> {
    state.repo.update_applicant(tx, a).await?;
    let line = Audit::new(
        program_id,
        actor.map(|s| s.user_id),
        AuditEntity::Applicant,
        a.id.0,
        AuditAction::Status,
    );
    let line = Audit {
        from: Some(before.as_str()),
        to: Some(a.status.as_str()),
        reason,
        ..line
    };
    state.repo.audit(tx, line).await?;
    Ok(())
}
