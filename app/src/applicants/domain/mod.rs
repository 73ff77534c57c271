//! The rules of applicants: their statuses and when a program's invitation shows; what may
//! happen to a status is the state machine of `transitions`.

mod transitions;

pub use transitions::{Facts, Refused, Transition};

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
