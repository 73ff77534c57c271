//! Day-clock push benchmark: N browser tabs hold the push stream open (the real router, in
//! process) on a finalized, running day; the server's clock (the test clock) is moved past the
//! current phase's end and the ticker executes the transition; reports how long each
//! transition takes to reach every tab (from the tick's start to the message's arrival), p50 and
//! p99 over all tabs and transitions, and the process's memory.
//!
//! cargo run --release -p server --example clock_push -- [tabs] [transitions]
//! (default 1000 tabs, 20 transitions; a fresh SQLite file)

mod common;

use app::auth::ssr::Applicant;
use app::clock::ssr as clock;
use app::day::types::{PlanForm, RoomForm};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let tabs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let transitions: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(20);
    let path = std::env::temp_dir().join(format!("clock-push-{}.db", std::process::id()));
    let rounds = 12;
    let emails: Vec<String> = (0..rounds).map(|i| format!("c{i}@clock.test")).collect();
    let common::Bench {
        mut state,
        director: by,
        session,
    } = common::bench(
        &format!("sqlite://{}", path.display()),
        "Clock",
        50,
        &emails,
    )
    .await?;
    // The test clock, as the browser tests run it (moved forward, never waited for).
    state.clock = clock::ServerClock::new(true);
    let fail = |e: app::error::AppError| anyhow::anyhow!("{e}");

    // A day of 12 twenty-minute rounds (23 phases with the passing times), one room, finalized.
    for email in &emails {
        let me = Applicant {
            email: email.clone(),
        };
        app::booking::ssr::submit_choices(&state, &me, by.program_id, Some(session), None)
            .await
            .map_err(fail)?;
    }
    let plan = PlanForm {
        start: "08:00".into(),
        interview_minutes: "20".into(),
        passing_minutes: "5".into(),
        rounds: rounds.to_string(),
        interviews_per_applicant: "1".into(),
    };
    app::day::ssr::save_plan(&state, by, session, &plan)
        .await
        .map_err(fail)?;
    let room = RoomForm {
        id: None,
        name: "Room 1".into(),
        location: "https://video.example.test/room-1".into(),
        interviewers: vec![by.user_id],
    };
    app::day::ssr::save_room(&state, by, session, &room)
        .await
        .map_err(fail)?;
    common::generate_draft(&state, by, session).await?;
    let review = app::itinerary::ssr::review(&state, by, session)
        .await
        .map_err(fail)?;
    app::itinerary::ssr::finalize(&state, by, session, review.draft_version)
        .await
        .map_err(fail)?;

    // The tabs: N push streams of the director, each read by its own task, which reports
    // (tab, phase, arrival) for every clock message of the session.
    let router = server::router(state.clone());
    let cookie = common::login_cookie(&state, by).await?;
    let (report, mut reports) = tokio::sync::mpsc::unbounded_channel::<(usize, String, Instant)>();
    common::open_tabs(&router, &cookie, tabs, move |tab, msg, at| {
        for c in msg.clocks.iter().filter(|c| c.session == session) {
            let _ = report.send((tab, c.phase.clone(), at));
        }
    })
    .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    clock::act(&state, by, session, "start", "")
        .await
        .map_err(fail)?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    while reports.try_recv().is_ok() {}

    // Each transition: the clock moved to just past the phase's end, one tick, every tab hears
    // the next phase.
    let mut latencies = Vec::new();
    for t in 0..transitions {
        let view = clock::day_clock(&state, by, session).await.map_err(fail)?;
        let Some(deadline) = view.deadline else {
            anyhow::bail!("transition {t}: the day is not running ({:?})", view.state);
        };
        state
            .clock
            .advance((deadline - state.clock.now()).num_milliseconds() + 10);
        let sent = Instant::now();
        let announced = clock::tick(&state).await.map_err(fail)?;
        anyhow::ensure!(announced == 1, "transition {t}: {announced} announced");
        let mut seen = vec![false; tabs];
        let mut heard = 0;
        let until = Instant::now() + Duration::from_secs(5);
        while heard < tabs {
            let Ok(Some((tab, phase, at))) =
                tokio::time::timeout_at(until.into(), reports.recv()).await
            else {
                break;
            };
            if phase != view.phase && !seen[tab] {
                seen[tab] = true;
                heard += 1;
                latencies.push(at - sent);
            }
        }
        anyhow::ensure!(
            heard == tabs,
            "transition {t}: {heard} of {tabs} tabs heard it"
        );
        // Let coalescing windows close before the next one.
        tokio::time::sleep(Duration::from_millis(250)).await;
        while reports.try_recv().is_ok() {}
    }
    latencies.sort();
    println!(
        "{tabs} tabs, {transitions} transitions: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; peak RSS {} MB",
        common::quantile(&latencies, 0.5),
        common::quantile(&latencies, 0.99),
        common::quantile(&latencies, 1.0),
        common::rss_mb("VmHWM")
    );
    let _ = std::fs::remove_file(&path);
    Ok(())
}
