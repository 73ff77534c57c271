//! Server functions of a session's interview day (coordinators only: interviewers neither see
//! nor change a draft), and the day as its page shows it. Each finds its caller with one guard
//! and calls one workflow in `ssr`.

use super::domain::edit::{Cell, CellState, CellsEdit};
use super::domain::grid::{ConflictPair, DayShape, RoomSeats, Slot};
use super::domain::timeline::{DayPlan, Stretch};
use super::domain::ReportView;
use crate::error::AppError;
use crate::ids::{ApplicantId, RoomId, SessionId, TemplateId, UserId};
use crate::programs::domain::InterviewSetup;
use crate::sessions::api::SessionSummary;
use leptos::prelude::*;
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
    /// A place, or with external video the meeting link.
    pub location: String,
    /// With video in the portal: the room's generated link.
    pub video_link: Option<String>,
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
    pub draft_version: i64,
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

/// Coordinators: a session's day.
#[server(output = crate::codec::Compact, endpoint = "session-day")]
pub async fn session_day(session_id: SessionId) -> Result<DayPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::day_page(&state, staff, session_id).await
}

/// The Day page as one load brings it: the day for the builder and the cards, and its setup
/// screen written on the server (shown by a `ui::ServerPanel`, which takes its HTML from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayScreen {
    pub day: DayPage,
    /// The setup (rooms, rounds and breaks, conflicts, templates) as HTML.
    pub setup: String,
}

impl From<DayScreen> for String {
    /// The setup's HTML, for the page's server panel.
    fn from(screen: DayScreen) -> String {
        screen.setup
    }
}

/// Coordinators: a session's Day page in one load (one reading of the day per reload or live
/// change, not one for the builder and another for the setup): the day, and its setup screen
/// (rooms, rounds and breaks, conflicts, templates; `room`: the room in the room form) written
/// on the server (`super::pages`).
#[server(output = crate::codec::Compact, endpoint = "day-setup-page")]
pub async fn day_setup_page(
    session_id: SessionId,
    #[server(default)] room: Option<RoomId>,
) -> Result<DayScreen, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let day = super::ssr::day_page(&state, staff, session_id).await?;
    let setup = super::pages::setup_page(&day, room);
    Ok(DayScreen { day, setup })
}

/// Coordinators: saves the day's rounds and lengths; the session's start and end follow.
#[server(output = crate::codec::Compact, endpoint = "save-day-plan")]
pub async fn save_day_plan(session_id: SessionId, plan: PlanForm) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_plan(&state, staff, session_id, &plan).await
}

/// Coordinators: a break after a round (it takes the place of the passing time).
#[server(output = crate::codec::Compact, endpoint = "add-break")]
pub async fn add_break(
    session_id: SessionId,
    after_round: String,
    minutes: String,
    label: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_break(&state, staff, session_id, &after_round, &minutes, &label).await
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "remove-break")]
pub async fn remove_break(session_id: SessionId, after_round: u16) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_break(&state, staff, session_id, after_round).await
}

/// Coordinators: adds a room (no `room[id]`) or saves one; an interviewer busy in an
/// overlapping session is refused with the clash named.
#[server(output = crate::codec::Compact, endpoint = "save-room")]
pub async fn save_room(session_id: SessionId, room: RoomForm) -> Result<RoomId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_room(&state, staff, session_id, &room).await
}

/// Coordinators: the room's slots go back to unscheduled.
#[server(output = crate::codec::Compact, endpoint = "remove-room")]
pub async fn remove_room(session_id: SessionId, room_id: RoomId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_room(&state, staff, session_id, room_id).await
}

/// Coordinators: an interviewer and an applicant who must never meet.
#[server(output = crate::codec::Compact, endpoint = "add-conflict")]
pub async fn add_conflict(interviewer: UserId, applicant: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_conflict(&state, staff, interviewer, applicant).await
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "remove-conflict")]
pub async fn remove_conflict(interviewer: UserId, applicant: ApplicantId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_conflict(&state, staff, interviewer, applicant).await
}

/// Coordinators: saves the session's plan and rooms as a template of the program.
#[server(output = crate::codec::Compact, endpoint = "save-day-template")]
pub async fn save_day_template(
    session_id: SessionId,
    template_name: String,
) -> Result<TemplateId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_template(&state, staff, session_id, &template_name).await
}

/// Coordinators: replaces the session's plan and rooms with a template's (the draft goes).
#[server(output = crate::codec::Compact, endpoint = "apply-day-template")]
pub async fn apply_day_template(
    session_id: SessionId,
    template_id: TemplateId,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::apply_template(&state, staff, session_id, template_id).await
}

/// Coordinators: fills the draft schedule (pinned cells stay); the Day page shows its report.
/// Refused when the draft changed since `draft_version`.
#[server(output = crate::codec::Compact, endpoint = "generate-day")]
pub async fn generate_day(session_id: SessionId, draft_version: i64) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::generate(&state, staff, session_id, draft_version).await?;
    Ok(())
}

/// Who has a Day page open: the caller's own name, and everyone's (theirs included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub me: String,
    pub editors: Vec<String>,
}

/// Coordinators: this login has the session's Day page open (until it leaves or its tab's push
/// stream ends); returns who has it open now, by name.
#[server(output = crate::codec::Compact, endpoint = "enter-day")]
pub async fn enter_day(session_id: SessionId) -> Result<Presence, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::enter_day(&state, &caller, session_id).await
}

/// Coordinators: this login left the session's Day page.
#[server(output = crate::codec::Compact, endpoint = "leave-day")]
pub async fn leave_day(session_id: SessionId) -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    super::ssr::leave_day(&state, &caller, session_id).await
}

/// Coordinators: a manual edit of the draft (a move, a swap, an undo …), saved when every cell
/// is still as seen; returns the draft's new version.
#[server(output = crate::codec::Compact, endpoint = "edit-draft")]
pub async fn edit_draft(session_id: SessionId, edit: CellsEdit) -> Result<i64, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::edit_cells(&state, staff, session_id, &edit).await
}

/// Coordinators: after a manual edit, makes the draft valid again moving as few other cells
/// as it can (`keep`: the edited cells); returns how many other interviews moved (the Day
/// page's report lists them).
#[server(output = crate::codec::Compact, endpoint = "repair-day")]
pub async fn repair_day(
    session_id: SessionId,
    draft_version: i64,
    #[server(default)] keep: Vec<Cell>,
) -> Result<usize, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let report = super::ssr::repair(&state, staff, session_id, draft_version, &keep).await?;
    Ok(report.moved.len())
}
