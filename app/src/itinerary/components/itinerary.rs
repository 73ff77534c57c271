//! One person's published day: each stop's time in the session's zone (and in the viewer's
//! own when it differs), the room, its place or video link, who they meet, and the breaks.

use crate::itinerary::api::Itinerary;
use crate::itinerary::domain::Stop;
use crate::sessions::components::YourTime;
use crate::sessions::domain::{clock, long_date};
use leptos::prelude::*;

/// `applicant`: the stops name interviewers ("With …"); otherwise the applicant in the room.
#[component]
pub fn ItineraryView(it: Itinerary, applicant: bool) -> impl IntoView {
    let when = format!(
        "{} · times in {} · version {}",
        long_date(it.date),
        it.time_zone,
        it.version
    );
    let zone = it.time_zone.clone();
    let stops = it
        .stops
        .into_iter()
        .map(|s| view! { <StopRow s applicant zone=zone.clone()/> })
        .collect_view();
    view! {
        <div class="itinerary">
            <p class="muted itinerary-when">{when}</p>
            <ol class="stops">{stops}</ol>
        </div>
    }
}

#[component]
fn StopRow(s: Stop, applicant: bool, zone: String) -> impl IntoView {
    let time = format!("{}–{}", clock(s.start), clock(s.end));
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
            <span class="stop-time">{time}</span>
            <div class="stop-body">
                <p class="stop-title">
                    <strong>{s.label.clone()}</strong>
                    {(!s.room.is_empty()).then(|| format!(" · {}", s.room))}
                </p>
                {(!who.is_empty()).then(|| view! { <p class="stop-who">{who}</p> })}
                {place}
                {link}
                <p class="muted stop-local">
                    <YourTime starts_at=s.starts_at ends_at=s.ends_at zone/>
                </p>
            </div>
        </li>
    }
}
