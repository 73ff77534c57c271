//! TimeTrack's rules, pure: a room's status in a round and who may set it, when an applicant's
//! join link shows, what the coordinator's overview flags (a room overrunning, or never gone In
//! progress) and the one click that settles it, and who a broadcast reaches.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A room's state in one round. Interviewers move it forward (Ready, In progress, Completed);
/// a coordinator may set any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RoomStatus {
    /// Not ready yet (no row stored).
    Waiting,
    /// The interviewer is ready: the applicant may join.
    Ready,
    InProgress,
    Completed,
}

crate::text_enum::text_enum!(RoomStatus {
    Waiting => "waiting",
    Ready => "ready",
    InProgress => "in_progress",
    Completed => "completed",
});

impl RoomStatus {
    pub fn label(self) -> &'static str {
        match self {
            RoomStatus::Waiting => "Not ready",
            RoomStatus::Ready => "Ready",
            RoomStatus::InProgress => "In progress",
            RoomStatus::Completed => "Completed",
        }
    }

    /// The applicant's join link shows from Ready until Completed.
    pub fn shows_link(self) -> bool {
        matches!(self, RoomStatus::Ready | RoomStatus::InProgress)
    }

    /// What an interviewer may set from here: the next step (a room is never moved back by
    /// an interviewer; a coordinator may).
    pub fn next(self) -> Option<RoomStatus> {
        match self {
            RoomStatus::Waiting => Some(RoomStatus::Ready),
            RoomStatus::Ready => Some(RoomStatus::InProgress),
            RoomStatus::InProgress => Some(RoomStatus::Completed),
            RoomStatus::Completed => None,
        }
    }
}

/// Why a status change is refused (`None`: allowed). Setting the status a room already has is
/// allowed and changes nothing. An interviewer moves forward only, skipping at most Ready (a
/// room may go straight to In progress); a coordinator may set any status.
pub fn refusal(from: RoomStatus, to: RoomStatus, coordinator: bool) -> Option<&'static str> {
    if from == to || coordinator {
        return None;
    }
    match (from, to) {
        (_, RoomStatus::Waiting) => Some("Only a coordinator can set a room back to Not ready."),
        (RoomStatus::Completed, _) => Some("This round is completed; a coordinator can reopen it."),
        (RoomStatus::InProgress, RoomStatus::Ready) => {
            Some("The interview is in progress; a coordinator can set it back.")
        }
        (RoomStatus::Waiting, RoomStatus::Completed) => {
            Some("Start the interview before completing it.")
        }
        _ => None,
    }
}

/// How long into a round a room may stay short of In progress before it is flagged.
pub const GRACE_MINUTES: i64 = 2;

/// What needs a person in a room's round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flag {
    /// The round is under way and the room has not gone In progress (minutes into the round).
    NotStarted(i64),
    /// The round is over and the room is still In progress (minutes over).
    Overrun(i64),
    /// The round is over and the room never went In progress.
    NeverStarted,
}

impl Flag {
    pub fn text(self) -> String {
        match self {
            Flag::NotStarted(m) => format!("Not in progress {m} min into the round"),
            Flag::Overrun(m) => format!("Overrunning by {m} min"),
            Flag::NeverStarted => "Never went In progress".to_string(),
        }
    }

    /// The one click that settles it.
    pub fn fix(self) -> RoomStatus {
        match self {
            Flag::NotStarted(_) => RoomStatus::InProgress,
            Flag::Overrun(_) | Flag::NeverStarted => RoomStatus::Completed,
        }
    }
}

/// The flag of a room's round at `now` (`None`: nothing to do). `starts_at`/`ends_at`: the
/// round's times as the day runs; `running`: the day has started (a day not started, or paused
/// before the round, flags nothing); `interview`: an applicant is in the room this round (and
/// not marked No-show).
pub fn flag(
    status: RoomStatus,
    interview: bool,
    running: bool,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Flag> {
    if !interview || !running || now < starts_at || status == RoomStatus::Completed {
        return None;
    }
    let into = (now - starts_at).num_minutes();
    let over = (now - ends_at).num_minutes();
    match status {
        RoomStatus::InProgress if now >= ends_at => Some(Flag::Overrun(over.max(0))),
        RoomStatus::InProgress => None,
        _ if now >= ends_at => Some(Flag::NeverStarted),
        _ if into >= GRACE_MINUTES => Some(Flag::NotStarted(into)),
        _ => None,
    }
}

/// Who a broadcast is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BroadcastAudience {
    Everyone,
    Interviewers,
    Applicants,
}

