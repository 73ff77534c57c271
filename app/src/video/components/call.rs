//! The call in the browser: the camera and microphone, the peer connection to the portal's
//! video server (own sound and video sent on two lines; [`SLOTS`] lines of each kind to receive
//! on, slot `n` being the `n`-th of each), the room's signalling, who speaks (audio levels from
//! the connection's statistics), the bandwidth rule, screen sharing, leaving.

use super::js::{devices, get, new_peer, send_offer, socket_url, text, user_media};
use super::room_ui::{video_budget, RoomUi, Tile};
use crate::video::types::SLOTS;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    HtmlMediaElement, MediaStream, MediaStreamTrack, MessageEvent, RtcPeerConnection, RtcRtpSender,
    RtcRtpTransceiverDirection, RtcRtpTransceiverInit, RtcSdpType, RtcSessionDescriptionInit,
    WebSocket,
};

#[derive(Default)]
pub(super) struct Held {
    pub(super) camera: Option<MediaStream>,
    pub(super) screen: Option<MediaStream>,
    pub(super) peer: Option<RtcPeerConnection>,
    pub(super) socket: Option<WebSocket>,
    pub(super) audio: Option<RtcRtpSender>,
    pub(super) video: Option<RtcRtpSender>,
    /// Each receiving line's mid: (mid, kind is audio, slot).
    pub(super) lines: Vec<(String, bool, usize)>,
    pub(super) callbacks: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Held {
    /// Ends the call: the handlers taken off first (their closures are dropped here, and a
    /// closed socket still says it closed), then the connection, the socket, the tracks.
    pub(super) fn stop(&mut self) {
        if let Some(p) = self.peer.take() {
            p.set_onconnectionstatechange(None);
            p.close();
        }
        if let Some(s) = self.socket.take() {
            s.set_onmessage(None);
            s.set_onopen(None);
            s.set_onclose(None);
            let _ = s.close();
        }
        for s in [self.camera.take(), self.screen.take()]
            .into_iter()
            .flatten()
        {
            stop_tracks(&s);
        }
        self.callbacks.clear();
    }
}

pub(super) fn stop_tracks(stream: &MediaStream) {
    for t in stream.get_tracks().iter() {
        t.unchecked_into::<MediaStreamTrack>().stop();
    }
}

pub(super) fn first_track(stream: &MediaStream, audio: bool) -> Option<MediaStreamTrack> {
    let list = if audio {
        stream.get_audio_tracks()
    } else {
        stream.get_video_tracks()
    };
    list.get(0).dyn_into::<MediaStreamTrack>().ok()
}

pub(super) fn show(id: &str, stream: Option<&MediaStream>) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlMediaElement>().ok())
    {
        el.set_src_object(stream);
    }
}

/// The call, as the room's buttons act on it.
#[derive(Clone, Copy)]
pub struct Call {
    pub(super) ui: RoomUi,
    pub(super) held: StoredValue<Rc<RefCell<Held>>, LocalStorage>,
}

impl Call {
    /// Opens the camera and microphone and joins, once the room is on the page; everything is
    /// stopped when the room leaves the page.
    pub fn start(ui: RoomUi) -> Call {
        let held = StoredValue::new_local(Rc::new(RefCell::new(Held::default())));
        on_cleanup(move || {
            if let Some(h) = held.try_get_value() {
                h.borrow_mut().stop();
            }
        });
        let call = Call { ui, held };
        Effect::new(move |done: Option<()>| {
            if done.is_none() {
                leptos::task::spawn_local(call.open());
            }
        });
        call
    }

