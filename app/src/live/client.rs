//! The browser side: what a tab knows live ([`Live`], provided as context) and the one push
//! stream per tab (`EventSource` on `/events`) that feeds it.

use super::DraftChange;
use crate::ids::SessionId;
use crate::sessions::domain::Fill;
use leptos::prelude::*;
use std::collections::HashMap;

/// What a tab knows live, provided as context by [`provide_live`].
#[derive(Clone, Copy)]
pub struct Live {
    pub fills: RwSignal<HashMap<SessionId, Fill>>,
    /// Bumps when lists should be reloaded (applicants changed, reconnect, resync): resources
    /// that show them are keyed on it.
    pub version: RwSignal<u64>,
    /// Draft changes not yet taken by the page showing that draft (coordinators only).
    pub drafts: RwSignal<Vec<DraftChange>>,
    /// Who has each Day page open (coordinators only), as last heard.
    pub editors: RwSignal<HashMap<SessionId, Vec<String>>>,
    /// Notices addressed to this viewer (a published itinerary, …), oldest first, until
    /// dismissed.
    pub notices: RwSignal<Vec<String>>,
    /// Day clocks as last pushed (cleared on a reconnect, when pages reload the true state).
    pub clocks: RwSignal<HashMap<SessionId, crate::clock::types::ClockView>>,
    /// Bumps when a TimeTrack screen should reload (a room's status changed, a reconnect).
    pub timetrack: RwSignal<u64>,
    /// Broadcasts heard since the page loaded, oldest first.
    pub broadcasts: RwSignal<Vec<crate::timetrack::types::Broadcast>>,
    connected: StoredValue<bool>,
}

impl Live {
    /// The live fill of a session, falling back to what the page loaded.
    pub fn fill(&self, loaded: Fill) -> Fill {
        self.fills
            .with(|m| m.get(&loaded.session_id).copied())
            .unwrap_or(loaded)
    }
}

pub fn provide_live() {
    provide_context(Live {
        fills: RwSignal::new(HashMap::new()),
        version: RwSignal::new(0),
        drafts: RwSignal::new(Vec::new()),
        editors: RwSignal::new(HashMap::new()),
        notices: RwSignal::new(Vec::new()),
        clocks: RwSignal::new(HashMap::new()),
        timetrack: RwSignal::new(0),
        broadcasts: RwSignal::new(Vec::new()),
        connected: StoredValue::new(false),
    });
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// Opens the tab's push stream, once (see `shell::provide_me`; effects run in the browser only).
pub fn connect(live: Live) {
    if live.connected.get_value() {
        return;
    }
    live.connected.set_value(true);
    #[cfg(feature = "hydrate")]
    stream::open(live);
}

#[cfg(feature = "hydrate")]
mod stream {
    use super::Live;
    use crate::live::LiveMessage;
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    pub fn open(live: Live) {
        // The tab's build rides along; a server of another build answers with `updated`.
        let url = format!(
            "/events?{}={}",
            crate::ui::build::META,
            crate::ui::build::current()
        );
        let Ok(source) = web_sys::EventSource::new(&url) else {
            return;
        };
        let on_updated = Closure::<dyn FnMut()>::new(crate::ui::build::reload);
        let _ =
            source.add_event_listener_with_callback("updated", on_updated.as_ref().unchecked_ref());
        on_updated.forget();
        let opened_before = StoredValue::new(false);
        let on_open = Closure::<dyn FnMut()>::new(move || {
            // A reconnect (the server restarted, the network came back): what was missed is
            // unknown, so reload the true state.
            if opened_before.get_value() {
                live.fills.update(|m| m.clear());
                live.clocks.update(|m| m.clear());
                live.version.update(|v| *v += 1);
                live.timetrack.update(|v| *v += 1);
            }
            opened_before.set_value(true);
        });
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let Some(text) = ev.data().as_string() else {
                    return;
                };
                let Some(msg) = LiveMessage::from_wire(&text) else {
                    return;
                };
                take(live, msg);
            });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_open.forget();
        on_message.forget();
        // The stream lives as long as the tab: every page of the app shares it.
        std::mem::forget(source);
    }

    /// Takes a push into the tab's signals: the latest state of what changed, notices and
    /// broadcasts added, and what should reload bumped.
    fn take(live: Live, msg: LiveMessage) {
        if msg.logged_out {
            // The login session ended (deactivated, or logged out elsewhere): nothing this tab
            // shows is theirs any more.
            let _ = window().location().set_href("/login");
            return;
        }
        if !msg.fills.is_empty() {
            live.fills.update(|m| {
                for f in &msg.fills {
                    m.insert(f.session_id, *f);
                }
            });
        }
        if !msg.editors.is_empty() {
            live.editors.update(|m| {
                for e in &msg.editors {
                    m.insert(e.session, e.names.clone());
                }
            });
        }
        if !msg.clocks.is_empty() {
            live.clocks.update(|m| {
                for c in msg.clocks {
                    m.insert(c.session, c);
                }
            });
        }
        if !msg.drafts.is_empty() {
            live.drafts.update(|d| d.extend(msg.drafts));
        }
        if !msg.timetrack.is_empty() || msg.resync {
            live.timetrack.update(|v| *v += 1);
        }
        if !msg.broadcasts.is_empty() {
            // On whatever page the person is, the message shows (as a notice); the
            // TimeTrack screens also keep it in their list.
            live.notices.update(|n| {
                n.extend(
                    msg.broadcasts
                        .iter()
                        .map(|b| format!("Message from {}: {}", b.from, b.body)),
                )
            });
            live.broadcasts.update(|b| b.extend(msg.broadcasts));
        }
        // A notice says something of the viewer's changed: shown, and pages reload.
        let told = !msg.notices.is_empty();
        if told {
            live.notices.update(|n| n.extend(msg.notices));
        }
        if msg.applicants_changed || msg.resync || told {
            live.version.update(|v| *v += 1);
        }
    }
}
