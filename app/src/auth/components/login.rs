//! Log in.

use super::frame::AuthFrame;
use crate::auth::api::Login;
use crate::ui::{action_error, Field, FormError};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = FormAction::<Login>::new();
    let error = action_error(login);
    view! {
        <AuthFrame title="Log in">
            <FormError error/>
            <PostForm action=login attr:class="stack" attr:novalidate=true>
                <Field label="Email" name="email" kind="email" autocomplete="username" error/>
                <Field
                    label="Password"
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <button class="btn btn-primary btn-block" type="submit" disabled=login.pending()>
                    {move || if login.pending().get() { "Logging in…" } else { "Log in" }}
                </button>
            </PostForm>
            <p class="auth-alt">
                "Invited to interview? "
                <A href="/signup">"Create your account"</A>
                " with the email of your application."
            </p>
        </AuthFrame>
    }
}
