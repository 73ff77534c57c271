//! The clock as screens show it: the published day's phases, where the stored timeline puts
//! them at an instant, and what the clock owes next.

use crate::clock::domain::{self, Action, Event, Now, Phase, PhaseKind};
use crate::clock::types::{ClockState, ClockView};
use crate::error::AppResult;
use crate::ids::SessionId;
use crate::itinerary::domain::PhaseTimes;
use crate::server::AppState;
use chrono::{DateTime, Utc};

/// The phases of the session's published day (`None`: not finalized).
pub(super) async fn phases_of(
    state: &AppState,
    session: SessionId,
) -> AppResult<Option<Vec<Phase>>> {
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
pub(super) fn position(now: &Now, phases: &[Phase]) -> i64 {
    let n = match now {
        Now::Waiting => 0,
        Now::Running { index, .. } | Now::Paused { index, .. } => index + 1,
        Now::Finished(_) => phases.len() + 1,
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// What the clock owes next: a phase's end, or (waiting, starting by itself) the day's start.
pub(super) fn next_due(now: &Now, phases: &[Phase], auto_start: bool) -> Option<DateTime<Utc>> {
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
pub(super) fn phase_times(phases: &[Phase], events: &[Event], t: DateTime<Utc>) -> Vec<PhaseTimes> {
    phase_instants(phases, events, t, off_day_shift(phases, events))
}

/// Each round's and break's times as things stand at `t` (passing times left out), moved back
/// by `off`.
pub(super) fn phase_instants(
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
