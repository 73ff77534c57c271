//! Change of plans and waitlists (issue 29), on SQLite and PostgreSQL: an applicant's cancel
//! and reschedule until the locks (refused after, naming whom to contact), a reschedule racing
//! a booking for the last seat, an in-order offer accepted and one running out across a
//! restart, and a first-come race of 50 for one freed seat (exactly one wins; the others are
//! told it is gone); a session's waitlist over time on the Reports page. Time moves by the server's test clock, never by sleeping.

use crate::common;

use app::applicants::domain::Status;
use app::booking::domain::Booking;
use app::booking::rules::{ChangeRules, WaitlistMode};
use app::error::AppError;
use app::ids::SessionId;
use app::server::Config;
use common::{TestApp, TestProgram};

fn test_clock() -> Config {
    Config {
        test_clock: true,
        ..Config::default()
    }
}

async fn rules(p: &TestProgram, r: ChangeRules) {
    app::booking::ssr::rules::save(&p.state, p.director, r)
        .await
        .unwrap();
}

pub(crate) async fn subjects_to(p: &TestProgram, to: &str) -> Vec<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT subject FROM outbox WHERE to_email = $1 ORDER BY id")
            .bind(to)
            .fetch_all(p.state.repo.pool())
            .await
            .unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

async fn confirmed_in(p: &TestProgram, s: SessionId) -> i64 {
    p.state
        .repo
        .session(p.id(), s)
        .await
        .unwrap()
        .unwrap()
        .confirmed
}

fn refusal(r: Result<(), AppError>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(()) => panic!("expected a refusal"),
    }
}

/// An invited applicant confirmed in `s`.
async fn confirmed(
    p: &TestProgram,
    email: &str,
    s: SessionId,
    second: SessionId,
) -> app::auth::ssr::Applicant {
    let who = p.invited(email).await;
    let o = p.choose(&who.me, s, Some(second)).await.unwrap();
    assert!(
        matches!(o.booking, Booking::Confirmed { session_id, .. } if session_id == s),
        "{o:?}"
    );
    who.me
}

