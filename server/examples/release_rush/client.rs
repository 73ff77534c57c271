//! The rush's HTTP side, as browsers make it: keep-alive HTTP/1.1 connections (hyper's client
//! connection, one per booking worker and one per push stream), the login cookie on every
//! request, server functions called with a form and answered in JSON, push streams read as
//! server-sent events.

use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::time::Instant;
use tokio::net::TcpStream;

/// One keep-alive connection to the server.
pub struct Conn {
    addr: SocketAddr,
    sender: http1::SendRequest<Full<Bytes>>,
}

impl Conn {
    pub async fn open(addr: SocketAddr) -> anyhow::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(connection);
        Ok(Conn { addr, sender })
    }

    /// The status of a GET of `path` (the server's `/health`).
    pub async fn status_of(&mut self, path: &str) -> anyhow::Result<u16> {
        self.sender.ready().await?;
        let request = http::Request::get(path)
            .header(http::header::HOST, self.addr.to_string())
            .body(Full::new(Bytes::new()))?;
        let response = self.sender.send_request(request).await?;
        let status = response.status().as_u16();
        response.into_body().collect().await?;
        Ok(status)
    }

    /// Posts `form` to `/api/{endpoint}` as `cookie`: the status and the answer's body. A
    /// connection the server closed is opened again once.
    pub async fn call(
        &mut self,
        endpoint: &str,
        cookie: &str,
        form: String,
    ) -> anyhow::Result<(u16, Bytes)> {
        if self.sender.ready().await.is_err() {
            *self = Conn::open(self.addr).await?;
        }
        let request = http::Request::post(format!("/api/{endpoint}"))
            .header(http::header::HOST, self.addr.to_string())
            .header(http::header::COOKIE, cookie)
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(http::header::ACCEPT, "application/json")
            .body(Full::new(Bytes::from(form)))?;
        let response = self.sender.send_request(request).await?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }
}

/// What one push stream heard: each message's arrival and the fills it carried (session, seats
/// taken).
pub type Heard = Vec<(Instant, Vec<(i64, i64)>)>;

/// Opens a push stream (`/events`) as `cookie` and reads it until `stop` says so.
pub async fn listen(
    addr: SocketAddr,
    cookie: String,
    mut stop: tokio::sync::watch::Receiver<bool>,
    opened: tokio::sync::mpsc::Sender<()>,
) -> anyhow::Result<Heard> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (mut sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let request = http::Request::get("/events")
        .header(http::header::HOST, addr.to_string())
        .header(http::header::COOKIE, cookie)
        .header(http::header::ACCEPT, "text/event-stream")
        .body(Empty::<Bytes>::new())?;
    let response = sender.send_request(request).await?;
    anyhow::ensure!(
        response.status() == 200,
        "the push stream answered {}",
        response.status()
    );
    let _ = opened.send(()).await;
    let mut body = response.into_body();
    let mut heard = Heard::new();
    let mut text = String::new();
    loop {
        let frame = tokio::select! {
            _ = stop.changed() => break,
            frame = body.frame() => frame,
        };
        let Some(Ok(frame)) = frame else { break };
        let Some(data) = frame.data_ref() else {
            continue;
        };
        let at = Instant::now();
        for m in crate::common::push_messages(&mut text, data) {
            if !m.fills.is_empty() {
                let fills = m
                    .fills
                    .iter()
                    .map(|f| (f.session_id.0, f.confirmed))
                    .collect();
                heard.push((at, fills));
            }
        }
    }
    Ok(heard)
}
