//! The rules of applicants: their statuses and when a program's invitation shows.

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

impl Status {
    pub const ALL: [Status; 10] = [
        Status::InterviewCandidate,
        Status::InvitedReady,
        Status::Pending,
        Status::Confirmed,
        Status::Waitlisted,
        Status::Declined,
        Status::Cancelled,
        Status::Withdrawn,
        Status::Interviewed,
        Status::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::InterviewCandidate => "interview_candidate",
            Status::InvitedReady => "invited_ready",
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::Waitlisted => "waitlisted",
            Status::Declined => "declined",
            Status::Cancelled => "cancelled",
            Status::Withdrawn => "withdrawn",
            Status::Interviewed => "interviewed",
            Status::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
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
    use super::*;

    const OPEN: GateFacts = GateFacts {
        any_visible_session: true,
        status: Status::InvitedReady,
        invitation_sent: true,
    };

    #[test]
    fn statuses_round_trip() {
        for s in Status::ALL {
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