#[tokio::test]
async fn an_applicant_cancels_and_reschedules_until_the_locks_then_is_told_whom_to_contact() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let p = app.program("Plans Program").await;
        p.self_scheduling(true).await;
        let a = p.session("Day A", 2, true).await;
        let b = p.session("Day B", 1, true).await;
        let c = p.session("Day C", 1, true).await;
        let ana = confirmed(&p, "ana@plans.test", a, b).await;
        let pid = p.id();
        // Reschedule A → B: the seat in B taken, the one in A freed, together.
        app::booking::ssr::change::reschedule(&p.state, &ana, pid, Some(b))
            .await
            .unwrap();
        assert_eq!(
            (confirmed_in(&p, a).await, confirmed_in(&p, b).await),
            (0, 1),
            "[{db}]"
        );
        assert!(
            subjects_to(&p, "ana@plans.test")
                .await
                .iter()
                .any(|s| s.starts_with("Interview rescheduled")),
            "[{db}]"
        );
        // Into a full session: refused, the booking kept.
        let _ben = confirmed(&p, "ben@plans.test", c, a).await;
        let said =
            refusal(app::booking::ssr::change::reschedule(&p.state, &ana, pid, Some(c)).await);
        assert!(
            said.contains("has just filled up: you keep your interview"),
            "[{db}] {said}"
        );
        assert_eq!(
            p.applicant("ana@plans.test").await.session_id,
            Some(b),
            "[{db}]"
        );
        // The sessions are on 12 January 2027: a 60-day cancel lock fell on 13 November 2026
        // at 8:00 New York; move the clock past it if needed.
        rules(
            &p,
            ChangeRules {
                cancel_lock_days: Some(30),
                ..ChangeRules::default()
            },
        )
        .await;
        let lock = chrono::DateTime::parse_from_rfc3339("2026-12-13T13:00:00Z").unwrap();
        let now = p.state.clock.now();
        if now < lock {
            // One second before: still open (checked, then the clock moved on).
            p.state
                .clock
                .advance((lock.timestamp_millis() - now.timestamp_millis()) - 1000);
            let plans = app::waitlist::ssr::mine::my_plans(&p.state, &ana, pid)
                .await
                .unwrap();
            assert!(!plans.cancel_lock.as_ref().unwrap().closed, "[{db}]");
            p.state.clock.advance(1000);
        }
        let said = refusal(app::booking::ssr::change::cancel(&p.state, &ana, pid).await);
        assert!(
            said.starts_with("Cancelling Day B closed on Sunday, December 13, 2026 at 8:00 AM (America/New_York) (30 days before the session). To change it, contact the program:"),
            "[{db}] {said}"
        );
        let plans = app::waitlist::ssr::mine::my_plans(&p.state, &ana, pid)
            .await
            .unwrap();
        let lock_said = plans.cancel_lock.unwrap();
        assert!(lock_said.closed, "[{db}]");
        assert!(plans.contact.is_some(), "[{db}]");
        // Without the lock, the cancel goes through: seat freed, e-mail, audit by the applicant.
        rules(&p, ChangeRules::default()).await;
        app::booking::ssr::change::cancel(&p.state, &ana, pid)
            .await
            .unwrap();
        let row = p.applicant("ana@plans.test").await;
        assert_eq!(row.status, Status::Cancelled, "[{db}]");
        assert_eq!(confirmed_in(&p, b).await, 0, "[{db}]");
        assert!(
            subjects_to(&p, "ana@plans.test")
                .await
                .iter()
                .any(|s| s.starts_with("You cancelled your interview")),
            "[{db}]"
        );
        // A booking lock closes a session to new bookings.
        rules(
            &p,
            ChangeRules {
                booking_lock_days: Some(60),
                ..ChangeRules::default()
            },
        )
        .await;
        let cy = p.invited("cy@plans.test").await;
        let e = p.choose(&cy.me, a, Some(b)).await.unwrap_err();
        let said = e.field_message("first_choice").unwrap_or_default();
        assert!(said.starts_with("Booking Day A closed on"), "[{db}] {e:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reschedule_racing_a_booking_for_the_last_seat_leaves_exactly_one_seated() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Race Plans Program").await;
        p.self_scheduling(true).await;
        let home = p.session("Home", 20, true).await;
        let spare = p.session("Spare", 20, true).await;
        for round in 0..6 {
            let last = p.session(&format!("Last {round}"), 1, true).await;
            let mover = confirmed(&p, &format!("m{round}@rr.test"), home, spare).await;
            let booker = p.invited(&format!("b{round}@rr.test")).await;
            let start = std::sync::Arc::new(tokio::sync::Barrier::new(2));
            let (p1, s1) = (p.clone(), start.clone());
            let moving = tokio::spawn(async move {
                s1.wait().await;
                app::booking::ssr::change::reschedule(&p1.state, &mover, p1.id(), Some(last)).await
            });
            let (p2, s2) = (p.clone(), start.clone());
            let me = booker.me.clone();
            let booking = tokio::spawn(async move {
                s2.wait().await;
                p2.choose(&me, last, Some(spare)).await
            });
            let moved = moving.await.unwrap();
            let booked = booking.await.unwrap().unwrap();
            let seated = matches!(booked.booking, Booking::Confirmed { session_id, .. } if session_id == last);
            assert!(
                moved.is_ok() != seated,
                "[{db}] {round}: {moved:?} {booked:?}"
            );
            assert_eq!(confirmed_in(&p, last).await, 1, "[{db}] {round}");
        }
    }
}

/// A program with the waitlist in `mode`, one session of one seat (`full`, taken by Ana) and a
/// second of one seat (taken by Ben); `waiting` applicants join both lines in order.
pub(crate) async fn full_program(
    app: &TestApp,
    mode: WaitlistMode,
    waiting: usize,
) -> (TestProgram, SessionId, Vec<app::auth::ssr::Applicant>) {
    let p = app.program(&format!("Wait {mode:?} Program")).await;
    p.self_scheduling(true).await;
    rules(
        &p,
        ChangeRules {
            waitlist: mode,
            offer_hours: 24,
            ..ChangeRules::default()
        },
    )
    .await;
    let full = p.session("Full day", 1, true).await;
    let other = p.session("Other day", 1, true).await;
    confirmed(&p, "ana@wait.test", full, other).await;
    confirmed(&p, "ben@wait.test", other, full).await;
    let mut people = Vec::new();
    for i in 0..waiting {
        let who = p.invited(&format!("w{i}@wait.test")).await;
        let o = p.choose(&who.me, full, Some(other)).await.unwrap();
        assert_eq!(o.booking, Booking::BothFull);
        assert_eq!(o.can_wait.len(), 2);
        app::waitlist::ssr::join::join(&p.state, &who.me, p.id(), vec![full])
            .await
            .unwrap();
        people.push(who.me);
    }
    (p, full, people)
}

