//! The signalling of the portal's video over a WebSocket, authenticated by the login session:
//! the browser's offer in, the media server's answer out, the participant kept while the socket
//! is open. Today: the setup check (`/video/check/signal`), whose media comes back to it; and
//! the door of a room's link ([`door_for`]): who the caller is there and what the rules say now.

use super::domain::{door, Door, Moment, Place, Who, NOT_YOURS};
use super::repo::LinkedRoom;
use crate::auth::ssr::Caller;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::itinerary::domain::{PhaseTimes, Published};
use crate::media::{Part, MAX_OFFER_BYTES};
use crate::server::AppState;
use crate::timetrack::domain::RoomStatus;
use axum::extract::ws::{Message, WebSocket};
use std::time::Duration;

/// How long a setup check's connection may stay open.
pub const CHECK_FOR: Duration = Duration::from_secs(120);

/// How long the browser has to send its offer once the socket is open.
const OFFER_WITHIN: Duration = Duration::from_secs(20);

/// A refusal as the browser reads it: `{"type":"refused","why":…}`.
pub fn refused(why: &str) -> String {
    serde_json::json!({ "type": "refused", "why": why }).to_string()
}

/// The setup check: takes the browser's offer, answers it, and echoes its media until the
/// socket closes (or [`CHECK_FOR`] has passed). A bad offer is answered with why, and the
/// socket closed.
pub async fn check(state: AppState, mut socket: WebSocket) {
    let offer = match tokio::time::timeout(OFFER_WITHIN, socket.recv()).await {
        Ok(Some(Ok(Message::Text(text)))) if text.len() <= MAX_OFFER_BYTES => text,
        Ok(Some(Ok(Message::Text(_)))) => {
            let _ = socket
                .send(Message::Text(
                    refused("The browser's offer is too large.").into(),
                ))
                .await;
            return;
        }
        _ => return,
    };
    let joined = match join(&state, offer.as_str()).await {
        Ok((answer, joined)) => {
            if socket.send(Message::Text(answer.into())).await.is_err() {
                return;
            }
            joined
        }
        Err(e) => {
            let _ = socket
                .send(Message::Text(refused(&e.to_string()).into()))
                .await;
            return;
        }
    };
    let _ = tokio::time::timeout(CHECK_FOR, async {
        while let Some(Ok(message)) = socket.recv().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
    drop(joined);
}

async fn join(state: &AppState, offer: &str) -> Result<(String, crate::media::Joined), AppError> {
    let sfu = state.sfu.get(state.config.video).await?;
    sfu.join(offer, Part::Echo).await
}

/// A published day's rounds as planned (before its clock has started).
fn planned(day: &Published) -> Vec<PhaseTimes> {
    day.stretches
        .iter()
        .map(|s| PhaseTimes {
            round: s.round,
            planned_start: s.starts_at,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        })
        .collect()
}

/// Where `caller` stands at the door of the room the link `token` names, now: the room's
/// program's staff by their acting role, anyone else as that program's applicant (found by the
/// e-mail they log in with), over the published day and its times as the clock runs them. An
/// unknown link, or a room not on anyone's published day, is refused as any stranger is.
pub async fn door_for(state: &AppState, caller: &Caller, token: &str) -> AppResult<Door> {
    let refused = || Ok(Door::Refused(NOT_YOURS.into()));
    let Some(linked) = state.repo.linked_room(token).await? else {
        return refused();
    };
    let program = match &linked {
        LinkedRoom::Interview { program, .. } | LinkedRoom::Meeting { program, .. } => *program,
    };
    let who = match (caller.program_id, caller.role()) {
        (Some(p), Some(role)) if p == program => Who::Staff {
            user: caller.user_id,
            runs_program: role.runs_program(),
        },
        _ => match state
            .repo
            .applicant_by_email(program, &caller.email)
            .await?
        {
            Some(a) => Who::Applicant(a),
            None => return refused(),
        },
    };
    let sessions: Vec<SessionId> = match &linked {
        LinkedRoom::Interview { session, .. } => vec![*session],
        LinkedRoom::Meeting {
            session: Some(s), ..
        } => vec![*s],
        LinkedRoom::Meeting { session: None, .. } => state
            .repo
            .sessions(program)
            .await?
            .iter()
            .map(|s| s.id)
            .collect(),
    };
    let now = state.clock.now();
    let mut answer = None;
    for session in sessions {
        let Some((_, day)) = crate::itinerary::ssr::out_now(state, session).await? else {
            continue;
        };
        let place = match &linked {
            LinkedRoom::Interview { room, .. } => Place::Interview(*room),
            LinkedRoom::Meeting { name, .. } => {
                match day.meeting_rooms.iter().find(|m| &m.name == name) {
                    Some(m) => Place::Meeting(m),
                    None => continue,
                }
            }
        };
        let mut times = crate::clock::ssr::times_now(state, session, &day.stretches).await?;
        if times.is_empty() {
            times = planned(&day);
        }
        let statuses = state.repo.room_statuses(None, session).await?;
        let ready = |room, round| {
            matches!(
                statuses.get(&(room, round)),
                Some(RoomStatus::Ready | RoomStatus::InProgress)
            )
        };
        let at = Moment {
            now,
            times: &times,
            ready: &ready,
        };
        match door(&day, place, who, &at) {
            // A program-wide meeting room: the first of its days that lets in or says wait.
            Door::Refused(why) => {
                answer.get_or_insert(Door::Refused(why));
            }
            open => return Ok(open),
        }
    }
    Ok(answer.unwrap_or_else(|| Door::Refused(NOT_YOURS.into())))
}
