//! The video room's server function: the door of a room's link for the caller, now.

use super::types::RoomDoor;
use crate::error::AppError;
use leptos::prelude::*;

/// Anyone logged in: whether they may enter the room of the link `token` now, wait, or not at
/// all (its rules: `super::domain`).
#[server(output = crate::codec::Compact, endpoint = "video-room")]
pub async fn video_room(token: String) -> Result<RoomDoor, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::room_door(&state, &caller, &token).await
}

/// Anyone logged in: the TURN relays their browser may use for the portal's video, with
/// credentials good for a day; none when the program runs no TURN server.
#[server(output = crate::codec::Compact, endpoint = "video-relays")]
pub async fn video_relays() -> Result<Vec<super::types::Relay>, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    Ok(super::ssr::relays(&state, &caller))
}
