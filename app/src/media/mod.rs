//! The media server inside the portal's process: a selective forwarding unit on str0m
//! (sans-IO WebRTC), one UDP socket for every participant (and one TCP port for networks that
//! block UDP: [`tcp`]), one task that owns every connection. Browsers never reach each other: each sends its camera and microphone here, and
//! what it receives comes from here.
//!
//! Started on first use ([`SfuCell::get`]), so a server (or a test) that never opens video never
//! binds its port. A participant joins with its browser's offer ([`Sfu::join`]) and is taken
//! out when its [`Joined`] handle is dropped (the signalling socket closed).
//!
//! Two kinds of participant ([`Part`]): the setup check's echo, which receives its own media
//! back (the whole path, ICE, DTLS, SRTP and the browser's codecs, tried against this server),
//! and a member of a room. A member's browser offers its own camera and microphone, and lines
//! to receive on: [`SLOTS`] for sound and as many for video, so nobody ever renegotiates. Each
//! other member of the room is given a slot as they join (the first free one; slot `n` is the
//! `n`-th receiving line of each kind), camera or not, and the member's signalling is told who
//! is in which slot, and when they leave ([`RoomNews`]). Media is forwarded as it arrives, to
//! members whose connection is up, never decoded; a key frame asked for on a slot is asked of
//! its sender, and of every sender of the room when a member's connection comes up.

use crate::error::AppError;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use str0m::change::SdpOffer;
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Input, Rtc};
use tokio::net::UdpSocket;
use tokio::sync::{mpsc, OnceCell};

mod client;
pub mod relays;
mod tcp;
use client::{introduce, propagate, Client, Net};
use tcp::{TcpIn, Writers};

/// Where the media server listens and what it tells browsers to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VideoConfig {
    /// The UDP port every participant's media uses (`VIDEO_UDP_PORT`; 0: any free port, for
    /// tests).
    pub udp_port: u16,
    /// The TCP port browsers fall back to when UDP is blocked (`VIDEO_TCP_PORT`; 0: any free
    /// port, for tests; `None`: no fallback).
    pub tcp_port: Option<u16>,
    /// The address browsers send media to (`VIDEO_PUBLIC_IP`): this machine's, or its public
    /// one behind a NAT that forwards the port.
    pub public_ip: IpAddr,
}

impl Default for VideoConfig {
    fn default() -> Self {
        Self {
            udp_port: 10000,
            tcp_port: Some(10000),
            public_ip: IpAddr::from([127, 0, 0, 1]),
        }
    }
}

/// The running media server: its commands' channel and the address it announces.
#[derive(Clone)]
pub struct Sfu {
    commands: mpsc::Sender<Command>,
    announced: SocketAddr,
    announced_tcp: Option<SocketAddr>,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The setup check: what the browser sends comes straight back to it.
    Echo,
    /// A member of room `room` (any key the signalling chooses), shown to the others as `shown`.
    Member { room: String, shown: Shown },
}

/// How a member is shown to the others of their room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub name: String,
    /// "Interviewer", "Applicant", "Coordinator" …
    pub role: String,
}

/// The lines a member's browser offers to receive on, per kind (sound, video): the most other
/// members it can see and hear at once.
pub const SLOTS: usize = 11;

/// What a member's signalling is told of their room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomNews {
    /// Slot `slot` (the `slot`-th line of each kind the browser offered to receive on, in the
    /// offer's order) now carries this member.
    Arrived { slot: usize, shown: Shown },
    /// Slot `slot`'s member left.
    Left { slot: usize },
}

/// A participant in the media server: dropped, it is taken out.
pub struct Joined {
    id: u64,
    commands: mpsc::Sender<Command>,
    /// Its room's news, for its signalling to pass on.
    pub news: mpsc::Receiver<RoomNews>,
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

/// The largest offer taken. A room member's browser offers 2 sending lines and 22 receiving
/// ones, each video line listing every codec it knows: Chromium's is about 70 KB.
pub const MAX_OFFER_BYTES: usize = 256 * 1024;

impl Sfu {
    async fn start(config: VideoConfig) -> std::io::Result<Sfu> {
        str0m::crypto::from_feature_flags().install_process_default();
        let socket =
            UdpSocket::bind(SocketAddr::new(IpAddr::from([0, 0, 0, 0]), config.udp_port)).await?;
        let announced = SocketAddr::new(config.public_ip, socket.local_addr()?.port());
        tracing::info!(%announced, "video server listening (UDP)");
        let (tcp_tx, tcp_rx) = mpsc::channel(256);
        let announced_tcp = match config.tcp_port {
            Some(port) => {
                let any = SocketAddr::new(IpAddr::from([0, 0, 0, 0]), port);
                let listener = tokio::net::TcpListener::bind(any).await?;
                let at = SocketAddr::new(config.public_ip, listener.local_addr()?.port());
                tracing::info!(announced = %at, "video server listening (TCP, for networks that block UDP)");
                tokio::spawn(tcp::accept(listener, tcp_tx));
                Some(at)
            }
            None => None,
        };
        let (commands, rx) = mpsc::channel(64);
        let addresses = Addresses {
            udp: announced,
            tcp: announced_tcp,
        };
        tokio::spawn(run(socket, addresses, rx, tcp_rx));
        Ok(Sfu {
            commands,
            announced,
            announced_tcp,
        })
    }

