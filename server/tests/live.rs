//! The push route: only logged-in callers, only their program's events, bursts coalesced.

use crate::common;

use app::server::Config;
use common::{read_messages, TestApp, PW};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_coordinator_hears_their_program_only_and_bursts_are_coalesced() {
    for app in TestApp::each(Config::default()).await {
        assert_eq!(app.events(None).await.status(), 401);

        let cookie = app.login("coordinator@demo.test", PW).await;
        let res = app.events(Some(&cookie)).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        let mut body = res.into_body();

        let me = app
            .call("current-user", &[], Some(&cookie), None)
            .await
            .json();
        assert_eq!(me["programs"].as_array().unwrap().len(), 1);
        let im = app.demo_program().await;
        let im_session = im.session("Burst day", 50, true).await;
        // Another program's change must not reach this coordinator.
        let other = app.program("Elsewhere").await;
        let other_session = other.session("Secret day", 5, true).await;

        // A burst: 20 new applicants book the new session, as fast as they can.
        let mut bursts = Vec::new();
        for i in 0..20 {
            bursts.push(im.invited(&format!("burst{i}@demo.test")).await);
        }
        let setup = read_messages(&mut body, 400).await; // the set-up's own messages
        let sessions = im.state.repo.sessions(im.id()).await.unwrap();
        let second = sessions
            .iter()
            .find(|s| s.id != im_session && s.visible)
            .unwrap()
            .id;
        for b in &bursts {
            im.choose(&b.me, im_session, Some(second)).await.unwrap();
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_off_notices_are_never_merged_away() {
    use app::live::{Audience, Change, Event};
    for app in TestApp::each(Config::default()).await {
        let cookie = app.login("coordinator@demo.test", PW).await;
        let mut tab = app.open_events(&cookie).await;
        let to_me = |change| Event {
            audiences: vec![Audience::Person("coordinator@demo.test".into())],
            change,
        };
        // A burst: five notices between state changes, faster than the coalescing window.
        for i in 0..5 {
            app.state
                .hub
                .publish(to_me(Change::Notice(format!("notice {i}"))));
            app.state.hub.publish(to_me(Change::ApplicantsChanged));
        }
        let messages = read_messages(&mut tab, 600).await;
        let notices: Vec<&str> = messages
            .iter()
            .flat_map(|m| m.notices.iter().map(String::as_str))
            .collect();
        assert_eq!(
            notices,
            ["notice 0", "notice 1", "notice 2", "notice 3", "notice 4"],
            "[{}] every notice, once, in order",
            app.db
        );
        assert!(
            messages.len() <= 2,
            "[{}] still coalesced into few messages: {}",
            app.db,
            messages.len()
        );
    }
}
