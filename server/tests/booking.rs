//! Sessions, the invitation gate and booking, on SQLite and PostgreSQL: the race for the last
//! seats, the fall-back to the second choice, manual assignment, and bad input.

use crate::common;

use app::applicants::domain::Status;
use app::booking::domain::Booking;
use app::error::AppError;
use app::ids::SessionId;
use app::server::Config;
use common::{session_form, TestApp, PW};

/// The subjects and bodies of the messages queued for `to`, oldest first.
async fn mail_to(app: &TestApp, to: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT subject, body FROM outbox WHERE to_email = $1 ORDER BY id")
        .bind(to)
        .fetch_all(app.state.repo.pool())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_applicants_race_for_ten_seats() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Race Program").await;
        let sid = p.session("Only day", 10, true).await;
        let mut racers = Vec::new();
        for i in 0..200 {
            racers.push(p.invited(&format!("racer{i}@race.test")).await);
        }
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(racers.len()));
        let tasks: Vec<_> = racers
            .into_iter()
            .map(|r| {
                let (p, start) = (p.clone(), start.clone());
                tokio::spawn(async move {
                    start.wait().await;
                    p.choose(&r.me, sid, None).await
                })
            })
            .collect();
        let (mut confirmed, mut full) = (0, 0);
        for t in tasks {
            match t.await.unwrap() {
                Ok(o) if matches!(o.booking, Booking::Confirmed { .. }) => confirmed += 1,
                Ok(o) if o.booking == Booking::BothFull => full += 1,
                other => panic!("[{}] unexpected: {other:?}", app.db),
            }
        }
        assert_eq!(
            confirmed, 10,
            "[{}] exactly the capacity is confirmed",
            app.db
        );
        assert_eq!(full, 190, "[{}]", app.db);
        let row = p.state.repo.session(p.id(), sid).await.unwrap().unwrap();
        assert_eq!(row.confirmed, 10, "[{}] the database agrees", app.db);
    }
}

/// Applicants whose choices cross (half want A then B, half B then A) race for few seats. On
/// PostgreSQL a booking holds its session's row lock while it writes the applicant, whose
/// choices reference both sessions (foreign keys, checked with a key-share lock): a `FOR
/// UPDATE` lock blocked those checks, and crossed bookings deadlocked (500s in the release
/// rush). The lock is `FOR NO KEY UPDATE`, which orders bookers of a session and lets the
/// checks through.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn crossed_choices_race_without_a_deadlock() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Crossed Program").await;
        let a = p.session("Day A", 5, true).await;
        let b = p.session("Day B", 5, true).await;
        let mut racers = Vec::new();
        for i in 0..120 {
            racers.push(p.invited(&format!("crossed{i}@race.test")).await);
        }
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(racers.len()));
        let tasks: Vec<_> = racers
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let (p, start) = (p.clone(), start.clone());
                let (first, second) = if i % 2 == 0 { (a, b) } else { (b, a) };
                tokio::spawn(async move {
                    start.wait().await;
                    p.choose(&r.me, first, Some(second)).await
                })
            })
            .collect();
        let mut confirmed = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(o) if matches!(o.booking, Booking::Confirmed { .. }) => confirmed += 1,
                Ok(o) if o.booking == Booking::BothFull => {}
                other => panic!("[{}] unexpected: {other:?}", app.db),
            }
        }
        assert_eq!(confirmed, 10, "[{}] both sessions filled, no more", app.db);
    }
}

