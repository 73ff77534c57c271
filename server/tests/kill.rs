//! A server killed with SIGKILL in the middle of a release rush and started again (issue 32): on
//! SQLite, on PostgreSQL, and on PostgreSQL with two instances, one killed while the other
//! serves and pushes on. The server is the real binary in its own process, its mail going to a
//! slow relay on loopback (`outbox.rs`), its clock the test clock; the rush is the release
//! benchmark's own code (`examples/release_rush`), smaller. Around the rush the season goes on:
//! a waitlist offer is held for the first of two in line, and an interview day runs.
//!
//! After the restart: every booking answered with a seat is stored and no seat is overbooked;
//! every message queued before the kill is sent with its own Message-ID, once (twice only if
//! the relay had it whole when the server died, before marking it sent; the Message-ID is what
//! lets the receiving side drop the second, and there is at most one such message per killed
//! worker); the offer is still held, to its end, then passes to the next in line; the day clock
//! runs on from where it was and announces its next phase.

use crate::common::TestApp;
use crate::outbox::{Relay, PLAIN};

// The rush's own files, and the benchmarks' module they reach as `super::common` (so it is
// `common` here too; the tests' own is `crate::common`).
#[path = "../examples/release_rush/client.rs"]
#[allow(dead_code)]
mod client;
#[path = "../examples/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../examples/release_rush/process.rs"]
#[allow(dead_code)]
mod process;
#[path = "../examples/release_rush/world.rs"]
#[allow(dead_code)]
mod world;

#[path = "kill/mail.rs"]
mod mail;
#[path = "kill/season.rs"]
mod season;

