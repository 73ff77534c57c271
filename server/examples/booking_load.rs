//! Load test of the booking transaction: N applicants submit their choice at once for one
//! session of C seats, through the same code the server function runs. Prints the throughput
//! and checks that exactly C were confirmed.
//!
//! cargo run --release -p server --example booking_load -- [DATABASE_URL] [applicants] [seats]
//! (default: a fresh SQLite file, 2000 applicants, 100 seats)

mod common;

use app::auth::ssr::Applicant;
use app::booking::domain::Booking;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| {
        let path = std::env::temp_dir().join(format!("booking-load-{}.db", std::process::id()));
        format!("sqlite://{}", path.display())
    });
    let applicants: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(2000);
    let seats: i64 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(100);

    let tag = std::process::id();
    let emails: Vec<String> = (0..applicants)
        .map(|i| format!("a{i}-{tag}@load.test"))
        .collect();
    print!("preparing {applicants} invited applicants … ");
    let common::Bench {
        state,
        director,
        session,
    } = common::bench(&url, "Load", seats, &emails).await?;
    let program_id = director.program_id;
    println!("done");

    let started = Instant::now();
    let tasks: Vec<_> = (0..applicants)
        .map(|i| {
            let state = state.clone();
            let me = Applicant {
                email: emails[i].clone(),
            };
            tokio::spawn(async move {
                app::booking::ssr::submit_choices(&state, &me, program_id, Some(session), None)
                    .await
            })
        })
        .collect();
    let mut confirmed = 0;
    for t in tasks {
        if let Ok(o) = t.await? {
            if matches!(o.booking, Booking::Confirmed { .. }) {
                confirmed += 1;
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{} bookings in {:.2} s: {:.0} bookings/s; confirmed {confirmed} of {seats} seats ({})",
        applicants,
        elapsed.as_secs_f64(),
        applicants as f64 / elapsed.as_secs_f64(),
        if confirmed == seats { "exact" } else { "WRONG" }
    );
    anyhow::ensure!(
        confirmed == seats,
        "confirmed {confirmed}, expected {seats}"
    );
    Ok(())
}
