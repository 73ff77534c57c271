//! Server functions of accounts and the shell: who am I, log in and out, sign up, confirm,
//! set a password, switch role, switch program. Each finds its caller with one guard and
//! calls one workflow in `ssr`.

use super::domain::SwitchTo;
pub use super::types::{Me, ProgramRef};
use crate::error::AppError;
use crate::ids::ProgramId;
use leptos::prelude::*;

/// Anyone: the logged-in person, or `None` for a visitor.
#[server(output = crate::codec::Compact, endpoint = "current-user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    let (state, caller) = crate::server::optional_user().await?;
    match caller {
        Some(caller) => {
            super::caller::note_use(&state.repo, &caller).await;
            super::ssr::me(&state, caller).await.map(Some)
        }
        None => Ok(None),
    }
}

/// Anyone (limited per account and per client address).
#[server(output = crate::codec::Compact, endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{client_ip, set_cookie, state};
    let state = state()?;
    let client = client_ip(&state)?;
    let (token, landing) = super::ssr::log_in(&state, &email, password, &client).await?;
    set_cookie(&super::ssr::session_cookie(
        &token,
        state.config.secure_cookies,
    ));
    leptos_axum::redirect(landing);
    Ok(())
}

/// Anyone: ends the login session, if there is one.
#[server(output = crate::codec::Compact, endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let (state, caller) = crate::server::optional_user().await?;
    super::ssr::log_out(&state, caller).await?;
    crate::server::set_cookie(&super::ssr::clear_session_cookie());
    leptos_axum::redirect("/login");
    Ok(())
}

/// Anyone: the answer is the same whatever the e-mail; then the page says where the link went
/// (with script or without).
#[server(output = crate::codec::Compact, endpoint = "sign-up")]
pub async fn sign_up(email: String, password: String, confirm: String) -> Result<(), AppError> {
    super::ssr::sign_up(&crate::server::state()?, &email, password, &confirm).await?;
    leptos_axum::redirect("/signup?sent=true");
    Ok(())
}

/// Anyone holding a sign-up link's token.
#[server(output = crate::codec::Compact, endpoint = "confirm-email")]
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

/// Anyone holding a set-password link's token.
#[server(output = crate::codec::Compact, endpoint = "set-password")]
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

/// Directors and managers (to interviewer and back); anyone else is refused.
#[server(output = crate::codec::Compact, endpoint = "switch-role")]
pub async fn switch_role(to: SwitchTo) -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::switch_role(&state, caller, to).await?;
    leptos_axum::redirect("/overview");
    Ok(())
}

/// Staff, to another program they are staff of.
#[server(output = crate::codec::Compact, endpoint = "switch-program")]
pub async fn switch_program(program_id: ProgramId) -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::switch_program(&state, caller, program_id).await?;
    leptos_axum::redirect("/overview");
    Ok(())
}
