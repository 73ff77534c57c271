//! The day generator: fills a session's grid with its confirmed applicants (server-only).
//! To be written (the helper's part): see the module's contract below.

use super::grid::{DayShape, Slot};
use super::Report;
use crate::ids::ApplicantId;

/// What the generator is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub day: DayShape,
    /// The confirmed applicants, in a stable order.
    pub applicants: Vec<ApplicantId>,
    /// Interviews each applicant should have (at most the number of rounds).
    pub interviews_per_applicant: u16,
    /// Slots that never move.
    pub pinned: Vec<Slot>,
}

/// The iteration budget used by the portal.
pub const BUDGET: u32 = 20_000;

/// A draft schedule for `problem`, the same for the same `problem`, `seed` and `budget`.
pub fn generate(problem: &Problem, seed: u64, budget: u32) -> (Vec<Slot>, Report) {
    let _ = (problem, seed, budget);
    unimplemented!("the generator")
}

/// `draft` made valid again after a manual change (`keep`: the slots of that change, which
/// stay), changing as few other slots as it finds within `budget`.
pub fn repair(
    problem: &Problem,
    draft: &[Slot],
    keep: &[Slot],
    seed: u64,
    budget: u32,
) -> (Vec<Slot>, Report) {
    let _ = (problem, draft, keep, seed, budget);
    unimplemented!("repair")
}
