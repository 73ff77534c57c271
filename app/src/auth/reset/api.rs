//! The server function of "Forgot your password?".

use crate::error::AppError;
use leptos::prelude::*;

/// Anyone (limited per e-mail and per client address): the answer is the same whatever the
/// e-mail; then the page says where the link went (with script or without).
#[server(output = crate::codec::Compact, endpoint = "request-password-reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::server::{client_ip, state};
    let state = state()?;
    let client = client_ip(&state)?;
    super::ssr::request_reset(&state, &email, &client).await?;
    leptos_axum::redirect("/forgot-password?sent=true");
    Ok(())
}
