//! The server side: the in-process [`Hub`] every push stream of this instance subscribes to,
//! the [`Event`]s mutating code publishes to it, who each is for ([`Audience`]) and what
//! happened ([`Change`]); and who has a Day page open ([`Editor`]).

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
    Clock(Box<crate::clock::types::ClockView>),
    /// A session's TimeTrack changed (state: its screens reload).
    TimeTrack(crate::ids::SessionId),
    /// A coordinator's message (not state: delivered as it is, never coalesced away).
    Broadcast(Box<crate::timetrack::types::Broadcast>),
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

/// Someone with a session's Day page open, on this instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub program: ProgramId,
    pub session: crate::ids::SessionId,
    /// Their login (the push stream ends it when the tab closes).
    pub token_hash: String,
    pub name: String,
}

/// The in-process hub every stream of this instance subscribes to. On PostgreSQL it also
/// hands what is published here to a relay (the server's fan-out), which tells the other
/// instances on the same database.
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
