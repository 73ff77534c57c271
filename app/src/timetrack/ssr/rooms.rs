//! The coordinator's overview: every room in every round, with its status and who is there.

use super::published::{own_day, span};
use crate::applicants::domain::Status;
use crate::auth::ssr::Staff;
use crate::clock::ssr::{running, Running};
use crate::day::domain::grid::Round;
use crate::error::AppResult;
use crate::ids::{ApplicantId, RoomId, SessionId, UserId};
use crate::itinerary::domain::Published;
use crate::server::AppState;
use crate::timetrack::domain::RoomStatus;
use crate::timetrack::types::{Overview, RoomRound};
use std::collections::{HashMap, HashSet};

/// What the screens need beside the day: statuses, the applicants' e-mails and statuses, the
/// interviewers' e-mails, who is present.
pub(super) struct Facts {
    statuses: HashMap<(RoomId, Round), RoomStatus>,
    applicants: HashMap<ApplicantId, (String, Status)>,
    interviewers: HashMap<UserId, String>,
    present: HashSet<String>,
    /// The session's applicants whose application PDF is on file.
    files: HashSet<ApplicantId>,
}

pub(super) async fn facts(state: &AppState, session: SessionId) -> AppResult<Facts> {
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
        files: state
            .repo
            .session_files(session)
            .await?
            .into_iter()
            .collect(),
    })
}

/// Every room in every round (`only`: the rooms this interviewer sits in).
pub(super) fn cells(
    day: &Published,
    run: &Running,
    facts: &Facts,
    only: Option<UserId>,
) -> Vec<RoomRound> {
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
                application: applicant.is_some_and(|a| facts.files.contains(&a)),
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
