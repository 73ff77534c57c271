//! Sessions, the invitation gate and booking, on SQLite and PostgreSQL: the race for the last
//! seats, the fall-back to the second choice, manual assignment, and bad input.

mod common;

use app::applicants::domain::Booking;
use app::auth::domain::Role;
use app::auth::ssr::Staff;
use app::server::{AppState, Config};
use common::{TestApp, PW};

/// A fresh program with its director, for tests that need a clean slate.
async fn program(state: &AppState, name: &str) -> Staff {
    let email = format!("director@{}.test", name.to_lowercase().replace(' ', "-"));
    let (program_id, _) =
        app::programs::ssr::create_program(state, name, "America/New_York", &email, "Dr. D")
            .await
            .unwrap();
    let user = state
        .repo
        .user_by_email(state.repo.pool(), &email)
        .await
        .unwrap()
        .unwrap();
    Staff {
        user_id: user.id,
        program_id,
        role: Role::Director,
    }
}

async fn session(state: &AppState, by: Staff, name: &str, capacity: i64, visible: bool) -> i64 {
    app::sessions::ssr::save_session(
        state,
        by,
        None,
        name,
        "2027-01-12",
        "08:00",
        "16:00",
        "America/New_York",
        &capacity.to_string(),
        visible,
    )
    .await
    .unwrap()
}

/// Adds an applicant and takes them through the gate: Invited & Ready, invitation sent.
async fn invited(state: &AppState, by: Staff, email: &str) -> i64 {
    app::applicants::ssr::add_applicant(state, by, "Applicant Person", email)
        .await
        .unwrap();
    let id = state
        .repo
        .applicants(by.program_id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == email)
        .unwrap()
        .id;
    app::applicants::ssr::mark_invited(state, by, id)
        .await
        .unwrap();
    app::applicants::ssr::send_invitation(state, by, id)
        .await
        .unwrap();
    id
}

