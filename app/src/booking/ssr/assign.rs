//! A coordinator confirms a pending applicant in a session.

use super::seats::has_seat;
use crate::applicants::domain::Transition;
use crate::applicants::ssr::{locked, ruled, save};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, SessionId};
use crate::server::AppState;

/// A coordinator confirms a pending applicant in a session: one of their choices, or (after a
/// warning, `anyway`) any session with a seat. The applicant is e-mailed the confirmation.
pub async fn assign(
    state: &AppState,
    by: Staff,
    applicant_id: ApplicantId,
    session_id: Option<SessionId>,
    anyway: bool,
) -> AppResult<()> {
    let session_id =
        session_id.ok_or_else(|| AppError::invalid("session_id", "Choose a session."))?;
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, applicant_id).await?;
    let before = a.status;
    let confirmed = ruled(&a, Transition::Assign)?;
    let chosen = a.choices().contains(&session_id);
    if !chosen && !anyway {
        return Err(AppError::invalid(
            "session_id",
            format!("{} did not choose this session. Assign anyway?", a.name),
        ));
    }
    if !has_seat(state, &mut tx, by.program_id, session_id).await? {
        return Err(AppError::Conflict(
            "That session is full. Choose another session.".into(),
        ));
    }
    a.status = confirmed;
    a.session_id = Some(session_id);
    let reason = Some(if chosen {
        "assigned a chosen session"
    } else {
        "assigned outside the applicant's choices"
    });
    save(state, &mut tx, by.program_id, Some(by), before, &a, reason).await?;
    super::audit::assigned(state, &mut tx, by.program_id, Some(by), &a, reason).await?;
    super::mail::tell(state, &mut tx, by.program_id, before, &a).await?;
    let mut touched = a.choices();
    touched.push(session_id);
    let changes = crate::live::changes(
        &state.repo,
        &mut tx,
        by.program_id,
        &touched,
        Some(&a.email),
    )
    .await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    changes.publish(state);
    Ok(())
}
