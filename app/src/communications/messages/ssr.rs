//! The Communications page's workflows: a page of the program's messages, one message, and
//! sending again. Coordinators of the program only (the callers pass one), and every query is
//! of their program: another program's message is not found.
//!
//! Resending: a failed, bounced or retrying message is queued again as it is (the same row: its
//! attempts, give-up mark and last answer cleared, due now, the worker woken); a sent one is
//! sent again as a **new** message, a copy, so the sent one keeps its record; "Resend all
//! failed" queues every message the outbox gave up on. Each writes one audit line.

use super::domain::{pages, Criteria};
use super::repo::{Listed, Message};
use super::types::MessagesFilter;
use crate::audit::ssr::{midnight, zone_and_name};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::mail::domain::MessageState;
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use chrono_tz::Tz;

/// A page of the program's messages as the filter chooses.
pub struct MessagesPage {
    pub messages: Vec<Listed>,
    pub criteria: Criteria,
    /// The messages the filter chooses, on every page; the page shown (clamped) and how many.
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub zone: Tz,
    /// The applicant the page is narrowed to, by name.
    pub applicant: Option<String>,
    /// The program's messages the outbox gave up on: failed, and bounced.
    pub failed: i64,
    pub bounced: i64,
}

pub async fn page(state: &AppState, by: Staff, f: &MessagesFilter) -> AppResult<MessagesPage> {
    let criteria = Criteria::read(f)?;
    let (zone, applicant) = zone_and_name(state, by, criteria.applicant).await?;
    if criteria.applicant.is_some() && applicant.is_none() {
        return Err(AppError::NotFound("That applicant was not found.".into()));
    }
    let window = (
        criteria.from.and_then(|d| midnight(zone, d)),
        criteria
            .to
            .and_then(|d| d.succ_opt())
            .and_then(|d| midnight(zone, d)),
    );
    let repo = &state.repo;
    let total = repo
        .messages_matching(by.program_id, &criteria, window)
        .await?;
    let messages = repo
        .message_page(by.program_id, &criteria, window, criteria.offset(total))
        .await?;
    let given_up = repo.given_up_messages(by.program_id).await?;
    let bounced = given_up
        .iter()
        .filter(|(_, s)| *s == MessageState::Bounced)
        .count() as i64;
    Ok(MessagesPage {
        messages,
        page: criteria.page.min(pages(total)),
        pages: pages(total),
        criteria,
        total,
        zone,
        applicant,
        failed: given_up.len() as i64 - bounced,
        bounced,
    })
}

fn not_found() -> AppError {
    AppError::NotFound("That message was not found.".into())
}

/// One message of the program, whole, and the program's zone.
pub async fn message(state: &AppState, by: Staff, id: i64) -> AppResult<(Message, Tz)> {
    let m = state
        .repo
        .program_message(by.program_id, id)
        .await?
        .ok_or_else(not_found)?;
    let (zone, _) = zone_and_name(state, by, None).await?;
    Ok((m, zone))
}

/// Sends a message of the program again: a failed, bounced or retrying one is queued again now;
/// a sent one is copied as a new message (except one that held a single-use link, which would
/// no longer work). Answers what was done, in words.
pub async fn resend(state: &AppState, by: Staff, id: i64) -> AppResult<String> {
    let m = state
        .repo
        .program_message(by.program_id, id)
        .await?
        .ok_or_else(not_found)?;
    let line = &m.listed.line;
    let was = line.state();
    let mut tx = state.repo.begin_write().await?;
    let (action, reason, said) = match was {
        MessageState::Queued => {
            return Err(AppError::Conflict(
                "This message is queued already: it goes out in a moment.".into(),
            ))
        }
        MessageState::Sent => {
            if held_secret_link(&m) {
                return Err(AppError::Conflict(
                    "This message held a single-use link, which no longer works: send a new one \
                     from where it was sent (the Staff page, or the applicant's page)."
                        .into(),
                ));
            }
            let copy = state
                .repo
                .copy_message(&mut tx, by.program_id, id)
                .await?
                .ok_or_else(not_found)?;
            (
                AuditAction::SentAgain,
                format!("as message #{copy}"),
                format!("Sent again: a copy is queued as message #{copy}."),
            )
        }
        _ => {
            if !state
                .repo
                .requeue_message(&mut tx, by.program_id, id)
                .await?
            {
                return Err(AppError::Conflict(
                    "This message was sent meanwhile: nothing to resend.".into(),
                ));
            }
            let answer = line.last_error.as_deref().unwrap_or("no answer kept");
            (
                AuditAction::Resent,
                format!("it was {}: {answer}", was.label().to_lowercase()),
                "Queued again: it goes out in a moment.".to_string(),
            )
        }
    };
    state
        .repo
        .audit(
            &mut tx,
            Audit {
                to: Some(&line.to_email),
                from: Some(was.as_str()),
                reason: Some(&reason),
                ..Audit::new(
                    by.program_id,
                    Some(by.user_id),
                    AuditEntity::Message,
                    id,
                    action,
                )
            },
        )
        .await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(said)
}

/// Whether a message carried a secret link (its shown body hides one).
pub fn held_secret_link(m: &Message) -> bool {
    m.shown_body.as_deref().is_some_and(|shown| shown != m.body)
}

/// Queues every message of the program the outbox gave up on again now; answers how many.
pub async fn resend_failed(state: &AppState, by: Staff) -> AppResult<String> {
    let mut tx = state.repo.begin_write().await?;
    let n = state.repo.requeue_given_up(&mut tx, by.program_id).await?;
    if n == 0 {
        return Err(AppError::Conflict(
            "No failed message to resend: every message is sent or on its way.".into(),
        ));
    }
    let what = super::domain::messages(n as i64).replace("message", "failed message");
    state
        .repo
        .audit(&mut tx, of_messages(by, AuditAction::Resent, &what, None))
        .await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(format!("{what} queued again: they go out in a moment."))
}

/// An audit line about the program's messages as a whole (a bulk resend, a message to a list):
/// `to` says how many.
pub fn of_messages<'a>(
    by: Staff,
    action: AuditAction,
    to: &'a str,
    reason: Option<&'a str>,
) -> Audit<'a> {
    Audit {
        program_id: by.program_id,
        actor_user_id: Some(by.user_id),
        entity: AuditEntity::Message,
        entity_id: None,
        action,
        from: None,
        to: Some(to),
        reason,
    }
}
