//! One person's published day: each stop's time in the session's zone (and in the viewer's
//! own when it differs), the room, its place or video link, who they meet, and the breaks.

use crate::itinerary::domain::PhaseTimes;
use crate::itinerary::domain::{as_it_runs, Stop};
use crate::itinerary::types::Itinerary;
use crate::live::Live;
use crate::sessions::components::YourTime;
use crate::sessions::domain::{clock, long_date};
use leptos::prelude::*;

/// `applicant`: the stops name interviewers ("With …"); otherwise the applicant in the room.
/// Once the day runs, each stop shows its times as the day clock has them (the planned ones
/// beside), following every push of the clock.
#[component]
pub fn ItineraryView(it: Itinerary, applicant: bool) -> impl IntoView {
    let session = it.session_id;
    let loaded = it.times;
    let live = use_context::<Live>();
    let times = Memo::new(move |_| {
        live.and_then(|l| l.clocks.with(|c| c.get(&session).map(|v| v.phases.clone())))
            .unwrap_or_else(|| loaded.clone())
    });
    let when = format!(
        "{} · times in {} · version {}",
        long_date(it.date),
        it.time_zone,
        it.version
    );
    let zone = it.time_zone.clone();
    let check = it.video_check.then(|| view! { <CheckSetupLink/> });
    let stops_again = it.stops.clone();
    let stops = it
        .stops
        .into_iter()
        .map(|s| view! { <StopRow s applicant zone=zone.clone() times/> })
        .collect_view();
    let moved = move || {
        times.with(|t| {
            let shift = stops_again
                .iter()
                .filter_map(|s| as_it_runs(s, t).map(|m| (m.ends_at - s.ends_at).num_minutes()))
                .find(|m| *m != 0)?;
            Some(if shift > 0 {
                format!("The day is running {shift} min behind: times follow it.")
            } else {
                format!("The day is running {} min ahead: times follow it.", -shift)
            })
        })
    };
    view! {
        <div class="itinerary">
            <p class="muted itinerary-when">{when}</p>
            <p class="itinerary-moved" role="status">{moved}</p>
            <ol class="stops">{stops}</ol>
            {check}
        </div>
    }
}

/// The way to the setup check, for a day in the portal's own video rooms (the itinerary's and
/// the invitation's).
#[component]
pub fn CheckSetupLink() -> impl IntoView {
    view! {
        <p class="check-setup">
            "Your interviews are in the portal's own video rooms. Before the day, "
            <a href="/video/check">"check your camera, microphone and connection"</a>
            "."
        </p>
    }
}

#[component]
fn StopRow(s: Stop, applicant: bool, zone: String, times: Memo<Vec<PhaseTimes>>) -> impl IntoView {
    let planned = s.clone();
    let now = Memo::new(move |_| times.with(|t| as_it_runs(&planned, t)));
    let span = |s: &Stop| format!("{}–{}", clock(s.start), clock(s.end));
    let planned_time = span(&s);
    let time = {
        let planned_time = planned_time.clone();
        move || now.with(|m| m.as_ref().map_or_else(|| planned_time.clone(), span))
    };
    let was = move || {
        now.with(|m| m.is_some()).then(
            || view! { <span class="stop-planned muted">"Planned " {planned_time.clone()}</span> },
        )
    };
    let (starts_at, ends_at) = (s.starts_at, s.ends_at);
    let local = move || {
        let (starts_at, ends_at) = now.with(|m| {
            m.as_ref()
                .map_or((starts_at, ends_at), |m| (m.starts_at, m.ends_at))
        });
        view! { <YourTime starts_at ends_at zone=zone.clone()/> }
    };
    let who = if s.is_break {
        String::new()
    } else if s.meeting {
        "Meeting room".to_string()
    } else if applicant {
        format!("With {}", s.with.join(", "))
    } else if s.with.is_empty() {
        "No interview this round".to_string()
    } else {
        format!("Applicant: {}", s.with.join(", "))
    };
    let class = if s.is_break {
        "stop stop-break"
    } else {
        "stop"
    };
    let place =
        (!s.place.is_empty()).then(|| view! { <span class="stop-place">{s.place.clone()}</span> });
    let join = if s.meeting {
        "Join the meeting room"
    } else {
        "Join the video room"
    };
    let link = s.link.clone().map(|href| {
        view! { <a class="stop-link" href=href target="_blank" rel="noopener">{join}</a> }
    });
    view! {
        <li class=class>
            <span class="stop-time">{time} {was}</span>
            <div class="stop-body">
                <p class="stop-title">
                    <strong>{s.label.clone()}</strong>
                    {(!s.room.is_empty()).then(|| format!(" · {}", s.room))}
                </p>
                {(!who.is_empty()).then(|| view! { <p class="stop-who">{who}</p> })}
                {place}
                {link}
                <p class="muted stop-local">{local}</p>
            </div>
        </li>
    }
}
