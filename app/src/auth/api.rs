//! Server functions of accounts and the shell: who am I, log in and out, sign up, confirm,
//! set a password, switch role, switch program.

use super::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A program the viewer is staff of, with their own role there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramRef {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

/// The logged-in person, as the page header needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub email: String,
    /// The active program, when they are staff of it.
    pub program: Option<ProgramRef>,
    /// The role the server acts on (differs from `program.role` while switched).
    pub role: Option<Role>,
    /// Every program they are staff of.
    pub programs: Vec<ProgramRef>,
}

impl Me {
    pub fn is_staff(&self) -> bool {
        self.role.is_some()
    }
    pub fn runs_program(&self) -> bool {
        self.role.is_some_and(Role::runs_program)
    }
    pub fn is_switched(&self) -> bool {
        matches!((&self.program, self.role), (Some(p), Some(r)) if p.role != r)
    }
}

#[server(endpoint = "current-user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use crate::server::state;
    let caller = match super::ssr::caller().await {
        Ok(c) => c,
        Err(AppError::Unauthenticated) => return Ok(None),
        Err(e) => return Err(e),
    };
    let programs = state()?
        .repo
        .memberships(caller.user_id)
        .await?
        .into_iter()
        .filter_map(|m| {
            Some(ProgramRef {
                role: m.role()?,
                id: m.program_id,
                name: m.program_name,
            })
        })
        .collect::<Vec<_>>();
    let program = programs
        .iter()
        .find(|p| Some(p.id) == caller.program_id)
        .cloned();
    Ok(Some(Me {
        role: program.as_ref().and(caller.role()),
        name: caller.name,
        email: caller.email,
        program,
        programs,
    }))
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{client_ip, request_parts, set_cookie, state};
    let state = state()?;
    let client = client_ip(&state, &request_parts()?).to_string();
    let (token, landing) = super::ssr::log_in(&state, &email, password, &client).await?;
    set_cookie(&super::ssr::session_cookie(
        &token,
        state.config.secure_cookies,
    ));
    leptos_axum::redirect(landing);
    Ok(())
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::set_cookie;
    if let Ok(caller) = super::ssr::caller().await {
        crate::server::state()?
            .repo
            .delete_login_session(&caller.token_hash)
            .await?;
    }
    set_cookie(&super::ssr::clear_session_cookie());
    leptos_axum::redirect("/login");
    Ok(())
}

#[server(endpoint = "sign-up")]
pub async fn sign_up(email: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::server::state;
    super::ssr::sign_up(&state()?, &email, password, &confirm).await
}

#[server(endpoint = "confirm-email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use crate::server::{set_cookie, state};
    let state = state()?;
    let session = super::ssr::confirm_email(&state, &token).await?;
    set_cookie(&super::ssr::session_cookie(
        &session,
        state.config.secure_cookies,
    ));
    leptos_axum::redirect("/my-programs");
    Ok(())
}

#[server(endpoint = "set-password")]
pub async fn set_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::server::{set_cookie, state};
    let state = state()?;
    let (session, landing) = super::ssr::set_password(&state, &token, password, &confirm).await?;
    set_cookie(&super::ssr::session_cookie(
        &session,
        state.config.secure_cookies,
    ));
    leptos_axum::redirect(landing);
    Ok(())
}

/// Switches a director or manager to interviewer (`to = "interviewer"`) or back (`to = "own"`).
#[server(endpoint = "switch-role")]
pub async fn switch_role(to: String) -> Result<(), AppError> {
    use crate::server::state;
    let caller = super::ssr::caller().await?;
    let own = caller
        .own_role
        .ok_or_else(|| AppError::forbidden("Choose a program you are staff of first."))?;
    let switched = match to.as_str() {
        "interviewer" if own.may_switch_to_interviewer() => Some(Role::Interviewer),
        "interviewer" => {
            return Err(AppError::forbidden(
                "Only directors and managers can switch to interviewer.",
            ))
        }
        "own" => None,
        _ => return Err(AppError::invalid("to", "Unknown role.")),
    };
    state()?
        .repo
        .set_acting_role(&caller.token_hash, switched)
        .await?;
    leptos_axum::redirect("/overview");
    Ok(())
}

#[server(endpoint = "switch-program")]
pub async fn switch_program(program_id: i64) -> Result<(), AppError> {
    use crate::server::state;
    let caller = super::ssr::caller().await?;
    let state = state()?;
    let member = state
        .repo
        .memberships(caller.user_id)
        .await?
        .into_iter()
        .any(|m| m.program_id == program_id);
    if !member {
        return Err(AppError::NotFound("That program was not found.".into()));
    }
    state
        .repo
        .set_session_program(&caller.token_hash, program_id)
        .await?;
    leptos_axum::redirect("/overview");
    Ok(())
}
