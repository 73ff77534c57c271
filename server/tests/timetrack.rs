//! TimeTrack on both databases: room statuses and who may set them, the applicant marked
//! Interviewed when their last room completes and No-show by who meets them, the join link
//! only while the room is ready, broadcasts to their audience, and nothing of a session for an
//! interviewer who is not on its day.

use crate::common;

use app::applicants::domain::Status;
use app::auth::ssr::Staff;
use app::clock::ssr as clock;
use app::error::AppError;
use app::ids::{ApplicantId, RoomId, SessionId, UserId};
use app::itinerary::ssr as itinerary;
use app::live::{Audience, Change};
use app::server::Config;
use app::timetrack::domain::RoomStatus;
use app::timetrack::ssr as timetrack;
use common::{as_applicant, Invitee, TestApp, TestProgram};

fn test_clock() -> Config {
    Config {
        test_clock: true,
        ..Config::default()
    }
}

struct Day {
    p: TestProgram,
    s: SessionId,
    people: Vec<Invitee>,
    /// Dr. Ash (Room B) and Dr. Birch (Room D), as interviewers.
    ash: Staff,
    birch: Staff,
}

async fn published(app: &TestApp) -> Day {
    let (p, s, people, faculty) = app.two_room_day("2027-03-16").await;
    let review = itinerary::review(&p.state, p.director, s).await.unwrap();
    itinerary::finalize(&p.state, p.director, s, review.draft_version)
        .await
        .unwrap();
    Day {
        ash: p.as_interviewer(faculty[0]),
        birch: p.as_interviewer(faculty[1]),
        p,
        s,
        people,
    }
}

impl Day {
    async fn set(&self, by: Staff, room: RoomId, round: u16, to: &str) -> Result<(), AppError> {
        timetrack::set_room_status(&self.p.state, by, self.s, room, round, to).await
    }

    /// The applicant's (room, round) pairs, from the overview.
    async fn rooms_of(&self, applicant: ApplicantId) -> Vec<(RoomId, u16)> {
        let o = timetrack::overview(&self.p.state, self.p.director, self.s)
            .await
            .unwrap();
        o.cells
            .iter()
            .filter(|c| c.applicant == Some(applicant))
            .map(|c| (c.room, c.round))
            .collect()
    }

    async fn status_of(&self, applicant: ApplicantId) -> Status {
        let page = app::applicants::ssr::list_applicants(&self.p.state, self.p.director)
            .await
            .unwrap();
        page.applicants
            .iter()
            .find(|a| a.id == applicant)
            .unwrap()
            .status
    }

