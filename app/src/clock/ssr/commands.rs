//! A session's clock read by its staff, and a coordinator's commands on it.

use super::people::announce;
use super::view::{next_due, phases_of, position, view_of};
use crate::auth::ssr::Staff;
use crate::clock::domain::{self, Action, Event, Phase};
use crate::clock::types::{ClockCommand, ClockView};
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::server::AppState;
use crate::sessions::ssr::own_session;
use chrono::{DateTime, Utc};

/// Staff: the session's clock now.
pub async fn day_clock(state: &AppState, by: Staff, session: SessionId) -> AppResult<ClockView> {
    own_session(state, by, session).await?;
    let phases = phases_of(state, session).await?;
    let row = state.repo.clock(session).await?;
    let events = match row {
        Some(_) => state.repo.clock_events(None, session).await?,
        None => Vec::new(),
    };
    Ok(view_of(
        session,
        phases.as_deref(),
        &events,
        row.is_some_and(|r| r.auto_start),
        state.clock.now(),
    ))
}

/// Reads a coordinator's command: the action and, to extend, the minutes (1 to 180).
fn action_of(command: &str, minutes: &str) -> AppResult<Action> {
    let command = ClockCommand::parse(command.trim())
        .ok_or_else(|| AppError::invalid("action", "Choose what to do with the day's clock."))?;
    Ok(match command {
        ClockCommand::Start => Action::Start,
        ClockCommand::Pause => Action::Pause,
        ClockCommand::Resume => Action::Resume,
        ClockCommand::EndEarly => Action::EndEarly,
        ClockCommand::Skip => Action::Skip,
        ClockCommand::Extend => {
            let minutes: i64 = minutes
                .trim()
                .parse()
                .ok()
                .filter(|m| (1..=180).contains(m))
                .ok_or_else(|| {
                    AppError::invalid("minutes", "Extend by a whole number of minutes, 1 to 180.")
                })?;
            Action::Extend(minutes * 60)
        }
    })
}

/// A coordinator's change to a session's clock, in one transaction on the locked clock: `change`
/// sees the day's phases, its events and whether it starts by itself as they stand now, may add
/// an event, and says whether it starts by itself from now on; what the clock owes next is
/// saved, and everyone of the session hears the new state at once.
async fn change_clock(
    state: &AppState,
    by: Staff,
    session: SessionId,
    change: impl FnOnce(
        Option<&[Phase]>,
        &[Event],
        bool,
        DateTime<Utc>,
    ) -> AppResult<(Option<Event>, bool)>,
) -> AppResult<ClockView> {
    own_session(state, by, session).await?;
    let phases = phases_of(state, session).await?.filter(|p| !p.is_empty());
    let now = state.clock.now();
    let mut tx = state.repo.begin_write().await?;
    let row = state
        .repo
        .lock_clock(&mut tx, session, by.program_id, now)
        .await?;
    let mut events = state.repo.clock_events(Some(&mut tx), session).await?;
    let (event, auto_start) = match change(phases.as_deref(), &events, row.auto_start, now) {
        Ok(changed) => changed,
        Err(refused) => {
            // Released now, not when the pool gets round to it: a tick skips locked clocks
            // (SKIP LOCKED), so a lock left behind would delay a transition that falls due.
            tx.rollback().await?;
            return Err(refused);
        }
    };
    if let Some(event) = event {
        state
            .repo
            .add_clock_event(&mut tx, session, event, Some(by.user_id))
            .await?;
        events.push(event);
    }
    let (due, moved) = match phases.as_deref() {
        Some(p) => {
            let current = domain::at(p, &events, now);
            (next_due(&current, p, auto_start), position(&current, p))
        }
        None => (None, 0),
    };
    state
        .repo
        .save_clock(&mut tx, session, auto_start, due, moved, now)
        .await?;
    tx.commit().await?;
    let view = view_of(session, phases.as_deref(), &events, auto_start, now);
    announce(state, by.program_id, view.clone()).await?;
    state.clock_wake.notify_one();
    Ok(view)
}

/// Coordinators: an action on the session's running day, stored as an event.
pub async fn act(
    state: &AppState,
    by: Staff,
    session: SessionId,
    command: &str,
    minutes: &str,
) -> AppResult<ClockView> {
    let action = action_of(command, minutes)?;
    change_clock(state, by, session, |phases, events, auto_start, now| {
        let Some(phases) = phases else {
            return Err(AppError::Conflict(
                "Finalize the day's schedule before running it.".into(),
            ));
        };
        if let Some(reason) = domain::refusal(&domain::at(phases, events, now), action) {
            return Err(AppError::Conflict(reason.into()));
        }
        Ok((Some(Event { at: now, action }), auto_start))
    })
    .await
}

/// Coordinators: whether the day starts by itself at its planned time.
pub async fn set_auto_start(
    state: &AppState,
    by: Staff,
    session: SessionId,
    on: bool,
) -> AppResult<ClockView> {
    change_clock(state, by, session, |_, _, _, _| Ok((None, on))).await
}
