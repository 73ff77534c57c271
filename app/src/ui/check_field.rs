//! A labelled checkbox.

use leptos::prelude::*;

/// A checkbox with its label beside it. Checked, the form sends `name=true`; unchecked it sends
/// nothing, so the server function reads it as a `bool` with `#[server(default)]` (or
/// `#[serde(default)]` inside a form struct).
///
/// ```ignore
/// <CheckField label="Self-scheduling" name="self_scheduling" checked=true/>
/// ```
#[component]
pub fn CheckField(label: &'static str, name: &'static str, checked: bool) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name=name value="true" checked=checked/>
            " "
            {label}
        </label>
    }
}
