//! Server side of password reset: the request, which sends a link only to an account's e-mail
//! (the "password reset" kind of `communications`; an application without an account gets the
//! "no account yet" kind).
//! Setting the new password is `auth::ssr::set_password`, which takes reset links too.

use crate::auth::domain::{self, TokenPurpose};
use crate::db::now_ms;
use crate::error::AppResult;
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::server::AppState;

/// How long a password-reset link works.
pub const RESET_TOKEN_MINUTES: i64 = 60;

/// A reset request. Every request opens the same transaction, is counted and is answered alike;
/// only the mailbox learns whether the e-mail has an account (and gets the link), belongs to
/// an application without an account yet (and is told to sign up), or neither (no mail).
pub async fn request_reset(state: &AppState, email: &str, client: &str) -> AppResult<()> {
    let email = domain::normalize_email(email)?;
    let window = state.config.login_limits.window_minutes;
    let since = now_ms() - window * 60_000;
    let mut tx = state.repo.begin_write().await?;
    let asked = state
        .repo
        .count_and_record_reset_request(&mut tx, &email, client, since)
        .await?;
    if let Err(limited) = domain::check_reset_limits(window, asked) {
        // The request is still counted: keep that, and refuse.
        tx.commit().await?;
        return Err(limited);
    }
    let user = state.repo.user_by_email(&mut *tx, &email).await?;
    let applicant = state.repo.applicant_name(&mut *tx, &email).await?;
    let base = &state.config.public_url;
    match (user, applicant) {
        (Some(user), _) => {
            let expires = now_ms() + RESET_TOKEN_MINUTES * 60_000;
            let token = crate::auth::ssr::new_link(
                state,
                &mut tx,
                &email,
                TokenPurpose::ResetPassword,
                None,
                expires,
            )
            .await?;
            let mail = Mail::new(MailKind::PasswordReset, None, &email)
                .user(Some(user.id), &user.name)
                .with(
                    Placeholder::ActionLink,
                    format!("{base}/set-password?token={token}"),
                )
                .with(
                    Placeholder::LinkExpires,
                    format!("{RESET_TOKEN_MINUTES} minutes"),
                );
            crate::mail::ssr::send(state, &mut tx, mail).await?;
        }
        (None, Some(_)) => {
            let mail = Mail::new(MailKind::NoAccountYet, None, &email);
            crate::mail::ssr::send(state, &mut tx, mail).await?;
        }
        (None, None) => {
            tracing::info!("password reset for an e-mail with no account; nothing sent");
        }
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}
