//! A labelled select with its hint and its error.

use super::field::{FieldFrame, FieldIds};
use super::{field_key, field_message};
use crate::error::AppError;
use leptos::prelude::*;

/// A labelled `<select>`: `options` are `(value, text)` pairs; `placeholder` adds a first,
/// empty choice (the field then arrives empty until one is picked).
///
/// ```ignore
/// <SelectField label="Role" name="role" options=roles selected="interviewer" error/>
/// ```
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    /// The select's id when a page needs a fixed one (default `field-<key>`).
    #[prop(optional)]
    id: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let selected = super::server_panel::typed(name).or(selected);
    let mut ids = FieldIds::new(field_key(name));
    if let Some(id) = id {
        ids.input = id.to_string();
    }
    let message = Signal::derive(move || field_message(error, name));
    let described = ids.described_by(hint.is_some(), move || message.get().is_some());
    let select_id = ids.input.clone();
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let chosen = selected.as_deref() == Some(value.as_str());
            view! { <option value=value selected=chosen>{text}</option> }
        })
        .collect_view();
    view! {
        <FieldFrame ids label hint message>
            <select
                id=select_id
                name=name
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                aria-describedby=described
            >
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {options}
            </select>
        </FieldFrame>
    }
}
