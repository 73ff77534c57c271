//! An applicant joins the line of one or both of their full choices (the waitlist on), or
//! leaves a line (declining an offer is leaving its line). Off their last line they are
//! Invited & Ready again, free to choose.

use super::{locked_me, locked_session, named, publish};
use crate::applicants::domain::{Status, Transition};
use crate::applicants::ssr::{ruled, save};
use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Applicant;
use crate::booking::ssr::open::bookable;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::{send, Mail};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::waitlist::domain::ordinal;

/// The applicant waits for `sessions` (each full now, open to bookings).
pub async fn join(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    mut sessions: Vec<SessionId>,
) -> AppResult<()> {
    sessions.sort_by_key(|s| s.0);
    sessions.dedup();
    if sessions.is_empty() {
        return Err(AppError::invalid(
            "sessions",
            "Tick at least one session to wait for.",
        ));
    }
    // Nothing of a program that did not invite them is said (not even whether it has a
    // waitlist).
    let invited = state.repo.invitations_for(&me.email).await?;
    if !invited
        .iter()
        .any(|r| r.program_id == program_id && r.invitation_sent_at.is_some())
    {
        return Err(AppError::NotFound("That invitation was not found.".into()));
    }
    let mut tx = state.repo.begin_write().await?;
    let rules = state.repo.change_rules(&mut *tx, program_id).await?;
    if !rules.waitlist.is_on() {
        return Err(AppError::Conflict("This program has no waitlist.".into()));
    }
    let now = state.clock.now();
    let mut rows = Vec::new();
    for id in &sessions {
        let (lock, _) = locked_session(state, &mut tx, program_id, *id).await?;
        let row = bookable(state, &mut tx, program_id, &rules, *id, now, "sessions").await?;
        if lock.has_seat() {
            return Err(AppError::invalid(
                "sessions",
                format!(
                    "{} has a seat free: choose it instead of waiting.",
                    row.name
                ),
            ));
        }
        rows.push(row);
    }
    let mut a = locked_me(state, &mut tx, me, program_id).await?;
    let before = a.status;
    if before != Status::Waitlisted {
        a.status = ruled(&a, Transition::Waitlist)?;
        save(
            state,
            &mut tx,
            program_id,
            None,
            before,
            &a,
            Some("waiting for a seat"),
        )
        .await?;
    }
    for row in &rows {
        state
            .repo
            .join_line(&mut tx, program_id, row.id, a.id, now)
            .await?;
    }
    let places = places_said(state, &mut tx, program_id, &a).await?;
    for row in &rows {
        let place = places
            .iter()
            .find(|(id, _)| *id == row.id)
            .map(|(_, said)| said.clone())
            .unwrap_or_default();
        audit(state, &mut tx, program_id, &a, Some(&place), None).await?;
    }
    let details = places
        .iter()
        .map(|(_, said)| said.clone())
        .collect::<Vec<_>>()
        .join("\n");
    let mail = Mail::new(MailKind::Waitlist, Some(program_id), &a.email)
        .applicant(a.id, &a.name, &a.email)
        .with(Placeholder::Details, details);
    send(state, &mut tx, mail).await?;
    let fills = crate::live::changes(&state.repo, &mut tx, program_id, &sessions, None).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    publish(state, program_id, fills, &[]);
    Ok(())
}

/// The applicant leaves `session`'s line (declining its offer, if one is held for them: the
/// seat goes to the next in line).
pub async fn leave(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
    session: Option<SessionId>,
) -> AppResult<()> {
    let session =
        session.ok_or_else(|| AppError::invalid("session_id", "Choose the line to leave."))?;
    let mut tx = state.repo.begin_write().await?;
    let (_, row) = locked_session(state, &mut tx, program_id, session).await?;
    let mut a = locked_me(state, &mut tx, me, program_id).await?;
    let entry = state
        .repo
        .entry(&mut tx, session, a.id)
        .await?
        .ok_or_else(|| AppError::Conflict("You are not in this session's line.".into()))?;
    state
        .repo
        .leave_line(&mut tx, Some(session), a.id, state.clock.now())
        .await?;
    let what = if entry.offer_expires_at.is_some() {
        "declined the seat offered"
    } else {
        "left the line"
    };
    audit(
        state,
        &mut tx,
        program_id,
        &a,
        None,
        Some((&row.name, what)),
    )
    .await?;
    off_the_last_line(state, &mut tx, program_id, &mut a, what).await?;
    let fills = crate::live::changes(&state.repo, &mut tx, program_id, &[session], None).await?;
    tx.commit().await?;
    state.seats_wake.notify_one();
    let words = format!("You left the line for {}.", named(&row));
    publish(state, program_id, fills, &[(a.email.clone(), words)]);
    Ok(())
}

/// When `a` is in no line any more and still Waitlisted: Invited & Ready again.
pub(crate) async fn off_the_last_line(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    a: &mut ApplicantView,
    why: &str,
) -> AppResult<()> {
    if a.status != Status::Waitlisted || !state.repo.places_of(&mut **tx, a.id).await?.is_empty() {
        return Ok(());
    }
    let before = a.status;
    a.status = ruled(a, Transition::LeaveWaitlist)?;
    save(state, tx, program_id, None, before, a, Some(why)).await?;
    Ok(())
}

/// Each line `a` is in, in words with its session: "Tuesday (Tuesday, March 9, 2026): 3rd in
/// line".
pub(crate) async fn places_said(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    a: &ApplicantView,
) -> AppResult<Vec<(SessionId, String)>> {
    let mut out = Vec::new();
    for (session, place) in state.repo.places_of(&mut **tx, a.id).await? {
        let row = state
            .repo
            .session_in(&mut **tx, program_id, session)
            .await?;
        let name = row.as_ref().map(named).unwrap_or_default();
        out.push((
            session,
            format!("{name}: {} in line", ordinal(place as usize)),
        ));
    }
    Ok(out)
}

/// The audit line of a change to `a`'s place: joined (`to`: the place in words) or left
/// (`from`: the session's name, `reason`: what they did).
async fn audit(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    a: &ApplicantView,
    joined: Option<&str>,
    left: Option<(&str, &str)>,
) -> AppResult<()> {
    let line = Audit {
        to: joined,
        from: left.map(|l| l.0),
        reason: left.map(|l| l.1),
        ..Audit::new(
            program_id,
            None,
            AuditEntity::Applicant,
            a.id.0,
            AuditAction::Waitlist,
        )
    };
    state.repo.audit(tx, line).await?;
    Ok(())
}
