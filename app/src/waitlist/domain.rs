//! The rules of a session's waitlist, pure: what the line does with the seats free in its
//! session ([`next_steps`]), and a place in line in words ("3rd in line").
//!
//! - **In order** (sequential): an offer that ran out is taken back (its applicant leaves the
//!   line); then each free seat is offered to the first in line without one, and held for them.
//! - **First come**: while a seat is free, everyone waiting who was not told yet is told; once
//!   none is free (someone took it), those told are told it is gone, and stay in line.
//! - **Off**: the line is kept but nothing is offered.
//!
//! `free` counts the seats nobody holds: capacity less the confirmed and the offers still held
//! (an offer that ran out but is not taken back yet still holds its seat, so it is counted
//! free here once taken back).

use crate::booking::rules::WaitlistMode;
use crate::ids::ApplicantId;
use chrono::{DateTime, Utc};

/// One applicant in a session's line, in the line's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InLine {
    pub applicant: ApplicantId,
    /// First come: they were told a seat is open.
    pub told: bool,
    /// In order: the seat is held for them until then.
    pub offer_until: Option<DateTime<Utc>>,
}

/// What the line does now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// An offer ran out: taken back, the applicant leaves this line.
    Expire(ApplicantId),
    /// In order: the seat is offered and held.
    Offer(ApplicantId),
    /// First come: told a seat is open.
    Tell(ApplicantId),
    /// First come: told the seat is gone (they stay in line).
    Gone(ApplicantId),
}

/// The steps a line takes at `now` with `free` seats nobody holds (offers that ran out still
/// count as held in `free`; they are given back here).
pub fn next_steps(mode: WaitlistMode, free: i64, line: &[InLine], now: DateTime<Utc>) -> Vec<Step> {
    let mut steps = Vec::new();
    match mode {
        WaitlistMode::Off => {}
        WaitlistMode::Sequential => {
            let mut free = free;
            for e in line {
                if e.offer_until.is_some_and(|until| until <= now) {
                    steps.push(Step::Expire(e.applicant));
                    free += 1;
                }
            }
            for e in line.iter().filter(|e| e.offer_until.is_none()) {
                if free <= 0 {
                    break;
                }
                steps.push(Step::Offer(e.applicant));
                free -= 1;
            }
        }
        WaitlistMode::FirstCome => {
            for e in line {
                if e.offer_until.is_some() {
                    // An offer made by hand is kept to its end, whatever the mode.
                    continue;
                }
                match (free > 0, e.told) {
                    (true, false) => steps.push(Step::Tell(e.applicant)),
                    (false, true) => steps.push(Step::Gone(e.applicant)),
                    _ => {}
                }
            }
        }
    }
    steps
}

/// "1st", "2nd", "3rd", "4th", "11th", "21st" …
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    fn waiting(id: i64) -> InLine {
        InLine {
            applicant: ApplicantId(id),
            told: false,
            offer_until: None,
        }
    }

    fn offered(id: i64, until: DateTime<Utc>) -> InLine {
        InLine {
            offer_until: Some(until),
            ..waiting(id)
        }
    }

    fn told(id: i64) -> InLine {
        InLine {
            told: true,
            ..waiting(id)
        }
    }

    use Step::*;
    const A: ApplicantId = ApplicantId(1);
    const B: ApplicantId = ApplicantId(2);
    const C: ApplicantId = ApplicantId(3);

    #[test]
    fn in_order_a_free_seat_is_offered_to_the_first_in_line_only() {
        let line = [waiting(1), waiting(2), waiting(3)];
        let seq = WaitlistMode::Sequential;
        assert_eq!(next_steps(seq, 1, &line, now()), vec![Offer(A)]);
        assert_eq!(next_steps(seq, 2, &line, now()), vec![Offer(A), Offer(B)]);
        assert_eq!(next_steps(seq, 0, &line, now()), vec![]);
    }

    #[test]
    fn in_order_a_held_offer_keeps_its_seat_until_it_runs_out_then_the_next_is_offered() {
        let seq = WaitlistMode::Sequential;
        let later = now() + Duration::hours(3);
        let line = [offered(1, later), waiting(2)];
        // The held offer is counted as taken (free 0): nothing moves.
        assert_eq!(next_steps(seq, 0, &line, now()), vec![]);
        // At its end, not a moment before, it is taken back and the next is offered.
        let at_end = [offered(1, now()), waiting(2)];
        assert_eq!(
            next_steps(seq, 0, &at_end, now()),
            vec![Expire(A), Offer(B)]
        );
        let before_end = [offered(1, now() + Duration::milliseconds(1)), waiting(2)];
        assert_eq!(next_steps(seq, 0, &before_end, now()), vec![]);
    }

    #[test]
    fn first_come_everyone_waiting_is_told_at_once_and_told_it_is_gone_once_taken() {
        let fc = WaitlistMode::FirstCome;
        let line = [waiting(1), waiting(2), told(3)];
        assert_eq!(next_steps(fc, 1, &line, now()), vec![Tell(A), Tell(B)]);
        let all_told = [told(1), told(2), told(3)];
        assert_eq!(next_steps(fc, 1, &all_told, now()), vec![]);
        assert_eq!(
            next_steps(fc, 0, &all_told, now()),
            vec![Gone(A), Gone(B), Gone(C)]
        );
        assert_eq!(next_steps(fc, 0, &[waiting(1)], now()), vec![]);
    }

    #[test]
    fn with_the_waitlist_off_nothing_moves() {
        let line = [waiting(1), offered(2, now())];
        assert_eq!(next_steps(WaitlistMode::Off, 3, &line, now()), vec![]);
    }

    #[test]
    fn places_in_words() {
        let said: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            said,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
