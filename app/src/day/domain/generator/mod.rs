//! The day generator: fills a session's grid with its confirmed applicants (server-only).
//!
//! # How it works
//!
//! 1. **Numbering** ([`model`]): rooms, rounds, interviewers and applicants become indices; a
//!    conflict of interest becomes "applicant `a` may not enter room `r`".
//! 2. **Fixed slots**: pinned slots (and, in a repair, the kept ones) are counted first and
//!    never move. Every other slot is only ever placed where it breaks no hard rule, so the
//!    result breaks exactly the rules the fixed slots break among themselves: the fewest
//!    possible, and [`Report::violations`] names them (from [`grid::check`]).
//! 3. **Construction** ([`search`]): round by round, the applicants furthest behind an even
//!    pace are matched to the open rooms (augmenting paths), each trying rooms in rotation
//!    order first. With rooms for everyone and no shared interviewers this is the cyclic Latin
//!    square: everyone visits every room.
//! 4. **Local search**: one move per iteration (an ejection chain for someone short of
//!    interviews, a slot moved to a free cell, two rounds of a room or two rooms of a round
//!    trading occupants), kept unless the schedule scores worse. The score is compared
//!    lexicographically: missing interviews, then (repair) slots changed from the draft, then
//!    the interviewer-load spread beyond one, free rounds bunched beyond the least possible,
//!    and the spread of late slots ([`timeline::late_rounds`]). A long stall clears a few
//!    applicants and refills them (ruin and recreate); the best schedule seen is returned.
//!    The search stops early once nothing is left to better.
//!
//! Everything random comes from a ChaCha8 stream seeded with `seed`, and the search counts
//! iterations, never time: the same problem, seed and budget give the same schedule on any
//! machine.
//!
//! [`grid::check`]: super::grid::check
//! [`timeline::late_rounds`]: super::timeline::late_rounds

mod model;
pub mod pins;
mod report;
mod search;
mod state;

#[cfg(test)]
mod repair_tests;
#[cfg(test)]
mod tests;

use super::grid::{DayShape, Slot};
use super::Report;
use crate::ids::ApplicantId;
use model::Model;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use report::Fixed;
use search::{Mode, Search, Target};
use state::State;
use std::collections::BTreeSet;

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

/// The iteration budget used by the portal: a 50-room × 50-round day that uses all of it
/// still takes well under 100 ms in a release build (see `benches/generator.rs`).
pub const BUDGET: u32 = 20_000;

/// A draft schedule for `problem`, the same for the same `problem`, `seed` and `budget`.
///
/// The slots come sorted by round, then room; the pinned slots are among them as given, even
/// those that break a rule (the report names the rule).
pub fn generate(problem: &Problem, seed: u64, budget: u32) -> (Vec<Slot>, Report) {
    let m = Model::new(problem, &[]);
    let fixed = Fixed::new(&m, &problem.pinned);
    let mut state = State::new(&m);
    for &(a, t, r) in &fixed.slots {
        state.add_fixed(a, t, r);
    }
    let target = Target {
        unmet: fixed.unmet_floor(&m),
        changes: 0,
    };
    let mut search = Search {
        state: &mut state,
        rng: ChaCha8Rng::seed_from_u64(seed),
        mode: Mode::Generate,
        target,
        iterations: 0,
        open: Vec::new(),
    };
    search.construct();
    search.improve(budget);
    let iterations = search.iterations;
    let slots = merge(&problem.pinned, state.movable_slots());
    let report = report::report(problem, &m, &fixed, &slots, iterations);
    (slots, report)
}

/// `draft` made valid again after a manual change (`keep`: the slots of that change, which
/// stay), changing as few other slots as it finds within `budget`.
///
/// `draft` may hold the change already or not: a draft slot that clashes with a kept or pinned
/// one gives way, and an applicant whose kept slots bring them to their number of interviews
/// loses their surplus draft slots (a moved applicant leaves their old place). The displaced
/// applicants are seated elsewhere first (ejection chains when no free cell fits);
/// [`Report::moved`] lists every slot that changed besides the manual change.
pub fn repair(
    problem: &Problem,
    draft: &[Slot],
    keep: &[Slot],
    seed: u64,
    budget: u32,
) -> (Vec<Slot>, Report) {
    let m = Model::new(problem, draft.iter().chain(keep));
    let fixed = Fixed::new(&m, problem.pinned.iter().chain(keep));
    let mut state = State::new(&m);
    for &(a, t, r) in &fixed.slots {
        state.add_fixed(a, t, r);
    }
    let fixed_set: BTreeSet<_> = fixed.slots.iter().copied().collect();
    let drafted: Vec<(usize, usize, usize)> = draft
        .iter()
        .filter_map(|s| m.locate(s))
        .filter(|s| !fixed_set.contains(s))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    state.set_draft(&drafted);
    for &(a, t, r) in &drafted {
        let wants_more = a >= m.listed || state.short(a);
        if wants_more && state.can_place(a, t, r) {
            state.place(a, t, r);
        }
    }
    state.commit();
    let target = Target {
        unmet: fixed.unmet_floor(&m),
        changes: state.score().changes,
    };
    let mut search = Search {
        state: &mut state,
        rng: ChaCha8Rng::seed_from_u64(seed),
        mode: Mode::Repair,
        target,
        iterations: 0,
        open: Vec::new(),
    };
    search.improve(budget);
    let iterations = search.iterations;
    let fixed_slots: Vec<Slot> = problem.pinned.iter().chain(keep).copied().collect();
    let slots = merge(&fixed_slots, state.movable_slots());
    let mut report = report::report(problem, &m, &fixed, &slots, iterations);
    report.moved = report::moved(draft, keep, &problem.pinned, &slots);
    (slots, report)
}

/// Fixed and movable slots together, sorted by round, room, applicant, without repeats.
fn merge(fixed: &[Slot], movable: Vec<Slot>) -> Vec<Slot> {
    let mut slots = movable;
    slots.extend_from_slice(fixed);
    slots.sort();
    slots.dedup();
    slots
}
