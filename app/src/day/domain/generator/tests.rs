//! Unit and property tests of the generator.

use super::*;
use crate::day::domain::grid::{check, ConflictPair, RoomSeats, Round, Violation};
use crate::day::domain::timeline::late_rounds;
use crate::day::domain::UnmetWhy;
use crate::ids::{RoomId, UserId};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A day of `rooms` rooms, each with its own interviewer (room `k` is `RoomId(k + 1)` with
/// `UserId(100 + k)`), and `rounds` rounds.
pub(super) fn day(rooms: usize, rounds: Round) -> DayShape {
    DayShape {
        rooms: (0..rooms as i64)
            .map(|k| RoomSeats {
                id: RoomId(k + 1),
                interviewers: vec![UserId(100 + k)],
            })
            .collect(),
        rounds,
        conflicts: Vec::new(),
    }
}

pub(super) fn problem(day: DayShape, applicants: usize, interviews: u16) -> Problem {
    Problem {
        day,
        applicants: (1..=applicants as i64).map(ApplicantId).collect(),
        interviews_per_applicant: interviews,
        pinned: Vec::new(),
    }
}

pub(super) fn slot(round: Round, room: i64, applicant: i64) -> Slot {
    Slot {
        round,
        room: RoomId(room),
        applicant: ApplicantId(applicant),
    }
}

pub(super) fn per_applicant(slots: &[Slot]) -> BTreeMap<ApplicantId, Vec<Slot>> {
    let mut out: BTreeMap<ApplicantId, Vec<Slot>> = BTreeMap::new();
    for s in slots {
        out.entry(s.applicant).or_default().push(*s);
    }
    out
}

fn sorted_without_repeats(slots: &[Slot]) -> bool {
    slots.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn a_small_day_is_a_rotation_through_every_room() {
    let p = problem(day(3, 3), 3, 3);
    let (slots, report) = generate(&p, 1, BUDGET);
    assert_eq!(check(&p.day, &slots), vec![]);
    assert_eq!(slots.len(), 9);
    assert!(sorted_without_repeats(&slots));
    for (_, mine) in per_applicant(&slots) {
        let rooms: BTreeSet<RoomId> = mine.iter().map(|s| s.room).collect();
        assert_eq!(rooms.len(), 3);
    }
    assert_eq!(report.unmet, vec![]);
    assert_eq!(report.violations, vec![]);
    assert_eq!(
        report.interviewer_load,
        vec![(UserId(100), 3), (UserId(101), 3), (UserId(102), 3)]
    );
    assert_eq!(report.late_slots, (1, 1));
    assert_eq!(report.iterations, 0, "the rotation is perfect as built");
}

#[test]
fn interviewer_loads_differ_by_at_most_one() {
    // 5 applicants × 3 interviews over 4 rooms: 15 interviews, loads 4-4-4-3.
    let p = problem(day(4, 6), 5, 3);
    let (slots, report) = generate(&p, 7, BUDGET);
    assert_eq!(check(&p.day, &slots), vec![]);
    assert_eq!(report.unmet, vec![]);
    let loads: Vec<u16> = report.interviewer_load.iter().map(|l| l.1).collect();
    assert_eq!(loads.iter().map(|&l| u32::from(l)).sum::<u32>(), 15);
    let (lo, hi) = (loads.iter().min(), loads.iter().max());
    assert!(hi.zip(lo).is_some_and(|(h, l)| h - l <= 1), "{loads:?}");
}

#[test]
fn a_panel_and_a_shared_interviewer_count_for_each_interviewer() {
    // Room 1 is a panel of 100 and 101; rooms 2 and 3 share interviewer 102.
    let mut d = day(3, 4);
    d.rooms[0].interviewers = vec![UserId(100), UserId(101)];
    d.rooms[1].interviewers = vec![UserId(102)];
    d.rooms[2].interviewers = vec![UserId(102), UserId(103)];
    let p = problem(d, 4, 2);
    let (slots, report) = generate(&p, 3, BUDGET);
    assert_eq!(check(&p.day, &slots), vec![]);
    assert_eq!(report.unmet, vec![]);
    let load: BTreeMap<UserId, u16> = report.interviewer_load.iter().copied().collect();
    let in_room = |room: i64| slots.iter().filter(|s| s.room == RoomId(room)).count() as u16;
    assert_eq!(load[&UserId(100)], in_room(1));
    assert_eq!(load[&UserId(101)], in_room(1));
    assert_eq!(load[&UserId(102)], in_room(2) + in_room(3));
    assert_eq!(load[&UserId(103)], in_room(3));
}

#[test]
fn late_slots_are_shared_within_one_in_a_square_day() {
    // 6 rooms, 6 rounds, 6 applicants wanting 4: two free rounds each, late third = 2 rounds.
    for seed in 0..4 {
        let p = problem(day(6, 6), 6, 4);
        let (slots, report) = generate(&p, seed, BUDGET);
        assert_eq!(check(&p.day, &slots), vec![]);
        assert_eq!(report.unmet, vec![]);
        let (lo, hi) = report.late_slots;
        assert!(hi - lo <= 1, "seed {seed}: {:?}", report.late_slots);
        let late = late_rounds(6);
        for (_, mine) in per_applicant(&slots) {
            let n = mine.iter().filter(|s| late.contains(&s.round)).count() as u16;
            assert!((lo..=hi).contains(&n));
        }
    }
}

#[test]
fn free_rounds_are_spread_out() {
    // 4 rooms, 8 rounds, 4 applicants wanting 4: every other round free is possible.
    let p = problem(day(4, 8), 4, 4);
    let (slots, report) = generate(&p, 5, BUDGET);
    assert_eq!(report.unmet, vec![]);
    for (a, mine) in per_applicant(&slots) {
        let busy: BTreeSet<Round> = mine.iter().map(|s| s.round).collect();
        let longest_free_run = (0..8u16)
            .fold((0, 0), |(run, most), t| {
                let run = if busy.contains(&t) { 0 } else { run + 1 };
                (run, most.max(run))
            })
            .1;
        assert!(longest_free_run <= 1, "{a}: busy in {busy:?}");
    }
}

#[test]
fn a_pinned_conflict_is_reported_and_kept() {
    let mut d = day(3, 3);
    d.conflicts.push(ConflictPair {
        interviewer: UserId(101),
        applicant: ApplicantId(2),
    });
    let mut p = problem(d, 3, 2);
    let pinned = slot(1, 2, 2);
    p.pinned.push(pinned);
    let (slots, report) = generate(&p, 11, BUDGET);
    assert!(slots.contains(&pinned));
    let expected = vec![Violation::Conflict {
        applicant: ApplicantId(2),
        interviewer: UserId(101),
        round: 1,
        room: RoomId(2),
    }];
    assert_eq!(report.violations, expected);
    assert_eq!(check(&p.day, &slots), expected);
    assert_eq!(report.unmet, vec![]);
}

#[test]
fn a_day_too_small_is_reported() {
    // 2 rooms × 2 rounds = 4 seats for 3 applicants × 2 interviews.
    let p = problem(day(2, 2), 3, 2);
    let (slots, report) = generate(&p, 0, BUDGET);
    assert_eq!(check(&p.day, &slots), vec![]);
    assert_eq!(slots.len(), 4);
    let short: u16 = report.unmet.iter().map(|u| u.wanted - u.got).sum();
    assert_eq!(short, 2);
    for u in &report.unmet {
        assert_eq!(
            u.why,
            UnmetWhy::DayTooSmall {
                seats: 4,
                needed: 6
            }
        );
    }
    assert!(
        report.iterations < BUDGET,
        "nothing better exists: it stops"
    );
}

#[test]
fn too_few_rooms_is_reported() {
    // Rooms 2 and 3 share interviewer 101; applicant 1 may not meet 100 (room 1).
    let mut d = day(3, 4);
    d.rooms[2].interviewers = vec![UserId(101)];
    d.conflicts.push(ConflictPair {
        interviewer: UserId(100),
        applicant: ApplicantId(1),
    });
    let p = problem(d, 2, 2);
    let (slots, report) = generate(&p, 0, BUDGET);
    assert_eq!(check(&p.day, &slots), vec![]);
    assert_eq!(report.unmet.len(), 1);
    assert_eq!(report.unmet[0].applicant, ApplicantId(1));
    assert_eq!(report.unmet[0].got, 1);
    assert_eq!(report.unmet[0].why, UnmetWhy::TooFewRooms { open: 1 });
}

#[test]
fn odd_inputs_do_not_panic() {
    let cases = [
        problem(day(0, 5), 3, 2),
        problem(day(4, 0), 3, 2),
        problem(day(4, 4), 0, 2),
        problem(day(2, 6), 3, 5),
        problem(day(3, 2), 2, 3),
        problem(day(3, 3), 2, 0),
    ];
    for p in cases {
        let (slots, report) = generate(&p, 0, 100);
        assert_eq!(check(&p.day, &slots), vec![]);
        assert!(report.iterations <= 100);
    }
    // Duplicate applicants, a room listed twice, a pinned slot outside the day and one for an
    // applicant not listed.
    let mut p = problem(day(3, 3), 2, 2);
    p.applicants.push(ApplicantId(1));
    p.day.rooms.push(p.day.rooms[0].clone());
    p.pinned = vec![slot(5, 1, 1), slot(0, 9, 2), slot(0, 1, 42)];
    let (slots, report) = generate(&p, 0, 100);
    for s in &p.pinned {
        assert!(slots.contains(s));
    }
    assert_eq!(report.violations.len(), 2);
    assert!(report
        .violations
        .iter()
        .all(|v| matches!(v, Violation::OutsideTheDay { .. })));
    assert_eq!(
        per_applicant(&slots)[&ApplicantId(1)].len(),
        3,
        "2 + pinned"
    );
    // Interviews > rooms: everyone short for want of rooms.
    let (_, report) = generate(&problem(day(2, 6), 1, 3), 0, 100);
    assert_eq!(report.unmet[0].why, UnmetWhy::TooFewRooms { open: 2 });
    // Interviews > rounds.
    let (_, report) = generate(&problem(day(6, 2), 1, 3), 0, 100);
    assert!(matches!(
        report.unmet[0].why,
        UnmetWhy::DayTooSmall { seats: 2, .. }
    ));
}

#[test]
fn the_same_seed_gives_the_same_schedule() {
    let mut d = day(5, 7);
    d.rooms[4].interviewers.push(UserId(100));
    let p = problem(d, 6, 3);
    let a = generate(&p, 99, BUDGET);
    assert_eq!(a, generate(&p, 99, BUDGET));
}

// Properties over random days.

/// The property budget: small, so the debug-profile run stays quick.
const PROPERTY_BUDGET: u32 = 400;

/// A random day up to 10 rooms × 12 rounds: panels of one or two drawn from a pool (so some
/// interviewers sit in two rooms), a few conflicts, and candidate pinned slots (`valid`: only
/// those that break no rule together are kept; else all, even outside the day).
fn arb_problem(valid: bool) -> impl Strategy<Value = Problem> {
    (1usize..=10, 0u16..=12)
        .prop_flat_map(move |(rooms, rounds)| {
            let people = rooms + 2;
            (
                Just(rounds),
                proptest::collection::vec(
                    proptest::collection::vec(0..people as i64, 1..=2),
                    rooms,
                ),
                0usize..=12,
                0u16..=(rooms as u16 + 1),
                proptest::collection::vec((0..people as i64, 1..=12i64), 0..4),
                proptest::collection::vec((0..rounds + 2, 1..=rooms as i64 + 1, 1..=13i64), 0..5),
            )
        })
        .prop_map(
            move |(rounds, panels, applicants, interviews, conflicts, pins)| {
                let day = DayShape {
                    rooms: panels
                        .into_iter()
                        .enumerate()
                        .map(|(k, panel)| RoomSeats {
                            id: RoomId(k as i64 + 1),
                            interviewers: panel.into_iter().map(|u| UserId(100 + u)).collect(),
                        })
                        .collect(),
                    rounds,
                    conflicts: conflicts
                        .into_iter()
                        .map(|(u, a)| ConflictPair {
                            interviewer: UserId(100 + u),
                            applicant: ApplicantId(a),
                        })
                        .collect(),
                };
                let mut p = problem(day, applicants, interviews);
                for (round, room, applicant) in pins {
                    let s = slot(round, room, applicant);
                    if valid {
                        let mut with = p.pinned.clone();
                        with.push(s);
                        let theirs = with.iter().filter(|x| x.applicant == s.applicant).count();
                        let listed = p.applicants.contains(&s.applicant);
                        if !listed
                            || theirs > usize::from(interviews)
                            || !check(&p.day, &with).is_empty()
                        {
                            continue;
                        }
                    }
                    p.pinned.push(s);
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_days_keep_every_rule(p in arb_problem(true), seed in 0u64..1000) {
        let (slots, report) = generate(&p, seed, PROPERTY_BUDGET);
        prop_assert_eq!(check(&p.day, &slots), vec![]);
        prop_assert_eq!(&report.violations, &vec![]);
        prop_assert!(sorted_without_repeats(&slots));
        for s in &p.pinned {
            prop_assert!(slots.contains(s));
        }
        let mine = per_applicant(&slots);
        for a in &p.applicants {
            let got = mine.get(a).map_or(0, Vec::len);
            prop_assert!(got <= usize::from(p.interviews_per_applicant));
            let short = report.unmet.iter().find(|u| u.applicant == *a);
            match short {
                Some(u) => prop_assert_eq!(usize::from(u.got), got),
                None => prop_assert!(got == usize::from(p.interviews_per_applicant)),
            }
        }
        prop_assert!(report.iterations <= PROPERTY_BUDGET);
        prop_assert_eq!((slots, report), generate(&p, seed, PROPERTY_BUDGET));
    }

    #[test]
    fn broken_pins_are_reported_as_they_are(p in arb_problem(false), seed in 0u64..1000) {
        let (slots, report) = generate(&p, seed, PROPERTY_BUDGET);
        for s in &p.pinned {
            prop_assert!(slots.contains(s));
        }
        let expected = check(&p.day, &p.pinned);
        prop_assert_eq!(&report.violations, &expected);
        prop_assert_eq!(check(&p.day, &slots), expected);
    }

    #[test]
    fn repairs_keep_every_rule(p in arb_problem(true), seed in 0u64..1000, pick in any::<prop::sample::Index>(), who in 1i64..=12) {
        let (draft, _) = generate(&p, seed, PROPERTY_BUDGET);
        prop_assume!(!draft.is_empty());
        let target = draft[pick.index(draft.len())];
        let change = Slot { applicant: ApplicantId(who), ..target };
        let mut with = p.pinned.clone();
        with.push(change);
        prop_assume!(!p.pinned.contains(&target) && check(&p.day, &with).is_empty());
        let (slots, report) = repair(&p, &draft, &[change], seed, PROPERTY_BUDGET);
        prop_assert_eq!(check(&p.day, &slots), vec![]);
        prop_assert!(slots.contains(&change));
        for s in &p.pinned {
            prop_assert!(slots.contains(s));
        }
        let before: BTreeSet<Slot> = draft.iter().copied().collect();
        let after: BTreeSet<Slot> = slots.iter().copied().collect();
        let at = |applicant, (round, room)| Slot { round, room, applicant };
        for m in &report.moved {
            if let Some(from) = m.from {
                prop_assert!(before.contains(&at(m.applicant, from)));
                prop_assert!(!after.contains(&at(m.applicant, from)));
            }
            if let Some(to) = m.to {
                prop_assert!(after.contains(&at(m.applicant, to)));
            }
        }
    }

    #[test]
    fn everyone_visits_every_room_when_there_is_room(rooms in 1usize..=8, extra_rounds in 0u16..=4, fewer in 0usize..=7, seed in 0u64..1000) {
        let applicants = rooms - fewer.min(rooms - 1);
        let p = problem(day(rooms, rooms as u16 + extra_rounds), applicants, rooms as u16);
        let (slots, report) = generate(&p, seed, PROPERTY_BUDGET);
        prop_assert_eq!(check(&p.day, &slots), vec![]);
        prop_assert_eq!(&report.unmet, &vec![]);
        let mine = per_applicant(&slots);
        prop_assert_eq!(mine.len(), applicants);
        for visits in mine.values() {
            let seen: BTreeSet<RoomId> = visits.iter().map(|s| s.room).collect();
            prop_assert_eq!(seen.len(), rooms);
        }
    }
}
