//! Live updates. Mutating code publishes [`Event`]s to the in-process [`Hub`] (on PostgreSQL
//! the server's fan-out also passes them to the other instances); the server's push route
//! (`/events`, server-sent events) forwards to each browser tab what its viewer may see,
//! coalesced to the latest fill per session. In the browser, one `EventSource` per tab feeds
//! the [`Live`] signals every component reads.

use crate::ids::SessionId;
use crate::sessions::domain::Fill;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One push message, as sent to a tab.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveMessage {
    /// The latest fill of each session that changed.
    pub fills: Vec<Fill>,
    /// Applicants changed (statuses, choices): lists of applicants should reload.
    pub applicants_changed: bool,
    /// Messages were lost (a slow tab): reload everything.
    pub resync: bool,
    /// One-off notices (a broadcast, a word to one person), oldest first: each is sent once
    /// and never merged with another.
    pub notices: Vec<String>,
    /// Draft schedules that changed (coordinators only), the latest of each session.
    pub drafts: Vec<DraftChange>,
    /// Who has a session's Day page open now (coordinators only), the latest of each session.
    pub editors: Vec<Editors>,
    /// Day clocks that moved (the session's people), the latest of each session.
    pub clocks: Vec<crate::clock::api::ClockView>,
    /// Sessions whose TimeTrack changed (a room's status, a No-show): their screens reload.
    pub timetrack: Vec<SessionId>,
    /// Broadcasts to the viewer, oldest first: each delivered, never merged away.
    pub broadcasts: Vec<crate::timetrack::api::Broadcast>,
}

impl LiveMessage {
    /// The message as the data line of a push: postcard in base64 (the compact wire of
    /// [`crate::codec`]; the browser carries no JSON decoder for it).
    pub fn to_wire(&self) -> String {
        use base64::Engine;
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
    }

    /// A push's data line read back (`None`: not one of ours).
    pub fn from_wire(text: &str) -> Option<LiveMessage> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(text.trim())
            .ok()?;
        postcard::from_bytes(&bytes).ok()
    }
}

/// The people with a session's Day page open, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editors {
    pub session: SessionId,
    pub names: Vec<String>,
}

/// A draft schedule changed: these cells at this version, or (`cells: None`) reload it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftChange {
    pub session: SessionId,
    pub version: i64,
    pub cells: Option<Vec<crate::day::domain::edit::CellState>>,
}

impl DraftChange {
    /// Folds a later change of the same session into this one: the cells of both (the later
    /// wins), or a reload when either is one.
    pub fn merge(&mut self, later: DraftChange) {
        self.version = self.version.max(later.version);
        self.cells = match (self.cells.take(), later.cells) {
            (Some(mut a), Some(b)) => {
                for c in b {
                    a.retain(|x| x.cell != c.cell);
                    a.push(c);
                }
                Some(a)
            }
            _ => None,
        };
    }
}

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
    pub clocks: RwSignal<HashMap<SessionId, crate::clock::api::ClockView>>,
    /// Bumps when a TimeTrack screen should reload (a room's status changed, a reconnect).
    pub timetrack: RwSignal<u64>,
    /// Broadcasts heard since the page loaded, oldest first.
    pub broadcasts: RwSignal<Vec<crate::timetrack::api::Broadcast>>,
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
    client::open(live);
}

#[cfg(feature = "hydrate")]
mod client {
    use super::{Live, LiveMessage};
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    pub fn open(live: Live) {
        let Ok(source) = web_sys::EventSource::new("/events") else {
            return;
        };
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
            });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_open.forget();
        on_message.forget();
        // The stream lives as long as the tab: every page of the app shares it.
        std::mem::forget(source);
    }
}

#[cfg(feature = "ssr")]
mod hub {
    use crate::ids::ProgramId;
    use crate::sessions::domain::Fill;
    use serde::{Deserialize, Serialize};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use tokio::sync::{broadcast, mpsc};

