//! Push benchmark: N browser tabs hold the push stream open (the real router, in process) while
//! applicants book; reports how long a booking takes to reach every tab (from the booking call
//! to the message's arrival: an upper bound of commit-to-receipt), p50/p99, at rest (one
//! booking at a time, a quiet spell between) and during a burst, the messages per tab per
//! second in the burst, and the process's memory.
//!
//! cargo run --release -p server --example push_latency -- [tabs] [burst]
//! (default 1000 tabs, a burst of 200 bookings; a fresh SQLite file)

mod common;

use app::auth::ssr::Applicant;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let tabs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let burst: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(200);
    let path = std::env::temp_dir().join(format!("push-latency-{}.db", std::process::id()));
    let bookings = 20 + burst;
    let emails: Vec<String> = (0..bookings).map(|i| format!("a{i}@push.test")).collect();
    // A program, a big visible session, and invited applicants to book it.
    let common::Bench {
        state,
        director: by,
        session,
    } = common::bench(
        &format!("sqlite://{}", path.display()),
        "Push",
        500,
        &emails,
    )
    .await?;
    let program_id = by.program_id;
    let router = server::router(state.clone());
    let fail = |e: app::error::AppError| anyhow::anyhow!("{e}");

    // The tabs: the director's login, N push streams, each read by its own task, which reports
    // (tab, confirmed count, arrival) for every fill of the session it hears.
    let cookie = common::login_cookie(&state, by).await?;
    let (report, mut reports) = tokio::sync::mpsc::unbounded_channel::<(usize, i64, Instant)>();
    common::open_tabs(&router, &cookie, tabs, move |tab, msg, at| {
        for f in msg.fills.iter().filter(|f| f.session_id == session) {
            let _ = report.send((tab, f.confirmed, at));
        }
    })
    .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    while reports.try_recv().is_ok() {}
    let book = |i: usize| {
        let state = state.clone();
        async move {
            let me = Applicant {
                email: format!("a{i}@push.test"),
            };
            app::booking::ssr::submit_choices(&state, &me, program_id, Some(session), None).await
        }
    };

    // At rest: one booking at a time, a quiet spell between; the latency of the message that
    // shows it on each tab.
    let mut rest = Vec::new();
    for i in 0..20 {
        let sent = Instant::now();
        book(i).await.map_err(fail)?;
        tokio::time::sleep(Duration::from_millis(400)).await;
        let mut seen = vec![false; tabs];
        while let Ok((tab, confirmed, at)) = reports.try_recv() {
            if confirmed as usize == i + 1 && !seen[tab] {
                seen[tab] = true;
                rest.push(at - sent);
            }
        }
        anyhow::ensure!(seen.iter().all(|s| *s), "a tab missed booking {i}");
    }
    rest.sort();

    // A burst: the rest book at once; messages per tab while it lasts, and the first latency.
    let started = Instant::now();
    let tasks: Vec<_> = (20..bookings).map(|i| tokio::spawn(book(i))).collect();
    for t in tasks {
        t.await?.map_err(fail)?;
    }
    let burst_took = started.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut per_tab = vec![0usize; tabs];
    let mut last_seen = vec![0i64; tabs];
    let mut first = vec![None::<Duration>; tabs];
    let mut previous = vec![None::<Instant>; tabs];
    let mut min_gap = Duration::MAX;
    while let Ok((tab, confirmed, at)) = reports.try_recv() {
        per_tab[tab] += 1;
        if let Some(p) = previous[tab].replace(at) {
            min_gap = min_gap.min(at - p);
        }
        last_seen[tab] = last_seen[tab].max(confirmed);
        first[tab].get_or_insert(at - started);
    }
    anyhow::ensure!(
        last_seen.iter().all(|c| *c == bookings as i64),
        "a tab did not end on the latest fill"
    );
    let mut firsts: Vec<Duration> = first.into_iter().flatten().collect();
    firsts.sort();

    println!(
        "{tabs} tabs, one booking at a time: latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        common::quantile(&rest, 0.5),
        common::quantile(&rest, 0.99),
        common::quantile(&rest, 1.0)
    );
    println!(
        "burst of {burst} bookings in {:.2} s: first message after the burst began p50 {:.1} ms, p99 {:.1} ms; \
         at most {} messages per tab, at least {:.0} ms apart (so at most {:.1}/s), every tab ends on {bookings} confirmed",
        burst_took.as_secs_f64(),
        common::quantile(&firsts, 0.5),
        common::quantile(&firsts, 0.99),
        per_tab.iter().max().unwrap_or(&0),
        min_gap.as_secs_f64() * 1000.0,
        1.0 / min_gap.as_secs_f64()
    );
    println!(
        "process RSS now {} MB, peak {} MB",
        common::rss_mb("VmRSS:"),
        common::rss_mb("VmHWM:")
    );
    let _ = std::fs::remove_file(&path);
    Ok(())
}
