//! A video room's signalling over a real WebSocket, on both databases: the demo's December day
//! published, the server listening on loopback. Its interviewer and a coordinator join with
//! their browsers' offers (WebRTC peers on loopback), are answered, each is told who the other
//! is ("Coordinator" for the coordinator) and hears them; leaving is news. The
//! door comes first: a visitor 401; an applicant of the day before their round, an applicant
//! not on it, a staff member not on the room, and an unknown link 403 with why; a link no room
//! could have 400; an oversized offer is refused in words and the server keeps serving.

use crate::common::peer::Peer;
use crate::common::TestApp;
use app::media::VideoConfig;
use app::server::Config;
use futures::{SinkExt, StreamExt};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens `/video/{token}/signal` as the holder of `cookie`, from the portal's own page.
async fn open(at: SocketAddr, token: &str, cookie: &str) -> Socket {
    let mut req = format!("ws://{at}/video/{token}/signal")
        .into_client_request()
        .unwrap();
    req.headers_mut().insert("cookie", cookie.parse().unwrap());
    req.headers_mut()
        .insert("origin", format!("http://{at}").parse().unwrap());
    tokio_tungstenite::connect_async(req)
        .await
        .expect("the room lets them in")
        .0
}

/// The next message on `socket` within `wait`, as JSON.
async fn next(socket: &mut Socket, wait: Duration) -> Option<serde_json::Value> {
    match tokio::time::timeout(wait, socket.next()).await {
        Ok(Some(Ok(Message::Text(text)))) => serde_json::from_str(&text).ok(),
        _ => None,
    }
}

/// Joins with a fresh peer: the offer sent, the answer taken.
async fn join(socket: &mut Socket, tag: u8) -> Peer {
    let (mut peer, offer) = Peer::offer(tag);
    socket.send(Message::Text(offer.into())).await.unwrap();
    let answer = next(socket, Duration::from_secs(10))
        .await
        .expect("an answer");
    assert_eq!(answer["type"], "answer", "{answer}");
    peer.accept(&answer.to_string());
    peer
}

