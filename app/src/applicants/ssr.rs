//! Server side of applicants: the coordinator's list and the applicant's invitations (reads),
//! adding and inviting applicants (coordinators), choosing sessions and declining
//! (applicants), assigning a pending applicant (coordinators).

use super::domain::{
    decide_booking, invitation_visible, validate_choices, Booking, GateFacts, Status,
};
use super::repo::{ApplicantKey, InvitationRow};
use super::types::{ApplicantView, ApplicantsPage, ChoiceOutcome, Invitation};
use crate::auth::domain::{normalize_email, validate_person_name};
use crate::auth::ssr::{Applicant, Staff};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId, SessionId};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::api::SessionSummary;
use crate::sessions::domain::stamp_in;
use crate::sessions::ssr::summary;

fn not_found() -> AppError {
    AppError::NotFound("That applicant was not found.".into())
}

pub async fn list_applicants(state: &AppState, by: Staff) -> AppResult<ApplicantsPage> {
    let applicants = state.repo.applicants(by.program_id).await?;
    let zone = state
        .repo
        .program(by.program_id)
        .await?
        .map_or(chrono_tz::UTC, |p| p.time_zone);
    let sent = applicants
        .iter()
        .filter_map(|a| Some((a.id, stamp_in(a.invitation_sent_at?, zone))))
        .collect();
    Ok(ApplicantsPage {
        applicants,
        sessions: sessions_of(state, by.program_id).await?,
        sent,
    })
}

async fn sessions_of(state: &AppState, program_id: ProgramId) -> AppResult<Vec<SessionSummary>> {
    let rows = state.repo.sessions(program_id).await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The programs whose invitation the applicant may see (all four gate conditions met).
pub async fn my_programs(state: &AppState, me: &Applicant) -> AppResult<Vec<Invitation>> {
    let mut out = Vec::new();
    for row in state.repo.invitations_for(&me.email).await? {
        let facts = GateFacts {
            any_visible_session: row.visible_sessions > 0,
            status: row.status,
            invitation_sent: row.invitation_sent_at.is_some(),
        };
        if invitation_visible(facts) {
            out.push(invitation(state, row).await?);
        }
    }
    Ok(out)
}

/// One program's invitation: its visible sessions (pending counts are not the applicant's
/// business) and, when confirmed, their session.
async fn invitation(state: &AppState, row: InvitationRow) -> AppResult<Invitation> {
    let all: Vec<SessionSummary> = sessions_of(state, row.program_id)
        .await?
        .into_iter()
        .map(|mut s| {
            s.fill.pending = 0;
            s
        })
        .collect();
    let confirmed = match row.status {
        Status::Confirmed => all.iter().find(|s| Some(s.id) == row.session_id).cloned(),
        _ => None,
    };
    let itinerary = match &confirmed {
        Some(s) => {
            crate::itinerary::ssr::applicant_itinerary(
                state,
                &row.program_name,
                s.id,
                row.applicant_id,
            )
            .await?
        }
        None => None,
    };
    Ok(Invitation {
        itinerary,
        program_id: row.program_id,
        program_name: row.program_name,
        status: row.status,
        self_scheduling: row.self_scheduling,
        sessions: all.into_iter().filter(|s| s.visible).collect(),
        first_choice: row.first_choice_id,
        second_choice: row.second_choice_id,
        confirmed,
    })
}

/// An applicant of the staff member's program, locked for the transaction.
async fn locked(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    id: ApplicantId,
) -> AppResult<ApplicantView> {
    state
        .repo
        .lock_applicant(tx, by.program_id, ApplicantKey::Id(id))
        .await?
        .ok_or_else(not_found)
}

/// Writes the applicant and an audit line of the status change.
async fn save(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    actor: Option<Staff>,
    before: Status,
    a: &ApplicantView,
    reason: Option<&str>,
) -> AppResult<()> {
    state.repo.update_applicant(tx, a).await?;
    let line = Audit::new(
        program_id,
        actor.map(|s| s.user_id),
        AuditEntity::Applicant,
        a.id.0,
        AuditAction::Status,
    );
    let line = Audit {
        from: Some(before.as_str()),
        to: Some(a.status.as_str()),
        reason,
        ..line
    };
    state.repo.audit(tx, line).await?;
    Ok(())
}

pub async fn add_applicant(state: &AppState, by: Staff, name: &str, email: &str) -> AppResult<()> {
    let name = validate_person_name(name)?;
    let email = normalize_email(email)?;
    let mut tx = state.repo.begin_write().await?;
    let added = state
        .repo
        .add_applicant(&mut tx, by.program_id, &email, &name)
        .await
        .map_err(AppError::from);
    if let Err(AppError::Conflict(_)) = added {
        return Err(AppError::invalid(
            "email",
            "This email is already an applicant of the program.",
        ));
    }
    added?;
    let changes =
        crate::live::changes(&state.repo, &mut tx, by.program_id, &[], Some(&email)).await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(())
}

/// Interview Candidate → Invited & Ready for Scheduling (step 3 of the gate).
pub async fn mark_invited(state: &AppState, by: Staff, id: ApplicantId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, id).await?;
    let before = a.status;
    if before != Status::InterviewCandidate {
        return Err(AppError::Conflict(format!(
            "{} is already {}.",
            a.name,
            before.label()
        )));
    }
    a.status = Status::InvitedReady;
    save(state, &mut tx, by.program_id, Some(by), before, &a, None).await?;
    let changes =
        crate::live::changes(&state.repo, &mut tx, by.program_id, &[], Some(&a.email)).await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(())
}

