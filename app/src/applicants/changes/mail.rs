//! The e-mails of a coordinator's changes, as messages of their kind (written from the
//! program's templates, `communications`). The coordinator's reason stays in the applicant's
//! history and is not sent: it may be an internal note.

use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::AppResult;
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::server::AppState;

fn to(kind: MailKind, by: Staff, a: &ApplicantView, program: &str) -> Mail {
    Mail::new(kind, Some(by.program_id), &a.email)
        .applicant(a.id, &a.name, &a.email)
        .with(Placeholder::Program, program)
}

/// `mail` with the applicant's session (`a.session_id`) in it.
async fn with_session(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    a: &ApplicantView,
    mail: Mail,
) -> AppResult<Mail> {
    let Some(id) = a.session_id else {
        return Ok(mail);
    };
    let row = state.repo.session_in(&mut **tx, by.program_id, id).await?;
    Ok(match row {
        Some(row) => mail.session(&crate::sessions::ssr::summary(row)),
        None => mail,
    })
}

/// The program withdrew its invitation.
pub fn withdrawn(by: Staff, a: &ApplicantView, program: &str) -> Mail {
    to(MailKind::Withdrawn, by, a, program)
}

/// The program removed the applicant, whose invitation was sent: told it was withdrawn (the
/// message names no applicant row, which is gone).
pub fn deleted(by: Staff, a: &ApplicantView, program: &str) -> Mail {
    Mail {
        applicant: None,
        ..withdrawn(by, a, program)
    }
}

/// The confirmed interview (`a.session_id`) was cancelled.
pub async fn cancelled(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    a: &ApplicantView,
    program: &str,
) -> AppResult<Mail> {
    with_session(state, tx, by, a, to(MailKind::Cancelled, by, a, program)).await
}

/// The confirmed interview moved from `from` (in words) to `a.session_id`.
pub async fn moved(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    a: &ApplicantView,
    program: &str,
    from: &str,
) -> AppResult<Mail> {
    let mail = to(MailKind::Moved, by, a, program).with(Placeholder::PreviousSession, from);
    with_session(state, tx, by, a, mail).await
}
