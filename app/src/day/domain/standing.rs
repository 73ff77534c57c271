//! How a draft stands as it is now: who is short of interviews, each interviewer's load, the
//! spread of late-day interviews. The report above the grid is computed from this in the
//! browser after every edit (so it never says "no rule is broken" of a draft that breaks one);
//! only the generator's reasons for a shortfall come from the server.

use super::grid::{DayShape, Slot};
use super::timeline::late_rounds;
use crate::ids::{ApplicantId, UserId};

/// The draft's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// Applicants with fewer interviews than wanted, and how many they have, in the given order.
    pub short: Vec<(ApplicantId, u16)>,
    /// Interviews per interviewer (a panel's interview counts for each of its members), in the
    /// order of the rooms.
    pub load: Vec<(UserId, u16)>,
    /// The fewest and the most interviews an applicant has in the last third of the rounds.
    pub late: (u16, u16),
}

/// The standing of `slots` for `applicants` (each wanting `wanted` interviews) on `day`.
pub fn standing(
    day: &DayShape,
    applicants: &[ApplicantId],
    wanted: u16,
    slots: &[Slot],
) -> Standing {
    let late_rounds = late_rounds(day.rounds);
    let count = |a: ApplicantId, late: bool| {
        let n = slots
            .iter()
            .filter(|s| s.applicant == a && (!late || late_rounds.contains(&s.round)))
            .count();
        u16::try_from(n).unwrap_or(u16::MAX)
    };
    let short = applicants
        .iter()
        .map(|a| (*a, count(*a, false)))
        .filter(|(_, n)| *n < wanted)
        .collect();
    let mut load: Vec<(UserId, u16)> = Vec::new();
    for room in &day.rooms {
        let n = slots.iter().filter(|s| s.room == room.id).count();
        let n = u16::try_from(n).unwrap_or(u16::MAX);
        for i in &room.interviewers {
            match load.iter_mut().find(|(u, _)| u == i) {
                Some((_, m)) => *m = m.saturating_add(n),
                None => load.push((*i, n)),
            }
        }
    }
    let late: Vec<u16> = applicants.iter().map(|a| count(*a, true)).collect();
    Standing {
        short,
        load,
        late: (
            late.iter().copied().min().unwrap_or(0),
            late.iter().copied().max().unwrap_or(0),
        ),
    }
}

/// "1 interview", "2 interviews".
pub fn interviews(n: impl Into<u32>) -> String {
    match n.into() {
        1 => "1 interview".to_string(),
        n => format!("{n} interviews"),
    }
}

/// The report's line when every applicant has what they want and no rule is broken.
pub fn all_well(wanted: u16) -> String {
    if wanted == 1 {
        "Everyone has their interview; no rule is broken.".to_string()
    } else {
        format!("Everyone has their {wanted} interviews; no rule is broken.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::domain::grid::tests::{day, slot};

    #[test]
    fn one_interview_is_singular_and_more_are_plural() {
        assert_eq!(
            all_well(1),
            "Everyone has their interview; no rule is broken."
        );
        assert_eq!(
            all_well(2),
            "Everyone has their 2 interviews; no rule is broken."
        );
        assert_eq!(interviews(1u16), "1 interview");
        assert_eq!(interviews(0u16), "0 interviews");
        assert_eq!(interviews(3u16), "3 interviews");
    }

    #[test]
    fn the_standing_follows_the_slots() {
        let people = [ApplicantId(1), ApplicantId(2)];
        let full = [slot(0, 1, 1), slot(1, 2, 1), slot(1, 1, 2), slot(2, 2, 2)];
        let s = standing(&day(), &people, 2, &full);
        assert!(s.short.is_empty());
        // The panel's interviews count for both its members; an empty room's interviewer has 0.
        assert_eq!(
            s.load,
            vec![(UserId(10), 4), (UserId(20), 2), (UserId(30), 0)]
        );
        // Round 3 is the late third: applicant 2 has one interview there, applicant 1 none.
        assert_eq!(s.late, (0, 1));
        // An interview taken out: that applicant is short, with the one left.
        let s = standing(&day(), &people, 2, &full[1..]);
        assert_eq!(s.short, vec![(ApplicantId(1), 1)]);
        assert_eq!(
            s.load,
            vec![(UserId(10), 3), (UserId(20), 2), (UserId(30), 0)]
        );
    }
}
