//! What the finalized day's server functions take and return: an itinerary, a published
//! version, the Finalize card's review.

use super::domain::{PhaseTimes, Stop};
use crate::ids::{DraftVersion, ItineraryVersion, SessionId};
use chrono::NaiveDate;
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
    pub version: ItineraryVersion,
    pub stops: Vec<Stop>,
    /// Some stop is a video room of the portal's own: the itinerary links the setup check.
    pub video_check: bool,
    /// The running day's rounds and breaks as they stand when loaded (empty before it starts):
    /// the stops follow them, and the clock's pushes after them.
    pub times: Vec<PhaseTimes>,
}

/// A published version: its number, who published it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: ItineraryVersion,
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
    pub out: Option<ItineraryVersion>,
    /// The number the next publish takes.
    pub next: ItineraryVersion,
    /// Every version, newest first.
    pub versions: Vec<VersionInfo>,
    /// The draft's version the review was made on (a publish states it).
    pub draft_version: DraftVersion,
    /// What publishing the draft now would change, for whom.
    pub changes: Vec<PersonChange>,
    /// Why the draft cannot be published as it is (empty: it can).
    pub problems: Vec<String>,
}
