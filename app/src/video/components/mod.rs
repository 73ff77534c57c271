//! "Check your setup" (`/video/check`), for applicants and interviewers before their day: the
//! camera and microphone with a choice of device, the speakers (a test sound), and the
//! connection to the portal's video server, tried for real: the browser sends its camera and
//! microphone to the server, which sends them straight back, and the page says what came back
//! (frames of video, packets of sound, the round trip). A component: what the person is doing
//! lives in the browser.

use crate::shell::ApplicantShell;
use crate::ui::PageHeader;
use leptos::prelude::*;
use leptos_meta::Title;

/// A handler of the video pages: `$run` in the browser, where their state lives; on the server,
/// which writes the page but never runs a handler, a no-op taking the same event (`$ev`).
macro_rules! in_browser {
    ($ev:ty, $run:expr) => {{
        #[cfg(feature = "hydrate")]
        {
            $run
        }
        #[cfg(not(feature = "hydrate"))]
        {
            move |_: $ev| {}
        }
    }};
}

/// Where one check stands, in words (set by the browser's code only).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Step {
    NotYet,
    Working(String),
    Done(String),
    Failed(String),
}

impl Step {
    fn words(&self) -> String {
        match self {
            Step::NotYet => String::new(),
            Step::Working(w) | Step::Done(w) | Step::Failed(w) => w.clone(),
        }
    }

    fn state(&self) -> &'static str {
        match self {
            Step::NotYet => "not-yet",
            Step::Working(_) => "working",
            Step::Done(_) => "done",
            Step::Failed(_) => "failed",
        }
    }

    /// The mark beside the words: never colour alone.
    fn mark(&self) -> &'static str {
        match self {
            Step::Done(_) => "✓ ",
            Step::Failed(_) => "✗ ",
            _ => "",
        }
    }
}

/// Applicants and staff: the setup check.
#[component]
pub fn CheckSetupPage() -> impl IntoView {
    view! {
        <Title text="Check your setup · Interview Portal"/>
        <ApplicantShell>
            <PageHeader
                title="Check your setup"
                lead="Before your interview day: your camera, microphone and speakers, and your connection to the portal's video. Nothing is recorded, here or in the interviews."
            />
            <CheckSetup/>
        </ApplicantShell>
    }
}

#[component]
fn CheckSetup() -> impl IntoView {
    let camera = RwSignal::new(Step::NotYet);
    let connection = RwSignal::new(Step::NotYet);
    let cameras = RwSignal::new(Vec::<(String, String)>::new());
    let microphones = RwSignal::new(Vec::<(String, String)>::new());
    let chosen_camera = RwSignal::new(String::new());
    let chosen_microphone = RwSignal::new(String::new());
    let local = NodeRef::<leptos::html::Video>::new();
    let remote = NodeRef::<leptos::html::Video>::new();
    let media_on = move || matches!(camera.get(), Step::Done(_));

    #[cfg(feature = "hydrate")]
    let media = browser::Media::new(local, remote, (camera, connection), (cameras, microphones));
    #[cfg(feature = "hydrate")]
    let open = move || {
        media.open(
            chosen_camera.get_untracked(),
            chosen_microphone.get_untracked(),
        )
    };
    let start = in_browser!(leptos::ev::MouseEvent, move |_| open());
    let test = in_browser!(leptos::ev::MouseEvent, move |_| media.test_connection());
    let sound = in_browser!(leptos::ev::MouseEvent, move |_| crate::ui::tone_now(3));
    let change = in_browser!(leptos::ev::Event, move |_| open());

    let status = move |step: RwSignal<Step>, id: &'static str| {
        view! {
            <p id=id class="check-status" role="status" data-state=move || step.get().state()>
                {move || step.get().mark()}
                {move || step.get().words()}
            </p>
        }
    };
    let options = device_options;
    view! {
        <section class="card check-card" aria-labelledby="check-camera">
            <h2 id="check-camera">"1. Camera and microphone"</h2>
            <p class="muted">"Your browser asks whether the portal may use them: allow it. Others see and hear you only in your interview rooms."</p>
            <div class="check-media">
                <video node_ref=local class="check-video" autoplay=true muted=true playsinline=true aria-label="Your camera"></video>
                <div class="stack">
                    <button class="btn btn-primary" type="button" on:click=start>
                        {move || if media_on() { "Turn them on again" } else { "Turn on the camera and microphone" }}
                    </button>
                    <div class="field" hidden=move || cameras.get().is_empty()>
                        <label for="check-camera-device">"Camera"</label>
                        <select id="check-camera-device" bind:value=chosen_camera on:change=change>
                            {options(cameras)}
                        </select>
                    </div>
                    <div class="field" hidden=move || microphones.get().is_empty()>
                        <label for="check-microphone-device">"Microphone"</label>
                        <select id="check-microphone-device" bind:value=chosen_microphone on:change=change>
                            {options(microphones)}
                        </select>
                    </div>
                    {status(camera, "check-camera-status")}
                </div>
            </div>
        </section>
        <section class="card check-card" aria-labelledby="check-speakers">
            <h2 id="check-speakers">"2. Speakers"</h2>
            <p class="muted">"You should hear three short beeps. If not, turn the sound up, or choose your headphones or speakers in your computer's or phone's sound settings."</p>
            <button class="btn" type="button" on:click=sound>"Play a test sound"</button>
        </section>
        <section class="card check-card" aria-labelledby="check-connection">
            <h2 id="check-connection">"3. Connection to the portal's video"</h2>
            <p class="muted">"Your camera and microphone go to the portal's video server and straight back, as they will in an interview. Turn them on first."</p>
            <div class="check-media">
                <video node_ref=remote class="check-video" autoplay=true muted=true playsinline=true aria-label="Your video, back from the portal's server"></video>
                <div class="stack">
                    <button class="btn btn-primary" type="button" on:click=test disabled=move || !media_on()>
                        "Test the connection"
                    </button>
                    {status(connection, "check-connection-status")}
                </div>
            </div>
        </section>
    }
}

/// A list of devices (id, name) as a select's options, kept current.
fn device_options(list: RwSignal<Vec<(String, String)>>) -> impl Fn() -> AnyView {
    move || {
        list.get()
            .into_iter()
            .map(|(id, label)| view! { <option value=id>{label}</option> })
            .collect_view()
            .into_any()
    }
}

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod call;
#[cfg(feature = "hydrate")]
mod controls;
#[cfg(feature = "hydrate")]
mod js;
mod moving;
mod room;
mod room_ui;

pub use room::VideoRoomPage;
