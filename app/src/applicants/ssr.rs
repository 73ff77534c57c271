//! Server side of applicants: adding and inviting them (coordinators), choosing sessions and
//! declining (applicants), assigning a pending applicant (coordinators).

use super::api::ChoiceOutcome;
use super::domain::{decide_booking, validate_choices, Booking, Status};
use super::repo::{ApplicantKey, ApplicantRow};
use crate::auth::domain::{normalize_email, validate_person_name};
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::programs::repo::Audit;
use crate::server::AppState;

fn not_found() -> AppError {
    AppError::NotFound("That applicant was not found.".into())
}

/// An applicant of the staff member's program, locked for the transaction.
async fn locked(state: &AppState, tx: &mut Tx, by: Staff, id: i64) -> AppResult<ApplicantRow> {
    state
        .repo
        .lock_applicant(tx, by.program_id, ApplicantKey::Id(id))
        .await?
        .ok_or_else(not_found)
}

fn status_of(a: &ApplicantRow) -> Status {
    Status::parse(&a.status).unwrap_or(Status::InterviewCandidate)
}

/// Writes the applicant and an audit line of the status change.
async fn save(
    state: &AppState,
    tx: &mut Tx,
    program_id: i64,
    actor: Option<i64>,
    before: Status,
    a: &ApplicantRow,
    reason: Option<&str>,
) -> AppResult<()> {
    state.repo.update_applicant(tx, a).await?;
    state
        .repo
        .audit(
            tx,
            Audit {
                from: Some(before.as_str()),
                to: Some(&a.status),
                reason,
                ..Audit::new(program_id, actor, "applicant", a.id, "status")
            },
        )
        .await?;
    Ok(())
}

pub async fn add_applicant(state: &AppState, by: Staff, name: &str, email: &str) -> AppResult<()> {
    let name = validate_person_name(name)?;
    let email = normalize_email(email)?;
    let mut tx = state.repo.begin_write().await?;
    match state
        .repo
        .add_applicant(&mut tx, by.program_id, &email, &name)
        .await
        .map_err(AppError::from)
    {
        Err(AppError::Conflict(_)) => {
            return Err(AppError::invalid(
                "email",
                "This email is already an applicant of the program.",
            ))
        }
        other => other?,
    };
    tx.commit().await?;
    crate::live::publish_changes(state, by.program_id, &[], Some(&email)).await;
    Ok(())
}

/// Interview Candidate → Invited & Ready for Scheduling (step 3 of the gate).
pub async fn mark_invited(state: &AppState, by: Staff, id: i64) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, id).await?;
    let before = status_of(&a);
    if before != Status::InterviewCandidate {
        return Err(AppError::Conflict(format!(
            "{} is already {}.",
            a.name,
            before.label()
        )));
    }
    a.status = Status::InvitedReady.as_str().into();
    save(
        state,
        &mut tx,
        by.program_id,
        Some(by.user_id),
        before,
        &a,
        None,
    )
    .await?;
    tx.commit().await?;
    crate::live::publish_changes(state, by.program_id, &[], Some(&a.email)).await;
    Ok(())
}

/// Sends (or re-sends) the invitation e-mail (step 4 of the gate).
pub async fn send_invitation(state: &AppState, by: Staff, id: i64) -> AppResult<()> {
    let program = state
        .repo
        .program(by.program_id)
        .await?
        .ok_or(AppError::Internal)?;
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, id).await?;
    if status_of(&a) == Status::InterviewCandidate {
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
    state
        .repo
        .enqueue_email(
            &mut tx,
            Some(by.program_id),
            &a.email,
            &format!("Interview invitation: {}", program.name),
            &body,
        )
        .await?;
    a.invitation_sent_at = Some(crate::db::now_ms());
    state.repo.update_applicant(&mut tx, &a).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    crate::live::publish_changes(state, by.program_id, &[], Some(&a.email)).await;
    Ok(())
}