#[tokio::test]
async fn the_first_choice_full_confirms_the_second_and_both_full_books_nothing() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Choices Program").await;
        let a = p.session("Day A", 1, true).await;
        let b = p.session("Day B", 1, true).await;
        let c = p.session("Day C", 3, true).await;
        let p1 = p.invited("p1@c.test").await.me;
        let p2 = p.invited("p2@c.test").await.me;
        let p3 = p.invited("p3@c.test").await.me;
        let o = p.choose(&p1, a, Some(b)).await.unwrap();
        assert_eq!(
            o.booking,
            Booking::Confirmed {
                session_id: a,
                first_choice: true
            }
        );
        let o = p.choose(&p2, a, Some(b)).await.unwrap();
        assert_eq!(
            o.booking,
            Booking::Confirmed {
                session_id: b,
                first_choice: false
            },
            "[{}]",
            app.db
        );
        // Confirmed by their own choice: e-mailed the session they have.
        let told = mail_to(&app, "p2@c.test").await;
        let last = told.last().expect("a confirmation");
        assert!(
            last.0.starts_with("Interview confirmed: Choices Program")
                && last.1.contains("is confirmed: Day B"),
            "[{}] {last:?}",
            app.db
        );
        let o = p.choose(&p3, a, Some(b)).await.unwrap();
        assert_eq!(o.booking, Booking::BothFull, "[{}]", app.db);
        let told = mail_to(&app, "p3@c.test").await;
        assert!(
            told.iter().all(|m| !m.0.starts_with("Interview confirmed")),
            "[{}] both full: no confirmation",
            app.db
        );
        assert_eq!(o.open_sessions, vec!["Day C".to_string()]);
        assert_eq!(
            p.applicant("p3@c.test").await.status,
            Status::InvitedReady,
            "nothing booked"
        );
        // Choosing again works, and one confirmed session per program.
        let o = p.choose(&p3, c, Some(a)).await.unwrap();
        assert_eq!(
            o.booking,
            Booking::Confirmed {
                session_id: c,
                first_choice: true
            }
        );
        let again = p.choose(&p3, c, Some(b)).await.unwrap_err();
        assert!(
            matches!(again, AppError::Conflict(_)),
            "[{}] {again:?}",
            app.db
        );

        // Declining: the status says so, and a declined invitation takes no choices.
        let p5 = p.invited("p5@c.test").await.me;
        app::booking::ssr::decline(&p.state, &p5, p.id())
            .await
            .unwrap();
        assert_eq!(p.applicant("p5@c.test").await.status, Status::Declined);
        let e = p.choose(&p5, c, Some(a)).await.unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "[{}] {e:?}", app.db);
        // Someone never invited to the program cannot decline or choose: it does not exist for them.
        let stranger = common::as_applicant("stranger@c.test");
        let e = app::booking::ssr::decline(&p.state, &stranger, p.id())
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound(_)));

        // Bad choices are refused with the field named.
        let p4 = p.invited("p4@c.test").await.me;
        let e = p.choose(&p4, c, Some(c)).await.unwrap_err();
        assert!(e.field_message("second_choice").is_some(), "equal choices");
        let e = p.choose(&p4, c, None).await.unwrap_err();
        assert!(
            e.field_message("second_choice").is_some(),
            "second required with 2+ sessions"
        );
        let e = p
            .choose(&p4, c, Some(SessionId(999_999)))
            .await
            .unwrap_err();
        assert!(
            e.field_message("second_choice").is_some(),
            "unknown session"
        );
        // A session of another program is unknown here.
        let other = app.program("Other Program").await;
        let foreign = other.session("Foreign day", 5, true).await;
        let e = p.choose(&p4, foreign, Some(c)).await.unwrap_err();
        assert!(
            e.field_message("first_choice").is_some(),
            "[{}] {e:?}",
            app.db
        );
    }
}

#[tokio::test]
async fn manual_mode_keeps_applicants_pending_until_assigned() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Manual Program").await;
        p.self_scheduling(false).await;
        let a = p.session("Day A", 2, true).await;
        let b = p.session("Day B", 2, true).await;
        let c = p.session("Day C", 1, true).await;
        let m1 = p.invited("m1@m.test").await;
        let o = p.choose(&m1.me, a, Some(b)).await.unwrap();
        assert_eq!(o.booking, Booking::Pending);
        let told = mail_to(&app, "m1@m.test").await;
        assert_eq!(
            told.last().map(|m| m.0.as_str()),
            Some("Session choices received: Manual Program"),
            "[{}] pending: told the choices are in",
            app.db
        );
        let row = p.state.repo.session(p.id(), a).await.unwrap().unwrap();
        assert_eq!(
            (row.confirmed, row.pending),
            (0, 1),
            "[{}] pending holds no seat",
            app.db
        );

        let assign = |id, session: SessionId| {
            let p = p.clone();
            async move {
                app::booking::ssr::assign(&p.state, p.director, id, Some(session), false).await
            }
        };
        // Outside the choices: a warning first, then "anyway".
        let warn = assign(m1.id, c).await.unwrap_err();
        assert!(warn.field_message("session_id").is_some());
        assign(m1.id, b).await.unwrap();
        let row = p.applicant("m1@m.test").await;
        assert_eq!((row.status, row.session_id), (Status::Confirmed, Some(b)));
        let told = mail_to(&app, "m1@m.test").await;
        let last = told.last().unwrap();
        assert!(
            last.0.starts_with("Interview confirmed: Manual Program")
                && last.1.contains("is confirmed: Day B"),
            "[{}] assigned: told the session, {last:?}",
            app.db
        );
        // No session chosen: the field says so.
        let none = app::booking::ssr::assign(&p.state, p.director, m1.id, None, false)
            .await
            .unwrap_err();
        assert!(none.field_message("session_id").is_some());

        // A full session cannot be assigned.
        let m2 = p.invited("m2@m.test").await;
        let m3 = p.invited("m3@m.test").await;
        for m in [&m2, &m3] {
            p.choose(&m.me, c, Some(a)).await.unwrap();
        }
        assign(m2.id, c).await.unwrap();
        let full = assign(m3.id, c).await.unwrap_err();
        assert!(
            matches!(full, AppError::Conflict(_)),
            "[{}] {full:?}",
            app.db
        );
    }
}

