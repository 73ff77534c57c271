//! A session's interview day on both databases: interviewers who would be in two places at
//! once, conflicts of interest, templates, generating the draft, and what changing the day does
//! to it.

use crate::common;

use app::auth::domain::Role;
use app::day::domain::grid::{check, ConflictPair, DayShape, RoomSeats};
use app::day::domain::UnmetWhy;
use app::day::ssr::{self as day, report_view};
use app::day::types::{PlanForm, RoomForm};
use app::error::AppError;
use app::ids::{DraftVersion, RoomId, SessionId, UserId};
use app::programs::domain::InterviewSetup;
use app::server::Config;
use common::{TestApp, TestProgram, PW};

fn plan(start: &str, rounds: u16) -> PlanForm {
    PlanForm {
        start: start.into(),
        interview_minutes: "20".into(),
        passing_minutes: "5".into(),
        rounds: rounds.to_string(),
        interviews_per_applicant: String::new(),
    }
}

fn room(name: &str, interviewers: &[UserId]) -> RoomForm {
    RoomForm {
        id: None,
        name: name.into(),
        location: String::new(),
        interviewers: interviewers.to_vec(),
    }
}

/// Staff members added to the program as interviewers; their user ids.
async fn interviewers(p: &TestProgram, names: &[&str]) -> Vec<UserId> {
    let mut ids = Vec::new();
    for name in names {
        ids.push(p.interviewer(name).await);
    }
    ids
}

/// The draft's version as the Day page shows it.
async fn version(p: &TestProgram, s: SessionId) -> DraftVersion {
    day::day_page(&p.state, p.director, s)
        .await
        .unwrap()
        .draft_version
}

