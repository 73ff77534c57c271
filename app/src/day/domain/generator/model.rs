//! The problem in index form: rooms, rounds, interviewers and applicants numbered from 0, with
//! the facts the search asks about most (which rooms an applicant may enter, which interviewers
//! sit in a room) laid out in flat tables.

use super::Problem;
use crate::day::domain::grid::{Round, Slot};
use crate::day::domain::timeline::late_rounds;
use crate::ids::{ApplicantId, RoomId, UserId};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The day and its people, numbered. Applicants come first as the problem lists them
/// (duplicates dropped), then anyone else a fixed or draft slot names ("extras": they keep the
/// slots they have and are never given more).
pub(super) struct Model {
    pub rounds: usize,
    pub rooms: Vec<RoomId>,
    /// Interviewer indices per room, without repeats.
    pub room_interviewers: Vec<Vec<usize>>,
    pub interviewers: Vec<UserId>,
    pub applicants: Vec<ApplicantId>,
    /// The first `listed` applicants are the problem's own.
    pub listed: usize,
    pub wanted: u16,
    /// `a * rooms + r`: a conflict of interest keeps applicant `a` out of room `r`.
    pub forbidden: Vec<bool>,
    /// Per room: the other rooms that share an interviewer with it.
    pub neighbours: Vec<Vec<usize>>,
    pub late: Range<usize>,
    room_index: BTreeMap<RoomId, usize>,
    applicant_index: BTreeMap<ApplicantId, usize>,
}

impl Model {
    /// Numbers `problem`; `others` are slots (draft, kept) whose applicants may not be listed.
    pub fn new<'s>(problem: &'s Problem, others: impl IntoIterator<Item = &'s Slot>) -> Model {
        let day = &problem.day;
        // A room listed twice: the last listing wins, as in `grid::check`.
        let seats: BTreeMap<RoomId, &[UserId]> = day
            .rooms
            .iter()
            .map(|r| (r.id, r.interviewers.as_slice()))
            .collect();
        let interviewers: Vec<UserId> = seats
            .values()
            .flat_map(|i| i.iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let interviewer_index: BTreeMap<UserId, usize> = interviewers
            .iter()
            .enumerate()
            .map(|(i, u)| (*u, i))
            .collect();
        let rooms: Vec<RoomId> = seats.keys().copied().collect();
        let room_index: BTreeMap<RoomId, usize> =
            rooms.iter().enumerate().map(|(i, r)| (*r, i)).collect();
        let room_interviewers: Vec<Vec<usize>> = seats
            .values()
            .map(|people| {
                people
                    .iter()
                    .filter_map(|u| interviewer_index.get(u).copied())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect()
            })
            .collect();
        let neighbours = (0..rooms.len())
            .map(|r| {
                (0..rooms.len())
                    .filter(|&o| {
                        o != r
                            && room_interviewers[r]
                                .iter()
                                .any(|i| room_interviewers[o].contains(i))
                    })
                    .collect()
            })
            .collect();

        let mut applicants = Vec::new();
        let mut applicant_index = BTreeMap::new();
        for a in &problem.applicants {
            number(&mut applicant_index, &mut applicants, *a);
        }
        let listed = applicants.len();
        for s in problem.pinned.iter().chain(others) {
            number(&mut applicant_index, &mut applicants, s.applicant);
        }

        let mut forbidden = vec![false; applicants.len() * rooms.len()];
        let conflicted: BTreeSet<(usize, usize)> = day
            .conflicts
            .iter()
            .filter_map(|c| {
                Some((
                    *applicant_index.get(&c.applicant)?,
                    *interviewer_index.get(&c.interviewer)?,
                ))
            })
            .collect();
        for (a, i) in conflicted {
            for (r, people) in room_interviewers.iter().enumerate() {
                if people.contains(&i) {
                    forbidden[a * rooms.len() + r] = true;
                }
            }
        }

        let late = late_rounds(day.rounds);
        Model {
            rounds: day.rounds.into(),
            rooms,
            room_interviewers,
            interviewers,
            applicants,
            listed,
            wanted: problem.interviews_per_applicant,
            forbidden,
            neighbours,
            late: late.start.into()..late.end.into(),
            room_index,
            applicant_index,
        }
    }

    /// `(applicant, round, room)` of a slot, or `None` when it lies outside the day.
    pub fn locate(&self, slot: &Slot) -> Option<(usize, usize, usize)> {
        let round = usize::from(slot.round);
        if round >= self.rounds {
            return None;
        }
        Some((
            *self.applicant_index.get(&slot.applicant)?,
            round,
            *self.room_index.get(&slot.room)?,
        ))
    }

    /// The slot of applicant `a` in round `t`, room `r`.
    pub fn slot(&self, a: usize, t: usize, r: usize) -> Slot {
        Slot {
            // `t` < `rounds`, which came from a `Round`.
            round: Round::try_from(t).unwrap_or(Round::MAX),
            room: self.rooms[r],
            applicant: self.applicants[a],
        }
    }

    /// Interviews applicant `a` should have: extras get none beyond what they hold.
    pub fn wanted(&self, a: usize) -> u16 {
        if a < self.listed {
            self.wanted
        } else {
            0
        }
    }

    pub fn is_forbidden(&self, a: usize, r: usize) -> bool {
        self.forbidden[a * self.rooms.len() + r]
    }

    pub fn is_late(&self, t: usize) -> bool {
        self.late.contains(&t)
    }
}

/// Gives applicant `a` the next number, unless they have one.
fn number(index: &mut BTreeMap<ApplicantId, usize>, list: &mut Vec<ApplicantId>, a: ApplicantId) {
    index.entry(a).or_insert_with(|| {
        list.push(a);
        list.len() - 1
    });
}
