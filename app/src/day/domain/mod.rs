//! The rules of an interview day: its grid and hard rules ([`grid`], shared with the browser),
//! its timeline ([`timeline`]: when each round starts, shared), and the generator that fills
//! the grid ([`generator`], server-only: it does not grow the WASM).

pub mod edit;
pub mod grid;
pub mod standing;
pub mod timeline;

#[cfg(feature = "ssr")]
pub mod generator;

use crate::ids::{ApplicantId, RoomId, UserId};
use grid::{Round, Violation};
use serde::{Deserialize, Serialize};

/// What the generator (or a repair) did, shown beside the grid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Hard rules the result still breaks: empty unless they could not all hold (a pinned
    /// slot against a conflict, say); then the schedule with the fewest found is returned.
    pub violations: Vec<Violation>,
    /// Applicants who got fewer interviews than wanted, and why.
    pub unmet: Vec<Unmet>,
    /// Interviews per interviewer, by interviewer id.
    pub interviewer_load: Vec<(UserId, u16)>,
    /// The fewest and the most interviews an applicant has in the last third of the rounds.
    pub late_slots: (u16, u16),
    /// Repair only: the slots that changed besides the manual change.
    pub moved: Vec<Moved>,
    /// Iterations used, of the budget.
    pub iterations: u32,
}

/// What the last generation (or repair) said that the draft as edited cannot say again, in
/// words written on the server ([`Report`] stays there: its decoder and its wording are not the
/// browser's to carry). The rest of the report above the grid (broken rules, who is short,
/// loads) follows the draft as it is ([`standing`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    /// Applicants the generator left short, and why.
    pub unmet: Vec<UnmetView>,
    /// Repair only: each interview it moved, from where to where.
    pub moved: Vec<String>,
}

/// An applicant the generator left short: "Kai Day: 2 of 3 interviews — only 2 rooms are open
/// to them." (said while the draft still gives them `got`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmetView {
    pub applicant: ApplicantId,
    pub got: u16,
    pub text: String,
}

/// An applicant short of interviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmet {
    pub applicant: ApplicantId,
    pub got: u16,
    pub wanted: u16,
    pub why: UnmetWhy,
}

/// Why an applicant is short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnmetWhy {
    /// The day has fewer seats (rooms × rounds, less what is pinned) than interviews wanted.
    DayTooSmall { seats: u32, needed: u32 },
    /// Only this many rooms are open to the applicant (conflicts of interest, rooms that share
    /// an interviewer).
    TooFewRooms { open: u16 },
    /// Possible in principle; the search did not find it within its budget.
    NotFound,
}

/// One applicant's move in a repair: from where to where (`None`: not scheduled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub applicant: ApplicantId,
    pub from: Option<(Round, RoomId)>,
    pub to: Option<(Round, RoomId)>,
}
