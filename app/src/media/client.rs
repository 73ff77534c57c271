//! One participant of the media server and what it does with its connection's output: its
//! lines, its slots (who it receives in each), the echo, forwarding to the other members of its
//! room, key frames asked of a sender.

use super::{Part, RoomNews, Shown};
use std::time::{Duration, Instant};
use str0m::media::{KeyframeRequestKind, MediaData, MediaKind, Mid};
use str0m::net::Protocol;
use str0m::{Event, IceConnectionState, Input, Output, Rtc};
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// Where a connection's packets go out: the UDP socket, or a browser's TCP connection.
pub(super) struct Net<'a> {
    pub(super) udp: &'a UdpSocket,
    pub(super) tcp: &'a super::tcp::Writers,
}

pub(super) struct Client {
    pub(super) id: u64,
    pub(super) rtc: Rtc,
    pub(super) part: Part,
    pub(super) news: mpsc::Sender<RoomNews>,
    /// The lines the browser sends on: (line, kind).
    pub(super) incoming: Vec<(Mid, MediaKind)>,
    /// The lines the browser receives on, in the offer's order: (line, kind).
    pub(super) outgoing: Vec<(Mid, MediaKind)>,
    /// Which member each receiving slot carries (slot `n`: the `n`-th receiving line of each
    /// kind, so a member's sound and video share their slot).
    pub(super) slots: Vec<Option<u64>>,
    /// When a key frame was last asked of this participant (asked at most once a second).
    pub(super) last_keyframe_ask: Option<Instant>,
    /// When the connection asked to be given the time next.
    pub(super) wake: Instant,
    /// It took input (a datagram, media to forward) since it was last drained.
    pub(super) dirty: bool,
}

/// What one participant's output asks of the others.
pub(super) enum Propagate {
    /// Media `data` from participant `from`, to the others of its room.
    Media(u64, Box<MediaData>),
    /// A key frame asked of participant `of` (its sending line of `kind`).
    Keyframe { of: u64, kind: MediaKind },
    /// Participant `id`'s connection is up: the others of its room send it a key frame, so its
    /// pictures of them start at once.
    Connected(u64),
}

impl Client {
    fn room(&self) -> Option<&str> {
        match &self.part {
            Part::Member { room, .. } => Some(room),
            Part::Echo => None,
        }
    }

    fn shown(&self) -> Option<&Shown> {
        match &self.part {
            Part::Member { shown, .. } => Some(shown),
            Part::Echo => None,
        }
    }

    pub(super) fn handle(&mut self, input: Input) {
        if self.rtc.is_alive() {
            if let Err(e) = self.rtc.handle_input(input) {
                tracing::debug!(id = self.id, error = %e, "video participant dropped");
                self.rtc.disconnect();
            }
        }
    }

    /// Sends what the connection has to send and acts on its events, until it only waits:
    /// when it wants to be woken. What others must act on is put in `out`.
    pub(super) fn drain(&mut self, net: &Net, out: &mut Vec<Propagate>) -> Instant {
        loop {
            if !self.rtc.is_alive() {
                return Instant::now();
            }
            match self.rtc.poll_output() {
                Ok(Output::Timeout(t)) => return t,
                Ok(Output::Transmit(t)) => match t.proto {
                    // A datagram the socket cannot take now is lost, as on the wire.
                    Protocol::Udp => {
                        let _ = net.udp.try_send_to(&t.contents, t.destination);
                    }
                    _ => net.tcp.send(t.destination, &t.contents),
                },
                Ok(Output::Event(e)) => self.on_event(e, out),
                Err(e) => {
                    tracing::debug!(id = self.id, error = %e, "video participant failed");
                    self.rtc.disconnect();
                }
            }
        }
    }

