//! The media server inside the portal's process: a selective forwarding unit on str0m
//! (sans-IO WebRTC), one UDP socket for every participant, one task that owns every
//! connection. Browsers never reach each other: each sends its camera and microphone here, and
//! what it receives comes from here.
//!
//! Started on first use ([`SfuCell::get`]), so a server (or a test) that never opens video never
//! binds its port. A participant joins with its browser's offer ([`Sfu::join`]) and is taken
//! out when its [`Joined`] handle is dropped (the signalling socket closed). Today one kind of
//! participant is served: the setup check's echo, which receives its own media back, so the
//! whole path (ICE, DTLS, SRTP, the codecs the browser offers) is tried against this server.

use crate::error::AppError;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use str0m::change::SdpOffer;
use str0m::media::{KeyframeRequestKind, MediaData, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, IceConnectionState, Input, Output, Rtc};
use tokio::net::UdpSocket;
use tokio::sync::{mpsc, OnceCell};

/// Where the media server listens and what it tells browsers to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VideoConfig {
    /// The UDP port every participant's media uses (`VIDEO_UDP_PORT`; 0: any free port, for
    /// tests).
    pub udp_port: u16,
    /// The address browsers send media to (`VIDEO_PUBLIC_IP`): this machine's, or its public
    /// one behind a NAT that forwards the port.
    pub public_ip: IpAddr,
}

impl Default for VideoConfig {
    fn default() -> Self {
        Self {
            udp_port: 10000,
            public_ip: IpAddr::from([127, 0, 0, 1]),
        }
    }
}

/// The running media server: its commands' channel and the address it announces.
#[derive(Clone)]
pub struct Sfu {
    commands: mpsc::Sender<Command>,
    announced: SocketAddr,
}

/// The media server of a process, started once.
#[derive(Clone, Default)]
pub struct SfuCell(Arc<OnceCell<Result<Sfu, String>>>);

impl SfuCell {
    /// The media server, started now if it is not yet (the port bound, its task spawned); an
    /// answer that says why when its port cannot be bound.
    pub async fn get(&self, config: VideoConfig) -> Result<Sfu, AppError> {
        self.0
            .get_or_init(|| async move { Sfu::start(config).await.map_err(|e| e.to_string()) })
            .await
            .clone()
            .map_err(|e| {
                tracing::error!(error = %e, "the video server could not start");
                AppError::Busy(
                    "The portal's video server is not running on this server; tell the program's coordinator.".into(),
                )
            })
    }
}

/// How a participant takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The setup check: what the browser sends comes straight back to it.
    Echo,
}

/// A participant in the media server: dropped, it is taken out.
pub struct Joined {
    id: u64,
    commands: mpsc::Sender<Command>,
}

impl Drop for Joined {
    fn drop(&mut self) {
        let _ = self.commands.try_send(Command::Leave(self.id));
    }
}

enum Command {
    Join(Box<Client>),
    Leave(u64),
}

/// The largest offer taken (a browser's is a few kilobytes).
pub const MAX_OFFER_BYTES: usize = 64 * 1024;

impl Sfu {
    async fn start(config: VideoConfig) -> std::io::Result<Sfu> {
        str0m::crypto::from_feature_flags().install_process_default();
        let socket =
            UdpSocket::bind(SocketAddr::new(IpAddr::from([0, 0, 0, 0]), config.udp_port)).await?;
        let announced = SocketAddr::new(config.public_ip, socket.local_addr()?.port());
        tracing::info!(%announced, "video server listening (UDP)");
        let (commands, rx) = mpsc::channel(64);
        tokio::spawn(run(socket, announced, rx));
        Ok(Sfu {
            commands,
            announced,
        })
    }

    /// Takes a browser's offer (its JSON: `{"type":"offer","sdp":…}`): the answer's JSON, and
    /// the participant's handle. A malformed or unusable offer is a 400 that says so.
    pub async fn join(&self, offer: &str, part: Part) -> Result<(String, Joined), AppError> {
        let bad = |why: &str| AppError::BadRequest(format!("The browser's offer {why}."));
        if offer.len() > MAX_OFFER_BYTES {
            return Err(bad("is too large"));
        }
        let offer: SdpOffer = serde_json::from_str(offer).map_err(|_| bad("could not be read"))?;
        let mut rtc = Rtc::builder().build(Instant::now());
        let candidate = Candidate::host(self.announced, "udp")
            .map_err(|_| AppError::Busy("The video server has no address.".into()))?;
        let _ = rtc.add_local_candidate(candidate);
        let answer = rtc
            .sdp_api()
            .accept_offer(offer)
            .map_err(|e| bad(&format!("was refused ({e})")))?;
        let answer = serde_json::to_string(&answer).map_err(|e| {
            tracing::error!(error = %e, "a video answer could not be written");
            AppError::Internal
        })?;
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let client = Client {
            id,
            rtc,
            part,
            last_keyframe_ask: None,
        };
        self.commands
            .send(Command::Join(Box::new(client)))
            .await
            .map_err(|_| AppError::Busy("The video server stopped.".into()))?;
        Ok((
            answer,
            Joined {
                id,
                commands: self.commands.clone(),
            },
        ))
    }
}

