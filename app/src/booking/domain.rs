//! The rules of booking a seat: an applicant's first and second choice checked, and what a
//! submission does (confirmed in the first choice, else the second, both full, or pending a
//! coordinator), decided from whether each choice still has a seat.

use crate::ids::SessionId;
use serde::{Deserialize, Serialize};

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