#[tokio::test]
async fn in_order_the_first_in_line_is_offered_the_freed_seat_held_for_them_and_accepts() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let (p, full, people) = full_program(&app, WaitlistMode::Sequential, 3).await;
        let pid = p.id();
        let plans = app::waitlist::ssr::mine::my_plans(&p.state, &people[2], pid)
            .await
            .unwrap();
        assert_eq!(plans.places[0].place, 3, "[{db}]");
        assert_eq!(p.applicant("w0@wait.test").await.status, Status::Waitlisted);
        // Ana cancels: the job offers the seat to the first in line, and holds it.
        app::booking::ssr::change::cancel(&p.state, &common::as_applicant("ana@wait.test"), pid)
            .await
            .unwrap();
        app::waitlist::ssr::job::run_due(&p.state).await.unwrap();
        let first = app::waitlist::ssr::mine::my_plans(&p.state, &people[0], pid)
            .await
            .unwrap();
        assert!(first.places[0].offer_until.is_some(), "[{db}] {first:?}");
        assert!(
            subjects_to(&p, "w0@wait.test")
                .await
                .iter()
                .any(|s| s.starts_with("A seat is held for you")),
            "[{db}]"
        );
        assert_eq!(
            confirmed_in(&p, full).await,
            1,
            "[{db}] the held seat counts as taken"
        );
        // Nobody else takes it: the second in line is refused.
        let said =
            refusal(app::waitlist::ssr::claim::take(&p.state, &people[1], pid, Some(full)).await);
        assert!(said.contains("is gone"), "[{db}] {said}");
        // A second run does nothing more (the offer is stored).
        assert_eq!(
            app::waitlist::ssr::job::run_due(&p.state).await.unwrap(),
            0,
            "[{db}]"
        );
        // The first accepts: confirmed, off every line; the others move up.
        app::waitlist::ssr::claim::take(&p.state, &people[0], pid, Some(full))
            .await
            .unwrap();
        let w0 = p.applicant("w0@wait.test").await;
        assert_eq!(
            (w0.status, w0.session_id),
            (Status::Confirmed, Some(full)),
            "[{db}]"
        );
        assert_eq!(confirmed_in(&p, full).await, 1, "[{db}]");
        let third = app::waitlist::ssr::mine::my_plans(&p.state, &people[2], pid)
            .await
            .unwrap();
        assert_eq!(third.places[0].place, 2, "[{db}]");
        // The second declines nothing yet; leaving its line puts them back to choosing.
        app::waitlist::ssr::join::leave(&p.state, &people[1], pid, Some(full))
            .await
            .unwrap();
        assert_eq!(
            p.applicant("w1@wait.test").await.status,
            Status::InvitedReady,
            "[{db}]"
        );
    }
}

/// The Reports page's fill over time of one session (`session=`): its waitlist by day, and
/// the Waitlisted column of the table beside the chart (the days something changed).
async fn line_by_day(p: &TestProgram, full: SessionId) -> (Vec<i64>, Vec<String>) {
    let report = app::reports::ssr::report(
        &p.state,
        p.director,
        app::reports::domain::ReportKey::Fill,
        Some(full),
    )
    .await
    .unwrap();
    let col = report
        .columns
        .iter()
        .position(|c| c == "Waitlisted")
        .unwrap();
    let shown = report.rows.iter().map(|r| r[col].text.clone()).collect();
    let chart = report.chart.unwrap();
    assert_eq!(chart.session, Some(full));
    let series = chart
        .points
        .iter()
        .map(|pt| {
            pt.waitlisted
                .expect("one session's series has its waitlist")
        })
        .collect();
    (series, shown)
}

