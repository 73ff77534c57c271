//! A WebRTC peer on loopback, as a member's browser is to the portal's video server (str0m, the
//! library the server uses): one sending line of sound tagged with the peer's number, `SLOTS`
//! receiving lines; what arrived on which line. Over UDP, or over TCP as a browser on a network
//! that blocks UDP (an active candidate, RFC 4571 framing).

use app::media::{Part, RoomNews, Shown, SLOTS};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::time::Instant;
use str0m::change::{SdpAnswer, SdpPendingOffer};
use str0m::media::{Direction, MediaKind, MediaTime};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, Input, Output, Rtc};

/// A peer as a member's browser would be: one sending line of sound, `SLOTS` receiving ones.
pub struct Peer {
    pub tag: u8,
    rtc: Rtc,
    link: Link,
    here: SocketAddr,
    pub send: str0m::media::Mid,
    sent: u64,
    /// What arrived: (receiving line, the sender's tag).
    pub got: Vec<(str0m::media::Mid, u8)>,
    pub joined: Option<app::media::Joined>,
    pending: Option<SdpPendingOffer>,
}

/// How a peer reaches the server.
enum Link {
    Udp(std::net::UdpSocket),
    /// A connection to the server's TCP port, and what was read of it not yet framed.
    Tcp {
        stream: std::net::TcpStream,
        server: SocketAddr,
        read: Vec<u8>,
    },
}

impl Peer {
    /// A peer and its offer (as the browser's JSON), to be answered by [`Peer::accept`].
    pub fn offer(tag: u8) -> (Peer, String) {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        socket.set_nonblocking(true).unwrap();
        let here = socket.local_addr().unwrap();
        let candidate = Candidate::host(here, "udp").unwrap();
        Peer::offering(tag, Link::Udp(socket), here, candidate)
    }

    /// As [`Peer::offer`], reaching the server only by TCP at `server` (its connection made
    /// first; its only candidate the connection's own end, active).
    pub fn offer_tcp(tag: u8, server: SocketAddr) -> (Peer, String) {
        let stream = std::net::TcpStream::connect(server).unwrap();
        stream.set_nonblocking(true).unwrap();
        stream.set_nodelay(true).unwrap();
        let here = stream.local_addr().unwrap();
        let candidate = Candidate::builder()
            .tcp()
            .host(here)
            .tcptype(str0m::net::TcpType::Active)
            .build()
            .unwrap();
        let link = Link::Tcp {
            stream,
            server,
            read: Vec::new(),
        };
        Peer::offering(tag, link, here, candidate)
    }

    fn offering(tag: u8, link: Link, here: SocketAddr, candidate: Candidate) -> (Peer, String) {
        let mut rtc = Rtc::builder().build(Instant::now());
        rtc.add_local_candidate(candidate);
        let mut change = rtc.sdp_api();
        let send = change.add_media(MediaKind::Audio, Direction::SendOnly, None, None, None);
        for _ in 0..SLOTS {
            change.add_media(MediaKind::Audio, Direction::RecvOnly, None, None, None);
        }
        let (offer, pending) = change.apply().unwrap();
        let peer = Peer {
            tag,
            rtc,
            link,
            here,
            send,
            sent: 0,
            got: Vec::new(),
            joined: None,
            pending: Some(pending),
        };
        (peer, serde_json::to_string(&offer).unwrap())
    }

    /// Takes the server's answer (its JSON).
    pub fn accept(&mut self, answer: &str) {
        let answer: SdpAnswer = serde_json::from_str(answer).expect("an SDP answer");
        let pending = self.pending.take().expect("an offer made");
        self.rtc.sdp_api().accept_answer(pending, answer).unwrap();
    }

    /// A member of `room` joined straight through the media server, shown as "Peer {tag}".
    pub async fn join(sfu: &app::media::Sfu, tag: u8, room: &str) -> Peer {
        Peer::joining(sfu, Peer::offer(tag), room).await
    }

