//! A countdown to a deadline on the server's clock, the same on every screen.
//!
//! The tab keeps one estimate of the server's clock ([`crate::clock::sync`]): a few round trips
//! to `clock-now` when the first countdown appears, again every 30 s. Each tick (four a second,
//! `gloo-timers`) reads the estimate anew and shows the time left to the server's deadline, so a
//! tab that slept, or a timer that fired late, shows the right time at its next tick.
//!
//! Near the end the colour and the words change (text beside colour); at two minutes left and
//! at zero a screen-reader announcement and, once the person has clicked or typed on the page,
//! a short tone (Web Audio), which a toggle mutes. Where audio cannot start, nothing breaks.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// When the cues come: this many seconds before the end.
const WARN_AT: i64 = 120;

/// "12:05", or "1:02:05" past an hour.
pub fn clock_text(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::clock::api::ClockNow;
    use crate::clock::sync::{Estimator, Sample};
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::JsCast;

    thread_local! {
        static ESTIMATE: RefCell<Estimator> = RefCell::new(Estimator::default());
        static SYNCING: Cell<bool> = const { Cell::new(false) };
        static INTERACTED: Cell<bool> = const { Cell::new(false) };
        static AUDIO: RefCell<Option<web_sys::AudioContext>> = const { RefCell::new(None) };
    }

    /// The server's time now, by the tab's estimate (`None` before the first round trip).
    pub fn server_now() -> Option<f64> {
        ESTIMATE.with(|e| e.borrow().server_time(js_sys::Date::now()))
    }

    async fn sync_once() {
        for _ in 0..4 {
            let sent = js_sys::Date::now();
            if let Ok(server) = crate::ui::call(ClockNow {}).await {
                let received = js_sys::Date::now();
                ESTIMATE.with(|e| {
                    e.borrow_mut().add(Sample {
                        sent,
                        server: server as f64,
                        received,
                    })
                });
            }
        }
    }

    /// Starts the tab's syncing (once) and notes the person's first interaction (sound may
    /// play only after it).
    pub fn start() {
        if SYNCING.with(|s| s.replace(true)) {
            return;
        }
        leptos::task::spawn_local(async {
            loop {
                sync_once().await;
                gloo_timers::future::TimeoutFuture::new(30_000).await;
            }
        });
        if let Some(window) = web_sys::window() {
            let note = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
                INTERACTED.with(|i| i.set(true));
            });
            for event in ["pointerdown", "keydown"] {
                let _ =
                    window.add_event_listener_with_callback(event, note.as_ref().unchecked_ref());
            }
            note.forget();
        }
    }

    /// Tones now: a click asked for them (so audio may start), as the setup check's speaker
    /// test does.
    pub fn tone_now(times: u32) {
        INTERACTED.with(|i| i.set(true));
        beep(times);
    }

    /// A short tone (`times` of them), if the person has interacted with the page and audio
    /// can start; otherwise nothing.
    pub fn beep(times: u32) {
        if !INTERACTED.with(Cell::get) {
            return;
        }
        AUDIO.with(|audio| {
            let mut audio = audio.borrow_mut();
            if audio.is_none() {
                *audio = web_sys::AudioContext::new().ok();
            }
            let Some(ctx) = audio.as_ref() else { return };
            let _ = tones(ctx, times);
        });
    }

    fn tones(ctx: &web_sys::AudioContext, times: u32) -> Result<(), wasm_bindgen::JsValue> {
        let start = ctx.current_time();
        for i in 0..times {
            let osc = ctx.create_oscillator()?;
            let gain = ctx.create_gain()?;
            osc.frequency().set_value(880.0);
            gain.gain().set_value(0.15);
            osc.connect_with_audio_node(&gain)?;
            gain.connect_with_audio_node(&ctx.destination())?;
            let at = start + f64::from(i) * 0.35;
            osc.start_with_when(at)?;
            osc.stop_with_when(at + 0.2)?;
        }
        Ok(())
    }
}

