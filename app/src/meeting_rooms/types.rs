//! What meeting rooms' server functions take and what their screen is written from: a room as
//! listed, the page's rooms and choices, the form. `api`, `ssr` and `pages` import it, so none
//! of them needs another for its types.

use super::domain::Audience;
use crate::ids::{MeetingRoomId, SessionId};
use crate::programs::domain::InterviewSetup;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// A meeting room as the Meeting Rooms page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRoomView {
    pub id: MeetingRoomId,
    /// The session's name (`None`: every session).
    pub session: Option<String>,
    pub name: String,
    pub audience: Audience,
    #[serde(deserialize_with = "crate::wire::time")]
    pub start: NaiveTime,
    #[serde(deserialize_with = "crate::wire::time")]
    pub end: NaiveTime,
    pub place: String,
    pub link: Option<String>,
}

/// What the Meeting Rooms page shows: the program's rooms, its sessions to choose from, and
/// whether a room's location is a place or a meeting link (by the setup option).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRooms {
    pub rooms: Vec<MeetingRoomView>,
    /// `(id, name)` of each session, in date order.
    pub sessions: Vec<(SessionId, String)>,
    pub setup: InterviewSetup,
}

/// The meeting room form (`room[name]` …), text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRoomForm {
    pub name: String,
    pub audience: String,
    /// Blank: every session of the program.
    #[serde(default)]
    pub session_id: Option<String>,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub location: String,
}
