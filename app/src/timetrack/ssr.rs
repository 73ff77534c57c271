//! TimeTrack's workflows: the three screens' data (read from the published day, the day clock,
//! the stored room statuses), a room's status set (and the applicant marked Interviewed when
//! their last room completes), No-show, broadcasts, and who each push reaches.

use super::domain::{self, BroadcastAudience, RoomStatus};
use super::types::{ApplicantDay, ApplicantStop, Broadcast, InterviewerDay, Overview, RoomRound};
use crate::applicants::domain::Status;
use crate::auth::ssr::{Applicant, Staff};
use crate::clock::ssr::{people_reached, running, session_people, Running};
use crate::day::domain::grid::Round;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId, RoomId, SessionId, UserId};
use crate::itinerary::domain::{as_it_runs, Published};
use crate::live::{Audience, Change, Event};
use crate::server::AppState;
use crate::sessions::domain::clock;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

async fn announce(state: &AppState, program: ProgramId, session: SessionId) -> AppResult<()> {
    state.hub.publish(Event {
        audiences: session_people(state, program, session).await?,
        change: Change::TimeTrack(session),
    });
    Ok(())
}

fn not_finalized() -> AppError {
    AppError::NotFound("This day is not finalized yet: TimeTrack opens once it is.".into())
}

/// The session's published day, if the session is the staff member's program's.
async fn own_day(state: &AppState, by: Staff, session: SessionId) -> AppResult<Published> {
    crate::sessions::ssr::own_session(state, by, session).await?;
    crate::itinerary::ssr::out_now(state, session)
        .await?
        .map(|(_, day)| day)
        .ok_or_else(not_finalized)
}