    fn on_event(&mut self, event: Event, out: &mut Vec<Propagate>) {
        match event {
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) => {
                self.rtc.disconnect()
            }
            Event::Connected => out.push(Propagate::Connected(self.id)),
            Event::MediaAdded(m) => {
                if m.direction.is_receiving() {
                    self.incoming.push((m.mid, m.kind));
                } else if m.direction.is_sending() {
                    self.outgoing.push((m.mid, m.kind));
                }
            }
            Event::MediaData(data) => {
                if !data.contiguous {
                    self.ask_keyframe(data.mid, KeyframeRequestKind::Fir);
                }
                match self.part {
                    Part::Echo => self.echo(data),
                    Part::Member { .. } => out.push(Propagate::Media(self.id, Box::new(data))),
                }
            }
            Event::KeyframeRequest(req) => match self.part {
                // For the echo, what the browser receives is its own stream on the same line.
                Part::Echo => self.ask_keyframe(req.mid, req.kind),
                Part::Member { .. } => {
                    if let Some((kind, slot)) = self.slot_of_line(req.mid) {
                        if let Some(of) = self.slots[slot] {
                            out.push(Propagate::Keyframe { of, kind });
                        }
                    }
                }
            },
            _ => {}
        }
    }

    fn echo(&mut self, data: MediaData) {
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

    /// The (kind, slot) a receiving line is.
    fn slot_of_line(&self, mid: Mid) -> Option<(MediaKind, usize)> {
        let (_, kind) = *self.outgoing.iter().find(|(m, _)| *m == mid)?;
        let slot = self
            .outgoing
            .iter()
            .filter(|(_, k)| *k == kind)
            .position(|(m, _)| *m == mid)?;
        Some((kind, slot))
    }

    /// The receiving line of `kind` in `slot`.
    fn line_of_slot(&self, kind: MediaKind, slot: usize) -> Option<Mid> {
        self.outgoing
            .iter()
            .filter(|(_, k)| *k == kind)
            .nth(slot)
            .map(|(m, _)| *m)
    }

    /// The slot `from` has (or is given now, with news of who it is) among this member's
    /// receiving lines; none when they are all taken.
    fn slot_for(&mut self, from: u64, shown: &Shown) -> Option<usize> {
        if let Some(at) = self.slots.iter().position(|s| *s == Some(from)) {
            return Some(at);
        }
        // The lines the browser offered to receive on are known once its connection is up
        // (str0m says which then); a member introduced before is given one of the SLOTS every
        // browser of the portal offers.
        let lines = match self.outgoing.is_empty() {
            true => super::SLOTS,
            false => [MediaKind::Audio, MediaKind::Video]
                .map(|kind| self.outgoing.iter().filter(|(_, k)| *k == kind).count())
                .into_iter()
                .max()
                .unwrap_or(0),
        };
        let free = self.slots.iter().take(lines).position(Option::is_none)?;
        self.slots[free] = Some(from);
        let _ = self.news.try_send(RoomNews::Arrived {
            slot: free,
            shown: shown.clone(),
        });
        Some(free)
    }

    /// Writes `data` from member `from` on its slot's line.
    fn forward(&mut self, from: u64, shown: &Shown, kind: MediaKind, data: &MediaData) {
        self.dirty = true;
        let Some(slot) = self.slot_for(from, shown) else {
            return;
        };
        let Some(mid) = self.line_of_slot(kind, slot) else {
            return;
        };
        let Some(writer) = self.rtc.writer(mid) else {
            return;
        };
        let Some(pt) = writer.match_params(data.params) else {
            return;
        };
        // A packet that cannot be queued (the connection has not been polled since a hundred
        // were) is dropped, as on the wire: the viewer stays.
        if let Err(e) = writer.write(pt, data.network_time, data.time, data.data.clone()) {
            tracing::debug!(id = self.id, error = %e, "a forwarded packet was dropped");
        }
    }

    /// Frees the slot of a member who left, with news of it.
    pub(super) fn forget(&mut self, gone: u64) {
        for (slot, s) in self.slots.iter_mut().enumerate() {
            if *s == Some(gone) {
                *s = None;
                let _ = self.news.try_send(RoomNews::Left { slot });
            }
        }
    }

    /// Asks the browser for a key frame on its sending line of `kind`.
    fn ask_keyframe_of_kind(&mut self, kind: MediaKind) {
        if let Some((mid, _)) = self.incoming.iter().find(|(_, k)| *k == kind).copied() {
            self.ask_keyframe(mid, KeyframeRequestKind::Pli);
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
            self.dirty = true;
        }
    }
}

/// Acts on what participants asked of each other: media to the other members of the sender's
/// room, key frames of their senders.
pub(super) fn propagate(clients: &mut [Client], out: Vec<Propagate>) {
    for p in out {
        match p {
            Propagate::Media(from, data) => {
                let Some(sender) = clients.iter().find(|c| c.id == from) else {
                    continue;
                };
                let (Some(room), Some(shown)) = (sender.room(), sender.shown()) else {
                    continue;
                };
                let (room, shown) = (room.to_string(), shown.clone());
                let Some(kind) = sender
                    .incoming
                    .iter()
                    .find(|(m, _)| *m == data.mid)
                    .map(|(_, k)| *k)
                else {
                    continue;
                };
                for c in clients.iter_mut() {
                    // Only to members whose connection is up: before it is, str0m queues what
                    // is written (a hundred packets at most, then refuses).
                    if c.id != from && c.room() == Some(room.as_str()) && c.rtc.is_connected() {
                        c.forward(from, &shown, kind, &data);
                    }
                }
            }
            Propagate::Connected(id) => {
                let room = clients_mut(clients, id).and_then(|c| c.room().map(str::to_string));
                for c in clients.iter_mut() {
                    if c.id != id && room.is_some() && c.room() == room.as_deref() {
                        c.ask_keyframe_of_kind(MediaKind::Video);
                    }
                }
            }
            Propagate::Keyframe { of, kind } => {
                if let Some(c) = clients_mut(clients, of) {
                    c.ask_keyframe_of_kind(kind);
                }
            }
        }
    }
}

/// Member `id` has just joined: it and each other member
/// of its room are given a slot in each other's lines, with news of who they are, before any
/// media: someone without a camera or microphone is in the room too, and a coordinator is
/// announced the moment they join.
pub(super) fn introduce(clients: &mut [Client], id: u64) {
    let Some(new) = clients.iter().find(|c| c.id == id) else {
        return;
    };
    let (Some(room), Some(shown)) = (new.room().map(str::to_string), new.shown().cloned()) else {
        return;
    };
    let others: Vec<(u64, Shown)> = clients
        .iter()
        .filter(|c| c.id != id && c.room() == Some(room.as_str()))
        .filter_map(|c| Some((c.id, c.shown()?.clone())))
        .collect();
    for c in clients.iter_mut() {
        if c.id == id {
            for (other, its) in &others {
                c.slot_for(*other, its);
            }
        } else if others.iter().any(|(other, _)| *other == c.id) {
            c.slot_for(id, &shown);
        }
    }
}

fn clients_mut(clients: &mut [Client], id: u64) -> Option<&mut Client> {
    clients.iter_mut().find(|c| c.id == id)
}
