//! The job that gives freed seats to the lines. It runs when woken (a cancel, a move, a
//! withdrawal, a capacity raised, an offer declined: `AppState::seats_wake`) and every few
//! seconds (an offer's end, by the server's clock, which the test clock moves; another
//! instance's change), and at start, so an offer that ran out while the server was down is
//! taken back at once. Each line is worked in its own transaction under its session's lock,
//! from what is stored (offers' ends, "told" marks), so two instances never act twice: the
//! second finds the steps already taken ([`crate::waitlist::domain::next_steps`]).

use super::join::off_the_last_line;
use super::{locked_session, named, publish};
use crate::applicants::repo::ApplicantKey;
use crate::booking::rules::said_at;
use crate::booking::ssr::open::bookable;
use crate::error::AppResult;
use crate::ids::{ProgramId, SessionId};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::{send, Mail};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::waitlist::domain::{next_steps, Step};
use chrono::Duration;

/// How often the job looks at the lines without being woken.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(3);

/// Runs [`run_due`] at start, when woken, and every [`EVERY`], for as long as the server runs.
pub async fn run(state: AppState) {
    loop {
        match run_due(&state).await {
            Ok(0) => {}
            Ok(_) => state.outbox_wake.notify_one(),
            Err(e) => tracing::warn!(error = %e, "waitlists: a run failed (tried again shortly)"),
        }
        tokio::select! {
            _ = state.seats_wake.notified() => {}
            _ = tokio::time::sleep(EVERY) => {}
        }
    }
}

/// Takes every line's due steps; returns how many were taken.
pub async fn run_due(state: &AppState) -> AppResult<usize> {
    let mut taken = 0;
    for (program, session) in state.repo.sessions_with_lines().await? {
        taken += line_due(state, program, session).await?;
    }
    Ok(taken)
}

/// One line's steps, in one transaction under its session's lock.
async fn line_due(state: &AppState, program_id: ProgramId, session: SessionId) -> AppResult<usize> {
    let mut tx = state.repo.begin_write().await?;
    let Ok((lock, row)) = locked_session(state, &mut tx, program_id, session).await else {
        return Ok(0);
    };
    state
        .repo
        .drop_stale_entries(&mut tx, session, state.clock.now())
        .await?;
    let rules = state.repo.change_rules(&mut *tx, program_id).await?;
    let now = state.clock.now();
    // A session closed to bookings (hidden, not released, past its booking lock) offers no
    // seat; offers already made still run to their end.
    let open = bookable(
        state,
        &mut tx,
        program_id,
        &rules,
        session,
        now,
        "session_id",
    )
    .await
    .is_ok();
    let free = if open {
        lock.capacity - lock.confirmed
    } else {
        0
    };
    let line = state.repo.line(&mut *tx, session).await?;
    let steps = next_steps(
        rules.waitlist,
        free,
        &line.iter().map(|e| e.in_line()).collect::<Vec<_>>(),
        now,
    );
    if steps.is_empty() {
        tx.commit().await?;
        return Ok(0);
    }
    let summary = crate::sessions::ssr::summary(row.clone());
    let mut told = Vec::new();
    for step in &steps {
        let (Step::Expire(id) | Step::Offer(id) | Step::Tell(id) | Step::Gone(id)) = *step;
        let Some(e) = line.iter().find(|e| e.applicant_id == id) else {
            continue;
        };
        let mail = Mail::new(MailKind::Other, Some(program_id), &e.email).applicant(
            e.applicant_id,
            &e.name,
            &e.email,
        );
        let (mail, words, said) = match step {
            Step::Offer(_) => {
                let until = now + Duration::hours(i64::from(rules.offer_hours));
                state
                    .repo
                    .set_offer(&mut tx, session, id, Some((now, until)))
                    .await?;
                let deadline = said_at(until, row.time_zone);
                let mail = Mail {
                    kind: MailKind::Offer,
                    ..mail
                }
                .session(&summary)
                .with(Placeholder::ResponseDeadline, &deadline);
                let words = format!(
                    "A seat in {} is held for you until {deadline}: accept or decline it.",
                    named(&row)
                );
                (mail, words, format!("offered the seat until {deadline}"))
            }
            Step::Expire(_) => {
                state
                    .repo
                    .leave_line(&mut tx, Some(session), id, now)
                    .await?;
                let details = format!(
                    "The seat held for you in {} ran out unanswered, so it has gone to the next \
                     applicant in line, and you have left that line.",
                    named(&row)
                );
                let mail = Mail {
                    kind: MailKind::SeatGone,
                    ..mail
                }
                .session(&summary)
                .with(Placeholder::Details, &details);
                if let Some(mut a) = state
                    .repo
                    .lock_applicant(&mut tx, program_id, ApplicantKey::Id(id))
                    .await?
                {
                    off_the_last_line(state, &mut tx, program_id, &mut a, "offer ran out").await?;
                }
                (mail, details, "the offer ran out".to_string())
            }
            Step::Tell(_) => {
                state.repo.set_told(&mut tx, session, id, Some(now)).await?;
                let mail = Mail {
                    kind: MailKind::SeatOpen,
                    ..mail
                }
                .session(&summary);
                let words = format!(
                    "A seat opened in {}: the first to take it gets it.",
                    named(&row)
                );
                (mail, words, "told a seat is open".to_string())
            }
            Step::Gone(_) => {
                state.repo.set_told(&mut tx, session, id, None).await?;
                let details = format!(
                    "The seat that opened in {} has been taken by another applicant. You keep \
                     your place in its line.",
                    named(&row)
                );
                let mail = Mail {
                    kind: MailKind::SeatGone,
                    ..mail
                }
                .session(&summary)
                .with(Placeholder::Details, &details);
                (mail, details, "told the seat is gone".to_string())
            }
        };
        send(state, &mut tx, mail).await?;
        let line = Audit {
            from: Some(&row.name),
            to: Some(&said),
            reason: Some("the waitlist"),
            ..Audit::new(
                program_id,
                None,
                AuditEntity::Applicant,
                id.0,
                AuditAction::Waitlist,
            )
        };
        state.repo.audit(&mut tx, line).await?;
        told.push((e.email.clone(), words));
    }
    let fills = crate::live::changes(&state.repo, &mut tx, program_id, &[session], None).await?;
    tx.commit().await?;
    publish(state, program_id, fills, &told);
    Ok(steps.len())
}
