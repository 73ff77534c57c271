//! How full a session is, as a bar and in words.

use crate::sessions::domain::Fill;
use leptos::prelude::*;

/// Confirmed out of capacity, as a bar and in words.
#[component]
pub fn FillBar(#[prop(into)] fill: Signal<Fill>) -> impl IntoView {
    let label = move || {
        let f = fill.get();
        format!("{} of {} seats filled", f.confirmed, f.capacity)
    };
    view! {
        <div class="fill">
            <div
                class="fill-bar"
                class:fill-full=move || fill.get().is_full()
                role="meter"
                aria-valuemin="0"
                aria-valuemax=move || fill.get().capacity.to_string()
                aria-valuenow=move || fill.get().confirmed.to_string()
                aria-label=label
            >
                <span style=move || format!("width: {}%", fill.get().percent())></span>
            </div>
            <span class="fill-text" data-testid="fill-text">
                {move || format!("{} / {}", fill.get().confirmed, fill.get().capacity)}
            </span>
        </div>
    }
}
