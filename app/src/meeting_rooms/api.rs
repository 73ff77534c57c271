//! Server functions of meeting rooms (coordinators: list, add, remove), with what their page
//! shows and the form it sends.

use super::domain::Audience;
use crate::error::AppError;
use crate::ids::{MeetingRoomId, SessionId};
use chrono::NaiveTime;
use leptos::prelude::*;
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

/// The Meeting Rooms page: the program's rooms, its sessions to choose from, and whether a
/// room's location is a place or a meeting link (by the setup option).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRoomsPage {
    pub rooms: Vec<MeetingRoomView>,
    /// `(id, name)` of each session, in date order.
    pub sessions: Vec<(SessionId, String)>,
    pub setup: crate::programs::domain::InterviewSetup,
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

/// Coordinators: the program's meeting rooms.
#[server(output = crate::codec::Compact, endpoint = "meeting-rooms")]
pub async fn meeting_rooms() -> Result<MeetingRoomsPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::meeting_rooms(&state, staff).await
}

/// Coordinators: adds a meeting room (to one session, or every one); it reaches the
/// itineraries of its audience with the next publish.
#[server(output = crate::codec::Compact, endpoint = "add-meeting-room")]
pub async fn add_meeting_room(room: MeetingRoomForm) -> Result<MeetingRoomId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_meeting_room(&state, staff, &room).await
}

/// Coordinators: removes a meeting room of the program.
#[server(output = crate::codec::Compact, endpoint = "remove-meeting-room")]
pub async fn remove_meeting_room(id: MeetingRoomId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_meeting_room(&state, staff, id).await
}