    /// As [`Peer::join`], over the media server's TCP port only.
    pub async fn join_tcp(sfu: &app::media::Sfu, tag: u8, room: &str) -> Peer {
        let server = sfu.tcp_address().expect("the media server listens on TCP");
        Peer::joining(sfu, Peer::offer_tcp(tag, server), room).await
    }

    async fn joining(sfu: &app::media::Sfu, (mut peer, offer): (Peer, String), room: &str) -> Peer {
        let tag = peer.tag;
        let part = Part::Member {
            room: room.into(),
            shown: Shown {
                name: format!("Peer {tag}"),
                role: "Interviewer".into(),
            },
        };
        let (answer, joined) = sfu
            .join(&offer, part)
            .await
            .expect("a member's offer is answered");
        peer.accept(&answer);
        peer.joined = Some(joined);
        peer
    }

    /// One turn: send what is due (and 20 ms of "sound" tagged with the peer's tag once
    /// connected), take what arrived.
    pub fn turn(&mut self) {
        loop {
            match self.rtc.poll_output().unwrap() {
                Output::Timeout(_) => break,
                Output::Transmit(t) => match &mut self.link {
                    Link::Udp(socket) => {
                        let _ = socket.send_to(&t.contents, t.destination);
                    }
                    Link::Tcp { stream, .. } => {
                        let mut frame = (t.contents.len() as u16).to_be_bytes().to_vec();
                        frame.extend_from_slice(&t.contents);
                        stream.set_nonblocking(false).unwrap();
                        stream.write_all(&frame).unwrap();
                        stream.set_nonblocking(true).unwrap();
                    }
                },
                Output::Event(Event::MediaData(data)) => self.got.push((data.mid, data.data[0])),
                Output::Event(_) => {}
            }
        }
        if self.rtc.is_connected() {
            let writer = self.rtc.writer(self.send).unwrap();
            let pt = writer.payload_params().next().unwrap().pt();
            let at = MediaTime::from_millis(self.sent * 20);
            writer
                .write(pt, Instant::now(), at, vec![self.tag; 40])
                .unwrap();
            self.sent += 1;
        }
        for (proto, source, packet) in self.arrived() {
            let input = Input::Receive(
                Instant::now(),
                Receive {
                    proto,
                    source,
                    destination: self.here,
                    contents: packet.as_slice().try_into().unwrap(),
                },
            );
            self.rtc.handle_input(input).unwrap();
        }
        self.rtc
            .handle_input(Input::Timeout(Instant::now()))
            .unwrap();
    }

    /// The packets that arrived since the last turn.
    fn arrived(&mut self) -> Vec<(Protocol, SocketAddr, Vec<u8>)> {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        match &mut self.link {
            Link::Udp(socket) => {
                while let Ok((n, from)) = socket.recv_from(&mut buf) {
                    out.push((Protocol::Udp, from, buf[..n].to_vec()));
                }
            }
            Link::Tcp {
                stream,
                server,
                read,
            } => {
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    read.extend_from_slice(&buf[..n]);
                }
                while read.len() >= 2 {
                    let len = usize::from(u16::from_be_bytes([read[0], read[1]]));
                    if read.len() < 2 + len {
                        break;
                    }
                    out.push((Protocol::Tcp, *server, read[2..2 + len].to_vec()));
                    read.drain(..2 + len);
                }
            }
        }
        out
    }

    pub fn tags_from(&self) -> std::collections::BTreeSet<u8> {
        self.got.iter().map(|(_, t)| *t).collect()
    }

    /// The room's news since last asked (none once the peer has left).
    pub fn news(&mut self) -> Vec<RoomNews> {
        let mut out = Vec::new();
        if let Some(joined) = self.joined.as_mut() {
            while let Ok(n) = joined.news.try_recv() {
                out.push(n);
            }
        }
        out
    }
}
