//! What the browser is told at a room's door (the room page's data).

use crate::clock::types::ClockView;
use crate::ids::SessionId;
use crate::timetrack::types::Broadcast;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The door of a room's link, for the person asking, now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomDoor {
    /// In: the room's name, how they take part ("Interviewer", "Applicant", "Coordinator",
    /// "Attendee"), and for an applicant when the day clock moves them on, and where.
    Enter {
        room: String,
        part: String,
        leaving: Option<Leaving>,
        day: Option<RoomDay>,
    },
    /// The waiting room: their room, until when at the latest, and why.
    Wait {
        room: String,
        #[serde(deserialize_with = "crate::wire::instant")]
        until: DateTime<Utc>,
        why: String,
        day: Option<RoomDay>,
    },
    /// Not for them (nothing of the room said).
    Refused { why: String },
    /// Theirs, but their time in it is over; for an applicant, where their day takes them now.
    Over {
        room: String,
        why: String,
        leaving: Option<Leaving>,
    },
}

/// When an applicant's time in a room ends (as the day clock runs) and where they go then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leaving {
    #[serde(deserialize_with = "crate::wire::instant")]
    pub at: DateTime<Utc>,
    /// `None`: their day is done.
    pub next: Option<NextRoom>,
}

/// The day around a room: its session's clock (the countdown, with the knock for staff) and
/// the coordinators' messages, as of the answer (pushes keep both current after it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomDay {
    pub session: SessionId,
    pub clock: ClockView,
    pub broadcasts: Vec<Broadcast>,
    /// The messages' audience: an applicant's, an interviewer's, or (`None`) a coordinator's.
    pub applicant: Option<bool>,
}

/// A room of the day: its name and link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextRoom {
    pub name: String,
    pub href: String,
}

impl RoomDoor {
    /// The door without when and where its person moves on: the room itself, which a change of
    /// the clock leaves as it is.
    pub fn staying(&self) -> RoomDoor {
        match self {
            RoomDoor::Enter { room, part, .. } => RoomDoor::Enter {
                room: room.clone(),
                part: part.clone(),
                leaving: None,
                day: None,
            },
            RoomDoor::Wait {
                room, until, why, ..
            } => RoomDoor::Wait {
                room: room.clone(),
                until: *until,
                why: why.clone(),
                day: None,
            },
            RoomDoor::Over { room, why, .. } => RoomDoor::Over {
                room: room.clone(),
                why: why.clone(),
                leaving: None,
            },
            other => other.clone(),
        }
    }

    /// The day's clock and messages, as the door last said them.
    pub fn day(&self) -> Option<RoomDay> {
        match self {
            RoomDoor::Enter { day, .. } | RoomDoor::Wait { day, .. } => day.clone(),
            _ => None,
        }
    }

    pub fn leaving(&self) -> Option<Leaving> {
        match self {
            RoomDoor::Enter { leaving, .. } | RoomDoor::Over { leaving, .. } => leaving.clone(),
            _ => None,
        }
    }
}

/// A TURN relay the browser may use, with its short-lived credentials (`crate::media::relays`):
/// handed to `RTCPeerConnection` as an ICE server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relay {
    pub urls: Vec<String>,
    pub username: String,
    pub credential: String,
}

/// How many others a member's browser can see and hear at once: the receiving lines it offers
/// per kind (the media server's `SLOTS`, which `ssr` checks is the same).
pub const SLOTS: usize = 11;
