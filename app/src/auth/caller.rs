//! Who is calling: the login session behind a request's cookie, and the typed callers the
//! guards of `crate::server` hand to server functions ([`Staff`] acting in their program, an
//! [`Applicant`]). It names no workflow and not the server's state, so `server` can use it
//! while the account workflows (`super::ssr`) use `server`.

use super::domain::{acting_role, Role};
use super::ssr::secrets::{hash_token, token_from_headers};
use crate::db::Repo;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, UserId};
use sqlx::FromRow;

/// A login session with its person, their active program and their role there (read in one
/// query by `Repo::login_session`).
#[derive(Debug, Clone, FromRow)]
pub struct Caller {
    pub token_hash: String,
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub program_id: Option<ProgramId>,
    pub program_name: Option<String>,
    /// Their own role in the active program.
    #[sqlx(rename = "role")]
    pub own_role: Option<Role>,
    /// The role requested by the role switcher.
    #[sqlx(rename = "acting_role")]
    pub switched: Option<Role>,
    /// When the session was last used (milliseconds; kept to within [`SEEN_EVERY_MS`]).
    pub last_seen_at: Option<i64>,
}

/// How stale a session's "last used" may get before a page load writes it again: one write per
/// session every five minutes at most.
pub const SEEN_EVERY_MS: i64 = 5 * 60_000;

/// A staff member acting in their active program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staff {
    pub user_id: UserId,
    pub program_id: ProgramId,
    pub role: Role,
}

/// Someone logged in, acting as an applicant: programs find them by the e-mail they log in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub email: String,
}

impl Caller {
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
        } else if let Some(own) = self.own_role.filter(|r| r.runs_program()) {
            Err(AppError::forbidden(format!(
                "You are working as an interviewer. Switch back to {} to do this.",
                own.label().to_lowercase()
            )))
        } else {
            Err(AppError::forbidden(
                "Only the program's directors, managers and coordinators can do this.",
            ))
        }
    }

    pub fn applicant(&self) -> Applicant {
        Applicant {
            email: self.email.clone(),
        }
    }
}

/// Finds the caller of a request from its session cookie.
pub async fn caller_from_headers(repo: &Repo, headers: &http::HeaderMap) -> AppResult<Caller> {
    let token = token_from_headers(headers).ok_or(AppError::Unauthenticated)?;
    repo.login_session(&hash_token(&token))
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// Notes that the caller's login session is in use (each page load asks who is logged in), at
/// most every [`SEEN_EVERY_MS`]: the account page's "last used". Not on every request, so a
/// rush of bookings writes nothing more.
pub async fn note_use(repo: &Repo, caller: &Caller) {
    let now = crate::db::now_ms();
    if caller
        .last_seen_at
        .is_none_or(|at| now - at >= SEEN_EVERY_MS)
    {
        // Only "last used" depends on it: a failed write refuses nothing.
        if let Err(e) = repo.touch_login_session(&caller.token_hash, now).await {
            tracing::warn!(error = %e, "could not note a login session's last use");
        }
    }
}
