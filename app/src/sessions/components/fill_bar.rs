//! How full a session is, as a bar and in words.

use crate::sessions::domain::Fill;
use leptos::prelude::*;

/// Confirmed out of capacity: a native `<meter>` (styled by the stylesheet, so no inline style
/// needs allowing in the Content-Security-Policy) and the numbers beside it.
#[component]
pub fn FillBar(#[prop(into)] fill: Signal<Fill>) -> impl IntoView {
    let label = move || {
        let f = fill.get();
        format!("{} of {} seats filled", f.confirmed, f.capacity)
    };
    view! {
        <div class="fill">
            <meter
                class="fill-bar"
                class:fill-full=move || fill.get().is_full()
                min="0"
                max=move || fill.get().capacity.max(1).to_string()
                value=move || fill.get().confirmed.to_string()
                aria-label=label
            ></meter>
            <span class="fill-text" data-testid="fill-text">
                {move || format!("{} / {}", fill.get().confirmed, fill.get().capacity)}
            </span>
        </div>
    }
}
