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
