//! An interviewer's "do not rank" flag on an applicant they interviewed (whom they may score),
//! with the reason, seen by coordinators only on the rank list; taken back by them. Each with
//! its audit line. A flag removes nobody from the list: the program decides.

use super::audit_line;
use super::sheets::may_score;
use crate::auth::ssr::Staff;
use crate::error::AppResult;
use crate::ids::{ApplicantId, SessionId};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::server::AppState;

/// Flags `applicant` "do not rank", with `reason` (a line, up to 500 characters).
pub async fn flag(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
    reason: &str,
) -> AppResult<()> {
    let reason = crate::text::single_line(
        reason,
        "reason",
        500,
        "Say why, for the coordinators: they decide.",
    )?;
    may_score(state, by, session, applicant).await?;
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .set_flag(
            &mut tx,
            by.program_id,
            session,
            (applicant, by.user_id),
            &reason,
            state.clock.now().timestamp_millis(),
        )
        .await?;
    let line = audit_line(
        by,
        (AuditEntity::Applicant, applicant.0),
        AuditAction::DoNotRank,
        (None, Some("flagged")),
        Some(&reason),
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes one's own flag on `applicant` back (none there, as after a second click: nothing to
/// do, and no audit line).
pub async fn unflag(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<()> {
    may_score(state, by, session, applicant).await?;
    let mut tx = state.repo.begin_write().await?;
    if !state
        .repo
        .clear_flag(&mut tx, applicant, by.user_id)
        .await?
    {
        return Ok(());
    }
    let line = audit_line(
        by,
        (AuditEntity::Applicant, applicant.0),
        AuditAction::DoNotRank,
        (Some("flagged"), None),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}
