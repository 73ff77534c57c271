//! TimeTrack's screens: the coordinator's overview ([`OverviewPage`]), an interviewer's rooms
//! ([`InterviewerPage`]), an applicant's day ([`ApplicantPage`]), and the pieces they share:
//! the day's countdown, a room status form, the broadcasts.

mod applicant;
mod interviewer;
mod overview;

pub use applicant::ApplicantPage;
pub use interviewer::InterviewerPage;
pub use overview::OverviewPage;

use super::api::{Broadcast, MarkNoShow, SetRoomStatus};
use super::domain::RoomStatus;
use crate::clock::api::{ClockState, ClockView};
use crate::ids::{ApplicantId, RoomId, SessionId};
use crate::live::{use_live, Live};
use crate::ui::{Badge, Countdown, FormAction, PostForm, Tone};
use leptos::prelude::*;

/// What a TimeTrack screen's data is keyed on: a room's status changed, a reconnect, a
/// transition of any day clock the tab hears (rounds move on), or one of our own forms.
fn reload_key(live: Live) -> impl Fn() -> (u64, u64, Vec<(SessionId, ClockState, String)>) + Copy {
    move || {
        (
            live.timetrack.get(),
            live.version.get(),
            live.clocks.with(|m| {
                let mut v: Vec<_> = m
                    .values()
                    .map(|c| (c.session, c.state, c.phase.clone()))
                    .collect();
                v.sort_by_key(|(s, ..)| *s);
                v
            }),
        )
    }
}

fn status_tone(status: RoomStatus) -> Tone {
    match status {
        RoomStatus::Waiting => Tone::Neutral,
        RoomStatus::Ready => Tone::Info,
        RoomStatus::InProgress => Tone::Warn,
        RoomStatus::Completed => Tone::Ok,
    }
}

#[component]
fn StatusBadge(status: RoomStatus) -> impl IntoView {
    view! { <Badge tone=status_tone(status) text=status.label()/> }
}

/// The day's clock as pushed (or as loaded), with its countdown while it runs.
#[component]
fn DayCountdown(clock: ClockView, #[prop(optional)] knock: bool) -> impl IntoView {
    let live = use_live();
    let session = clock.session;
    let current = Memo::new(move |_| {
        live.clocks
            .with(|m| m.get(&session).cloned())
            .unwrap_or_else(|| clock.clone())
    });
    let state = move || current.with(|c| c.state);
    let words = move || {
        current.with(|c| match c.state {
            ClockState::Waiting => "The day has not started yet.".to_string(),
            ClockState::Finished => "The day is over. Thank you!".to_string(),
            ClockState::NotFinalized => String::new(),
            _ if c.next.is_empty() => String::new(),
            _ => format!("Next: {}", c.next),
        })
    };
    view! {
        <div class="timetrack-clock">
            <Show when=move || matches!(state(), ClockState::Running | ClockState::Paused)>
                <Countdown
                    deadline=Signal::derive(move || current.with(|c| c.deadline))
                    paused_left=Signal::derive(move || {
                        current.with(|c| (c.state == ClockState::Paused).then_some(c.left_ms))
                    })
                    label=Signal::derive(move || current.with(|c| c.phase.clone()))
                    knock
                />
            </Show>
            <p class="muted timetrack-next" data-testid="timetrack-next">{words}</p>
        </div>
    }
}

/// A one-button form that sets a room's status in a round.
#[component]
fn StatusButton(
    action: FormAction<SetRoomStatus>,
    session: SessionId,
    room: RoomId,
    round: u16,
    to: RoomStatus,
    #[prop(into)] text: String,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    view! {
        <PostForm action attr:class="inline-form">
            <input type="hidden" name="session_id" value=session.to_string()/>
            <input type="hidden" name="room_id" value=room.to_string()/>
            <input type="hidden" name="round" value=round.to_string()/>
            <input type="hidden" name="status" value=to.as_str()/>
            <button
                class=if primary { "btn btn-primary btn-small" } else { "btn btn-small" }
                type="submit"
                disabled=move || action.pending().get()
            >
                {text}
            </button>
        </PostForm>
    }
}

#[component]
fn NoShowButton(
    action: FormAction<MarkNoShow>,
    session: SessionId,
    applicant: ApplicantId,
    name: String,
) -> impl IntoView {
    view! {
        <PostForm action attr:class="inline-form">
            <input type="hidden" name="session_id" value=session.to_string()/>
            <input type="hidden" name="applicant_id" value=applicant.to_string()/>
            <button class="btn btn-quiet btn-small" type="submit" aria-label=format!("Mark {name} as No-show")>
                "No-show"
            </button>
        </PostForm>
    }
}

/// The session's broadcasts: those loaded and those heard since (newest first), kept in a
/// polite live region. `applicant`: which audience the viewer is (`None`: a coordinator, who
/// sees them all).
#[component]
fn Broadcasts(
    session: SessionId,
    loaded: Vec<Broadcast>,
    #[prop(optional)] applicant: Option<bool>,
) -> impl IntoView {
    let live = use_live();
    let list = move || {
        let mut all = loaded.clone();
        live.broadcasts.with(|heard| {
            for b in heard.iter().filter(|b| b.session == session) {
                if !all.iter().any(|a| a.id == b.id) {
                    all.push(b.clone());
                }
            }
        });
        all.retain(|b| applicant.is_none_or(|a| b.audience.reaches(a)));
        all.sort_by_key(|b| std::cmp::Reverse(b.id));
        all
    };
    view! {
        <section class="broadcasts" aria-label="Messages from the coordinators">
            <h3>"Messages"</h3>
            <ul class="broadcast-list" aria-live="polite" data-testid="broadcasts">
                {move || {
                    let all = list();
                    if all.is_empty() {
                        return view! { <li class="muted">"No messages yet."</li> }.into_any();
                    }
                    all.into_iter()
                        .map(|b| {
                            let meta = format!(
                                "{} · to {} · {}",
                                b.from,
                                b.audience.label().to_lowercase(),
                                b.at
                            );
                            view! {
                                <li class="broadcast">
                                    <p class="broadcast-body">{b.body}</p>
                                    <p class="muted broadcast-meta">{meta}</p>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
        </section>
    }
}
