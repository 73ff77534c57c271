//! What the generator tells the coordinator: the rules still broken, who is short and why, the
//! interviewers' loads, the late slots, and (repair) what moved. Computed from the finished
//! schedule itself, not from the search's counters.

use super::model::Model;
use super::Problem;
use crate::day::domain::grid::{check, Slot};
use crate::day::domain::{Moved, Report, Unmet, UnmetWhy};
use crate::ids::ApplicantId;
use std::collections::{BTreeMap, BTreeSet};

/// Search steps allowed when counting the rooms open to one applicant (the count is a largest
/// set of rooms sharing no interviewer: hard in general, quick for real days).
const OPEN_ROOMS_STEPS: u32 = 20_000;

/// The fixed slots of a problem in index form, and what they leave free.
pub(super) struct Fixed {
    /// `(applicant, round, room)`, without repeats.
    pub slots: Vec<(usize, usize, usize)>,
    /// Cells no fixed slot takes.
    pub seats: u32,
    /// Interviews still to place: per listed applicant, wanted less their fixed slots.
    pub needed: u32,
}

impl Fixed {
    pub fn new<'s>(m: &Model, slots: impl IntoIterator<Item = &'s Slot>) -> Fixed {
        let slots: Vec<(usize, usize, usize)> = slots
            .into_iter()
            .filter_map(|s| m.locate(s))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let taken = slots
            .iter()
            .map(|&(_, t, r)| (t, r))
            .collect::<BTreeSet<_>>()
            .len();
        let cells = m.rounds * m.rooms.len();
        let mut per_applicant = vec![0u32; m.applicants.len()];
        for &(a, _, _) in &slots {
            per_applicant[a] += 1;
        }
        let needed = (0..m.listed)
            .map(|a| u32::from(m.wanted(a)).saturating_sub(per_applicant[a]))
            .sum();
        Fixed {
            seats: u32::try_from(cells - taken).unwrap_or(u32::MAX),
            needed,
            slots,
        }
    }

    /// The rooms applicant `a` holds through fixed slots.
    fn rooms_of(&self, a: usize) -> Vec<usize> {
        self.slots
            .iter()
            .filter(|s| s.0 == a)
            .map(|s| s.2)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The fewest interviews that will be missing whatever the schedule: where the day has
    /// fewer seats than needed, or an applicant fewer open rooms (or rounds) than wanted.
    pub fn unmet_floor(&self, m: &Model) -> u32 {
        let whole_day = self.needed.saturating_sub(self.seats);
        let per_applicant: u32 = (0..m.listed)
            .map(|a| {
                let held = self.slots.iter().filter(|s| s.0 == a).count();
                let most = open_rooms(m, a, &self.rooms_of(a))
                    .unwrap_or(m.rooms.len())
                    .min(m.rounds)
                    .max(held);
                u32::from(m.wanted(a)).saturating_sub(u32::try_from(most).unwrap_or(u32::MAX))
            })
            .sum();
        whole_day.max(per_applicant)
    }
}

/// How many rooms applicant `a` could visit at most: the rooms they hold (`held`) and a largest
/// set of the others that shares no interviewer with those or among themselves, leaving out
/// rooms with a conflicted interviewer. `None` when the count was too costly to make exact
/// (days over 128 rooms, or a tangle of shared interviewers).
fn open_rooms(m: &Model, a: usize, held: &[usize]) -> Option<usize> {
    let rooms = m.rooms.len();
    if rooms > 128 {
        return None;
    }
    let bit = |r: usize| 1u128 << r;
    let adjacent: Vec<u128> = m
        .neighbours
        .iter()
        .map(|n| n.iter().fold(0, |acc, &o| acc | bit(o)))
        .collect();
    let mut candidates = 0u128;
    for r in 0..rooms {
        if !m.is_forbidden(a, r) && !held.contains(&r) {
            candidates |= bit(r);
        }
    }
    for &r in held {
        candidates &= !adjacent[r];
    }
    let mut steps = OPEN_ROOMS_STEPS;
    largest_independent(candidates, &adjacent, &mut steps).map(|n| n + held.len())
}

/// The size of a largest set of `candidates` (a bitset of rooms) with no two adjacent:
/// branch and bound, taking a room with at most one neighbour outright (some largest set
/// has it). `None` when `steps` run out.
fn largest_independent(candidates: u128, adjacent: &[u128], steps: &mut u32) -> Option<usize> {
    if candidates == 0 {
        return Some(0);
    }
    *steps = steps.checked_sub(1)?;
    let mut bits = candidates;
    let mut busiest = (0u32, 0usize);
    while bits != 0 {
        let r = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let degree = (adjacent[r] & candidates).count_ones();
        if degree <= 1 {
            let rest = candidates & !(adjacent[r] | (1u128 << r));
            return Some(1 + largest_independent(rest, adjacent, steps)?);
        }
        if degree > busiest.0 {
            busiest = (degree, r);
        }
    }
    let r = busiest.1;
    let rest = candidates & !(adjacent[r] | (1u128 << r));
    let without = largest_independent(candidates & !(1u128 << r), adjacent, steps)?;
    if without > rest.count_ones() as usize {
        // Taking `r` cannot do better.
        return Some(without);
    }
    let with = 1 + largest_independent(rest, adjacent, steps)?;
    Some(without.max(with))
}

