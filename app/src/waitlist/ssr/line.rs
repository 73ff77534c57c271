//! A coordinator's work on a session's line: the program's lines as the Waitlists page shows
//! them, a new order (a row dragged, or moved up or down by a button), and a seat offered by
//! hand to anyone in line (held for them as the line's own offers are). Each is audited.

use super::{locked_session, named, publish};
use crate::auth::ssr::Staff;
use crate::booking::rules::said_at;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, SessionId};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::{send, Mail};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::waitlist::domain::ordinal;
use crate::waitlist::types::{LineEntry, SessionLine, Waitlists};
use chrono::Duration;

/// The program's lines, each session with someone waiting, and the rules they follow.
pub async fn waitlists(state: &AppState, by: Staff) -> AppResult<Waitlists> {
    let rules = state
        .repo
        .change_rules(state.repo.pool(), by.program_id)
        .await?;
    let entries = state.repo.lines_of_program(by.program_id).await?;
    let mut lines: Vec<SessionLine> = Vec::new();
    for s in state.repo.sessions(by.program_id).await? {
        let line: Vec<LineEntry> = entries
            .iter()
            .filter(|e| e.session_id == s.id)
            .map(|e| LineEntry {
                applicant_id: e.applicant_id,
                name: e.name.clone(),
                email: e.email.clone(),
                joined: crate::sessions::domain::stamp_in(e.joined_at, s.time_zone),
                told: e.told_at.is_some(),
                offer_until: e.offer_expires_at.map(|t| said_at(t, s.time_zone)),
            })
            .collect();
        let fill = s.fill();
        lines.push(SessionLine {
            session_id: s.id,
            name: named(&s),
            seats_left: fill.seats_left(),
            capacity: fill.capacity,
            line,
        });
    }
    Ok(Waitlists {
        mode: rules.waitlist,
        offer_hours: rules.offer_hours,
        lines,
    })
}

/// Moves `moved` to place `to` (0 first) of `session`'s line.
pub async fn reorder(
    state: &AppState,
    by: Staff,
    session: SessionId,
    moved: ApplicantId,
    to: usize,
) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let (_, row) = locked_session(state, &mut tx, by.program_id, session).await?;
    let line = state.repo.line(&mut *tx, session).await?;
    let mut order: Vec<ApplicantId> = line.iter().map(|e| e.applicant_id).collect();
    let from = order
        .iter()
        .position(|a| *a == moved)
        .ok_or_else(|| AppError::Conflict("That applicant is no longer in this line.".into()))?;
    let to = to.min(order.len() - 1);
    if from == to {
        return Ok(());
    }
    let a = order.remove(from);
    order.insert(to, a);
    state.repo.reorder_line(&mut tx, session, &order).await?;
    let (was, now) = (
        format!("{}: {}", row.name, ordinal(from + 1)),
        format!("{}: {}", row.name, ordinal(to + 1)),
    );
    let audit = Audit {
        from: Some(&was),
        to: Some(&now),
        reason: Some("moved in the line by a coordinator"),
        ..Audit::new(
            by.program_id,
            Some(by.user_id),
            AuditEntity::Applicant,
            moved.0,
            AuditAction::Waitlist,
        )
    };
    state.repo.audit(&mut tx, audit).await?;
    let fills = crate::live::changes(&state.repo, &mut tx, by.program_id, &[], None).await?;
    tx.commit().await?;
    // A move to the front may change who is offered the next seat.
    state.seats_wake.notify_one();
    publish(state, by.program_id, fills, &[]);
    Ok(())
}

/// Offers `session`'s free seat to `applicant` in its line, held for the program's offer
/// hours, whatever their place.
pub async fn offer(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let (lock, row) = locked_session(state, &mut tx, by.program_id, session).await?;
    let e = state
        .repo
        .entry(&mut tx, session, applicant)
        .await?
        .ok_or_else(|| AppError::Conflict("That applicant is no longer in this line.".into()))?;
    if e.offer_expires_at.is_some() {
        return Err(AppError::Conflict(format!(
            "A seat is already held for {}.",
            e.name
        )));
    }
    if !lock.has_seat() {
        return Err(AppError::Conflict(format!(
            "{} has no free seat to offer: raise its capacity, or wait for a seat to be freed.",
            row.name
        )));
    }
    let rules = state.repo.change_rules(&mut *tx, by.program_id).await?;
    let now = state.clock.now();
    let until = now + Duration::hours(i64::from(rules.offer_hours));
    state
        .repo
        .set_offer(&mut tx, session, applicant, Some((now, until)))
        .await?;
    let deadline = said_at(until, row.time_zone);
    let mail = Mail::new(MailKind::Offer, Some(by.program_id), &e.email)
        .applicant(e.applicant_id, &e.name, &e.email)
        .session(&crate::sessions::ssr::summary(row.clone()))
        .with(Placeholder::ResponseDeadline, &deadline);
    send(state, &mut tx, mail).await?;
    let said = format!("offered the seat until {deadline}");
    let audit = Audit {
        from: Some(&row.name),
        to: Some(&said),
        reason: Some("offered by a coordinator"),
        ..Audit::new(
            by.program_id,
            Some(by.user_id),
            AuditEntity::Applicant,
            applicant.0,
            AuditAction::Waitlist,
        )
    };
    state.repo.audit(&mut tx, audit).await?;
    let fills = crate::live::changes(&state.repo, &mut tx, by.program_id, &[session], None).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    let words = format!(
        "A seat in {} is held for you until {deadline}: accept or decline it.",
        named(&row)
    );
    publish(state, by.program_id, fills, &[(e.email, words)]);
    Ok(())
}