    /// Which interviewer sits in `room`.
    async fn sitting_in(&self, room: RoomId) -> Staff {
        let o = timetrack::overview(&self.p.state, self.p.director, self.s)
            .await
            .unwrap();
        let cell = o.cells.iter().find(|c| c.room == room).unwrap();
        if cell.interviewers.iter().any(|n| n == "Dr. Ash") {
            self.ash
        } else {
            self.birch
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rooms_move_forward_by_their_interviewers_and_anywhere_by_a_coordinator() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let d = published(&app).await;
        let overview = timetrack::overview(&d.p.state, d.p.director, d.s)
            .await
            .unwrap();
        assert_eq!(overview.cells.len(), 8, "[{db}] 2 rooms × 4 rounds");
        assert!(overview
            .cells
            .iter()
            .all(|c| c.status == RoomStatus::Waiting));
        let ana = d.people[0].id;
        let (room, round) = d.rooms_of(ana).await[0];
        let mine = d.sitting_in(room).await;
        let other = if mine.user_id == d.ash.user_id {
            d.birch
        } else {
            d.ash
        };

        // The room's interviewer: Ready, then In progress; again changes nothing.
        d.set(mine, room, round, "ready").await.unwrap();
        d.set(mine, room, round, "in_progress").await.unwrap();
        d.set(mine, room, round, "in_progress").await.unwrap();
        // Never back, and not for another's room.
        let back = d.set(mine, room, round, "ready").await;
        assert!(
            matches!(back, Err(AppError::Conflict(_))),
            "[{db}] {back:?}"
        );
        let theirs = d.set(other, room, round, "completed").await;
        assert!(
            matches!(theirs, Err(AppError::Forbidden(_))),
            "[{db}] {theirs:?}"
        );
        for (bad, field) in [("done-ish", "status")] {
            let refused = d.set(mine, room, round, bad).await;
            assert!(
                matches!(refused, Err(AppError::Invalid { field: Some(ref f), .. }) if f == field),
                "[{db}] {refused:?}"
            );
        }
        let no_round = d.set(mine, room, 40, "ready").await;
        assert!(
            matches!(no_round, Err(AppError::Invalid { .. })),
            "[{db}] {no_round:?}"
        );
        // A coordinator sets it back.
        d.set(d.p.director, room, round, "waiting").await.unwrap();
        let o = timetrack::overview(&d.p.state, d.p.director, d.s)
            .await
            .unwrap();
        let cell = o
            .cells
            .iter()
            .find(|c| c.room == room && c.round == round)
            .unwrap();
        assert_eq!(cell.status, RoomStatus::Waiting, "[{db}]");
        let skipped = d.set(mine, room, round, "completed").await;
        assert!(
            matches!(skipped, Err(AppError::Conflict(_))),
            "[{db}] start first"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_applicant_is_interviewed_when_their_last_room_completes_and_no_show_by_who_meets_them()
{
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let d = published(&app).await;
        let ana = d.people[0].id;
        let rooms = d.rooms_of(ana).await;
        assert_eq!(rooms.len(), 2, "[{db}] two interviews each");
        let mut heard = app.state.hub.subscribe();
        for (i, &(room, round)) in rooms.iter().enumerate() {
            let by = d.sitting_in(room).await;
            d.set(by, room, round, "in_progress").await.unwrap();
            d.set(by, room, round, "completed").await.unwrap();
            let expected = if i + 1 < rooms.len() {
                Status::Confirmed
            } else {
                Status::Interviewed
            };
            assert_eq!(d.status_of(ana).await, expected, "[{db}] after room {i}");
        }
        // Every change is pushed to the session's people, never to everyone on the staff.
        let ev = heard.recv().await.unwrap();
        assert_eq!(ev.change, Change::TimeTrack(d.s), "[{db}]");
        assert!(!ev.audiences.iter().any(|a| matches!(a, Audience::Staff(_))));
        assert!(ev
            .audiences
            .iter()
            .any(|a| matches!(a, Audience::Person(e) if e == "drash@faculty.test")));

        // No-show: an interviewer who does not meet Ben may not; one who does may.
        let ben = d.people[1].id;
        let ben_rooms = d.rooms_of(ben).await;
        let meets: Vec<UserId> = {
            let mut v = Vec::new();
            for &(room, _) in &ben_rooms {
                v.push(d.sitting_in(room).await.user_id);
            }
            v
        };
        if let Some(not_meeting) = [d.ash, d.birch]
            .into_iter()
            .find(|s| !meets.contains(&s.user_id))
        {
            let refused = timetrack::mark_no_show(&d.p.state, not_meeting, d.s, ben).await;
            assert!(
                matches!(refused, Err(AppError::Forbidden(_))),
                "[{db}] {refused:?}"
            );
        }
        let by = d.sitting_in(ben_rooms[0].0).await;
        timetrack::mark_no_show(&d.p.state, by, d.s, ben)
            .await
            .unwrap();
        assert_eq!(d.status_of(ben).await, Status::NoShow, "[{db}]");
        // A No-show stays one when the rooms complete; the seat is kept.
        for &(room, round) in &ben_rooms {
            d.set(d.p.director, room, round, "completed").await.unwrap();
        }
        assert_eq!(d.status_of(ben).await, Status::NoShow, "[{db}]");
        let o = timetrack::overview(&d.p.state, d.p.director, d.s)
            .await
            .unwrap();
        assert!(o
            .cells
            .iter()
            .any(|c| c.applicant == Some(ben) && c.no_show));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_applicant_sees_their_own_rooms_and_the_link_only_while_the_room_is_ready() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let d = published(&app).await;
        let ana = &d.people[0];
        let (room, round) = d.rooms_of(ana.id).await[0];
        let by = d.sitting_in(room).await;
        clock::act(&d.p.state, d.p.director, d.s, "start", "")
            .await
            .unwrap();
        let link = |days: &[app::timetrack::types::ApplicantDay]| {
            days[0]
                .stops
                .iter()
                .find(|s| s.status.is_some())
                .map(|s| (s.status, s.link.clone()))
                .unwrap()
        };
        let days = timetrack::applicant_days(&d.p.state, &ana.me)
            .await
            .unwrap();
        assert_eq!(days.len(), 1, "[{db}]");
        let interviews = days[0].stops.iter().filter(|s| s.status.is_some()).count();
        assert_eq!(interviews, 2, "[{db}] only her own rooms");
        let (status, before) = link(&days);
        assert_eq!(status, Some(RoomStatus::Waiting));
        assert_eq!(before, None, "[{db}] no link before Ready");
        d.set(by, room, round, "ready").await.unwrap();
        let (_, ready) = link(
            &timetrack::applicant_days(&d.p.state, &ana.me)
                .await
                .unwrap(),
        );
        assert!(ready.is_some(), "[{db}] the link at Ready");
        d.set(by, room, round, "in_progress").await.unwrap();
        d.set(by, room, round, "completed").await.unwrap();
        let (_, after) = link(
            &timetrack::applicant_days(&d.p.state, &ana.me)
                .await
                .unwrap(),
        );
        assert_eq!(after, None, "[{db}] gone at Completed");
        // Someone not on the day has no day; an interviewer not on it sees nothing of it.
        let stranger = timetrack::applicant_days(&d.p.state, &as_applicant("nobody@x.test"))
            .await
            .unwrap();
        assert!(stranger.is_empty(), "[{db}]");
        let newcomer = d.p.interviewer("Dr. Cedar").await;
        let days = timetrack::interviewer_days(&d.p.state, newcomer, "drcedar@faculty.test")
            .await
            .unwrap();
        assert!(days.is_empty(), "[{db}]");
        let cedar = d.p.as_interviewer(newcomer);
        let refused = d.set(cedar, room, round, "ready").await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "[{db}] {refused:?}"
        );
        let people = clock::session_people(&d.p.state, d.p.director.program_id, d.s)
            .await
            .unwrap();
        assert!(!people.contains(&Audience::Person("drcedar@faculty.test".into())));
        // The interviewer on the day sees their own rooms, and is counted present.
        let mine = timetrack::interviewer_days(&d.p.state, by.user_id, "x@faculty.test")
            .await
            .unwrap();
        assert_eq!(mine.len(), 1, "[{db}]");
        assert!(mine[0]
            .rooms
            .cells
            .iter()
            .all(|c| c.interviewers.len() == 1));
        assert_eq!(mine[0].rooms.cells.len(), 4, "[{db}] one room, four rounds");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broadcast_reaches_its_audience_at_once_and_is_kept() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let d = published(&app).await;
        let mut heard = app.state.hub.subscribe();
        timetrack::broadcast(
            &d.p.state,
            d.p.director,
            d.s,
            "applicants",
            "  Lunch is in the atrium. ",
        )
        .await
        .unwrap();
        let ev = heard.recv().await.unwrap();
        let Change::Broadcast(b) = ev.change else {
            panic!("[{db}] {:?}", ev.change)
        };
        assert_eq!(b.body, "Lunch is in the atrium.", "[{db}]");
        let emails: Vec<&str> = ev
            .audiences
            .iter()
            .filter_map(|a| match a {
                Audience::Person(e) => Some(e.as_str()),
                _ => None,
            })
            .collect();
        assert!(emails.contains(&"final0@demo.test"), "[{db}] {emails:?}");
        assert!(
            !emails.contains(&"drash@faculty.test"),
            "[{db}] not to interviewers"
        );
        timetrack::broadcast(
            &d.p.state,
            d.p.director,
            d.s,
            "interviewers",
            "Room D moves to 4B.",
        )
        .await
        .unwrap();
        // Kept: the overview lists both, newest first; an applicant's day only theirs.
        let o = timetrack::overview(&d.p.state, d.p.director, d.s)
            .await
            .unwrap();
        let bodies: Vec<&str> = o.broadcasts.iter().map(|b| b.body.as_str()).collect();
        assert_eq!(
            bodies,
            ["Room D moves to 4B.", "Lunch is in the atrium."],
            "[{db}]"
        );
        let days = timetrack::applicant_days(&d.p.state, &d.people[0].me)
            .await
            .unwrap();
        let theirs: Vec<&str> = days[0].broadcasts.iter().map(|b| b.body.as_str()).collect();
        assert_eq!(theirs, ["Lunch is in the atrium."], "[{db}]");
        // Bad input: a 4xx beside its field, nothing stored.
        for (audience, body, field) in [
            ("everyone", "   ", "body"),
            ("the moon", "Hello", "audience"),
            ("everyone", &"x".repeat(501), "body"),
        ] {
            let refused = timetrack::broadcast(&d.p.state, d.p.director, d.s, audience, body).await;
            assert!(
                matches!(refused, Err(AppError::Invalid { field: Some(ref f), .. }) if f == field),
                "[{db}] {refused:?}"
            );
        }
        let o = timetrack::overview(&d.p.state, d.p.director, d.s)
            .await
            .unwrap();
        assert_eq!(o.broadcasts.len(), 2, "[{db}] nothing stored");
    }
}
