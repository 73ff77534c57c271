//! The "Forgot your password?" screen, written on the server for a [`crate::ui::ServerPanel`].

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::RequestPasswordReset,
    crate::ui::{html_of, message_line, refusal, Field, Notice, NoticeKind},
    leptos::server_fn::ServerFn,
};

/// Anyone: the e-mail to send a link to, or (`sent`: after a request) where the link went.
#[server(output = crate::codec::Compact, endpoint = "forgot-password-page")]
pub async fn forgot_password_page(#[server(default)] sent: bool) -> Result<String, AppError> {
    if sent {
        let minutes = super::ssr::RESET_TOKEN_MINUTES;
        return Ok(html_of(view! {
            <Notice kind=NoticeKind::Info>
                <p>
                    <strong>"Check your inbox."</strong>
                    {format!(" If this email has an account, we have sent it a link to choose a new password. The link works once and expires in {minutes} minutes.")}
                </p>
            </Notice>
        }));
    }
    Ok(html_of(view! {
        <p class="muted">"Enter the email you log in with and we will send you a link to choose a new password."</p>
        <form method="post" action=RequestPasswordReset::PATH class="stack" novalidate>
            {message_line()}
            <Field label="Email" name="email" kind="email" autocomplete="username" error=refusal()/>
            <button class="btn btn-primary btn-block" type="submit">"Send me a link"</button>
        </form>
    }))
}
