//! Server side of a person's own account: the page's data, a new name, a new e-mail (asked
//! for, then confirmed by its link), and ending login sessions.

use super::types::{AccountView, LoginSessionView};
use crate::auth::domain::{self, TokenPurpose};
use crate::auth::ssr::{consume_link, expired_link, new_link, publish_ended, Caller};
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::live::{Audience, Change, Event};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::server::AppState;

/// How long a new e-mail's confirmation link works.
pub const CHANGE_EMAIL_TOKEN_HOURS: i64 = 24;

/// A login session's public id: the first 16 characters of its token's hash.
fn public_id(token_hash: &str) -> String {
    token_hash.chars().take(16).collect()
}

/// The account page: the person's name, e-mail, pending new e-mail and login sessions.
pub async fn account(state: &AppState, caller: &Caller) -> AppResult<AccountView> {
    let now = now_ms();
    let sessions = state
        .repo
        .login_sessions_of(caller.user_id)
        .await?
        .into_iter()
        .map(|s| LoginSessionView {
            id: public_id(&s.token_hash),
            device: domain::device_label(s.user_agent.as_deref()),
            opened: domain::time_ago(now, s.created_at),
            last_used: domain::time_ago(now, s.last_seen_at.unwrap_or(s.created_at)),
            this: s.token_hash == caller.token_hash,
        })
        .collect();
    Ok(AccountView {
        name: caller.name.clone(),
        email: caller.email.clone(),
        pending_email: state.repo.pending_email_change(caller.user_id).await?,
        sessions,
    })
}

/// A new name for the account (the header, the staff list, mail to the person). Programs keep
/// the name of the application as they hold it.
pub async fn save_name(state: &AppState, caller: &Caller, name: &str) -> AppResult<()> {
    let name = domain::validate_person_name(name)?;
    state.repo.set_user_name(caller.user_id, &name).await?;
    Ok(())
}

/// Asks for a new e-mail: a confirmation link goes to the new address (the account changes
/// only once it is opened). The answer is the same whether or not the new address already has
/// an account: only that mailbox learns it (and gets no link).
pub async fn request_email_change(
    state: &AppState,
    caller: &Caller,
    new_email: &str,
) -> AppResult<()> {
    let new_email = domain::normalize_email(new_email)?;
    if new_email == caller.email {
        return Err(AppError::invalid("email", "That is already your email."));
    }
    let mut tx = state.repo.begin_write().await?;
    let base = &state.config.public_url;
    if state
        .repo
        .user_by_email(&mut *tx, &new_email)
        .await?
        .is_some()
    {
        let mail = Mail::new(MailKind::EmailTaken, None, &new_email);
        crate::mail::ssr::send(state, &mut tx, mail).await?;
    } else {
        let expires = now_ms() + CHANGE_EMAIL_TOKEN_HOURS * 3_600_000;
        let account = caller.user_id.to_string();
        let token = new_link(
            state,
            &mut tx,
            &new_email,
            TokenPurpose::ChangeEmail,
            Some(&account),
            expires,
        )
        .await?;
        let mail = Mail::new(MailKind::EmailChangeConfirmation, None, &new_email)
            .user(None, &caller.name)
            .with(
                Placeholder::ActionLink,
                format!("{base}/confirm-email-change?token={token}"),
            )
            .with(
                Placeholder::LinkExpires,
                format!("{CHANGE_EMAIL_TOKEN_HOURS} hours"),
            );
        crate::mail::ssr::send(state, &mut tx, mail).await?;
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Confirms a new e-mail through its link: the account and the applications programs hold
/// under the old e-mail move to the new one (programs find an applicant by the e-mail they log
/// in with), the old address is told, and the person's open tabs and their programs'
/// coordinators' lists follow.
pub async fn confirm_email_change(state: &AppState, token: &str) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let row = consume_link(state, &mut tx, token, TokenPurpose::ChangeEmail).await?;
    let user_id = row
        .payload
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .map(UserId)
        .ok_or(AppError::Internal)?;
    let old: Option<(String, String)> =
        sqlx::query_as("SELECT email, name FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (old, name) = old.ok_or_else(expired_link)?;
    let new = row.email;
    if old == new {
        return Err(expired_link());
    }
    if state.repo.user_by_email(&mut *tx, &new).await?.is_some() {
        return Err(AppError::Conflict(
            "This email already belongs to another account, so yours keeps its email.".into(),
        ));
    }
    let both = state
        .repo
        .programs_with_both_emails(&mut tx, &old, &new)
        .await?;
    if !both.is_empty() {
        return Err(AppError::Conflict(format!(
            "{} holds an application under each of your two emails. Ask its coordinator which one to keep; until then your account keeps its email.",
            both.join(", ")
        )));
    }
    let programs = state
        .repo
        .move_account_email(&mut tx, user_id, &old, &new)
        .await?;
    let mail = Mail::new(MailKind::EmailChanged, None, &old)
        .user(Some(user_id), &name)
        .with(
            Placeholder::Details,
            format!("The email of your Interview Portal account was changed from {old} to {new}. From now on, log in with {new}."),
        );
    crate::mail::ssr::send(state, &mut tx, mail).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    let sessions: Vec<String> = state
        .repo
        .login_sessions_of(user_id)
        .await?
        .into_iter()
        .map(|s| s.token_hash)
        .collect();
    // Open tabs hear pushes by the person's e-mail: their streams look again.
    publish_ended(state, &sessions);
    for program in programs {
        state.hub.publish(Event {
            audiences: vec![Audience::Coordinators(program)],
            change: Change::ApplicantsChanged,
        });
    }
    Ok(())
}

/// Ends one of the caller's other login sessions (by its public id); one already ended is
/// no error. The caller's own session is ended by logging out.
pub async fn end_session(state: &AppState, caller: &Caller, id: &str) -> AppResult<()> {
    let id = id.trim();
    if id.len() != 16 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::invalid("session", "That is not a login session."));
    }
    if public_id(&caller.token_hash) == id.to_ascii_lowercase() {
        return Err(AppError::invalid(
            "session",
            "This is the session you are using: log out instead.",
        ));
    }
    let ended = state
        .repo
        .end_login_session_by_id(caller.user_id, &id.to_ascii_lowercase(), &caller.token_hash)
        .await?;
    publish_ended(state, &ended);
    Ok(())
}

/// Ends every login session of the caller but this one.
pub async fn end_other_sessions(state: &AppState, caller: &Caller) -> AppResult<usize> {
    let mut tx = state.repo.begin_write().await?;
    let ended = state
        .repo
        .end_login_sessions(&mut tx, caller.user_id, Some(&caller.token_hash))
        .await?;
    tx.commit().await?;
    publish_ended(state, &ended);
    Ok(ended.len())
}
