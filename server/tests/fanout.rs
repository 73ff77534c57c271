//! Two server instances on one PostgreSQL database: a change on one reaches the streams of the
//! other (LISTEN/NOTIFY), an instance ignores its own echoes, and a dropped connection ends in a
//! resync instead of silently lost updates. SQLite stays one process.

use crate::common;

use app::ids::SessionId;
use app::live::{Audience, Change, Event, LiveMessage};
use app::server::Config;
use app::sessions::domain::Fill;
use common::{read_messages, TestApp, PW};
use server::fanout::{self, FanOut};
use sqlx::Connection;
use std::time::Duration;
use tokio::sync::broadcast;

/// Two instances on one seeded Postgres database, both fanning out.
async fn two_instances() -> (TestApp, FanOut, TestApp, FanOut) {
    let a = TestApp::new("postgres", Config::default()).await;
    app::seed::seed_demo(&a.state).await.expect("seed");
    let b = a.another_instance().await;
    let fa = fanout::start(&a.state.hub, &a.url)
        .await
        .unwrap()
        .expect("PostgreSQL fans out");
    let fb = fanout::start(&b.state.hub, &b.url)
        .await
        .unwrap()
        .expect("PostgreSQL fans out");
    assert_ne!(fa.instance, fb.instance, "each instance has its own id");
    (a, fa, b, fb)
}

/// The events an instance's hub delivered within `ms`.
async fn delivered(rx: &mut broadcast::Receiver<Event>, ms: u64) -> Vec<Event> {
    let deadline = tokio::time::Instant::now() + Duration::from_millis(ms);
    let mut out = Vec::new();
    while let Ok(Ok(e)) = tokio::time::timeout_at(deadline, rx.recv()).await {
        out.push(e);
    }
    out
}

/// The last fill of `session` among a tab's messages.
fn latest_fill(messages: &[LiveMessage], session: SessionId) -> Option<Fill> {
    messages
        .iter()
        .flat_map(|m| m.fills.iter())
        .rfind(|f| f.session_id == session)
        .copied()
}

/// Ends the database connections with this `application_name`; how many it ended.
async fn terminate(url: &str, application_name: &str) -> usize {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let ended: Vec<(bool,)> = sqlx::query_as(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
    )
    .bind(application_name)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    ended.into_iter().filter(|(done,)| *done).count()
}

#[tokio::test]
async fn sqlite_has_nothing_to_fan_out_to() {
    let app = TestApp::new("sqlite", Config::default()).await;
    assert!(fanout::start(&app.state.hub, &app.url)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_event_reaches_every_instance_once() {
    let (a, _, b, _) = two_instances().await;
    let mut on_a = a.state.hub.subscribe();
    let mut on_b = b.state.hub.subscribe();
    let event = Event {
        audiences: vec![Audience::Person("someone@demo.test".into())],
        change: Change::ApplicantsChanged,
    };
    a.state.hub.publish(event.clone());
    assert_eq!(
        delivered(&mut on_b, 1500).await,
        vec![event.clone()],
        "the other instance hears it once"
    );
    assert_eq!(
        delivered(&mut on_a, 300).await,
        vec![event],
        "the instance that published it hears it once: its own echo is ignored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_booking_on_one_instance_reaches_a_tab_on_the_other() {
    let (a, _, b, fb) = two_instances().await;
    // One login, a tab on each instance (logins live in the database).
    let cookie = a.login("coordinator@demo.test", PW).await;
    let mut tab_a = a.open_events(&cookie).await;
    let mut tab_b = b.open_events(&cookie).await;
    let im = a.demo_program().await;
    let session = im.session("Fan-out day", 10, true).await;
    let other = im.session("Fan-out second day", 10, true).await;
    let invitee = im.invited("fan@demo.test").await;
    read_messages(&mut tab_a, 300).await;
    let set_up = read_messages(&mut tab_b, 300).await;
    assert!(
        set_up
            .iter()
            .any(|m| m.fills.iter().any(|f| f.session_id == session)),
        "the new session's fill reached the other instance's tab"
    );

    im.choose(&invitee.me, session, Some(other)).await.unwrap();
    let heard = read_messages(&mut tab_b, 800).await;
    let last_fill = latest_fill(&heard, session)
        .unwrap_or_else(|| panic!("the booking's fill reached the other instance: {heard:?}"));
    assert_eq!(last_fill.confirmed, 1);
    assert!(heard.iter().any(|m| m.applicants_changed));
    assert!(
        !heard.iter().any(|m| m.resync),
        "no resync while all is well"
    );

    // The other instance's listener loses its connection: its tabs are told to resync.
    assert_eq!(terminate(&b.url, &fb.listener_name()).await, 1);
    let after_drop = read_messages(&mut tab_b, 3000).await;
    assert!(
        after_drop.iter().any(|m| m.resync),
        "a tab on the instance whose listener dropped resyncs: {after_drop:?}"
    );
    assert!(
        !read_messages(&mut tab_a, 100)
            .await
            .iter()
            .any(|m| m.resync),
        "the other instance did not lose anything"
    );

    // And it listens again: the next booking arrives.
    let second = im.invited("fan2@demo.test").await;
    read_messages(&mut tab_b, 300).await;
    im.choose(&second.me, session, Some(other)).await.unwrap();
    let heard = read_messages(&mut tab_b, 800).await;
    assert_eq!(
        latest_fill(&heard, session).map(|f| f.confirmed),
        Some(2),
        "after the reconnect, changes arrive again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn events_lost_on_the_way_out_end_in_a_resync_on_the_other_instance() {
    let (a, fa, b, _) = two_instances().await;
    let mut on_b = b.state.hub.subscribe();
    // The relay's connection is opened on first use.
    a.state.hub.publish(Event::resync());
    assert_eq!(delivered(&mut on_b, 1500).await, vec![Event::resync()]);

    let relay = format!("portal-notify-{}", fa.instance);
    assert_eq!(terminate(&a.url, &relay).await, 1);
    let lost = Event {
        audiences: vec![Audience::Person("someone@demo.test".into())],
        change: Change::ApplicantsChanged,
    };
    a.state.hub.publish(lost);
    assert_eq!(
        delivered(&mut on_b, 4000).await,
        vec![Event::resync()],
        "the event could not be sent; the other instance is told to resync instead"
    );
}