struct Client {
    id: u64,
    rtc: Rtc,
    part: Part,
    /// When a key frame was last asked of this participant (asked at most once a second).
    last_keyframe_ask: Option<Instant>,
}

impl Client {
    fn handle(&mut self, input: Input) {
        if self.rtc.is_alive() {
            if let Err(e) = self.rtc.handle_input(input) {
                tracing::debug!(id = self.id, error = %e, "video participant dropped");
                self.rtc.disconnect();
            }
        }
    }

    /// Sends what the connection has to send and acts on its events, until it only waits:
    /// when it wants to be woken.
    fn drain(&mut self, socket: &UdpSocket) -> Instant {
        loop {
            if !self.rtc.is_alive() {
                return Instant::now();
            }
            match self.rtc.poll_output() {
                Ok(Output::Timeout(t)) => return t,
                Ok(Output::Transmit(t)) => {
                    // UDP: a datagram the socket cannot take now is lost, as on the wire.
                    let _ = socket.try_send_to(&t.contents, t.destination);
                }
                Ok(Output::Event(e)) => self.on_event(e),
                Err(e) => {
                    tracing::debug!(id = self.id, error = %e, "video participant failed");
                    self.rtc.disconnect();
                }
            }
        }
    }

    fn on_event(&mut self, event: Event) {
        match event {
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) => {
                self.rtc.disconnect()
            }
            Event::MediaData(data) => self.on_media(data),
            Event::KeyframeRequest(req) => {
                // The browser asks for a key frame of what it receives: for the echo, that is
                // its own stream on the same line.
                self.ask_keyframe(req.mid, req.kind);
            }
            _ => {}
        }
    }

    fn on_media(&mut self, data: MediaData) {
        if !data.contiguous {
            self.ask_keyframe(data.mid, KeyframeRequestKind::Fir);
        }
        match self.part {
            Part::Echo => {
                let Some(writer) = self.rtc.writer(data.mid) else {
                    return;
                };
                let Some(pt) = writer.match_params(data.params) else {
                    return;
                };
                if let Err(e) = writer.write(pt, data.network_time, data.time, data.data) {
                    tracing::debug!(id = self.id, error = %e, "video echo failed");
                    self.rtc.disconnect();
                }
            }
        }
    }

    fn ask_keyframe(&mut self, mid: Mid, kind: KeyframeRequestKind) {
        if self
            .last_keyframe_ask
            .is_some_and(|t| t.elapsed() < Duration::from_secs(1))
        {
            return;
        }
        if let Some(mut writer) = self.rtc.writer(mid) {
            let _ = writer.request_keyframe(None, kind);
            self.last_keyframe_ask = Some(Instant::now());
        }
    }
}

/// The media server's loop: the socket's datagrams to the connection they belong to, time to
/// every connection, each connection's output to the socket.
async fn run(socket: UdpSocket, announced: SocketAddr, mut commands: mpsc::Receiver<Command>) {
    let mut clients: Vec<Client> = Vec::new();
    let mut buf = vec![0u8; 2000];
    loop {
        let mut wake = Instant::now() + Duration::from_millis(100);
        for c in &mut clients {
            wake = wake.min(c.drain(&socket));
        }
        clients.retain(|c| c.rtc.is_alive());
        let wait = wake
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        tokio::select! {
            got = socket.recv_from(&mut buf) => {
                let Ok((n, source)) = got else { continue };
                let Ok(contents) = buf[..n].try_into() else { continue };
                let input = Input::Receive(
                    Instant::now(),
                    Receive { proto: Protocol::Udp, source, destination: announced, contents },
                );
                if let Some(c) = clients.iter_mut().find(|c| c.rtc.accepts(&input)) {
                    c.handle(input);
                }
            }
            command = commands.recv() => match command {
                None => return,
                Some(Command::Join(client)) => clients.push(*client),
                Some(Command::Leave(id)) => clients.retain(|c| c.id != id),
            },
            _ = tokio::time::sleep(wait) => {}
        }
        let now = Instant::now();
        for c in &mut clients {
            c.handle(Input::Timeout(now));
        }
    }
}
