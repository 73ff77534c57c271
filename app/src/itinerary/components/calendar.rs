//! "Your calendar": a private subscription link to one's interviews (made, remade or turned
//! off here; shown once, as only its hash is kept) and a one-off `.ics` download.

use crate::itinerary::api::{NewCalendarLink, RevokeCalendarLink};
use crate::ui::{action_error, FormAction, FormError, Notice, NoticeKind, PostForm};
use leptos::prelude::*;

#[component]
pub fn CalendarCard() -> impl IntoView {
    let make = FormAction::<NewCalendarLink>::new();
    let revoke = FormAction::<RevokeCalendarLink>::new();
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
    let off = move || {
        (link.get().is_none() && matches!(revoke.value().get(), Some(Ok(()))))
            .then(|| view! { <Notice kind=NoticeKind::Info>"Your calendar link is off: calendars subscribed to it get nothing more."</Notice> })
    };
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
            {off}
            <div class="actions">
                <PostForm action=make attr:class="inline-form">
                    <button class="btn" type="submit">
                        {move || if link.get().is_some() { "Make a new link" } else { "Make a subscription link" }}
                    </button>
                </PostForm>
                <PostForm action=revoke attr:class="inline-form">
                    <button class="btn" type="submit">"Turn the link off"</button>
                </PostForm>
                <a class="btn" href="/calendar.ics" download="interviews.ics">"Download .ics"</a>
            </div>
        </section>
    }
}
