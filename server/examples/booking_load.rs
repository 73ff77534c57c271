//! Load test of the booking transaction: N applicants submit their choice at once for one
//! session of C seats, through the same code the server function runs. Prints the throughput
//! and checks that exactly C were confirmed.
//!
//! cargo run --release -p server --example booking_load -- [DATABASE_URL] [applicants] [seats]
//! (default: a fresh SQLite file, 2000 applicants, 100 seats)

use app::applicants::domain::Booking;
use app::auth::domain::Role;
use app::auth::ssr::{Applicant, Staff};
use app::sessions::domain::SessionForm;
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

    let repo = app::db::Repo::connect(&url, 8).await?;
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("interview-portal")
        .build();
    let state = server::app_state(options, repo, app::server::Config::default());
    let tag = std::process::id();
    let director = format!("director{tag}@load.test");
    let (program_id, _) = app::programs::ssr::create_program(
        &state,
        "Load Program",
        "America/New_York",
        &director,
        "D",
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = state
        .repo
        .user_by_email(state.repo.pool(), &director)
        .await?
        .expect("director");
    let by = Staff {
        user_id: user.id,
        program_id,
        role: Role::Director,
    };
    let form = SessionForm {
        id: None,
        name: "Load day".into(),
        date: "2027-03-01".into(),
        start: "08:00".into(),
        end: "16:00".into(),
        time_zone: "America/New_York".into(),
        capacity: seats.to_string(),
        visible: true,
    };
    let session = app::sessions::ssr::save_session(&state, by, &form)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    print!("preparing {applicants} invited applicants … ");
    for i in 0..applicants {
        let email = format!("a{i}-{tag}@load.test");
        app::applicants::ssr::add_applicant(&state, by, "Load Applicant", &email)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    for a in state.repo.applicants(program_id).await? {
        app::applicants::ssr::mark_invited(&state, by, a.id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        app::applicants::ssr::send_invitation(&state, by, a.id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    println!("done");

    let started = Instant::now();
    let tasks: Vec<_> = (0..applicants)
        .map(|i| {
            let state = state.clone();
            let me = Applicant {
                email: format!("a{i}-{tag}@load.test"),
            };
            tokio::spawn(async move {
                app::applicants::ssr::submit_choices(&state, &me, program_id, Some(session), None)
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
