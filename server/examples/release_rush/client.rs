//! The rush's HTTP side, as browsers make it: keep-alive HTTP/1.1 connections (hyper's client
//! connection, one per booking worker and one per push stream), the login cookie on every
//! request, server functions called with a form and answered in JSON, push streams read as
//! server-sent events.

use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::rustls;

/// Where the rush connects: a server's own port, or the reverse proxy's over TLS (HTTP/1.1, as
/// ALPN asks), trusting the proxy's certificate.
#[derive(Clone)]
pub struct Target {
    pub addr: SocketAddr,
    tls: Option<tokio_rustls::TlsConnector>,
}

impl From<SocketAddr> for Target {
    fn from(addr: SocketAddr) -> Target {
        Target { addr, tls: None }
    }
}

impl Target {
    /// `addr` over TLS, its certificate `cert` (DER) the one trusted.
    pub fn tls(addr: SocketAddr, cert: Vec<u8>) -> anyhow::Result<Target> {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(rustls::pki_types::CertificateDer::from(cert))?;
        let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Target {
            addr,
            tls: Some(tokio_rustls::TlsConnector::from(Arc::new(config))),
        })
    }

    /// A new connection, TLS when the target is the proxy.
    async fn connect(&self) -> anyhow::Result<TokioIo<Box<dyn Io>>> {
        let stream = TcpStream::connect(self.addr).await?;
        stream.set_nodelay(true)?;
        let io: Box<dyn Io> = match &self.tls {
            None => Box::new(stream),
            Some(tls) => {
                let name = rustls::pki_types::ServerName::IpAddress(self.addr.ip().into());
                Box::new(tls.connect(name, stream).await?)
            }
        };
        Ok(TokioIo::new(io))
    }
}

pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// One keep-alive connection to the server.
pub struct Conn {
    target: Target,
    sender: http1::SendRequest<Full<Bytes>>,
}

impl Conn {
    pub async fn open(target: impl Into<Target>) -> anyhow::Result<Conn> {
        let target = target.into();
        let (sender, connection) = http1::handshake(target.connect().await?).await?;
        tokio::spawn(connection);
        Ok(Conn { target, sender })
    }

    /// The status of a GET of `path` (the server's `/health`).
    pub async fn status_of(&mut self, path: &str) -> anyhow::Result<u16> {
        self.sender.ready().await?;
        let request = http::Request::get(path)
            .header(http::header::HOST, self.target.addr.to_string())
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
        self.post(&format!("/api/{endpoint}"), cookie, form).await
    }

    /// Posts `form` to `path` as `cookie` (a server function's route, or the test clock's).
    pub async fn post(
        &mut self,
        path: &str,
        cookie: &str,
        form: String,
    ) -> anyhow::Result<(u16, Bytes)> {
        if self.sender.ready().await.is_err() {
            *self = Conn::open(self.target.clone()).await?;
        }
        let request = http::Request::post(path)
            .header(http::header::HOST, self.target.addr.to_string())
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

/// Opens a push stream (`/events`) as `cookie` and reads it until `stop` says so: the fills.
pub async fn listen(
    target: Target,
    cookie: String,
    mut stop: tokio::sync::watch::Receiver<bool>,
    opened: tokio::sync::mpsc::Sender<()>,
) -> anyhow::Result<Heard> {
    let mut messages = stream(&target, &cookie).await?;
    let _ = opened.send(()).await;
    let mut heard = Heard::new();
    loop {
        let (at, m) = tokio::select! {
            _ = stop.changed() => break,
            m = messages.recv() => match m {
                Some(m) => m,
                None => break,
            },
        };
        if !m.fills.is_empty() {
            let fills = m
                .fills
                .iter()
                .map(|f| (f.session_id.0, f.confirmed))
                .collect();
            heard.push((at, fills));
        }
    }
    Ok(heard)
}

/// A push stream's messages as they arrive, with their arrival.
pub type Messages = tokio::sync::mpsc::UnboundedReceiver<(Instant, app::live::LiveMessage)>;

/// Opens a push stream (`/events`) as `cookie`: its messages as they arrive. The channel closes
/// when the server ends the stream (or dies); dropping it closes the stream.
pub async fn stream(target: &Target, cookie: &str) -> anyhow::Result<Messages> {
    let (mut sender, connection) = http1::handshake(target.connect().await?).await?;
    tokio::spawn(connection);
    let request = http::Request::get("/events")
        .header(http::header::HOST, target.addr.to_string())
        .header(http::header::COOKIE, cookie)
        .header(http::header::ACCEPT, "text/event-stream")
        .body(Empty::<Bytes>::new())?;
    let response = sender.send_request(request).await?;
    anyhow::ensure!(
        response.status() == 200,
        "the push stream answered {}",
        response.status()
    );
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let mut body = response.into_body();
    tokio::spawn(async move {
        let mut text = String::new();
        while let Some(Ok(frame)) = body.frame().await {
            let Some(data) = frame.data_ref() else {
                continue;
            };
            let at = Instant::now();
            for m in super::common::push_messages(&mut text, data) {
                if tx.send((at, m)).is_err() {
                    return;
                }
            }
        }
    });
    Ok(rx)
}
