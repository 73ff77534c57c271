//! Where a published day is now, for TimeTrack and the itineraries.

use super::view::{phase_instants, phase_times, view_of};
use crate::clock::domain::{self, Now, Phase, PhaseKind};
use crate::clock::types::ClockView;
use crate::error::AppResult;
use crate::ids::SessionId;
use crate::itinerary::domain::PhaseTimes;
use crate::server::AppState;
use chrono::{DateTime, Utc};

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
