//! The account pages: log in, sign up, confirm the e-mail, set a password.

use super::api::{ConfirmEmail, Login, SetPassword, SignUp};
use crate::ui::{action_error, Field, FormError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The calm, centred frame of the pages a person sees before they are logged in.
#[component]
fn AuthFrame(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=format!("{title} · Interview Portal")/>
        <main class="auth" id="main">
            <div class="auth-card">
                <p class="brand brand-large">
                    <span class="brand-mark" aria-hidden="true">"IP"</span>
                    "Interview Portal"
                </p>
                <h1>{title}</h1>
                {children()}
            </div>
        </main>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = action_error(login);
    view! {
        <AuthFrame title="Log in">
            <FormError error/>
            <ActionForm action=login attr:class="stack" attr:novalidate=true>
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
            </ActionForm>
            <p class="auth-alt">
                "Invited to interview? "
                <A href="/signup">"Create your account"</A>
                " with the email of your application."
            </p>
        </AuthFrame>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = ServerAction::<SignUp>::new();
    let error = action_error(sign_up);
    let done = move || matches!(sign_up.value().get(), Some(Ok(())));
    view! {
        <AuthFrame title="Create your account">
            <Show
                when=done
                fallback=move || {
                    view! {
                        <p class="muted">
                            "Use the email address of your application, so the programs that invite you can find you."
                        </p>
                        <FormError error/>
                        <ActionForm action=sign_up attr:class="stack" attr:novalidate=true>
                            <Field
                                label="Email of your application"
                                name="email"
                                kind="email"
                                autocomplete="email"
                                error
                            />
                            <NewPasswordFields label="Password" error/>
                            <button
                                class="btn btn-primary btn-block"
                                type="submit"
                                disabled=sign_up.pending()
                            >
                                "Create account"
                            </button>
                        </ActionForm>
                    }
                }
            >
                <div class="alert alert-info" role="status">
                    <p>
                        <strong>"Check your inbox."</strong>
                        " If this email belongs to an application, we have sent it a link to confirm your account. The link works once and expires in 24 hours."
                    </p>
                </div>
            </Show>
            <p class="auth-alt">
                "Already have an account? " <A href="/login">"Log in"</A>
            </p>
        </AuthFrame>
    }
}

/// A new password and its repetition (checked together on the server).
#[component]
fn NewPasswordFields(
    label: &'static str,
    #[prop(into)] error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <Field
            label
            name="password"
            kind="password"
            autocomplete="new-password"
            hint="At least 10 characters."
            error
        />
        <Field label="Repeat the password" name="confirm" kind="password" autocomplete="new-password" error/>
    }
}

fn token_from_query() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("token").unwrap_or_default())
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmEmail>::new();
    let error = action_error(confirm);
    let token = token_from_query();
    view! {
        <AuthFrame title="Confirm your email">
            <p class="muted">"One click and your account is ready."</p>
            <FormError error/>
            <ActionForm action=confirm attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <button class="btn btn-primary btn-block" type="submit" disabled=confirm.pending()>
                    "Confirm my email"
                </button>
            </ActionForm>
        </AuthFrame>
    }
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let set_password = ServerAction::<SetPassword>::new();
    let error = action_error(set_password);
    let token = token_from_query();
    view! {
        <AuthFrame title="Set your password">
            <FormError error/>
            <ActionForm action=set_password attr:class="stack" attr:novalidate=true>
                <input type="hidden" name="token" value=token/>
                <NewPasswordFields label="New password" error/>
                <button
                    class="btn btn-primary btn-block"
                    type="submit"
                    disabled=set_password.pending()
                >
                    "Set password and log in"
                </button>
            </ActionForm>
        </AuthFrame>
    }
}
