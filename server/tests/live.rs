//! The push route: only logged-in callers, only their program's events, bursts coalesced.

mod common;

use app::auth::domain::Role;
use app::auth::ssr::Staff;
use app::live::LiveMessage;
use app::server::Config;
use axum::body::Body;
use common::{TestApp, PW};
use http_body_util::BodyExt;
use std::time::Duration;
use tower::ServiceExt;

fn events_request(cookie: Option<&str>) -> http::Request<Body> {
    let mut req = http::Request::get("/events");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.body(Body::empty()).unwrap()
}

/// Reads the stream for `for_ms` and returns the messages it carried.
async fn read_messages(body: &mut Body, for_ms: u64) -> Vec<LiveMessage> {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_millis(for_ms);
    while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(deadline, body.frame()).await {
        if let Some(data) = frame.data_ref() {
            text.push_str(&String::from_utf8_lossy(data));
        }
    }
    text.lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .filter_map(|d| serde_json::from_str(d).ok())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_coordinator_hears_their_program_only_and_bursts_are_coalesced() {
    for app in TestApp::each(Config::default()).await {
        let anonymous = app
            .router
            .clone()
            .oneshot(events_request(None))
            .await
            .unwrap();
        assert_eq!(anonymous.status(), 401);

        let cookie = app.login("coordinator@demo.test", PW).await;
        let res = app
            .router
            .clone()
            .oneshot(events_request(Some(&cookie)))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        let mut body = res.into_body();

        let state = app.state.clone();
        let me = app
            .call("current-user", &[], Some(&cookie), None)
            .await
            .json();
        let im = me["program"]["id"].as_i64().unwrap();
        let director = state
            .repo
            .user_by_email(state.repo.pool(), "director@demo.test")
            .await
            .unwrap()
            .unwrap();
        let im_staff = Staff {
            user_id: director.id,
            program_id: im,
            role: Role::Director,
        };
        let im_session = app::sessions::ssr::save_session(
            &state,
            im_staff,
            None,
            "Burst day",
            "2027-02-02",
            "08:00",
            "12:00",
            "America/New_York",
            "50",
            true,
        )
        .await
        .unwrap();
        // Another program's change must not reach this coordinator.
        let cardiology = me["programs"].as_array().unwrap().len();
        assert_eq!(cardiology, 1);
        let (other_program, _) = app::programs::ssr::create_program(
            &state,
            "Elsewhere",
            "America/Chicago",
            "d@elsewhere.test",
            "D",
        )
        .await
        .unwrap();
        let other = Staff {
            user_id: director.id,
            program_id: other_program,
            role: Role::Director,
        };
        let other_session = app::sessions::ssr::save_session(
            &state,
            other,
            None,
            "Secret day",
            "2027-02-02",
            "08:00",
            "12:00",
            "America/Chicago",
            "5",
            true,
        )
        .await
        .unwrap();

        // A burst: 20 new applicants book the new session, as fast as they can.
        let emails: Vec<String> = (0..20).map(|i| format!("burst{i}@demo.test")).collect();
        for e in &emails {
            app::applicants::ssr::add_applicant(&state, im_staff, "Burst Person", e)
                .await
                .unwrap();
        }
        let rows = state.repo.applicants(im).await.unwrap();
        for e in &emails {
            let id = rows.iter().find(|a| &a.email == e).unwrap().id;
            app::applicants::ssr::mark_invited(&state, im_staff, id)
                .await
                .unwrap();
            app::applicants::ssr::send_invitation(&state, im_staff, id)
                .await
                .unwrap();
        }
        let setup = read_messages(&mut body, 400).await; // the set-up's own messages
        let sessions = state.repo.sessions(im).await.unwrap();
        let second = sessions
            .iter()
            .find(|s| s.id != im_session && s.visible != 0)
            .unwrap()
            .id;
        for e in &emails {
            app::applicants::ssr::submit_choices(&state, e, im, Some(im_session), Some(second))
                .await
                .unwrap();
        }
        let messages = read_messages(&mut body, 800).await;
        let fills: Vec<_> = messages
            .iter()
            .flat_map(|m| m.fills.iter())
            .filter(|f| f.session_id == im_session)
            .collect();
        assert!(!fills.is_empty(), "[{}] the fill arrived", app.db);
        assert_eq!(
            fills.last().unwrap().confirmed,
            20,
            "[{}] the latest state",
            app.db
        );
        assert!(
            fills.len() < 20,
            "[{}] {} messages for 20 bookings: coalesced",
            app.db,
            fills.len()
        );
        assert!(
            setup
                .iter()
                .any(|m| m.fills.iter().any(|f| f.session_id == im_session)),
            "[{}] the new session's fill arrived during set-up",
            app.db
        );
        assert!(
            setup
                .iter()
                .chain(&messages)
                .flat_map(|m| m.fills.iter())
                .all(|f| f.session_id != other_session),
            "[{}] another program's session leaked",
            app.db
        );
    }
}
