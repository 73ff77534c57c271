//! The door of a room's link: who the caller is there, and what the rules say now.

use crate::auth::ssr::Caller;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::itinerary::domain::{PhaseTimes, Published};
use crate::server::AppState;
use crate::timetrack::domain::RoomStatus;
use crate::video::domain::{door, leave, onward, Door, Leave, Moment, Part, Place, Who, NOT_YOURS};
use crate::video::repo::LinkedRoom;
use crate::video::types::{Leaving, NextRoom, RoomDay, RoomDoor};

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
/// A token that no link could carry is a 400.
pub async fn door_for(state: &AppState, caller: &Caller, token: &str) -> AppResult<Door> {
    check_token(token)?;
    Ok(door_and_room(state, caller, token).await?.0.door)
}

/// The longest room token taken (the portal makes them 16 characters long).
pub const MAX_TOKEN_LEN: usize = 64;

/// The door of the room of the link `token` for `caller`, as the room page shows it: the room's
/// name only to those it lets in or asks to wait. A token that no link could carry is a 400.
pub async fn room_door(state: &AppState, caller: &Caller, token: &str) -> AppResult<RoomDoor> {
    check_token(token)?;
    let (Answer { door, leave, day }, room) = door_and_room(state, caller, token).await?;
    let room = room.unwrap_or_default();
    Ok(match door {
        Door::Enter(part) => RoomDoor::Enter {
            room,
            part: part_word(part).into(),
            leaving: leave.map(leaving),
            day,
        },
        Door::Wait { until, why } => RoomDoor::Wait {
            room,
            until,
            why,
            day,
        },
        Door::Refused(why) => RoomDoor::Refused { why },
        Door::Over(why) => RoomDoor::Over {
            room,
            why,
            leaving: leave.map(leaving),
        },
    })
}

fn leaving(l: Leave) -> Leaving {
    Leaving {
        at: l.at,
        next: l.to.map(|(name, href)| NextRoom { name, href }),
    }
}

fn check_token(token: &str) -> AppResult<()> {
    if token.is_empty()
        || token.len() > MAX_TOKEN_LEN
        || !token.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(AppError::BadRequest(
            "That is not a video room's link: open it from your itinerary.".into(),
        ));
    }
    Ok(())
}

/// How a part is shown to the others of the room.
pub fn part_word(part: Part) -> &'static str {
    match part {
        Part::Interviewer => "Interviewer",
        Part::Applicant => "Applicant",
        Part::Coordinator => "Coordinator",
        Part::Attendee => "Attendee",
    }
}

/// What the door says: in, wait, over or not at all; for an applicant let in or whose time is
/// over, when and where the clock moves them on; for those let in or asked to wait, the day's
/// clock and messages.
struct Answer {
    door: Door,
    leave: Option<Leave>,
    day: Option<RoomDay>,
}

impl Answer {
    fn refused() -> Answer {
        Answer {
            door: Door::Refused(NOT_YOURS.into()),
            leave: None,
            day: None,
        }
    }
}

/// The door's answer, and the room's name when the link names one.
async fn door_and_room(
    state: &AppState,
    caller: &Caller,
    token: &str,
) -> AppResult<(Answer, Option<String>)> {
    let refused = || Ok((Answer::refused(), None));
    let Some(linked) = state.repo.linked_room(token).await? else {
        return refused();
    };
    let name = Some(linked.name().to_string());
    let door = door_of(state, caller, &linked).await?;
    Ok((door, name))
}

async fn door_of(state: &AppState, caller: &Caller, linked: &LinkedRoom) -> AppResult<Answer> {
    let refused = || Ok(Answer::refused());
    let program = match linked {
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
    let sessions: Vec<SessionId> = match linked {
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
        let place = match linked {
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
        // Decided before anything else is awaited (the rules' moment is not `Send`).
        let decided = {
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
            match (door(&day, place, who, &at), who) {
                (Door::Refused(why), _) => Err(why),
                (open @ Door::Enter(_), Who::Applicant(a)) => {
                    Ok((open, leave(&day, place, a, &at)))
                }
                (over @ Door::Over(_), Who::Applicant(a)) => Ok((over, onward(&day, a, &at))),
                (other, _) => Ok((other, None)),
            }
        };
        let (door, leave) = match decided {
            Ok(decided) => decided,
            // A program-wide meeting room: the first of its days that lets in or says wait.
            Err(why) => {
                answer.get_or_insert(Door::Refused(why));
                continue;
            }
        };
        let day = match door {
            Door::Enter(_) | Door::Wait { .. } => Some(room_day(state, session, &day, who).await?),
            _ => None,
        };
        return Ok(Answer { door, leave, day });
    }
    Ok(Answer {
        door: answer.unwrap_or_else(|| Door::Refused(NOT_YOURS.into())),
        leave: None,
        day: None,
    })
}

/// The day's clock and the coordinators' messages for `who` (a coordinator sees them all).
async fn room_day(
    state: &AppState,
    session: SessionId,
    day: &Published,
    who: Who,
) -> AppResult<RoomDay> {
    let audience = match who {
        Who::Applicant(_) => Some(true),
        Who::Staff {
            runs_program: false,
            ..
        } => Some(false),
        Who::Staff { .. } => None,
    };
    let clock = crate::clock::ssr::running(state, session, &day.stretches)
        .await?
        .view;
    let broadcasts = state
        .repo
        .broadcasts(session)
        .await?
        .into_iter()
        .filter(|b| audience.is_none_or(|a| b.audience.reaches(a)))
        .collect();
    Ok(RoomDay {
        session,
        clock,
        broadcasts,
        applicant: audience,
    })
}