#[tokio::test]
async fn a_sessions_waitlist_over_time_is_replayed_day_by_day_from_its_joins_and_leavings() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let day = 24 * 3600 * 1000;
        // Day 1: three join the full session's line.
        let (p, full, people) = full_program(&app, WaitlistMode::Sequential, 3).await;
        let pid = p.id();
        let (now, _) = line_by_day(&p, full).await;
        assert_eq!(now.last(), Some(&3), "[{db}] {now:?}");
        // Day 2: the third leaves.
        p.state.clock.advance(day);
        app::waitlist::ssr::join::leave(&p.state, &people[2], pid, Some(full))
            .await
            .unwrap();
        // Day 3: Ana cancels; the first in line is offered the seat and takes it.
        p.state.clock.advance(day);
        app::booking::ssr::change::cancel(&p.state, &common::as_applicant("ana@wait.test"), pid)
            .await
            .unwrap();
        app::waitlist::ssr::job::run_due(&p.state).await.unwrap();
        app::waitlist::ssr::claim::take(&p.state, &people[0], pid, Some(full))
            .await
            .unwrap();
        let (series, shown) = line_by_day(&p, full).await;
        let n = series.len();
        assert!(n >= 3, "[{db}] {series:?}");
        assert_eq!(&series[n - 3..], [3, 2, 1], "[{db}] {series:?}");
        let (waiting,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM waitlist_entries WHERE session_id = $1")
                .bind(full)
                .fetch_one(p.state.repo.pool())
                .await
                .unwrap();
        assert_eq!(
            series[n - 1],
            waiting,
            "[{db}] the last day is the line now"
        );
        // The table beside the chart lists each day the line changed, with its Waitlisted.
        assert!(
            shown.ends_with(&["3".to_string(), "2".into(), "1".into()]),
            "[{db}] {shown:?}"
        );
    }
}

#[tokio::test]
async fn an_offer_that_runs_out_while_the_server_is_down_goes_to_the_next_at_restart() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let (p, full, people) = full_program(&app, WaitlistMode::Sequential, 2).await;
        let pid = p.id();
        app::booking::ssr::change::cancel(&p.state, &common::as_applicant("ana@wait.test"), pid)
            .await
            .unwrap();
        app::waitlist::ssr::job::run_due(&p.state).await.unwrap();
        let until = app::waitlist::ssr::mine::my_plans(&p.state, &people[0], pid)
            .await
            .unwrap()
            .places[0]
            .offer_until
            .unwrap();
        // The server stops; it starts again 25 hours later (a new instance on the same
        // database, its clock moved).
        let restarted = app.another_instance().await;
        drop(app);
        restarted.state.clock.advance(25 * 3600 * 1000);
        assert!(restarted.state.clock.now() > until);
        let q = TestProgram {
            state: restarted.state.clone(),
            ..p.clone()
        };
        let steps = app::waitlist::ssr::job::run_due(&q.state).await.unwrap();
        assert_eq!(steps, 2, "[{db}] expired, then offered");
        let w0 = q.applicant("w0@wait.test").await;
        assert_eq!(
            w0.status,
            Status::InvitedReady,
            "[{db}] off their only line"
        );
        assert!(
            subjects_to(&q, "w0@wait.test")
                .await
                .iter()
                .any(|s| s.starts_with("Seat no longer available")),
            "[{db}]"
        );
        let next = app::waitlist::ssr::mine::my_plans(&q.state, &people[1], pid)
            .await
            .unwrap();
        assert_eq!(next.places[0].place, 1, "[{db}]");
        assert!(next.places[0].offer_until.is_some(), "[{db}]");
        let said =
            refusal(app::waitlist::ssr::claim::take(&q.state, &people[0], pid, Some(full)).await);
        assert!(
            said.contains("only an applicant on the waitlist"),
            "[{db}] {said}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn first_come_fifty_race_for_one_freed_seat_and_exactly_one_wins() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, full, people) = full_program(&app, WaitlistMode::FirstCome, 50).await;
        let pid = p.id();
        app::booking::ssr::change::cancel(&p.state, &common::as_applicant("ana@wait.test"), pid)
            .await
            .unwrap();
        app::waitlist::ssr::job::run_due(&p.state).await.unwrap();
        assert!(
            subjects_to(&p, "w49@wait.test")
                .await
                .iter()
                .any(|s| s.starts_with("A seat opened")),
            "[{db}]"
        );
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(people.len()));
        let mut tasks = Vec::new();
        for me in people.clone() {
            let (q, s) = (p.clone(), start.clone());
            tasks.push(tokio::spawn(async move {
                s.wait().await;
                app::waitlist::ssr::claim::take(&q.state, &me, q.id(), Some(full)).await
            }));
        }
        let mut won = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => won += 1,
                Err(e) => assert!(e.to_string().contains("is gone"), "[{db}] {e}"),
            }
        }
        assert_eq!(won, 1, "[{db}]");
        assert_eq!(confirmed_in(&p, full).await, 1, "[{db}]");
        // The others are told it is gone, and keep their places.
        app::waitlist::ssr::job::run_due(&p.state).await.unwrap();
        let mut gone = 0;
        for (i, me) in people.iter().enumerate() {
            let plans = app::waitlist::ssr::mine::my_plans(&p.state, me, pid)
                .await
                .unwrap();
            if let Some(place) = plans.places.first() {
                assert!(!place.seat_open, "[{db}]");
                if subjects_to(&p, &format!("w{i}@wait.test"))
                    .await
                    .iter()
                    .any(|s| s.starts_with("Seat no longer available"))
                {
                    gone += 1;
                }
            }
        }
        assert_eq!(gone, 49, "[{db}]");
    }
}

