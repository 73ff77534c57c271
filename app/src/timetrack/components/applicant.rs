//! An applicant's interview day, phone first: the coordinators' messages, where to be now and
//! next with the time left, the join link once the interviewer is ready (until the interview
//! is completed), and the whole day with breaks and meeting rooms.

use super::{reload_key, Broadcasts, DayCountdown};
use crate::live::use_live;
use crate::shell::ApplicantShell;
use crate::timetrack::api::MyInterviewDay;
use crate::timetrack::domain::RoomStatus;
use crate::timetrack::types::{ApplicantDay, ApplicantStop};
use crate::ui::{call, Loaded, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApplicantPage() -> impl IntoView {
    let live = use_live();
    let key = reload_key(live);
    let days = crate::ui::load(key, |_| call(MyInterviewDay {}));
    view! {
        <Title text="Your interview day · Interview Portal"/>
        <ApplicantShell>
            <PageHeader title="Your interview day" lead="Where to be, when, and the link to join when your interviewer is ready."/>
            <Loaded resource=days let:list>
                {if list.is_empty() {
                    view! {
                        <section class="card">
                            <p class="muted" data-testid="no-days">"Your interview day shows here once its schedule is final."</p>
                            <a href="/my-programs">"Back to My Programs"</a>
                        </section>
                    }
                    .into_any()
                } else {
                    list.into_iter().map(|d| view! { <Day d/> }).collect_view().into_any()
                }}
            </Loaded>
        </ApplicantShell>
    }
}

/// What an interview's status means to the applicant, on the Now card and in the day's list
/// alike (the room statuses' own names are the interviewers' words).
fn status_words(status: RoomStatus) -> &'static str {
    match status {
        RoomStatus::Waiting => "Waiting for your interviewer",
        RoomStatus::Ready => "Your interviewer is ready: join now",
        RoomStatus::InProgress => "Your interview is on",
        RoomStatus::Completed => "Done",
    }
}

#[component]
fn Day(d: ApplicantDay) -> impl IntoView {
    let ApplicantDay {
        session,
        program_name,
        name,
        clock,
        stops,
        broadcasts,
    } = d;
    let pick = |f: fn(&ApplicantStop) -> bool| stops.iter().find(|s| f(s)).cloned();
    let (now, next) = (pick(|s| s.now), pick(|s| s.next));
    let heading = format!("{program_name} · {name}");
    let label = heading.clone();
    view! {
        <section class="card timetrack-day" aria-label=label>
            <h2>{heading}</h2>
            <Broadcasts session loaded=broadcasts applicant=true/>
            <DayCountdown clock/>
            <div class="timetrack-now" data-testid="now">
                <h3>"Now"</h3>
                {match now {
                    Some(s) => view! { <StopCard s/> }.into_any(),
                    None => view! { <p class="muted">"Nothing right now."</p> }.into_any(),
                }}
            </div>
            <div class="timetrack-upcoming" data-testid="next">
                <h3>"Next"</h3>
                {match next {
                    Some(s) => view! { <StopCard s/> }.into_any(),
                    None => view! { <p class="muted">"Nothing after this."</p> }.into_any(),
                }}
            </div>
            <h3>"Your day"</h3>
            <ol class="day-list">
                {stops
                    .into_iter()
                    .map(|s| {
                        let state = s.status.map(|st| format!(" · {}", status_words(st)));
                        view! {
                            <li>
                                <span class="nowrap">{s.when}</span>
                                {format!(" · {}", s.label)}
                                {(!s.room.is_empty()).then(|| format!(" · {}", s.room))}
                                {state}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn StopCard(s: ApplicantStop) -> impl IntoView {
    let title = if s.room.is_empty() {
        s.label.clone()
    } else {
        format!("{} · {}", s.label, s.room)
    };
    let join = if s.meeting {
        "Join the meeting room"
    } else {
        "Join your interview"
    };
    let status = s.status.map(|st| {
        let class = if st == RoomStatus::Ready {
            "stop-status stop-status-ready"
        } else {
            "stop-status"
        };
        view! { <p class=class data-testid="room-status">{status_words(st)}</p> }
    });
    view! {
        <article class=if s.is_break { "stop stop-break" } else { "stop" }>
            <span class="stop-time">{s.when}</span>
            <div class="stop-body">
                <p class="stop-title"><strong>{title}</strong></p>
                {(!s.with.is_empty()).then(|| view! { <p class="stop-who">{format!("With {}", s.with.join(", "))}</p> })}
                {(!s.place.is_empty()).then(|| view! { <span class="stop-place">{s.place.clone()}</span> })}
                {status}
                {s.link.map(|href| view! { <a class="btn btn-primary stop-join" href=href target="_blank" rel="noopener">{join}</a> })}
            </div>
        </article>
    }
}