/// The report on a finished schedule `slots` (sorted, without repeats).
pub(super) fn report(
    problem: &Problem,
    m: &Model,
    fixed: &Fixed,
    slots: &[Slot],
    iterations: u32,
) -> Report {
    let mut load = vec![0u32; m.interviewers.len()];
    let mut got = vec![0u32; m.listed];
    let mut late = vec![0u32; m.listed];
    for (a, t, r) in slots.iter().filter_map(|s| m.locate(s)) {
        for &i in &m.room_interviewers[r] {
            load[i] += 1;
        }
        if a < m.listed {
            got[a] += 1;
            if m.is_late(t) {
                late[a] += 1;
            }
        }
    }
    let clamp = |x: u32| u16::try_from(x).unwrap_or(u16::MAX);
    let unmet = (0..m.listed)
        .filter(|&a| got[a] < u32::from(m.wanted(a)))
        .map(|a| Unmet {
            applicant: m.applicants[a],
            got: clamp(got[a]),
            wanted: m.wanted(a),
            why: why(m, fixed, a),
        })
        .collect();
    Report {
        violations: check(&problem.day, slots),
        unmet,
        interviewer_load: m
            .interviewers
            .iter()
            .zip(&load)
            .map(|(u, &n)| (*u, clamp(n)))
            .collect(),
        late_slots: (
            clamp(late.iter().copied().min().unwrap_or(0)),
            clamp(late.iter().copied().max().unwrap_or(0)),
        ),
        moved: Vec::new(),
        iterations,
    }
}

/// Why listed applicant `a` is short.
fn why(m: &Model, fixed: &Fixed, a: usize) -> UnmetWhy {
    let wanted = usize::from(m.wanted(a));
    if fixed.needed > fixed.seats {
        return UnmetWhy::DayTooSmall {
            seats: fixed.seats,
            needed: fixed.needed,
        };
    }
    if m.rounds < wanted {
        // One seat per round is all an applicant can take.
        return UnmetWhy::DayTooSmall {
            seats: u32::try_from(m.rounds).unwrap_or(u32::MAX),
            needed: u32::from(m.wanted(a)),
        };
    }
    match open_rooms(m, a, &fixed.rooms_of(a)) {
        Some(open) if open < wanted => UnmetWhy::TooFewRooms {
            open: u16::try_from(open).unwrap_or(u16::MAX),
        },
        _ => UnmetWhy::NotFound,
    }
}

/// The slots a repair changed, per applicant: a draft slot gone and a new one paired as a move,
/// the rest as removed (`to: None`) or added (`from: None`). A kept slot pairs first with a
/// slot its applicant lost (that was the manual change itself, not reported).
pub(super) fn moved(draft: &[Slot], keep: &[Slot], pinned: &[Slot], result: &[Slot]) -> Vec<Moved> {
    let draft: BTreeSet<Slot> = draft.iter().copied().collect();
    let fixed: BTreeSet<Slot> = keep.iter().chain(pinned).copied().collect();
    let result: BTreeSet<Slot> = result.iter().copied().collect();
    #[derive(Default)]
    struct Changes {
        gone: Vec<Slot>,
        new: Vec<Slot>,
        kept: usize,
    }
    let mut by_applicant: BTreeMap<ApplicantId, Changes> = BTreeMap::new();
    for s in draft.difference(&result) {
        by_applicant.entry(s.applicant).or_default().gone.push(*s);
    }
    for s in result.difference(&draft) {
        let entry = by_applicant.entry(s.applicant).or_default();
        if fixed.contains(s) {
            entry.kept += 1;
        } else {
            entry.new.push(*s);
        }
    }
    let place = |s: &Slot| (s.round, s.room);
    let mut out = Vec::new();
    for (applicant, c) in by_applicant {
        let mut gone = c.gone.iter().skip(c.kept);
        let mut new = c.new.iter();
        loop {
            let (from, to) = (gone.next(), new.next());
            if from.is_none() && to.is_none() {
                break;
            }
            out.push(Moved {
                applicant,
                from: from.map(place),
                to: to.map(place),
            });
        }
    }
    out
}
