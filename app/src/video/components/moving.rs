//! Moved by the day clock: ten seconds before an applicant's time in a room ends, a notice says
//! where they go next, with a link to go at once; at the end the page takes them there (the next
//! room's link, whose door lets them in or has them wait), or says their day is done. The time
//! is the server's, by the tab's estimate (the day clock's times are the server's).

use crate::ui::server_now;
use crate::video::types::Leaving;
use leptos::prelude::*;

/// How long before the move the notice shows.
const NOTICE_MS: i64 = 10_000;

/// The notice, and the move itself; `done` is set when the day ends here.
#[component]
pub(super) fn Moving(leaving: RwSignal<Option<Leaving>>, done: RwSignal<bool>) -> impl IntoView {
    let now = server_now(250);
    // Shown only once the page runs in the browser (the server's render knows no estimate).
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    let left_ms = Memo::new(move |_| {
        leaving.with(|l| l.as_ref().map(|l| (l.at - now.get()).num_milliseconds()))
    });
    let moved = StoredValue::new(false);
    Effect::new(move |_| {
        if !mounted.get() || left_ms.get().is_none_or(|ms| ms > 0) || moved.get_value() {
            return;
        }
        moved.set_value(true);
        match leaving.get_untracked().and_then(|l| l.next) {
            Some(next) => go(&next.href),
            None => done.set(true),
        }
    });
    let notice = move || {
        let ms = left_ms
            .get()
            .filter(|ms| mounted.get() && *ms <= NOTICE_MS)?;
        let seconds = (ms.max(0) + 999) / 1000;
        let next = leaving.get()?.next;
        let words = match &next {
            Some(n) => format!(
                "Your time here ends: moving you to {} in {seconds} s.",
                n.name
            ),
            None => format!("Your last interview ends in {seconds} s: your day is done then."),
        };
        let now = next.map(|n| {
            view! { <a class="btn btn-primary" href=n.href rel="external">"Go to " {n.name} " now"</a> }
        });
        Some(view! {
            <div class="alert alert-info moving" role="status" data-testid="moving">
                <p>{words}</p>
                {now}
            </div>
        })
    };
    view! { {notice} }
}

/// The end of an applicant's day, in place of the room.
#[component]
pub(super) fn DayDone() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="day-done">
            <h2 id="day-done">"Your day is done"</h2>
            <p>"Thank you for interviewing with us. Your camera and microphone are off; you may close this page."</p>
            <p><a class="btn btn-primary" href="/">"Go to your start page"</a></p>
        </section>
    }
}

/// Loads `href` (the next room's page, anew).
fn go(href: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().set_href(href);
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}