async fn status(state: &AppState, program_id: i64, email: &str) -> (String, Option<i64>) {
    let a = state
        .repo
        .applicants(program_id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == email)
        .unwrap();
    (a.status, a.session_id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_applicants_race_for_ten_seats() {
    for app in TestApp::each(Config::default()).await {
        let state = app.state.clone();
        let by = program(&state, "Race Program").await;
        let sid = session(&state, by, "Only day", 10, true).await;
        let mut emails = Vec::new();
        for i in 0..200 {
            let email = format!("racer{i}@race.test");
            invited(&state, by, &email).await;
            emails.push(email);
        }
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(emails.len()));
        let tasks: Vec<_> = emails
            .iter()
            .cloned()
            .map(|email| {
                let (state, start) = (state.clone(), start.clone());
                tokio::spawn(async move {
                    start.wait().await;
                    app::applicants::ssr::submit_choices(
                        &state,
                        &email,
                        by.program_id,
                        Some(sid),
                        None,
                    )
                    .await
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
        let row = state
            .repo
            .session(by.program_id, sid)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.confirmed, 10, "[{}] the database agrees", app.db);
    }
}

#[tokio::test]
async fn the_first_choice_full_confirms_the_second_and_both_full_books_nothing() {
    for app in TestApp::each(Config::default()).await {
        let state = app.state.clone();
        let by = program(&state, "Choices Program").await;
        let a = session(&state, by, "Day A", 1, true).await;
        let b = session(&state, by, "Day B", 1, true).await;
        let c = session(&state, by, "Day C", 3, true).await;
        for e in ["p1@c.test", "p2@c.test", "p3@c.test"] {
            invited(&state, by, e).await;
        }
        let submit = |e: &'static str, f: i64, s: i64| {
            let state = state.clone();
            async move {
                app::applicants::ssr::submit_choices(&state, e, by.program_id, Some(f), Some(s))
                    .await
            }
        };
        let o = submit("p1@c.test", a, b).await.unwrap();
        assert_eq!(
            o.booking,
            Booking::Confirmed {
                session_id: a,
                first_choice: true
            }
        );
        let o = submit("p2@c.test", a, b).await.unwrap();
        assert_eq!(
            o.booking,
            Booking::Confirmed {
                session_id: b,
                first_choice: false
            },
            "[{}]",
            app.db
        );
        let o = submit("p3@c.test", a, b).await.unwrap();
        assert_eq!(o.booking, Booking::BothFull, "[{}]", app.db);
        assert_eq!(o.open_sessions, vec!["Day C".to_string()]);
        assert_eq!(
            status(&state, by.program_id, "p3@c.test").await.0,
            "invited_ready",
            "nothing booked"
        );
        // Choosing again works, and one confirmed session per program.
        let o = submit("p3@c.test", c, a).await.unwrap();
        assert_eq!(
            o.booking,
            Booking::Confirmed {
                session_id: c,
                first_choice: true
            }
        );
        let again = submit("p3@c.test", c, b).await.unwrap_err();
        assert!(
            matches!(again, app::error::AppError::Conflict(_)),
            "[{}] {again:?}",
            app.db
        );

        // Declining: the status says so, and a declined invitation takes no choices.
        invited(&state, by, "p5@c.test").await;
        app::applicants::ssr::decline(&state, "p5@c.test", by.program_id)
            .await
            .unwrap();
        assert_eq!(
            status(&state, by.program_id, "p5@c.test").await.0,
            "declined"
        );
        let e = submit("p5@c.test", c, a).await.unwrap_err();
        assert!(
            matches!(e, app::error::AppError::Conflict(_)),
            "[{}] {e:?}",
            app.db
        );
        // Someone never invited to the program cannot decline or choose: it does not exist for them.
        let e = app::applicants::ssr::decline(&state, "stranger@c.test", by.program_id)
            .await
            .unwrap_err();
        assert!(matches!(e, app::error::AppError::NotFound(_)));

        // Bad choices are refused with the field named.
        invited(&state, by, "p4@c.test").await;
        let e = submit("p4@c.test", c, c).await.unwrap_err();
        assert!(e.field_message("second_choice").is_some(), "equal choices");
        let e =
            app::applicants::ssr::submit_choices(&state, "p4@c.test", by.program_id, Some(c), None)
                .await
                .unwrap_err();
        assert!(
            e.field_message("second_choice").is_some(),
            "second required with 2+ sessions"
        );
        let e = submit("p4@c.test", c, 999_999).await.unwrap_err();
        assert!(
            e.field_message("second_choice").is_some(),
            "unknown session"
        );
        // A session of another program is unknown here.
        let other = program(&state, "Other Program").await;
        let foreign = session(&state, other, "Foreign day", 5, true).await;
        let e = submit("p4@c.test", foreign, c).await.unwrap_err();
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
        let state = app.state.clone();
        let by = program(&state, "Manual Program").await;
        app::programs::ssr::set_self_scheduling(&state, by, false)
            .await
            .unwrap();
        let a = session(&state, by, "Day A", 2, true).await;
        let b = session(&state, by, "Day B", 2, true).await;
        let c = session(&state, by, "Day C", 1, true).await;
        let id = invited(&state, by, "m1@m.test").await;
        let o = app::applicants::ssr::submit_choices(
            &state,
            "m1@m.test",
            by.program_id,
            Some(a),
            Some(b),
        )
        .await
        .unwrap();
        assert_eq!(o.booking, Booking::Pending);
        let row = state.repo.session(by.program_id, a).await.unwrap().unwrap();
        assert_eq!(
            (row.confirmed, row.pending),
            (0, 1),
            "[{}] pending holds no seat",
            app.db
        );

        // Outside the choices: a warning first, then "anyway".
        let warn = app::applicants::ssr::assign(&state, by, id, c, false)
            .await
            .unwrap_err();
        assert!(warn.field_message("session_id").is_some());
        app::applicants::ssr::assign(&state, by, id, b, false)
            .await
            .unwrap();
        assert_eq!(
            status(&state, by.program_id, "m1@m.test").await,
            ("confirmed".into(), Some(b))
        );

        // A full session cannot be assigned.
        let id2 = invited(&state, by, "m2@m.test").await;
        let id3 = invited(&state, by, "m3@m.test").await;
        for e in ["m2@m.test", "m3@m.test"] {
            app::applicants::ssr::submit_choices(&state, e, by.program_id, Some(c), Some(a))
                .await
                .unwrap();
        }
        app::applicants::ssr::assign(&state, by, id2, c, false)
            .await
            .unwrap();
        let full = app::applicants::ssr::assign(&state, by, id3, c, false)
            .await
            .unwrap_err();
        assert!(
            matches!(full, app::error::AppError::Conflict(_)),
            "[{}] {full:?}",
            app.db
        );
    }
}

#[tokio::test]
async fn session_rules_hold_against_confirmed_applicants() {
    for app in TestApp::each(Config::default()).await {
        let state = app.state.clone();
        let by = program(&state, "Rules Program").await;
        let sid = session(&state, by, "Day", 3, true).await;
        for e in ["r1@r.test", "r2@r.test"] {
            invited(&state, by, e).await;
            app::applicants::ssr::submit_choices(&state, e, by.program_id, Some(sid), None)
                .await
                .unwrap();
        }
        let save = |capacity: &'static str, end: &'static str| {
            let state = state.clone();
            async move {
                app::sessions::ssr::save_session(
                    &state,
                    by,
                    Some(sid),
                    "Day",
                    "2027-01-12",
                    "08:00",
                    end,
                    "America/New_York",
                    capacity,
                    true,
                )
                .await
            }
        };
        let e = save("1", "16:00").await.unwrap_err();
        assert!(
            e.field_message("capacity")
                .unwrap()
                .contains("2 applicants"),
            "[{}] {e:?}",
            app.db
        );
        let e = save("5", "07:00").await.unwrap_err();
        assert!(e.field_message("end").is_some());
        assert!(
            save("2", "16:00").await.is_ok(),
            "down to the confirmed count is fine"
        );
        let e = app::sessions::ssr::delete_session(&state, by, sid)
            .await
            .unwrap_err();
        assert!(matches!(e, app::error::AppError::Conflict(_)));
        // Another program's coordinator cannot touch it.
        let other = program(&state, "Other Rules").await;
        let e = app::sessions::ssr::delete_session(&state, other, sid)
            .await
            .unwrap_err();
        assert!(
            matches!(e, app::error::AppError::NotFound(_)),
            "[{}] {e:?}",
            app.db
        );
        let empty = session(&state, by, "Empty", 3, true).await;
        app::sessions::ssr::delete_session(&state, by, empty)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_gate_shows_a_program_only_when_all_four_conditions_hold() {
    for app in TestApp::each(Config::default()).await {
        let state = app.state.clone();
        let by = program(&state, "Gate Program").await;
        let sid = session(&state, by, "Day", 3, false).await;
        let cookie = |email: &'static str| {
            let app = app.clone();
            async move {
                let form = [
                    ("email", email),
                    ("password", "a good long pass"),
                    ("confirm", "a good long pass"),
                ];
                app.call("sign-up", &form, None, None).await;
                let token = common::token_in(&app.last_email(email).await.unwrap());
                app.call("confirm-email", &[("token", &token)], None, None)
                    .await
                    .cookie
                    .unwrap()
            }
        };
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
        app::applicants::ssr::add_applicant(&state, by, "Gina Gate", "gina@gate.test")
            .await
            .unwrap();
        let c = cookie("gina@gate.test").await;
        assert!(
            visible_programs(c.clone()).await.is_empty(),
            "[{}] only added",
            app.db
        );
        let id = state.repo.applicants(by.program_id).await.unwrap()[0].id;
        // (3) Invited & Ready …
        app::applicants::ssr::mark_invited(&state, by, id)
            .await
            .unwrap();
        assert!(visible_programs(c.clone()).await.is_empty(), "not sent yet");
        // (4) sent …
        app::applicants::ssr::send_invitation(&state, by, id)
            .await
            .unwrap();
        assert!(
            visible_programs(c.clone()).await.is_empty(),
            "no visible session yet"
        );
        // (2) a visible session: now all four hold.
        app::sessions::ssr::save_session(
            &state,
            by,
            Some(sid),
            "Day",
            "2027-01-12",
            "08:00",
            "16:00",
            "America/New_York",
            "3",
            true,
        )
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