    /// Where browsers reach the media server over TCP (`None`: no fallback).
    pub fn tcp_address(&self) -> Option<SocketAddr> {
        self.announced_tcp
    }

    /// Takes a browser's offer (its JSON: `{"type":"offer","sdp":…}`): the answer's JSON, and
    /// the participant's handle, which hears its room's news. A malformed or unusable offer is
    /// a 400 that says so.
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
        if let Some(at) = self.announced_tcp {
            // Passive: the browser connects (RFC 6544); tried after UDP by its lower priority.
            let tcp = Candidate::builder()
                .tcp()
                .host(at)
                .tcptype(str0m::net::TcpType::Passive)
                .build();
            if let Ok(tcp) = tcp {
                let _ = rtc.add_local_candidate(tcp);
            }
        }
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
        let (news_tx, news) = mpsc::channel(64);
        let client = Client {
            id,
            rtc,
            part,
            news: news_tx,
            incoming: Vec::new(),
            outgoing: Vec::new(),
            slots: vec![None; SLOTS],
            last_keyframe_ask: None,
            wake: Instant::now(),
            dirty: true,
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
                news,
            },
        ))
    }
}

/// The media server's loop: the socket's datagrams to the connection they belong to (read in
/// batches), time to each connection when it asked for it, each connection's output to the
/// socket, media between members of a room. Only connections with something to do are
/// drained: one datagram costs the work of its own connection and of those it is forwarded to,
/// not of every connection.
async fn run(
    socket: UdpSocket,
    at: Addresses,
    mut commands: mpsc::Receiver<Command>,
    mut tcp_in: mpsc::Receiver<TcpIn>,
) {
    let mut clients: Vec<Client> = Vec::new();
    let mut writers = Writers::default();
    // Members who joined since the last turn, to be introduced to their room.
    let mut newcomers: Vec<u64> = Vec::new();
    let mut buf = vec![0u8; 2000];
    loop {
        let now = Instant::now();
        // Time for those who asked for it by now.
        for c in clients.iter_mut().filter(|c| c.wake <= now) {
            c.handle(Input::Timeout(now));
        }
        // Drain what has something to do, and what it forwarded to, until all is sent.
        loop {
            let mut out = Vec::new();
            let net = Net {
                udp: &socket,
                tcp: &writers,
            };
            for c in clients.iter_mut().filter(|c| c.dirty || c.wake <= now) {
                c.dirty = false;
                c.wake = c.drain(&net, &mut out);
            }
            if out.is_empty() {
                break;
            }
            propagate(&mut clients, out);
        }
        for id in newcomers.drain(..) {
            introduce(&mut clients, id);
        }
        let gone: Vec<u64> = clients
            .iter()
            .filter(|c| !c.rtc.is_alive())
            .map(|c| c.id)
            .collect();
        for id in gone {
            leave(&mut clients, id);
        }
        let next = clients
            .iter()
            .map(|c| c.wake)
            .min()
            .unwrap_or(now + Duration::from_millis(100))
            .max(now + Duration::from_millis(1));
        tokio::select! {
            got = socket.recv_from(&mut buf) => {
                let mut got = got.ok();
                // The datagram, then any others already waiting.
                while let Some((n, source)) = got {
                    if let Ok(contents) = buf[..n].try_into() {
                        let input = Input::Receive(
                            Instant::now(),
                            Receive { proto: Protocol::Udp, source, destination: at.udp, contents },
                        );
                        deliver(&mut clients, input);
                    }
                    got = socket.try_recv_from(&mut buf).ok();
                }
            }
            Some(event) = tcp_in.recv() => {
                writers.note(&event);
                if let (TcpIn::Frame(source, packet), Some(destination)) = (&event, at.tcp) {
                    if let Ok(contents) = packet.as_slice().try_into() {
                        let input = Input::Receive(
                            Instant::now(),
                            Receive { proto: Protocol::Tcp, source: *source, destination, contents },
                        );
                        deliver(&mut clients, input);
                    }
                }
            }
            command = commands.recv() => match command {
                None => return,
                Some(Command::Join(client)) => {
                    newcomers.push(client.id);
                    clients.push(*client);
                }
                Some(Command::Leave(id)) => leave(&mut clients, id),
            },
            _ = tokio::time::sleep_until(next.into()) => {}
        }
    }
}

/// Where the media server tells browsers to send: its UDP address, and its TCP one if any.
#[derive(Clone, Copy)]
struct Addresses {
    udp: SocketAddr,
    tcp: Option<SocketAddr>,
}

/// A packet to the connection it belongs to (none: dropped, as a stray datagram is).
fn deliver(clients: &mut [Client], input: Input) {
    if let Some(c) = clients.iter_mut().find(|c| c.rtc.accepts(&input)) {
        c.handle(input);
        c.dirty = true;
    }
}

/// Takes a participant out; the others of its room hear it left.
fn leave(clients: &mut Vec<Client>, id: u64) {
    clients.retain(|c| c.id != id);
    for c in clients.iter_mut() {
        c.forget(id);
    }
}