fn conflict_message(r: Result<impl std::fmt::Debug, AppError>) -> String {
    match r {
        Err(AppError::Conflict(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interviewer_is_never_in_two_sessions_at_once() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Overlap Program").await;
        let a = p.session("Tuesday A", 10, true).await;
        let b = p.session("Tuesday B", 10, true).await;
        let [kim] = interviewers(&p, &["Dr. Kim"]).await[..] else {
            unreachable!()
        };
        day::save_plan(&p.state, p.director, a, &plan("08:00", 4))
            .await
            .unwrap();
        day::save_plan(&p.state, p.director, b, &plan("09:00", 4))
            .await
            .unwrap();
        day::save_room(&p.state, p.director, a, &room("Room 1", &[kim]))
            .await
            .unwrap();
        let message = conflict_message(
            day::save_room(&p.state, p.director, b, &room("Room 1", &[kim])).await,
        );
        assert!(
            message.contains("Dr. Kim") && message.contains("Tuesday A"),
            "[{db}] the clash is named: {message}"
        );
        assert!(p.state.repo.rooms(b).await.unwrap().is_empty(), "[{db}]");

        // Later the same day, no overlap: seated. Then moving it back is refused.
        day::save_plan(&p.state, p.director, b, &plan("13:00", 4))
            .await
            .unwrap();
        day::save_room(&p.state, p.director, b, &room("Room 1", &[kim]))
            .await
            .unwrap();
        let message =
            conflict_message(day::save_plan(&p.state, p.director, b, &plan("08:30", 4)).await);
        assert!(message.contains("Tuesday A"), "[{db}] {message}");
        let page = day::day_page(&p.state, p.director, b).await.unwrap();
        assert_eq!(
            page.plan.start.format("%H:%M").to_string(),
            "13:00",
            "[{db}] nothing changed"
        );
        assert_eq!(
            page.session.start.format("%H:%M").to_string(),
            "13:00",
            "[{db}] the session's times follow its plan"
        );
        assert_eq!(page.session.end.format("%H:%M").to_string(), "14:35");

        // Another program's session at the same time: "busy elsewhere", nothing of it named.
        let q = app.program("Other Program").await;
        app::programs::staff::ssr::add_staff(
            &q.state,
            q.director,
            "Dr. Kim",
            "drkim@faculty.test",
            Role::Interviewer,
        )
        .await
        .unwrap();
        let elsewhere = q.session("Secret Session", 10, true).await;
        day::save_plan(&q.state, q.director, elsewhere, &plan("08:00", 2))
            .await
            .unwrap();
        let message = conflict_message(
            day::save_room(&q.state, q.director, elsewhere, &room("Q1", &[kim])).await,
        );
        assert!(message.contains("busy elsewhere"), "[{db}] {message}");
        assert!(
            !message.contains("Tuesday") && !message.contains("Overlap"),
            "[{db}] nothing of the other program: {message}"
        );
    }
}

/// A program with one session whose `applicants` are confirmed (self-scheduling on).
async fn confirmed_day(app: &TestApp, name: &str, applicants: usize) -> (TestProgram, SessionId) {
    let p = app.program(name).await;
    p.self_scheduling(true).await;
    let s = p.session("Interview Day", 20, true).await;
    let spare = p.session("Spare Day", 20, true).await;
    for i in 0..applicants {
        let who = p
            .invited(&format!("applicant{i}@{}.test", name.to_lowercase()))
            .await;
        p.choose(&who.me, s, Some(spare)).await.unwrap();
    }
    (p, s)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generate_rotates_applicants_through_the_rooms_and_honours_conflicts() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s) = confirmed_day(&app, "Rotation", 3).await;
        let faculty = interviewers(&p, &["Dr. Ames", "Dr. Bell", "Dr. Cole"]).await;
        day::save_plan(&p.state, p.director, s, &plan("08:00", 4))
            .await
            .unwrap();
        let mut rooms: Vec<RoomId> = Vec::new();
        for (i, f) in faculty.iter().enumerate() {
            rooms.push(
                day::save_room(
                    &p.state,
                    p.director,
                    s,
                    &room(&format!("Room {}", i + 1), &[*f]),
                )
                .await
                .unwrap(),
            );
        }
        let before = day::day_page(&p.state, p.director, s).await.unwrap();
        assert_eq!(before.interviews_per_applicant, 3, "[{db}] one per room");
        assert_eq!((before.seats, before.needed), (12, 9));
        let first = before.applicants[0].id;
        day::add_conflict(&p.state, p.director, faculty[0], first)
            .await
            .unwrap();

        let report = day::generate(&p.state, p.director, s, version(&p, s).await)
            .await
            .unwrap();
        let page = day::day_page(&p.state, p.director, s).await.unwrap();
        let shape = DayShape {
            rooms: page
                .rooms
                .iter()
                .map(|r| RoomSeats {
                    id: r.id,
                    interviewers: r.interviewers.iter().map(|i| i.id).collect(),
                })
                .collect(),
            rounds: 4,
            conflicts: vec![ConflictPair {
                interviewer: faculty[0],
                applicant: first,
            }],
        };
        assert_eq!(
            check(&shape, &page.slots()),
            vec![],
            "[{db}] every hard rule holds"
        );
        assert!(report.violations.is_empty(), "[{db}] {report:?}");
        assert_eq!(
            page.report,
            Some(report_view(&report, &page)),
            "[{db}] the report is kept"
        );
        for a in &page.applicants {
            let n = page.slots().iter().filter(|x| x.applicant == a.id).count();
            assert_eq!(n, if a.id == first { 2 } else { 3 }, "[{db}] {}", a.name);
        }
        assert!(
            report.unmet.iter().any(|u| u.applicant == first
                && u.got == 2
                && matches!(u.why, UnmetWhy::TooFewRooms { open: 2 })),
            "[{db}] the conflicted applicant is short, and why: {report:?}"
        );
        // The same input, the same schedule.
        day::generate(&p.state, p.director, s, version(&p, s).await)
            .await
            .unwrap();
        let again = day::day_page(&p.state, p.director, s).await.unwrap();
        assert_eq!(again.slots(), page.slots(), "[{db}] deterministic");

        // Removing a room frees its slots; fewer rounds free the later ones.
        day::remove_room(&p.state, p.director, s, rooms[2])
            .await
            .unwrap();
        let page = day::day_page(&p.state, p.director, s).await.unwrap();
        assert!(page.slots().iter().all(|x| x.room != rooms[2]), "[{db}]");
        day::save_plan(&p.state, p.director, s, &plan("08:00", 2))
            .await
            .unwrap();
        let page = day::day_page(&p.state, p.director, s).await.unwrap();
        assert!(page.slots().iter().all(|x| x.round < 2), "[{db}]");
        assert!(
            !page.slots().is_empty(),
            "[{db}] the rest of the draft is kept"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_too_small_is_said_before_and_after_generating() {
    for app in TestApp::each(Config::default()).await {
        let (p, s) = confirmed_day(&app, "Crowded", 5).await;
        let [f] = interviewers(&p, &["Dr. Solo"]).await[..] else {
            unreachable!()
        };
        day::save_plan(&p.state, p.director, s, &plan("08:00", 3))
            .await
            .unwrap();
        day::save_room(&p.state, p.director, s, &room("Only Room", &[f]))
            .await
            .unwrap();
        let page = day::day_page(&p.state, p.director, s).await.unwrap();
        assert_eq!((page.seats, page.needed), (3, 5), "[{}]", app.db);
        let report = day::generate(&p.state, p.director, s, version(&p, s).await)
            .await
            .unwrap();
        assert_eq!(
            report
                .unmet
                .iter()
                .filter(|u| matches!(
                    u.why,
                    UnmetWhy::DayTooSmall {
                        seats: 3,
                        needed: 5
                    }
                ))
                .count(),
            2,
            "[{}] two of five are left out, and the page says why: {report:?}",
            app.db
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_template_carries_the_day_to_another_session() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Templates").await;
        let monday = p.session("Monday", 10, true).await;
        let faculty = interviewers(&p, &["Dr. Ng", "Dr. Ortiz"]).await;
        day::save_plan(&p.state, p.director, monday, &plan("08:00", 5))
            .await
            .unwrap();
        day::add_break(&p.state, p.director, monday, "2", "45", "Lunch")
            .await
            .unwrap();
        day::save_room(&p.state, p.director, monday, &room("Panel", &faculty))
            .await
            .unwrap();
        let id = day::save_template(&p.state, p.director, monday, "Five rounds, one panel")
            .await
            .unwrap();

        // Another date: applied whole.
        let mut form = common::session_form(None, "Friday", 10, true);
        form.date = "2027-01-15".into();
        let friday = p.save_session(&form).await.unwrap();
        day::apply_template(&p.state, p.director, friday, id)
            .await
            .unwrap();
        let page = day::day_page(&p.state, p.director, friday).await.unwrap();
        assert!(page.planned, "[{db}]");
        assert_eq!(page.plan.rounds, 5);
        assert_eq!(page.plan.breaks.len(), 1);
        assert_eq!(page.rooms.len(), 1);
        assert_eq!(page.rooms[0].name, "Panel");
        assert_eq!(
            page.rooms[0].interviewers.len(),
            2,
            "[{db}] the panel came along"
        );
        assert_eq!(
            page.session.end.format("%H:%M").to_string(),
            "10:40",
            "[{db}] 5 × 20 min, 3 passing × 5, a 45-minute lunch"
        );

        // The same date as Monday: the panel would be in two places; nothing is applied.
        let tuesday_clash = p.session("Monday too", 10, true).await;
        let message =
            conflict_message(day::apply_template(&p.state, p.director, tuesday_clash, id).await);
        assert!(message.contains("Monday"), "[{db}] {message}");
        let page = day::day_page(&p.state, p.director, tuesday_clash)
            .await
            .unwrap();
        assert!(
            !page.planned && page.rooms.is_empty(),
            "[{db}] nothing applied"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outside_the_portal_the_day_is_not_built() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Outside").await;
        let s = p.session("Day", 10, true).await;
        app::programs::ssr::save_settings(
            &p.state,
            p.director,
            true,
            InterviewSetup::OutsidePortal,
        )
        .await
        .unwrap();
        assert!(matches!(
            day::day_page(&p.state, p.director, s).await,
            Err(AppError::Conflict(_))
        ));
        assert!(matches!(
            day::save_room(&p.state, p.director, s, &room("R", &[])).await,
            Err(AppError::Conflict(_))
        ));
        let list = app::sessions::ssr::list_sessions(&p.state, p.director)
            .await
            .unwrap();
        assert!(!list.builds_days, "[{}] the Day link is hidden", app.db);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_form_with_unchecked_boxes_between_reads_every_checked_one() {
    for app in TestApp::each(Config::default()).await {
        let cookie = app.login("coordinator@demo.test", PW).await;
        let im = app.demo_program().await;
        let s = im.session("Form day", 10, true).await;
        let staff = im.state.repo.staff(im.id()).await.unwrap();
        let (a, b) = (staff[0].user_id.to_string(), staff[2].user_id.to_string());
        let sid = s.to_string();
        // Boxes 0 and 2 checked, 1 not: the form posts indexes 0 and 2.
        let r = app
            .call(
                "save-room",
                &[
                    ("session_id", &sid),
                    ("room[name]", "Panel A"),
                    ("room[location]", "https://video.example.test/panel-a"),
                    ("room[interviewers][0]", &a),
                    ("room[interviewers][2]", &b),
                ],
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{}] {}", app.db, r.body);
        let seats = im.state.repo.seats(s).await.unwrap();
        assert_eq!(seats.len(), 2, "[{}] both interviewers seated", app.db);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_planned_a_sessions_end_follows_its_day() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Follow").await;
        let s = p.session("Planned", 10, true).await;
        day::save_plan(&p.state, p.director, s, &plan("08:00", 4))
            .await
            .unwrap();
        // The coordinator edits the session: a later start; the hand-entered end is replaced.
        let mut form = common::session_form(Some(s), "Planned", 10, true);
        form.start = "10:00".into();
        form.end = "16:00".into();
        p.save_session(&form).await.unwrap();
        let page = day::day_page(&p.state, p.director, s).await.unwrap();
        assert_eq!(
            (
                page.session.start.format("%H:%M").to_string(),
                page.session.end.format("%H:%M").to_string()
            ),
            ("10:00".to_string(), "11:35".to_string()),
            "[{}] 4 × 20 + 3 × 5 minutes from the new start",
            app.db
        );
    }
}
