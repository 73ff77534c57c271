//! What the releases' server functions take and return.

use crate::ids::SessionId;
use serde::{Deserialize, Serialize};

/// The form that creates a release: its name, the local date and time it opens (the
/// program's zone), and the sessions it holds (`release[sessions][n]`, sparse).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub sessions: Vec<SessionId>,
    /// A fair release: rankings during a window, then a seeded draw (the box ticked).
    #[serde(default)]
    pub fair: bool,
    /// The fair window's length in hours (blank: 48).
    #[serde(default)]
    pub window_hours: String,
}

/// An applicant's ranking in a fair release: the sessions in their order, from the form's
/// selects (`ranking[choices][n]`, a session's id or blank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingForm {
    pub program_id: crate::ids::ProgramId,
    pub release_id: i64,
    #[serde(default)]
    pub choices: Vec<String>,
}

/// A release as its screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseView {
    pub id: i64,
    pub name: String,
    /// When it opens, in the program's zone ("Thursday, October 1, 2026 at 10:00 AM
    /// (America/New_York)").
    pub opens: String,
    pub open_now: bool,
    pub sessions: Vec<String>,
    /// A fair release: when its window closes (words), the seed's SHA-256, the seed itself
    /// once drawn, how many have ranked.
    pub fair: Option<FairSaid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairSaid {
    pub closes: String,
    pub seed_hash: String,
    pub seed: Option<String>,
    pub drawn: Option<String>,
    pub ranked: i64,
}

/// The Releases screen: the program's releases, and its sessions to put in a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Releases {
    pub releases: Vec<ReleaseView>,
    /// Every session of the program: its id, name in words, and the release it is in already.
    pub sessions: Vec<(SessionId, String, Option<String>)>,
    pub time_zone: String,
}

/// A fair release as an invited applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairView {
    pub program_id: crate::ids::ProgramId,
    pub release_id: i64,
    pub name: String,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub opens_at: chrono::DateTime<chrono::Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub closes_at: chrono::DateTime<chrono::Utc>,
    pub opens: String,
    pub closes: String,
    /// The sessions to rank (id, name in words).
    pub sessions: Vec<(SessionId, String)>,
    /// The applicant's ranking so far.
    pub mine: Vec<SessionId>,
    pub seed_hash: String,
    /// Once drawn: the seed.
    pub seed: Option<String>,
}
