//! Calendar feeds on both databases, read back with another crate's parser (`ical`): times in
//! UTC across a daylight-saving change, UID per person + session + round, SEQUENCE the version
//! in which an event last changed, removed events kept as cancelled, a day taken down
//! cancelled, the feed following the published version only; revoked, replaced, another
//! person's and guessed tokens.

use crate::common;

use app::day::domain::edit::Draft;
use app::day::ssr as day;
use app::itinerary::ssr as itinerary;
use app::server::Config;
use common::TestApp;
use std::collections::BTreeMap;

/// One parsed event: its properties by name.
type Props = BTreeMap<String, String>;

async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> common::Reply {
    let mut req = http::Request::get(path);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    app.send(req.body(axum::body::Body::empty()).unwrap()).await
}

/// The feed's events, parsed by `ical` (not the crate that wrote them), by UID.
fn events(text: &str) -> BTreeMap<String, Props> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser
        .next()
        .expect("a calendar")
        .expect("a valid calendar");
    assert!(parser.next().is_none(), "one calendar");
    calendar
        .events
        .into_iter()
        .map(|e| {
            // DTSTAMP is when the feed was written: left out, so two reads compare equal.
            let props: Props = e
                .properties
                .into_iter()
                .filter(|p| p.name != "DTSTAMP")
                .map(|p| (p.name, p.value.unwrap_or_default()))
                .collect();
            (props["UID"].clone(), props)
        })
        .collect()
}

