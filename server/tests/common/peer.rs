//! A WebRTC peer on loopback, as a member's browser is to the portal's video server (str0m, the
//! library the server uses): one sending line of sound tagged with the peer's number, `SLOTS`
//! receiving lines; what arrived on which line.

use app::media::{Part, RoomNews, Shown, SLOTS};
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
    socket: std::net::UdpSocket,
    here: SocketAddr,
    pub send: str0m::media::Mid,
    sent: u64,
    /// What arrived: (receiving line, the sender's tag).
    pub got: Vec<(str0m::media::Mid, u8)>,
    pub joined: Option<app::media::Joined>,
    pending: Option<SdpPendingOffer>,
}

impl Peer {
    /// A peer and its offer (as the browser's JSON), to be answered by [`Peer::accept`].
    pub fn offer(tag: u8) -> (Peer, String) {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        socket.set_nonblocking(true).unwrap();
        let here = socket.local_addr().unwrap();
        let mut rtc = Rtc::builder().build(Instant::now());
        rtc.add_local_candidate(Candidate::host(here, "udp").unwrap());
        let mut change = rtc.sdp_api();
        let send = change.add_media(MediaKind::Audio, Direction::SendOnly, None, None, None);
        for _ in 0..SLOTS {
            change.add_media(MediaKind::Audio, Direction::RecvOnly, None, None, None);
        }
        let (offer, pending) = change.apply().unwrap();
        let peer = Peer {
            tag,
            rtc,
            socket,
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
        let (mut peer, offer) = Peer::offer(tag);
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
                Output::Transmit(t) => {
                    let _ = self.socket.send_to(&t.contents, t.destination);
                }
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
        let mut buf = [0u8; 2000];
        while let Ok((n, from)) = self.socket.recv_from(&mut buf) {
            let input = Input::Receive(
                Instant::now(),
                Receive {
                    proto: Protocol::Udp,
                    source: from,
                    destination: self.here,
                    contents: buf[..n].try_into().unwrap(),
                },
            );
            self.rtc.handle_input(input).unwrap();
        }
        self.rtc
            .handle_input(Input::Timeout(Instant::now()))
            .unwrap();
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
