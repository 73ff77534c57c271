//! The day clock's workflows: reading a session's clock, a coordinator's action on it, and the
//! ticker that executes transitions when they fall due (once, whichever instance claims them).

use super::domain::{self, Action, Event, Now, Phase, PhaseKind};
use super::repo::ClockRow;
use super::types::{ClockCommand, ClockState, ClockView};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId};
use crate::itinerary::domain::PhaseTimes;
use crate::live::{Audience, Change, Event as LiveEvent};
use crate::server::AppState;
use crate::sessions::ssr::own_session;
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// The server's clock. In production the system's; started with the test flag
/// (`PORTAL_TEST_CLOCK=1`), a test can move it forward (`/test/clock`) and set it back.
#[derive(Debug, Clone, Default)]
pub struct ServerClock {
    movable: bool,
    shift_ms: Arc<AtomicI64>,
}

impl ServerClock {
    pub fn new(movable: bool) -> Self {
        ServerClock {
            movable,
            shift_ms: Arc::new(AtomicI64::new(0)),
        }
    }

    /// Now, to the millisecond (as stored, so what a change answers and what is read back
    /// later agree).
    pub fn now(&self) -> DateTime<Utc> {
        let ms = Utc::now().timestamp_millis() + self.shift_ms.load(Ordering::Relaxed);
        DateTime::from_timestamp_millis(ms).unwrap_or_else(Utc::now)
    }

    /// Whether tests may move it.
    pub fn movable(&self) -> bool {
        self.movable
    }

    /// Moves it forward by `ms` (test flag only; nothing without it).
    pub fn advance(&self, ms: i64) {
        if self.movable {
            self.shift_ms.fetch_add(ms, Ordering::Relaxed);
        }
    }

    /// Back to the system's time (test flag only).
    pub fn reset(&self) {
        if self.movable {
            self.shift_ms.store(0, Ordering::Relaxed);
        }
    }
}

/// The phases of the session's published day (`None`: not finalized).
async fn phases_of(state: &AppState, session: SessionId) -> AppResult<Option<Vec<Phase>>> {
    Ok(crate::itinerary::ssr::out_now(state, session)
        .await?
        .map(|(_, day)| domain::phases(&day.stretches)))
}

fn label(kind: &PhaseKind) -> String {
    match kind {
        PhaseKind::Round(r) => format!("Round {}", r + 1),
        PhaseKind::Passing => "Passing time".to_string(),
        PhaseKind::Break(label) => label.clone(),
    }
}