/// The server's time by the tab's estimate in milliseconds, read anew every `every_ms` (`None`
/// until the tab knows it, and on the server).
fn estimate(every_ms: u32) -> RwSignal<Option<f64>> {
    let now = RwSignal::new(None::<f64>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        browser::start();
        now.set(browser::server_now());
        let tick =
            gloo_timers::callback::Interval::new(every_ms, move || now.set(browser::server_now()));
        StoredValue::new_local(tick);
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = every_ms;
    now
}

/// Three short tones now, for a speaker test (a click asked for them).
#[cfg(feature = "hydrate")]
pub fn tone_now(times: u32) {
    browser::tone_now(times);
}

/// The server's time now by the tab's estimate, ticking every `every_ms` (on the server, and
/// in the browser before the first round trip: the local clock).
pub fn server_now(every_ms: u32) -> Signal<DateTime<Utc>> {
    let estimate = estimate(every_ms);
    Signal::derive(move || {
        // (`Utc::now()` panics in the browser: std has no clock there.)
        #[cfg(feature = "hydrate")]
        let local = || js_sys::Date::now();
        #[cfg(not(feature = "hydrate"))]
        let local = || Utc::now().timestamp_millis() as f64;
        let ms = estimate.get().unwrap_or_else(local);
        DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
    })
}

/// The time left to `deadline` (the server's clock), or `paused_left` (ms) while paused, with
/// its cues and a sound toggle. `label` names what counts down ("Round 2"). `knock`: under
/// two minutes, a banner says so in words (an interviewer's cue to wrap up).
#[component]
pub fn Countdown(
    #[prop(into)] deadline: Signal<Option<DateTime<Utc>>>,
    #[prop(into)] paused_left: Signal<Option<i64>>,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] knock: bool,
) -> impl IntoView {
    // The server's time as of the last tick (`None` until the tab knows it).
    let now = estimate(250);
    let left = Memo::new(move |_| {
        if let Some(ms) = paused_left.get() {
            return Some((ms + 999) / 1000);
        }
        let (deadline, now) = (deadline.get()?, now.get()?);
        let ms = deadline.timestamp_millis() as f64 - now;
        Some(((ms / 1000.0).ceil() as i64).max(0))
    });
    let muted = RwSignal::new(false);
    let cue = RwSignal::new(String::new());
    // Cues when the time left crosses two minutes and zero (not on a page opened past them).
    Effect::new(move |before: Option<Option<i64>>| {
        let now_left = left.get();
        if paused_left.get_untracked().is_none() {
            if let (Some(Some(was)), Some(is)) = (before, now_left) {
                let name = label.get_untracked();
                let crossed = |mark: i64| was > mark && is <= mark;
                let (text, times) = if crossed(0) {
                    (format!("Time is up: {name} is over."), 2)
                } else if crossed(WARN_AT) {
                    (format!("2 minutes left in {name}."), 1)
                } else {
                    (String::new(), 0)
                };
                if times > 0 {
                    cue.set(text);
                    #[cfg(feature = "hydrate")]
                    if !muted.get_untracked() {
                        browser::beep(times);
                    }
                }
            }
        }
        now_left
    });
    let state = move || match (paused_left.get().is_some(), left.get()) {
        (true, _) => ("countdown countdown-paused", "Paused"),
        (false, Some(0)) => ("countdown countdown-done", "Time is up"),
        (false, Some(s)) if s <= WARN_AT => ("countdown countdown-warn", "Under 2 minutes"),
        _ => ("countdown", "Time left"),
    };
    view! {
        <div class=move || state().0 data-testid="countdown">
            <span class="countdown-label">{move || label.get()}</span>
            <span class="countdown-time" role="timer">
                {move || left.get().map(clock_text).unwrap_or_else(|| "--:--".into())}
            </span>
            <span class="countdown-note">{move || state().1}</span>
            <button
                type="button"
                class="btn btn-quiet btn-small"
                aria-pressed=move || if muted.get() { "true" } else { "false" }
                on:click=move |_| muted.update(|m| *m = !*m)
            >
                {move || if muted.get() { "Sound off" } else { "Sound on" }}
            </button>
        </div>
        <p class="visually-hidden" aria-live="assertive" data-testid="countdown-cue">
            {move || cue.get()}
        </p>
        {move || {
            (knock && paused_left.get().is_none() && left.get().is_some_and(|s| s > 0 && s <= WARN_AT))
                .then(|| {
                    view! {
                        <p class="knock" data-testid="knock">
                            <strong>"Knock: "</strong>
                            {format!("under 2 minutes left in {}. Time to wrap up.", label.get())}
                        </p>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::clock_text;

    #[test]
    fn the_time_left_reads_as_minutes_and_seconds() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(125), "2:05");
        assert_eq!(clock_text(3725), "1:02:05");
        assert_eq!(clock_text(-4), "0:00");
    }
}
