//! Login storm benchmark: starts the release server in its own process on a fresh SQLite
//! database (the demo seeded), fires N logins at once with the right password over real TCP
//! connections, and reports logins/s, p50/p99/max latency, how many were told to come back
//! (503), and the server's peak and settled memory (RSS, read from /proc).
//!
//! cargo run --release -p server --example login_storm -- [N] [SERVER_BINARY]
//! (N defaults to 1000; the binary to `$CARGO_TARGET_DIR/release/server`, as `make run` builds
//! it. Set HASH_CONCURRENCY / HASH_QUEUE / HASH_QUEUE_SECONDS to try other gates.)

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn rss_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// One login; the status code and how long it took.
async fn login(addr: &str) -> (u16, Duration) {
    let body = "email=director%40demo.test&password=demo-password";
    let request = format!(
        "POST /api/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let started = Instant::now();
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return (0, started.elapsed());
    };
    if stream.write_all(request.as_bytes()).await.is_err() {
        return (0, started.elapsed());
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let status = String::from_utf8_lossy(&answer)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, started.elapsed())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| {
        format!(
            "{}/.cache/interview-portal/target",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    let binary = args.next().unwrap_or(format!("{target}/release/server"));
    let dir = std::env::temp_dir().join(format!("login-storm-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = Command::new(&binary)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/storm.db", dir.display()),
        )
        .env("LEPTOS_SITE_ADDR", &addr)
        // The demo's director logs in; nothing is e-mailed.
        .env("SEED_DEMO", "auto")
        .env("MAIL", "off")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| anyhow::anyhow!("starting {binary}: {e} (build it with `make run` first)"))?;
    let pid = server.id();
    let up = async {
        loop {
            if TcpStream::connect(&addr).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(60), up).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    // One login alone, the best of five: the time of one hash, more or less.
    let mut alone = Duration::MAX;
    for _ in 0..5 {
        alone = alone.min(login(&addr).await.1);
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let idle = rss_kb(pid, "VmRSS:");

    let started = Instant::now();
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let addr = addr.clone();
            tokio::spawn(async move { login(&addr).await })
        })
        .collect();
    let mut results = Vec::with_capacity(n);
    for t in tasks {
        results.push(t.await?);
    }
    let elapsed = started.elapsed();
    let peak = rss_kb(pid, "VmHWM:");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let settled = rss_kb(pid, "VmRSS:");
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let ok = results.iter().filter(|r| r.0 == 200).count();
    let busy = results.iter().filter(|r| r.0 == 503).count();
    let other = n - ok - busy;
    let mut times: Vec<Duration> = results.iter().map(|r| r.1).collect();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{n} logins at once: {ok} logged in, {busy} told to come back (503), {other} other; \
         {:.1} logins/s over {:.1} s",
        ok as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    println!(
        "one login alone {:.0} ms: {cores} cores ÷ that = {:.0} logins/s at best",
        alone.as_secs_f64() * 1000.0,
        cores as f64 / alone.as_secs_f64()
    );
    println!(
        "latency p50 {:.2} s, p99 {:.2} s, max {:.2} s",
        at(0.50).as_secs_f64(),
        at(0.99).as_secs_f64(),
        times.last().unwrap().as_secs_f64()
    );
    println!(
        "server RSS: idle {} MB, peak {} MB, 2 s after {} MB",
        idle / 1024,
        peak / 1024,
        settled / 1024
    );
    anyhow::ensure!(other == 0, "{other} answers were neither 200 nor 503");
    anyhow::ensure!(
        times.last().unwrap() < &Duration::from_secs(30),
        "an answer took longer than 30 s"
    );
    Ok(())
}
