//! What the waitlists' server functions return: the coordinator's Waitlists page, and an
//! applicant's change of plans for one program (their locks, their places in line).

use crate::booking::rules::WaitlistMode;
use crate::ids::{ApplicantId, SessionId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One applicant in a line, as coordinators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineEntry {
    pub applicant_id: ApplicantId,
    pub name: String,
    pub email: String,
    /// When they joined, in the session's zone.
    pub joined: String,
    /// First come: told a seat is open.
    pub told: bool,
    /// A seat held for them until then (in the session's zone).
    pub offer_until: Option<String>,
}

/// A session and its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub session_id: SessionId,
    /// "Tuesday (Tuesday, March 9, 2026)".
    pub name: String,
    pub seats_left: i64,
    pub capacity: i64,
    pub line: Vec<LineEntry>,
}

/// The coordinator's Waitlists page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waitlists {
    pub mode: WaitlistMode,
    pub offer_hours: u32,
    pub lines: Vec<SessionLine>,
}

/// One line an applicant is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlace {
    pub session_id: SessionId,
    pub session_name: String,
    /// 1 first.
    pub place: i64,
    /// First come: a seat is open now, for the first to take it.
    pub seat_open: bool,
    /// In order: the seat is held for them until then (an instant, and in the session's zone).
    #[serde(default, deserialize_with = "crate::wire::opt_instant")]
    pub offer_until: Option<DateTime<Utc>>,
    pub offer_until_said: Option<String>,
}

/// When a change of the confirmed interview closes, in the session's zone and as an instant
/// (shown in the applicant's own zone too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockSaid {
    #[serde(deserialize_with = "crate::wire::instant")]
    pub at: DateTime<Utc>,
    pub said: String,
    pub closed: bool,
}

/// An applicant's change of plans in one program: the locks of their confirmed interview,
/// whom to contact, the waitlist's mode and the lines they are in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlans {
    pub program_id: crate::ids::ProgramId,
    pub mode: WaitlistMode,
    pub cancel_lock: Option<LockSaid>,
    /// Sessions they may reschedule into now (seat free, open to bookings), by name.
    pub reschedule_to: Vec<(SessionId, String)>,
    pub contact: Option<String>,
    pub places: Vec<MyPlace>,
    /// Sessions of a release that has not opened yet: when each opens.
    pub opens: Vec<Opens>,
}

/// A session not open to bookings yet, and when it opens (an instant, and in words in the
/// session's zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opens {
    pub session_id: SessionId,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub at: DateTime<Utc>,
    pub said: String,
}
