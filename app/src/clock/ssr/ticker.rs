//! The ticker: the transitions that fall due, executed once whichever instance claims them.

use super::people::announce;
use super::view::{next_due, phases_of, position, view_of};
use crate::clock::domain::{self, Action, Event};
use crate::clock::repo::ClockRow;
use crate::clock::types::ClockView;
use crate::error::AppResult;
use crate::server::AppState;
use chrono::{DateTime, Utc};

/// One due clock, inside the claiming transaction: a day that starts by itself gets its start
/// (at the planned instant, not when the ticker came round); then, if the day moved on since it
/// was last announced, the new state to announce.
async fn execute(
    state: &AppState,
    tx: &mut crate::db::Tx,
    row: &ClockRow,
    now: DateTime<Utc>,
) -> AppResult<Option<ClockView>> {
    let session = row.session_id;
    let phases = phases_of(state, session).await?.filter(|p| !p.is_empty());
    let Some(phases) = phases else {
        // Taken down: nothing runs until the next publish.
        state
            .repo
            .save_clock(tx, session, row.auto_start, None, row.announced, now)
            .await?;
        return Ok(None);
    };
    let mut events = state.repo.clock_events(Some(&mut *tx), session).await?;
    if row.auto_start && events.is_empty() && now >= phases[0].planned_start {
        let start = Event {
            at: phases[0].planned_start,
            action: Action::Start,
        };
        state.repo.add_clock_event(tx, session, start, None).await?;
        events.push(start);
    }
    let current = domain::at(&phases, &events, now);
    let moved = position(&current, &phases);
    state
        .repo
        .save_clock(
            tx,
            session,
            row.auto_start,
            next_due(&current, &phases, row.auto_start),
            moved,
            now,
        )
        .await?;
    Ok((moved != row.announced)
        .then(|| view_of(session, Some(&phases), &events, row.auto_start, now)))
}

/// Executes the transitions due now: claims the due clocks (another instance's claims are
/// skipped), moves each on, commits, then announces. Returns how many were announced.
pub async fn tick(state: &AppState) -> AppResult<usize> {
    let now = state.clock.now();
    let mut tx = state.repo.begin_write().await?;
    let due = state.repo.claim_due_clocks(&mut tx, now, 50).await?;
    let mut announce_now = Vec::new();
    for row in &due {
        if let Some(view) = execute(state, &mut tx, row, now).await? {
            announce_now.push((row.program_id, view));
        }
    }
    tx.commit().await?;
    let count = announce_now.len();
    for (program, view) in announce_now {
        announce(state, program, view).await?;
    }
    Ok(count)
}

/// The ticker: executes transitions as they fall due, sleeping until the soonest one (or a
/// change wakes it; at most a few seconds, as another instance may have changed a clock).
pub async fn run_ticker(state: AppState) {
    loop {
        if let Err(e) = tick(&state).await {
            tracing::warn!(error = %e, "day clock: a tick failed");
        }
        let now = state.clock.now();
        let wait = match state.repo.next_clock_due().await {
            Ok(Some(due)) => (due - now).num_milliseconds().clamp(0, 5_000),
            Ok(None) => 5_000,
            Err(e) => {
                tracing::warn!(error = %e, "day clock: reading the next due clock");
                5_000
            }
        };
        let wait = std::time::Duration::from_millis(u64::try_from(wait).unwrap_or(0));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = state.clock_wake.notified() => {}
        }
    }
}
