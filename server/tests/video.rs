//! The portal's video: the media server started on an ephemeral port, a malformed and an
//! oversized offer refused with a 400 that says so (the server keeps serving), and real WebRTC
//! peers (str0m, as browsers would be) over UDP on loopback: one gets the sound it sends back
//! (the setup check's echo); three in a room each get the other two's sound on lines of their
//! own, named by the room's news, and a fourth in another room gets none of it; one leaving is
//! news to the others.

use crate::common::peer::Peer;
use app::error::AppError;
use app::media::{Part, RoomNews, SfuCell, VideoConfig, MAX_OFFER_BYTES};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use str0m::change::SdpAnswer;
use str0m::media::{Direction, MediaKind, MediaTime};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, Input, Output, Rtc};

fn config() -> VideoConfig {
    VideoConfig {
        udp_port: 0,
        tcp_port: Some(0),
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

#[tokio::test]
async fn members_of_a_room_hear_each_other_on_lines_of_their_own_and_no_other_room() {
    let cell = SfuCell::default();
    let sfu = cell.get(config()).await.unwrap();
    let mut peers = Vec::new();
    for (tag, room) in [(1, "red"), (2, "red"), (3, "red"), (4, "blue")] {
        peers.push(Peer::join(&sfu, tag, room).await);
    }
    let start = Instant::now();
    let heard_all = |peers: &[Peer]| {
        peers[..3].iter().all(|p| p.tags_from().len() == 2) && peers[0].got.len() > 40
    };
    while start.elapsed() < Duration::from_secs(20) && !heard_all(&peers) {
        for p in &mut peers {
            p.turn();
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    for p in &peers[..3] {
        let others: std::collections::BTreeSet<u8> =
            [1, 2, 3].into_iter().filter(|t| *t != p.tag).collect();
        assert_eq!(p.tags_from(), others, "peer {} hears the other two", p.tag);
        // Each sender on a line of its own.
        for t in &others {
            let lines: std::collections::BTreeSet<_> = p
                .got
                .iter()
                .filter(|(_, g)| g == t)
                .map(|(m, _)| *m)
                .collect();
            assert_eq!(lines.len(), 1, "peer {} hears {t} on one line", p.tag);
        }
        assert!(
            p.got.iter().all(|(m, _)| *m != p.send),
            "nothing comes back on one's own sending line"
        );
    }
    assert!(peers[3].got.is_empty(), "the other room hears nothing");
    // The room's news: each member is told who the other two are, in slots 0 and 1.
    let mut news: Vec<Vec<RoomNews>> = peers.iter_mut().map(Peer::news).collect();
    for (i, n) in news.iter().enumerate().take(3) {
        let mut names: Vec<(usize, String)> = n
            .iter()
            .filter_map(|x| match x {
                RoomNews::Arrived { slot, shown } => Some((*slot, shown.name.clone())),
                RoomNews::Left { .. } => None,
            })
            .collect();
        names.sort();
        assert_eq!(names.len(), 2, "peer {}: {n:?}", i + 1);
        assert_eq!(
            names.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            [0, 1],
            "peer {}",
            i + 1
        );
    }
    assert!(news[3].is_empty());
    // Peer 3 leaves: the other two are told its slot is free.
    peers[2].joined.take();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        for p in &mut peers[..2] {
            p.turn();
        }
        news = peers.iter_mut().map(Peer::news).collect();
        if news[..2]
            .iter()
            .all(|n| n.iter().any(|x| matches!(x, RoomNews::Left { .. })))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    for (i, n) in news.iter().enumerate().take(2) {
        assert!(
            n.iter().any(|x| matches!(x, RoomNews::Left { .. })),
            "peer {} hears that peer 3 left: {n:?}",
            i + 1
        );
    }
}

/// A caller as the login session gives it: staff of `program` acting as `role`, or (no program)
/// someone logging in with `email`.
fn caller(
    user: app::ids::UserId,
    email: &str,
    program: Option<(app::ids::ProgramId, app::auth::domain::Role)>,
) -> app::auth::ssr::Caller {
    app::auth::ssr::Caller {
        token_hash: String::new(),
        user_id: user,
        email: email.into(),
        name: String::new(),
        program_id: program.map(|p| p.0),
        program_name: None,
        own_role: program.map(|p| p.1),
        switched: None,
        last_seen_at: None,
    }
}

#[tokio::test]
async fn who_may_enter_a_room_follows_the_published_day_the_clock_and_ready() {
    use app::auth::domain::Role;
    use app::timetrack::domain::RoomStatus;
    use app::video::domain::{Door, Part as At, NOT_YOURS};
    use app::video::ssr::door_for;
    let config = app::server::Config {
        test_clock: true,
        ..app::server::Config::default()
    };
    for app in crate::common::TestApp::each(config).await {
        let db = app.db;
        let (p, s, _people, _faculty) = app.two_room_day("2027-03-23").await;
        let state = &p.state;
        let review = app::itinerary::ssr::review(state, p.director, s)
            .await
            .unwrap();
        app::itinerary::ssr::finalize(state, p.director, s, review.draft_version)
            .await
            .unwrap();
        let row = state.repo.published(s).await.unwrap().unwrap();
        let day = app::itinerary::domain::Published::read(&row.body).unwrap();
        // Room A, its interviewer, the applicant of its first round, and their token.
        let room = &day.rooms[0];
        let other = &day.rooms[1];
        let first = day.stretches.iter().find(|x| x.round.is_some()).unwrap();
        let round = first.round.unwrap();
        let slot = day
            .slots
            .iter()
            .find(|x| x.room == room.id && x.round == round)
            .expect("someone in room A's first round");
        let (token,): (String,) = sqlx::query_as("SELECT video_token FROM rooms WHERE id = $1")
            .bind(room.id)
            .fetch_one(state.repo.pool())
            .await
            .unwrap();
        let (email,): (String,) = sqlx::query_as("SELECT email FROM applicants WHERE id = $1")
            .bind(slot.applicant)
            .fetch_one(state.repo.pool())
            .await
            .unwrap();
        let program = p.id();
        let interviewer = room.interviewers[0].id;
        let applicant = caller(app::ids::UserId(0), &email, None);
        let at = |c: app::auth::ssr::Caller, t: String| async move {
            door_for(state, &c, &t).await.unwrap()
        };

        // Before the day: coordinators and the room's interviewer in; the applicant waits for
        // their round; another room's interviewer, a stranger and an unknown link refused.
        let director = caller(p.director.user_id, "", Some((program, Role::Director)));
        assert_eq!(
            at(director, token.clone()).await,
            Door::Enter(At::Coordinator),
            "[{db}]"
        );
        let ivy = caller(interviewer, "", Some((program, Role::Interviewer)));
        assert_eq!(
            at(ivy.clone(), token.clone()).await,
            Door::Enter(At::Interviewer),
            "[{db}]"
        );
        if let Some(oz) = other
            .interviewers
            .iter()
            .find(|i| !room.interviewers.iter().any(|r| r.id == i.id))
        {
            let oz = caller(oz.id, "", Some((program, Role::Interviewer)));
            assert_eq!(
                at(oz, token.clone()).await,
                Door::Refused(NOT_YOURS.into()),
                "[{db}]"
            );
        }
        assert!(
            matches!(at(applicant.clone(), token.clone()).await, Door::Wait { until, .. } if until == first.starts_at),
            "[{db}]"
        );
        let stranger = p.invited("stranger@example.org").await;
        let stranger = caller(app::ids::UserId(0), &stranger.me.email, None);
        assert_eq!(
            at(stranger, token.clone()).await,
            Door::Refused(NOT_YOURS.into()),
            "[{db}]"
        );
        assert_eq!(
            at(applicant.clone(), "0123456789abcdef".into()).await,
            Door::Refused(NOT_YOURS.into()),
            "[{db}]"
        );

        // The room Ready for its (next) round: the applicant is let in early.
        let mut tx = state.repo.begin_write().await.unwrap();
        state
            .repo
            .save_room_status(&mut tx, s, room.id, round, RoomStatus::Ready, interviewer)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            at(applicant.clone(), token.clone()).await,
            Door::Enter(At::Applicant),
            "[{db}]"
        );

        // During the round: in; after the applicant's last round in this room: closed to them.
        let to = |t: chrono::DateTime<chrono::Utc>| {
            state
                .clock
                .advance((t - state.clock.now()).num_milliseconds())
        };
        to(first.starts_at + chrono::Duration::minutes(1));
        assert_eq!(
            at(applicant.clone(), token.clone()).await,
            Door::Enter(At::Applicant),
            "[{db}]"
        );
        let last_here = day
            .slots
            .iter()
            .filter(|x| x.room == room.id && x.applicant == slot.applicant)
            .filter_map(|x| day.stretches.iter().find(|st| st.round == Some(x.round)))
            .map(|st| st.ends_at)
            .max()
            .unwrap();
        to(last_here + chrono::Duration::minutes(1));
        assert!(
            matches!(at(applicant.clone(), token.clone()).await, Door::Over(w) if w.contains("over")),
            "[{db}]"
        );
        // The interviewer stays.
        assert_eq!(
            at(ivy, token.clone()).await,
            Door::Enter(At::Interviewer),
            "[{db}]"
        );
        state.clock.reset();
    }
}

/// Members are told who is in the room as they join, before any media: one whose camera and
/// microphone are off (or blocked) is in the room too, and a coordinator is announced at once.
#[tokio::test]
async fn members_are_told_who_joins_before_any_media() {
    let cell = SfuCell::default();
    let sfu = cell.get(config()).await.unwrap();
    let mut first = Peer::join(&sfu, 1, "quiet").await;
    let mut second = Peer::join(&sfu, 2, "quiet").await;
    let mut elsewhere = Peer::join(&sfu, 3, "other").await;
    // No turn taken: no connection, no media, only the media server's own loop.
    let start = Instant::now();
    let (mut told_first, mut told_second) = (Vec::new(), Vec::new());
    while start.elapsed() < Duration::from_secs(5)
        && (told_first.is_empty() || told_second.is_empty())
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
        told_first.extend(first.news());
        told_second.extend(second.news());
    }
    let arrived = |news: &[RoomNews]| -> Vec<(usize, String)> {
        news.iter()
            .filter_map(|n| match n {
                RoomNews::Arrived { slot, shown } => Some((*slot, shown.name.clone())),
                RoomNews::Left { .. } => None,
            })
            .collect()
    };
    assert_eq!(arrived(&told_first), [(0, "Peer 2".to_string())]);
    assert_eq!(arrived(&told_second), [(0, "Peer 1".to_string())]);
    assert!(elsewhere.news().is_empty(), "another room hears of nobody");
    assert!(
        first.got.is_empty() && second.got.is_empty(),
        "no media was needed"
    );
}

/// A browser whose network blocks UDP reaches the media server over TCP (ICE-TCP, the answer's
/// passive candidate): it and a member over UDP hear each other.
#[tokio::test]
async fn a_member_over_tcp_and_one_over_udp_hear_each_other() {
    let cell = SfuCell::default();
    let sfu = cell.get(config()).await.unwrap();
    let mut peers = vec![
        Peer::join_tcp(&sfu, 1, "tcp room").await,
        Peer::join(&sfu, 2, "tcp room").await,
    ];
    let start = Instant::now();
    let heard = |peers: &[Peer]| peers.iter().all(|p| p.got.len() > 20);
    while start.elapsed() < Duration::from_secs(20) && !heard(&peers) {
        for p in &mut peers {
            p.turn();
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(
        peers[0].tags_from(),
        [2].into(),
        "the TCP member hears the UDP one"
    );
    assert_eq!(
        peers[1].tags_from(),
        [1].into(),
        "the UDP member hears the TCP one"
    );
}
