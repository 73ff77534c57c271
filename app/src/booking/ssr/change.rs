//! An applicant's change of plans: cancelling their confirmed interview, or rescheduling it to
//! another session with a seat, each until the program's locks (`booking::rules`). A
//! reschedule is one transaction: the new seat is taken (checked under the session's lock, as a
//! booking is) and the old one freed together, so a refusal or a failure leaves the old
//! booking. Each writes its audit line, queues the applicant's e-mail and the staff alert,
//! pushes the fills, and wakes the waitlists (a freed seat goes to them by itself).

use super::choose::locked_invitation;
use super::open::{check_bookable, locks_of};
use crate::applicants::domain::{Status, Transition};
use crate::applicants::ssr::{ruled, save};
use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Applicant;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::{send, Mail};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::reminders::types::AlertKind;
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
use crate::sessions::types::when;

/// The applicant cancels their confirmed interview (until the cancel lock).
pub async fn cancel(state: &AppState, me: &Applicant, program_id: ProgramId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked_invitation(state, &mut tx, me, program_id).await?;
    let before = a.status;
    let from = confirmed_session(state, &mut tx, program_id, &a).await?;
    let rules = state.repo.change_rules(&mut *tx, program_id).await?;
    let now = state.clock.now();
    if locks_of(&rules, &from).cancel_closed(now) {
        let contact = state.repo.coordinator_contact(&mut tx, program_id).await?;
        return Err(closed(
            "Cancelling",
            &from,
            locks_of(&rules, &from).cancel,
            rules.cancel_lock_days,
            contact,
        ));
    }
    a.status = ruled(&a, Transition::Cancel)?;
    let reason = Some("cancelled by the applicant");
    save(state, &mut tx, program_id, None, before, &a, reason).await?;
    let mail = Mail::new(MailKind::CancelledByYou, Some(program_id), &a.email)
        .applicant(a.id, &a.name, &a.email)
        .session(&crate::sessions::ssr::summary(from.clone()));
    send(state, &mut tx, mail).await?;
    let said = session_said(&from);
    crate::reminders::ssr::alert_staff(
        state,
        &mut tx,
        program_id,
        &a,
        AlertKind::Cancelled,
        &[
            format!("Session: {said}"),
            "Cancelled by the applicant.".into(),
        ],
    )
    .await?;
    finish(state, tx, program_id, &a, &[from.id]).await
}

/// The applicant moves their confirmed interview to `to`, a visible session of the program
/// with a seat, open to bookings (released, before its booking lock), and leaving theirs
/// before its cancel lock.
pub async fn reschedule(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    to: Option<SessionId>,
) -> AppResult<()> {
    let to = to.ok_or_else(|| AppError::invalid("session_id", "Choose the session to move to."))?;
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked_invitation(state, &mut tx, me, program_id).await?;
    let from = confirmed_session(state, &mut tx, program_id, &a).await?;
    ruled(&a, Transition::Move)?;
    if from.id == to {
        return Err(AppError::invalid(
            "session_id",
            "You are already booked in this session: choose another.",
        ));
    }
    let rules = state.repo.change_rules(&mut *tx, program_id).await?;
    let now = state.clock.now();
    let locks = locks_of(&rules, &from);
    if locks.cancel_closed(now) {
        let contact = state.repo.coordinator_contact(&mut tx, program_id).await?;
        return Err(closed(
            "Rescheduling",
            &from,
            locks.cancel,
            rules.cancel_lock_days,
            contact,
        ));
    }
    let target = check_bookable(state, &mut tx, program_id, &rules, to, now).await?;
    if !crate::sessions::ssr::has_seat(state, &mut tx, program_id, to).await? {
        return Err(AppError::invalid(
            "session_id",
            format!(
                "{} has just filled up: you keep your interview on {}.",
                target.name,
                session_said(&from)
            ),
        ));
    }
    a.session_id = Some(to);
    state.repo.update_applicant(&mut tx, &a).await?;
    let (from_said, to_said) = (session_said(&from), session_said(&target));
    let line = Audit {
        from: Some(&from_said),
        to: Some(&to_said),
        reason: Some("rescheduled by the applicant"),
        ..Audit::new(
            program_id,
            None,
            AuditEntity::Applicant,
            a.id.0,
            AuditAction::Moved,
        )
    };
    state.repo.audit(&mut tx, line).await?;
    let mail = Mail::new(MailKind::Rescheduled, Some(program_id), &a.email)
        .applicant(a.id, &a.name, &a.email)
        .with(Placeholder::PreviousSession, &from_said)
        .session(&crate::sessions::ssr::summary(target));
    send(state, &mut tx, mail).await?;
    crate::reminders::ssr::alert_staff(
        state,
        &mut tx,
        program_id,
        &a,
        AlertKind::Moved,
        &[
            format!("Session: {from_said} → {to_said}"),
            "Rescheduled by the applicant.".into(),
        ],
    )
    .await?;
    finish(state, tx, program_id, &a, &[from.id, to]).await
}

/// The session the applicant is confirmed in (their status must be Confirmed).
async fn confirmed_session(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    a: &ApplicantView,
) -> AppResult<SessionRow> {
    let id = match (a.status, a.session_id) {
        (Status::Confirmed, Some(id)) => id,
        (s, _) => {
            return Err(AppError::Conflict(format!(
                "Your status is {}: only a confirmed interview can be changed.",
                s.label()
            )))
        }
    };
    state
        .repo
        .session_in(&mut **tx, program_id, id)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)
}

/// A session in words: "Tuesday (Tuesday, March 9, 2026 · 9:00 AM – 12:00 PM (America/…))".
pub(crate) fn session_said(s: &SessionRow) -> String {
    let s = crate::sessions::ssr::summary(s.clone());
    format!("{} ({})", s.name, when(&s))
}

/// The refusal of a change after a lock: when it closed (in the session's zone), how long
/// before the session, and whom to contact.
pub(crate) fn closed(
    what: &str,
    s: &SessionRow,
    at: chrono::DateTime<chrono::Utc>,
    days: Option<u32>,
    contact: Option<String>,
) -> AppError {
    let before = match days {
        None | Some(0) => "when the session starts".to_string(),
        Some(1) => "1 day before the session".to_string(),
        Some(n) => format!("{n} days before the session"),
    };
    let contact = contact
        .map(|c| format!(" To change it, contact the program: {c}."))
        .unwrap_or_else(|| " To change it, contact the program.".into());
    AppError::Conflict(format!(
        "{what} {} closed on {} ({before}).{contact}",
        s.name,
        crate::booking::rules::said_at(at, s.time_zone),
    ))
}

/// The change's ending: the fills read, the commit, the pushes, the outbox and the waitlists
/// woken.
async fn finish(
    state: &AppState,
    mut tx: Tx,
    program_id: ProgramId,
    a: &ApplicantView,
    sessions: &[SessionId],
) -> AppResult<()> {
    let changes =
        crate::live::changes(&state.repo, &mut tx, program_id, sessions, Some(&a.email)).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    state.seats_wake.notify_one();
    changes.publish(state);
    Ok(())
}
