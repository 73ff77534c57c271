//! The Templates page's server side: a preview's values (a real applicant of the program), and
//! saving or resetting a program's template of a kind. Sending is the mail core's
//! ([`crate::mail::ssr::send`]).

use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId, SessionId};
use crate::mail::domain::{render::check, MailKind, Placeholder, Values};
use crate::mail::ssr::{complete, Mail};
use crate::server::AppState;

/// What a template of `kind` would say to a real applicant of the program (its first; sample
/// words where the program has none yet), for the Templates page's preview. The values no
/// applicant carries (a link, the details the portal writes) are examples, said as such.
pub async fn preview_values(
    state: &AppState,
    program: ProgramId,
    kind: MailKind,
) -> AppResult<(Values, Option<String>)> {
    let first: Option<(ApplicantId, String, String, Option<SessionId>)> =
        sqlx::query_as(
            "SELECT id, name, email, session_id FROM applicants WHERE program_id = $1 ORDER BY id LIMIT 1",
        )
        .bind(program)
        .fetch_optional(state.repo.pool())
        .await?;
    let mut tx = state.repo.begin().await?;
    let mut mail = Mail::new(kind, Some(program), "");
    let mut who = None;
    if let Some((id, name, email, session)) = first {
        mail = mail.applicant(id, &name, &email);
        if let Some(s) = session {
            if let Some(row) = state.repo.session_in(&mut *tx, program, s).await? {
                mail = mail.session(&crate::sessions::ssr::summary(row));
            }
        }
        who = Some(format!("{name} <{email}>"));
    }
    let url = state.config.public_url.trim_end_matches('/');
    let examples = [
        (Placeholder::ApplicantName, "Ana Example".to_string()),
        (Placeholder::ApplicantEmail, "ana@example.org".to_string()),
        (
            Placeholder::SessionName,
            "Interview Day 1 (example)".to_string(),
        ),
        (
            Placeholder::SessionDate,
            "Monday, January 12, 2026".to_string(),
        ),
        (
            Placeholder::SessionTime,
            "9:00 AM – 12:00 PM America/New_York".to_string(),
        ),
        (
            Placeholder::PreviousSession,
            "Interview Day 2 (example)".to_string(),
        ),
        (
            Placeholder::ResponseDeadline,
            "Friday, January 9, 2026".to_string(),
        ),
        (Placeholder::Role, "an interviewer".to_string()),
        (
            Placeholder::ActionLink,
            format!("{url}/set-password?token=example"),
        ),
        (Placeholder::LinkExpires, "7 days".to_string()),
        (
            Placeholder::Details,
            "- Example line the portal writes".to_string(),
        ),
    ];
    for (p, v) in examples {
        mail.values.or(p, || Some(v));
    }
    complete(state, &mut tx, &mut mail).await?;
    tx.rollback().await?;
    Ok((mail.values, who))
}

/// Coordinators: saves the program's subject and body for `kind`, refused beside the field
/// with the first placeholder problem (its line and column).
pub async fn save_template(
    state: &AppState,
    by: Staff,
    kind: &str,
    subject: &str,
    body: &str,
) -> AppResult<()> {
    let kind = editable_kind(kind)?;
    if subject.trim().is_empty() {
        return Err(AppError::invalid("subject", "Write a subject."));
    }
    if subject.chars().count() > SUBJECT_MAX || subject.chars().any(char::is_control) {
        return Err(AppError::invalid(
            "subject",
            format!("A subject is one line of at most {SUBJECT_MAX} characters."),
        ));
    }
    if body.trim().is_empty() {
        return Err(AppError::invalid("body", "Write the message."));
    }
    if body.chars().count() > BODY_MAX {
        return Err(AppError::invalid(
            "body",
            format!("Keep the message under {BODY_MAX} characters."),
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(AppError::invalid(
            "body",
            "The message holds a control character.",
        ));
    }
    check(kind, subject, body).map_err(|(field, e)| AppError::invalid(field, e.to_string()))?;
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .save_mail_template(
            &mut tx,
            by.program_id,
            kind,
            subject,
            &body.replace("\r\n", "\n"),
            by.user_id,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: the program sends the portal's default for `kind` again.
pub async fn reset_template(state: &AppState, by: Staff, kind: &str) -> AppResult<()> {
    let kind = editable_kind(kind)?;
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .reset_mail_template(&mut tx, by.program_id, kind)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The longest subject and body taken.
pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;

/// A kind a program may write its own template for, from its word.
pub fn editable_kind(word: &str) -> AppResult<MailKind> {
    MailKind::parse(word.trim())
        .filter(|k| k.editable())
        .ok_or_else(|| AppError::invalid("kind", "Choose a kind of message from the list."))
}
