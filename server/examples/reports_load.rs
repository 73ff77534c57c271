//! The Reports page at a season's size: seeds a program of N applicants (default 5,000, as the
//! applicant list's benchmark does: a third each Interview Candidate, Invited & Ready and
//! Confirmed) over S sessions (default 30), then asks the real router for the Reports page as a
//! coordinator's tab does (`/api/reports-page`, the whole program's fill, and one session's),
//! and for each report's CSV, and reports the server time (median and p95 of 20 calls each)
//! and the bytes of each answer.
//!
//! cargo run --release -p server --example reports_load -- [DATABASE_URL] [applicants] [sessions]
//! (default: a fresh SQLite file, 5000 applicants, 30 sessions)

mod common;

use app::reports::domain::ReportKey;
use std::time::Instant;
use tower::ServiceExt;

const CALLS: usize = 20;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| {
        let path = std::env::temp_dir().join(format!("reports-load-{}.db", std::process::id()));
        format!("sqlite://{}", path.display())
    });
    let n: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5000);
    let count: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(30);

    let started = Instant::now();
    let common::Bench {
        state,
        director,
        session,
    } = common::bench(&url, "Reports", 400, &[]).await?;
    let mut sessions = vec![session];
    sessions.extend(common::more_sessions(&state, director, "Report day", count - 1).await?);
    common::seed(&state, director.program_id, n, &sessions).await?;
    println!(
        "seeded {n} applicants over {count} sessions in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        if url.starts_with("sqlite") {
            "SQLite"
        } else {
            "PostgreSQL"
        }
    );

    let router = server::router(state.clone());
    let cookie = common::login_cookie(&state, director).await?;
    println!(
        "{:<34} {:>9} {:>9} {:>9}",
        "what", "p50 ms", "p95 ms", "bytes"
    );
    let one = format!("session={}", sessions[3]);
    for (name, query) in [
        ("Reports page", ""),
        ("Reports page, one session's fill", one.as_str()),
    ] {
        let (mut times, mut bytes) = (Vec::new(), 0);
        for _ in 0..CALLS {
            let t = Instant::now();
            bytes = common::post(&router, &cookie, "reports-page", query)
                .await?
                .len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{name:<34} {:>9.2} {:>9.2} {bytes:>9}",
            common::quantile(&times, 0.5),
            common::quantile(&times, 0.95)
        );
    }
    for key in ReportKey::ALL {
        let (mut times, mut bytes) = (Vec::new(), 0);
        for _ in 0..CALLS {
            let req = http::Request::get(format!("/export/report.csv?table={}", key.key()))
                .header("cookie", &cookie)
                .body(axum::body::Body::empty())?;
            let t = Instant::now();
            let res = router.clone().oneshot(req).await?;
            anyhow::ensure!(res.status() == 200, "{}: {}", key.key(), res.status());
            bytes = http_body_util::BodyExt::collect(res.into_body())
                .await?
                .to_bytes()
                .len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{:<34} {:>9.2} {:>9.2} {bytes:>9}",
            format!("CSV: {}", key.title()),
            common::quantile(&times, 0.5),
            common::quantile(&times, 0.95)
        );
    }
    Ok(())
}
