//! Each person's published day: an applicant's in a session, an interviewer's across sessions
//! and programs, with the running day's times.

use super::versions::out_now;
use crate::error::AppResult;
use crate::ids::{ApplicantId, ItineraryVersion, SessionId, UserId};
use crate::itinerary::domain::{Published, Stop};
use crate::itinerary::types::Itinerary;
use crate::server::AppState;

/// An applicant's published day in a session (`None`: not finalized, or not on it).
pub async fn applicant_itinerary(
    state: &AppState,
    program_name: &str,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<Option<Itinerary>> {
    let Some((version, day)) = out_now(state, session).await? else {
        return Ok(None);
    };
    let stops = day.applicant_day(applicant);
    if stops.is_empty() {
        return Ok(None);
    }
    itinerary(state, program_name, version, &day, stops)
        .await
        .map(Some)
}

/// The caller's published days as an interviewer, across sessions and programs.
pub async fn my_days(state: &AppState, me: UserId) -> AppResult<Vec<Itinerary>> {
    let mut out = Vec::new();
    for row in state.repo.interviewer_days(me).await? {
        let Ok(day) = Published::read(&row.body) else {
            continue;
        };
        let stops = day.interviewer_day(me);
        if !stops.is_empty() {
            out.push(itinerary(state, &row.program_name, row.version, &day, stops).await?);
        }
    }
    Ok(out)
}

async fn itinerary(
    state: &AppState,
    program: &str,
    version: ItineraryVersion,
    day: &Published,
    stops: Vec<Stop>,
) -> AppResult<Itinerary> {
    let ours = crate::meeting_rooms::domain::video_room_link(&state.config.public_url, "");
    let video_check = stops
        .iter()
        .any(|s| s.link.as_deref().is_some_and(|l| l.starts_with(&ours)));
    Ok(Itinerary {
        video_check,
        program: program.to_string(),
        session_id: day.session,
        session: day.name.clone(),
        date: day.date,
        time_zone: day.time_zone.clone(),
        version,
        stops,
        times: crate::clock::ssr::times_now(state, day.session, &day.stretches).await?,
    })
}
