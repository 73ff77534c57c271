//! The minutes before a release, when everyone logs in: L logins with the right password
//! (argon2 checks each), spread evenly over T seconds, each on a connection of its own as a
//! browser's first request is, while the rush's push streams are open. The latency of each,
//! its status, and the server's memory and CPU over the window.

use crate::client::Conn;
use crate::process::Server;
use crate::report::quantile;
use std::time::{Duration, Instant};

pub async fn logins(
    servers: &[Server],
    emails: &[String],
    count: usize,
    over: Duration,
) -> anyhow::Result<()> {
    let cpu = |servers: &[Server]| servers.iter().map(Server::cpu).sum::<Duration>();
    let cpu_before = cpu(servers);
    let began = Instant::now();
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let addr = servers[i % servers.len()].addr;
            let email = emails[i % emails.len()].clone();
            let at = began + over.mul_f64(i as f64 / count as f64);
            tokio::spawn(async move {
                tokio::time::sleep_until(at.into()).await;
                let sent = Instant::now();
                let form = format!("email={}&password=rush-password", email.replace('@', "%40"));
                let status = match Conn::open(addr).await {
                    Ok(mut c) => c.call("login", "", form).await.map_or(0, |(s, _)| s),
                    Err(_) => 0,
                };
                (status, sent.elapsed())
            })
        })
        .collect();
    let mut took = Vec::with_capacity(count);
    let mut not_ok = 0;
    for t in tasks {
        let (status, d) = t.await?;
        not_ok += usize::from(status != 200);
        took.push(d);
    }
    let window = began.elapsed();
    let cpu_used = cpu(servers) - cpu_before;
    let peak: u64 = servers.iter().map(|s| s.rss_mb().1).sum();
    took.sort();
    println!(
        "logins: {count} over {:.0} s with the streams open: latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; not 200: {not_ok}; server RSS peak {peak} MB; CPU {:.2} cores over the window",
        window.as_secs_f64(),
        quantile(&took, 0.5),
        quantile(&took, 0.99),
        quantile(&took, 1.0),
        cpu_used.as_secs_f64() / window.as_secs_f64(),
    );
    anyhow::ensure!(not_ok == 0, "{not_ok} logins were not answered 200");
    Ok(())
}
