//! Which pinned slots hold in a repair: a manual change wins over an earlier one.
//!
//! Cells placed by hand are pinned, so a later regeneration keeps them. When the change being
//! repaired clashes with such a cell (the applicant moved into a room they were already placed
//! in by hand, say), the repair cannot keep both; the coordinator's newest word wins, and the
//! older pin becomes an ordinary slot the repair may move (and lists among its moves).

use super::super::grid::{check, DayShape, Slot};

/// The pinned slots that stay pinned when `keep` is repaired: every pin except those breaking a
/// hard rule together with a kept slot. A pin that breaks a rule on its own (against a conflict
/// of interest, say) is not the change's doing and stays as it is.
pub fn holding(day: &DayShape, pinned: &[Slot], keep: &[Slot]) -> Vec<Slot> {
    pinned
        .iter()
        .filter(|p| keep.contains(p) || !in_the_way(day, p, keep))
        .copied()
        .collect()
}

fn in_the_way(day: &DayShape, pin: &Slot, keep: &[Slot]) -> bool {
    let mut both = keep.to_vec();
    both.push(*pin);
    check(day, &both)
        .iter()
        .any(|v| v.involves(pin) && keep.iter().any(|k| k != pin && v.involves(k)))
}

#[cfg(test)]
mod tests {
    use super::super::repair;
    use super::super::tests::{day, problem, slot};
    use super::*;
    use crate::day::domain::grid::ConflictPair;
    use crate::ids::{ApplicantId, UserId};

    #[test]
    fn a_pin_the_change_clashes_with_gives_way_and_the_repair_moves_it() {
        // 3 rooms × 4 rounds, 2 applicants × 2 interviews. Applicant 1 was placed by hand in
        // room 3, round 2; the coordinator now swaps applicant 1 into room 3 in round 0.
        let mut p = problem(day(3, 4), 2, 2);
        let draft = vec![slot(0, 1, 1), slot(0, 3, 2), slot(1, 1, 2), slot(2, 3, 1)];
        p.pinned = vec![slot(2, 3, 1)];
        let keep = [slot(0, 3, 1), slot(0, 1, 2)];
        assert!(!check(&p.day, &[keep[0], keep[1], p.pinned[0]]).is_empty());

        p.pinned = holding(&p.day, &p.pinned, &keep);
        assert_eq!(p.pinned, vec![]);
        let (slots, report) = repair(&p, &draft, &keep, 0, super::super::BUDGET);
        assert_eq!(check(&p.day, &slots), vec![]);
        assert_eq!(report.violations, vec![]);
        assert!(keep.iter().all(|k| slots.contains(k)));
        assert!(!slots.contains(&slot(2, 3, 1)), "{slots:?}");
        assert!(report
            .moved
            .iter()
            .any(|m| m.applicant == ApplicantId(1) && m.from == Some((2, crate::ids::RoomId(3)))));
    }

    #[test]
    fn pins_apart_from_the_change_hold_even_when_they_break_a_rule_alone() {
        let mut d = day(3, 4);
        // Applicant 2 must never meet room 2's interviewer, yet was placed there by hand.
        d.conflicts = vec![ConflictPair {
            interviewer: UserId(101),
            applicant: ApplicantId(2),
        }];
        let pinned = [slot(3, 2, 2), slot(1, 1, 1), slot(0, 3, 1)];
        let keep = [slot(0, 3, 1), slot(2, 2, 1)];
        assert_eq!(holding(&d, &pinned, &keep), pinned.to_vec());
    }
}
