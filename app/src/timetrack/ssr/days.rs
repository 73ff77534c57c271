//! An interviewer's and an applicant's days on TimeTrack: where to be now and next.

use super::published::span;
use super::rooms::{cells, facts};
use crate::auth::ssr::Applicant;
use crate::clock::ssr::{running, Running};
use crate::error::AppResult;
use crate::ids::UserId;
use crate::itinerary::domain::{as_it_runs, Published};
use crate::server::AppState;
use crate::timetrack::domain::RoomStatus;
use crate::timetrack::types::{ApplicantDay, ApplicantStop, Broadcast, InterviewerDay, Overview};

/// A day worth showing on TimeTrack: not over, and not long past.
fn current(run: &Running, day: &Published) -> bool {
    use crate::clock::types::ClockState;
    match run.view.state {
        ClockState::Running | ClockState::Paused => true,
        ClockState::Finished | ClockState::NotFinalized => false,
        ClockState::Waiting => day.date >= (run.now - chrono::Duration::days(1)).date_naive(),
    }
}

fn reaching(all: Vec<Broadcast>, applicant: bool) -> Vec<Broadcast> {
    all.into_iter()
        .filter(|b| b.audience.reaches(applicant))
        .collect()
}

/// An interviewer's days on TimeTrack (opening it on the day counts them present).
pub async fn interviewer_days(
    state: &AppState,
    me: UserId,
    email: &str,
) -> AppResult<Vec<InterviewerDay>> {
    let mut out = Vec::new();
    for row in state.repo.interviewer_days(me).await? {
        let Ok(day) = Published::read(&row.body) else {
            continue;
        };
        let run = running(state, day.session, &day.stretches).await?;
        if !current(&run, &day) {
            continue;
        }
        if run.rounds.running {
            state.repo.note_presence(day.session, email).await?;
        }
        let facts = facts(state, day.session).await?;
        out.push(InterviewerDay {
            program_name: row.program_name,
            rooms: Overview {
                session: day.session,
                name: day.name.clone(),
                cells: cells(&day, &run, &facts, Some(me)),
                clock: run.view,
                rounds: run.rounds,
                broadcasts: reaching(state.repo.broadcasts(day.session).await?, false),
            },
        });
    }
    Ok(out)
}

/// An applicant's days on TimeTrack (opening it on the day counts them present).
pub async fn applicant_days(state: &AppState, me: &Applicant) -> AppResult<Vec<ApplicantDay>> {
    let mut out = Vec::new();
    for record in state.repo.applicant_records(&me.email).await? {
        let Some(session) = record.session_id.filter(|_| record.status.holds_seat()) else {
            continue;
        };
        let Some((_, day)) = crate::itinerary::ssr::out_now(state, session).await? else {
            continue;
        };
        let stops = day.applicant_day(record.id);
        if stops.is_empty() {
            continue;
        }
        let run = running(state, session, &day.stretches).await?;
        if !current(&run, &day) {
            continue;
        }
        if run.rounds.running {
            state.repo.note_presence(session, &me.email).await?;
        }
        let statuses = state.repo.room_statuses(None, session).await?;
        let mut shown = Vec::new();
        let mut next_given = false;
        for stop in stops {
            let round = day
                .stretches
                .iter()
                .find(|st| st.starts_at == stop.starts_at && !stop.meeting && !stop.is_break)
                .and_then(|st| st.round);
            let stop = as_it_runs(&stop, &run.times).unwrap_or(stop);
            let room = round.and_then(|r| {
                day.slots
                    .iter()
                    .find(|s| s.round == r && s.applicant == record.id)
                    .map(|s| (s.room, r))
            });
            let status = room.map(|key| statuses.get(&key).copied().unwrap_or(RoomStatus::Waiting));
            let link = match status {
                Some(s) if !s.shows_link() => None,
                _ => stop.link.clone(),
            };
            let now = run.rounds.running && stop.starts_at <= run.now && run.now < stop.ends_at;
            let next = !next_given && stop.starts_at > run.now;
            next_given |= next;
            shown.push(ApplicantStop {
                when: span(&day, stop.starts_at, stop.ends_at),
                label: stop.label,
                room: stop.room,
                place: stop.place,
                with: stop.with,
                is_break: stop.is_break,
                meeting: stop.meeting,
                status,
                link,
                now,
                next,
            });
        }
        let program_name = state
            .repo
            .program(record.program_id)
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        out.push(ApplicantDay {
            session,
            program_name,
            name: day.name.clone(),
            clock: run.view,
            stops: shown,
            broadcasts: reaching(state.repo.broadcasts(session).await?, true),
        });
    }
    Ok(out)
}
