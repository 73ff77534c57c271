//! What the interview day's server functions take and return: the day as its page shows it
//! (`DayPage`), the plan's and a room's forms, who has the page open. `api.rs`, `ssr/`,
//! `pages.rs` and `components/` depend on these, not on each other.

use super::domain::edit::CellState;
use super::domain::grid::{ConflictPair, DayShape, RoomSeats, Slot};
use super::domain::timeline::{DayPlan, Stretch};
use super::domain::ReportView;
use crate::ids::{ApplicantId, DraftVersion, RoomId, TemplateId, UserId};
use crate::programs::domain::InterviewSetup;
use crate::sessions::api::SessionSummary;
use serde::{Deserialize, Serialize};

/// Someone by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person<Id> {
    pub id: Id,
    pub name: String,
}

/// A room as the Day page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: RoomId,
    pub name: String,
    /// A place, or with external video the meeting link (as the room form has it).
    pub location: String,
    /// Its place and link as a publish gives them by the setup option (with the portal's own
    /// video, the link of its video room).
    pub place: String,
    pub link: Option<String>,
    pub interviewers: Vec<Person<UserId>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictView {
    pub interviewer: Person<UserId>,
    pub applicant: Person<ApplicantId>,
}

/// A session's day, with what its page needs to change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPage {
    pub session: SessionSummary,
    pub setup: InterviewSetup,
    /// The plan (the default one until saved).
    pub plan: DayPlan,
    pub planned: bool,
    /// Interviews per applicant as set (`None`: one per room, at most the rounds)…
    pub interviews_set: Option<u16>,
    /// …and as they come out.
    pub interviews_per_applicant: u16,
    pub timeline: Vec<Stretch>,
    pub rooms: Vec<RoomView>,
    /// The program's staff, who may sit in a room.
    pub staff: Vec<Person<UserId>>,
    /// The session's confirmed applicants.
    pub applicants: Vec<Person<ApplicantId>>,
    /// Applicants the draft still places who no longer hold a seat here (cancelled, declined,
    /// withdrawn, moved to another session): their cells are marked, and named.
    pub former: Vec<Person<ApplicantId>>,
    /// Conflicts of interest concerning these applicants.
    pub conflicts: Vec<ConflictView>,
    pub templates: Vec<Person<TemplateId>>,
    /// The draft schedule: its cells with their versions (free ones included once written).
    pub cells: Vec<CellState>,
    /// The draft's version: whole-draft edits (generate, repair) state it.
    pub draft_version: DraftVersion,
    /// What the last generation reported, in words.
    pub report: Option<ReportView>,
    /// Interviews the day can hold (rooms × rounds) and interviews wanted.
    pub seats: u32,
    pub needed: u32,
}

impl DayPage {
    /// The draft's occupied cells.
    pub fn slots(&self) -> Vec<Slot> {
        self.cells.iter().filter_map(CellState::slot).collect()
    }

    /// The day as the rules see it: rooms with their interviewers, rounds, conflicts.
    pub fn shape(&self) -> DayShape {
        DayShape {
            rooms: self
                .rooms
                .iter()
                .map(|r| RoomSeats {
                    id: r.id,
                    interviewers: r.interviewers.iter().map(|p| p.id).collect(),
                })
                .collect(),
            rounds: self.plan.rounds,
            conflicts: self
                .conflicts
                .iter()
                .map(|c| ConflictPair {
                    interviewer: c.interviewer.id,
                    applicant: c.applicant.id,
                })
                .collect(),
        }
    }
}

/// The plan's form (`plan[start]` …), text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanForm {
    pub start: String,
    pub interview_minutes: String,
    pub passing_minutes: String,
    pub rounds: String,
    /// Blank: one per room, at most the number of rounds.
    #[serde(default)]
    pub interviews_per_applicant: String,
}

/// A room's form (`room[name]` …; no `room[id]` for a new room).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomForm {
    #[serde(default)]
    pub id: Option<RoomId>,
    pub name: String,
    #[serde(default)]
    pub location: String,
    /// `room[interviewers][0]=…`: the interviewers in the room (a panel when several).
    #[serde(default)]
    pub interviewers: Vec<UserId>,
}

/// Who has a Day page open: the caller's own name, and everyone's (theirs included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub me: String,
    pub editors: Vec<String>,
}

/// What a repair did: how many other interviews it moved, and how many hard rules the draft
/// still breaks (those of the kept change itself, against a conflict of interest say, which
/// the repair leaves as the coordinator placed them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repaired {
    pub moved: usize,
    pub left: usize,
}
