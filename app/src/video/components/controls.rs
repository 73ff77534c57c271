//! The call's controls and its watch: who speaks and what arrived (from the connection's
//! statistics), mute, camera off, screen sharing, another camera or microphone, leaving.

use super::call::{first_track, show, stop_tracks, Call};
use super::js::{get, user_media};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStream, MediaStreamTrack};

/// Above this audio level (0 to 1) someone is speaking.
const SPEAKING: f64 = 0.04;

impl Call {
    /// Every half second: who speaks (the loudest line above [`SPEAKING`], and oneself), and
    /// what arrived, written on the status for the curious (and the tests).
    pub(super) fn watch(self) {
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(500).await;
                let Some(held) = self.held.try_get_value() else {
                    return;
                };
                let Some(peer) = held.borrow().peer.clone() else {
                    return;
                };
                let Ok(report) = JsFuture::from(peer.get_stats()).await else {
                    continue;
                };
                let lines = held.borrow().lines.clone();
                let (mut frames, mut packets, mut own) = (0.0, 0.0, 0.0f64);
                let mut loudest: Option<(usize, f64)> = None;
                let Ok(values) = js_sys::Reflect::get(&report, &"values".into())
                    .and_then(|f| f.unchecked_into::<js_sys::Function>().call0(&report))
                else {
                    continue;
                };
                let Ok(Some(iter)) = js_sys::try_iter(&values) else {
                    continue;
                };
                for stat in iter.flatten() {
                    let kind = get(&stat, "kind").as_string();
                    match (get(&stat, "type").as_string().as_deref(), kind.as_deref()) {
                        (Some("inbound-rtp"), Some("video")) => {
                            frames += get(&stat, "framesDecoded").as_f64().unwrap_or(0.0)
                        }
                        (Some("inbound-rtp"), Some("audio")) => {
                            packets += get(&stat, "packetsReceived").as_f64().unwrap_or(0.0);
                            let level = get(&stat, "audioLevel").as_f64().unwrap_or(0.0);
                            let mid = get(&stat, "mid").as_string().unwrap_or_default();
                            if let Some((_, _, slot)) =
                                lines.iter().find(|(m, a, _)| *a && *m == mid)
                            {
                                if level > SPEAKING && loudest.is_none_or(|(_, l)| level > l) {
                                    loudest = Some((*slot, level));
                                }
                            }
                        }
                        (Some("media-source"), Some("audio")) => {
                            own = own.max(get(&stat, "audioLevel").as_f64().unwrap_or(0.0))
                        }
                        _ => {}
                    }
                }
                let speaking = loudest.map(|(slot, _)| slot);
                self.ui.tiles.update(|tiles| {
                    for (slot, t) in tiles.iter_mut().enumerate() {
                        if let Some(t) = t {
                            t.speaking = Some(slot) == speaking;
                        }
                    }
                });
                self.ui
                    .speaker_self
                    .set(own > SPEAKING && !self.ui.muted.get_untracked());
                if let Some(el) = document().get_element_by_id("room-stats") {
                    let _ = el.set_attribute("data-frames", &frames.to_string());
                    let _ = el.set_attribute("data-audio-packets", &packets.to_string());
                }
            }
        });
    }

    fn track(self, audio: bool) -> Option<MediaStreamTrack> {
        let held = self.held.get_value();
        let held = held.borrow();
        first_track(held.camera.as_ref()?, audio)
    }

    pub fn toggle_mute(self) {
        let muted = !self.ui.muted.get_untracked();
        if let Some(t) = self.track(true) {
            t.set_enabled(!muted);
        }
        self.ui.muted.set(muted);
    }

    pub fn toggle_camera(self) {
        let off = !self.ui.camera_off.get_untracked();
        if let Some(t) = self.track(false) {
            t.set_enabled(!off);
        }
        self.ui.camera_off.set(off);
    }

    /// Sends the screen instead of the camera (interviewers), and back again.
    pub fn toggle_share(self) {
        if self.ui.sharing.get_untracked() {
            self.stop_sharing();
            return;
        }
        leptos::task::spawn_local(async move {
            let asked = window()
                .navigator()
                .media_devices()
                .and_then(|d| d.get_display_media());
            let stream = match asked {
                Ok(p) => JsFuture::from(p).await,
                Err(e) => Err(e),
            };
            let Ok(stream) = stream.map(|s| s.unchecked_into::<MediaStream>()) else {
                self.ui.announce.set("Your screen is not shared.".into());
                return;
            };
            let (Some(track), Some(sender)) = (
                first_track(&stream, false),
                self.held.get_value().borrow().video.clone(),
            ) else {
                return;
            };
            let _ = sender.replace_track(Some(&track));
            // Stopped from the browser's own bar: back to the camera.
            let ended = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| self.stop_sharing());
            track.set_onended(Some(ended.as_ref().unchecked_ref()));
            show("self-view", Some(&stream));
            let held = self.held.get_value();
            let mut held = held.borrow_mut();
            held.screen = Some(stream);
            held.callbacks.push(ended);
            self.ui.sharing.set(true);
        });
    }

    fn stop_sharing(self) {
        let Some(held) = self.held.try_get_value() else {
            return;
        };
        let mut held = held.borrow_mut();
        if let Some(s) = held.screen.take() {
            stop_tracks(&s);
        }
        if let Some(sender) = held.video.clone() {
            let camera = held.camera.as_ref().and_then(|s| first_track(s, false));
            let _ = sender.replace_track(camera.as_ref());
        }
        show("self-view", held.camera.as_ref());
        self.ui.sharing.set(false);
    }

    /// The chosen camera and microphone, sent instead of the ones before.
    pub fn change_devices(self) {
        leptos::task::spawn_local(async move {
            let (camera, microphone) = (
                self.ui.camera.get_untracked(),
                self.ui.microphone.get_untracked(),
            );
            let stream = match user_media(&camera, &microphone).await {
                Ok(s) => s,
                Err(why) => {
                    self.ui.status.set(why);
                    return;
                }
            };
            let held = self.held.get_value();
            let mut held = held.borrow_mut();
            for (audio, sender) in [(true, held.audio.clone()), (false, held.video.clone())] {
                let track = first_track(&stream, audio);
                if let Some(t) = &track {
                    t.set_enabled(!if audio {
                        self.ui.muted.get_untracked()
                    } else {
                        self.ui.camera_off.get_untracked()
                    });
                }
                if let Some(sender) = sender {
                    if audio || held.screen.is_none() {
                        let _ = sender.replace_track(track.as_ref());
                    }
                }
            }
            if let Some(old) = held.camera.replace(stream) {
                stop_tracks(&old);
            }
            if held.screen.is_none() {
                show("self-view", held.camera.as_ref());
            }
        });
    }

    pub fn leave(self) {
        if let Some(h) = self.held.try_get_value() {
            h.borrow_mut().stop();
        }
        self.ui.left.set(true);
        self.ui.connected.set(false);
        self.ui.status.set("You left the room.".into());
    }
}
