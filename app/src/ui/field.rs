//! A labelled text input with its hint and its error.

use super::{field_key, field_message};
use crate::error::AppError;
use leptos::prelude::*;

/// A labelled input whose error (from the last submission) sits right under it.
///
/// ```ignore
/// <Field label="Capacity" name="session[capacity]" kind="number" value="10" error/>
/// ```
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    /// For `kind="file"`: the types the picker offers (`.pdf,application/pdf`).
    #[prop(optional)]
    accept: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    // A refused form posted without script is written again with what was typed.
    #[cfg(feature = "ssr")]
    let value = super::server_panel::typed(name).or(value);
    let ids = FieldIds::new(field_key(name));
    let message = Signal::derive(move || field_message(error, name));
    let described = ids.described_by(hint.is_some(), move || message.get().is_some());
    let input_id = ids.input.clone();
    view! {
        <FieldFrame ids label hint message>
            <input
                id=input_id
                name=name
                type=kind
                autocomplete=autocomplete
                accept=accept
                value=value
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                aria-describedby=described
            />
        </FieldFrame>
    }
}

/// What every labelled control shares: the label, the hint, the control (`children`) and its
/// error, which screen readers hear when it appears.
#[component]
pub(super) fn FieldFrame(
    ids: FieldIds,
    label: &'static str,
    hint: Option<&'static str>,
    message: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || message.get().is_some()>
            <label for=ids.input.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field-hint" id=ids.hint.clone()>{h}</p> })}
            {children()}
            <p class="field-error" id=ids.error.clone() aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}

/// The ids of a field's input, hint and error, derived from its key.
#[derive(Clone)]
pub(super) struct FieldIds {
    pub input: String,
    pub hint: String,
    pub error: String,
}

impl FieldIds {
    pub fn new(key: &str) -> Self {
        let input = format!("field-{key}");
        Self {
            hint: format!("{input}-hint"),
            error: format!("{input}-error"),
            input,
        }
    }

    /// `aria-describedby`: the hint when there is one, the error while there is one.
    pub fn described_by(
        &self,
        has_hint: bool,
        has_error: impl Fn() -> bool + Send + Sync + 'static,
    ) -> impl Fn() -> String + Send + Sync + 'static {
        let (hint, error) = (self.hint.clone(), self.error.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint.clone());
            }
            if has_error() {
                ids.push(error.clone());
            }
            ids.join(" ")
        }
    }
}