#[tokio::test]
async fn a_rooms_signalling_lets_in_by_its_door_answers_and_says_who_arrives_and_leaves() {
    for db in ["sqlite", "postgres"] {
        let config = Config {
            video: VideoConfig {
                udp_port: 0,
                tcp_port: Some(0),
                public_ip: [127, 0, 0, 1].into(),
            },
            ..Config::default()
        };
        let app = TestApp::new(db, config).await;
        app::seed::seed_demo(&app.state).await.unwrap();
        let p = app.demo_program().await;
        let december = p
            .published_december(&["room0@demo.test", "room1@demo.test"])
            .await;
        // A room of Dr. Sam Rivera's on that day, and its link.
        let (token,): (String,) = sqlx::query_as(
            "SELECT r.video_token FROM rooms r
             JOIN room_interviewers ri ON ri.room_id = r.id
             JOIN users u ON u.id = ri.user_id
             WHERE r.session_id = $1 AND u.email = 'interviewer1@demo.test'",
        )
        .bind(december)
        .fetch_one(app.state.repo.pool())
        .await
        .unwrap();

        // The door, before any upgrade (a plain request that passes is told 426).
        let pw = app::seed::DEMO_PASSWORD;
        let rivera = app.login("interviewer1@demo.test", pw).await;
        let coordinator = app.login("coordinator@demo.test", pw).await;
        let other_staff = app.login("interviewer2@demo.test", pw).await;
        let on_the_day = app.sign_up("room0@demo.test").await;
        p.invited("stranger@demo.test").await;
        let stranger = app.sign_up("stranger@demo.test").await;
        let get = |token: &str, cookie: Option<&str>| {
            let mut req = http::Request::get(format!("/video/{token}/signal"));
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            req.body(axum::body::Body::empty()).unwrap()
        };
        for (who, cookie, status, says) in [
            ("the interviewer", Some(&rivera), 426, ""),
            ("a coordinator", Some(&coordinator), 426, ""),
            ("a visitor", None, 401, ""),
            (
                "an applicant before their round",
                Some(&on_the_day),
                403,
                "round",
            ),
            (
                "an applicant not on the day",
                Some(&stranger),
                403,
                "not on your day",
            ),
            (
                "another interviewer",
                Some(&other_staff),
                403,
                "not on your day",
            ),
        ] {
            let r = app.send(get(&token, cookie.map(String::as_str))).await;
            assert_eq!(r.status, status, "[{db}] {who}: {}", r.body);
            assert!(r.body.contains(says), "[{db}] {who}: {}", r.body);
            if says == "not on your day" {
                assert!(!r.body.contains("Room"), "[{db}] {who}: {}", r.body);
            }
        }
        let r = app.send(get("unknown0000000000", Some(&rivera))).await;
        assert_eq!(r.status, 403, "[{db}] an unknown link: {}", r.body);
        let r = app.send(get("not-a-link", Some(&rivera))).await;
        assert_eq!(
            r.status, 400,
            "[{db}] a link no room could have: {}",
            r.body
        );

        // The server on loopback; the interviewer and a coordinator join.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let at = listener.local_addr().unwrap();
        let router = app.router.clone();
        let served = tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
        });
        let mut rivera_socket = open(at, &token, &rivera).await;
        let mut coordinator_socket = open(at, &token, &coordinator).await;
        let mut peers = [
            join(&mut rivera_socket, 1).await,
            join(&mut coordinator_socket, 2).await,
        ];
        let (mut rivera_heard, mut coordinator_heard) = (None, None);
        let start = Instant::now();
        // Told who arrived (as they join), then their sound (once connected).
        while start.elapsed() < Duration::from_secs(20)
            && (rivera_heard.is_none() || coordinator_heard.is_none() || peers[0].got.len() < 10)
        {
            for p in &mut peers {
                p.turn();
            }
            let wait = Duration::from_millis(5);
            if let Some(m) = next(&mut rivera_socket, wait).await {
                rivera_heard.get_or_insert(m);
            }
            if let Some(m) = next(&mut coordinator_socket, wait).await {
                coordinator_heard.get_or_insert(m);
            }
        }
        let rivera_heard = rivera_heard.expect("the interviewer hears who arrived");
        assert_eq!(rivera_heard["type"], "arrived", "[{db}] {rivera_heard}");
        assert_eq!(rivera_heard["name"], "Coordinator", "[{db}] {rivera_heard}");
        assert_eq!(rivera_heard["role"], "Coordinator", "[{db}] {rivera_heard}");
        let coordinator_heard = coordinator_heard.expect("the coordinator hears who arrived");
        assert_eq!(coordinator_heard["name"], "Dr. Sam Rivera", "[{db}]");
        assert_eq!(coordinator_heard["role"], "Interviewer", "[{db}]");
        assert_eq!(
            peers[0].tags_from(),
            [2].into(),
            "[{db}] the interviewer hears the coordinator"
        );

        // The coordinator closes their tab: the interviewer is told the slot is free.
        coordinator_socket.close(None).await.unwrap();
        let start = Instant::now();
        let mut left = None;
        while start.elapsed() < Duration::from_secs(10) && left.is_none() {
            peers[0].turn();
            left = next(&mut rivera_socket, Duration::from_millis(20))
                .await
                .filter(|m| m["type"] == "left");
        }
        assert_eq!(
            left.expect("news of leaving")["slot"],
            rivera_heard["slot"],
            "[{db}]"
        );

        // An oversized offer: refused in words, and the room still takes the next one.
        let mut big = open(at, &token, &coordinator).await;
        let huge = format!(
            "{{\"type\":\"offer\",\"sdp\":\"{}\"}}",
            "a".repeat(app::media::MAX_OFFER_BYTES)
        );
        big.send(Message::Text(huge.into())).await.unwrap();
        let refused = next(&mut big, Duration::from_secs(5)).await.expect("words");
        assert_eq!(refused["type"], "refused", "[{db}] {refused}");
        assert!(
            refused["why"].as_str().unwrap().contains("too large"),
            "[{db}] {refused}"
        );
        let mut again = open(at, &token, &coordinator).await;
        join(&mut again, 3).await;
        served.abort();
    }
}