async fn feed(app: &TestApp, url: &str) -> BTreeMap<String, Props> {
    let path = url
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();
    let r = get(app, &path, None).await;
    assert_eq!(r.status, 200, "[{}] {}", app.db, r.body);
    events(&r.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feed_follows_the_published_versions_in_utc_and_cancels_what_a_publish_removed() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        // 15 March 2027: New York is on daylight time since the 14th (UTC-4).
        let (p, s, people, _) = app.two_room_day("2027-03-15").await;
        let ana = &people[0];
        let cookie = app.sign_up(&ana.me.email).await;
        let link = app
            .call("new-calendar-link", &[], Some(&cookie), None)
            .await;
        assert_eq!(link.status, 200, "[{db}] {}", link.body);
        let url: String = serde_json::from_str(&link.body).unwrap();
        assert!(url.contains("/calendar/"), "[{db}] {url}");

        // Nothing is published: an empty calendar (the draft never shows).
        assert!(
            feed(&app, &url).await.is_empty(),
            "[{db}] no draft in the feed"
        );

        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        itinerary::finalize(&p.state, p.director, s, review.draft_version)
            .await
            .unwrap();
        let v1 = feed(&app, &url).await;
        assert_eq!(v1.len(), 2, "[{db}] Ana's two interviews: {v1:?}");
        for (uid, e) in &v1 {
            assert!(
                uid.starts_with("u") && uid.contains(&format!("-s{s}-round")),
                "[{db}] {uid}"
            );
            assert_eq!(e["SEQUENCE"], "1");
            assert_eq!(e["STATUS"], "CONFIRMED");
            assert!(e["DTSTART"].ends_with('Z'), "[{db}] UTC: {e:?}");
            assert!(e["SUMMARY"].starts_with("Interview: Round"));
            assert!(e["DESCRIPTION"].contains("With Dr."));
        }
        let first = v1.values().map(|e| e["DTSTART"].clone()).min().unwrap();
        assert_eq!(first.len(), 16);
        // Round 1 starts 08:00 in New York = 12:00 UTC on daylight time (13:00 the week before).
        let starts: Vec<&str> = v1.values().map(|e| e["DTSTART"].as_str()).collect();
        assert!(
            starts.iter().all(|t| t.starts_with("20270315T")),
            "[{db}] {starts:?}"
        );
        if v1.keys().any(|u| u.ends_with("-round1@interview-portal")) {
            assert!(starts.contains(&"20270315T120000Z"), "[{db}] {starts:?}");
        }

        // Move one of Ana's interviews to a free round of its room, and publish version 2.
        let seen = day::day_page(&p.state, p.director, s).await.unwrap();
        let d = Draft::new(seen.cells.iter().copied());
        let (from, to) = common::free_move(&seen, Some(ana.id))
            .expect("a free round for one of Ana's interviews");
        let edit = d.moving(ana.id, Some(from), Some(to)).unwrap();
        day::edit_cells(&p.state, p.director, s, &edit)
            .await
            .unwrap();
        // Still version 1 until published.
        assert_eq!(
            feed(&app, &url).await,
            v1,
            "[{db}] the draft never reaches the feed"
        );
        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        itinerary::finalize(&p.state, p.director, s, review.draft_version)
            .await
            .unwrap();
        let v2 = feed(&app, &url).await;
        let uid = |round: u16| {
            v1.keys()
                .chain(v2.keys())
                .find(|u| u.ends_with(&format!("-round{}@interview-portal", round + 1)))
                .cloned()
                .unwrap()
        };
        let (gone, added) = (uid(from.round), uid(to.round));
        assert_eq!(v2[&gone]["STATUS"], "CANCELLED", "[{db}] {v2:?}");
        assert_eq!(v2[&gone]["SEQUENCE"], "2");
        assert_eq!(v2[&added]["STATUS"], "CONFIRMED");
        assert_eq!(v2[&added]["SEQUENCE"], "2");
        let kept: Vec<&String> = v2.keys().filter(|u| **u != gone && **u != added).collect();
        assert_eq!(kept.len(), 1, "[{db}] {v2:?}");
        assert_eq!(
            v2[kept[0]]["SEQUENCE"], "1",
            "[{db}] unchanged: its sequence stays"
        );

        // The one-off download for the logged-in person: the same events, as a file.
        let file = get(&app, "/calendar.ics", Some(&cookie)).await;
        assert_eq!(file.status, 200);
        assert_eq!(
            events(&file.body).keys().collect::<Vec<_>>(),
            v2.keys().collect::<Vec<_>>()
        );

        // Taken down: every event cancelled, those still on in a later sequence.
        itinerary::unfinalize(&p.state, p.director, s)
            .await
            .unwrap();
        let down = feed(&app, &url).await;
        assert!(
            down.values().all(|e| e["STATUS"] == "CANCELLED"),
            "[{db}] {down:?}"
        );
        assert_eq!(
            down[&added]["SEQUENCE"], "3",
            "[{db}] cancelled after version 2"
        );
        assert_eq!(
            down[&gone]["SEQUENCE"], "2",
            "[{db}] already cancelled by version 2"
        );

        // Another person's link shows their own days only; a new link replaces the old one;
        // a revoked or guessed token answers 404.
        let other = app.sign_up(&people[1].me.email).await;
        let theirs: String = serde_json::from_str(
            &app.call("new-calendar-link", &[], Some(&other), None)
                .await
                .body,
        )
        .unwrap();
        assert!(feed(&app, &theirs)
            .await
            .keys()
            .all(|u| !v2.contains_key(u)));
        let replaced: String = serde_json::from_str(
            &app.call("new-calendar-link", &[], Some(&cookie), None)
                .await
                .body,
        )
        .unwrap();
        let path = |u: &str| format!("/calendar/{}", u.rsplit('/').next().unwrap());
        assert_eq!(
            get(&app, &path(&url), None).await.status,
            404,
            "[{db}] replaced"
        );
        assert_eq!(get(&app, &path(&replaced), None).await.status, 200);
        assert_eq!(
            app.call("revoke-calendar-link", &[], Some(&cookie), None)
                .await
                .status,
            200
        );
        assert_eq!(
            get(&app, &path(&replaced), None).await.status,
            404,
            "[{db}] revoked"
        );
        assert_eq!(
            get(&app, &format!("/calendar/{}", "0".repeat(64)), None)
                .await
                .status,
            404,
            "[{db}] guessed"
        );
        assert_eq!(get(&app, "/calendar.ics", None).await.status, 401);
    }
}
