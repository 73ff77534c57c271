//! The setup check in the browser: the camera's stream, the test's connection to the portal's
//! video server (its signalling socket, the peer connection) and its statistics.

use super::js::{devices, get, new_peer, send_offer, socket_url, text, user_media};
use super::Step;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    MediaStream, MediaStreamTrack, MessageEvent, RtcPeerConnection, RtcSdpType,
    RtcSessionDescriptionInit, RtcTrackEvent, WebSocket,
};

/// How long a connection test runs before it is closed.
const TEST_FOR_MS: u32 = 60_000;

/// A list of devices: (id, name).
type Devices = RwSignal<Vec<(String, String)>>;

/// What the page holds in the browser: the camera's stream, the test's connection.
#[derive(Clone, Copy)]
pub struct Media {
    local: NodeRef<leptos::html::Video>,
    remote: NodeRef<leptos::html::Video>,
    camera: RwSignal<Step>,
    connection: RwSignal<Step>,
    cameras: Devices,
    microphones: Devices,
    held: StoredValue<Rc<RefCell<Held>>, LocalStorage>,
}

#[derive(Default)]
struct Held {
    stream: Option<MediaStream>,
    peer: Option<RtcPeerConnection>,
    socket: Option<WebSocket>,
    /// The test's callbacks, kept alive while it runs.
    callbacks: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Held {
    fn stop_test(&mut self) {
        if let Some(p) = self.peer.take() {
            p.close();
        }
        if let Some(s) = self.socket.take() {
            let _ = s.close();
        }
        self.callbacks.clear();
    }

    fn stop_all(&mut self) {
        self.stop_test();
        if let Some(s) = self.stream.take() {
            for t in s.get_tracks().iter() {
                t.unchecked_into::<MediaStreamTrack>().stop();
            }
        }
    }
}

impl Media {
    pub fn new(
        local: NodeRef<leptos::html::Video>,
        remote: NodeRef<leptos::html::Video>,
        (camera, connection): (RwSignal<Step>, RwSignal<Step>),
        (cameras, microphones): (Devices, Devices),
    ) -> Media {
        let held = StoredValue::new_local(Rc::new(RefCell::new(Held::default())));
        on_cleanup(move || {
            if let Some(h) = held.try_get_value() {
                h.borrow_mut().stop_all();
            }
        });
        Media {
            local,
            remote,
            camera,
            connection,
            cameras,
            microphones,
            held,
        }
    }

    /// Asks for the camera and microphone (the chosen ones, or the browser's own choice)
    /// and shows the camera; lists the devices once their names may be read.
    pub fn open(self, camera_id: String, microphone_id: String) {
        self.camera
            .set(Step::Working("Asking your browser…".into()));
        leptos::task::spawn_local(async move {
            match self.stream(&camera_id, &microphone_id).await {
                Ok(stream) => {
                    let said = describe(&stream);
                    if let Some(v) = self.local.get_untracked() {
                        v.set_src_object(Some(&stream));
                    }
                    {
                        let held = self.held.get_value();
                        let mut held = held.borrow_mut();
                        held.stop_all();
                        held.stream = Some(stream);
                    }
                    self.connection.set(Step::NotYet);
                    self.camera.set(Step::Done(said));
                    self.list_devices().await;
                }
                Err(why) => self.camera.set(Step::Failed(why)),
            }
        });
    }

    async fn stream(&self, camera: &str, microphone: &str) -> Result<MediaStream, String> {
        user_media(camera, microphone).await
    }

    async fn list_devices(&self) {
        if let Some((cameras, microphones)) = devices().await {
            self.cameras.set(cameras);
            self.microphones.set(microphones);
        }
    }

    /// Sends the camera and microphone to the portal's video server, which sends them
    /// back; says what came back every second, for a minute.
    pub fn test_connection(self) {
        let held = self.held.get_value();
        held.borrow_mut().stop_test();
        let Some(stream) = held.borrow().stream.clone() else {
            self.connection.set(Step::Failed(
                "Turn on the camera and microphone first.".into(),
            ));
            return;
        };
        self.connection.set(Step::Working(
            "Connecting to the portal's video server…".into(),
        ));
        let this = self;
        leptos::task::spawn_local(async move {
            let connected = match new_peer().await {
                Ok(peer) => this.connect(&held, &stream, peer),
                Err(e) => Err(setup_failed(e)),
            };
            if let Err(why) = connected {
                held.borrow_mut().stop_test();
                this.connection.set(Step::Failed(why));
            }
        });
    }

