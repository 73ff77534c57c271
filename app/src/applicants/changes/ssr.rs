//! The workflows of a coordinator's changes, callable for one applicant or, by the list's bulk
//! actions, for each of many: every one takes the coordinator (their program), the applicant
//! and an optional reason, and is one transaction with its rule, its seat, its audit row and
//! the applicant's e-mail; the push after the commit updates every open screen (the lists,
//! the sessions' fill, the applicant's My Programs) and a freed seat counts at once.

use super::mail;
use crate::applicants::domain::Transition;
use crate::applicants::ssr::{locked, ruled, save};
use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, SessionId};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::types::when;

/// The longest reason kept.
pub const REASON_MAX: usize = 500;

/// A change's reason: trimmed; empty is none.
pub fn reason(raw: Option<&str>) -> AppResult<Option<String>> {
    let r = raw.map(str::trim).filter(|r| !r.is_empty());
    match r {
        Some(r) if r.chars().count() > REASON_MAX => Err(AppError::invalid(
            "reason",
            format!("Keep the reason under {REASON_MAX} characters."),
        )),
        r => Ok(r.map(str::to_string)),
    }
}

/// The program withdraws its invitation (a seat held is freed). The applicant is told when the
/// invitation had reached them.
pub async fn withdraw(
    state: &AppState,
    by: Staff,
    id: ApplicantId,
    why: Option<&str>,
) -> AppResult<()> {
    let Opened {
        why,
        program,
        mut tx,
        mut a,
    } = open(state, by, id, why).await?;
    let before = a.status;
    a.status = ruled(&a, Transition::Withdraw)?;
    save(
        state,
        &mut tx,
        by.program_id,
        Some(by),
        before,
        &a,
        why.as_deref(),
    )
    .await?;
    let email = a
        .invitation_sent_at
        .map(|_| mail::withdrawn(by, &a, &program.name));
    crate::reminders::ssr::alert_staff(
        state,
        &mut tx,
        by.program_id,
        &a,
        crate::reminders::types::AlertKind::Withdrawn,
        &crate::reminders::ssr::lines(None, why.as_deref()),
    )
    .await?;
    let touched = touched(&a, None);
    finish(state, tx, by, &a, &touched, email).await
}

/// Cancels a confirmed booking: the seat is freed at once, the applicant told.
pub async fn cancel(
    state: &AppState,
    by: Staff,
    id: ApplicantId,
    why: Option<&str>,
) -> AppResult<()> {
    let Opened {
        why,
        program,
        mut tx,
        mut a,
    } = open(state, by, id, why).await?;
    let before = a.status;
    a.status = ruled(&a, Transition::Cancel)?;
    let session = match a.session_id {
        Some(s) => said(state, &mut tx, by, s).await?,
        None => "—".into(),
    };
    save(
        state,
        &mut tx,
        by.program_id,
        Some(by),
        before,
        &a,
        why.as_deref(),
    )
    .await?;
    let email = mail::cancelled(state, &mut tx, by, &a, &program.name).await?;
    crate::reminders::ssr::alert_staff(
        state,
        &mut tx,
        by.program_id,
        &a,
        crate::reminders::types::AlertKind::Cancelled,
        &crate::reminders::ssr::lines(Some(&session), why.as_deref()),
    )
    .await?;
    let touched = touched(&a, None);
    finish(state, tx, by, &a, &touched, Some(email)).await
}

/// Moves a confirmed applicant to another session. The seat there is checked with the
/// booking's own check ([`crate::sessions::ssr::has_seat`]) inside this transaction, so a move
/// and a booking racing for the last seat leave exactly one of them seated.
pub async fn move_to(
    state: &AppState,
    by: Staff,
    id: ApplicantId,
    to: SessionId,
    why: Option<&str>,
) -> AppResult<()> {
    let Opened {
        why,
        program,
        mut tx,
        mut a,
    } = open(state, by, id, why).await?;
    ruled(&a, Transition::Move)?;
    let from = a.session_id;
    if from == Some(to) {
        return Err(AppError::invalid(
            "session_id",
            format!("{} is already in this session.", a.name),
        ));
    }
    let to_said = said(state, &mut tx, by, to).await?;
    if !crate::sessions::ssr::has_seat(state, &mut tx, by.program_id, to).await? {
        return Err(AppError::invalid(
            "session_id",
            format!("That session is full: {} stays where they are.", a.name),
        ));
    }
    let from_said = match from {
        Some(s) => said(state, &mut tx, by, s).await?,
        None => "—".into(),
    };
    a.session_id = Some(to);
    state.repo.update_applicant(&mut tx, &a).await?;
    let line = (
        AuditAction::Moved,
        Some(from_said.as_str()),
        Some(to_said.as_str()),
    );
    audit(state, &mut tx, by, &a, line, why.as_deref()).await?;
    let email = mail::moved(state, &mut tx, by, &a, &program.name, &from_said).await?;
    crate::reminders::ssr::alert_staff(
        state,
        &mut tx,
        by.program_id,
        &a,
        crate::reminders::types::AlertKind::Moved,
        &crate::reminders::ssr::lines(Some(&format!("{from_said} → {to_said}")), why.as_deref()),
    )
    .await?;
    let touched = touched(&a, from);
    finish(state, tx, by, &a, &touched, Some(email)).await
}

