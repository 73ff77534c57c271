//! The Applicants list at a season's size: seeds a program of N applicants (default 5,000:
//! a third each Interview Candidate, Invited & Ready and Confirmed in one of 20 sessions, with
//! application ids), then asks the real router for pages of the list as a coordinator's tab
//! does (`/api/applicants-page` with the address's query, the bar beside it), and reports the
//! server time per page (median and p95 of 40 calls each) and the bytes of each answer (the
//! panel's HTML, as the compact codec carries a string: a few bytes of length before it); then
//! SQLite's query plans, and a bulk action on every Interview Candidate ("select all matching").
//!
//! cargo run --release -p server --example applicant_list -- [DATABASE_URL] [applicants]
//! (default: a fresh SQLite file, 5000 applicants)

mod common;

use app::applicants::list::query::ListQuery;
use app::applicants::list::types::BulkForm;
use std::time::Instant;

const CALLS: usize = 40;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| {
        let path = std::env::temp_dir().join(format!("applicant-list-{}.db", std::process::id()));
        format!("sqlite://{}", path.display())
    });
    let n: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5000);
    let sqlite = url.starts_with("sqlite");

    let started = Instant::now();
    let common::Bench {
        state,
        director,
        session,
    } = common::bench(&url, "List", 400, &[]).await?;
    let mut sessions = vec![session];
    sessions.extend(common::more_sessions(&state, director, "List day", 19).await?);
    common::seed(&state, director.program_id, n, &sessions).await?;
    if sqlite {
        sqlx::query("ANALYZE").execute(state.repo.pool()).await?;
    }
    println!(
        "seeded {n} applicants in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        if sqlite { "SQLite" } else { "PostgreSQL" }
    );

    let router = server::router(state.clone());
    let cookie = common::login_cookie(&state, director).await?;
    let views = [
        ("first page, by name", String::new()),
        ("page 50, by name", "page=50".into()),
        (
            "last page, by name (desc)",
            "sort=name&dir=desc&page=100".into(),
        ),
        ("status filter", "status=invited_ready".into()),
        ("session filter", format!("session={}", sessions[3])),
        ("search by name", "q=person+12".into()),
        ("search by application id", "q=aamc04".into()),
        ("sorted by session", "sort=session&page=20".into()),
        (
            "sorted by status, desc",
            "sort=status&dir=desc&page=7".into(),
        ),
    ];
    println!(
        "{:<28} {:>9} {:>9} {:>9}",
        "view (50 rows a page)", "p50 ms", "p95 ms", "bytes"
    );
    for (name, query) in &views {
        let (mut times, mut bytes) = (Vec::new(), 0);
        for _ in 0..CALLS {
            let t = Instant::now();
            let body = common::post(&router, &cookie, "applicants-page", query).await?;
            times.push(t.elapsed());
            bytes = body.len();
        }
        times.sort();
        println!(
            "{name:<28} {:>9.2} {:>9.2} {bytes:>9}",
            common::quantile(&times, 0.5),
            common::quantile(&times, 0.95),
        );
    }
    let mut bar = Vec::new();
    for _ in 0..CALLS {
        let t = Instant::now();
        common::post(&router, &cookie, "applicants-bar", "status=invited_ready").await?;
        bar.push(t.elapsed());
    }
    bar.sort();
    println!(
        "{:<28} {:>9.2} {:>9.2}",
        "the bar (filter, count)",
        common::quantile(&bar, 0.5),
        common::quantile(&bar, 0.95)
    );

    if sqlite {
        for (name, query) in &views {
            let plan = state
                .repo
                .applicant_page_plan(director.program_id, &ListQuery::parse(query))
                .await?;
            println!("plan, {name}: {}", plan.join(" / "));
        }
    }

    let candidates = ListQuery::parse("status=interview_candidate");
    let how_many = state
        .repo
        .applicants_matching(director.program_id, &candidates)
        .await?;
    let t = Instant::now();
    let form = BulkForm {
        action: "invite".into(),
        all_matching: true,
        filter: "status=interview_candidate".into(),
        ..BulkForm::default()
    };
    let said = app::applicants::list::ssr::bulk(&state, director, form)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let took = t.elapsed();
    println!(
        "bulk mark invited, all {how_many} matching: {:.2} s ({:.2} ms each): {}",
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / how_many.max(1) as f64,
        said.chars().take(80).collect::<String>()
    );
    Ok(())
}
