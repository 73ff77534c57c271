//! The release-day rush over HTTP: N invited applicants, logged in, book at the moment their
//! sessions open, through the real server (its own process, the server function behind its
//! route, the login session, the transaction, the push to every open screen), with at most F
//! requests in flight and M push streams open as coordinators' and applicants' screens. Then,
//! in the same run and on the same database, the limit underneath: the app's booking workflow
//! called in process as fast as it goes, for a second program made alike.
//!
//! ```text
//! cargo run --release -p server --example release_rush -- [--database URL] [--applicants N]
//!     [--seats K] [--sessions S] [--streams M] [--in-flight F] [--seed SEED] [--server BINARY]
//!     [--instances 2 [--proxy]] [--logins L] [--login-seconds T]
//! ```
//! Defaults: a fresh SQLite file, N = 10,000, K = 600 over S = 20, M = 1,000, F = 256, seed 42,
//! the release server `make run` builds (`$CARGO_TARGET_DIR/release/server`).
//!
//! Made before the release and not measured (`world.rs`): the program, its sessions, the
//! applicants with accounts and a login session each (the row a login writes; logins are
//! measured on their own), Invited & Ready with their invitation sent, and their choices drawn
//! from a seeded Zipf law over the sessions (a few popular ones). The sessions are held closed
//! by a release (the release feature) that opens 1.5 s after every stream and connection is
//! ready; everyone books then.
//!
//! Reported: the rush's time, bookings/s, latency p50/p95/p99/max, confirmed against seats,
//! overbooked seats and lost bookings (a success answered but not stored) read back from the
//! database, push latency (from the answer that completed the state a message shows, just after
//! its commit, to the message on each screen) p50/p99, messages per screen and the shortest gap
//! between two, the server's RSS and CPU; the in-process rate and the ratio. Fails (exit 1) on an
//! overbooked seat, a lost booking, an answer that is not 200, or a screen that does not end on
//! the stored fill. With `--logins L`: first, L logins with the right password over
//! `--login-seconds` (60) while the streams are open (`logins.rs`).

mod client;
#[path = "../common/mod.rs"]
mod common;
mod logins;
mod process;
mod proxy;
mod report;
mod world;

use process::Server;
use report::{ms, quantile, Answer};

