//! An applicant takes a seat from a line: the seat offered and held for them (until its
//! offer runs out), or, first come, a freed seat that is still free when they ask (under the
//! session's lock: of fifty asking at once, exactly one is seated and the others are told it is
//! gone). Seated, they leave every line and are Confirmed, e-mailed as a booking confirms.

use super::{locked_me, locked_session, named, publish};
use crate::applicants::domain::{Status, Transition};
use crate::applicants::ssr::{ruled, save};
use crate::auth::ssr::Applicant;
use crate::booking::rules::said_at;
use crate::booking::ssr::open::bookable;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId};
use crate::server::AppState;
use crate::waitlist::domain::ordinal;

/// The applicant takes the seat of `session` they wait for.
pub async fn take(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    session: Option<SessionId>,
) -> AppResult<()> {
    let session =
        session.ok_or_else(|| AppError::invalid("session_id", "Choose the session to take."))?;
    let mut tx = state.repo.begin_write().await?;
    let (_, row) = locked_session(state, &mut tx, program_id, session).await?;
    let mut a = locked_me(state, &mut tx, me, program_id).await?;
    if a.status != Status::Waitlisted {
        return Err(AppError::Conflict(format!(
            "Your status is {}: only an applicant on the waitlist takes a seat from it.",
            a.status.label()
        )));
    }
    let entry = state
        .repo
        .entry(&mut tx, session, a.id)
        .await?
        .ok_or_else(|| AppError::Conflict("You are not in this session's line.".into()))?;
    let rules = state.repo.change_rules(&mut *tx, program_id).await?;
    let now = state.clock.now();
    if let Some(until) = entry.offer_expires_at {
        if now >= until {
            return Err(AppError::Conflict(format!(
                "The seat held for you in {} was yours until {}: it has gone to the next in line.",
                row.name,
                said_at(until, row.time_zone)
            )));
        }
        // The held seat is given back to be taken at once, in this transaction.
        state.repo.set_offer(&mut tx, session, a.id, None).await?;
    }
    bookable(
        state,
        &mut tx,
        program_id,
        &rules,
        session,
        now,
        "session_id",
    )
    .await?;
    if !crate::sessions::ssr::has_seat(state, &mut tx, program_id, session).await? {
        let place = state
            .repo
            .places_of(&mut *tx, a.id)
            .await?
            .into_iter()
            .find(|(s, _)| *s == session)
            .map(|(_, p)| ordinal(p as usize))
            .unwrap_or_default();
        return Err(AppError::Conflict(format!(
            "The seat in {} is gone: another applicant took it first. You are still {place} in line.",
            row.name
        )));
    }
    let before = a.status;
    a.status = ruled(&a, Transition::Confirm)?;
    a.session_id = Some(session);
    let left: Vec<SessionId> = state
        .repo
        .places_of(&mut *tx, a.id)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    state
        .repo
        .leave_line(&mut tx, None, a.id, state.clock.now())
        .await?;
    let reason = Some("took a seat from the waitlist");
    save(state, &mut tx, program_id, None, before, &a, reason).await?;
    crate::booking::ssr::audit::assigned(state, &mut tx, program_id, None, &a, reason).await?;
    crate::booking::ssr::mail::tell(state, &mut tx, program_id, before, &a).await?;
    let fills =
        crate::live::changes(&state.repo, &mut tx, program_id, &left, Some(&a.email)).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    // First come: the others told of this seat hear it is gone.
    state.seats_wake.notify_one();
    let words = format!("You are confirmed for {}.", named(&row));
    publish(state, program_id, fills, &[(a.email.clone(), words)]);
    Ok(())
}
