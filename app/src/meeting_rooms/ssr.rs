//! Workflows of meeting rooms: the Meeting Rooms page, adding and removing a room, and the rooms
//! a publish carries into a session's day.

use super::domain::{place_and_link, Audience, MeetingRoom};
use super::repo::{MeetingRoomRow, NewMeetingRoom};
use super::types::{MeetingRoomForm, MeetingRoomView, MeetingRooms};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{MeetingRoomId, SessionId};
use crate::programs::domain::InterviewSetup;
use crate::server::AppState;
use chrono::{DateTime, NaiveTime, Utc};

/// Coordinators: the program's meeting rooms, with its sessions to choose from.
pub async fn meeting_rooms(state: &AppState, by: Staff) -> AppResult<MeetingRooms> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let sessions = state.repo.sessions(by.program_id).await?;
    let rooms = state
        .repo
        .meeting_rooms(by.program_id, None)
        .await?
        .into_iter()
        .map(|m| {
            let (place, link) = place_and_link(
                program.interview_setup,
                &m.location,
                &m.video_token,
                &state.config.public_url,
            );
            MeetingRoomView {
                id: m.id,
                session: m
                    .session_id
                    .and_then(|id| sessions.iter().find(|s| s.id == id))
                    .map(|s| s.name.clone()),
                name: m.name,
                audience: m.audience,
                start: m.start_time,
                end: m.end_time,
                place,
                link,
            }
        })
        .collect();
    Ok(MeetingRooms {
        rooms,
        sessions: sessions.into_iter().map(|s| (s.id, s.name)).collect(),
        setup: program.interview_setup,
    })
}

/// Coordinators: adds a meeting room to one session (`session_id`) or to every session; it
/// reaches itineraries with the next publish.
pub async fn add_meeting_room(
    state: &AppState,
    by: Staff,
    form: &MeetingRoomForm,
) -> AppResult<MeetingRoomId> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let name = crate::text::single_line(
        &form.name,
        "name",
        80,
        "Give the room a name, e.g. Welcome or Lounge.",
    )?;
    let audience = Audience::parse(form.audience.trim())
        .ok_or_else(|| AppError::invalid("audience", "Choose applicants, interviewers or both."))?;
    let (start, end) = hours(form)?;
    let session = session_of(state, by, form).await?;
    let location = location_of(form, program.interview_setup)?;
    let token = crate::auth::ssr::new_token().0;
    let id = state
        .repo
        .create_meeting_room(
            by.program_id,
            &NewMeetingRoom {
                session,
                name: &name,
                audience,
                start,
                end,
                location: &location,
                video_token: &token[..16],
            },
        )
        .await?;
    Ok(id)
}

/// The room's opening hours from the form (`HH:MM`), closing after opening.
fn hours(form: &MeetingRoomForm) -> AppResult<(NaiveTime, NaiveTime)> {
    let time = |field: &str, text: &str| {
        NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .map_err(|_| AppError::invalid(field, "Enter a time as HH:MM, e.g. 07:30."))
    };
    let (start, end) = (time("start", &form.start)?, time("end", &form.end)?);
    if end <= start {
        return Err(AppError::invalid("end", "The room closes after it opens."));
    }
    Ok((start, end))
}

/// The session the form chose, of the caller's program (`None`: every session).
async fn session_of(
    state: &AppState,
    by: Staff,
    form: &MeetingRoomForm,
) -> AppResult<Option<SessionId>> {
    let Some(text) = form
        .session_id
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
    let id: SessionId = text
        .parse()
        .map_err(|_| AppError::invalid("session_id", "Choose a session."))?;
    state
        .repo
        .session(by.program_id, id)
        .await?
        .ok_or_else(|| AppError::invalid("session_id", "Choose a session of this program."))?;
    Ok(Some(id))
}

/// The room's place, or with external video its meeting link (required then).
fn location_of(form: &MeetingRoomForm, setup: InterviewSetup) -> AppResult<String> {
    let location = form.location.trim();
    let location = if location.is_empty() {
        String::new()
    } else {
        crate::text::single_line(location, "location", 500, "")?
    };
    if setup == InterviewSetup::ExternalVideo && !location.starts_with("https://") {
        return Err(AppError::invalid(
            "location",
            "Enter the meeting link, starting with https:// (a Zoom, Teams or WebEx link).",
        ));
    }
    Ok(location)
}

/// Coordinators: removes a meeting room (itineraries lose it with the next publish).
pub async fn remove_meeting_room(state: &AppState, by: Staff, id: MeetingRoomId) -> AppResult<()> {
    if !state.repo.delete_meeting_room(by.program_id, id).await? {
        return Err(AppError::NotFound(
            "That meeting room was not found.".into(),
        ));
    }
    Ok(())
}

/// The rooms as a publish carries them into a session's day: their hours as instants by
/// `instant` (the session's zone), their places or links by the setup option.
pub(crate) fn published(
    rows: &[MeetingRoomRow],
    setup: InterviewSetup,
    public_url: &str,
    instant: impl Fn(NaiveTime) -> DateTime<Utc>,
) -> Vec<MeetingRoom> {
    rows.iter()
        .map(|m| {
            let (place, link) = place_and_link(setup, &m.location, &m.video_token, public_url);
            MeetingRoom {
                name: m.name.clone(),
                audience: m.audience,
                start: m.start_time,
                end: m.end_time,
                starts_at: instant(m.start_time),
                ends_at: instant(m.end_time),
                place,
                link,
            }
        })
        .collect()
}