#[tokio::test]
async fn a_release_is_refused_a_second_before_its_time_and_taken_at_it() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let p = app.program("Release Program").await;
        p.self_scheduling(true).await;
        let day = p.session("Released day", 5, true).await;
        let spare = p.session("Spare day", 5, true).await;
        let zone = app::programs::ssr::program_of(&p.state, p.director)
            .await
            .unwrap()
            .time_zone;
        // Opens in about two hours, on the minute, in the program's zone.
        let local = (p.state.clock.now() + chrono::Duration::hours(2)).with_timezone(&zone);
        let form = app::release::types::ReleaseForm {
            name: "January dates".into(),
            date: local.format("%Y-%m-%d").to_string(),
            time: local.format("%H:%M").to_string(),
            sessions: vec![day],
            ..Default::default()
        };
        app::release::ssr::save(&p.state, p.director, &form)
            .await
            .unwrap();
        let opens = app::reminders::domain::instant(
            zone,
            chrono::NaiveDateTime::parse_from_str(
                &format!("{} {}", form.date, form.time),
                "%Y-%m-%d %H:%M",
            )
            .unwrap(),
        );
        let who = p.invited("early@release.test").await;
        let e = p.choose(&who.me, day, Some(spare)).await.unwrap_err();
        let said = e.field_message("first_choice").unwrap_or_default();
        assert!(
            said.starts_with("Released day opens for booking on"),
            "[{db}] {said}"
        );
        // The applicant's page says when.
        let plans = app::waitlist::ssr::mine::my_plans(&p.state, &who.me, p.id())
            .await
            .unwrap();
        assert_eq!(plans.opens.len(), 1, "[{db}]");
        assert_eq!(plans.opens[0].at, opens, "[{db}]");
        // One second before: still refused, by the server's clock.
        let to = opens - chrono::Duration::seconds(1) - p.state.clock.now();
        p.state.clock.advance(to.num_milliseconds());
        assert!(
            p.choose(&who.me, day, Some(spare)).await.is_err(),
            "[{db}] a second early"
        );
        // At its time: booked.
        p.state.clock.advance(1000);
        let o = p.choose(&who.me, day, Some(spare)).await.unwrap();
        assert!(
            matches!(o.booking, Booking::Confirmed { session_id, .. } if session_id == day),
            "[{db}] {o:?}"
        );
    }
}

