//! Server side of accounts: the account workflows (log in and out, sign up, confirm, set a
//! password, who am I, switch role or program) that server functions, tests and the command
//! line call. Secrets and the caller live in their own modules.

pub mod secrets;

pub use super::caller::{caller_from_headers, Applicant, Caller, Staff};
pub use secrets::{
    clear_session_cookie, hash_password, hash_token, new_token, session_cookie, token_from_headers,
    verify_password, SESSION_COOKIE,
};

use super::domain::{self, Role, SwitchTo, TokenPurpose};
use super::repo::TokenRow;
use super::types::{Me, ProgramRef};
use crate::db::{now_ms, Tx};
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, UserId};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::server::AppState;

const DAY_MS: i64 = 86_400_000;
pub const VERIFY_TOKEN_HOURS: i64 = 24;
pub const SET_PASSWORD_TOKEN_DAYS: i64 = 7;

/// Where a person lands after logging in.
pub fn landing_path(is_staff: bool) -> &'static str {
    if is_staff {
        "/overview"
    } else {
        "/my-programs"
    }
}

/// The logged-in person as the page header needs them: their programs, the active one and the
/// role the server acts on.
pub async fn me(state: &AppState, caller: Caller) -> AppResult<Me> {
    let programs: Vec<ProgramRef> = state
        .repo
        .memberships(caller.user_id)
        .await?
        .into_iter()
        .map(|m| ProgramRef {
            id: m.program_id,
            name: m.program_name,
            role: m.role,
        })
        .collect();
    let program = programs
        .iter()
        .find(|p| Some(p.id) == caller.program_id)
        .cloned();
    Ok(Me {
        role: program.as_ref().and(caller.role()),
        name: caller.name,
        email: caller.email,
        program,
        programs,
    })
}

/// Checks the limits and the password, and opens a login session.
/// Returns the session token and where to go next.
pub async fn log_in(
    state: &AppState,
    email: &str,
    password: String,
    client: &str,
) -> AppResult<(String, &'static str)> {
    let email = domain::normalize_email(email)?;
    if password.is_empty() {
        return Err(AppError::invalid("password", "Enter your password."));
    }
    let limits = state.config.login_limits;
    let since = now_ms() - limits.window_minutes * 60_000;
    let failed = state.repo.login_failures(&email, client, since).await?;
    domain::check_login_limits(&limits, failed)?;

    let user = state.repo.user_by_email(state.repo.pool(), &email).await?;
    // Busy (503) returns here: a login the portal had no time for is not a failed one.
    let ok = verify_password(
        password,
        user.as_ref().and_then(|u| u.password_hash.clone()),
    )
    .await?;
    let user = match (ok, user) {
        (true, Some(user)) => user,
        _ => {
            state.repo.record_login_failure(&email, client).await?;
            return Err(AppError::invalid(
                "password",
                "That email and password do not match. Check both and try again.",
            ));
        }
    };
    if user.email_verified_at.is_none() {
        return Err(AppError::forbidden(
            "Please confirm your email first: open the link we sent you.",
        ));
    }
    state.repo.clear_login_failures(&email).await?;
    admit_login(state, user.id, &email).await?;
    open_session(state, user.id).await
}

/// A log-in with the right password: refused when every staff membership of the person was
/// deactivated and they are no applicant (nothing is left for them to see), else noted as
/// their last log-in.
pub async fn admit_login(state: &AppState, user: UserId, email: &str) -> AppResult<()> {
    let access = state.repo.access_of(user, email).await?;
    if access.deactivated > 0 && access.active == 0 && !access.applicant {
        return Err(AppError::forbidden(DEACTIVATED));
    }
    state.repo.note_login(user).await?;
    Ok(())
}

/// What a deactivated member is told when they log in.
pub const DEACTIVATED: &str = "Your access to the Interview Portal was deactivated by your program. Ask its director or coordinator to reactivate you.";

/// Ends the caller's login session (when there is one).
pub async fn log_out(state: &AppState, caller: Option<Caller>) -> AppResult<()> {
    if let Some(caller) = caller {
        state.repo.delete_login_session(&caller.token_hash).await?;
    }
    Ok(())
}

