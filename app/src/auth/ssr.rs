//! Server side of accounts: password hashing, tokens, the session cookie, finding the caller,
//! and the account workflows (log in, sign up, confirm, set a password) that server functions
//! and the command line call.

use super::domain::{self, acting_role, Role};
use super::repo::SessionRow;
use crate::db::{now_ms, Repo};
use crate::error::{AppError, AppResult};
use crate::server::AppState;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

pub const SESSION_COOKIE: &str = "portal_session";
const SESSION_DAYS: i64 = 14;
const DAY_MS: i64 = 86_400_000;
pub const VERIFY_TOKEN_HOURS: i64 = 24;
pub const SET_PASSWORD_TOKEN_DAYS: i64 = 7;

/// Hashes on the blocking pool: argon2 takes tens of milliseconds by design.
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a password; with no stored hash it still spends the time of a check, so a login for
/// an unknown e-mail answers as slowly as one for a known e-mail.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        static DUMMY: OnceLock<String> = OnceLock::new();
        let dummy = DUMMY.get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"not a password", &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        });
        let (hash, real) = match &stored {
            Some(h) => (h.as_str(), true),
            None => (dummy.as_str(), false),
        };
        let ok = PasswordHash::new(hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && real
    })
    .await
    .unwrap_or(false)
}

/// A new random token (sent to the browser or in a link) and its hash (what is stored).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn clear_session_cookie() -> String {
    cookie::Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

/// The session token in a request's cookies.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_string())
}

/// Who is calling: their account, their active program and the role the server acts on.
#[derive(Debug, Clone)]
pub struct Caller {
    pub token_hash: String,
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub program_id: Option<i64>,
    pub program_name: Option<String>,
    /// Their own role in the active program.
    pub own_role: Option<Role>,
    /// The role requested by the role switcher.
    pub switched: Option<Role>,
}

/// A staff member acting in their active program.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    pub user_id: i64,
    pub program_id: i64,
    pub role: Role,
}

impl Caller {
    fn from_row(row: SessionRow) -> Self {
        Self {
            own_role: row.role.as_deref().and_then(Role::parse),
            switched: row.acting_role.as_deref().and_then(Role::parse),
            token_hash: row.token_hash,
            user_id: row.user_id,
            email: row.email,
            name: row.name,
            program_id: row.program_id,
            program_name: row.program_name,
        }
    }

    /// The role the server treats the caller as, in the active program.
    pub fn role(&self) -> Option<Role> {
        self.own_role.map(|own| acting_role(own, self.switched))
    }

    /// Any staff role in the active program.
    pub fn staff(&self) -> AppResult<Staff> {
        match (self.program_id, self.role()) {
            (Some(program_id), Some(role)) => Ok(Staff {
                user_id: self.user_id,
                program_id,
                role,
            }),
            _ => Err(AppError::forbidden("This page is for a program's staff.")),
        }
    }

    /// A director, manager or coordinator, acting as one (not switched to interviewer).
    pub fn coordinator(&self) -> AppResult<Staff> {
        let staff = self.staff()?;
        if staff.role.runs_program() {
            Ok(staff)
        } else if self.own_role.is_some_and(Role::runs_program) {
            Err(AppError::forbidden(format!(
                "You are working as an interviewer. Switch back to {} to do this.",
                self.own_role
                    .map(|r| r.label().to_lowercase())
                    .unwrap_or_else(|| "your role".into())
            )))
        } else {
            Err(AppError::forbidden(
                "Only the program's directors, managers and coordinators can do this.",
            ))
        }
    }
}

/// Finds the caller of a request from its session cookie.
pub async fn caller_from_headers(repo: &Repo, headers: &http::HeaderMap) -> AppResult<Caller> {
    let token = token_from_headers(headers).ok_or(AppError::Unauthenticated)?;
    let row = repo
        .login_session(&hash_token(&token))
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(Caller::from_row(row))
}

/// The caller of the current server function.
pub async fn caller() -> AppResult<Caller> {
    let state = crate::server::state()?;
    let parts = crate::server::request_parts()?;
    caller_from_headers(&state.repo, &parts.headers).await
}

