//! Unit tests of the doors and the moves.

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
    assert!(matches!(at(t(8, 50), 0, NONE_READY), Door::Wait { until, .. } if until == t(9, 0)));
    // Ready for their (next) round: in at once.
    let red_ready = |r: RoomId, round: Round| r == RED && round == 1;
    assert_eq!(at(t(8, 50), 0, &red_ready), Door::Enter(Part::Applicant));
    // During the round: in.
    assert_eq!(at(t(9, 10), 0, NONE_READY), Door::Enter(Part::Applicant));
    // After it: closed to them (their next room is another).
    assert!(matches!(at(t(9, 21), 0, NONE_READY), Door::Over(w) if w.contains("over")));
}

#[test]
fn the_clock_moves_the_door_with_it() {
    // The day runs 15 minutes late: at 9:10 Ana still waits, until 9:15.
    assert!(matches!(at(t(9, 10), 15, NONE_READY), Door::Wait { until, .. } if until == t(9, 15)));
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
        Door::Over(w) if w.contains("closed")
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

/// The fixture's day with the portal's links on its rooms and meeting rooms.
fn linked() -> Published {
    let mut d = day();
    for r in &mut d.rooms {
        r.link = Some(format!("https://p.test/video/{}", r.id.0));
    }
    for m in &mut d.meeting_rooms {
        m.link = Some(format!("https://p.test/video/{}", m.name));
    }
    d
}

fn leave_at(d: &Published, place: Place, now: DateTime<Utc>, late: i64) -> Option<Leave> {
    let times = times(late);
    leave(
        d,
        place,
        ANA,
        &Moment {
            now,
            times: &times,
            ready: NONE_READY,
        },
    )
}

fn to(name: &str, id: &str) -> Option<(String, String)> {
    Some((name.into(), format!("https://p.test/video/{id}")))
}

#[test]
fn the_round_end_takes_an_applicant_to_their_next_room_then_home() {
    let d = linked();
    // In Red during round 1: at its end, to Blue (round 2).
    assert_eq!(
        leave_at(&d, Place::Interview(RED), t(9, 10), 0),
        Some(Leave {
            at: t(9, 20),
            to: to("Room Blue", "101")
        })
    );
    // Let in early (Ready): the same end.
    assert_eq!(
        leave_at(&d, Place::Interview(RED), t(8, 58), 0).map(|l| l.at),
        Some(t(9, 20))
    );
    // In Blue, her last round: home at its end (the debrief is the interviewers').
    assert_eq!(
        leave_at(&d, Place::Interview(BLUE), t(9, 30), 0),
        Some(Leave {
            at: t(9, 45),
            to: None
        })
    );
    // The welcome room ends: to her first room.
    let welcome = Place::Meeting(&d.meeting_rooms[0]);
    assert_eq!(
        leave_at(&d, welcome, t(8, 40), 0),
        Some(Leave {
            at: t(8, 55),
            to: to("Room Red", "100")
        })
    );
}

#[test]
fn a_late_day_moves_the_moment_and_a_meeting_room_in_between_comes_first() {
    let mut d = linked();
    // The day runs 15 minutes late: round 1 ends at 9:35.
    assert_eq!(
        leave_at(&d, Place::Interview(RED), t(9, 30), 15).map(|l| l.at),
        Some(t(9, 35))
    );
    // A lounge for applicants between the rounds: Red → the lounge → Blue.
    let mut lounge = d.meeting_rooms[0].clone();
    lounge.name = "Lounge".into();
    lounge.starts_at = t(9, 21);
    lounge.ends_at = t(9, 24);
    lounge.audience = Audience::Applicants;
    lounge.link = Some("https://p.test/video/Lounge".into());
    d.meeting_rooms.push(lounge);
    assert_eq!(
        leave_at(&d, Place::Interview(RED), t(9, 10), 0),
        Some(Leave {
            at: t(9, 20),
            to: to("Lounge", "Lounge")
        })
    );
    let lounge = Place::Meeting(&d.meeting_rooms[2]);
    assert_eq!(
        leave_at(&d, lounge, t(9, 22), 0),
        Some(Leave {
            at: t(9, 24),
            to: to("Room Blue", "101")
        })
    );
}

#[test]
fn no_move_without_the_portals_link_or_after_the_time() {
    // Rooms without a link of the portal's (external video): nothing to move to.
    assert_eq!(leave_at(&day(), Place::Interview(RED), t(9, 10), 0), None);
    // Their time in Red is over.
    assert_eq!(
        leave_at(&linked(), Place::Interview(RED), t(9, 21), 0),
        None
    );
}

#[test]
fn a_room_over_early_sends_its_applicant_on_at_once() {
    let d = linked();
    let times = times(0);
    let moment = |now| Moment {
        now,
        times: &times,
        ready: NONE_READY,
    };
    // Red's round is over (ended early, say): from 9:21, on to Blue; after Blue, home.
    assert_eq!(
        onward(&d, ANA, &moment(t(9, 21))),
        Some(Leave {
            at: t(9, 21),
            to: to("Room Blue", "101")
        })
    );
    assert_eq!(
        onward(&d, ANA, &moment(t(9, 50))),
        Some(Leave {
            at: t(9, 50),
            to: None
        })
    );
    // Without the portal's links: nowhere to send her.
    assert_eq!(onward(&day(), ANA, &moment(t(9, 21))), None);
}

#[test]
fn a_room_over_sends_its_applicant_to_the_round_under_way_elsewhere() {
    let times = times(0);
    let moment = Moment {
        now: t(9, 30),
        times: &times,
        ready: NONE_READY,
    };
    // At 9:30 Ana is in round 2, in Blue: Red's old link takes her there, not home.
    assert_eq!(
        onward(&linked(), ANA, &moment),
        Some(Leave {
            at: t(9, 30),
            to: to("Room Blue", "101")
        })
    );
}
