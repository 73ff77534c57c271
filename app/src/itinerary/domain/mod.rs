//! The rules of a finalized day: what a publish keeps ([`Published`]), each person's day in it
//! ([`Published::applicant_day`], [`Published::interviewer_day`]) and what changed for a person
//! between two versions ([`changes`]), in words.

use crate::day::domain::grid::{Round, Slot};
use crate::day::types::Person;
use crate::ids::{ApplicantId, RoomId, SessionId, UserId};
use crate::meeting_rooms::domain::{Audience, MeetingRoom};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

mod changes;

pub use changes::changes;

/// A session's day as it was published: everything an itinerary shows, kept whole so that a
/// later change to the draft, the rooms or the plan never reaches anyone until the next publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub session: SessionId,
    pub name: String,
    pub date: NaiveDate,
    pub time_zone: String,
    pub stretches: Vec<Stretch>,
    pub rooms: Vec<Room>,
    pub applicants: Vec<Person<ApplicantId>>,
    pub slots: Vec<Slot>,
    /// The meeting rooms of the day (versions published before there were any have none).
    #[serde(default)]
    pub meeting_rooms: Vec<MeetingRoom>,
}

/// A round or a break, in the session's zone and as instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stretch {
    /// `None`: a break.
    pub round: Option<Round>,
    /// "Round 3", or the break's label.
    pub label: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A room as published: where it is, or its video link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub id: RoomId,
    pub name: String,
    /// A place ("Room 4B"), or empty.
    pub place: String,
    /// The video link (the portal's, or the program's external one).
    pub link: Option<String>,
    pub interviewers: Vec<Person<UserId>>,
}

/// One line of a person's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stop {
    /// "Round 3", or a break's label.
    pub label: String,
    pub is_break: bool,
    /// In the session's zone.
    #[serde(deserialize_with = "crate::wire::time")]
    pub start: NaiveTime,
    #[serde(deserialize_with = "crate::wire::time")]
    pub end: NaiveTime,
    /// The start and end as instants (the browser shows them in the viewer's zone too).
    #[serde(deserialize_with = "crate::wire::instant")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub ends_at: DateTime<Utc>,
    /// The room's name (empty for a break).
    pub room: String,
    pub place: String,
    pub link: Option<String>,
    /// Who they meet: the interviewers (for an applicant), the applicant (for an interviewer;
    /// empty: no interview that round).
    pub with: Vec<String>,
    /// A meeting room (its name is the label; `room` is empty).
    #[serde(default)]
    pub meeting: bool,
}

impl Published {
    /// A published day as stored (every reader of a stored day goes through here).
    pub fn read(stored: &str) -> serde_json::Result<Published> {
        serde_json::from_str(stored)
    }

    fn stop(stretch: &Stretch, room: Option<&Room>, with: Vec<String>) -> Stop {
        Stop {
            label: stretch.label.clone(),
            is_break: stretch.round.is_none(),
            start: stretch.start,
            end: stretch.end,
            starts_at: stretch.starts_at,
            ends_at: stretch.ends_at,
            room: room.map(|r| r.name.clone()).unwrap_or_default(),
            place: room.map(|r| r.place.clone()).unwrap_or_default(),
            link: room.and_then(|r| r.link.clone()),
            with,
            meeting: false,
        }
    }

    /// `day` with the meeting rooms for `audience` (applicants or interviewers) put in by time.
    fn with_meetings(&self, mut day: Vec<Stop>, applicant: bool) -> Vec<Stop> {
        for m in &self.meeting_rooms {
            let for_them = match m.audience {
                Audience::Both => true,
                Audience::Applicants => applicant,
                Audience::Interviewers => !applicant,
            };
            if !for_them {
                continue;
            }
            let at = day
                .iter()
                .position(|s| s.start > m.start)
                .unwrap_or(day.len());
            day.insert(
                at,
                Stop {
                    label: m.name.clone(),
                    is_break: false,
                    start: m.start,
                    end: m.end,
                    starts_at: m.starts_at,
                    ends_at: m.ends_at,
                    room: String::new(),
                    place: m.place.clone(),
                    link: m.link.clone(),
                    with: Vec::new(),
                    meeting: true,
                },
            );
        }
        day
    }

