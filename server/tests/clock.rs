//! The day clock on both databases: a finalized day started, advancing by itself on the
//! server's (test) clock, paused, extended, skipped; refusals with reasons; the state read back
//! by another instance (a restart); and, with two instances on one database, each transition
//! executed by one of them.

use crate::common;

use app::clock::ssr as clock;
use app::clock::types::{ClockState, ClockView};
use app::error::AppError;
use app::ids::{SessionId, UserId};
use app::itinerary::domain::as_it_runs;
use app::itinerary::domain::PhaseTimes;
use app::itinerary::ssr as itinerary;
use app::live::Change;
use app::server::Config;
use chrono::Duration;
use common::{TestApp, TestProgram};

fn test_clock() -> Config {
    Config {
        test_clock: true,
        ..Config::default()
    }
}

/// A published two-room day: R1 20 min, passing 5, R2, lunch 30, R3, passing, R4.
pub(crate) async fn published_day(app: &TestApp) -> (TestProgram, SessionId, Vec<UserId>) {
    let (p, s, _, faculty) = app.two_room_day("2027-03-09").await;
    let review = itinerary::review(&p.state, p.director, s).await.unwrap();
    itinerary::finalize(&p.state, p.director, s, review.draft_version)
        .await
        .unwrap();
    (p, s, faculty)
}

/// Round `r`'s times (from 0) as the view has them.
fn round(view: &ClockView, r: u16) -> &PhaseTimes {
    view.phases
        .iter()
        .find(|t| t.round == Some(r))
        .expect("the round is on the clock")
}

async fn act(
    p: &TestProgram,
    s: SessionId,
    action: &str,
    minutes: &str,
) -> Result<ClockView, AppError> {
    clock::act(&p.state, p.director, s, action, minutes).await
}

