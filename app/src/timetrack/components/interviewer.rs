//! An interviewer's TimeTrack: for each running day, the room now (the applicant, the time
//! left with its knock, the status buttons, the video link, the score form's place), the room
//! next, the rest of the day, and the coordinators' messages.

use super::{reload_key, Broadcasts, DayCountdown, NoShowButton, StatusBadge, StatusButton};
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::timetrack::api::{MarkNoShow, MyTimetrack, SetRoomStatus};
use crate::timetrack::domain::RoomStatus;
use crate::timetrack::types::{InterviewerDay, Overview, RoomRound};
use crate::ui::{action_error, call, FormAction, FormError, Loaded, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InterviewerPage() -> impl IntoView {
    let live = use_live();
    let status = FormAction::<SetRoomStatus>::new();
    let no_show = FormAction::<MarkNoShow>::new();
    let key = reload_key(live);
    let days = crate::ui::load(
        move || (key(), status.version().get() + no_show.version().get()),
        |_| call(MyTimetrack {}),
    );
    view! {
        <Title text="TimeTrack · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="TimeTrack"
                lead="Your room on the interview day: who is in it now and next, the time left, and its status."
            />
            <FormError error=action_error(status)/>
            <FormError error=action_error(no_show)/>
            <Loaded resource=days let:list>
                {if list.is_empty() {
                    view! {
                        <section class="card">
                            <p class="muted" data-testid="no-days">"No interview day of yours is coming up."</p>
                        </section>
                    }
                    .into_any()
                } else {
                    list.into_iter()
                        .map(|d| view! { <Day d status no_show/> })
                        .collect_view()
                        .into_any()
                }}
            </Loaded>
        </StaffShell>
    }
}

/// The button that moves a room to its next status, in the interviewer's words.
fn step_text(to: RoomStatus) -> &'static str {
    match to {
        RoomStatus::Ready => "I'm ready",
        RoomStatus::InProgress => "Start the interview",
        RoomStatus::Completed => "Complete",
        RoomStatus::Waiting => "Not ready",
    }
}

#[component]
fn Day(
    d: InterviewerDay,
    status: FormAction<SetRoomStatus>,
    no_show: FormAction<MarkNoShow>,
) -> impl IntoView {
    let InterviewerDay {
        program_name,
        rooms:
            Overview {
                session,
                name,
                clock,
                rounds,
                cells,
                broadcasts,
            },
    } = d;
    let of = |r: Option<u16>| -> Vec<RoomRound> {
        cells
            .iter()
            .filter(|c| Some(c.round) == r)
            .cloned()
            .collect()
    };
    let (now, next) = (of(rounds.current), of(rounds.next));
    let now_view = if now.is_empty() {
        view! { <p class="muted">"No interview right now."</p> }.into_any()
    } else {
        now.into_iter()
            .map(|c| view! { <NowRoom c session status no_show/> })
            .collect_view()
            .into_any()
    };
    let next_view = if next.is_empty() {
        view! { <p class="muted">"Nothing after this."</p> }.into_any()
    } else {
        next.into_iter()
            .map(|c| {
                let who = if c.applicant_name.is_empty() {
                    "No interview".to_string()
                } else {
                    c.applicant_name.clone()
                };
                view! { <p><strong>{who}</strong>{format!(" · {} · {}", c.room_name, c.when)}</p> }
            })
            .collect_view()
            .into_any()
    };
    let heading = format!("{program_name} · {name}");
    let label = heading.clone();
    view! {
        <section class="card timetrack-day" aria-label=label>
            <h2>{heading}</h2>
            <DayCountdown clock knock=true/>
            <div class="timetrack-now" data-testid="now">
                <h3>"Now"</h3>
                {now_view}
            </div>
            <div class="timetrack-upcoming" data-testid="next">
                <h3>"Next"</h3>
                {next_view}
            </div>
            <h3>"Your day"</h3>
            <ol class="day-list">
                {cells
                    .into_iter()
                    .map(|c| {
                        let who = if c.applicant_name.is_empty() {
                            "No interview".to_string()
                        } else {
                            c.applicant_name.clone()
                        };
                        view! {
                            <li>
                                <span class="nowrap">{c.when.clone()}</span>
                                {format!(" · {} · {} ", c.room_name, who)}
                                <StatusBadge status=c.status/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <Broadcasts session loaded=broadcasts applicant=false/>
        </section>
    }
}

#[component]
fn NowRoom(
    c: RoomRound,
    session: crate::ids::SessionId,
    status: FormAction<SetRoomStatus>,
    no_show: FormAction<MarkNoShow>,
) -> impl IntoView {
    let step = c.status.next().map(|to| {
        view! {
            <StatusButton action=status session room=c.room round=c.round to text=step_text(to) primary=true/>
        }
    });
    let mark = c
        .applicant
        .filter(|_| !c.no_show && c.status != RoomStatus::Completed)
        .map(|a| view! { <NoShowButton action=no_show session applicant=a name=c.applicant_name.clone()/> });
    let link = c.link.clone().map(|href| {
        view! { <a class="btn" href=href target="_blank" rel="noopener">"Open the video room"</a> }
    });
    let who = if c.applicant_name.is_empty() {
        "No interview this round".to_string()
    } else {
        c.applicant_name.clone()
    };
    view! {
        <article class="room-card" aria-label=format!("{} now", c.room_name)>
            <header class="room-card-head">
                <h4>{who}</h4>
                <StatusBadge status=c.status/>
            </header>
            <p class="muted">{format!("{} · {}", c.room_name, c.when)}</p>
            {(!c.place.is_empty()).then(|| view! { <p class="muted">{c.place.clone()}</p> })}
            {c.no_show.then(|| view! { <p><span class="badge badge-warn">"No-show"</span></p> })}
            <div class="actions">{step} {link} {mark}</div>
            {c.applicant.map(|a| view! {
                <p class="score-slot" data-testid="score-slot">
                    <a class="btn" href=format!("/scores/{session}/{a}")>{format!("Score {}", c.applicant_name)}</a>
                    {c.application.then(|| view! {
                        " "
                        <a class="btn" href=crate::applicants::files::types::file_url(a) download>
                            "Application (PDF)"
                        </a>
                    })}
                </p>
            })}
        </article>
    }
}