    async fn open(self) {
        let (camera, microphone) = (
            self.ui.camera.get_untracked(),
            self.ui.microphone.get_untracked(),
        );
        match user_media(&camera, &microphone).await {
            Ok(stream) => {
                show("self-view", Some(&stream));
                self.held.get_value().borrow_mut().camera = Some(stream);
            }
            Err(why) => self
                .ui
                .status
                .set(format!("{why} You can still see and hear the others.")),
        }
        if let Some((cameras, microphones)) = devices().await {
            self.ui.cameras.set(cameras);
            self.ui.microphones.set(microphones);
        }
        let joined = match new_peer().await {
            Ok(peer) => self.connect(peer),
            Err(e) => Err(joining_failed(e)),
        };
        if let Err(why) = joined {
            self.ui.status.set(why);
        }
    }

    fn connect(self, peer: RtcPeerConnection) -> Result<(), String> {
        let failed = joining_failed;
        let held = self.held.get_value();
        let camera = held.borrow().camera.clone();
        let send = RtcRtpTransceiverInit::new();
        send.set_direction(RtcRtpTransceiverDirection::Sendonly);
        if let Some(stream) = &camera {
            send.set_streams(&js_sys::Array::of1(stream));
        }
        let mut senders = [None, None];
        for (i, audio) in [true, false].into_iter().enumerate() {
            let kind = if audio { "audio" } else { "video" };
            let line = match camera.as_ref().and_then(|s| first_track(s, audio)) {
                Some(track) => peer.add_transceiver_with_media_stream_track_and_init(&track, &send),
                None => peer.add_transceiver_with_str_and_init(kind, &send),
            };
            senders[i] = Some(line.sender());
        }
        let receive = RtcRtpTransceiverInit::new();
        receive.set_direction(RtcRtpTransceiverDirection::Recvonly);
        let lines: Vec<_> = [true, false]
            .into_iter()
            .flat_map(|audio| (0..SLOTS).map(move |slot| (audio, slot)))
            .map(|(audio, slot)| {
                let kind = if audio { "audio" } else { "video" };
                (
                    peer.add_transceiver_with_str_and_init(kind, &receive),
                    audio,
                    slot,
                )
            })
            .collect();
        // Slot n shows the n-th receiving line of each kind.
        for slot in 0..SLOTS {
            let tracks = js_sys::Array::new();
            for (line, _, _) in lines.iter().filter(|(_, _, s)| *s == slot) {
                tracks.push(&line.receiver().track());
            }
            if let Ok(stream) = MediaStream::new_with_tracks(&tracks) {
                show(&format!("slot-video-{slot}"), Some(&stream));
            }
        }
        let url =
            socket_url(&format!("/video/{}/signal", self.ui.token.get_value())).map_err(failed)?;
        let socket = WebSocket::new(&url).map_err(failed)?;
        let on_message = {
            let this = self;
            Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                let e: MessageEvent = e.unchecked_into();
                if let Some(body) = e.data().as_string() {
                    this.heard(&body);
                }
            })
        };
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_open = {
            let (peer, socket) = (peer.clone(), socket.clone());
            let ui = self.ui;
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                let (peer, socket) = (peer.clone(), socket.clone());
                leptos::task::spawn_local(async move {
                    if let Err(e) = send_offer(&peer, &socket).await {
                        ui.status
                            .set(format!("The room could not be joined ({}).", text(e)));
                    }
                });
            })
        };
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        let on_close = {
            let ui = self.ui;
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                if !ui.left.get_untracked() {
                    ui.connected.set(false);
                    ui.status.set("The connection to the room was lost: go back in with the button below, or reload the page.".into());
                    ui.left.set(true);
                }
            })
        };
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        let on_state = {
            let (peer, ui) = (peer.clone(), self.ui);
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                match get(&peer, "connectionState").as_string().as_deref() {
                    Some("connected") => {
                        ui.connected.set(true);
                        ui.status.set("Connected.".into());
                    }
                    Some("failed") => {
                        ui.connected.set(false);
                        ui.status.set("The video could not get through: your network may block it. Try another network, or tell the program's coordinator.".into());
                    }
                    _ => {}
                }
            })
        };
        peer.set_onconnectionstatechange(Some(on_state.as_ref().unchecked_ref()));
        let mut h = held.borrow_mut();
        h.peer = Some(peer);
        h.socket = Some(socket);
        // The mids are given once the offer is made (see `heard`).
        h.lines = lines
            .iter()
            .map(|(_, audio, slot)| (String::new(), *audio, *slot))
            .collect();
        [h.audio, h.video] = senders;
        h.callbacks = vec![on_message, on_open, on_close, on_state];
        drop(h);
        self.watch();
        Ok(())
    }

    /// A message of the room's signalling.
    fn heard(self, body: &str) {
        let Ok(said) = js_sys::JSON::parse(body) else {
            return;
        };
        let slot = get(&said, "slot").as_f64().map(|s| s as usize);
        match get(&said, "type").as_string().as_deref() {
            Some("answer") => {
                let Some(peer) = self.held.get_value().borrow().peer.clone() else {
                    return;
                };
                let answer = RtcSessionDescriptionInit::new(RtcSdpType::Answer);
                answer.set_sdp(&get(&said, "sdp").as_string().unwrap_or_default());
                let held = self.held;
                let ui = self.ui;
                leptos::task::spawn_local(async move {
                    if let Err(e) = JsFuture::from(peer.set_remote_description(&answer)).await {
                        ui.status
                            .set(format!("The room could not be joined ({}).", text(e)));
                        return;
                    }
                    // The mids are known once the offer is set.
                    if let Some(h) = held.try_get_value() {
                        let mut h = h.borrow_mut();
                        let mids: Vec<String> = peer
                            .get_transceivers()
                            .iter()
                            .skip(2)
                            .map(|t| get(&t, "mid").as_string().unwrap_or_default())
                            .collect();
                        for (line, mid) in h.lines.iter_mut().zip(mids) {
                            line.0 = mid;
                        }
                    }
                });
            }
            Some("arrived") => {
                let name = get(&said, "name").as_string().unwrap_or_default();
                let role = get(&said, "role").as_string().unwrap_or_default();
                self.ui.announce.set(if role == "Coordinator" {
                    "Coordinator joined".into()
                } else {
                    format!("{name} joined ({})", role.to_lowercase())
                });
                self.ui.tiles.update(|tiles| {
                    if let Some(t) = slot.and_then(|s| tiles.get_mut(s)) {
                        *t = Some(Tile {
                            name,
                            role,
                            speaking: false,
                        });
                    }
                });
                self.budget();
            }
            Some("left") => {
                let mut gone = None;
                self.ui.tiles.update(|tiles| {
                    if let Some(t) = slot.and_then(|s| tiles.get_mut(s)) {
                        gone = t.take();
                    }
                });
                if let Some(t) = gone {
                    self.ui.announce.set(format!("{} left", t.name));
                }
                self.budget();
            }
            Some("refused") => {
                // Said before the socket closes: the close then says nothing over it.
                let why = get(&said, "why").as_string().unwrap_or_default();
                self.ui.left.set(true);
                self.ui.connected.set(false);
                self.ui.status.set(why);
            }
            _ => {}
        }
    }

    /// The bandwidth rule: one's video is sent smaller as the room grows.
    fn budget(self) {
        let others = self.ui.tiles.with_untracked(|t| t.iter().flatten().count());
        let (scale, bitrate) = video_budget(others);
        let Some(sender) = self.held.get_value().borrow().video.clone() else {
            return;
        };
        let params = sender.get_parameters();
        let encodings = get(&params, "encodings");
        let first = js_sys::Array::from(&encodings).get(0);
        if first.is_object() {
            let _ = js_sys::Reflect::set(&first, &"scaleResolutionDownBy".into(), &scale.into());
            let _ = js_sys::Reflect::set(&first, &"maxBitrate".into(), &f64::from(bitrate).into());
            let _ = sender.set_parameters_with_parameters(&params);
        }
    }
}

fn joining_failed(e: JsValue) -> String {
    format!("The room could not be joined ({}).", text(e))
}
