//! A status in words.

use leptos::prelude::*;

/// The tone of a badge, which sets its colour; the badge always says its status in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Neutral,
    Ok,
    Warn,
    Info,
    /// Something went wrong for good (a message the relay refused).
    Danger,
}

/// A small label: "Confirmed", "Hidden", "Active".
///
/// ```ignore
/// <Badge tone=Tone::Ok text="Active"/>
/// ```
#[component]
pub fn Badge(#[prop(optional)] tone: Tone, #[prop(into)] text: String) -> impl IntoView {
    let class = match tone {
        Tone::Neutral => "badge",
        Tone::Ok => "badge badge-ok",
        Tone::Warn => "badge badge-warn",
        Tone::Info => "badge badge-info",
        Tone::Danger => "badge badge-danger",
    };
    view! { <span class=class>{text}</span> }
}
