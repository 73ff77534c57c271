//! An applicant answers a program's invitation: their first and second choice (confirmed at once
//! when the program schedules itself, else Pending), or declining it.

use super::open::open_now;
use super::seats::{book, sessions_with_seats, with_seats};
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
use crate::sessions::repo::{GatedRow, SessionRow};

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
    let can_wait = chosen.can_wait();
    let Checked {
        mut a,
        first,
        second,
        self_scheduling,
        ..
    } = chosen;
    let before = a.status;
    let booking = book(state, &mut tx, program_id, self_scheduling, first, second).await?;
    a.first_choice = Some(first);
    a.second_choice = second;
    match booking {
        Booking::BothFull => {
            tx.rollback().await?;
            let open_sessions = sessions_with_seats(state, program_id).await?;
            return Ok(both_full(program_id, open_sessions, can_wait));
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
fn both_full(
    program_id: ProgramId,
    open_sessions: Vec<String>,
    can_wait: Vec<(SessionId, String)>,
) -> ChoiceOutcome {
    ChoiceOutcome {
        booking: Booking::BothFull,
        open_sessions,
        program_id,
        can_wait,
    }
}

/// The invitation, its status and the choices, checked: the applicant's row (locked on a
/// write transaction), the choices valid and each session open for booking now; with the
/// program's rules and every session of it as read (one statement: their fill and release).
struct Checked {
    a: ApplicantView,
    first: SessionId,
    second: Option<SessionId>,
    rules: crate::booking::rules::ChangeRules,
    self_scheduling: bool,
    sessions: Vec<GatedRow>,
}

impl Checked {
    /// The chosen sessions' rows as read, the first choice first.
    fn chosen(&self) -> impl Iterator<Item = &SessionRow> {
        [Some(self.first), self.second]
            .into_iter()
            .flatten()
            .filter_map(|id| {
                self.sessions
                    .iter()
                    .map(|s| &s.session)
                    .find(|s| s.id == id)
            })
    }

    /// The chosen sessions to wait for, when the program keeps a waitlist.
    fn can_wait(&self) -> Vec<(SessionId, String)> {
        match self.rules.waitlist.is_on() {
            true => self.chosen().map(|s| (s.id, s.name.clone())).collect(),
            false => Vec::new(),
        }
    }
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
    let (rules, self_scheduling) = state.repo.booking_settings(tx, program_id).await?;
    let sessions = state.repo.gated_sessions(tx, program_id, None).await?;
    let visible = sessions.iter().filter(|s| s.session.visible).count();
    let (first, second) = validate_choices(visible, first, second)?;
    let now = state.clock.now();
    for (field, id) in [("first_choice", Some(first)), ("second_choice", second)] {
        if let Some(id) = id {
            let row = sessions.iter().find(|s| s.session.id == id);
            open_now(row, &rules, now, field)?;
        }
    }
    Ok(Checked {
        a,
        first,
        second,
        rules,
        self_scheduling,
        sessions,
    })
}

/// [`submit_choices`]' answer when, read now without the write lock, the program schedules
/// itself and both choices are full (every refusal is left to the locked path, which says it
/// the same way). The sessions that still have seats are those just read.
async fn both_full_now(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    first: Option<SessionId>,
    second: Option<SessionId>,
) -> AppResult<Option<ChoiceOutcome>> {
    let mut read = state.repo.begin().await?;
    let chosen = checked(state, &mut read, me, program_id, first, second).await;
    read.rollback().await?;
    let Ok(chosen) = chosen else {
        return Ok(None);
    };
    if !chosen.self_scheduling || !chosen.chosen().all(|s| s.fill().is_full()) {
        return Ok(None);
    }
    let open_sessions = with_seats(chosen.sessions.iter().map(|s| &s.session));
    Ok(Some(both_full(
        program_id,
        open_sessions,
        chosen.can_wait(),
    )))
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
