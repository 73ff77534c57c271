//! A video room (`/video/{token}`): the door first (in, the waiting room, or refused with why),
//! then the room itself: one's own camera, the others' video with their names, mute, camera
//! off, device choice, screen sharing for interviewers, who is speaking, leave. A component:
//! the call lives in the browser; the server holds only the door and the signalling.
//!
//! The waiting room asks the door again whenever the portal pushes a change (a room made
//! Ready, the day clock moved, a reconnect) and at the time it was given, and opens the room by
//! itself.

use super::moving::{DayDone, Moving};
use super::room_ui::RoomUi;
use crate::live::use_live;
use crate::shell::ApplicantShell;
use crate::timetrack::components::{Broadcasts, DayCountdown};
use crate::ui::{call, load, Countdown, Loaded, Notice, NoticeKind, PageHeader};
use crate::video::api::VideoRoom;
use crate::video::types::SLOTS;
use crate::video::types::{RoomDay, RoomDoor};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Anyone logged in, at a room's link.
#[component]
pub fn VideoRoomPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let door = load(token, |token| call(VideoRoom { token }));
    view! {
        <Title text="Video room · Interview Portal"/>
        <ApplicantShell>
            <Loaded resource=door let:first>
                <Stage first token=token()/>
            </Loaded>
        </ApplicantShell>
    }
}

