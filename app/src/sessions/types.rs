//! What sessions' server functions take and return, and the session as pages show it: both
//! `api` (the server functions) and `ssr` (the workflows) use these, neither the other.

use super::domain::{clock, long_date, Fill};
use crate::ids::SessionId;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::domain::SessionForm;

/// A session as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: SessionId,
    pub name: String,
    /// The date and wall-clock times in the session's own zone.
    #[serde(deserialize_with = "crate::wire::date")]
    pub date: NaiveDate,
    #[serde(deserialize_with = "crate::wire::time")]
    pub start: NaiveTime,
    #[serde(deserialize_with = "crate::wire::time")]
    pub end: NaiveTime,
    pub time_zone: String,
    pub visible: bool,
    pub fill: Fill,
    /// The start and end as instants, for showing them in the viewer's own zone.
    #[serde(deserialize_with = "crate::wire::instant")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub ends_at: DateTime<Utc>,
}

/// The program's sessions (`list-sessions`, and what the sessions screen is written from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsPage {
    pub sessions: Vec<SessionSummary>,
    /// The program builds its interview days in the portal (its setup option).
    pub builds_days: bool,
}

/// "Tuesday, December 8, 2026 · 8:00 AM – 4:00 PM (America/New_York)"
pub fn when(s: &SessionSummary) -> String {
    format!(
        "{} · {} – {} ({})",
        long_date(s.date),
        clock(s.start),
        clock(s.end),
        s.time_zone
    )
}
