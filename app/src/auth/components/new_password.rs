//! A new password and its repetition.

use crate::error::AppError;
use crate::ui::Field;
use leptos::prelude::*;

/// A new password and its repetition (checked together on the server).
#[component]
pub fn NewPasswordFields(
    label: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
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