/// The door as it stands: asked again in the browser on every push and at the time it gave,
/// and the view changed only when the answer does (the room is not left for an equal answer,
/// nor for a new time to move on: the day clock paused or extended).
#[component]
fn Stage(first: RoomDoor, token: String) -> impl IntoView {
    let door = RwSignal::new(first.staying());
    let leaving = RwSignal::new(first.leaving());
    // The day's clock and messages as last answered (pushes keep them current once shown).
    let day = StoredValue::new(first.day());
    let done = RwSignal::new(false);
    let live = use_live();
    let asked = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    {
        let token = token.clone();
        Effect::new(move |before: Option<()>| {
            // A room's status (TimeTrack), the day clock, a reconnect, the time it gave.
            live.timetrack.track();
            live.clocks.track();
            live.version.track();
            asked.track();
            if before.is_none() {
                return;
            }
            let token = token.clone();
            leptos::task::spawn_local(async move {
                if let Ok(now) = call(VideoRoom { token }).await {
                    // Only a different answer changes the page: an equal one leaves the call.
                    let (stays, leaves) = (now.staying(), now.leaving());
                    day.set_value(now.day());
                    if door.get_untracked() != stays {
                        door.set(stays);
                    }
                    if leaving.get_untracked() != leaves {
                        leaving.set(leaves);
                    }
                }
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (live, asked);
    move || {
        match door.get() {
            RoomDoor::Enter { room, .. } | RoomDoor::Over { room, .. } if done.get() => view! {
                <PageHeader title=room/>
                <DayDone/>
            }
            .into_any(),
            RoomDoor::Enter { room, part, .. } => {
                // The knock ("under 2 minutes") is the interviewers' and coordinators'.
                let knock = part != "Applicant" && part != "Attendee";
                view! {
                <PageHeader title=room lead=format!("You are in as {}. Nothing is recorded.", part.to_lowercase())/>
                <Moving leaving done/>
                {day.get_value().map(|d| view! { <DayCountdown clock=d.clock knock/> })}
                <Room token=token.clone() part/>
                {day.get_value().map(|d| view! { <DayMessages d/> })}
            }
            .into_any()
            }
            RoomDoor::Wait {
                room, until, why, ..
            } => view! {
                <PageHeader title=room lead="The waiting room"/>
                <WaitingRoom until why asked/>
                {day.get_value().map(|d| view! { <DayMessages d/> })}
            }
            .into_any(),
            // Their time here is over: on to where their day goes now (the notice moves them at once).
            RoomDoor::Over { room, why, .. } => view! {
                <PageHeader title=room/>
                <Notice kind=NoticeKind::Info>{why}</Notice>
                <Moving leaving done/>
                <p><a class="btn" href="/">"Go to your start page"</a></p>
            }
            .into_any(),
            RoomDoor::Refused { why } => view! {
                <PageHeader title="Video room"/>
                <Notice kind=NoticeKind::Error>{why}</Notice>
                <p><a class="btn btn-primary" href="/">"Go to your start page"</a></p>
            }
            .into_any(),
        }
    }
}

/// The coordinators' messages to the room's people, as TimeTrack shows them.
#[component]
fn DayMessages(d: RoomDay) -> impl IntoView {
    match d.applicant {
        Some(a) => {
            view! { <Broadcasts session=d.session loaded=d.broadcasts applicant=a/> }.into_any()
        }
        None => view! { <Broadcasts session=d.session loaded=d.broadcasts/> }.into_any(),
    }
}

/// Early: the time until the round, why one waits; the door is asked again at that time.
#[component]
fn WaitingRoom(
    until: chrono::DateTime<chrono::Utc>,
    why: String,
    asked: RwSignal<u32>,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let wait = (until.timestamp_millis() as f64 - js_sys::Date::now()).max(1000.0);
        let handle = set_timeout_with_handle(
            move || asked.update(|n| *n += 1),
            std::time::Duration::from_millis(wait.min(2_000_000_000.0) as u64),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = asked;
    view! {
        <section class="card waiting-room" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">"You are early"</h2>
            <p>{why}</p>
            <Countdown deadline=Signal::derive(move || Some(until)) paused_left=Signal::derive(|| None) label="Until your round"/>
            <p class="muted">"This page opens the room by itself as soon as you may go in: keep it open. Meanwhile, "<a href="/video/check">"check your camera and microphone"</a>"."</p>
        </section>
    }
}

/// In the room.
#[component]
fn Room(token: String, part: String) -> impl IntoView {
    // Back in: the page loaded anew (a link the router would take as the page already open).
    let again = format!("/video/{token}");
    let ui = RoomUi::new(token);
    #[cfg(feature = "hydrate")]
    let actions = super::call::Call::start(ui);
    let may_share = part == "Interviewer" || part == "Coordinator";
    let others = move || ui.tiles.get().iter().flatten().count();
    let tile = move |slot: usize| {
        let shown = move || ui.tiles.get().get(slot).cloned().flatten();
        view! {
            <figure
                class="video-tile"
                class:speaking=move || shown().is_some_and(|t| t.speaking)
                hidden=move || shown().is_none()
                data-slot=slot
            >
                <video id=format!("slot-video-{slot}") autoplay=true playsinline=true></video>
                <figcaption>
                    <span class="tile-name">{move || shown().map(|t| t.name).unwrap_or_default()}</span>
                    // A coordinator is shown by their part alone ("Coordinator"), said once.
                    <span class="tile-role">{move || shown().filter(|t| t.role != t.name).map(|t| t.role)}</span>
                    <span class="tile-speaking">{move || shown().filter(|t| t.speaking).map(|_| "Speaking")}</span>
                </figcaption>
            </figure>
        }
    };
    let options = super::device_options;
    let change = in_browser!(leptos::ev::Event, move |_| actions.change_devices());
    view! {
        <p class="visually-hidden" aria-live="polite" data-testid="room-announce">{move || ui.announce.get()}</p>
        <p id="room-stats" class="room-status" role="status" data-testid="room-status" data-connected=move || ui.connected.get().to_string()>
            {move || ui.status.get()}
            {move || match others() {
                0 => " Nobody else is here yet.".to_string(),
                1 => " 1 other person is here.".to_string(),
                n => format!(" {n} others are here."),
            }}
        </p>
        <div class="video-grid" data-others=others hidden=move || ui.left.get()>
            <figure class="video-tile video-self" class:speaking=move || ui.speaker_self.get()>
                <video id="self-view" autoplay=true muted=true playsinline=true aria-label="Your camera"></video>
                <figcaption>
                    <span class="tile-name">"You"</span>
                    <span class="tile-role">{move || if ui.muted.get() { "Muted" } else { "" }}</span>
                </figcaption>
            </figure>
            {(0..SLOTS).map(tile).collect_view()}
        </div>
        <div class="room-controls" role="toolbar" aria-label="Your camera and microphone" hidden=move || ui.left.get()>
            <button type="button" class="btn" aria-pressed=move || ui.muted.get().to_string() on:click=in_browser!(leptos::ev::MouseEvent, move |_| actions.toggle_mute())>
                {move || if ui.muted.get() { "Unmute" } else { "Mute" }}
            </button>
            <button type="button" class="btn" aria-pressed=move || ui.camera_off.get().to_string() on:click=in_browser!(leptos::ev::MouseEvent, move |_| actions.toggle_camera())>
                {move || if ui.camera_off.get() { "Turn the camera on" } else { "Turn the camera off" }}
            </button>
            {may_share.then(|| view! {
                <button type="button" class="btn" aria-pressed=move || ui.sharing.get().to_string() on:click=in_browser!(leptos::ev::MouseEvent, move |_| actions.toggle_share())>
                    {move || if ui.sharing.get() { "Stop sharing" } else { "Share your screen" }}
                </button>
            })}
            <button type="button" class="btn btn-danger" on:click=in_browser!(leptos::ev::MouseEvent, move |_| actions.leave())>"Leave"</button>
        </div>
        <details class="room-devices" hidden=move || ui.left.get()>
            <summary>"Camera and microphone"</summary>
            <div class="field">
                <label for="room-camera">"Camera"</label>
                <select id="room-camera" bind:value=ui.camera on:change=change>{options(ui.cameras)}</select>
            </div>
            <div class="field">
                <label for="room-microphone">"Microphone"</label>
                <select id="room-microphone" bind:value=ui.microphone on:change=change>{options(ui.microphones)}</select>
            </div>
        </details>
        <section class="card" hidden=move || !ui.left.get()>
            <h2>"You left the room"</h2>
            <p><a class="btn btn-primary" href=again rel="external">"Go back in"</a>" "<a class="btn" href="/">"Go to your start page"</a></p>
        </section>
    }
}