#[tokio::test]
async fn a_fair_release_from_its_window_to_everyones_result_drawn_once_and_checkable() {
    for app in TestApp::each(test_clock()).await {
        let db = app.db;
        let p = app.program("Fair Program").await;
        p.self_scheduling(true).await;
        let a = p.session("Fair A", 1, true).await;
        let b = p.session("Fair B", 1, true).await;
        let zone = app::programs::ssr::program_of(&p.state, p.director)
            .await
            .unwrap()
            .time_zone;
        let local = (p.state.clock.now() + chrono::Duration::hours(1)).with_timezone(&zone);
        let form = app::release::types::ReleaseForm {
            name: "Fair dates".into(),
            date: local.format("%Y-%m-%d").to_string(),
            time: local.format("%H:%M").to_string(),
            sessions: vec![a, b],
            fair: true,
            window_hours: String::new(),
        };
        let id = app::release::ssr::save(&p.state, p.director, &form)
            .await
            .unwrap();
        let mut people = Vec::new();
        for i in 0..4 {
            people.push(p.invited(&format!("f{i}@fair.test")).await);
        }
        let rank = |who: usize, choices: &[SessionId]| {
            let (p, me) = (p.clone(), people[who].me.clone());
            let form = app::release::types::RankingForm {
                program_id: p.id(),
                release_id: id,
                choices: choices.iter().map(|s| s.to_string()).collect(),
            };
            async move { app::release::fair::rank(&p.state, &me, &form).await }
        };
        // Before the window: refused.
        let said = refusal(rank(0, &[a, b]).await);
        assert!(said.contains("Ranking opens on"), "[{db}] {said}");
        p.state.clock.advance(62 * 60 * 1000);
        rank(0, &[a, b]).await.unwrap();
        rank(1, &[a, b]).await.unwrap();
        rank(2, &[a]).await.unwrap();
        rank(3, &[b]).await.unwrap();
        // During the window a booking is refused: rank instead.
        let e = p.choose(&people[0].me, a, Some(b)).await.unwrap_err();
        assert!(e.to_string().contains("fair release"), "[{db}] {e}");
        let dry = app::release::fair::dry_run(&p.state, p.director, id)
            .await
            .unwrap();
        assert!(dry.contains("Fair A: 1 seated"), "[{db}] {dry}");
        // Not drawn before the close; at it, once.
        assert_eq!(
            app::release::fair::draw_due(&p.state).await.unwrap(),
            0,
            "[{db}]"
        );
        p.state.clock.advance(48 * 3600 * 1000);
        assert_eq!(
            app::release::fair::draw_due(&p.state).await.unwrap(),
            1,
            "[{db}]"
        );
        assert_eq!(
            app::release::fair::draw_due(&p.state).await.unwrap(),
            0,
            "[{db}] drawn once"
        );
        // Each seat filled once; the rest waiting; the seed revealed matches its hash.
        assert_eq!(
            (confirmed_in(&p, a).await, confirmed_in(&p, b).await),
            (1, 1),
            "[{db}]"
        );
        let view = app::release::ssr::releases(&p.state, p.director)
            .await
            .unwrap();
        let fair = view.releases[0].fair.clone().unwrap();
        let seed = fair.seed.expect("the seed is shown once drawn");
        assert_eq!(
            app::booking::lottery::commitment(seed.as_bytes()),
            fair.seed_hash,
            "[{db}]"
        );
        // Anyone can recompute the draw from the seed and the rankings.
        let ids: Vec<_> = people.iter().map(|w| w.id).collect();
        let order = app::booking::lottery::lottery_order(seed.as_bytes(), &ids);
        let ranked: std::collections::BTreeMap<_, _> = [
            (ids[0], vec![a, b]),
            (ids[1], vec![a, b]),
            (ids[2], vec![a]),
            (ids[3], vec![b]),
        ]
        .into_iter()
        .collect();
        let seats = [(a, 1u32), (b, 1u32)].into_iter().collect();
        let want = app::booking::lottery::assign(&seats, &ranked, &order);
        for (i, w) in people.iter().enumerate() {
            let row = p.applicant(&format!("f{i}@fair.test")).await;
            match want.seated.get(&w.id) {
                Some(s) => assert_eq!(
                    (row.status, row.session_id),
                    (Status::Confirmed, Some(*s)),
                    "[{db}] f{i}"
                ),
                None => {
                    assert_eq!(row.status, Status::Waitlisted, "[{db}] f{i}");
                    let plans = app::waitlist::ssr::mine::my_plans(&p.state, &w.me, p.id())
                        .await
                        .unwrap();
                    assert!(!plans.places.is_empty(), "[{db}] f{i} waits in line");
                }
            }
        }
        // After the draw, the sessions take bookings as usual (full now, not refused).
        let late = p.invited("late@fair.test").await;
        let o = p.choose(&late.me, a, Some(b)).await.unwrap();
        assert_eq!(o.booking, Booking::BothFull, "[{db}]");
    }
}

/// Every open My Programs reloads its plans at once after a push or a restart: forty at once
/// all answer (a call holding a connection never waits for a second one from the pool).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_pages_loading_their_plans_at_once_all_answer() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Many Tabs Program").await;
        p.self_scheduling(true).await;
        let a = p.session("Tabs day", 50, true).await;
        let b = p.session("Tabs other day", 50, true).await;
        let me = confirmed(&p, "tabs@plans.test", a, b).await;
        let mut tasks = Vec::new();
        for _ in 0..40 {
            let (q, me) = (p.clone(), me.clone());
            tasks.push(tokio::spawn(async move {
                app::waitlist::ssr::mine::all_my_plans(&q.state, &me).await
            }));
        }
        for t in tasks {
            let plans = t.await.unwrap();
            assert!(plans.is_ok(), "[{db}] {plans:?}");
        }
    }
}
