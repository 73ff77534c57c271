//! The applicant's e-mail of their answer: their interview confirmed (by their own choice or a
//! coordinator's assignment), or their choices received and Pending. Queued in the answer's
//! transaction, written from the program's templates (`MailKind::Confirmation`, `Pending`).

use crate::applicants::domain::Status;
use crate::applicants::types::ApplicantView;
use crate::db::Tx;
use crate::error::AppResult;
use crate::ids::ProgramId;
use crate::mail::domain::MailKind;
use crate::mail::ssr::{send, Mail};
use crate::server::AppState;

/// Queues the message the applicant's new status calls for (none when the status did not
/// become Confirmed or Pending).
pub async fn tell(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    before: Status,
    a: &ApplicantView,
) -> AppResult<()> {
    let kind = match a.status {
        Status::Confirmed if before != Status::Confirmed => MailKind::Confirmation,
        Status::Pending if before != Status::Pending => MailKind::Pending,
        _ => return Ok(()),
    };
    let mut mail = Mail::new(kind, Some(program_id), &a.email).applicant(a.id, &a.name, &a.email);
    if let Some(id) = a.session_id.filter(|_| kind == MailKind::Confirmation) {
        if let Some(row) = state.repo.session_in(&mut **tx, program_id, id).await? {
            mail = mail.session(&crate::sessions::ssr::summary(row));
        }
    }
    send(state, tx, mail).await?;
    Ok(())
}