/// Sends (or re-sends) the invitation e-mail (step 4 of the gate).
pub async fn send_invitation(state: &AppState, by: Staff, id: ApplicantId) -> AppResult<()> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, id).await?;
    if a.status == Status::InterviewCandidate {
        return Err(AppError::Conflict(format!(
            "Set {} to Invited & Ready for Scheduling before sending the invitation.",
            a.name
        )));
    }
    let url = &state.config.public_url;
    let body = format!(
        "Dear {name},\n\n{program} invites you to interview.\n\n\
         Log in to the Interview Portal at {url}/login with this email address ({email}). \
         If you have no account yet, create one at {url}/signup with this same address.\n\n\
         Under My Programs, accept the invitation and choose your first and second choice of session.",
        name = a.name,
        program = program.name,
        email = a.email,
    );
    let subject = format!("Interview invitation: {}", program.name);
    state
        .repo
        .enqueue_email(&mut tx, Some(by.program_id), &a.email, &subject, &body)
        .await?;
    a.invitation_sent_at = Some(chrono::Utc::now());
    state.repo.update_applicant(&mut tx, &a).await?;
    let changes =
        crate::live::changes(&state.repo, &mut tx, by.program_id, &[], Some(&a.email)).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    changes.publish(state);
    Ok(())
}

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
    match before {
        Status::InvitedReady | Status::Pending => {}
        Status::Confirmed => {
            return Err(AppError::Conflict(
                "You are already confirmed for a session of this program.".into(),
            ))
        }
        Status::Declined => return Err(AppError::Conflict("You declined this invitation.".into())),
        _ => return Err(AppError::forbidden("This invitation is closed.")),
    }
    let visible = state.repo.visible_session_ids(&mut tx, program_id).await?;
    let (first, second) = validate_choices(visible.len(), first, second)?;
    for (field, id) in [("first_choice", Some(first)), ("second_choice", second)] {
        if id.is_some_and(|id| !visible.contains(&id)) {
            return Err(AppError::invalid(
                field,
                "That session is not available. Please choose another.",
            ));
        }
    }
    let booking = book(state, &mut tx, program_id, first, second).await?;
    a.first_choice = Some(first);
    a.second_choice = second;
    match booking {
        Booking::BothFull => {
            tx.rollback().await?;
            return Ok(ChoiceOutcome {
                booking,
                open_sessions: sessions_with_seats(state, program_id).await?,
            });
        }
        Booking::Confirmed { session_id, .. } => {
            a.status = Status::Confirmed;
            a.session_id = Some(session_id);
        }
        Booking::Pending => a.status = Status::Pending,
    }
    let reason = Some("applicant's choice");
    save(state, &mut tx, program_id, None, before, &a, reason).await?;
    let changes = crate::live::changes(
        &state.repo,
        &mut tx,
        program_id,
        &a.choices(),
        Some(&a.email),
    )
    .await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(ChoiceOutcome {
        booking,
        open_sessions: Vec::new(),
    })
}

