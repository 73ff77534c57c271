//! The day a publish would put out now, from the Day page's draft: its rounds and breaks, rooms,
//! confirmed applicants' cells and meeting rooms, and why it cannot be published yet.

use crate::auth::ssr::Staff;
use crate::day::domain::grid::check;
use crate::day::domain::timeline::Stretch as PlanStretch;
use crate::day::types::{DayPage, RoomView};
use crate::error::AppResult;
use crate::ids::ApplicantId;
use crate::itinerary::domain::{Published, Room, Stretch};
use crate::meeting_rooms::repo::MeetingRoomRow;
use crate::programs::domain::InterviewSetup;
use crate::server::AppState;
use crate::sessions::ssr::local_instant;
use chrono::{DateTime, NaiveTime, Utc};

/// The day a publish would put out now: the draft's cells of confirmed applicants, with the
/// rooms' places or links by the setup option.
fn published_of(
    page: &DayPage,
    setup: InterviewSetup,
    meeting_rooms: &[MeetingRoomRow],
    public_url: &str,
) -> Published {
    let s = &page.session;
    let zone: chrono_tz::Tz = s.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let instant = |t| local_instant(s.date, t, zone);
    let stretches = page
        .timeline
        .iter()
        .map(|st| stretch_of(st, instant))
        .collect();
    let rooms = page.rooms.iter().map(room_of).collect();
    let confirmed = |a: ApplicantId| page.applicants.iter().any(|p| p.id == a);
    Published {
        meeting_rooms: crate::meeting_rooms::ssr::published(
            meeting_rooms,
            setup,
            public_url,
            instant,
        ),
        session: s.id,
        name: s.name.clone(),
        date: s.date,
        time_zone: s.time_zone.clone(),
        stretches,
        rooms,
        applicants: page.applicants.clone(),
        slots: page
            .slots()
            .into_iter()
            .filter(|x| confirmed(x.applicant))
            .collect(),
    }
}

/// A round or break of the plan, with its instants by `instant` (the session's zone).
fn stretch_of(st: &PlanStretch, instant: impl Fn(NaiveTime) -> DateTime<Utc>) -> Stretch {
    match st {
        PlanStretch::Round { round, start, end } => Stretch {
            round: Some(*round),
            label: format!("Round {}", round + 1),
            start: *start,
            end: *end,
            starts_at: instant(*start),
            ends_at: instant(*end),
        },
        PlanStretch::Break { label, start, end } => Stretch {
            round: None,
            label: label.clone(),
            start: *start,
            end: *end,
            starts_at: instant(*start),
            ends_at: instant(*end),
        },
    }
}

/// An interview room as published: its place and link by the setup option, as the Day page
/// has them (the rule of a meeting room's).
fn room_of(r: &RoomView) -> Room {
    Room {
        id: r.id,
        name: r.name.clone(),
        place: r.place.clone(),
        link: r.link.clone(),
        interviewers: r.interviewers.clone(),
    }
}

/// The day a publish would put out now, meeting rooms included.
pub(super) async fn next_day(state: &AppState, by: Staff, page: &DayPage) -> AppResult<Published> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let meeting = state
        .repo
        .meeting_rooms(by.program_id, Some(page.session.id))
        .await?;
    Ok(published_of(
        page,
        program.interview_setup,
        &meeting,
        &state.config.public_url,
    ))
}

/// Why the draft cannot be published as it is (empty: it can).
pub(super) fn problems(page: &DayPage) -> Vec<String> {
    let slots = page.slots();
    if slots.is_empty() {
        return vec!["The draft has no interviews yet: generate it first.".into()];
    }
    let mut out = Vec::new();
    let names = crate::day::components::grid::Names(page);
    for v in check(&page.shape(), &slots) {
        out.push(names.violation(&v));
    }
    let mut gone: Vec<ApplicantId> = slots
        .iter()
        .map(|s| s.applicant)
        .filter(|a| !page.applicants.iter().any(|p| p.id == *a))
        .collect();
    gone.sort_unstable();
    gone.dedup();
    for a in gone {
        out.push(format!(
            "{} is no longer confirmed for this session: take them off the draft.",
            names.applicant(a)
        ));
    }
    out
}
