//! An applicant answers a program's invitation: their first and second choice (confirmed at once
//! when the program schedules itself, else Pending), or declining it.

use super::seats::{book, sessions_with_seats};
use crate::applicants::domain::{Facts, Status, Transition};
use crate::applicants::repo::ApplicantKey;
use crate::applicants::ssr::{ruled, save};
use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Applicant;
use crate::booking::domain::{validate_choices, Booking};
use crate::booking::types::ChoiceOutcome;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId};
use crate::server::AppState;

/// The applicant submits their choices: confirmed at once (self-scheduling) or Pending.
/// One transaction, so the seat checks see concurrent bookings (see [`book`]).
///
/// At a release most applicants find both their choices full, and nothing is written for them.
/// They are told so from a read ([`both_full_now`]), without the write transaction that every
/// booking queues for (on SQLite, the database's one write lock), so the rush's few seats go
/// at the pace of those who get one. A seat freed meanwhile is the same as arriving a moment
/// earlier; whoever may still get a seat takes the locked path below, which decides.
pub async fn submit_choices(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    first: Option<SessionId>,
    second: Option<SessionId>,
) -> AppResult<ChoiceOutcome> {
    if let Some(full) = both_full_now(state, me, program_id, first, second).await? {
        return Ok(full);
    }
    let mut tx = state.repo.begin_write().await?;
    let chosen = checked(state, &mut tx, me, program_id, first, second).await?;
    let Checked {
        mut a,
        first,
        second,
        rules,
        ..
    } = chosen;
    let before = a.status;
    let booking = book(state, &mut tx, program_id, first, second).await?;
    a.first_choice = Some(first);
    a.second_choice = second;
    match booking {
        Booking::BothFull => {
            let mut can_wait = Vec::new();
            if rules.waitlist.is_on() {
                for id in [Some(first), second].into_iter().flatten() {
                    if let Some(s) = state.repo.session_in(&mut *tx, program_id, id).await? {
                        can_wait.push((id, s.name));
                    }
                }
            }
            tx.rollback().await?;
            return both_full(state, program_id, can_wait).await;
        }
        Booking::Confirmed { session_id, .. } => {
            a.status = ruled(&a, Transition::Confirm)?;
            a.session_id = Some(session_id);
        }
        Booking::Pending => a.status = ruled(&a, Transition::Choose)?,
    }
    let reason = Some("applicant's choice");
    answered(state, tx, program_id, before, &a, reason).await?;
    Ok(ChoiceOutcome {
        booking,
        open_sessions: Vec::new(),
        program_id,
        can_wait: Vec::new(),
    })
}

/// The answer when both choices are full: the sessions that still have seats, and the full
/// choices to wait for when the program keeps a waitlist.
async fn both_full(
    state: &AppState,
    program_id: ProgramId,
    can_wait: Vec<(SessionId, String)>,
) -> AppResult<ChoiceOutcome> {
    Ok(ChoiceOutcome {
        booking: Booking::BothFull,
        open_sessions: sessions_with_seats(state, program_id).await?,
        program_id,
        can_wait,
    })
}

/// The invitation, its status and the choices, checked: the applicant's row (locked on a
/// write transaction), the choices valid and each session open for booking now, with their
/// rows as read.
struct Checked {
    a: ApplicantView,
    first: SessionId,
    second: Option<SessionId>,
    rules: crate::booking::rules::ChangeRules,
    rows: Vec<crate::sessions::repo::SessionRow>,
}

