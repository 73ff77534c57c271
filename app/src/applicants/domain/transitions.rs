//! Every status change by the rules: one state machine, [`Status::change`], that every workflow
//! asks before it writes an applicant's status (marking invited, sending the invitation,
//! choosing, assigning, declining, withdrawing, cancelling, moving, the day's marks, deleting).
//! A refusal is typed ([`Refused`]) and reads as a sentence naming the applicant and the reason:
//! "Ana is Interviewed: a completed interview cannot be cancelled."

use super::Status;
use crate::error::AppError;

/// What may happen to an applicant's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    /// A coordinator: Interview Candidate → Invited & Ready for Scheduling.
    MarkInvited,
    /// A coordinator sends (or re-sends) the invitation: the status stays.
    SendInvitation,
    /// The applicant's choices are kept for a coordinator to assign (no self-scheduling).
    Choose,
    /// A choice confirmed at once (self-scheduling), or a waitlisted applicant taking a seat.
    Confirm,
    /// A coordinator confirms a pending applicant in a session.
    Assign,
    /// The applicant declines the invitation.
    Decline,
    /// Waiting for a seat in a full session (the waitlist).
    Waitlist,
    /// The program withdraws the invitation (a seat held is freed).
    Withdraw,
    /// A coordinator cancels a confirmed booking: the seat is freed.
    Cancel,
    /// A coordinator moves a confirmed applicant to another session: still Confirmed.
    Move,
    /// On the day: every interview of theirs completed.
    MarkInterviewed,
    /// On the day: they never came.
    MarkNoShow,
    /// The record removed: only for one who never booked a session.
    Delete,
    /// Off the last waitlist they were in (they left it, declined its offer, or the offer ran
    /// out): Invited & Ready again, free to choose.
    LeaveWaitlist,
}

impl Transition {
    pub const ALL: [Transition; 14] = [
        Transition::MarkInvited,
        Transition::SendInvitation,
        Transition::Choose,
        Transition::Confirm,
        Transition::Assign,
        Transition::Decline,
        Transition::Waitlist,
        Transition::Withdraw,
        Transition::Cancel,
        Transition::Move,
        Transition::MarkInterviewed,
        Transition::MarkNoShow,
        Transition::Delete,
        Transition::LeaveWaitlist,
    ];
}

/// What the rules look at beside the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// They hold, or once held, a session (a booking was made: `session_id` is set).
    pub booked: bool,
}

/// A transition the rules refuse: the status it was asked of and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub status: Status,
    pub transition: Transition,
    pub reason: &'static str,
}

impl Refused {
    /// The refusal as a sentence about the applicant `name`.
    pub fn sentence(&self, name: &str) -> String {
        format!("{name} is {}: {}.", self.status.label(), self.reason)
    }

    /// The refusal as the error a coordinator is shown (409, the sentence).
    pub fn error(&self, name: &str) -> AppError {
        AppError::Conflict(self.sentence(name))
    }
}

impl Status {
    /// The status after `t`, or why the rules refuse it.
    pub fn change(self, t: Transition, f: Facts) -> Result<Status, Refused> {
        use Status::*;
        use Transition as T;
        let to = match (t, self) {
            (T::MarkInvited, InterviewCandidate) => InvitedReady,
            (T::SendInvitation, InvitedReady | Pending | Confirmed | Waitlisted) => self,
            (T::Choose, InvitedReady | Pending) => Pending,
            (T::Confirm, InvitedReady | Pending | Waitlisted) => Confirmed,
            (T::Assign, Pending) => Confirmed,
            (T::Decline, InvitedReady | Pending | Waitlisted) => Declined,
            (T::Waitlist, InvitedReady | Pending) => Waitlisted,
            (
                T::Withdraw,
                InterviewCandidate | InvitedReady | Pending | Confirmed | Waitlisted | Cancelled,
            ) => Withdrawn,
            (T::Cancel, Confirmed) => Cancelled,
            (T::Move, Confirmed) => Confirmed,
            // A No-show stays one when their rooms complete.
            (T::MarkInterviewed, Confirmed | Interviewed) if f.booked => Interviewed,
            (T::MarkInterviewed, NoShow) if f.booked => NoShow,
            (T::MarkNoShow, Confirmed | Interviewed | NoShow) if f.booked => NoShow,
            (
                T::Delete,
                InterviewCandidate | InvitedReady | Pending | Waitlisted | Declined | Withdrawn,
            ) if !f.booked => self,
            (T::LeaveWaitlist, Waitlisted) => InvitedReady,
            _ => {
                return Err(Refused {
                    status: self,
                    transition: t,
                    reason: refusal(t, self, f),
                })
            }
        };
        Ok(to)
    }
}

