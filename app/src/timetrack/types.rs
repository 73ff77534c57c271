//! What TimeTrack's server functions take and return: the coordinator's overview of a running
//! day, an interviewer's rooms, an applicant's day, a broadcast.

use super::domain::{BroadcastAudience, RoomStatus};
use crate::clock::types::{ClockView, Rounds};
use crate::day::domain::grid::Round;
use crate::ids::{ApplicantId, BroadcastId, RoomId, SessionId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A message a coordinator sent to a session's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Broadcast {
    pub id: BroadcastId,
    pub session: SessionId,
    pub audience: BroadcastAudience,
    pub body: String,
    /// Who sent it.
    pub from: String,
    /// When, in the session's zone ("10:42 AM").
    pub at: String,
}

/// One room in one round, as the overview and an interviewer's screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomRound {
    pub room: RoomId,
    pub room_name: String,
    pub round: Round,
    /// "Round 2 · 9:05 AM–9:25 AM" (the times as the day runs, in the session's zone).
    pub when: String,
    /// The round's times as the day runs.
    #[serde(deserialize_with = "crate::wire::instant")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub ends_at: DateTime<Utc>,
    pub applicant: Option<ApplicantId>,
    /// The applicant's name (empty: no interview this round).
    pub applicant_name: String,
    /// The applicant's application PDF is on file (its readers get a link).
    pub application: bool,
    /// Marked No-show (their rounds flag nothing).
    pub no_show: bool,
    pub interviewers: Vec<String>,
    pub status: RoomStatus,
    /// The room's people (its interviewers and the round's applicant) who have opened their
    /// TimeTrack screen on the day, of how many; who has not.
    pub present: u32,
    pub expected: u32,
    pub absent: Vec<String>,
    /// The room's place or video link (interviewers and coordinators).
    pub place: String,
    pub link: Option<String>,
}

/// A running day's rooms: the whole day for a coordinator's overview, an interviewer's own
/// rooms on their screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub session: SessionId,
    pub name: String,
    pub clock: ClockView,
    pub rounds: Rounds,
    pub cells: Vec<RoomRound>,
    /// Newest first.
    pub broadcasts: Vec<Broadcast>,
}

/// An interviewer's day in one session: their rooms in every round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewerDay {
    pub program_name: String,
    pub rooms: Overview,
}

/// One stop of an applicant's day on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantStop {
    /// "Round 2", a break's or a meeting room's name.
    pub label: String,
    /// "9:05 AM–9:25 AM" as the day runs.
    pub when: String,
    pub room: String,
    pub place: String,
    pub with: Vec<String>,
    pub is_break: bool,
    pub meeting: bool,
    /// An interview's room status (none for a break or a meeting room).
    pub status: Option<RoomStatus>,
    /// The join link: a meeting room's always; an interview's only while its room is Ready
    /// or In progress.
    pub link: Option<String>,
    pub now: bool,
    pub next: bool,
}

/// An applicant's day in one session, as it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantDay {
    pub session: SessionId,
    pub program_name: String,
    pub name: String,
    pub clock: ClockView,
    pub stops: Vec<ApplicantStop>,
    pub broadcasts: Vec<Broadcast>,
}
