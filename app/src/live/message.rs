//! The push message a tab receives ([`LiveMessage`]) and the state it carries: who has a Day
//! page open ([`Editors`]) and a draft's changed cells ([`DraftChange`]).

use crate::ids::{DraftVersion, SessionId};
use crate::sessions::domain::Fill;
use serde::{Deserialize, Serialize};

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
    pub clocks: Vec<crate::clock::types::ClockView>,
    /// Sessions whose TimeTrack changed (a room's status, a No-show): their screens reload.
    pub timetrack: Vec<SessionId>,
    /// Broadcasts to the viewer, oldest first: each delivered, never merged away.
    pub broadcasts: Vec<crate::timetrack::types::Broadcast>,
    /// The tab's login session ended (logged out elsewhere, deactivated): the last message of
    /// the stream; the tab goes to the log-in page.
    pub logged_out: bool,
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
    pub version: DraftVersion,
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