/// Why `t` is refused to an applicant who is `s`.
fn refusal(t: Transition, s: Status, f: Facts) -> &'static str {
    use Status::*;
    use Transition as T;
    match (t, s) {
        (T::Delete, _) if f.booked => {
            "an applicant who booked a session is kept for the record (withdraw them instead)"
        }
        (T::Delete, _) => "only an applicant who never booked a session can be deleted",
        (T::LeaveWaitlist, _) => "not on a waitlist",
        (T::MarkInterviewed | T::MarkNoShow, _) => "not on this day",
        (T::Cancel | T::Withdraw | T::Move, Interviewed) => match t {
            T::Cancel => "a completed interview cannot be cancelled",
            T::Withdraw => "a completed interview cannot be withdrawn",
            _ => "a completed interview cannot be moved",
        },
        (_, NoShow) => "their interview day is over",
        (T::Withdraw, Withdrawn) => "the invitation is already withdrawn",
        (T::Withdraw, Declined) => "they declined the invitation",
        (T::Cancel, Cancelled) => "the booking is already cancelled",
        (T::Cancel, _) => "only a confirmed booking can be cancelled",
        (T::Move, _) => "only a confirmed applicant can be moved to another session",
        (T::MarkInvited, _) => "only an Interview Candidate is marked Invited & Ready",
        (T::SendInvitation, InterviewCandidate) => {
            "mark them Invited & Ready for Scheduling before sending the invitation"
        }
        (T::Choose | T::Confirm | T::Waitlist, Confirmed) => "already confirmed for a session",
        (T::Assign, _) => "only a pending applicant is assigned a session",
        (_, InterviewCandidate) => "not invited yet",
        (T::Waitlist, Waitlisted) => "already on the waitlist",
        (_, Declined) => "they declined the invitation",
        _ => "the invitation is closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    /// Each status's outcome of every transition, in [`Transition::ALL`]'s order (`None`:
    /// refused), for an applicant who booked exactly when their status says so. The match has
    /// no catch-all: a new status does not compile until its row is written.
    #[rustfmt::skip]
    fn row(s: Status) -> [Option<Status>; 14] {
        const N: Option<Status> = None;
        let y = Some;
        //        invite  send        choose      confirm        assign         decline        waitlist        withdraw       cancel          move           interviewed      no-show     delete  leave
        match s {
            InterviewCandidate => [y(InvitedReady), N, N, N, N, N, N, y(Withdrawn), N, N, N, N, y(s), N],
            InvitedReady => [N, y(s), y(Pending), y(Confirmed), N, y(Declined), y(Waitlisted), y(Withdrawn), N, N, N, N, y(s), N],
            Pending => [N, y(s), y(Pending), y(Confirmed), y(Confirmed), y(Declined), y(Waitlisted), y(Withdrawn), N, N, N, N, y(s), N],
            Confirmed => [N, y(s), N, N, N, N, N, y(Withdrawn), y(Cancelled), y(Confirmed), y(Interviewed), y(NoShow), N, N],
            Waitlisted => [N, y(s), N, y(Confirmed), N, y(Declined), N, y(Withdrawn), N, N, N, N, y(s), y(InvitedReady)],
            Declined => [N, N, N, N, N, N, N, N, N, N, N, N, y(s), N],
            Cancelled => [N, N, N, N, N, N, N, y(Withdrawn), N, N, N, N, N, N],
            Withdrawn => [N, N, N, N, N, N, N, N, N, N, N, N, y(s), N],
            Interviewed => [N, N, N, N, N, N, N, N, N, N, y(Interviewed), y(NoShow), N, N],
            NoShow => [N, N, N, N, N, N, N, N, N, N, y(NoShow), y(NoShow), N, N],
        }
    }

    fn booked(s: Status) -> Facts {
        Facts {
            booked: matches!(s, Confirmed | Cancelled | Interviewed | NoShow),
        }
    }

    #[test]
    fn every_status_and_transition_as_the_table_says() {
        for &s in Status::ALL {
            for (t, want) in Transition::ALL.iter().zip(row(s)) {
                let got = s.change(*t, booked(s));
                match want {
                    Some(to) => assert_eq!(got, Ok(to), "{s:?} {t:?}"),
                    None => {
                        let r = got.expect_err(&format!("{s:?} {t:?} is refused"));
                        assert_eq!((r.status, r.transition), (s, *t));
                        let said = r.sentence("Ana");
                        assert!(
                            said.starts_with(&format!("Ana is {}: ", s.label()))
                                && said.ends_with('.'),
                            "{said}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_refusal_reads_as_a_sentence_naming_the_applicant() {
        let r = Interviewed
            .change(Transition::Cancel, booked(Interviewed))
            .unwrap_err();
        assert_eq!(
            r.sentence("Ana"),
            "Ana is Interviewed: a completed interview cannot be cancelled."
        );
        assert_eq!(
            r.error("Ana"),
            AppError::Conflict(
                "Ana is Interviewed: a completed interview cannot be cancelled.".into()
            )
        );
    }

    #[test]
    fn only_who_never_booked_is_deleted() {
        let once_booked = Facts { booked: true };
        for s in [
            InterviewCandidate,
            InvitedReady,
            Pending,
            Waitlisted,
            Declined,
            Withdrawn,
        ] {
            assert_eq!(s.change(Transition::Delete, Facts { booked: false }), Ok(s));
            let r = s.change(Transition::Delete, once_booked).unwrap_err();
            assert!(r.reason.contains("booked a session"), "{s:?}");
        }
    }

    #[test]
    fn the_day_marks_only_who_holds_a_session() {
        let unbooked = Facts { booked: false };
        for t in [Transition::MarkInterviewed, Transition::MarkNoShow] {
            let r = Confirmed.change(t, unbooked).unwrap_err();
            assert_eq!(r.sentence("Ana"), "Ana is Confirmed: not on this day.");
        }
    }

    #[test]
    fn a_seat_is_held_exactly_while_the_rules_let_it_be_used() {
        // What the rules lead to from a booking: Confirmed, moved, marked on the day keep the
        // seat; cancelled and withdrawn give it up.
        let b = booked(Confirmed);
        for t in [
            Transition::Move,
            Transition::MarkInterviewed,
            Transition::MarkNoShow,
        ] {
            assert!(Confirmed.change(t, b).unwrap().holds_seat(), "{t:?}");
        }
        for t in [Transition::Cancel, Transition::Withdraw] {
            assert!(!Confirmed.change(t, b).unwrap().holds_seat(), "{t:?}");
        }
    }
}
