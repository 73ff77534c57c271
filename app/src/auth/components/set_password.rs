//! Set a password (the page of a set-password link).

use super::frame::AuthFrame;
use super::new_password::NewPasswordFields;
use super::token_from_query;
use crate::auth::api::SetPassword;
use crate::ui::{action_error, FormError};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let set_password = FormAction::<SetPassword>::new();
    let error = action_error(set_password);
    let token = token_from_query();
    view! {
        <AuthFrame title="Set your password">
            <FormError error/>
            <PostForm action=set_password attr:class="stack" attr:novalidate=true>
                <input type="hidden" name="token" value=token/>
                <NewPasswordFields label="New password" error/>
                <button class="btn btn-primary btn-block" type="submit" disabled=set_password.pending()>
                    "Set password and log in"
                </button>
            </PostForm>
        </AuthFrame>
    }
}
