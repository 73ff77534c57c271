//! Who scores whom on a published day, and which of those scores are still missing.

use super::*;

/// The applicants of a published day `user` may score: those they met (an applicant in one of
/// their rooms, by `slots` (applicant, room) and `seated` (room, interviewer)), or, when the
/// coordinators opened the session's scoring, everyone of the day if they interview in it at
/// all. In the order of `slots`, each once.
pub fn scoreable(
    slots: &[(ApplicantId, RoomId)],
    seated: &[(RoomId, UserId)],
    user: UserId,
    open: bool,
) -> Vec<ApplicantId> {
    let sits = |room: RoomId| seated.iter().any(|(r, u)| *r == room && *u == user);
    let interviews = slots.iter().any(|(_, room)| sits(*room));
    let mut out: Vec<ApplicantId> = Vec::new();
    for (applicant, room) in slots {
        if (sits(*room) || (open && interviews)) && !out.contains(applicant) {
            out.push(*applicant);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Missing scores
// ---------------------------------------------------------------------------------------------

/// Who is expected to score whom on a published day: each applicant by every interviewer of
/// each room they sit in, in the day's order, each pair once.
pub fn expected(day: &crate::itinerary::domain::Published) -> Vec<(ApplicantId, UserId)> {
    let mut expected = Vec::new();
    for slot in &day.slots {
        if let Some(room) = day.rooms.iter().find(|r| r.id == slot.room) {
            for i in &room.interviewers {
                if !expected.contains(&(slot.applicant, i.id)) {
                    expected.push((slot.applicant, i.id));
                }
            }
        }
    }
    expected
}

/// Who still owes which score: the expected (applicant, interviewer) pairs with no submitted
/// sheet, in the expected order, each once.
pub fn missing(
    expected: &[(ApplicantId, UserId)],
    submitted: &[(ApplicantId, UserId)],
) -> Vec<(ApplicantId, UserId)> {
    let mut seen: HashSet<(ApplicantId, UserId)> = submitted.iter().copied().collect();
    expected
        .iter()
        .copied()
        .filter(|pair| seen.insert(*pair))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::domain::fixtures::*;

    #[test]
    fn an_interviewer_scores_whom_they_met_or_everyone_of_the_day_when_opened() {
        let (a1, a2, a3) = (ApplicantId(1), ApplicantId(2), ApplicantId(3));
        let (r1, r2) = (RoomId(10), RoomId(20));
        let (u1, u2, u3) = (UserId(100), UserId(200), UserId(300));
        let slots = [(a1, r1), (a2, r2), (a1, r2), (a3, r2)];
        let seated = [(r1, u1), (r2, u2)];
        assert_eq!(scoreable(&slots, &seated, u1, false), vec![a1]);
        assert_eq!(scoreable(&slots, &seated, u2, false), vec![a2, a1, a3]);
        assert_eq!(scoreable(&slots, &seated, u1, true), vec![a1, a2, a3]);
        // Someone who interviews nobody that day scores nobody, open or not.
        assert!(scoreable(&slots, &seated, u3, true).is_empty());
        assert!(scoreable(&[], &seated, u1, true).is_empty());
    }

    // Rule 7: missing scores.

    #[test]
    fn missing_lists_the_expected_scores_not_submitted_in_order() {
        let expected = [
            (a(2), u(10)),
            (a(1), u(10)),
            (a(1), u(11)),
            (a(3), u(11)),
            (a(2), u(10)),
        ];
        let submitted = [(a(1), u(10)), (a(9), u(9))];
        assert_eq!(
            missing(&expected, &submitted),
            vec![(a(2), u(10)), (a(1), u(11)), (a(3), u(11))]
        );
        assert!(missing(&expected[1..2], &submitted).is_empty());
    }
}
