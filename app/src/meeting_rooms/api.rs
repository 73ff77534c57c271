//! Server functions of meeting rooms (coordinators: add, remove; the page's own, which returns
//! its HTML, is in `pages`). Each finds its caller with one guard and calls one workflow in
//! `ssr`.

pub use super::types::MeetingRoomForm;
use crate::error::AppError;
use crate::ids::MeetingRoomId;
use leptos::prelude::*;

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
