//! What the day clock's server functions take and return, and what it tells TimeTrack: the
//! clock as every screen shows it, a coordinator's command, the rounds under way and next.

use crate::day::domain::grid::Round;
use crate::ids::SessionId;
use crate::itinerary::domain::PhaseTimes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockState {
    /// The day is not finalized: there is nothing to run.
    NotFinalized,
    Waiting,
    Running,
    Paused,
    Finished,
}

/// A session's day clock, as every screen of the session shows it (and as pushed on each
/// change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    pub session: SessionId,
    pub state: ClockState,
    /// The phase under way: "Round 2", "Passing time", a break's label (empty when none).
    pub phase: String,
    /// The phase after it (empty when none).
    pub next: String,
    /// Running: when the phase ends (the server's clock).
    #[serde(deserialize_with = "crate::wire::opt_instant")]
    pub deadline: Option<DateTime<Utc>>,
    /// Paused: the phase's time left, in milliseconds.
    pub left_ms: i64,
    /// How far behind the plan the day runs, in seconds (negative: ahead).
    pub behind_s: i64,
    /// The day starts by itself at its first phase.
    pub auto_start: bool,
    /// When the day's first phase is planned (none before finalizing).
    #[serde(deserialize_with = "crate::wire::opt_instant")]
    pub planned_start: Option<DateTime<Utc>>,
    /// Each round's and break's times as things stand (passing times left out).
    pub phases: Vec<PhaseTimes>,
}

/// What a coordinator does to the running day (the form's `action`, and `minutes` to extend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockCommand {
    Start,
    Pause,
    Resume,
    Extend,
    EndEarly,
    Skip,
}

crate::text_enum::text_enum!(ClockCommand {
    Start => "start",
    Pause => "pause",
    Resume => "resume",
    Extend => "extend",
    EndEarly => "end_early",
    Skip => "skip",
});

/// Where the running day is, in rounds: the one under way or just over (`current`), the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rounds {
    pub current: Option<Round>,
    pub next: Option<Round>,
    /// The day has started (rooms may be flagged).
    pub running: bool,
}