    fn room(&self, id: RoomId) -> Option<&Room> {
        self.rooms.iter().find(|r| r.id == id)
    }

    fn applicant_name(&self, id: ApplicantId) -> String {
        self.applicants
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    }

    /// An applicant's day: their interviews and the day's breaks (empty when they have no
    /// interview in this version).
    pub fn applicant_day(&self, applicant: ApplicantId) -> Vec<Stop> {
        let mine: Vec<&Slot> = self
            .slots
            .iter()
            .filter(|s| s.applicant == applicant)
            .collect();
        if mine.is_empty() {
            return Vec::new();
        }
        let day = self
            .stretches
            .iter()
            .filter_map(|st| match st.round {
                None => Some(Self::stop(st, None, Vec::new())),
                Some(round) => {
                    let slot = mine.iter().find(|s| s.round == round)?;
                    let room = self.room(slot.room)?;
                    let with = room.interviewers.iter().map(|i| i.name.clone()).collect();
                    Some(Self::stop(st, Some(room), with))
                }
            })
            .collect();
        self.with_meetings(day, true)
    }

    /// An interviewer's day: every round in their room (with the applicant, or none) and the
    /// breaks (empty when they sit in no room of this version).
    pub fn interviewer_day(&self, user: UserId) -> Vec<Stop> {
        let rooms: Vec<&Room> = self
            .rooms
            .iter()
            .filter(|r| r.interviewers.iter().any(|i| i.id == user))
            .collect();
        if rooms.is_empty() {
            return Vec::new();
        }
        let mut day = Vec::new();
        for st in &self.stretches {
            let Some(round) = st.round else {
                day.push(Self::stop(st, None, Vec::new()));
                continue;
            };
            for room in &rooms {
                let with = self
                    .slots
                    .iter()
                    .filter(|s| s.round == round && s.room == room.id)
                    .map(|s| self.applicant_name(s.applicant))
                    .collect();
                day.push(Self::stop(st, Some(room), with));
            }
        }
        self.with_meetings(day, false)
    }

    /// Everyone with a day in this version: applicants, then interviewers.
    pub fn people(&self) -> (Vec<ApplicantId>, Vec<UserId>) {
        let mut applicants: Vec<ApplicantId> = self.slots.iter().map(|s| s.applicant).collect();
        applicants.sort_unstable();
        applicants.dedup();
        let mut interviewers: Vec<UserId> = self
            .rooms
            .iter()
            .flat_map(|r| r.interviewers.iter().map(|i| i.id))
            .collect();
        interviewers.sort_unstable();
        interviewers.dedup();
        (applicants, interviewers)
    }
}

/// A round's or a break's times (the day clock computes them, a layer above; an itinerary's
/// stops follow them, so they live here) as things stand (after pauses, extensions and skips), beside
/// when it was planned (what an itinerary's stop is matched by).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTimes {
    /// The round (`None`: a break).
    pub round: Option<Round>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub planned_start: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub ends_at: DateTime<Utc>,
}

