//! The portal's video, first part: the media server started on an ephemeral port, a malformed
//! and an oversized offer refused with a 400 that says so (the server keeps serving), and a
//! real WebRTC peer (str0m, as a browser would be) connecting over UDP on loopback: its offer
//! answered, ICE and DTLS completed, and the sound it sends coming back to it (the setup
//! check's echo).

use app::error::AppError;
use app::media::{Part, SfuCell, VideoConfig, MAX_OFFER_BYTES};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use str0m::change::SdpAnswer;
use str0m::media::{Direction, MediaKind, MediaTime};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, Input, Output, Rtc};

fn config() -> VideoConfig {
    VideoConfig {
        udp_port: 0,
        public_ip: [127, 0, 0, 1].into(),
    }
}

#[tokio::test]
async fn bad_offers_are_refused_and_a_peer_gets_its_sound_back() {
    let cell = SfuCell::default();
    let sfu = cell.get(config()).await.expect("the video server starts");
    for bad in ["", "{", "{\"type\":\"offer\",\"sdp\":\"v=0\"}", "[1,2,3]"] {
        let refused = sfu.join(bad, Part::Echo).await;
        assert!(
            matches!(refused, Err(AppError::BadRequest(ref m)) if m.starts_with("The browser's offer")),
            "{bad:?}: {:?}",
            refused.map(|r| r.0)
        );
    }
    let huge = format!(
        "{{\"type\":\"offer\",\"sdp\":\"{}\"}}",
        "a".repeat(MAX_OFFER_BYTES)
    );
    assert!(matches!(
        sfu.join(&huge, Part::Echo).await,
        Err(AppError::BadRequest(_))
    ));

    // A peer on loopback, as a browser: one line of sound, sent and received.
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let here: SocketAddr = socket.local_addr().unwrap();
    let mut peer = Rtc::builder().build(Instant::now());
    peer.add_local_candidate(Candidate::host(here, "udp").unwrap());
    let mut change = peer.sdp_api();
    let mid = change.add_media(MediaKind::Audio, Direction::SendRecv, None, None, None);
    let (offer, pending) = change.apply().unwrap();
    let (answer, joined) = sfu
        .join(&serde_json::to_string(&offer).unwrap(), Part::Echo)
        .await
        .expect("a good offer is answered");
    let answer: SdpAnswer = serde_json::from_str(&answer).unwrap();
    peer.sdp_api().accept_answer(pending, answer).unwrap();

    let start = Instant::now();
    let mut buf = vec![0u8; 2000];
    let mut sent = 0u64;
    let mut echoed = 0usize;
    while start.elapsed() < Duration::from_secs(15) && echoed < 20 {
        // What the peer has to send, then its next wake-up.
        let wake = loop {
            match peer.poll_output().unwrap() {
                Output::Timeout(t) => break t,
                Output::Transmit(t) => {
                    socket.send_to(&t.contents, t.destination).await.unwrap();
                }
                Output::Event(Event::MediaData(data)) => {
                    assert_eq!(data.mid, mid);
                    assert_eq!(&data.data[..4], &[7, 7, 7, 7]);
                    echoed += 1;
                }
                Output::Event(_) => {}
            }
        };
        if peer.is_connected() {
            // 20 ms of "sound" (the server forwards bytes; it never decodes them).
            let writer = peer.writer(mid).unwrap();
            let pt = writer.payload_params().next().unwrap().pt();
            let at = MediaTime::from_millis(sent * 20);
            writer.write(pt, Instant::now(), at, vec![7u8; 40]).unwrap();
            sent += 1;
        }
        let wait = wake
            .saturating_duration_since(Instant::now())
            .min(Duration::from_millis(20))
            .max(Duration::from_millis(1));
        match tokio::time::timeout(wait, socket.recv_from(&mut buf)).await {
            Ok(Ok((n, from))) => {
                let input = Input::Receive(
                    Instant::now(),
                    Receive {
                        proto: Protocol::Udp,
                        source: from,
                        destination: here,
                        contents: buf[..n].try_into().unwrap(),
                    },
                );
                peer.handle_input(input).unwrap();
            }
            _ => peer.handle_input(Input::Timeout(Instant::now())).unwrap(),
        }
    }
    assert!(
        echoed >= 20,
        "the sound came back: {echoed} packets of {sent} sent"
    );
    drop(joined);

    // The server still serves after all that: a second peer's offer is answered.
    let mut second = Rtc::builder().build(Instant::now());
    let mut change = second.sdp_api();
    change.add_media(MediaKind::Video, Direction::SendRecv, None, None, None);
    let (offer, _) = change.apply().unwrap();
    assert!(sfu
        .join(&serde_json::to_string(&offer).unwrap(), Part::Echo)
        .await
        .is_ok());
}

#[tokio::test]
async fn the_signalling_takes_the_portals_own_pages_only() {
    use crate::common::TestApp;
    for app in TestApp::each(app::server::Config::default()).await {
        let db = app.db;
        let cookie = app
            .login("interviewer1@demo.test", app::seed::DEMO_PASSWORD)
            .await;
        let get = |origin: Option<&str>, cookie: Option<&str>| {
            let mut req =
                http::Request::get("/video/check/signal").header("host", "127.0.0.1:3000");
            if let Some(o) = origin {
                req = req.header("origin", o);
            }
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            req.body(axum::body::Body::empty()).unwrap()
        };
        // Another site's page, with the person's cookie: refused before any upgrade.
        let r = app
            .send(get(Some("https://evil.example"), Some(&cookie)))
            .await;
        assert_eq!(r.status, 403, "[{db}] {}", r.body);
        // The portal's own page (its PUBLIC_URL, or the host asked): let through (426 here, a
        // plain request and no upgrade).
        for origin in ["http://127.0.0.1:3000", "HTTP://127.0.0.1:3000"] {
            let r = app.send(get(Some(origin), Some(&cookie))).await;
            assert_eq!(r.status, 426, "[{db}] {origin}: {}", r.body);
        }
        // Nobody logged in: 401.
        let r = app.send(get(Some("http://127.0.0.1:3000"), None)).await;
        assert_eq!(r.status, 401, "[{db}] {}", r.body);
    }
}
