//! The audit line of a seat given: which session (in words, as a move's line says it), by whom
//! and why, written in the booking's transaction beside its status line.

use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::AppResult;
use crate::ids::ProgramId;
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::types::when;

/// `a` was given the seat it now holds (`a.session_id`): by `by`, or by their own choice.
pub(crate) async fn assigned(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    by: Option<Staff>,
    a: &ApplicantView,
    reason: Option<&str>,
) -> AppResult<()> {
    let Some(session) = a.session_id else {
        return Ok(());
    };
    let session = match state
        .repo
        .session_in(&mut **tx, program_id, session)
        .await?
    {
        Some(row) => {
            let s = crate::sessions::ssr::summary(row);
            format!("{} ({})", s.name, when(&s))
        }
        None => session.to_string(),
    };
    let line = Audit {
        to: Some(&session),
        reason,
        ..Audit::new(
            program_id,
            by.map(|s| s.user_id),
            AuditEntity::Applicant,
            a.id.0,
            AuditAction::Assigned,
        )
    };
    state.repo.audit(tx, line).await?;
    Ok(())
}