fn minutes(ms: i64) -> i64 {
    ms / 60_000
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finalized_day_runs_by_itself_and_answers_pause_extend_and_skip() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let (p, s, faculty) = published_day(&app).await;
        let c = &app.state.clock;

        let waiting = clock::day_clock(&p.state, p.director, s).await.unwrap();
        assert_eq!(waiting.state, ClockState::Waiting, "[{db}]");
        assert_eq!(waiting.next, "Round 1");
        assert_eq!(waiting.phases.len(), 5, "four rounds and the lunch");
        let refused = act(&p, s, "pause", "").await;
        assert!(
            matches!(refused, Err(AppError::Conflict(ref m)) if m == "The day has not started."),
            "[{db}] {refused:?}"
        );

        // Started: round 1, twenty minutes to go.
        let started = act(&p, s, "start", "").await.unwrap();
        let t0 = c.now();
        assert_eq!(started.state, ClockState::Running, "[{db}]");
        assert_eq!(started.phase, "Round 1");
        assert_eq!(started.next, "Passing time");
        let left = started.deadline.unwrap() - t0;
        assert!(
            (Duration::minutes(19)..=Duration::minutes(20)).contains(&left),
            "[{db}] {left:?}"
        );
        assert!(act(&p, s, "start", "").await.is_err(), "[{db}] once");
        assert!(
            started.behind_s.abs() < 60,
            "[{db}] a day run on another date is measured from its own start: {}",
            started.behind_s
        );

        // Nothing is due yet: a tick announces nothing.
        assert_eq!(clock::tick(&app.state).await.unwrap(), 0, "[{db}]");
        // Twenty minutes later the round ends by itself: one announcement, pushed to the
        // session's people.
        let mut heard = app.state.hub.subscribe();
        c.advance(20 * 60_000 + 500);
        assert_eq!(clock::tick(&app.state).await.unwrap(), 1, "[{db}]");
        assert_eq!(clock::tick(&app.state).await.unwrap(), 0, "[{db}] once");
        let pushed = heard.recv().await.unwrap();
        match pushed.change {
            Change::Clock(view) => assert_eq!(view.phase, "Passing time", "[{db}]"),
            other => panic!("[{db}] {other:?}"),
        }
        assert!(pushed
            .audiences
            .iter()
            .any(|a| matches!(a, app::live::Audience::Person(e) if e == "final0@demo.test")));

        // Into round 2; paused for ten minutes; the rest of the day shifts by ten.
        c.advance(5 * 60_000);
        clock::tick(&app.state).await.unwrap();
        let r2 = clock::day_clock(&p.state, p.director, s).await.unwrap();
        assert_eq!(r2.phase, "Round 2", "[{db}]");
        let planned_r3 = round(&r2, 2).starts_at;
        let paused = act(&p, s, "pause", "").await.unwrap();
        assert_eq!(paused.state, ClockState::Paused);
        assert!(paused.deadline.is_none());
        c.advance(10 * 60_000);
        assert_eq!(
            clock::tick(&app.state).await.unwrap(),
            0,
            "[{db}] nothing moves while paused"
        );
        let resumed = act(&p, s, "resume", "").await.unwrap();
        assert_eq!(resumed.state, ClockState::Running);
        let shift = round(&resumed, 2).starts_at - planned_r3;
        assert_eq!(minutes(shift.num_milliseconds()), 10, "[{db}] {shift:?}");
        assert!(act(&p, s, "resume", "").await.is_err(), "[{db}]");

        // Extended by 5 minutes: the rest shifts by 5 more; the behind figure says 15.
        let extended = act(&p, s, "extend", "5").await.unwrap();
        assert_eq!(
            minutes((round(&extended, 2).starts_at - planned_r3).num_milliseconds()),
            15,
            "[{db}]"
        );
        assert_eq!(
            extended.behind_s - resumed.behind_s,
            5 * 60,
            "[{db}] five minutes more behind"
        );
        // An itinerary loaded now follows the running day: round 3 fifteen minutes later,
        // told beside the published time.
        let days = itinerary::my_days(&p.state, faculty[0]).await.unwrap();
        let day = days.iter().find(|d| d.session_id == s).unwrap();
        let stop = day.stops.iter().find(|t| t.label == "Round 3").unwrap();
        let runs = as_it_runs(stop, &day.times).expect("round 3 moved");
        assert_eq!(
            (runs.start - stop.start).num_minutes(),
            15,
            "[{db}] {stop:?} {runs:?}"
        );
        for (bad, field) in [("fly", "action"), ("extend", "minutes")] {
            let refused = act(&p, s, bad, "a while").await;
            assert!(
                matches!(refused, Err(AppError::Invalid { field: Some(ref f), .. }) if f == field),
                "[{db}] {refused:?}"
            );
        }

        // Skip: the lunch starts now; skip again: round 3 now.
        let lunch = act(&p, s, "skip", "").await.unwrap();
        assert_eq!(lunch.phase, "Lunch", "[{db}]");
        let r3 = act(&p, s, "skip", "").await.unwrap();
        assert_eq!(r3.phase, "Round 3", "[{db}]");
        let r3_left = r3.deadline.unwrap() - c.now();
        assert!(
            (Duration::minutes(19)..=Duration::minutes(20)).contains(&r3_left),
            "[{db}] round 3 began at the skip: {r3_left:?}"
        );

        // A restart (another instance on the same database) finds the day where it was.
        let other = app.another_instance().await;
        other
            .state
            .clock
            .advance(c.now().timestamp_millis() - other.state.clock.now().timestamp_millis());
        let again = clock::day_clock(&other.state, p.director, s).await.unwrap();
        assert_eq!(again.phase, "Round 3", "[{db}]");
        assert_eq!(again.deadline, r3.deadline);

        // The end: skip round 3, the passing time and round 4; the day is over.
        act(&p, s, "skip", "").await.unwrap();
        let over = act(&p, s, "skip", "").await.unwrap();
        assert_eq!(over.state, ClockState::Finished, "[{db}]");
        assert!(act(&p, s, "pause", "").await.is_err());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_two_instances_each_transition_is_executed_once() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let (p, s, _) = published_day(&app).await;
        let other = app.another_instance().await;
        act(&p, s, "start", "").await.unwrap();
        // Both clocks at the same instant, past round 1's end.
        for state in [&app.state, &other.state] {
            state.clock.advance(20 * 60_000 + 1_000);
        }
        let mut heard = [app.state.hub.subscribe(), other.state.hub.subscribe()];
        for _ in 0..5 {
            let (a, b) = tokio::join!(clock::tick(&app.state), clock::tick(&other.state));
            let executed = a.unwrap() + b.unwrap();
            assert!(executed <= 1, "[{db}] {executed}");
        }
        let mut pushes = 0;
        for rx in &mut heard {
            while let Ok(e) = rx.try_recv() {
                if matches!(e.change, Change::Clock(_)) {
                    pushes += 1;
                }
            }
        }
        assert_eq!(pushes, 1, "[{db}] one instance announced the passing time");
        let view = clock::day_clock(&other.state, p.director, s).await.unwrap();
        assert_eq!(view.phase, "Passing time", "[{db}]");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_set_to_start_by_itself_starts_at_its_planned_time() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let (p, s, _) = published_day(&app).await;
        let on = clock::set_auto_start(&p.state, p.director, s, true)
            .await
            .unwrap();
        assert!(on.auto_start, "[{db}]");
        let planned = on.planned_start.unwrap();
        // Move the test clock to one minute after the planned start (months away).
        let c = &app.state.clock;
        c.advance((planned - c.now()).num_milliseconds() + 60_000);
        assert_eq!(clock::tick(&app.state).await.unwrap(), 1, "[{db}]");
        let running = clock::day_clock(&p.state, p.director, s).await.unwrap();
        assert_eq!(running.state, ClockState::Running, "[{db}]");
        assert_eq!(running.phase, "Round 1");
        assert_eq!(
            running.deadline.unwrap(),
            planned + Duration::minutes(20),
            "[{db}] started at the planned instant, not when the ticker came round"
        );
        assert_eq!(running.behind_s, 0);
    }
}