/// How many transitions have happened in `now` (0 waiting; phase i running: i + 1; over: all).
fn position(now: &Now, phases: &[Phase]) -> i64 {
    let n = match now {
        Now::Waiting => 0,
        Now::Running { index, .. } | Now::Paused { index, .. } => index + 1,
        Now::Finished(_) => phases.len() + 1,
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// What the clock owes next: a phase's end, or (waiting, starting by itself) the day's start.
fn next_due(now: &Now, phases: &[Phase], auto_start: bool) -> Option<DateTime<Utc>> {
    match now {
        Now::Waiting if auto_start => phases.first().map(|p| p.planned_start),
        _ => domain::next_transition(now),
    }
}

/// A day started far from its planned start (a rehearsal, a day run on another date) is
/// measured against its own start: how far the start was off its plan, when over six hours.
fn off_day_shift(phases: &[Phase], events: &[Event]) -> chrono::Duration {
    let start = events.iter().find(|e| e.action == Action::Start);
    match (start, phases.first()) {
        (Some(e), Some(first)) if (e.at - first.planned_start).num_hours().abs() >= 6 => {
            e.at - first.planned_start
        }
        _ => chrono::Duration::zero(),
    }
}

/// The clock as screens show it, at `t`.
pub fn view_of(
    session: SessionId,
    phases: Option<&[Phase]>,
    events: &[Event],
    auto_start: bool,
    t: DateTime<Utc>,
) -> ClockView {
    let Some(phases) = phases.filter(|p| !p.is_empty()) else {
        return ClockView {
            session,
            state: ClockState::NotFinalized,
            phase: String::new(),
            next: String::new(),
            deadline: None,
            left_ms: 0,
            behind_s: 0,
            auto_start,
            planned_start: None,
            phases: Vec::new(),
        };
    };
    let now = domain::at(phases, events, t);
    let (state, index, deadline, left_ms) = match now {
        Now::Waiting => (ClockState::Waiting, None, None, 0),
        Now::Running {
            index, deadline, ..
        } => (ClockState::Running, Some(index), Some(deadline), 0),
        Now::Paused { index, left, .. } => (
            ClockState::Paused,
            Some(index),
            None,
            left.num_milliseconds(),
        ),
        Now::Finished(_) => (ClockState::Finished, None, None, 0),
    };
    let next = match (now.clone(), index) {
        (Now::Waiting, _) => phases.first(),
        (_, Some(i)) => phases.get(i + 1),
        _ => None,
    };
    let times = phase_times(phases, events, t);
    ClockView {
        session,
        state,
        phase: index
            .and_then(|i| phases.get(i))
            .map(|p| label(&p.kind))
            .unwrap_or_default(),
        next: next.map(|p| label(&p.kind)).unwrap_or_default(),
        deadline,
        left_ms,
        behind_s: domain::behind(phases, &now, t) - off_day_shift(phases, events).num_seconds(),
        auto_start,
        planned_start: phases.first().map(|p| p.planned_start),
        phases: times,
    }
}

/// Each round's and break's times as things stand at `t` (passing times left out), on the
/// plan's date: a day run on another date (a rehearsal) is moved back by how far its start was
/// off, as the behind figure is, so an itinerary shows how late or early it runs, not the date.
fn phase_times(phases: &[Phase], events: &[Event], t: DateTime<Utc>) -> Vec<PhaseTimes> {
    phase_instants(phases, events, t, off_day_shift(phases, events))
}

/// Each round's and break's times as things stand at `t` (passing times left out), moved back
/// by `off`.
fn phase_instants(
    phases: &[Phase],
    events: &[Event],
    t: DateTime<Utc>,
    off: chrono::Duration,
) -> Vec<PhaseTimes> {
    phases
        .iter()
        .zip(domain::projected(phases, events, t))
        .filter_map(|(p, (starts_at, ends_at))| {
            let round = match p.kind {
                PhaseKind::Round(round) => Some(round),
                PhaseKind::Break(_) => None,
                PhaseKind::Passing => return None,
            };
            Some(PhaseTimes {
                round,
                planned_start: p.planned_start,
                starts_at: starts_at - off,
                ends_at: ends_at - off,
            })
        })
        .collect()
}

/// Where a published day is now, for the TimeTrack screens: the clock as screens show it, each
/// round's and break's actual times (as instants: not moved to the plan's date), and the
/// rounds under way and next.
pub struct Running {
    pub view: ClockView,
    pub times: Vec<PhaseTimes>,
    pub rounds: crate::clock::types::Rounds,
    pub now: DateTime<Utc>,
}

pub async fn running(
    state: &AppState,
    session: SessionId,
    stretches: &[crate::itinerary::domain::Stretch],
) -> AppResult<Running> {
    let phases = domain::phases(stretches);
    let row = state.repo.clock(session).await?;
    let events = match row {
        Some(_) => state.repo.clock_events(None, session).await?,
        None => Vec::new(),
    };
    let t = state.clock.now();
    let view = view_of(
        session,
        Some(&phases),
        &events,
        row.is_some_and(|r| r.auto_start),
        t,
    );
    let round_of = |p: &Phase| match p.kind {
        PhaseKind::Round(r) => Some(r),
        _ => None,
    };
    let rounds = match domain::at(&phases, &events, t) {
        Now::Waiting => crate::clock::types::Rounds {
            current: None,
            next: phases.iter().find_map(round_of),
            running: false,
        },
        Now::Running { index, .. } | Now::Paused { index, .. } => crate::clock::types::Rounds {
            current: phases[..=index].iter().rev().find_map(round_of),
            next: phases[index + 1..].iter().find_map(round_of),
            running: true,
        },
        Now::Finished(_) => crate::clock::types::Rounds {
            current: None,
            next: None,
            running: true,
        },
    };
    let times = phase_instants(&phases, &events, t, chrono::Duration::zero());
    Ok(Running {
        view,
        times,
        rounds,
        now: t,
    })
}

/// A published day's rounds and breaks as things stand now (as planned until the day starts):
/// what an itinerary shows when it is loaded.
pub async fn times_now(
    state: &AppState,
    session: SessionId,
    stretches: &[crate::itinerary::domain::Stretch],
) -> AppResult<Vec<PhaseTimes>> {
    let events = match state.repo.clock(session).await? {
        Some(_) => state.repo.clock_events(None, session).await?,
        None => return Ok(Vec::new()),
    };
    Ok(phase_times(
        &domain::phases(stretches),
        &events,
        state.clock.now(),
    ))
}

/// Tells everyone of the session — its program's coordinators, the day's interviewers, its
/// applicants — where the clock is.
async fn announce(state: &AppState, program: ProgramId, view: ClockView) -> AppResult<()> {
    let audiences = session_people(state, program, view.session).await?;
    state.hub.publish(LiveEvent {
        audiences,
        change: Change::Clock(Box::new(view)),
    });
    Ok(())
}

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

/// Everyone of a session a push about its day reaches: the program's coordinators, the
/// published day's interviewers and the session's applicants (each by e-mail), so that staff
/// of another session hear nothing of this one.
pub async fn session_people(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
) -> AppResult<Vec<Audience>> {
    people_reached(state, program, session, true, true).await
}

/// The program's coordinators, and the session's published day's interviewers and its
/// applicants, each when asked for (a broadcast names whom it reaches).
pub async fn people_reached(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
    interviewers: bool,
    applicants: bool,
) -> AppResult<Vec<Audience>> {
    let mut out = vec![Audience::Coordinators(program)];
    if interviewers {
        for (_, email) in state.repo.day_interviewer_emails(session).await? {
            out.push(Audience::Person(email));
        }
    }
    if applicants {
        for (_, email, _) in state.repo.session_applicants(session).await? {
            out.push(Audience::Person(email));
        }
    }
    Ok(out)
}
