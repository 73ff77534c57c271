//! The "Your calendar" card, written on the server for a [`crate::ui::ServerPanel`]: whether a
//! link is on, the link just made (once: `super::said`), the buttons that make one or turn it
//! off, the download.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{NewCalendarLink, RevokeCalendarLink},
    super::said::{take_said, Said},
    crate::ui::{html_of, message_line, Notice, NoticeKind},
    leptos::server_fn::ServerFn,
};

/// Anyone logged in: the "Your calendar" card, written on the server.
#[server(output = crate::codec::Compact, endpoint = "calendar-panel")]
pub async fn calendar_panel() -> Result<String, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    let on = crate::itinerary::ssr::calendar_link_on(&state, caller.user_id).await?;
    let said = take_said(&state);
    Ok(calendar_card(on, said))
}

/// The card: what it is, the link just made (once), whether a link is on, the buttons ("Turn
/// the link off" only while there is one) and the download.
#[cfg(feature = "ssr")]
pub fn calendar_card(on: bool, said: Option<Said>) -> String {
    let (link, state) = match said {
        Some(Said::Made(url)) => (
            Some(view! {
                <div class="field">
                    <label for="calendar-link">"Your subscription link — copy it now, it is shown once"</label>
                    <input id="calendar-link" class="input" readonly value=url/>
                </div>
            }),
            None,
        ),
        Some(Said::Off) if !on => (
            None,
            Some(view! { <Notice kind=NoticeKind::Info>"Your calendar link is off: calendars subscribed to it get nothing more."</Notice> }.into_any()),
        ),
        _ if on => (
            None,
            Some(view! { <Notice kind=NoticeKind::Info>"Your calendar link is on. It was shown once, when it was made: if you no longer have it, make a new one (the old one then stops working)."</Notice> }.into_any()),
        ),
        _ => (None, None),
    };
    html_of(view! {
        <p class="muted">
            "Subscribe in your calendar app to see your interviews there, kept up to date when the schedule changes. The link is private: anyone who has it sees your interview times."
        </p>
        {link}
        {state}
        <div class="actions">
            <form method="post" action=NewCalendarLink::PATH>
                <button class="btn" type="submit">
                    {if on { "Make a new link" } else { "Make a subscription link" }}
                </button>
                {message_line()}
            </form>
            {on.then(|| view! {
                <form method="post" action=RevokeCalendarLink::PATH>
                    <button class="btn" type="submit">"Turn the link off"</button>
                    {message_line()}
                </form>
            })}
            <a class="btn" href="/calendar.ics" download="interviews.ics">"Download .ics"</a>
        </div>
    })
}
