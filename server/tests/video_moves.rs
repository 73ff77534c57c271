//! Moved by the day clock, at the door (both databases): on the portal's own video, an
//! applicant let into their first room is told when their round ends and where their day takes
//! them then (the next place's link); in their last room, that their day is done then; and at a
//! room whose time for them is over, where to go now: the round under way elsewhere, or home.

use crate::common::TestApp;
use app::programs::domain::InterviewSetup;
use app::server::Config;
use chrono::{DateTime, Utc};
use serde_json::Value;

/// An interview stop of an itinerary: its link and times.
struct Stop {
    link: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

fn instant(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_door_tells_an_applicant_when_and_where_the_clock_moves_them() {
    let config = Config {
        test_clock: true,
        ..Config::default()
    };
    for app in TestApp::each(config).await {
        let db = app.db;
        app::seed::seed_demo(&app.state).await.unwrap();
        let p = app.demo_program().await;
        app::programs::ssr::save_settings(&p.state, p.director, true, InterviewSetup::PortalVideo)
            .await
            .unwrap();
        p.published_december(&["mover@demo.test"]).await;
        let cookie = app.sign_up("mover@demo.test").await;
        // Their day as their itinerary shows it: its places with a link, in order.
        let programs = app
            .call("my-programs", &[], Some(&cookie), None)
            .await
            .json();
        let stops: Vec<Stop> = programs[0]["itinerary"]["stops"]
            .as_array()
            .unwrap_or_else(|| panic!("[{db}] no itinerary: {programs}"))
            .iter()
            .filter_map(|s| {
                Some(Stop {
                    link: s["link"].as_str()?.to_string(),
                    starts_at: instant(&s["starts_at"]),
                    ends_at: instant(&s["ends_at"]),
                })
            })
            .collect();
        assert!(stops.len() >= 2, "[{db}] {programs}");
        let token = |s: &Stop| s.link.rsplit('/').next().unwrap().to_string();
        let door = |s: &Stop| {
            let (app, cookie, token) = (&app, cookie.clone(), token(s));
            async move {
                let r = app
                    .call("video-room", &[("token", &token)], Some(&cookie), None)
                    .await;
                assert_eq!(r.status, 200, "{}", r.body);
                r.json()
            }
        };
        let to = |ms: i64| app.state.clock.advance(ms);
        let now = || app.state.clock.now();
        // The first interview stop under way (a minute in).
        let first = stops
            .iter()
            .position(|s| s.link.contains("/video/"))
            .unwrap();
        let (here, next) = (&stops[first], &stops[first + 1]);
        to((here.starts_at - now()).num_milliseconds() + 60_000);
        let d = door(here).await;
        let leaving = &d["Enter"]["leaving"];
        assert_eq!(instant(&leaving["at"]), here.ends_at, "[{db}] {d}");
        assert_eq!(leaving["next"]["href"], next.link.as_str(), "[{db}] {d}");

        // The last stop under way: its end is the end of their day.
        let last = stops.last().unwrap();
        to((last.starts_at - now()).num_milliseconds() + 60_000);
        let d = door(last).await;
        assert_eq!(
            instant(&d["Enter"]["leaving"]["at"]),
            last.ends_at,
            "[{db}] {d}"
        );
        assert_eq!(d["Enter"]["leaving"]["next"], Value::Null, "[{db}] {d}");
        // The first room's link now: over, and on to the last, under way.
        let d = door(here).await;
        assert_eq!(
            d["Over"]["leaving"]["next"]["href"],
            last.link.as_str(),
            "[{db}] {d}"
        );

        // After the last: over, and home.
        to((last.ends_at - now()).num_milliseconds() + 1_000);
        let d = door(last).await;
        assert!(d["Over"]["why"].as_str().is_some(), "[{db}] {d}");
        assert!(d["Over"]["leaving"]["at"].is_string(), "[{db}] {d}");
        assert_eq!(d["Over"]["leaving"]["next"], Value::Null, "[{db}] {d}");
    }
}