    /// Who an event is for. The push route delivers an event to a tab when its viewer is in
    /// one of the event's audiences, as the viewer acts now (a director switched to interviewer
    /// is an interviewer).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Audience {
        /// The program's directors, managers and coordinators, acting as such.
        Coordinators(ProgramId),
        /// Everyone on the program's staff, interviewers included.
        Staff(ProgramId),
        /// Applicants whose invitation from the program was sent.
        Applicants(ProgramId),
        /// One person, by the e-mail they log in with.
        Person(String),
        /// One login session (by its token's hash): its role or program changed.
        Login(String),
        /// Every open stream; only for [`Change::Resync`], which carries nothing.
        Everyone,
    }

    /// What happened.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Change {
        /// A session's fill (state: only the latest counts).
        Fill(Fill),
        /// Applicants changed, or a score sheet was submitted: lists of them (and the rank
        /// list) should reload (state).
        ApplicantsChanged,
        /// The viewer's role or program changed: the stream finds out anew what they may see.
        Rescope,
        /// Changes may have been missed (another instance's messages were lost): every tab
        /// reloads the true state.
        Resync,
        /// A one-off notice (not state): delivered as it is, never coalesced away.
        Notice(String),
        /// A draft schedule changed (state: merged per session).
        Draft(super::DraftChange),
        /// Who has a session's Day page open (state: the latest per session).
        Editors(super::Editors),
        /// A session's day clock moved (state: the latest per session).
        Clock(Box<crate::clock::api::ClockView>),
        /// A session's TimeTrack changed (state: its screens reload).
        TimeTrack(crate::ids::SessionId),
        /// A coordinator's message (not state: delivered as it is, never coalesced away).
        Broadcast(Box<crate::timetrack::api::Broadcast>),
    }

    /// One change and who may hear of it.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Event {
        pub audiences: Vec<Audience>,
        pub change: Change,
    }

    impl Event {
        /// Every tab reloads the true state.
        pub fn resync() -> Event {
            Event {
                audiences: vec![Audience::Everyone],
                change: Change::Resync,
            }
        }
    }

    /// The in-process hub every stream of this instance subscribes to. On PostgreSQL it also
    /// hands what is published here to a relay (the server's fan-out), which tells the other
    /// instances on the same database.
    /// Someone with a session's Day page open, on this instance.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Editor {
        pub program: ProgramId,
        pub session: crate::ids::SessionId,
        /// Their login (the push stream ends it when the tab closes).
        pub token_hash: String,
        pub name: String,
    }

    #[derive(Clone)]
    pub struct Hub {
        tx: broadcast::Sender<Event>,
        editors: Arc<std::sync::Mutex<Vec<Editor>>>,
        relay: Arc<OnceLock<mpsc::Sender<Event>>>,
        /// An event could not be handed to the relay (it was full): the other instances are
        /// owed a resync.
        relay_dropped: Arc<AtomicBool>,
    }

    impl Default for Hub {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Hub {
        pub fn new() -> Self {
            Self {
                tx: broadcast::channel(4096).0,
                relay: Arc::new(OnceLock::new()),
                relay_dropped: Arc::new(AtomicBool::new(false)),
                editors: Arc::new(std::sync::Mutex::new(Vec::new())),
            }
        }

        /// The names of who has `session`'s Day page open here, sorted.
        pub fn editors(&self, session: crate::ids::SessionId) -> Vec<String> {
            let list = self.editors.lock().unwrap_or_else(|e| e.into_inner());
            let mut names: Vec<String> = list
                .iter()
                .filter(|e| e.session == session)
                .map(|e| e.name.clone())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        }

        /// Records that a login opened a Day page (once per login and session) and tells the
        /// program's coordinators who has it open now.
        pub fn enter(&self, editor: Editor) {
            let (program, session) = (editor.program, editor.session);
            {
                let mut list = self.editors.lock().unwrap_or_else(|e| e.into_inner());
                if !list.contains(&editor) {
                    list.push(editor);
                }
            }
            self.publish_editors(program, session);
        }

        /// Forgets a login's open Day pages (`session`: one of them; `None`: all, as when its
        /// tab's push stream ends) and tells the coordinators.
        pub fn leave(&self, token_hash: &str, session: Option<crate::ids::SessionId>) {
            let gone: Vec<Editor> = {
                let mut list = self.editors.lock().unwrap_or_else(|e| e.into_inner());
                let (gone, kept) = list.drain(..).partition(|e| {
                    e.token_hash == token_hash && session.is_none_or(|s| s == e.session)
                });
                *list = kept;
                gone
            };
            for e in gone {
                self.publish_editors(e.program, e.session);
            }
        }

        fn publish_editors(&self, program: ProgramId, session: crate::ids::SessionId) {
            let names = self.editors(session);
            self.publish(Event {
                audiences: vec![Audience::Coordinators(program)],
                change: Change::Editors(super::Editors { session, names }),
            });
        }

        /// Publishes a change made on this instance: to its own streams, and through the relay
        /// (when there is one) to the other instances.
        pub fn publish(&self, event: Event) {
            if let Some(relay) = self.relay.get() {
                if relay.try_send(event.clone()).is_err() {
                    self.relay_dropped.store(true, Ordering::Relaxed);
                }
            }
            self.deliver(event);
        }

        /// Delivers an event to this instance's streams only (one heard from another instance).
        pub fn deliver(&self, event: Event) {
            let _ = self.tx.send(event);
        }

        pub fn subscribe(&self) -> broadcast::Receiver<Event> {
            self.tx.subscribe()
        }

        /// Sets the relay to the other instances, once; `false` if one was set already.
        pub fn set_relay(&self, relay: mpsc::Sender<Event>) -> bool {
            self.relay.set(relay).is_ok()
        }

        /// Whether an event was dropped on the way to the relay since the last call.
        pub fn take_relay_dropped(&self) -> bool {
            self.relay_dropped.swap(false, Ordering::Relaxed)
        }
    }
}

