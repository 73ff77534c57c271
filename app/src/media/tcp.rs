//! ICE over TCP, for networks that block UDP: browsers reach the media server on one TCP port,
//! media framed as RFC 4571 says (each packet behind its 16-bit length). Each connection has a
//! reader and a writer task; the media server's loop sees only frames in and frames out, keyed
//! by the browser's address, as it sees UDP datagrams.

use std::collections::HashMap;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// The most connections kept at once (each a browser behind a UDP-blocking network).
pub(super) const MAX_CONNECTIONS: usize = 2048;

/// How long a connection may stay silent.
const IDLE: std::time::Duration = std::time::Duration::from_secs(60);

/// Frames queued for one connection before more are dropped (as a full UDP socket drops).
const QUEUE: usize = 256;

/// What the TCP side tells the media server's loop.
pub(super) enum TcpIn {
    /// A browser connected: its frames are written through `writer`.
    Opened(SocketAddr, mpsc::Sender<Vec<u8>>),
    /// A frame from it.
    Frame(SocketAddr, Vec<u8>),
    /// It went.
    Closed(SocketAddr),
}

/// The connections' writers, by the browser's address.
#[derive(Default)]
pub(super) struct Writers(HashMap<SocketAddr, mpsc::Sender<Vec<u8>>>);

impl Writers {
    pub(super) fn note(&mut self, event: &TcpIn) {
        match event {
            TcpIn::Opened(from, writer) => {
                self.0.insert(*from, writer.clone());
            }
            TcpIn::Closed(from) => {
                self.0.remove(from);
            }
            TcpIn::Frame(..) => {}
        }
    }

    /// Queues `packet` to `to`; lost, as on the wire, when its queue is full or it is gone.
    pub(super) fn send(&self, to: SocketAddr, packet: &[u8]) {
        if let (Some(w), Ok(len)) = (self.0.get(&to), u16::try_from(packet.len())) {
            let mut frame = Vec::with_capacity(packet.len() + 2);
            frame.extend_from_slice(&len.to_be_bytes());
            frame.extend_from_slice(packet);
            let _ = w.try_send(frame);
        }
    }
}

/// Takes connections on `listener` for as long as the loop listens.
pub(super) async fn accept(listener: TcpListener, to_loop: mpsc::Sender<TcpIn>) {
    let open = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    loop {
        let Ok((stream, from)) = listener.accept().await else {
            continue;
        };
        if to_loop.is_closed() {
            return;
        }
        if open.load(std::sync::atomic::Ordering::Relaxed) >= MAX_CONNECTIONS {
            continue;
        }
        let _ = stream.set_nodelay(true);
        open.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (to_loop, open) = (to_loop.clone(), open.clone());
        tokio::spawn(async move {
            serve(stream, from, to_loop).await;
            open.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        });
    }
}

/// One connection: its frames to the loop, the loop's frames to it, until either side ends.
async fn serve(stream: TcpStream, from: SocketAddr, to_loop: mpsc::Sender<TcpIn>) {
    let (mut read, mut write) = stream.into_split();
    let (writer, mut frames) = mpsc::channel::<Vec<u8>>(QUEUE);
    if to_loop.send(TcpIn::Opened(from, writer)).await.is_err() {
        return;
    }
    let writing = tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
            if write.write_all(&frame).await.is_err() {
                break;
            }
        }
    });
    let mut len = [0u8; 2];
    loop {
        // A browser's connection checks stay alive every few seconds; a silent one is let go.
        match tokio::time::timeout(IDLE, read.read_exact(&mut len)).await {
            Ok(Ok(_)) => {}
            _ => break,
        }
        let mut packet = vec![0u8; usize::from(u16::from_be_bytes(len))];
        if read.read_exact(&mut packet).await.is_err() {
            break;
        }
        if to_loop.send(TcpIn::Frame(from, packet)).await.is_err() {
            break;
        }
    }
    writing.abort();
    let _ = to_loop.send(TcpIn::Closed(from)).await;
}