#[tokio::test]
async fn without_the_test_flag_the_clock_cannot_be_moved() {
    let app = TestApp::new("sqlite", Config::default()).await;
    let req = http::Request::post("/test/clock")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("advance_ms=60000"))
        .unwrap();
    let before = app.state.clock.now();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 404);
    let bare = http::Request::post("/test/clock")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(bare).await.status, 404, "whatever the request");
    assert!(app.state.clock.now() - before < Duration::seconds(5));
    // The server's time answers everyone, in milliseconds.
    let now = app.call("clock-now", &[], None, None).await;
    assert_eq!(now.status, 200);
    let ms: i64 = now.body.parse().unwrap();
    assert!((ms - chrono::Utc::now().timestamp_millis()).abs() < 5_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marked_interviewed_or_no_show_an_applicant_keeps_the_seat() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s, _, _) = app.two_room_day("2027-03-16").await;
        let seats = |p: &TestProgram| {
            let (state, program, director) = (p.state.clone(), p.id(), p.director);
            async move {
                let row = state.repo.session(program, s).await.unwrap().unwrap();
                let day = app::day::ssr::day_page(&state, director, s).await.unwrap();
                (row.confirmed, day.applicants.len())
            }
        };
        assert_eq!(seats(&p).await, (3, 3), "[{db}]");
        // The day's statuses (set by the next issue's screens; here straight in the table).
        for (email, status) in [
            ("final0@demo.test", "interviewed"),
            ("final1@demo.test", "no_show"),
        ] {
            sqlx::query("UPDATE applicants SET status = $1 WHERE email = $2")
                .bind(status)
                .bind(email)
                .execute(app.state.repo.pool())
                .await
                .unwrap();
        }
        assert_eq!(
            seats(&p).await,
            (3, 3),
            "[{db}] they keep their seats and stay on the day"
        );
        sqlx::query("UPDATE applicants SET status = 'cancelled' WHERE email = 'final2@demo.test'")
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        assert_eq!(seats(&p).await, (2, 2), "[{db}] a cancellation frees one");
    }
}