/// Applicant sign-up. The answer is the same whatever the e-mail: only the mailbox learns
/// whether it belongs to an application (and gets the link) or already has an account.
pub async fn sign_up(
    state: &AppState,
    email: &str,
    password: String,
    confirm: &str,
) -> AppResult<()> {
    let email = domain::normalize_email(email)?;
    domain::validate_new_password(&password, confirm)?;
    // Hash first, whatever happens next: known and unknown e-mails take the same time.
    let hash = hash_password(password).await?;
    let mut tx = state.repo.begin_write().await?;
    let user = state.repo.user_by_email(&mut *tx, &email).await?;
    let applicant_name = state.repo.applicant_name(&mut *tx, &email).await?;
    let base = &state.config.public_url;
    match (user, applicant_name) {
        (Some(user), _) if user.password_hash.is_some() && user.email_verified_at.is_some() => {
            let mail =
                Mail::new(MailKind::AccountExists, None, &email).user(Some(user.id), &user.name);
            crate::mail::ssr::send(state, &mut tx, mail).await?;
        }
        (_, Some(_)) => {
            let expires = now_ms() + VERIFY_TOKEN_HOURS * 3_600_000;
            let token = new_link(
                state,
                &mut tx,
                &email,
                TokenPurpose::VerifyEmail,
                Some(&hash),
                expires,
            )
            .await?;
            let mail = Mail::new(MailKind::SignUpConfirmation, None, &email)
                .with(
                    Placeholder::ActionLink,
                    format!("{base}/verify?token={token}"),
                )
                .with(
                    Placeholder::LinkExpires,
                    format!("{VERIFY_TOKEN_HOURS} hours"),
                );
            crate::mail::ssr::send(state, &mut tx, mail).await?;
        }
        (_, None) => {
            tracing::info!("sign-up for an e-mail with no application; nothing sent");
        }
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Confirms a sign-up link: creates (or completes) the account with the password chosen at
/// sign-up, and opens a login session. Returns the session token.
pub async fn confirm_email(state: &AppState, token: &str) -> AppResult<String> {
    let mut tx = state.repo.begin_write().await?;
    let row = consume_link(state, &mut tx, token, TokenPurpose::VerifyEmail).await?;
    let name = state
        .repo
        .applicant_name(&mut *tx, &row.email)
        .await?
        .unwrap_or_else(|| row.email.clone());
    let user_id = state.repo.ensure_user(&mut tx, &row.email, &name).await?;
    let hash = row.payload.ok_or(AppError::Internal)?;
    state
        .repo
        .set_password_verified(&mut tx, user_id, &hash)
        .await?;
    tx.commit().await?;
    Ok(open_session(state, user_id).await?.0)
}

/// Sets a password through a set-password or password-reset link, ends the person's other
/// login sessions (and their push streams), and opens a login session here.
pub async fn set_password(
    state: &AppState,
    token: &str,
    password: String,
    confirm: &str,
) -> AppResult<(String, &'static str)> {
    domain::validate_new_password(&password, confirm)?;
    let hash = hash_password(password).await?;
    let mut tx = state.repo.begin_write().await?;
    let row = match consume_link(state, &mut tx, token, TokenPurpose::SetPassword).await {
        Err(AppError::Conflict(_)) => {
            consume_link(state, &mut tx, token, TokenPurpose::ResetPassword).await?
        }
        other => other?,
    };
    let user = state
        .repo
        .user_by_email(&mut *tx, &row.email)
        .await?
        .ok_or_else(expired_link)?;
    state
        .repo
        .set_password_verified(&mut tx, user.id, &hash)
        .await?;
    let ended = state
        .repo
        .end_login_sessions(&mut tx, user.id, None)
        .await?;
    tx.commit().await?;
    publish_ended(state, &ended);
    // A new password lifts a lock-out: the person has shown they read the mailbox.
    state.repo.clear_login_failures(&row.email).await?;
    open_session(state, user.id).await
}

/// Tells the push streams of ended login sessions to look again: finding no session, they end.
pub fn publish_ended(state: &AppState, token_hashes: &[String]) {
    for hash in token_hashes {
        crate::live::publish_rescope(state, hash);
    }
}

/// Switches a director or manager to interviewer, or back to their own role.
pub async fn switch_role(state: &AppState, caller: Caller, to: SwitchTo) -> AppResult<()> {
    let own = caller
        .own_role
        .ok_or_else(|| AppError::forbidden("Choose a program you are staff of first."))?;
    let switched = match to {
        SwitchTo::Interviewer if own.may_switch_to_interviewer() => Some(Role::Interviewer),
        SwitchTo::Interviewer => {
            return Err(AppError::forbidden(
                "Only directors and managers can switch to interviewer.",
            ))
        }
        SwitchTo::Own => None,
    };
    state
        .repo
        .set_acting_role(&caller.token_hash, switched)
        .await?;
    crate::live::publish_rescope(state, &caller.token_hash);
    Ok(())
}

/// Moves the caller's login session to another program they are staff of.
pub async fn switch_program(state: &AppState, caller: Caller, to: ProgramId) -> AppResult<()> {
    let member = state
        .repo
        .memberships(caller.user_id)
        .await?
        .iter()
        .any(|m| m.program_id == to);
    if !member {
        return Err(AppError::NotFound("That program was not found.".into()));
    }
    state
        .repo
        .set_session_program(&caller.token_hash, to)
        .await?;
    crate::live::publish_rescope(state, &caller.token_hash);
    Ok(())
}

/// Uses up an e-mailed link, or says it expired or was used.
pub(crate) async fn consume_link(
    state: &AppState,
    tx: &mut Tx,
    token: &str,
    purpose: TokenPurpose,
) -> AppResult<TokenRow> {
    state
        .repo
        .consume_email_token(tx, &hash_token(token.trim()), purpose)
        .await?
        .ok_or_else(expired_link)
}

pub(crate) fn expired_link() -> AppError {
    AppError::Conflict(
        "This link has expired or was already used. Ask for a new one, or log in if you already set your password.".into(),
    )
}

/// Stores a new single-use link for `email` (inside the caller's transaction) and returns
/// its token, which only the e-mail carries.
pub(crate) async fn new_link(
    state: &AppState,
    tx: &mut Tx,
    email: &str,
    purpose: TokenPurpose,
    payload: Option<&str>,
    expires_at: i64,
) -> AppResult<String> {
    let (token, token_hash) = new_token();
    state
        .repo
        .create_email_token(tx, &token_hash, email, purpose, payload, expires_at)
        .await?;
    Ok(token)
}

/// Opens a login session in the person's first program; returns its token and where they land.
async fn open_session(state: &AppState, user_id: UserId) -> AppResult<(String, &'static str)> {
    let memberships = state.repo.memberships(user_id).await?;
    let (token, hash) = new_token();
    state
        .repo
        .create_login_session_on(
            &hash,
            user_id,
            memberships.first().map(|m| m.program_id),
            now_ms() + secrets::SESSION_DAYS * DAY_MS,
            request_user_agent().as_deref(),
        )
        .await?;
    Ok((token, landing_path(!memberships.is_empty())))
}

/// The browser of the request being answered (its User-Agent, at most 300 characters), which
/// names the login session it opens on the account page; none outside a request.
fn request_user_agent() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let agent = parts.headers.get(http::header::USER_AGENT)?.to_str().ok()?;
    Some(agent.chars().take(300).collect())
}

/// Creates a set-password link for `email` (inside the caller's transaction).
pub async fn set_password_link(state: &AppState, tx: &mut Tx, email: &str) -> AppResult<String> {
    let expires = now_ms() + SET_PASSWORD_TOKEN_DAYS * DAY_MS;
    let token = new_link(state, tx, email, TokenPurpose::SetPassword, None, expires).await?;
    Ok(format!(
        "{}/set-password?token={token}",
        state.config.public_url
    ))
}