#[cfg(feature = "ssr")]
pub use hub::{Audience, Change, Editor, Event, Hub};

/// What a write changed: the fill of the sessions it touched (read inside its transaction, so
/// publishing after the commit needs no connection — in a rush the pool is busy with the
/// writes themselves) and the applicant concerned.
#[cfg(feature = "ssr")]
pub struct Changes {
    program_id: crate::ids::ProgramId,
    fills: Vec<(Fill, bool)>,
    email: Option<String>,
}

/// Reads what a write changed, inside its transaction: the fills of `session_ids` (as the
/// transaction leaves them) and that applicants changed (`email`: the one concerned).
#[cfg(feature = "ssr")]
pub async fn changes(
    repo: &crate::db::Repo,
    tx: &mut crate::db::Tx,
    program_id: crate::ids::ProgramId,
    session_ids: &[SessionId],
    email: Option<&str>,
) -> Result<Changes, sqlx::Error> {
    let mut fills = Vec::new();
    for id in session_ids {
        if let Some(row) = repo.session_in(&mut **tx, program_id, *id).await? {
            fills.push((row.fill(), row.visible));
        }
    }
    Ok(Changes {
        program_id,
        fills,
        email: email.map(str::to_string),
    })
}

#[cfg(feature = "ssr")]
impl Changes {
    /// Publishes them, after the commit: each fill to the program's coordinators (and to its
    /// invited applicants when the session is visible); that applicants changed to the
    /// coordinators and to the applicant concerned, whose own tabs reload.
    pub fn publish(self, state: &crate::server::AppState) {
        let program_id = self.program_id;
        for (fill, visible) in self.fills {
            let mut audiences = vec![Audience::Coordinators(program_id)];
            if visible {
                audiences.push(Audience::Applicants(program_id));
            }
            state.hub.publish(Event {
                audiences,
                change: Change::Fill(fill),
            });
        }
        let mut audiences = vec![Audience::Coordinators(program_id)];
        audiences.extend(self.email.map(Audience::Person));
        state.hub.publish(Event {
            audiences,
            change: Change::ApplicantsChanged,
        });
    }
}

/// Tells the streams of one login session that its role or program changed.
#[cfg(feature = "ssr")]
pub fn publish_rescope(state: &crate::server::AppState, token_hash: &str) {
    state.hub.publish(Event {
        audiences: vec![Audience::Login(token_hash.to_string())],
        change: Change::Rescope,
    });
}
