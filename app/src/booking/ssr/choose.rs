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
pub async fn submit_choices(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    first: Option<SessionId>,
    second: Option<SessionId>,
) -> AppResult<ChoiceOutcome> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked_invitation(state, &mut tx, me, program_id).await?;
    let before = a.status;
    if let Err(refused) = before.change(Transition::Choose, facts(&a)) {
        return Err(match refused.status {
            Status::Confirmed => AppError::Conflict(
                "You are already confirmed for a session of this program.".into(),
            ),
            Status::Declined => AppError::Conflict("You declined this invitation.".into()),
            _ => AppError::forbidden("This invitation is closed."),
        });
    }
    let visible = state.repo.visible_session_ids(&mut tx, program_id).await?;
    let (first, second) = validate_choices(visible.len(), first, second)?;
    let rules = state.repo.change_rules(&mut *tx, program_id).await?;
    let now = state.clock.now();
    for (field, id) in [("first_choice", Some(first)), ("second_choice", second)] {
        if let Some(id) = id {
            super::open::bookable(state, &mut tx, program_id, &rules, id, now, field).await?;
        }
    }
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
            return Ok(ChoiceOutcome {
                booking,
                open_sessions: sessions_with_seats(state, program_id).await?,
                program_id,
                can_wait,
            });
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

/// What the rules look at beside the status (an applicant is told in their own words, not the
/// coordinator's sentence).
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
