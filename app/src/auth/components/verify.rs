//! Confirm the e-mail of a sign-up (the link's page).

use super::frame::AuthFrame;
use super::token_from_query;
use crate::auth::api::ConfirmEmail;
use crate::ui::{action_error, FormError};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let confirm = FormAction::<ConfirmEmail>::new();
    let token = token_from_query();
    view! {
        <AuthFrame title="Confirm your email">
            <p class="muted">"One click and your account is ready."</p>
            <FormError error=action_error(confirm)/>
            <PostForm action=confirm attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <button class="btn btn-primary btn-block" type="submit" disabled=confirm.pending()>
                    "Confirm my email"
                </button>
            </PostForm>
        </AuthFrame>
    }
}
