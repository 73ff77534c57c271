//! Server functions of a person's own account. Each finds its caller with one guard and calls
//! one workflow in `ssr`.

use crate::error::AppError;
use leptos::prelude::*;

/// Anyone logged in: a new name for their account.
#[server(output = crate::codec::Compact, endpoint = "save-account-name")]
pub async fn save_account_name(name: String) -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::save_name(&state, &caller, &name).await
}

/// Anyone logged in: a new e-mail, which takes effect once its e-mailed link is opened.
#[server(output = crate::codec::Compact, endpoint = "change-account-email")]
pub async fn change_account_email(email: String) -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::request_email_change(&state, &caller, &email).await
}

/// Anyone holding a new e-mail's confirmation link.
#[server(output = crate::codec::Compact, endpoint = "confirm-email-change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    super::ssr::confirm_email_change(&crate::server::state()?, &token).await?;
    leptos_axum::redirect("/confirm-email-change?done=true");
    Ok(())
}

/// Anyone logged in: ends another of their login sessions.
#[server(output = crate::codec::Compact, endpoint = "end-login-session")]
pub async fn end_login_session(session: String) -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::end_session(&state, &caller, &session).await
}

/// Anyone logged in: ends all their login sessions but this one.
#[server(output = crate::codec::Compact, endpoint = "end-other-login-sessions")]
pub async fn end_other_login_sessions() -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::end_other_sessions(&state, &caller).await?;
    Ok(())
}