    fn connect(
        &self,
        held: &Rc<RefCell<Held>>,
        stream: &MediaStream,
        peer: RtcPeerConnection,
    ) -> Result<(), String> {
        let failed = setup_failed;
        for t in stream.get_tracks().iter() {
            peer.add_track_0(&t.unchecked_into::<MediaStreamTrack>(), stream);
        }
        let remote = self.remote;
        let on_track = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let e: RtcTrackEvent = e.unchecked_into();
            if let (Some(v), Some(s)) = (
                remote.get_untracked(),
                e.streams().get(0).dyn_into::<MediaStream>().ok(),
            ) {
                v.set_src_object(Some(&s));
            }
        });
        peer.set_ontrack(Some(on_track.as_ref().unchecked_ref()));
        let url = socket_url("/video/check/signal").map_err(failed)?;
        let socket = WebSocket::new(&url).map_err(failed)?;
        let this = *self;
        let weak = Rc::downgrade(held);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let e: MessageEvent = e.unchecked_into();
            let Some(body) = e.data().as_string() else {
                return;
            };
            let Ok(said) = js_sys::JSON::parse(&body) else {
                return;
            };
            let Some(held) = weak.upgrade() else { return };
            let Some(peer) = held.borrow().peer.clone() else {
                return;
            };
            match get(&said, "type").as_string().as_deref() {
                Some("answer") => {
                    let answer = RtcSessionDescriptionInit::new(RtcSdpType::Answer);
                    answer.set_sdp(&get(&said, "sdp").as_string().unwrap_or_default());
                    leptos::task::spawn_local(async move {
                        match JsFuture::from(peer.set_remote_description(&answer)).await {
                            Ok(_) => this.watch(),
                            Err(e) => this.connection.set(Step::Failed(format!(
                                "The server's answer could not be used ({}).",
                                text(e)
                            ))),
                        }
                    });
                }
                Some("refused") => {
                    let why = get(&said, "why").as_string().unwrap_or_default();
                    this.connection.set(Step::Failed(why));
                }
                _ => {}
            }
        });
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let offer_peer = peer.clone();
        let offer_socket = socket.clone();
        let on_open = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            let (peer, socket) = (offer_peer.clone(), offer_socket.clone());
            leptos::task::spawn_local(async move {
                if let Err(e) = send_offer(&peer, &socket).await {
                    this.connection.set(Step::Failed(format!(
                        "The connection could not be set up ({}).",
                        text(e)
                    )));
                }
            });
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            this.connection.set(Step::Failed("The portal's video server could not be reached: your network may block it. Try another network, or tell the program's coordinator.".into()));
        });
        socket.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut held = held.borrow_mut();
        held.peer = Some(peer);
        held.socket = Some(socket);
        held.callbacks = vec![on_track, on_message, on_open, on_error];
        Ok(())
    }

    /// Reads the connection's statistics every second: what came back, the round trip.
    fn watch(self) {
        let started = js_sys::Date::now();
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(1_000).await;
                let Some(held) = self.held.try_get_value() else {
                    return;
                };
                let Some(peer) = held.borrow().peer.clone() else {
                    return;
                };
                if js_sys::Date::now() - started > f64::from(TEST_FOR_MS) {
                    held.borrow_mut().stop_test();
                    if let Step::Done(w) = self.connection.get_untracked() {
                        self.connection.set(Step::Done(format!(
                            "{w} The test has ended; run it again whenever you like."
                        )));
                    }
                    return;
                }
                let Ok(report) = JsFuture::from(peer.get_stats()).await else {
                    continue;
                };
                let (mut frames, mut packets, mut rtt) = (0.0, 0.0, None::<f64>);
                let values = get(&report, "values");
                let Ok(values) = values.dyn_into::<js_sys::Function>() else {
                    continue;
                };
                let Ok(iter) = values.call0(&report) else {
                    continue;
                };
                let Ok(Some(iter)) = js_sys::try_iter(&iter) else {
                    continue;
                };
                for stat in iter.flatten() {
                    match get(&stat, "type").as_string().as_deref() {
                        Some("inbound-rtp") => match get(&stat, "kind").as_string().as_deref() {
                            Some("video") => {
                                frames += get(&stat, "framesDecoded").as_f64().unwrap_or(0.0)
                            }
                            Some("audio") => {
                                packets += get(&stat, "packetsReceived").as_f64().unwrap_or(0.0)
                            }
                            _ => {}
                        },
                        Some("candidate-pair")
                            if get(&stat, "state").as_string().as_deref() == Some("succeeded") =>
                        {
                            rtt = get(&stat, "currentRoundTripTime").as_f64().or(rtt);
                        }
                        _ => {}
                    }
                }
                let step = if frames > 0.0 && packets > 0.0 {
                    Step::Done(format!(
                        "Connected: your video ({frames} frames) and sound ({packets} packets) came back from the server{}.",
                        rtt.map(|r| format!(", {} ms there and back", (r * 1000.0).round())).unwrap_or_default()
                    ))
                } else if js_sys::Date::now() - started > 15_000.0 {
                    Step::Failed("Nothing came back from the portal's video server: your network may block its port. Try another network, or tell the program's coordinator.".into())
                } else {
                    Step::Working("Connecting to the portal's video server…".into())
                };
                self.connection.set(step);
                if let Some(el) = document().get_element_by_id("check-connection-status") {
                    let _ = el.set_attribute("data-frames", &frames.to_string());
                    let _ = el.set_attribute("data-audio-packets", &packets.to_string());
                }
            }
        });
    }
}

/// The stream's camera and microphone, named.
fn describe(stream: &MediaStream) -> String {
    let name = |list: js_sys::Array| {
        list.get(0)
            .dyn_into::<MediaStreamTrack>()
            .ok()
            .map(|t| t.label())
            .filter(|l| !l.is_empty())
    };
    match (
        name(stream.get_video_tracks()),
        name(stream.get_audio_tracks()),
    ) {
        (Some(c), Some(m)) => format!(
            "Working: {c} and {m}. Check that you are in the picture and lit from the front."
        ),
        (Some(c), None) => format!("The camera works ({c}), but no microphone was found."),
        (None, Some(m)) => format!("The microphone works ({m}), but no camera was found."),
        (None, None) => "Working.".into(),
    }
}

fn setup_failed(e: JsValue) -> String {
    format!("The connection could not be set up ({}).", text(e))
}
