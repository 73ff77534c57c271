//! Moved by the day clock: when an applicant's time in a room ends (their round, as the clock
//! runs it, or a meeting room's window), where their day takes them next: the room of their next
//! interview, a meeting room for applicants in between, or home (their day is done). Staff stay
//! where they are: the next applicant comes to them.

use super::{Moment, Place};
use crate::ids::ApplicantId;
use crate::itinerary::domain::Published;
use crate::meeting_rooms::domain::Audience;
use chrono::{DateTime, Utc};

/// When an applicant leaves the room they are in, and for where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leave {
    /// The end of their time here, as the clock runs the day.
    pub at: DateTime<Utc>,
    /// The next room's name and link; `None`: their day is done.
    pub to: Option<(String, String)>,
}

/// For `applicant`, let in at `place` now: when their time there ends and where they go then.
/// `None` when there is nothing to move by: their time there is over already, or the next room
/// has no link of the portal's own (the program runs its video elsewhere).
pub fn leave(day: &Published, place: Place, applicant: ApplicantId, at: &Moment) -> Option<Leave> {
    let ends = match place {
        Place::Interview(room) => day
            .slots
            .iter()
            .filter(|s| s.applicant == applicant && s.room == room)
            .filter_map(|s| at.round_times(s.round))
            .filter(|t| t.ends_at > at.now)
            .map(|t| t.ends_at)
            .min()?,
        Place::Meeting(m) => Some(m.ends_at).filter(|e| *e > at.now)?,
    };
    // What starts from the end of this on (the room they are in ends then).
    let to = match next_place(day, applicant, at, |start, _| start >= ends) {
        Some((name, link)) => Some((name, link?)),
        None => None,
    };
    Some(Leave { at: ends, to })
}

/// For `applicant`, whose time in a room is over (the round ended, early perhaps): where their
/// day takes them from now, at once. `None`: the next place has no link of the portal's own.
pub fn onward(day: &Published, applicant: ApplicantId, at: &Moment) -> Option<Leave> {
    // What has not ended yet: a round of theirs under way in another room comes first.
    let to = match next_place(day, applicant, at, |_, end| end > at.now) {
        Some((name, link)) => Some((name, link?)),
        None => None,
    };
    Some(Leave { at: at.now, to })
}

/// The first place of `applicant`'s day among those `open` keeps (by their start and end): their
/// next interview's room, or a meeting room for applicants that opens before it. `None`:
/// nothing is left.
fn next_place(
    day: &Published,
    applicant: ApplicantId,
    at: &Moment,
    open: impl Fn(DateTime<Utc>, DateTime<Utc>) -> bool,
) -> Option<(String, Option<String>)> {
    let interview = day
        .slots
        .iter()
        .filter(|s| s.applicant == applicant)
        .filter_map(|s| at.round_times(s.round).map(|t| (t, s.room)))
        .filter(|(t, _)| open(t.starts_at, t.ends_at))
        .map(|(t, room)| (t.starts_at, room))
        .min_by_key(|(start, _)| *start)
        .and_then(|(start, id)| {
            let room = day.rooms.iter().find(|r| r.id == id)?;
            Some((start, (room.name.clone(), room.link.clone())))
        });
    let meeting = day
        .meeting_rooms
        .iter()
        .filter(|m| m.audience != Audience::Interviewers)
        .filter(|m| open(m.starts_at, m.ends_at))
        .filter(|m| {
            interview
                .as_ref()
                .is_none_or(|(start, _)| m.starts_at < *start)
        })
        .min_by_key(|m| m.starts_at)
        .map(|m| (m.name.clone(), m.link.clone()));
    meeting.or(interview.map(|(_, room)| room))
}