#[tokio::test]
async fn session_rules_hold_against_confirmed_applicants() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Rules Program").await;
        let sid = p.session("Day", 3, true).await;
        for e in ["r1@r.test", "r2@r.test"] {
            let r = p.invited(e).await;
            p.choose(&r.me, sid, None).await.unwrap();
        }
        let save = |capacity: i64, end: &'static str| {
            let p = p.clone();
            async move {
                let form = app::sessions::domain::SessionForm {
                    end: end.into(),
                    ..session_form(Some(sid), "Day", capacity, true)
                };
                p.save_session(&form).await
            }
        };
        let e = save(1, "16:00").await.unwrap_err();
        assert!(
            e.field_message("capacity")
                .unwrap()
                .contains("2 applicants"),
            "[{}] {e:?}",
            app.db
        );
        let e = save(5, "07:00").await.unwrap_err();
        assert!(e.field_message("end").is_some());
        assert!(
            save(2, "16:00").await.is_ok(),
            "down to the confirmed count is fine"
        );
        let e = app::sessions::ssr::delete_session(&p.state, p.director, sid)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)));
        // Another program's coordinator cannot touch it.
        let other = app.program("Other Rules").await;
        let e = app::sessions::ssr::delete_session(&p.state, other.director, sid)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound(_)), "[{}] {e:?}", app.db);
        let empty = p.session("Empty", 3, true).await;
        app::sessions::ssr::delete_session(&p.state, p.director, empty)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_gate_shows_a_program_only_when_all_four_conditions_hold() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Gate Program").await;
        let sid = p.session("Day", 3, false).await;
        let visible_programs = |c: String| {
            let app = app.clone();
            async move {
                let list = app.call("my-programs", &[], Some(&c), None).await.json();
                list.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["program_name"].as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            }
        };
        // (1) added …
        let id = p.added("gina@gate.test").await;
        let c = app.sign_up("gina@gate.test").await;
        assert!(
            visible_programs(c.clone()).await.is_empty(),
            "[{}] only added",
            app.db
        );
        // (3) Invited & Ready …
        app::applicants::ssr::mark_invited(&p.state, p.director, id)
            .await
            .unwrap();
        assert!(visible_programs(c.clone()).await.is_empty(), "not sent yet");
        // (4) sent …
        app::applicants::ssr::send_invitation(&p.state, p.director, id)
            .await
            .unwrap();
        assert!(
            visible_programs(c.clone()).await.is_empty(),
            "no visible session yet"
        );
        // (2) a visible session: now all four hold.
        p.save_session(&session_form(Some(sid), "Day", 3, true))
            .await
            .unwrap();
        assert_eq!(
            visible_programs(c.clone()).await,
            vec!["Gate Program".to_string()],
            "[{}]",
            app.db
        );
        // The demo applicant Ana sees Internal Medicine, never this program.
        let ana = app.login("ana.ruiz@demo.test", PW).await;
        assert_eq!(
            visible_programs(ana).await,
            vec!["Internal Medicine Residency".to_string()]
        );
    }
}
