//! Who may enter a video room, and when: the rules, over a published day and its times as the
//! day clock runs them. Pure: the caller reads the day, the clock's times and which rooms are
//! Ready, and says who is asking.
//!
//! - An interview room: the program's coordinators at any time (everyone is told a coordinator
//!   joined); the room's interviewers at any time; an applicant during their round in it, and
//!   early only for the next round and only once the room is Ready; before that they wait (the
//!   waiting room), after it the room is closed to them.
//! - A meeting room: its audience (the day's applicants, its interviewers, or both) from
//!   [`MEETING_OPENS_EARLY_MIN`] minutes before its start to its end; coordinators at any time.
//! - Anyone else is refused with words that tell nothing of the room.

mod moves;

pub use moves::{leave, onward, Leave};

use crate::day::domain::grid::Round;
use crate::ids::{ApplicantId, RoomId, UserId};
use crate::itinerary::domain::{PhaseTimes, Published};
use crate::meeting_rooms::domain::{Audience, MeetingRoom};
use chrono::{DateTime, Duration, Utc};

/// How early a meeting room lets its audience in.
pub const MEETING_OPENS_EARLY_MIN: i64 = 10;

/// The refusal for anyone a room is not for (an unknown link says the same).
pub const NOT_YOURS: &str = "This video room is not on your day, or its link has changed. Open your day's itinerary for your rooms.";

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// An applicant of the session's program.
    Applicant(ApplicantId),
    /// A member of the program's staff; `runs_program`: a director, manager or coordinator
    /// acting as one.
    Staff { user: UserId, runs_program: bool },
}

/// Which room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    Interview(RoomId),
    Meeting(&'a MeetingRoom),
}

/// How someone takes part in a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Interviewer,
    Applicant,
    /// Shown to everyone as "Coordinator joined".
    Coordinator,
    /// In a meeting room.
    Attendee,
}

/// The answer at the door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Door {
    Enter(Part),
    /// The waiting room: until when at the latest (their round's start), and why.
    Wait {
        until: DateTime<Utc>,
        why: String,
    },
    Refused(String),
    /// Theirs, but their time in it is over (the page moves an applicant on: [`onward`]).
    Over(String),
}

/// The moment asked about: now, each round's times as the clock runs them, and whether a
/// room is Ready for a round (its interviewer's "I'm ready", or a coordinator's).
pub struct Moment<'a> {
    pub now: DateTime<Utc>,
    pub times: &'a [PhaseTimes],
    pub ready: &'a dyn Fn(RoomId, Round) -> bool,
}

impl Moment<'_> {
    fn round_times(&self, round: Round) -> Option<&PhaseTimes> {
        self.times.iter().find(|t| t.round == Some(round))
    }

    /// The next round to start (none under way counts: the first not started yet).
    fn next_round(&self) -> Option<Round> {
        self.times
            .iter()
            .filter(|t| t.round.is_some() && t.starts_at > self.now)
            .min_by_key(|t| t.starts_at)
            .and_then(|t| t.round)
    }
}

/// Who may enter `place` of `day` at `at`, as `who`.
pub fn door(day: &Published, place: Place, who: Who, at: &Moment) -> Door {
    if let Who::Staff {
        runs_program: true, ..
    } = who
    {
        return Door::Enter(Part::Coordinator);
    }
    match place {
        Place::Interview(room) => interview_door(day, room, who, at),
        Place::Meeting(m) => meeting_door(day, m, who, at),
    }
}

fn refused() -> Door {
    Door::Refused(NOT_YOURS.into())
}

fn interview_door(day: &Published, room: RoomId, who: Who, at: &Moment) -> Door {
    let Some(r) = day.rooms.iter().find(|r| r.id == room) else {
        return refused();
    };
    let applicant = match who {
        Who::Staff { user, .. } if r.interviewers.iter().any(|i| i.id == user) => {
            return Door::Enter(Part::Interviewer)
        }
        Who::Staff { .. } => return refused(),
        Who::Applicant(a) => a,
    };
    // Their rounds in this room, in the order they run, with their times as things stand.
    let mut mine: Vec<(Round, &PhaseTimes)> = day
        .slots
        .iter()
        .filter(|s| s.applicant == applicant && s.room == room)
        .filter_map(|s| at.round_times(s.round).map(|t| (s.round, t)))
        .collect();
    if mine.is_empty() {
        return refused();
    }
    mine.sort_by_key(|(_, t)| t.starts_at);
    let Some((round, times)) = mine.into_iter().find(|(_, t)| t.ends_at > at.now) else {
        return Door::Over(
            "Your interview in this room is over. Your itinerary says where you are next.".into(),
        );
    };
    if times.starts_at <= at.now {
        return Door::Enter(Part::Applicant);
    }
    if at.next_round() == Some(round) && (at.ready)(room, round) {
        return Door::Enter(Part::Applicant);
    }
    Door::Wait {
        until: times.starts_at,
        why: format!(
            "Your interview in {} starts at its round's start; you join as soon as your interviewer is ready.",
            r.name
        ),
    }
}

fn meeting_door(day: &Published, m: &MeetingRoom, who: Who, at: &Moment) -> Door {
    let in_audience = match who {
        Who::Applicant(a) => {
            m.audience != Audience::Interviewers && day.slots.iter().any(|s| s.applicant == a)
        }
        Who::Staff { user, .. } => {
            m.audience != Audience::Applicants
                && day
                    .rooms
                    .iter()
                    .any(|r| r.interviewers.iter().any(|i| i.id == user))
        }
    };
    if !in_audience {
        return refused();
    }
    if at.now >= m.ends_at {
        return Door::Over(format!("{} has closed for today.", m.name));
    }
    let opens = m.starts_at - Duration::minutes(MEETING_OPENS_EARLY_MIN);
    if at.now < opens {
        return Door::Wait {
            until: opens,
            why: format!(
                "{} opens {MEETING_OPENS_EARLY_MIN} minutes before it starts.",
                m.name
            ),
        };
    }
    Door::Enter(Part::Attendee)
}

#[cfg(test)]
mod tests;
