//! A person's calendar feed: their interviews across programs as iCalendar events that follow
//! the published versions only. An event's UID is person + session + round, its SEQUENCE the
//! version in which it last changed (calendar apps then update it instead of adding another);
//! an event a publish removed, or a day taken down, stays in the feed as cancelled until its
//! day has passed.

use super::domain::{Published, Stop};
use crate::ids::{ApplicantId, ItineraryVersion, SessionId, UserId};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};
use std::collections::BTreeMap;

/// Whose days: the login (for the UID) and what they are in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Interviewer(UserId),
    /// Counted only while confirmed in the session (`confirmed`).
    Applicant {
        id: ApplicantId,
        confirmed: bool,
    },
}

/// One session's published versions (oldest first) and the one that is out.
pub struct SessionHistory {
    pub session: SessionId,
    pub program: String,
    pub versions: Vec<(ItineraryVersion, Published)>,
    pub out: Option<ItineraryVersion>,
    pub role: Role,
}

/// An event of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEvent {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub sequence: u32,
    pub cancelled: bool,
}

/// The events of one version for the person: their interviews (not breaks, not free rounds).
fn events_of(person: UserId, h: &SessionHistory, day: &Published) -> BTreeMap<String, FeedEvent> {
    let stops: Vec<Stop> = match h.role {
        Role::Interviewer(user) => day.interviewer_day(user),
        Role::Applicant { id, .. } => day.applicant_day(id),
    };
    stops
        .into_iter()
        .filter(|s| s.meeting || (!s.is_break && !s.with.is_empty()))
        .map(|s| {
            let uid = format!(
                "u{}-s{}-{}@interview-portal",
                person,
                h.session,
                s.label.to_lowercase().replace(' ', "")
            );
            let who = match h.role {
                _ if s.meeting => "Meeting room".to_string(),
                Role::Interviewer(_) => format!("Applicant: {}", s.with.join(", ")),
                Role::Applicant { .. } => format!("With {}", s.with.join(", ")),
            };
            let mut description = if s.meeting {
                format!("{} · {} · {who}", h.program, day.name)
            } else {
                format!("{} · {} · {} · {who}", h.program, day.name, s.room)
            };
            if let Some(link) = &s.link {
                description.push_str(&format!("\nJoin: {link}"));
            }
            let location = if s.place.is_empty() {
                s.link.clone().unwrap_or_default()
            } else {
                s.place.clone()
            };
            let event = FeedEvent {
                uid: uid.clone(),
                summary: if s.meeting {
                    format!("{} · {}", s.label, day.name)
                } else {
                    format!("Interview: {} · {}", s.label, day.name)
                },
                description,
                location,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                sequence: 0,
                cancelled: false,
            };
            (uid, event)
        })
        .collect()
}

/// The feed's events for `person` from the sessions' histories, at `now`.
pub fn feed_events(
    person: UserId,
    sessions: &[SessionHistory],
    now: DateTime<Utc>,
) -> Vec<FeedEvent> {
    let mut out = Vec::new();
    for h in sessions {
        // Each UID as last published, and the version in which it last changed or went.
        let mut last: BTreeMap<String, FeedEvent> = BTreeMap::new();
        let mut newest = 0;
        for (version, day) in &h.versions {
            let seq = u32::try_from(version.0).unwrap_or(u32::MAX);
            let now_events = events_of(person, h, day);
            for (uid, e) in &now_events {
                let changed = last.get(uid).is_none_or(|old| {
                    old.cancelled
                        || (
                            old.summary.as_str(),
                            old.description.as_str(),
                            old.location.as_str(),
                            old.starts_at,
                            old.ends_at,
                        ) != (
                            e.summary.as_str(),
                            e.description.as_str(),
                            e.location.as_str(),
                            e.starts_at,
                            e.ends_at,
                        )
                });
                if changed {
                    last.insert(
                        uid.clone(),
                        FeedEvent {
                            sequence: seq,
                            ..e.clone()
                        },
                    );
                }
            }
            for (uid, old) in last.iter_mut() {
                if !now_events.contains_key(uid) && !old.cancelled {
                    old.cancelled = true;
                    old.sequence = seq;
                }
            }
            newest = newest.max(version.0);
        }
        // Taken down (or the applicant no longer confirmed): everything still on is cancelled,
        // in a sequence after the last publish.
        let taken_down = h.out.is_none()
            || matches!(
                h.role,
                Role::Applicant {
                    confirmed: false,
                    ..
                }
            );
        if taken_down {
            let seq = u32::try_from(newest + 1).unwrap_or(u32::MAX);
            for e in last.values_mut().filter(|e| !e.cancelled) {
                e.cancelled = true;
                e.sequence = seq;
            }
        }
        // Cancelled events stay until their day has passed.
        out.extend(
            last.into_values()
                .filter(|e| !e.cancelled || e.ends_at + chrono::Duration::days(1) > now),
        );
    }
    out.sort_by(|a, b| (a.starts_at, &a.uid).cmp(&(b.starts_at, &b.uid)));
    out
}

/// The feed as iCalendar text (times in UTC).
pub fn ics(events: &[FeedEvent]) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Interview Portal");
    for e in events {
        let mut event = icalendar::Event::new();
        event
            .uid(&e.uid)
            .summary(&e.summary)
            .description(&e.description)
            .starts(e.starts_at)
            .ends(e.ends_at)
            .sequence(e.sequence)
            .status(if e.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if !e.location.is_empty() {
            event.location(&e.location);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