/// Where a person lands after logging in.
pub fn landing_path(is_staff: bool) -> &'static str {
    if is_staff {
        "/overview"
    } else {
        "/my-programs"
    }
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
    let (by_account, by_client) = state.repo.login_failures(&email, client, since).await?;
    domain::check_login_limits(&limits, by_account, by_client)?;

    let user = state.repo.user_by_email(state.repo.pool(), &email).await?;
    let ok = verify_password(
        password,
        user.as_ref().and_then(|u| u.password_hash.clone()),
    )
    .await;
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
    open_session(state, user.id).await
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
    let link_base = &state.config.public_url;
    match (user, applicant_name) {
        (Some(user), _) if user.password_hash.is_some() && user.email_verified_at.is_some() => {
            state
                .repo
                .enqueue_email(
                    &mut tx,
                    None,
                    &email,
                    "You already have an Interview Portal account",
                    &format!(
                        "Someone (hopefully you) tried to sign up with this email, but it already has an account.\n\nLog in at {link_base}/login"
                    ),
                )
                .await?;
        }
        (_, Some(_)) => {
            let (token, token_hash) = new_token();
            state
                .repo
                .create_email_token(
                    &mut tx,
                    &token_hash,
                    &email,
                    "verify_email",
                    Some(&hash),
                    now_ms() + VERIFY_TOKEN_HOURS * 3_600_000,
                )
                .await?;
            state
                .repo
                .enqueue_email(
                    &mut tx,
                    None,
                    &email,
                    "Confirm your email for the Interview Portal",
                    &format!(
                        "Welcome! Confirm your email to finish creating your account:\n\n{link_base}/verify?token={token}\n\nThe link works once and expires in {VERIFY_TOKEN_HOURS} hours."
                    ),
                )
                .await?;
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
    let row = consume_link(state, &mut tx, token, "verify_email").await?;
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

/// Sets a password through a set-password link, and opens a login session.
pub async fn set_password(
    state: &AppState,
    token: &str,
    password: String,
    confirm: &str,
) -> AppResult<(String, &'static str)> {
    domain::validate_new_password(&password, confirm)?;
    let hash = hash_password(password).await?;
    let mut tx = state.repo.begin_write().await?;
    let row = consume_link(state, &mut tx, token, "set_password").await?;
    let user = state
        .repo
        .user_by_email(&mut *tx, &row.email)
        .await?
        .ok_or_else(expired_link)?;
    state
        .repo
        .set_password_verified(&mut tx, user.id, &hash)
        .await?;
    tx.commit().await?;
    open_session(state, user.id).await
}

/// Uses up an e-mailed link, or says it expired or was used.
async fn consume_link(
    state: &AppState,
    tx: &mut crate::db::Tx,
    token: &str,
    purpose: &str,
) -> AppResult<super::repo::TokenRow> {
    state
        .repo
        .consume_email_token(tx, &hash_token(token.trim()), purpose)
        .await?
        .ok_or_else(expired_link)
}

fn expired_link() -> AppError {
    AppError::Conflict(
        "This link has expired or was already used. Ask for a new one, or log in if you already set your password.".into(),
    )
}

/// Opens a login session in the person's first program; returns its token and where they land.
async fn open_session(state: &AppState, user_id: i64) -> AppResult<(String, &'static str)> {
    let memberships = state.repo.memberships(user_id).await?;
    let (token, hash) = new_token();
    state
        .repo
        .create_login_session(
            &hash,
            user_id,
            memberships.first().map(|m| m.program_id),
            now_ms() + SESSION_DAYS * DAY_MS,
        )
        .await?;
    Ok((token, landing_path(!memberships.is_empty())))
}

/// Creates a set-password link for `email` (inside the caller's transaction).
pub async fn set_password_link(
    state: &AppState,
    tx: &mut crate::db::Tx,
    email: &str,
) -> AppResult<String> {
    let (token, token_hash) = new_token();
    state
        .repo
        .create_email_token(
            tx,
            &token_hash,
            email,
            "set_password",
            None,
            now_ms() + SET_PASSWORD_TOKEN_DAYS * DAY_MS,
        )
        .await?;
    Ok(format!(
        "{}/set-password?token={token}",
        state.config.public_url
    ))
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    cookie::Cookie::build((SESSION_COOKIE, token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::days(SESSION_DAYS))
        .secure(secure)
        .build()
        .to_string()
}

/// The caller as an axum extractor, for plain routes (the push stream): 401 without a valid
/// session cookie.
impl axum::extract::FromRequestParts<AppState> for Caller {
    type Rejection = http::StatusCode;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        caller_from_headers(&state.repo, &parts.headers)
            .await
            .map_err(|_| http::StatusCode::UNAUTHORIZED)
    }
}
