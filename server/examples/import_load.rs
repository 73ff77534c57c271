//! The applicant import at a season's size: a CSV of N applicants (an ERAS-like export: ids,
//! track, phone and eight more columns kept as the summary; one row in ten updating an
//! applicant the program has) read, previewed and imported through the same workflows the
//! server functions call. Prints the time of each step and checks the rows written.
//!
//! cargo run --release -p server --example import_load -- [DATABASE_URL] [rows]
//! (default: a fresh SQLite file, 5000 rows)

mod common;

use app::applicants::import::{rows, ssr as import};
use std::time::Instant;

/// An export of `n` applicants; the first `existing` e-mails are the program's already.
fn export(n: usize, tag: u32) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "AAMC ID",
        "Last Name",
        "First Name",
        "Email Address",
        "NRMP ID",
        "Program Track",
        "Phone Number",
        "Medical School",
        "Graduation Year",
        "USMLE Step 1",
        "USMLE Step 2 CK",
        "Visa Status",
        "Self Identification",
        "Couples Match",
        "Personal Statement (first line)",
    ])
    .unwrap();
    for i in 0..n {
        w.write_record([
            format!("{:08}", 14_000_000 + i),
            format!("Lastname{i}"),
            format!("Fírst{i}"),
            format!("a{i}-{tag}@load.test"),
            format!("N{:07}", i),
            ["Categorical", "Preliminary", "Primary Care"][i % 3].to_string(),
            format!("+1 555 01{:02}", i % 100),
            "University of Somewhere, School of Medicine".to_string(),
            "2027".to_string(),
            "Pass".to_string(),
            (230 + i % 40).to_string(),
            ["Citizen", "H-1B", "J-1"][i % 3].to_string(),
            "Prefer not to say".to_string(),
            if i % 7 == 0 { "Yes" } else { "No" }.to_string(),
            "I want to train where patients, \"teaching\" and research meet; that is why."
                .to_string(),
        ])
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn fail(e: app::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| {
        let path = std::env::temp_dir().join(format!("import-load-{}.db", std::process::id()));
        format!("sqlite://{}", path.display())
    });
    let n: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5000);
    let tag = std::process::id();
    let existing: Vec<String> = (0..n / 10)
        .map(|i| format!("a{i}-{tag}@load.test"))
        .collect();
    print!("preparing a program with {} applicants … ", existing.len());
    let bench = common::bench(&url, "Import", 10, &existing).await?;
    // Its session is not needed: an import concerns applicants only.
    let _ = bench.session;
    let (state, director) = (bench.state, bench.director);
    println!("done");
    let file = export(n, tag);
    println!("{n} rows, {} KB", file.len() / 1024);

    let started = Instant::now();
    let checked = rows::check_file(file.as_bytes()).map_err(|e| anyhow::anyhow!(e))?;
    let parse = started.elapsed();
    anyhow::ensure!(
        checked.valid.len() == n,
        "{} valid rows",
        checked.valid.len()
    );

    let started = Instant::now();
    import::upload(&state, director, "eras-export.csv", file.as_bytes())
        .await
        .map_err(fail)?;
    let preview = match import::screen(&state, director).await.map_err(fail)? {
        import::ImportState::Waiting(p) => p,
        _ => anyhow::bail!("no preview"),
    };
    let preview_time = started.elapsed();

    let started = Instant::now();
    let done = import::import(&state, director, &preview.token, true)
        .await
        .map_err(fail)?;
    let commit = started.elapsed();
    anyhow::ensure!(
        done.added == n - existing.len() && done.updated == existing.len(),
        "{done:?}"
    );
    let total = state.repo.applicants(director.program_id).await?.len();
    anyhow::ensure!(total == n, "{total} applicants after the import");
    println!(
        "{}: parse {:.0} ms; preview (read, keep, read against the program) {:.0} ms; import {:.0} ms ({} added, {} updated, {} invited); {n} applicants in the program",
        if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" },
        parse.as_secs_f64() * 1000.0,
        preview_time.as_secs_f64() * 1000.0,
        commit.as_secs_f64() * 1000.0,
        done.added,
        done.updated,
        done.invited,
    );
    Ok(())
}
