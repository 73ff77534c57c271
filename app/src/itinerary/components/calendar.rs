//! "Your calendar": a private subscription link to one's interviews (made, remade or turned
//! off here; shown once, as only its hash is kept) and a one-off `.ics` download. Written on
//! the server (`calendar::pages`); this is the card around its panel.

use crate::calendar::pages::CalendarPanel;
use crate::ui::{call, Data, ServerPanel};
use leptos::prelude::*;

/// The card's panel and what reloads it (its own posts): made in the page component, above
/// its shell (see `crate::ui`).
#[derive(Clone, Copy)]
pub struct Calendar {
    html: Data<String>,
    reload: RwSignal<u64>,
}

impl Calendar {
    pub fn load() -> Self {
        let reload = RwSignal::new(0u64);
        let html = crate::ui::load(move || reload.get(), |_| call(CalendarPanel {}));
        Calendar { html, reload }
    }
}

#[component]
pub fn CalendarCard(calendar: Calendar) -> impl IntoView {
    let Calendar { html, reload } = calendar;
    view! {
        <section class="card" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">"Your calendar"</h2>
            <ServerPanel html reload/>
        </section>
    }
}
