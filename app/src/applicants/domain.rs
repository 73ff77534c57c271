//! The rules of applicants: their statuses and when a program's invitation shows.

use crate::ids::SessionId;
use serde::{Deserialize, Serialize};

/// Where an applicant stands with a program (the seed's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    InterviewCandidate,
    InvitedReady,
    Pending,
    Confirmed,
    Waitlisted,
    Declined,
    Cancelled,
    Withdrawn,
    Interviewed,
    NoShow,
}

crate::text_enum::text_enum!(Status {
    InterviewCandidate => "interview_candidate",
    InvitedReady => "invited_ready",
    Pending => "pending",
    Confirmed => "confirmed",
    Waitlisted => "waitlisted",
    Declined => "declined",
    Cancelled => "cancelled",
    Withdrawn => "withdrawn",
    Interviewed => "interviewed",
    NoShow => "no_show",
});

/// The statuses that give a seat up. A seat in a session is held by everyone assigned to it
/// except these: an applicant marked Interviewed or No-show on the day keeps theirs (the session
/// was theirs; its capacity does not reopen, and the builder does not flag them).
pub const SEAT_GIVEN_UP: [Status; 3] = [Status::Cancelled, Status::Declined, Status::Withdrawn];

impl Status {
    /// Whether an applicant assigned to a session with this status holds a seat in it.
    pub fn holds_seat(self) -> bool {
        !SEAT_GIVEN_UP.contains(&self)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::InterviewCandidate => "Interview Candidate",
            Status::InvitedReady => "Invited & Ready for Scheduling",
            Status::Pending => "Pending",
            Status::Confirmed => "Confirmed",
            Status::Waitlisted => "Waitlisted",
            Status::Declined => "Declined",
            Status::Cancelled => "Cancelled",
            Status::Withdrawn => "Withdrawn",
            Status::Interviewed => "Interviewed",
            Status::NoShow => "No-show",
        }
    }
}

/// What the invitation gate looks at for one applicant of one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateFacts {
    /// (1) the applicant was added to the program (a row exists) — implied by having facts.
    /// (2) the program has at least one visible session.
    pub any_visible_session: bool,
    /// (3) the applicant's status.
    pub status: Status,
    /// (4) the invitation e-mail was sent.
    pub invitation_sent: bool,
}

/// Does the applicant see this program's invitation? All four conditions of the seed must
/// hold. Once they have answered it (pending, confirmed, declined …) the program stays in their
/// list whatever happens to session visibility, so they can see where they stand.
pub fn invitation_visible(f: GateFacts) -> bool {
    match f.status {
        Status::InterviewCandidate => false,
        Status::InvitedReady => f.any_visible_session && f.invitation_sent,
        _ => f.invitation_sent,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_assigned_keep_their_seat_on_the_day_unless_they_gave_it_up() {
        for kept in [Status::Confirmed, Status::Interviewed, Status::NoShow] {
            assert!(kept.holds_seat(), "{kept:?}");
        }
        for gone in [Status::Cancelled, Status::Declined, Status::Withdrawn] {
            assert!(!gone.holds_seat(), "{gone:?}");
        }
    }

    use super::*;

    const OPEN: GateFacts = GateFacts {
        any_visible_session: true,
        status: Status::InvitedReady,
        invitation_sent: true,
    };

    #[test]
    fn statuses_round_trip() {
        for &s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("invited"), None);
    }

    #[test]
    fn the_gate_needs_all_four_conditions() {
        assert!(invitation_visible(OPEN));
        assert!(!invitation_visible(GateFacts {
            any_visible_session: false,
            ..OPEN
        }));
        assert!(!invitation_visible(GateFacts {
            invitation_sent: false,
            ..OPEN
        }));
        assert!(!invitation_visible(GateFacts {
            status: Status::InterviewCandidate,
            ..OPEN
        }));
    }

    #[test]
    fn an_answered_invitation_stays_listed() {
        let confirmed = GateFacts {
            status: Status::Confirmed,
            any_visible_session: false,
            ..OPEN
        };
        assert!(invitation_visible(confirmed));
    }
}

/// The applicant's first and second choice, checked. With two or more visible sessions a
/// second choice is required and must differ from the first.
pub fn validate_choices(
    visible_sessions: usize,
    first: Option<SessionId>,
    second: Option<SessionId>,
) -> Result<(SessionId, Option<SessionId>), crate::error::AppError> {
    use crate::error::AppError;
    let first = first
        .ok_or_else(|| AppError::invalid("first_choice", "Choose your first choice session."))?;
    if visible_sessions < 2 {
        return Ok((first, None));
    }
    let second = second.ok_or_else(|| {
        AppError::invalid(
            "second_choice",
            "Choose a second choice, in case your first choice fills up.",
        )
    })?;
    if second == first {
        return Err(AppError::invalid(
            "second_choice",
            "Your second choice must be a different session from your first.",
        ));
    }
    Ok((first, Some(second)))
}

/// What submitting choices does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Booking {
    /// Self-scheduling: confirmed in this session (the first choice, else the second).
    Confirmed {
        session_id: SessionId,
        first_choice: bool,
    },
    /// Self-scheduling, and both choices were full: nothing was booked.
    BothFull,
    /// Manual assignment: waiting for a coordinator.
    Pending,
}

/// Decides a booking from whether each choice still has a seat (checked under lock).
pub fn decide_booking(
    self_scheduling: bool,
    first: (SessionId, bool),
    second: Option<(SessionId, bool)>,
) -> Booking {
    if !self_scheduling {
        return Booking::Pending;
    }
    if first.1 {
        return Booking::Confirmed {
            session_id: first.0,
            first_choice: true,
        };
    }
    match second {
        Some((id, true)) => Booking::Confirmed {
            session_id: id,
            first_choice: false,
        },
        _ => Booking::BothFull,
    }
}

#[cfg(test)]
mod choice_tests {
    use super::*;
    use crate::ids::SessionId as S;

    #[test]
    fn a_second_choice_is_needed_when_there_are_two_sessions() {
        assert_eq!(validate_choices(1, Some(S(4)), None).unwrap(), (S(4), None));
        assert_eq!(
            validate_choices(1, Some(S(4)), Some(S(9))).unwrap(),
            (S(4), None)
        );
        assert!(validate_choices(1, None, None)
            .unwrap_err()
            .field_message("first_choice")
            .is_some());
        assert!(validate_choices(2, Some(S(4)), None)
            .unwrap_err()
            .field_message("second_choice")
            .is_some());
        assert!(validate_choices(3, Some(S(4)), Some(S(4)))
            .unwrap_err()
            .field_message("second_choice")
            .is_some());
        assert_eq!(
            validate_choices(3, Some(S(4)), Some(S(5))).unwrap(),
            (S(4), Some(S(5)))
        );
    }

    #[test]
    fn self_scheduling_confirms_first_else_second() {
        assert_eq!(
            decide_booking(true, (S(1), true), Some((S(2), true))),
            Booking::Confirmed {
                session_id: S(1),
                first_choice: true
            }
        );
        assert_eq!(
            decide_booking(true, (S(1), false), Some((S(2), true))),
            Booking::Confirmed {
                session_id: S(2),
                first_choice: false
            }
        );
        assert_eq!(
            decide_booking(true, (S(1), false), Some((S(2), false))),
            Booking::BothFull
        );
        assert_eq!(decide_booking(true, (S(1), false), None), Booking::BothFull);
        assert_eq!(
            decide_booking(false, (S(1), true), Some((S(2), true))),
            Booking::Pending
        );
    }
}
