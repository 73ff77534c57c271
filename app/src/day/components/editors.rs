//! Who else has a session's Day page open: the page says so once on arrival (enter-day), the
//! push stream keeps it current, and the page says it left on the way out (leave-day).

use crate::day::api::{EnterDay, LeaveDay};
use crate::ids::SessionId;
use crate::live::Live;
use crate::ui::call;
use leptos::prelude::*;

/// Enters the Day page of the session in the address (and leaves it when the page goes); the
/// names of the others who have it open, kept current by the push stream.
pub(super) fn other_editors(
    id: impl Fn() -> Option<SessionId> + Copy + Send + Sync + 'static,
    live: Live,
) -> Signal<Vec<String>> {
    let me = RwSignal::new(None::<String>);
    // Who else has this Day page open: said once on arrival, then pushed; left on the way out
    // (or when the tab's push stream ends).
    Effect::new(move |_| {
        let Some(session) = id() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(p) = call(EnterDay {
                session_id: session,
            })
            .await
            {
                me.set(Some(p.me));
                live.editors.update(|m| {
                    m.insert(session, p.editors);
                });
            }
        });
        on_cleanup(move || {
            leptos::task::spawn_local(async move {
                let _ = call(LeaveDay {
                    session_id: session,
                })
                .await;
            });
        });
    });
    Signal::derive(move || {
        let mine = me.get();
        id().map(|s| {
            live.editors.with(|m| {
                m.get(&s)
                    .map(|names| {
                        names
                            .iter()
                            .filter(|n| Some(*n) != mine.as_ref())
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
        .unwrap_or_default()
    })
}