crate::text_enum::text_enum!(BroadcastAudience {
    Everyone => "everyone",
    Interviewers => "interviewers",
    Applicants => "applicants",
});

impl BroadcastAudience {
    pub fn label(self) -> &'static str {
        match self {
            BroadcastAudience::Everyone => "Everyone",
            BroadcastAudience::Interviewers => "Interviewers",
            BroadcastAudience::Applicants => "Applicants",
        }
    }

    /// Whether an applicant (`true`) or an interviewer (`false`) sees it.
    pub fn reaches(self, applicant: bool) -> bool {
        match self {
            BroadcastAudience::Everyone => true,
            BroadcastAudience::Interviewers => !applicant,
            BroadcastAudience::Applicants => applicant,
        }
    }
}

/// The longest broadcast, in characters.
pub const BROADCAST_MAX: usize = 500;

/// An applicant is Interviewed once every room they were in has completed its round.
pub fn all_completed(statuses: &[RoomStatus]) -> bool {
    !statuses.is_empty() && statuses.iter().all(|s| *s == RoomStatus::Completed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use RoomStatus::*;

    #[test]
    fn an_interviewer_moves_a_room_forward_and_a_coordinator_anywhere() {
        assert_eq!(refusal(Waiting, Ready, false), None);
        assert_eq!(refusal(Ready, InProgress, false), None);
        assert_eq!(refusal(Waiting, InProgress, false), None, "straight in");
        assert_eq!(refusal(InProgress, Completed, false), None);
        assert_eq!(refusal(Completed, Completed, false), None, "again: nothing");
        assert!(refusal(Waiting, Completed, false).is_some());
        assert!(refusal(Completed, InProgress, false).is_some());
        assert!(refusal(InProgress, Ready, false).is_some());
        assert!(refusal(Ready, Waiting, false).is_some());
        for from in [Waiting, Ready, InProgress, Completed] {
            for to in [Waiting, Ready, InProgress, Completed] {
                assert_eq!(refusal(from, to, true), None, "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn the_link_shows_from_ready_until_completed() {
        let shown: Vec<bool> = [Waiting, Ready, InProgress, Completed]
            .iter()
            .map(|s| s.shows_link())
            .collect();
        assert_eq!(shown, vec![false, true, true, false]);
    }

    #[test]
    fn rooms_are_flagged_when_late_overrunning_or_never_started() {
        let at = |m: i64| {
            Utc.with_ymd_and_hms(2027, 3, 9, 13, 0, 0).unwrap() + chrono::Duration::minutes(m)
        };
        let (start, end) = (at(0), at(20));
        let f = |status, now| flag(status, true, true, start, end, at(now));
        assert_eq!(f(Ready, 1), None, "within the grace");
        assert_eq!(f(Ready, 3), Some(Flag::NotStarted(3)));
        assert_eq!(f(Waiting, 2), Some(Flag::NotStarted(2)));
        assert_eq!(f(InProgress, 10), None);
        assert_eq!(f(InProgress, 24), Some(Flag::Overrun(4)));
        assert_eq!(f(Ready, 25), Some(Flag::NeverStarted));
        assert_eq!(f(Completed, 25), None);
        assert_eq!(f(Ready, -5), None, "before the round");
        assert_eq!(
            flag(Ready, false, true, start, end, at(10)),
            None,
            "no applicant"
        );
        assert_eq!(
            flag(Ready, true, false, start, end, at(10)),
            None,
            "day not running"
        );
        assert_eq!(Flag::NotStarted(3).fix(), InProgress);
        assert_eq!(Flag::Overrun(1).fix(), Completed);
        assert_eq!(Flag::NeverStarted.text(), "Never went In progress");
    }

    #[test]
    fn broadcasts_reach_their_audience_and_interviewed_needs_every_room_completed() {
        assert!(BroadcastAudience::Everyone.reaches(true));
        assert!(BroadcastAudience::Everyone.reaches(false));
        assert!(!BroadcastAudience::Interviewers.reaches(true));
        assert!(BroadcastAudience::Applicants.reaches(true));
        assert!(!BroadcastAudience::Applicants.reaches(false));
        assert!(all_completed(&[Completed, Completed]));
        assert!(!all_completed(&[Completed, InProgress]));
        assert!(!all_completed(&[]));
    }
}