/// A stop as the running day puts it: its round or break (matched by the planned start) moved to
/// where the day clock has it now, its times in the session's zone moved by as much. `None`: it
/// runs as planned, or it is not on the clock (a meeting room keeps its own hours).
pub fn as_it_runs(stop: &Stop, times: &[PhaseTimes]) -> Option<Stop> {
    if stop.meeting {
        return None;
    }
    let now = times
        .iter()
        .find(|t| t.planned_start == stop.starts_at && t.round.is_none() == stop.is_break)?;
    if (now.starts_at, now.ends_at) == (stop.starts_at, stop.ends_at) {
        return None;
    }
    let mut moved = stop.clone();
    moved.start = stop.start + (now.starts_at - stop.starts_at);
    moved.end = stop.end + (now.ends_at - stop.ends_at);
    moved.starts_at = now.starts_at;
    moved.ends_at = now.ends_at;
    Some(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> (NaiveTime, DateTime<Utc>) {
        (
            NaiveTime::from_hms_opt(h, m, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 12, 8, h + 5, m, 0).unwrap(),
        )
    }

    fn stretch(round: Option<Round>, label: &str, h: u32, m: u32) -> Stretch {
        let (start, starts_at) = at(h, m);
        let (end, ends_at) = at(h, m + 20);
        Stretch {
            round,
            label: label.into(),
            start,
            end,
            starts_at,
            ends_at,
        }
    }

    fn person<I>(id: I, name: &str) -> Person<I> {
        Person {
            id,
            name: name.into(),
        }
    }

    fn room(id: i64, name: &str, interviewer: (i64, &str)) -> Room {
        Room {
            id: RoomId(id),
            name: name.into(),
            place: format!("{name}, 2nd floor"),
            link: None,
            interviewers: vec![person(UserId(interviewer.0), interviewer.1)],
        }
    }

    fn slot(round: Round, room: i64, applicant: i64) -> Slot {
        Slot {
            round,
            room: RoomId(room),
            applicant: ApplicantId(applicant),
        }
    }

    fn day(slots: Vec<Slot>) -> Published {
        Published {
            session: SessionId(1),
            name: "Tuesday A".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
            time_zone: "America/New_York".into(),
            stretches: vec![
                stretch(Some(0), "Round 1", 8, 0),
                stretch(Some(1), "Round 2", 8, 25),
                stretch(None, "Lunch", 9, 0),
                stretch(Some(2), "Round 3", 10, 0),
            ],
            rooms: vec![
                room(1, "Room B", (10, "Dr. Kim")),
                room(2, "Room D", (11, "Dr. Lee")),
            ],
            applicants: vec![person(ApplicantId(1), "Ana"), person(ApplicantId(2), "Ben")],
            slots,
            meeting_rooms: Vec::new(),
        }
    }

    #[test]
    fn a_stop_follows_the_running_day_and_a_meeting_room_keeps_its_hours() {
        let d = day(vec![slot(0, 1, 1), slot(2, 2, 1)]);
        let ana = d.applicant_day(ApplicantId(1));
        let (r1, lunch, r3) = (&ana[0], &ana[1], &ana[2]);
        let minutes = chrono::Duration::minutes;
        // Round 1 ran as planned, then was extended by 5 minutes: the rest moves 5 minutes.
        let times = vec![
            PhaseTimes {
                round: Some(0),
                planned_start: r1.starts_at,
                starts_at: r1.starts_at,
                ends_at: r1.ends_at + minutes(5),
            },
            PhaseTimes {
                round: None,
                planned_start: lunch.starts_at,
                starts_at: lunch.starts_at + minutes(5),
                ends_at: lunch.ends_at + minutes(5),
            },
            PhaseTimes {
                round: Some(2),
                planned_start: r3.starts_at,
                starts_at: r3.starts_at,
                ends_at: r3.ends_at,
            },
        ];
        let first = as_it_runs(r1, &times).expect("the extended round moved");
        assert_eq!((first.start, first.end), (at(8, 0).0, at(8, 25).0));
        let lunch_now = as_it_runs(lunch, &times).expect("lunch moved");
        assert_eq!((lunch_now.start, lunch_now.end), (at(9, 5).0, at(9, 25).0));
        assert_eq!(lunch_now.starts_at, lunch.starts_at + minutes(5));
        assert_eq!(as_it_runs(r3, &times), None, "as planned");
        assert_eq!(as_it_runs(r1, &[]), None, "the day has not started");
        let mut welcome = r1.clone();
        welcome.meeting = true;
        assert_eq!(
            as_it_runs(&welcome, &times),
            None,
            "a meeting room is off the clock"
        );
    }

    #[test]
    fn an_applicant_sees_their_rounds_with_rooms_and_interviewers_and_the_breaks() {
        let d = day(vec![slot(0, 1, 1), slot(2, 2, 1), slot(0, 2, 2)]);
        let ana = d.applicant_day(ApplicantId(1));
        let lines: Vec<(&str, &str, Vec<String>)> = ana
            .iter()
            .map(|s| (s.label.as_str(), s.room.as_str(), s.with.clone()))
            .collect();
        assert_eq!(
            lines,
            vec![
                ("Round 1", "Room B", vec!["Dr. Kim".to_string()]),
                ("Lunch", "", vec![]),
                ("Round 3", "Room D", vec!["Dr. Lee".to_string()]),
            ]
        );
        assert_eq!(ana[0].place, "Room B, 2nd floor");
        assert!(d.applicant_day(ApplicantId(3)).is_empty(), "not scheduled");
    }

    #[test]
    fn an_interviewer_sees_every_round_in_their_room_with_its_applicant_or_none() {
        let d = day(vec![slot(0, 1, 1), slot(2, 1, 2)]);
        let kim: Vec<(String, Vec<String>)> = d
            .interviewer_day(UserId(10))
            .into_iter()
            .map(|s| (s.label, s.with))
            .collect();
        assert_eq!(
            kim,
            vec![
                ("Round 1".into(), vec!["Ana".into()]),
                ("Round 2".into(), vec![]),
                ("Lunch".into(), vec![]),
                ("Round 3".into(), vec!["Ben".into()]),
            ]
        );
        assert!(d.interviewer_day(UserId(99)).is_empty());
        assert_eq!(
            d.people(),
            (
                vec![ApplicantId(1), ApplicantId(2)],
                vec![UserId(10), UserId(11)]
            )
        );
    }

    #[test]
    fn a_move_is_told_to_the_applicant_moved_and_the_interviewers_concerned_only() {
        let before = day(vec![slot(0, 1, 1), slot(2, 2, 1), slot(0, 2, 2)]);
        // Ana's round 3 moves from Room D to Room B; Ben is untouched.
        let after = day(vec![slot(0, 1, 1), slot(2, 1, 1), slot(0, 2, 2)]);
        assert_eq!(
            changes(
                &before.applicant_day(ApplicantId(1)),
                &after.applicant_day(ApplicantId(1))
            ),
            vec!["Round 3 moved from Room D to Room B with Dr. Kim.".to_string()]
        );
        assert!(changes(
            &before.applicant_day(ApplicantId(2)),
            &after.applicant_day(ApplicantId(2))
        )
        .is_empty());
        assert_eq!(
            changes(
                &before.interviewer_day(UserId(10)),
                &after.interviewer_day(UserId(10))
            ),
            vec!["Round 3 in Room B: Ana (was no interview).".to_string()]
        );
        assert_eq!(
            changes(
                &before.interviewer_day(UserId(11)),
                &after.interviewer_day(UserId(11))
            ),
            vec!["Round 3 in Room D: no interview (was Ana).".to_string()]
        );
    }

    #[test]
    fn first_publish_removal_and_time_changes_are_said() {
        let d = day(vec![slot(0, 1, 1), slot(2, 2, 1)]);
        let ana = d.applicant_day(ApplicantId(1));
        assert_eq!(
            changes(&[], &ana),
            vec!["Your day is published: 2 rounds starting at 8:00 AM.".to_string()]
        );
        assert_eq!(
            changes(&ana, &[]),
            vec!["You are no longer on this day's schedule.".to_string()]
        );
        let mut later = d.clone();
        later.stretches[3] = stretch(Some(2), "Round 3", 10, 30);
        assert_eq!(
            changes(&ana, &later.applicant_day(ApplicantId(1))),
            vec!["Round 3 now 10:30 AM–10:50 AM (was 10:00 AM–10:20 AM).".to_string()]
        );
        let dropped = day(vec![slot(0, 1, 1)]);
        assert_eq!(
            changes(&ana, &dropped.applicant_day(ApplicantId(1))),
            vec!["Round 3 removed (was Room D).".to_string()]
        );
        assert!(changes(&[], &[]).is_empty());
    }

    #[test]
    fn an_added_round_a_new_break_and_a_new_place_are_said_and_a_removed_break() {
        let d = day(vec![slot(0, 1, 1)]);
        let ana = d.applicant_day(ApplicantId(1));
        let mut later = day(vec![slot(0, 1, 1), slot(2, 2, 1)]);
        later.stretches.push(stretch(None, "Coffee", 11, 0));
        later.rooms[0].place = "Room B, 3rd floor".into();
        let then = later.applicant_day(ApplicantId(1));
        assert_eq!(
            changes(&ana, &then),
            vec![
                "Round 1: Room B has a new place or link.".to_string(),
                "Round 3 added: Room D, 10:00 AM with Dr. Lee.".to_string(),
                "New break: Coffee at 11:00 AM.".to_string(),
            ]
        );
        assert_eq!(
            changes(&then, &ana),
            vec![
                "Round 1: Room B has a new place or link.".to_string(),
                "Round 3 removed (was Room D).".to_string(),
                "Break removed: Coffee.".to_string(),
            ]
        );
    }

    #[test]
    fn meeting_rooms_join_the_day_of_their_audience_in_time_order() {
        let mut d = day(vec![slot(0, 1, 1), slot(2, 2, 1)]);
        let (start, starts_at) = at(7, 30);
        let (end, ends_at) = at(7, 55);
        let welcome = MeetingRoom {
            name: "Welcome".into(),
            audience: Audience::Applicants,
            start,
            end,
            starts_at,
            ends_at,
            place: "Atrium".into(),
            link: None,
        };
        let (start, starts_at) = at(9, 10);
        let (end, ends_at) = at(9, 40);
        let lounge = MeetingRoom {
            name: "Lounge".into(),
            audience: Audience::Both,
            start,
            end,
            starts_at,
            ends_at,
            place: String::new(),
            link: Some("https://meet.example.test/lounge".into()),
        };
        let before = d.applicant_day(ApplicantId(1));
        d.meeting_rooms = vec![welcome, lounge];
        let ana: Vec<(String, bool)> = d
            .applicant_day(ApplicantId(1))
            .into_iter()
            .map(|s| (s.label, s.meeting))
            .collect();
        assert_eq!(
            ana,
            vec![
                ("Welcome".into(), true),
                ("Round 1".into(), false),
                ("Lunch".into(), false),
                ("Lounge".into(), true),
                ("Round 3".into(), false),
            ]
        );
        let kim: Vec<String> = d
            .interviewer_day(UserId(10))
            .into_iter()
            .map(|s| s.label)
            .collect();
        assert!(kim.contains(&"Lounge".to_string()) && !kim.contains(&"Welcome".to_string()));
        assert_eq!(
            changes(&before, &d.applicant_day(ApplicantId(1))),
            vec![
                "New meeting room: Welcome, 7:30 AM–7:55 AM.".to_string(),
                "New meeting room: Lounge, 9:10 AM–9:40 AM.".to_string(),
            ]
        );
        assert_eq!(
            changes(&[], &d.applicant_day(ApplicantId(1))),
            vec![
                "Your day is published: 2 rounds starting at 8:00 AM.".to_string(),
                "Meeting room: Welcome, 7:30 AM–7:55 AM.".to_string(),
                "Meeting room: Lounge, 9:10 AM–9:40 AM.".to_string(),
            ]
        );
        assert!(
            d.applicant_day(ApplicantId(3)).is_empty(),
            "no interviews, no rooms"
        );
    }
}
