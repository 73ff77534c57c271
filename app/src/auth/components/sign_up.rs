//! An applicant creates their account with the e-mail of their application.

use super::frame::AuthFrame;
use super::new_password::NewPasswordFields;
use crate::auth::api::SignUp;
use crate::ui::{action_error, action_succeeded, Field, FormError, Notice, NoticeKind};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = FormAction::<SignUp>::new();
    let error = action_error(sign_up);
    let done = action_succeeded(sign_up);
    view! {
        <AuthFrame title="Create your account">
            <Show
                when=move || done.get()
                fallback=move || view! {
                    <p class="muted">
                        "Use the email address of your application, so the programs that invite you can find you."
                    </p>
                    <FormError error/>
                    <PostForm action=sign_up attr:class="stack" attr:novalidate=true>
                        <Field label="Email of your application" name="email" kind="email" autocomplete="email" error/>
                        <NewPasswordFields label="Password" error/>
                        <button class="btn btn-primary btn-block" type="submit" disabled=sign_up.pending()>
                            "Create account"
                        </button>
                    </PostForm>
                }
            >
                <Notice kind=NoticeKind::Info>
                    <p>
                        <strong>"Check your inbox."</strong>
                        " If this email belongs to an application, we have sent it a link to confirm your account. The link works once and expires in 24 hours."
                    </p>
                </Notice>
            </Show>
            <p class="auth-alt">
                "Already have an account? " <A href="/login">"Log in"</A>
            </p>
        </AuthFrame>
    }
}
