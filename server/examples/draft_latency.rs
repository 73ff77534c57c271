//! Schedule-builder benchmark: one coordinator edits a generated day, another coordinator's
//! tab holds the push stream open (the real router, in process); reports the time from the
//! edit's call (what a drop sends) to the other tab's receipt of it, p50/p99 over N edits.
//! Edits come one at a time with a quiet spell between (a person dragging), so each is the
//! first of its coalescing window.
//!
//! cargo run --release -p server --example draft_latency -- [edits]
//! (default 100 edits; a fresh SQLite file; a day of 8 rooms × 10 rounds, 8 applicants)

mod common;

use app::day::domain::edit::{Cell, Draft};
use app::day::types::{PlanForm, RoomForm};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let edits: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100);
    let path = std::env::temp_dir().join(format!("draft-latency-{}.db", std::process::id()));
    let emails: Vec<String> = (0..8).map(|i| format!("d{i}@draft.test")).collect();
    let common::Bench {
        state,
        director: by,
        session,
    } = common::bench(
        &format!("sqlite://{}", path.display()),
        "Draft",
        20,
        &emails,
    )
    .await?;
    let fail = |e: app::error::AppError| anyhow::anyhow!("{e}");
    let program = by.program_id;

    // Everyone books the session; a day of 8 rooms (an interviewer each) × 10 rounds.
    let spare_form = app::sessions::domain::SessionForm {
        id: None,
        name: "Spare".into(),
        date: "2027-03-02".into(),
        start: "08:00".into(),
        end: "16:00".into(),
        time_zone: "America/New_York".into(),
        capacity: "20".into(),
        visible: true,
    };
    let spare = app::sessions::ssr::save_session(&state, by, &spare_form)
        .await
        .map_err(fail)?;
    for e in &emails {
        let who = app::auth::ssr::Applicant { email: e.clone() };
        app::booking::ssr::submit_choices(&state, &who, program, Some(session), Some(spare))
            .await
            .map_err(fail)?;
    }
    let plan = PlanForm {
        start: "08:00".into(),
        interview_minutes: "20".into(),
        passing_minutes: "5".into(),
        rounds: "10".into(),
        interviews_per_applicant: String::new(),
    };
    app::day::ssr::save_plan(&state, by, session, &plan)
        .await
        .map_err(fail)?;
    for i in 0..8 {
        let email = format!("faculty{i}@draft.test");
        app::programs::staff::ssr::add_staff(
            &state,
            by,
            "Faculty",
            &email,
            app::auth::domain::Role::Interviewer,
        )
        .await
        .map_err(fail)?;
        let user = state
            .repo
            .staff(program)
            .await?
            .into_iter()
            .find(|s| s.email == email)
            .expect("just added")
            .user_id;
        let room = RoomForm {
            id: None,
            name: format!("Room {i}"),
            location: format!("https://video.example.test/room-{i}"),
            interviewers: vec![user],
        };
        app::day::ssr::save_room(&state, by, session, &room)
            .await
            .map_err(fail)?;
    }
    common::generate_draft(&state, by, session).await?;

    // The other coordinator's tab: a login of the same program, its push stream read by a
    // task that reports the arrival of each draft change.
    let router = server::router(state.clone());
    let cookie = common::login_cookie(&state, by).await?;
    let (report, mut arrivals) =
        tokio::sync::mpsc::unbounded_channel::<(app::ids::DraftVersion, Instant)>();
    common::open_tabs(&router, &cookie, 1, move |_, msg, at| {
        for d in msg.drafts {
            let _ = report.send((d.version, at));
        }
    })
    .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    while arrivals.try_recv().is_ok() {}

    // The edits: move an applicant to a free cell of their room and back, one at a time.
    let mut latencies = Vec::new();
    for i in 0..edits {
        let page = app::day::ssr::day_page(&state, by, session)
            .await
            .map_err(fail)?;
        let draft = Draft::new(page.cells.iter().copied());
        let room = page.rooms[i % page.rooms.len()].id;
        let cells: Vec<Cell> = (0..page.plan.rounds)
            .map(|round| Cell { round, room })
            .collect();
        let (Some(full), Some(free)) = (
            cells.iter().find(|c| draft.at(**c).is_some()),
            cells.iter().find(|c| draft.at(**c).is_none()),
        ) else {
            continue;
        };
        let edit = draft
            .moving(draft.at(*full).expect("occupied"), Some(*full), Some(*free))
            .expect("a move");
        let sent = Instant::now();
        let version = app::day::ssr::edit_cells(&state, by, session, &edit)
            .await
            .map_err(fail)?;
        loop {
            let (v, at) = tokio::time::timeout(Duration::from_secs(5), arrivals.recv())
                .await?
                .ok_or_else(|| anyhow::anyhow!("the stream ended"))?;
            if v == version {
                latencies.push(at - sent);
                break;
            }
        }
        // A person's pace: past the 200 ms coalescing window.
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    latencies.sort();
    println!(
        "{} edits, drop to the other coordinator's stream: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        common::quantile(&latencies, 0.5),
        common::quantile(&latencies, 0.99),
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    );
    let _ = std::fs::remove_file(&path);
    Ok(())
}
