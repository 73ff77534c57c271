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
