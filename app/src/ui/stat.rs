//! A figure with its label.

use leptos::prelude::*;

/// One tile of a row of figures (`<section class="stats">`): the value (`children`, which may
/// be live) over its label. `wide` spans two columns and shows the children as they are (a
/// fill bar); `text` sets a word ("On") smaller than a number.
///
/// ```ignore
/// <Stat label="Seats left" testid="seats-left">{move || fill.get().seats_left()}</Stat>
/// ```
#[component]
pub fn Stat(
    label: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] wide: bool,
    #[prop(optional)] text: bool,
    children: Children,
) -> impl IntoView {
    if wide {
        return view! {
            <div class="stat stat-wide">
                <span class="stat-label">{label}</span>
                {children()}
            </div>
        }
        .into_any();
    }
    view! {
        <div class="stat">
            <span class="stat-value" class:stat-text=text data-testid=testid>
                {children()}
            </span>
            <span class="stat-label">{label}</span>
        </div>
    }
    .into_any()
}
