//! Unit tests of the repair after a manual change (its property test, with the generator's
//! others, is in `tests.rs`; the pins that give way, in `pins.rs`).

use super::tests::{day, per_applicant, problem, slot};
use super::*;
use crate::day::domain::grid::check;
use crate::day::domain::Moved;
use crate::ids::{ApplicantId, RoomId};
use std::collections::BTreeSet;

#[test]
fn repair_seats_the_displaced_applicant_and_moves_little() {
    // 6 rooms × 8 rounds, 5 applicants × 4: room to spare.
    let p = problem(day(6, 8), 5, 4);
    let (draft, _) = generate(&p, 2, BUDGET);
    // The coordinator moves someone into a room they have not visited, into a cell another
    // applicant holds (the draft still has the mover's old slot).
    let by = per_applicant(&draft);
    let change = draft
        .iter()
        .find_map(|taken| {
            by.iter().find_map(|(a, mine)| {
                let new_room = mine.iter().all(|s| s.room != taken.room);
                (new_room && *a != taken.applicant).then_some(Slot {
                    applicant: *a,
                    ..*taken
                })
            })
        })
        .expect("a possible change");
    let displaced = draft
        .iter()
        .find(|s| s.round == change.round && s.room == change.room)
        .map(|s| s.applicant);
    let (slots, report) = repair(&p, &draft, &[change], 4, BUDGET);
    assert_eq!(check(&p.day, &slots), vec![]);
    assert_eq!(report.violations, vec![]);
    assert!(slots.contains(&change));
    assert_eq!(report.unmet, vec![]);
    // The mover's old slot went (that is the change itself); the displaced applicant moved;
    // little else.
    assert!(
        !report.moved.is_empty() && report.moved.len() <= 3,
        "{:?}",
        report.moved
    );
    assert!(report
        .moved
        .iter()
        .any(|m| Some(m.applicant) == displaced && m.from == Some((change.round, change.room))));
    // The report matches the difference between draft and result.
    let before: BTreeSet<Slot> = draft.iter().copied().collect();
    let after: BTreeSet<Slot> = slots.iter().copied().collect();
    let changed = before.symmetric_difference(&after).count();
    let reported: usize = report
        .moved
        .iter()
        .map(|m| usize::from(m.from.is_some()) + usize::from(m.to.is_some()))
        .sum();
    assert_eq!(
        changed,
        reported + 2,
        "the change itself: one slot in, one out"
    );
}

#[test]
fn repair_of_a_valid_draft_changes_nothing() {
    let p = problem(day(4, 6), 4, 4);
    let (draft, _) = generate(&p, 1, BUDGET);
    let keep = [draft[0]];
    let (slots, report) = repair(&p, &draft, &keep, 1, BUDGET);
    assert_eq!(slots, draft);
    assert_eq!(report.moved, Vec::<Moved>::new());
    assert_eq!(report.iterations, 0);
}

#[test]
fn repair_reports_an_applicant_that_must_leave() {
    // One room, two rounds, two applicants with one interview each: the coordinator puts
    // applicant 1 into round 1, where applicant 2 was; applicant 2 takes round 0.
    let p = problem(day(1, 2), 2, 1);
    let draft = [slot(0, 1, 1), slot(1, 1, 2)];
    let keep = [slot(1, 1, 1)];
    let (slots, report) = repair(&p, &draft, &keep, 0, BUDGET);
    assert_eq!(slots, vec![slot(0, 1, 2), slot(1, 1, 1)]);
    assert_eq!(
        report.moved,
        vec![Moved {
            applicant: ApplicantId(2),
            from: Some((1, RoomId(1))),
            to: Some((0, RoomId(1))),
        }]
    );
}

// ---------------------------------------------------------------------------------------
