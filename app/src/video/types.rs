//! What the browser is told at a room's door (the room page's data).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The door of a room's link, for the person asking, now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomDoor {
    /// In: the room's name, and how they take part ("Interviewer", "Applicant", "Coordinator",
    /// "Attendee").
    Enter { room: String, part: String },
    /// The waiting room: their room, until when at the latest, and why.
    Wait {
        room: String,
        #[serde(deserialize_with = "crate::wire::instant")]
        until: DateTime<Utc>,
        why: String,
    },
    /// Not for them (nothing of the room said).
    Refused { why: String },
}

/// How many others a member's browser can see and hear at once: the receiving lines it offers
/// per kind (the media server's `SLOTS`, which `ssr` checks is the same).
pub const SLOTS: usize = 11;
