//! TimeTrack's screens: the coordinator's overview ([`OverviewPage`]), an interviewer's rooms
//! ([`InterviewerPage`]), an applicant's day ([`ApplicantPage`]), and the pieces they share:
//! the day's countdown, a room status form, the broadcasts.

mod applicant;
mod interviewer;
mod overview;

pub use applicant::ApplicantPage;
pub use interviewer::InterviewerPage;
pub use overview::OverviewPage;

use super::api::{MarkNoShow, SetRoomStatus};
use super::domain::RoomStatus;
use super::types::Broadcast;
use crate::clock::types::{ClockState, ClockView};
use crate::ids::{ApplicantId, RoomId, SessionId};
use crate::itinerary::domain::PhaseTimes;
use crate::live::{use_live, Live};
use crate::ui::{Badge, Countdown, FormAction, PostForm, Tone};
use leptos::prelude::*;

/// What a day clock push changes on a TimeTrack screen: its state, the phase under way, and
/// every round's and break's times (a "+1 min" moves them without changing the phase).
type ClockKey = (SessionId, ClockState, String, Vec<PhaseTimes>);

/// What a TimeTrack screen's data is keyed on: a room's status changed, a reconnect, any change
/// of a day clock the tab hears (rounds move on, the day is paused, extended or skipped: the
/// times shown follow), or one of our own forms.
fn reload_key(live: Live) -> impl Fn() -> (u64, u64, Vec<ClockKey>) + Copy {
    move || {
        (
            live.timetrack.get(),
            live.version.get(),
            live.clocks.with(|m| {
                let mut v: Vec<ClockKey> = m
                    .values()
                    .map(|c| (c.session, c.state, c.phase.clone(), c.phases.clone()))
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
pub(crate) fn DayCountdown(clock: ClockView, #[prop(optional)] knock: bool) -> impl IntoView {
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

/// "No-show", asked once more before it is sent: a No-show stays one, so a slip of the finger
/// must not mark an applicant who is only late. The question takes the focus; "Cancel" gives
/// it back to the button.
#[component]
fn NoShowButton(
    action: FormAction<MarkNoShow>,
    session: SessionId,
    applicant: ApplicantId,
    name: String,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let ask: NodeRef<leptos::html::Button> = NodeRef::new();
    let yes: NodeRef<leptos::html::Button> = NodeRef::new();
    let focus_on = move |target: NodeRef<leptos::html::Button>| {
        request_animation_frame(move || {
            if let Some(button) = target.get_untracked() {
                let _ = button.focus();
            }
        })
    };
    let question = format!("Mark {name} as No-show? This cannot be undone.");
    view! {
        <button
            class="btn btn-danger btn-small"
            type="button"
            node_ref=ask
            aria-label=format!("Mark {name} as No-show")
            hidden=move || asking.get()
            on:click=move |_| {
                asking.set(true);
                focus_on(yes);
            }
        >
            "No-show…"
        </button>
        <div class="confirm" role="group" aria-label="Confirm No-show" hidden=move || !asking.get()>
            <p class="confirm-question">{question}</p>
            <PostForm action attr:class="inline-form">
                <input type="hidden" name="session_id" value=session.to_string()/>
                <input type="hidden" name="applicant_id" value=applicant.to_string()/>
                <button class="btn btn-danger btn-small" type="submit" node_ref=yes>
                    "Yes, mark No-show"
                </button>
            </PostForm>
            <button
                class="btn btn-small"
                type="button"
                on:click=move |_| {
                    asking.set(false);
                    focus_on(ask);
                }
            >
                "Cancel"
            </button>
        </div>
    }
}

/// The session's broadcasts: those loaded and those heard since (newest first), kept in a
/// polite live region. `applicant`: which audience the viewer is (`None`: a coordinator, who
/// sees them all).
#[component]
pub(crate) fn Broadcasts(
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