use app::server::Config;
use chrono::Utc;
use client::Conn;
use process::Server;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const APPLICANTS: usize = 800;
const SEATS: i64 = 480;
const SESSIONS: usize = 8;
const IN_FLIGHT: usize = 32;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_server_killed_mid_rush_loses_nothing_and_resumes() {
    killed_mid_rush("sqlite", 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_a_server_killed_mid_rush_loses_nothing_and_resumes() {
    killed_mid_rush("postgres", 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_one_of_two_instances_killed_mid_rush_the_other_serves_on() {
    killed_mid_rush("postgres", 2).await;
}

/// Polls `done` every 100 ms for at most `seconds`; whether it came true.
async fn eventually<F, Fut>(seconds: u64, mut done: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let until = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < until {
        if done().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    done().await
}

/// One click on "Submit choices" and what came of it (status 0: no answer, the server died).
struct Attempt {
    person: usize,
    instance: usize,
    answered: Instant,
    status: u16,
    confirmed: Option<i64>,
}

/// The rush's clicks: `IN_FLIGHT` workers, spread over the instances, take the applicants in
/// turn; one whose server does not answer clicks again 50 ms later, until it does. Each
/// worker's attempts, and the answers counted by instance as they come.
fn clicks(
    rush: &world::World,
    addrs: &[SocketAddr],
    conns: Vec<(usize, Conn)>,
) -> (
    Vec<tokio::task::JoinHandle<Vec<Attempt>>>,
    Arc<Vec<AtomicUsize>>,
) {
    let people: Arc<Vec<(String, String)>> = Arc::new(
        rush.people
            .iter()
            .map(|p| {
                let form = p.choices_form(rush.program);
                (p.cookie.clone(), form)
            })
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let answered: Arc<Vec<AtomicUsize>> =
        Arc::new(addrs.iter().map(|_| AtomicUsize::new(0)).collect());
    let workers = conns
        .into_iter()
        .map(|(instance, mut conn)| {
            let (people, next, answered) = (people.clone(), next.clone(), answered.clone());
            tokio::spawn(async move {
                let mut attempts = Vec::new();
                loop {
                    let person = next.fetch_add(1, Ordering::Relaxed);
                    let Some((cookie, form)) = people.get(person) else {
                        break;
                    };
                    loop {
                        let answer = conn.call("submit-choices", cookie, form.clone()).await;
                        let (status, body) = answer.unwrap_or_default();
                        let confirmed = world::confirmed_in(&body);
                        attempts.push(Attempt {
                            person,
                            instance,
                            answered: Instant::now(),
                            status,
                            confirmed,
                        });
                        if status != 0 {
                            answered[instance].fetch_add(1, Ordering::Relaxed);
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                }
                attempts
            })
        })
        .collect();
    (workers, answered)
}

/// The bookings after the rush: no answer a fault, every seat answered stored, none overbooked.
/// The applicants seated by an answer.
async fn bookings_kept(
    db: &str,
    app: &TestApp,
    rush: &world::World,
    attempts: &[Attempt],
) -> usize {
    let faults: Vec<u16> = attempts
        .iter()
        .map(|a| a.status)
        .filter(|s| *s >= 500)
        .collect();
    assert!(faults.is_empty(), "[{db}] answers 5xx: {faults:?}");
    assert!(
        attempts.iter().any(|a| a.status == 0 && a.instance == 0),
        "[{db}] requests were in flight at the kill"
    );
    let (taken, stored) = world::stored(&app.state, rush).await.unwrap();
    assert_eq!(world::overbooked(rush, &taken), 0, "[{db}] {taken:?}");
    let mut seated = HashSet::new();
    for a in attempts.iter().filter(|a| a.confirmed.is_some()) {
        let email = &rush.people[a.person].email;
        let kept = stored.get(email).copied().flatten().map(|s| s.0);
        assert_eq!(
            kept, a.confirmed,
            "[{db}] {email}'s seat, answered, is stored"
        );
        seated.insert(a.person);
    }
    let stored_seats: i64 = taken.iter().sum();
    assert!(
        !seated.is_empty() && seated.len() as i64 <= stored_seats,
        "[{db}] {} seated by an answer, {stored_seats} stored",
        seated.len()
    );
    seated.len()
}

async fn killed_mid_rush(db: &'static str, instances: usize) {
    let app = TestApp::new(db, Config::default()).await;
    app::seed::seed_demo(&app.state).await.expect("seed");
    let state = &app.state;
    let season = season::season(&app).await;
    let rush = world::make(
        state,
        &format!("Kill {db}"),
        APPLICANTS,
        SEATS,
        SESSIONS,
        11,
    )
    .await
    .unwrap();
    world::release_at(state, &rush, Utc::now() + chrono::Duration::days(1))
        .await
        .unwrap();

    let relay = crate::outbox::start(Relay {
        delay_ms: 20,
        ..PLAIN
    })
    .await;
    let smtp = format!("smtp://127.0.0.1:{}", relay.port);
    let from = format!("Portal <portal@{}>", mail::FROM_DOMAIN);
    let settings = [
        ("MAIL", "smtp"),
        ("SMTP_URL", smtp.as_str()),
        ("MAIL_FROM", from.as_str()),
        ("PORTAL_TEST_CLOCK", "1"),
    ];
    let binary = env!("CARGO_BIN_EXE_server");
    let mut addrs = Vec::new();
    let mut servers = Vec::new();
    for _ in 0..instances {
        let addr: SocketAddr = ([127, 0, 0, 1], process::free_port().unwrap()).into();
        let server = Server::start_at(binary, &app.url, addr, &settings).await;
        servers.push(Some(server.unwrap()));
        addrs.push(addr);
    }
    // Instance 0 is the one killed; the last one serves on (with two).
    let (killed, survivor) = (addrs[0], addrs[instances - 1]);
    let mut screen = client::stream(&survivor.into(), &rush.director_cookie)
        .await
        .unwrap();
    let clock_before = season::day_clock(killed, &season.day_cookie, season.session).await;

    // The release opens in a second; everyone books.
    let mut conns = Vec::new();
    for i in 0..IN_FLIGHT {
        let instance = i % instances;
        conns.push((instance, Conn::open(addrs[instance]).await.unwrap()));
    }
    world::release_at(state, &rush, Utc::now() + chrono::Duration::seconds(1))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1_050)).await;
    let (workers, answered) = clicks(&rush, &addrs, conns);
    let all_answered = || {
        answered
            .iter()
            .map(|a| a.load(Ordering::Relaxed))
            .sum::<usize>()
    };

    // Halfway, instance 0 is killed; what the mail was at that moment.
    assert!(
        eventually(120, || async { all_answered() >= APPLICANTS / 2 }).await,
        "[{db}] half the bookings answered"
    );
    servers[0].take().unwrap().kill();
    let killed_at = Instant::now();
    let at_kill = mail::at_kill(&app, &relay, killed_at).await;
    let answered_at_kill = all_answered();
    assert!(
        answered_at_kill < APPLICANTS,
        "[{db}] the kill came mid-rush"
    );
    assert!(
        !at_kill.queued.is_empty(),
        "[{db}] messages were waiting at the kill"
    );
    // With two, the survivor serves on for a while; then (or at once, alone) the restart.
    if instances > 1 {
        let before = answered[1].load(Ordering::Relaxed);
        let more = (APPLICANTS - all_answered()).min(40);
        let served = || answered[1].load(Ordering::Relaxed);
        eventually(60, || async { served() >= before + more }).await;
    } else {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let restarted = Server::start_at(binary, &app.url, killed, &settings).await;
    servers[0] = Some(restarted.unwrap());
    let restarted_at = Instant::now();
    let mut attempts = Vec::new();
    for w in workers {
        attempts.extend(w.await.unwrap());
    }

    let seated = bookings_kept(db, &app, &rush, &attempts).await;
    if instances > 1 {
        // The survivor answered and pushed while the other was down.
        let down = |at: Instant| at > killed_at && at < restarted_at;
        let served = attempts
            .iter()
            .filter(|a| a.instance == 1 && a.status == 200 && down(a.answered))
            .count();
        assert!(served > 0, "[{db}] the survivor served on");
        let mut pushed = 0;
        while let Ok((at, m)) = screen.try_recv() {
            pushed += usize::from(!m.fills.is_empty() && down(at));
        }
        assert!(pushed > 0, "[{db}] the survivor pushed on");
    }
    drop(screen);

    // The season as it was; then time moves on, on every instance, once the live outboxes have
    // sent what they hold: the day's round ends, the mail held at the kill goes, the offer
    // runs out.
    season.as_it_was(db, &app, killed, &clock_before).await;
    assert!(
        at_kill.settled(&app).await,
        "[{db}] the live instances' outbox settled"
    );
    season.round_ends(db, &addrs, killed).await;
    let twice = at_kill.sent_once(db, &app, &relay, instances).await;
    season.offer_runs_out(db, &addrs).await;
    eprintln!(
        "[{db} ×{instances}] killed after {answered_at_kill} of {APPLICANTS} answers, {} clicks unanswered; {seated} seated by an answer; {} messages waiting at the kill, {twice} sent twice",
        attempts.iter().filter(|a| a.status == 0).count(),
        at_kill.queued.len(),
    );
}