async fn checked(
    state: &AppState,
    tx: &mut Tx,
    me: &Applicant,
    program_id: ProgramId,
    first: Option<SessionId>,
    second: Option<SessionId>,
) -> AppResult<Checked> {
    let a = locked_invitation(state, tx, me, program_id).await?;
    if let Err(refused) = a.status.change(Transition::Choose, facts(&a)) {
        return Err(match refused.status {
            Status::Confirmed => AppError::Conflict(
                "You are already confirmed for a session of this program.".into(),
            ),
            Status::Declined => AppError::Conflict("You declined this invitation.".into()),
            _ => AppError::forbidden("This invitation is closed."),
        });
    }
    let visible = state.repo.visible_session_ids(tx, program_id).await?;
    let (first, second) = validate_choices(visible.len(), first, second)?;
    let rules = state.repo.change_rules(&mut **tx, program_id).await?;
    let now = state.clock.now();
    let mut rows = Vec::new();
    for (field, id) in [("first_choice", Some(first)), ("second_choice", second)] {
        if let Some(id) = id {
            rows.push(super::open::bookable(state, tx, program_id, &rules, id, now, field).await?);
        }
    }
    Ok(Checked {
        a,
        first,
        second,
        rules,
        rows,
    })
}

/// [`submit_choices`]' answer when, read now without the write lock, the program schedules
/// itself and both choices are full (every refusal is left to the locked path, which says it
/// the same way).
async fn both_full_now(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    first: Option<SessionId>,
    second: Option<SessionId>,
) -> AppResult<Option<ChoiceOutcome>> {
    let mut read = state.repo.begin().await?;
    let Ok(chosen) = checked(state, &mut read, me, program_id, first, second).await else {
        return Ok(None);
    };
    let full = state.repo.self_scheduling(&mut read, program_id).await?
        && chosen.rows.iter().all(|s| s.fill().is_full());
    read.rollback().await?;
    if !full {
        return Ok(None);
    }
    let can_wait = match chosen.rules.waitlist.is_on() {
        true => chosen.rows.into_iter().map(|s| (s.id, s.name)).collect(),
        false => Vec::new(),
    };
    both_full(state, program_id, can_wait).await.map(Some)
}

fn facts(a: &ApplicantView) -> Facts {
    Facts {
        booked: a.session_id.is_some(),
    }
}

/// The caller's applicant row, locked, when the program's invitation reached them (invitation
/// sent); otherwise "not found", so nothing of the program is revealed.
pub(crate) async fn locked_invitation(
    state: &AppState,
    tx: &mut Tx,
    me: &Applicant,
    program_id: ProgramId,
) -> AppResult<ApplicantView> {
    state
        .repo
        .lock_applicant(tx, program_id, ApplicantKey::Email(&me.email))
        .await?
        .filter(|a| a.invitation_sent_at.is_some() && a.status != Status::InterviewCandidate)
        .ok_or_else(|| AppError::NotFound("That invitation was not found.".into()))
}

pub async fn decline(state: &AppState, me: &Applicant, program_id: ProgramId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked_invitation(state, &mut tx, me, program_id).await?;
    let before = a.status;
    a.status = before.change(Transition::Decline, facts(&a)).map_err(|_| {
        AppError::Conflict(format!(
            "Your status is {}: contact the program to change it.",
            before.label()
        ))
    })?;
    let reason = Some("declined by the applicant");
    crate::reminders::ssr::alert_staff(
        state,
        &mut tx,
        program_id,
        &a,
        crate::reminders::types::AlertKind::Declined,
        &[],
    )
    .await?;
    answered(state, tx, program_id, before, &a, reason).await?;
    Ok(())
}

/// The applicant's answer written (with its audit line) and committed; the program's
/// coordinators and the applicant hear of it, and so does every session they chose; the
/// applicant is e-mailed their confirmation or that their choices are received.
async fn answered(
    state: &AppState,
    mut tx: Tx,
    program_id: ProgramId,
    before: Status,
    a: &ApplicantView,
    reason: Option<&str>,
) -> AppResult<()> {
    save(state, &mut tx, program_id, None, before, a, reason).await?;
    if a.status == Status::Confirmed && before != Status::Confirmed {
        super::audit::assigned(state, &mut tx, program_id, None, a, reason).await?;
    }
    super::mail::tell(state, &mut tx, program_id, before, a).await?;
    let changes = crate::live::changes(
        &state.repo,
        &mut tx,
        program_id,
        &a.choices(),
        Some(&a.email),
    )
    .await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    changes.publish(state);
    Ok(())
}
