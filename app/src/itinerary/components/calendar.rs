//! "Your calendar": a private subscription link to one's interviews (made, remade or turned
//! off here; shown once, as only its hash is kept) and a one-off `.ics` download.

use crate::itinerary::api::{CalendarLink, NewCalendarLink, RevokeCalendarLink};
use crate::ui::{
    action_error, call, Data, FormAction, FormError, Loaded, Notice, NoticeKind, PostForm,
};
use leptos::prelude::*;

/// The card's forms and whether a link is on (one made on an earlier visit included, asked
/// again after each post): made in the page component, above its shell (see `crate::ui`).
#[derive(Clone, Copy)]
pub struct Calendar {
    make: FormAction<NewCalendarLink>,
    revoke: FormAction<RevokeCalendarLink>,
    on: Data<bool>,
}

impl Calendar {
    pub fn load() -> Self {
        let make = FormAction::<NewCalendarLink>::new();
        let revoke = FormAction::<RevokeCalendarLink>::new();
        let on = crate::ui::load(
            move || make.version().get() + revoke.version().get(),
            |_| call(CalendarLink {}),
        );
        Calendar { make, revoke, on }
    }
}

#[component]
pub fn CalendarCard(calendar: Calendar) -> impl IntoView {
    let Calendar { make, revoke, on } = calendar;
    // The link just made (until it is turned off).
    let link = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(url)) = make.value().get() {
            link.set(Some(url));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = revoke.value().get() {
            link.set(None);
        }
    });
    view! {
        <section class="card" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">"Your calendar"</h2>
            <p class="muted">
                "Subscribe in your calendar app to see your interviews there, kept up to date when the schedule changes. The link is private: anyone who has it sees your interview times."
            </p>
            <FormError error=action_error(make)/>
            {move || link.get().map(|url| view! {
                <div class="field">
                    <label for="calendar-link">"Your subscription link — copy it now, it is shown once"</label>
                    <input id="calendar-link" class="input" readonly value=url/>
                </div>
            })}
            <Loaded resource=on let:was_on>
                <CalendarActions was_on make revoke link/>
            </Loaded>
        </section>
    }
}

/// Whether the link is on, and the buttons: "Turn the link off" only while there is one.
#[component]
fn CalendarActions(
    was_on: bool,
    make: FormAction<NewCalendarLink>,
    revoke: FormAction<RevokeCalendarLink>,
    link: RwSignal<Option<String>>,
) -> impl IntoView {
    let is_on = move || was_on || link.get().is_some();
    let state = move || {
        if link.get().is_some() {
            None
        } else if was_on {
            Some(
                view! { <Notice kind=NoticeKind::Info>"Your calendar link is on. It was shown once, when it was made: if you no longer have it, make a new one (the old one then stops working)."</Notice> },
            )
        } else if matches!(revoke.value().get(), Some(Ok(()))) {
            Some(
                view! { <Notice kind=NoticeKind::Info>"Your calendar link is off: calendars subscribed to it get nothing more."</Notice> },
            )
        } else {
            None
        }
    };
    view! {
        {state}
        <div class="actions">
            <PostForm action=make attr:class="inline-form">
                <button class="btn" type="submit">
                    {move || if is_on() { "Make a new link" } else { "Make a subscription link" }}
                </button>
            </PostForm>
            <Show when=is_on>
                <PostForm action=revoke attr:class="inline-form">
                    <button class="btn" type="submit">"Turn the link off"</button>
                </PostForm>
            </Show>
            <a class="btn" href="/calendar.ics" download="interviews.ics">"Download .ics"</a>
        </div>
    }
}