/// The applicant submits their choices. One transaction: the seat check must see concurrent
/// bookings, so each session row is locked before its confirmed applicants are counted, and
/// the first choice is tried under a savepoint that is rolled back (releasing its lock) before
/// the second is tried, so two applicants falling back in opposite orders cannot deadlock.
pub async fn submit_choices(
    state: &AppState,
    email: &str,
    program_id: i64,
    first: Option<i64>,
    second: Option<i64>,
) -> AppResult<ChoiceOutcome> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked_invitation(state, &mut tx, email, program_id).await?;
    let before = status_of(&a);
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
        if let Some(id) = id {
            if !visible.contains(&id) {
                return Err(AppError::invalid(
                    field,
                    "That session is not available. Please choose another.",
                ));
            }
        }
    }
    let self_scheduling = state.repo.self_scheduling(&mut tx, program_id).await?;
    let booking = if self_scheduling {
        let first_free = {
            let mut sp = sqlx::Acquire::begin(&mut *tx).await?;
            let free = has_seat(state, &mut sp, program_id, first).await?;
            if free {
                sp.commit().await?;
            } else {
                sp.rollback().await?;
            }
            free
        };
        let second = match (first_free, second) {
            (false, Some(id)) => Some((id, has_seat(state, &mut tx, program_id, id).await?)),
            (_, s) => s.map(|id| (id, false)),
        };
        decide_booking(true, (first, first_free), second)
    } else {
        Booking::Pending
    };
    a.first_choice_id = Some(first);
    a.second_choice_id = second;
    match booking {
        Booking::BothFull => {
            tx.rollback().await?;
            let open = state
                .repo
                .sessions(program_id)
                .await?
                .into_iter()
                .filter(|s| s.visible != 0 && !s.fill().is_full())
                .map(|s| s.name)
                .collect();
            return Ok(ChoiceOutcome {
                booking,
                open_sessions: open,
            });
        }
        Booking::Confirmed { session_id, .. } => {
            a.status = Status::Confirmed.as_str().into();
            a.session_id = Some(session_id);
        }
        Booking::Pending => a.status = Status::Pending.as_str().into(),
    }
    save(
        state,
        &mut tx,
        program_id,
        None,
        before,
        &a,
        Some("applicant's choice"),
    )
    .await?;
    tx.commit().await?;
    crate::live::publish_changes(state, program_id, &a.choices(), Some(&a.email)).await;
    Ok(ChoiceOutcome {
        booking,
        open_sessions: Vec::new(),
    })
}

async fn has_seat(
    state: &AppState,
    conn: &mut sqlx::AnyConnection,
    program_id: i64,
    session_id: i64,
) -> AppResult<bool> {
    let (capacity, confirmed, _) = state
        .repo
        .lock_session(conn, program_id, session_id)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)?;
    Ok(confirmed < capacity)
}

/// The caller's applicant row, locked, when the program's invitation reached them (invitation
/// sent); otherwise "not found", so nothing of the program is revealed.
async fn locked_invitation(
    state: &AppState,
    tx: &mut Tx,
    email: &str,
    program_id: i64,
) -> AppResult<ApplicantRow> {
    let a = state
        .repo
        .lock_applicant(tx, program_id, ApplicantKey::Email(email))
        .await?
        .filter(|a| a.invitation_sent_at.is_some() && status_of(a) != Status::InterviewCandidate)
        .ok_or_else(|| AppError::NotFound("That invitation was not found.".into()))?;
    Ok(a)
}

pub async fn decline(state: &AppState, email: &str, program_id: i64) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked_invitation(state, &mut tx, email, program_id).await?;
    let before = status_of(&a);
    if !matches!(before, Status::InvitedReady | Status::Pending) {
        return Err(AppError::Conflict(format!(
            "Your status is {}: contact the program to change it.",
            before.label()
        )));
    }
    a.status = Status::Declined.as_str().into();
    save(
        state,
        &mut tx,
        program_id,
        None,
        before,
        &a,
        Some("declined by the applicant"),
    )
    .await?;
    tx.commit().await?;
    crate::live::publish_changes(state, program_id, &a.choices(), Some(&a.email)).await;
    Ok(())
}

/// A coordinator confirms a pending applicant in a session: one of their choices, or (after a
/// warning, `anyway`) any session with a seat.
pub async fn assign(
    state: &AppState,
    by: Staff,
    applicant_id: i64,
    session_id: i64,
    anyway: bool,
) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, applicant_id).await?;
    let before = status_of(&a);
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
    a.status = Status::Confirmed.as_str().into();
    a.session_id = Some(session_id);
    let reason = if chosen {
        "assigned a chosen session"
    } else {
        "assigned outside the applicant's choices"
    };
    save(
        state,
        &mut tx,
        by.program_id,
        Some(by.user_id),
        before,
        &a,
        Some(reason),
    )
    .await?;
    tx.commit().await?;
    let mut touched = a.choices();
    touched.push(session_id);
    crate::live::publish_changes(state, by.program_id, &touched, Some(&a.email)).await;
    Ok(())
}