use clap::Parser;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// The database (`sqlite://FILE` or `postgres://…`); default: a fresh SQLite file.
    #[arg(long)]
    database: Option<String>,
    #[arg(long, default_value_t = 10_000)]
    applicants: usize,
    #[arg(long, default_value_t = 600)]
    seats: i64,
    #[arg(long, default_value_t = 20)]
    sessions: usize,
    /// Push streams held open (a tenth as the director's screens, the rest as applicants').
    #[arg(long, default_value_t = 1_000)]
    streams: usize,
    /// Bookings in flight at once.
    #[arg(long, default_value_t = 256)]
    in_flight: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The server binary; default: the release build `make run` makes.
    #[arg(long)]
    server: Option<String>,
    /// Instances of the server on the database (2: PostgreSQL, LISTEN/NOTIFY between them); the
    /// bookings and the screens are split between them.
    #[arg(long, default_value_t = 1)]
    instances: usize,
    /// With `--instances 2`: the bookings and the screens all go through the reverse proxy of
    /// `deploy/nginx.conf` (nginx, over TLS), which spreads them, instead of being split here.
    #[arg(long)]
    proxy: bool,
    /// Logins before the release, with the streams open (0: none), spread over
    /// `--login-seconds`.
    #[arg(long, default_value_t = 0)]
    logins: usize,
    #[arg(long, default_value_t = 60)]
    login_seconds: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let database = args.database.clone().unwrap_or_else(|| {
        let path = std::env::temp_dir().join(format!("release-rush-{}.db", std::process::id()));
        format!("sqlite://{}", path.display())
    });
    let binary = args.server.clone().unwrap_or_else(|| {
        let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| {
            format!(
                "{}/.cache/interview-portal/target",
                std::env::var("HOME").unwrap_or_default()
            )
        });
        format!("{target}/release/server")
    });
    let backend = if database.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };

    let started = Instant::now();
    let repo = app::db::Repo::connect(&database, 8).await?;
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("interview-portal")
        .build();
    let state = server::app_state(options, repo, app::server::Config::default());
    let (n, k, s) = (args.applicants, args.seats, args.sessions);
    let over_http = world::make(&state, "Rush over HTTP", n, k, s, args.seed).await?;
    let in_process = world::make(&state, "Rush in process", n, k, s, args.seed).await?;
    let later = chrono::Utc::now() + chrono::Duration::days(1);
    world::release_at(&state, &over_http, later).await?;
    world::release_at(&state, &in_process, later).await?;
    println!(
        "{backend}: {n} applicants, {k} seats over {s} sessions, made in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut servers = Vec::new();
    for _ in 0..args.instances.max(1) {
        servers.push(Server::start(&binary, &database).await?);
    }
    let proxy = match args.proxy {
        true => Some(proxy::Proxy::start(
            &servers,
            args.streams + args.in_flight,
        )?),
        false => None,
    };
    let targets: Vec<client::Target> = match &proxy {
        Some(p) => vec![p.target.clone()],
        None => servers.iter().map(|s| s.addr.into()).collect(),
    };
    let rss = |servers: &[Server]| {
        servers.iter().fold((0, 0), |(now, peak), s| {
            let (n, p) = s.rss_mb();
            (now + n, peak + p)
        })
    };
    let cpu = |servers: &[Server]| servers.iter().map(Server::cpu).sum::<Duration>();

    // The screens: a tenth the director's, the rest applicants'.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (opened, mut opens) = tokio::sync::mpsc::channel(args.streams.max(1));
    let mut screens = Vec::with_capacity(args.streams);
    for i in 0..args.streams {
        let cookie = if i % 10 == 0 {
            over_http.director_cookie.clone()
        } else {
            over_http.people[i % n].cookie.clone()
        };
        screens.push(tokio::spawn(client::listen(
            targets[i % targets.len()].clone(),
            cookie,
            stopped.clone(),
            opened.clone(),
        )));
    }
    for _ in 0..args.streams {
        opens.recv().await;
    }
    if args.logins > 0 {
        let emails: Vec<String> = over_http.people.iter().map(|p| p.email.clone()).collect();
        let over = Duration::from_secs(args.login_seconds);
        logins::logins(&servers, &emails, args.logins, over).await?;
    }
    let (_, idle_peak) = rss(&servers);
    let mut connections = Vec::with_capacity(args.in_flight);
    for i in 0..args.in_flight {
        connections.push(client::Conn::open(targets[i % targets.len()].clone()).await?);
    }
    let (rss_ready, _) = rss(&servers);

    // The release, 1.5 s from now; everyone books at once then.
    let opens_at = chrono::Utc::now() + chrono::Duration::milliseconds(1500);
    world::release_at(&state, &over_http, opens_at).await?;
    let wait = (opens_at - chrono::Utc::now()).to_std().unwrap_or_default();
    let release = Instant::now() + wait + Duration::from_millis(2);
    tokio::time::sleep_until(release.into()).await;
    let cpu_before = cpu(&servers);
    let people = Arc::new(
        over_http
            .people
            .iter()
            .map(|p| (p.cookie.clone(), p.choices_form(over_http.program)))
            .collect::<Vec<_>>(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = connections
        .into_iter()
        .map(|mut conn| {
            let (people, next) = (people.clone(), next.clone());
            tokio::spawn(async move {
                let mut answers = Vec::new();
                loop {
                    let person = next.fetch_add(1, Ordering::Relaxed);
                    let Some((cookie, form)) = people.get(person) else {
                        break;
                    };
                    let sent = Instant::now();
                    let (status, body) = conn
                        .call("submit-choices", cookie, form.clone())
                        .await
                        .unwrap_or_default();
                    let answered = Instant::now();
                    if status != 200 {
                        eprintln!("answer {status}: {}", String::from_utf8_lossy(&body));
                    }
                    let confirmed = world::confirmed_in(&body);
                    answers.push(Answer {
                        person,
                        answered,
                        took: answered - sent,
                        status,
                        confirmed,
                    });
                }
                answers
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(n);
    for w in workers {
        answers.extend(w.await?);
    }
    let rush = answers
        .iter()
        .map(|a| a.answered)
        .max()
        .map_or(Duration::ZERO, |end| end - release);
    let cpu_used = cpu(&servers) - cpu_before;
    let (rss_after, rss_peak) = rss(&servers);
    // The last pushes (coalesced: at most 200 ms behind), then the screens stop listening.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let _ = stop.send(true);
    let mut heard = Vec::with_capacity(args.streams);
    for screen in screens {
        heard.push(screen.await??);
    }
    if let Some(p) = &proxy {
        let spread: Vec<String> = p
            .spread()
            .iter()
            .map(|(u, n)| format!("{n} to {u}"))
            .collect();
        println!("through nginx over TLS: {}", spread.join(", "));
    }
    drop(proxy);
    drop(servers);

    // What the database holds.
    let (taken, stored) = world::stored(&state, &over_http).await?;
    let overbooked = world::overbooked(&over_http, &taken);
    let lost = answers
        .iter()
        .filter(|a| {
            a.confirmed.is_some()
                && stored
                    .get(&over_http.people[a.person].email)
                    .copied()
                    .flatten()
                    .map(|s| s.0)
                    != a.confirmed
        })
        .count();
    let not_ok = answers.iter().filter(|a| a.status != 200).count();
    let confirmed_answers = answers.iter().filter(|a| a.confirmed.is_some()).count();
    let confirmed_stored: i64 = taken.iter().sum();
    let mut took: Vec<Duration> = answers.iter().map(|a| a.took).collect();
    took.sort();

    let pushes = report::pushes(&answers, &heard, release, &over_http.sessions, &taken);
    let report::Pushes {
        latency: push,
        early,
        shortest_gap,
        per_screen,
        off_screens,
    } = pushes;

    // The limit underneath: the same booking workflow in process, the same database.
    world::release_at(
        &state,
        &in_process,
        chrono::Utc::now() - chrono::Duration::seconds(1),
    )
    .await?;
    let program = in_process.program;
    let inside = Arc::new(
        in_process
            .people
            .iter()
            .map(|p| (p.email.clone(), p.first, p.second))
            .collect::<Vec<_>>(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let began = Instant::now();
    let tasks: Vec<_> = (0..args.in_flight)
        .map(|_| {
            let (state, inside, next) = (state.clone(), inside.clone(), next.clone());
            tokio::spawn(async move {
                let mut failed = 0usize;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((email, first, second)) = inside.get(i) else {
                        break;
                    };
                    let me = app::auth::ssr::Applicant {
                        email: email.clone(),
                    };
                    if app::booking::ssr::submit_choices(
                        &state,
                        &me,
                        program,
                        Some(*first),
                        Some(*second),
                    )
                    .await
                    .is_err()
                    {
                        failed += 1;
                    }
                }
                failed
            })
        })
        .collect();
    let mut inside_failed = 0;
    for t in tasks {
        inside_failed += t.await?;
    }
    let inside_took = began.elapsed();
    let (inside_taken, _) = world::stored(&state, &in_process).await?;
    let inside_over = world::overbooked(&in_process, &inside_taken);

    let http_rate = n as f64 / rush.as_secs_f64();
    let inside_rate = n as f64 / inside_took.as_secs_f64();
    println!(
        "over HTTP: {n} bookings in {:.2} s = {:.0} bookings/s, {} in flight; latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        rush.as_secs_f64(),
        http_rate,
        args.in_flight,
        quantile(&took, 0.5),
        quantile(&took, 0.95),
        quantile(&took, 0.99),
        quantile(&took, 1.0),
    );
    println!(
        "seats: {confirmed_answers} confirmed answers, {confirmed_stored} stored of {k} seats; overbooked {overbooked}, lost {lost}, answers not 200: {not_ok}"
    );
    println!(
        "push to {} screens: latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({early} before the answer, counted 0); messages per screen median {}, max {}; at least {:.0} ms apart (at most {:.1} a second); screens not ending on the stored fill: {off_screens}",
        args.streams,
        quantile(&push, 0.5),
        quantile(&push, 0.99),
        quantile(&push, 1.0),
        per_screen.get(per_screen.len() / 2).copied().unwrap_or(0),
        per_screen.last().copied().unwrap_or(0),
        ms(shortest_gap),
        1000.0 / ms(shortest_gap),
    );
    println!(
        "server ({} instance(s), summed): RSS {rss_ready} MB with the streams and connections open (peak {idle_peak} MB before), {rss_after} MB after the rush, peak {rss_peak} MB; CPU {:.2} s over the rush = {:.2} cores",
        args.instances.max(1),
        cpu_used.as_secs_f64(),
        cpu_used.as_secs_f64() / rush.as_secs_f64()
    );
    println!(
        "in process, same database: {n} bookings in {:.2} s = {inside_rate:.0} bookings/s (overbooked {inside_over}, errors {inside_failed}); HTTP ÷ in process = {:.2}",
        inside_took.as_secs_f64(),
        http_rate / inside_rate
    );
    if let Some(path) = database.strip_prefix("sqlite://") {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    }
    anyhow::ensure!(overbooked == 0 && inside_over == 0, "seats were overbooked");
    anyhow::ensure!(
        lost == 0,
        "{lost} bookings answered as confirmed were not stored"
    );
    anyhow::ensure!(not_ok == 0, "{not_ok} answers were not 200");
    anyhow::ensure!(
        off_screens == 0,
        "{off_screens} screens did not end on the stored fill"
    );
    anyhow::ensure!(
        confirmed_answers as i64 == confirmed_stored,
        "confirmed answers and stored seats differ"
    );
    Ok(())
}
