//! The Day page's screens written on the server: the setup (`setup.rs`, server only), and the
//! server function that sends it with the day in one load, beside its writer so that `api.rs`
//! never imports a page.

#[cfg(feature = "ssr")]
mod setup;
#[cfg(feature = "ssr")]
pub use setup::setup_page;

use crate::day::types::DayPage;
use crate::error::AppError;
use crate::ids::{RoomId, SessionId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The Day page as one load brings it: the day for the builder and the cards, and its setup
/// screen written on the server (shown by a `ui::ServerPanel`, which takes its HTML from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayScreen {
    pub day: DayPage,
    /// The setup (rooms, rounds and breaks, conflicts, templates) as HTML.
    pub setup: String,
}

impl From<DayScreen> for String {
    /// The setup's HTML, for the page's server panel.
    fn from(screen: DayScreen) -> String {
        screen.setup
    }
}

/// Coordinators: a session's Day page in one load (one reading of the day per reload or live
/// change, not one for the builder and another for the setup): the day, and its setup screen
/// (rooms, rounds and breaks, conflicts, templates; `room`: the room in the room form) written
/// on the server (`setup.rs`).
#[server(output = crate::codec::Compact, endpoint = "day-setup-page")]
pub async fn day_setup_page(
    session_id: SessionId,
    #[server(default)] room: Option<RoomId>,
) -> Result<DayScreen, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let day = crate::day::ssr::day_page(&state, staff, session_id).await?;
    let setup = setup_page(&day, room);
    Ok(DayScreen { day, setup })
}
