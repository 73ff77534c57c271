//! Server functions of finalized days (publish, take down, versions: coordinators) and of
//! itineraries (each person's own published day), with what their pages show.

use super::types::{Itinerary, PublishReview};
use crate::error::AppError;
use crate::ids::{DraftVersion, ItineraryVersion, SessionId};
use leptos::prelude::*;

/// Coordinators: the version out, every version, and what publishing the draft would change.
#[server(output = crate::codec::Compact, endpoint = "review-publish")]
pub async fn review_publish(session_id: SessionId) -> Result<PublishReview, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::review(&state, staff, session_id).await
}

/// Coordinators: publishes the draft reviewed at `draft_version` as the next version and tells
/// the people whose day changed; returns the version.
#[server(output = crate::codec::Compact, endpoint = "finalize-day")]
pub async fn finalize_day(
    session_id: SessionId,
    draft_version: DraftVersion,
) -> Result<ItineraryVersion, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::finalize(&state, staff, session_id, draft_version).await
}

/// Coordinators: takes the published day down (everyone who had an itinerary is told).
#[server(output = crate::codec::Compact, endpoint = "unfinalize-day")]
pub async fn unfinalize_day(session_id: SessionId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::unfinalize(&state, staff, session_id).await
}

/// Staff: their published days as an interviewer, across sessions and programs.
#[server(output = crate::codec::Compact, endpoint = "my-day")]
pub async fn my_day() -> Result<Vec<Itinerary>, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::my_days(&state, staff.user_id).await
}

/// Anyone logged in: a new private calendar subscription link (the previous one stops
/// working); shown once, as only its hash is kept.
#[server(output = crate::codec::Compact, endpoint = "new-calendar-link")]
pub async fn new_calendar_link() -> Result<String, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::new_calendar_link(&state, caller.user_id).await
}

/// Anyone logged in: whether they have a calendar subscription link on.
#[server(output = crate::codec::Compact, endpoint = "calendar-link")]
pub async fn calendar_link() -> Result<bool, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::calendar_link_on(&state, caller.user_id).await
}

/// Anyone logged in: turns their calendar subscription link off.
#[server(output = crate::codec::Compact, endpoint = "revoke-calendar-link")]
pub async fn revoke_calendar_link() -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::revoke_calendar_link(&state, caller.user_id).await
}
