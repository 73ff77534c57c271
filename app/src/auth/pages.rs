//! The account screens a person sees before they are logged in (log in, sign up, confirm the
//! e-mail, set a password), written on the server as HTML for a [`crate::ui::ServerPanel`].
//! Each screen's server function (which returns its HTML) sits here beside its writer; the
//! writers are compiled into the server only, so none of this view code is in the browser's
//! bundle. A form that logs the person in is answered with a redirect to where they land,
//! which loads that page whole (the front end's redirect hook), so the header follows; a
//! sign-up is answered with a redirect to `/signup?sent=true`, with script or without.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{ConfirmEmail, Login, SetPassword, SignUp},
    crate::ui::{html_of, message_line, no_error, Field, Notice, NoticeKind},
    leptos::server_fn::ServerFn,
};

/// Anyone: the log-in form.
#[server(output = crate::codec::Compact, endpoint = "login-page")]
pub async fn login_page() -> Result<String, AppError> {
    Ok(html_of(view! {
        <form method="post" action=Login::PATH class="stack" novalidate>
            {message_line()}
            <Field label="Email" name="email" kind="email" autocomplete="username" error=no_error()/>
            <Field
                label="Password"
                name="password"
                kind="password"
                autocomplete="current-password"
                error=no_error()
            />
            <button class="btn btn-primary btn-block" type="submit">"Log in"</button>
            <p class="auth-forgot"><a href="/forgot-password">"Forgot your password?"</a></p>
        </form>
    }))
}

/// Anyone: the sign-up form, or (`sent`: after a sign-up) where the link went.
#[server(output = crate::codec::Compact, endpoint = "sign-up-page")]
pub async fn sign_up_page(#[server(default)] sent: bool) -> Result<String, AppError> {
    if sent {
        return Ok(html_of(view! {
            <Notice kind=NoticeKind::Info>
                <p>
                    <strong>"Check your inbox."</strong>
                    " If this email belongs to an application, we have sent it a link to confirm your account. The link works once and expires in 24 hours."
                </p>
            </Notice>
        }));
    }
    Ok(html_of(view! {
        <p class="muted">
            "Use the email address of your application, so the programs that invite you can find you."
        </p>
        <form method="post" action=SignUp::PATH class="stack" novalidate>
            {message_line()}
            <Field label="Email of your application" name="email" kind="email" autocomplete="email" error=no_error()/>
            {new_password_fields("Password")}
            <button class="btn btn-primary btn-block" type="submit">"Create account"</button>
        </form>
    }))
}

/// Anyone holding a sign-up link: the button that confirms it.
#[server(output = crate::codec::Compact, endpoint = "verify-page")]
pub async fn verify_page(#[server(default)] token: String) -> Result<String, AppError> {
    Ok(html_of(view! {
        <form method="post" action=ConfirmEmail::PATH class="stack">
            {message_line()}
            <input type="hidden" name="token" value=token/>
            <button class="btn btn-primary btn-block" type="submit">"Confirm my email"</button>
        </form>
    }))
}

/// Anyone holding a set-password link: the new password, twice.
#[server(output = crate::codec::Compact, endpoint = "set-password-page")]
pub async fn set_password_page(#[server(default)] token: String) -> Result<String, AppError> {
    Ok(html_of(view! {
        <form method="post" action=SetPassword::PATH class="stack" novalidate>
            {message_line()}
            <input type="hidden" name="token" value=token/>
            {new_password_fields("New password")}
            <button class="btn btn-primary btn-block" type="submit">"Set password and log in"</button>
        </form>
    }))
}

/// A new password and its repetition (checked together on the server).
#[cfg(feature = "ssr")]
fn new_password_fields(label: &'static str) -> impl IntoView {
    view! {
        <Field
            label
            name="password"
            kind="password"
            autocomplete="new-password"
            hint="At least 10 characters."
            error=no_error()
        />
        <Field
            label="Repeat the password"
            name="confirm"
            kind="password"
            autocomplete="new-password"
            error=no_error()
        />
    }
}
