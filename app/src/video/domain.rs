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
        return Door::Refused(
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
        return Door::Refused(format!("{} has closed for today.", m.name));
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
mod tests {
    use super::*;
    use crate::day::domain::grid::Slot;
    use crate::day::types::Person;
    use crate::ids::SessionId;
    use crate::itinerary::domain::{Room, Stretch};
    use chrono::{NaiveDate, NaiveTime, TimeZone};

    const IVY: UserId = UserId(10);
    const OZ: UserId = UserId(11);
    const ANA: ApplicantId = ApplicantId(1);
    const BO: ApplicantId = ApplicantId(2);
    const RED: RoomId = RoomId(100);
    const BLUE: RoomId = RoomId(101);

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 1, 12, h, m, 0).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    /// Two rounds, 9:00–9:20 and 9:25–9:45; Ivy in Red, Oz in Blue; Ana in Red then Blue, Bo in
    /// Blue then Red; a welcome for everyone 8:30–8:55, a debrief for interviewers 10:00–10:30.
    fn day() -> Published {
        fn person<Id>(id: Id, name: &str) -> Person<Id> {
            Person {
                id,
                name: name.into(),
            }
        }
        let meeting = |name: &str, audience, (s, e): ((u32, u32), (u32, u32))| MeetingRoom {
            name: name.into(),
            audience,
            start: hm(s.0, s.1),
            end: hm(e.0, e.1),
            starts_at: t(s.0, s.1),
            ends_at: t(e.0, e.1),
            place: String::new(),
            link: None,
        };
        Published {
            session: SessionId(1),
            name: "January day".into(),
            date: NaiveDate::from_ymd_opt(2027, 1, 12).unwrap(),
            time_zone: "UTC".into(),
            stretches: [(1, (9, 0), (9, 20)), (2, (9, 25), (9, 45))]
                .map(|(round, s, e)| Stretch {
                    round: Some(round),
                    label: format!("Round {round}"),
                    start: hm(s.0, s.1),
                    end: hm(e.0, e.1),
                    starts_at: t(s.0, s.1),
                    ends_at: t(e.0, e.1),
                })
                .to_vec(),
            rooms: vec![
                Room {
                    id: RED,
                    name: "Room Red".into(),
                    place: String::new(),
                    link: None,
                    interviewers: vec![person(IVY, "Dr. Ivy")],
                },
                Room {
                    id: BLUE,
                    name: "Room Blue".into(),
                    place: String::new(),
                    link: None,
                    interviewers: vec![person(OZ, "Dr. Oz")],
                },
            ],
            applicants: vec![person(ANA, "Ana"), person(BO, "Bo")],
            slots: vec![
                Slot {
                    round: 1,
                    room: RED,
                    applicant: ANA,
                },
                Slot {
                    round: 1,
                    room: BLUE,
                    applicant: BO,
                },
                Slot {
                    round: 2,
                    room: BLUE,
                    applicant: ANA,
                },
                Slot {
                    round: 2,
                    room: RED,
                    applicant: BO,
                },
            ],
            meeting_rooms: vec![
                meeting("Welcome", Audience::Both, ((8, 30), (8, 55))),
                meeting("Debrief", Audience::Interviewers, ((10, 0), (10, 30))),
            ],
        }
    }

    /// The rounds' times, each moved by `late` minutes (the clock paused or extended).
    fn times(late: i64) -> Vec<PhaseTimes> {
        day()
            .stretches
            .iter()
            .map(|s| PhaseTimes {
                round: s.round,
                planned_start: s.starts_at,
                starts_at: s.starts_at + Duration::minutes(late),
                ends_at: s.ends_at + Duration::minutes(late),
            })
            .collect()
    }

    fn at(now: DateTime<Utc>, late: i64, ready: &dyn Fn(RoomId, Round) -> bool) -> Door {
        at_place(Place::Interview(RED), Who::Applicant(ANA), now, late, ready)
    }

    fn at_place(
        place: Place,
        who: Who,
        now: DateTime<Utc>,
        late: i64,
        ready: &dyn Fn(RoomId, Round) -> bool,
    ) -> Door {
        let times = times(late);
        door(
            &day(),
            place,
            who,
            &Moment {
                now,
                times: &times,
                ready,
            },
        )
    }

    const NONE_READY: &dyn Fn(RoomId, Round) -> bool = &|_, _| false;

    #[test]
    fn an_applicant_waits_until_their_round_or_their_ready_room_then_enters_then_is_done() {
        // Early, room not ready: the waiting room, until the round's start.
        assert!(
            matches!(at(t(8, 50), 0, NONE_READY), Door::Wait { until, .. } if until == t(9, 0))
        );
        // Ready for their (next) round: in at once.
        let red_ready = |r: RoomId, round: Round| r == RED && round == 1;
        assert_eq!(at(t(8, 50), 0, &red_ready), Door::Enter(Part::Applicant));
        // During the round: in.
        assert_eq!(at(t(9, 10), 0, NONE_READY), Door::Enter(Part::Applicant));
        // After it: closed to them (their next room is another).
        assert!(matches!(at(t(9, 21), 0, NONE_READY), Door::Refused(w) if w.contains("over")));
    }

    #[test]
    fn the_clock_moves_the_door_with_it() {
        // The day runs 15 minutes late: at 9:10 Ana still waits, until 9:15.
        assert!(
            matches!(at(t(9, 10), 15, NONE_READY), Door::Wait { until, .. } if until == t(9, 15))
        );
        // At 9:30 (the planned end passed) her round still runs.
        assert_eq!(at(t(9, 30), 15, NONE_READY), Door::Enter(Part::Applicant));
    }

    #[test]
    fn ready_lets_in_only_for_the_next_round() {
        // Bo's round in Red is the second; Red is ready for round 2 before round 1 starts.
        let ready = |_: RoomId, round: Round| round == 2;
        let bo_red = |now| at_place(Place::Interview(RED), Who::Applicant(BO), now, 0, &ready);
        assert!(matches!(bo_red(t(8, 50)), Door::Wait { until, .. } if until == t(9, 25)));
        // Once round 1 is under way, round 2 is next: Ready lets him in early.
        assert_eq!(bo_red(t(9, 21)), Door::Enter(Part::Applicant));
    }

    #[test]
    fn interviewers_coordinators_and_strangers() {
        let staff = |user, runs_program| Who::Staff { user, runs_program };
        let red = Place::Interview(RED);
        assert_eq!(
            at_place(red, staff(IVY, false), t(7, 0), 0, NONE_READY),
            Door::Enter(Part::Interviewer)
        );
        assert_eq!(
            at_place(red, staff(OZ, false), t(9, 10), 0, NONE_READY),
            Door::Refused(NOT_YOURS.into()),
            "another room's interviewer"
        );
        assert_eq!(
            at_place(red, staff(UserId(99), true), t(7, 0), 0, NONE_READY),
            Door::Enter(Part::Coordinator)
        );
        assert_eq!(
            at_place(
                red,
                Who::Applicant(ApplicantId(77)),
                t(9, 10),
                0,
                NONE_READY
            ),
            Door::Refused(NOT_YOURS.into()),
            "an applicant not on the day"
        );
        assert_eq!(
            at_place(
                Place::Interview(RoomId(5)),
                staff(IVY, false),
                t(9, 10),
                0,
                NONE_READY
            ),
            Door::Refused(NOT_YOURS.into()),
            "a room not on the day"
        );
    }

    #[test]
    fn a_meeting_room_lets_its_audience_in_within_its_window() {
        let d = day();
        let welcome = Place::Meeting(&d.meeting_rooms[0]);
        let debrief = Place::Meeting(&d.meeting_rooms[1]);
        let ana = Who::Applicant(ANA);
        let ivy = Who::Staff {
            user: IVY,
            runs_program: false,
        };
        assert!(matches!(
            at_place(welcome, ana, t(8, 0), 0, NONE_READY),
            Door::Wait { until, .. } if until == t(8, 20)
        ));
        assert_eq!(
            at_place(welcome, ana, t(8, 20), 0, NONE_READY),
            Door::Enter(Part::Attendee)
        );
        assert!(matches!(
            at_place(welcome, ana, t(8, 55), 0, NONE_READY),
            Door::Refused(w) if w.contains("closed")
        ));
        assert_eq!(
            at_place(debrief, ana, t(10, 5), 0, NONE_READY),
            Door::Refused(NOT_YOURS.into()),
            "the interviewers' debrief is not the applicants'"
        );
        assert_eq!(
            at_place(debrief, ivy, t(10, 5), 0, NONE_READY),
            Door::Enter(Part::Attendee)
        );
    }
}