/// Decides a booking under lock. Each session row is locked before its confirmed applicants
/// are counted, and the first choice is tried under a savepoint that is rolled back (releasing
/// its lock) before the second is tried, so two applicants falling back in opposite orders
/// cannot deadlock.
async fn book(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    first: SessionId,
    second: Option<SessionId>,
) -> AppResult<Booking> {
    if !state.repo.self_scheduling(tx, program_id).await? {
        return Ok(Booking::Pending);
    }
    let first_free = {
        let mut sp = sqlx::Acquire::begin(&mut **tx).await?;
        let free = has_seat(state, &mut sp, program_id, first).await?;
        if free {
            sp.commit().await?;
        } else {
            sp.rollback().await?;
        }
        free
    };
    let second = match (first_free, second) {
        (false, Some(id)) => Some((id, has_seat(state, tx, program_id, id).await?)),
        (_, s) => s.map(|id| (id, false)),
    };
    Ok(decide_booking(true, (first, first_free), second))
}

/// Names of the program's visible sessions that still have seats.
async fn sessions_with_seats(state: &AppState, program_id: ProgramId) -> AppResult<Vec<String>> {
    let rows = state.repo.sessions(program_id).await?;
    Ok(rows
        .into_iter()
        .filter(|s| s.visible && !s.fill().is_full())
        .map(|s| s.name)
        .collect())
}

async fn has_seat(
    state: &AppState,
    conn: &mut sqlx::AnyConnection,
    program_id: ProgramId,
    session_id: SessionId,
) -> AppResult<bool> {
    let lock = state
        .repo
        .lock_session(conn, program_id, session_id)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)?;
    Ok(lock.has_seat())
}

/// The caller's applicant row, locked, when the program's invitation reached them (invitation
/// sent); otherwise "not found", so nothing of the program is revealed.
async fn locked_invitation(
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
    if !matches!(before, Status::InvitedReady | Status::Pending) {
        return Err(AppError::Conflict(format!(
            "Your status is {}: contact the program to change it.",
            before.label()
        )));
    }
    a.status = Status::Declined;
    let reason = Some("declined by the applicant");
    save(state, &mut tx, program_id, None, before, &a, reason).await?;
    let changes = crate::live::changes(
        &state.repo,
        &mut tx,
        program_id,
        &a.choices(),
        Some(&a.email),
    )
    .await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(())
}

/// A coordinator confirms a pending applicant in a session: one of their choices, or (after a
/// warning, `anyway`) any session with a seat.
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
    if before != Status::Pending {
        return Err(AppError::Conflict(format!(
            "{} is {}, not Pending: only pending applicants are assigned.",
            a.name,
            before.label()
        )));
    }
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
    a.status = Status::Confirmed;
    a.session_id = Some(session_id);
    let reason = Some(if chosen {
        "assigned a chosen session"
    } else {
        "assigned outside the applicant's choices"
    });
    save(state, &mut tx, by.program_id, Some(by), before, &a, reason).await?;
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
    changes.publish(state);
    Ok(())
}

/// Marks an applicant on their interview day (`to`: Interviewed when their last room completes,
/// No-show when they never came), audited; `false` when it changes nothing. A No-show stays
/// one when their rooms complete; only someone holding a seat is marked.
pub(crate) async fn mark_on_the_day(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    id: ApplicantId,
    to: Status,
) -> AppResult<bool> {
    let mut a = locked(state, tx, by, id).await?;
    let before = a.status;
    if before == to || (to == Status::Interviewed && before == Status::NoShow) {
        return Ok(false);
    }
    if !before.holds_seat() || a.session_id.is_none() {
        return Err(AppError::Conflict(format!(
            "{} is {}: not on this day.",
            a.name,
            before.label()
        )));
    }
    a.status = to;
    let reason = Some(match to {
        Status::NoShow => "marked No-show on the day",
        _ => "every interview of the day completed",
    });
    save(state, tx, by.program_id, Some(by), before, &a, reason).await?;
    Ok(true)
}
