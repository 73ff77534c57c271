//! Server functions of finalized days (publish, take down, versions: coordinators) and of
//! itineraries (each person's own published day), with what their pages show.

use super::domain::Stop;
use crate::error::AppError;
use crate::ids::SessionId;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One person's published day in one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Itinerary {
    pub program: String,
    pub session_id: SessionId,
    pub session: String,
    #[serde(deserialize_with = "crate::wire::date")]
    pub date: NaiveDate,
    pub time_zone: String,
    /// The published version it comes from.
    pub version: i64,
    pub stops: Vec<Stop>,
    /// The running day's rounds and breaks as they stand when loaded (empty before it starts):
    /// the stops follow them, and the clock's pushes after them.
    pub times: Vec<crate::clock::api::PhaseTimes>,
}

/// A published version: its number, who published it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: i64,
    pub by: String,
    /// When, in the session's zone, named ("Dec 3, 9:12 AM EST").
    pub when: String,
}

/// Someone whose day a publish changes, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChange {
    pub name: String,
    /// "Applicant" or "Interviewer".
    pub role: String,
    pub lines: Vec<String>,
}

/// The Finalize card of a Day page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishReview {
    /// The version out now (`None`: not finalized).
    pub out: Option<i64>,
    /// The number the next publish takes.
    pub next: i64,
    /// Every version, newest first.
    pub versions: Vec<VersionInfo>,
    /// The draft's version the review was made on (a publish states it).
    pub draft_version: i64,
    /// What publishing the draft now would change, for whom.
    pub changes: Vec<PersonChange>,
    /// Why the draft cannot be published as it is (empty: it can).
    pub problems: Vec<String>,
}

/// Coordinators: the version out, every version, and what publishing the draft would change.
#[server(output = crate::codec::Compact, endpoint = "review-publish")]
pub async fn review_publish(session_id: SessionId) -> Result<PublishReview, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::review(&state, staff, session_id).await
}

/// Coordinators: publishes the draft reviewed at `draft_version` as the next version and tells
/// the people whose day changed; returns the version.
#[server(output = crate::codec::Compact, endpoint = "finalize-day")]
pub async fn finalize_day(session_id: SessionId, draft_version: i64) -> Result<i64, AppError> {
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