/// Deletes an applicant who never booked a session (added by mistake, or not to be invited):
/// the audit row keeps who, when and why. One whose invitation reached them is told it was
/// withdrawn.
pub async fn delete(
    state: &AppState,
    by: Staff,
    id: ApplicantId,
    why: Option<&str>,
) -> AppResult<()> {
    let Opened {
        why,
        program,
        mut tx,
        a,
    } = open(state, by, id, why).await?;
    ruled(&a, Transition::Delete)?;
    // The row outlives the applicant: it names them itself (the log joins a name only while
    // the applicant is there).
    let named = format!("{} <{}>", a.name, a.email);
    let line = (
        AuditAction::Deleted,
        Some(a.status.as_str()),
        Some(named.as_str()),
    );
    audit(state, &mut tx, by, &a, line, why.as_deref()).await?;
    state
        .repo
        .delete_applicant(&mut tx, by.program_id, a.id)
        .await?;
    let email = a
        .invitation_sent_at
        .map(|_| mail::deleted(by, &a, &program.name));
    let touched = touched(&a, None);
    finish(state, tx, by, &a, &touched, email).await
}

/// What every change starts with: its reason checked, the program, the transaction and the
/// applicant locked in it.
struct Opened {
    why: Option<String>,
    program: crate::programs::repo::ProgramRow,
    tx: Tx,
    a: ApplicantView,
}

async fn open(
    state: &AppState,
    by: Staff,
    id: ApplicantId,
    why: Option<&str>,
) -> AppResult<Opened> {
    let why = reason(why)?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    let a = locked(state, &mut tx, by, id).await?;
    Ok(Opened {
        why,
        program,
        tx,
        a,
    })
}

/// The audit row of a change other than a status's: (what, from, to), and why.
async fn audit(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    a: &ApplicantView,
    (action, from, to): (AuditAction, Option<&str>, Option<&str>),
    why: Option<&str>,
) -> AppResult<()> {
    let line = Audit {
        from,
        to,
        reason: why,
        ..Audit::new(
            by.program_id,
            Some(by.user_id),
            AuditEntity::Applicant,
            a.id.0,
            action,
        )
    };
    state.repo.audit(tx, line).await?;
    Ok(())
}

/// The sessions whose fill a change of `a` touches: their choices (pending counts), their
/// session and the one they left.
fn touched(a: &ApplicantView, left: Option<SessionId>) -> Vec<SessionId> {
    let mut ids = a.choices();
    ids.extend(a.session_id);
    ids.extend(left);
    ids.sort_by_key(|s| s.0);
    ids.dedup();
    ids
}

/// A session of the program in words: its name and when.
async fn said(state: &AppState, tx: &mut Tx, by: Staff, id: SessionId) -> AppResult<String> {
    let row = state
        .repo
        .session_in(&mut **tx, by.program_id, id)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)?;
    let s = crate::sessions::ssr::summary(row);
    Ok(format!("{} ({})", s.name, when(&s)))
}

/// The change's ending: the e-mail queued, the fills read, the commit, then the push (and the
/// outbox woken).
async fn finish(
    state: &AppState,
    mut tx: Tx,
    by: Staff,
    a: &ApplicantView,
    sessions: &[SessionId],
    email: Option<crate::mail::ssr::Mail>,
) -> AppResult<()> {
    let told = email.is_some();
    if let Some(mail) = email {
        crate::mail::ssr::send(state, &mut tx, mail).await?;
    }
    let changes = crate::live::changes(
        &state.repo,
        &mut tx,
        by.program_id,
        sessions,
        Some(&a.email),
    )
    .await?;
    tx.commit().await?;
    if told {
        state.outbox_wake.notify_one();
    }
    // A seat freed (a cancel, a move, a withdrawal) goes to its waitlist at once.
    state.seats_wake.notify_one();
    changes.publish(state);
    Ok(())
}