/// "9:05 AM–9:25 AM EDT" in the day's zone, named (people on a video day are often elsewhere).
fn span(day: &Published, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let tz: chrono_tz::Tz = day.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let (start, end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    format!(
        "{}–{} {}",
        clock(start.time()),
        clock(end.time()),
        end.format("%Z")
    )
}

/// What the screens need beside the day: statuses, the applicants' e-mails and statuses, the
/// interviewers' e-mails, who is present.
struct Facts {
    statuses: HashMap<(RoomId, Round), RoomStatus>,
    applicants: HashMap<ApplicantId, (String, Status)>,
    interviewers: HashMap<UserId, String>,
    present: HashSet<String>,
}

async fn facts(state: &AppState, session: SessionId) -> AppResult<Facts> {
    Ok(Facts {
        statuses: state.repo.room_statuses(None, session).await?,
        applicants: state
            .repo
            .session_applicants(session)
            .await?
            .into_iter()
            .map(|(id, email, status)| (id, (email, status)))
            .collect(),
        interviewers: state
            .repo
            .day_interviewer_emails(session)
            .await?
            .into_iter()
            .collect(),
        present: state.repo.present(session).await?.into_iter().collect(),
    })
}

/// Every room in every round (`only`: the rooms this interviewer sits in).
fn cells(day: &Published, run: &Running, facts: &Facts, only: Option<UserId>) -> Vec<RoomRound> {
    let mut out = Vec::new();
    for st in &day.stretches {
        let Some(round) = st.round else { continue };
        let (starts_at, ends_at) = run
            .times
            .iter()
            .find(|t| t.round == Some(round))
            .map_or((st.starts_at, st.ends_at), |t| (t.starts_at, t.ends_at));
        for room in &day.rooms {
            if only.is_some_and(|u| !room.interviewers.iter().any(|i| i.id == u)) {
                continue;
            }
            let applicant = day
                .slots
                .iter()
                .find(|s| s.round == round && s.room == room.id)
                .map(|s| s.applicant);
            let applicant_name = applicant
                .and_then(|a| day.applicants.iter().find(|p| p.id == a))
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let known = applicant.and_then(|a| facts.applicants.get(&a));
            let mut expected = 0;
            let mut absent = Vec::new();
            for i in &room.interviewers {
                expected += 1;
                let here = facts
                    .interviewers
                    .get(&i.id)
                    .is_some_and(|e| facts.present.contains(e));
                if !here {
                    absent.push(i.name.clone());
                }
            }
            if let Some((email, _)) = known {
                expected += 1;
                if !facts.present.contains(email) {
                    absent.push(applicant_name.clone());
                }
            }
            out.push(RoomRound {
                room: room.id,
                room_name: room.name.clone(),
                round,
                when: format!("{} · {}", st.label, span(day, starts_at, ends_at)),
                starts_at,
                ends_at,
                applicant,
                applicant_name,
                no_show: known.is_some_and(|(_, s)| *s == Status::NoShow),
                interviewers: room.interviewers.iter().map(|i| i.name.clone()).collect(),
                status: facts
                    .statuses
                    .get(&(room.id, round))
                    .copied()
                    .unwrap_or(RoomStatus::Waiting),
                present: expected - absent.len() as u32,
                expected,
                absent,
                place: room.place.clone(),
                link: room.link.clone(),
            });
        }
    }
    out
}

/// Coordinators: the whole day.
pub async fn overview(state: &AppState, by: Staff, session: SessionId) -> AppResult<Overview> {
    let day = own_day(state, by, session).await?;
    let run = running(state, session, &day.stretches).await?;
    let facts = facts(state, session).await?;
    Ok(Overview {
        session,
        name: day.name.clone(),
        cells: cells(&day, &run, &facts, None),
        clock: run.view,
        rounds: run.rounds,
        broadcasts: state.repo.broadcasts(session).await?,
    })
}

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
        let Ok(day) = serde_json::from_str::<Published>(&row.body) else {
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

/// A room's status in a round, by one of its interviewers (forward only) or a coordinator.
/// Completing a round marks its applicant Interviewed once every room they were in is
/// completed.
pub async fn set_room_status(
    state: &AppState,
    by: Staff,
    session: SessionId,
    room: RoomId,
    round: Round,
    status: &str,
) -> AppResult<()> {
    let to = RoomStatus::parse(status.trim())
        .ok_or_else(|| AppError::invalid("status", "Choose the room's status."))?;
    let day = own_day(state, by, session).await?;
    let the_room = day
        .rooms
        .iter()
        .find(|r| r.id == room)
        .ok_or_else(|| AppError::NotFound("That room is not on this day.".into()))?;
    if !day.stretches.iter().any(|s| s.round == Some(round)) {
        return Err(AppError::invalid("round", "That round is not on this day."));
    }
    let coordinator = by.role.runs_program();
    if !coordinator && !the_room.interviewers.iter().any(|i| i.id == by.user_id) {
        return Err(AppError::forbidden(
            "Only the room's interviewers or a coordinator can set its status.",
        ));
    }
    let mut tx = state.repo.begin_write().await?;
    let from = state
        .repo
        .lock_room_status(&mut tx, session, room, round)
        .await?;
    if let Some(why) = domain::refusal(from, to, coordinator) {
        return Err(AppError::Conflict(why.into()));
    }
    if from == to {
        return Ok(());
    }
    state
        .repo
        .save_room_status(&mut tx, session, room, round, to, by.user_id)
        .await?;
    let applicant = day
        .slots
        .iter()
        .find(|s| s.round == round && s.room == room)
        .map(|s| s.applicant);
    let mut applicants_changed = false;
    if let (Some(applicant), RoomStatus::Completed) = (applicant, to) {
        let statuses = state.repo.room_statuses(Some(&mut tx), session).await?;
        let theirs: Vec<RoomStatus> = day
            .slots
            .iter()
            .filter(|s| s.applicant == applicant)
            .map(|s| {
                statuses
                    .get(&(s.room, s.round))
                    .copied()
                    .unwrap_or(RoomStatus::Waiting)
            })
            .collect();
        if domain::all_completed(&theirs) {
            applicants_changed = crate::applicants::ssr::on_the_day::mark_on_the_day(
                state,
                &mut tx,
                by,
                applicant,
                Status::Interviewed,
            )
            .await?;
        }
    }
    tx.commit().await?;
    after_change(state, by.program_id, session, applicants_changed).await
}

async fn after_change(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
    applicants_changed: bool,
) -> AppResult<()> {
    if applicants_changed {
        state.hub.publish(Event {
            audiences: vec![Audience::Coordinators(program)],
            change: Change::ApplicantsChanged,
        });
    }
    announce(state, program, session).await
}

/// An applicant who never came, marked No-show by an interviewer of one of their rooms or a
/// coordinator.
pub async fn mark_no_show(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<()> {
    let day = own_day(state, by, session).await?;
    let rooms: Vec<RoomId> = day
        .slots
        .iter()
        .filter(|s| s.applicant == applicant)
        .map(|s| s.room)
        .collect();
    if rooms.is_empty() {
        return Err(AppError::NotFound(
            "That applicant is not on this day.".into(),
        ));
    }
    let theirs = day
        .rooms
        .iter()
        .any(|r| rooms.contains(&r.id) && r.interviewers.iter().any(|i| i.id == by.user_id));
    if !by.role.runs_program() && !theirs {
        return Err(AppError::forbidden(
            "Only a coordinator or an interviewer who meets this applicant can mark them.",
        ));
    }
    let mut tx = state.repo.begin_write().await?;
    let changed = crate::applicants::ssr::on_the_day::mark_on_the_day(
        state,
        &mut tx,
        by,
        applicant,
        Status::NoShow,
    )
    .await?;
    tx.commit().await?;
    after_change(state, by.program_id, session, changed).await
}

/// Coordinators: a message to the session's people, stored and pushed at once.
pub async fn broadcast(
    state: &AppState,
    by: Staff,
    session: SessionId,
    audience: &str,
    body: &str,
) -> AppResult<()> {
    let audience = BroadcastAudience::parse(audience.trim())
        .ok_or_else(|| AppError::invalid("audience", "Choose who the message is for."))?;
    let body = crate::text::single_line(body, "body", domain::BROADCAST_MAX, "Write the message.")?;
    let session_row = crate::sessions::ssr::own_session(state, by, session).await?;
    let (id, at) = state
        .repo
        .add_broadcast(session, audience, &body, by.user_id)
        .await?;
    let from = state
        .repo
        .user_name(state.repo.pool(), by.user_id)
        .await?
        .unwrap_or_else(|| "A coordinator".into());
    let message = Broadcast {
        id,
        session,
        audience,
        body,
        from,
        at: super::repo::sent_at(at, session_row.time_zone.name()),
    };
    state.hub.publish(Event {
        audiences: people_reached(
            state,
            by.program_id,
            session,
            audience.reaches(false),
            audience.reaches(true),
        )
        .await?,
        change: Change::Broadcast(Box::new(message)),
    });
    Ok(())
}
