//! Live updates across instances on one PostgreSQL database. Each instance still publishes to
//! its own streams at once (the in-process hub); the hub also hands each event to a relay here,
//! which sends it with `NOTIFY portal_events` tagged with the instance's id. Every instance
//! `LISTEN`s on that channel and delivers what the others sent to its own streams, ignoring its
//! own echoes. SQLite stays one process: there is nothing to fan out to.
//!
//! Notifications are not stored: those sent while a listener's connection is down are lost.
//! So when the listener reconnects, every stream of the instance is sent a resync (the tabs
//! reload the true state), and when the relay could not send (the database was away, or the
//! relay fell behind), it tells the other instances to resync once it can.

use app::live::{Event, Hub};
use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgListener, PgPoolOptions};
use sqlx::ConnectOptions;
use std::hash::{BuildHasher, Hasher};
use std::str::FromStr;
use std::time::Duration;
use tokio::sync::mpsc;

/// The notification channel.
pub const CHANNEL: &str = "portal_events";

/// The largest payload sent (PostgreSQL refuses 8,000 bytes and more).
const MAX_PAYLOAD: usize = 7_000;

/// How many events the relay may hold while the database is slow; beyond that it owes a resync.
const RELAY_QUEUE: usize = 4096;

/// How long to wait before connecting again after the database went away.
const RETRY: Duration = Duration::from_secs(1);

/// One notification's payload: who sent it and what happened.
#[derive(Serialize, Deserialize)]
struct Envelope {
    from: String,
    events: Vec<Event>,
}

/// The fan-out of a running instance.
#[derive(Clone, Debug)]
pub struct FanOut {
    /// This instance's id, as it tags its notifications.
    pub instance: String,
}

impl FanOut {
    /// The `application_name` of this instance's listening connection (the tests end it to
    /// check the resync).
    pub fn listener_name(&self) -> String {
        format!("portal-listen-{}", self.instance)
    }
}

/// Starts the fan-out when `database_url` is PostgreSQL: `None` on SQLite. The listener is
/// listening when this returns, so no change made by another instance afterwards is missed.
pub async fn start(hub: &Hub, database_url: &str) -> anyhow::Result<Option<FanOut>> {
    if !(database_url.starts_with("postgres:") || database_url.starts_with("postgresql:")) {
        return Ok(None);
    }
    let fan_out = FanOut {
        instance: format!(
            "{:016x}",
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish()
        ),
    };
    let options = PgConnectOptions::from_str(database_url)?;
    let listener = listen(&options, &fan_out).await?;
    let (tx, rx) = mpsc::channel(RELAY_QUEUE);
    if !hub.set_relay(tx) {
        anyhow::bail!("the fan-out was started twice on one hub");
    }
    tokio::spawn(receive(
        listener,
        options.clone(),
        fan_out.clone(),
        hub.clone(),
    ));
    tokio::spawn(relay(rx, options, fan_out.clone(), hub.clone()));
    tracing::info!(instance = %fan_out.instance, "live updates fan out through PostgreSQL");
    Ok(Some(fan_out))
}

/// A listener on [`CHANNEL`], on a connection of its own.
async fn listen(options: &PgConnectOptions, fan_out: &FanOut) -> Result<PgListener, sqlx::Error> {
    // A pool of one, which the listener uses to reconnect; no idle or lifetime limits, as the
    // connection is meant to stay.
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .connect_with(options.clone().application_name(&fan_out.listener_name()))
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Delivers the other instances' events to this instance's streams, for as long as it runs.
async fn receive(mut listener: PgListener, options: PgConnectOptions, fan_out: FanOut, hub: Hub) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                match serde_json::from_str::<Envelope>(notification.payload()) {
                    Ok(envelope) if envelope.from == fan_out.instance => {}
                    Ok(envelope) => envelope.events.into_iter().for_each(|e| hub.deliver(e)),
                    Err(e) => {
                        // A newer or older instance's format: what it said is unknown.
                        tracing::warn!(error = %e, "fan-out: an unreadable notification");
                        hub.deliver(Event::resync());
                    }
                }
            }
            // The connection dropped and the listener has reconnected and listens again: what
            // was sent in between is lost.
            Ok(None) => {
                tracing::warn!("fan-out: the listener reconnected; every tab resyncs");
                hub.deliver(Event::resync());
            }
            Err(e) => {
                tracing::warn!(error = %e, "fan-out: the listener failed; connecting again");
                listener = loop {
                    tokio::time::sleep(RETRY).await;
                    match listen(&options, &fan_out).await {
                        Ok(l) => break l,
                        Err(e) => tracing::warn!(error = %e, "fan-out: cannot listen yet"),
                    }
                };
                hub.deliver(Event::resync());
            }
        }
    }
}

/// Sends this instance's events to the others, batching what has queued up.
async fn relay(
    mut rx: mpsc::Receiver<Event>,
    options: PgConnectOptions,
    fan_out: FanOut,
    hub: Hub,
) {
    let options = options.application_name(&format!("portal-notify-{}", fan_out.instance));
    let mut connection: Option<PgConnection> = None;
    // Events were lost on the way: the others are owed a resync.
    let mut owed_resync = false;
    while let Some(first) = rx.recv().await {
        let mut events = vec![first];
        while events.len() < 256 {
            match rx.try_recv() {
                Ok(e) => events.push(e),
                Err(_) => break,
            }
        }
        loop {
            owed_resync |= hub.take_relay_dropped();
            if owed_resync {
                // A resync covers everything that queued up.
                events = vec![Event::resync()];
            }
            let payloads = match payloads(&fan_out.instance, &events) {
                Ok(p) => p,
                Err(e) => {
                    tracing::error!(error = %e, "fan-out: an event could not be written");
                    owed_resync = true;
                    continue;
                }
            };
            match notify(&mut connection, &options, &payloads).await {
                Ok(()) => {
                    owed_resync = false;
                    break;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "fan-out: cannot notify; trying again");
                    connection = None;
                    owed_resync = true;
                    tokio::time::sleep(RETRY).await;
                }
            }
        }
    }
}

async fn notify(
    connection: &mut Option<PgConnection>,
    options: &PgConnectOptions,
    payloads: &[String],
) -> Result<(), sqlx::Error> {
    if connection.is_none() {
        *connection = Some(options.connect().await?);
    }
    let conn = connection.as_mut().expect("connected above");
    for payload in payloads {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(payload)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The events as notification payloads, each under [`MAX_PAYLOAD`] bytes. An event too large
/// for one payload on its own is an error (the caller sends a resync instead).
fn payloads(instance: &str, events: &[Event]) -> Result<Vec<String>, anyhow::Error> {
    let head = format!(
        "{{\"from\":{},\"events\":[",
        serde_json::to_string(instance)?
    );
    let mut out = Vec::new();
    let mut current = head.clone();
    for event in events {
        let text = serde_json::to_string(event)?;
        if head.len() + text.len() + 2 > MAX_PAYLOAD {
            anyhow::bail!("an event of {} bytes", text.len());
        }
        if current.len() + text.len() + 2 > MAX_PAYLOAD {
            current.push_str("]}");
            out.push(std::mem::replace(&mut current, head.clone()));
        }
        if current.len() > head.len() {
            current.push(',');
        }
        current.push_str(&text);
    }
    if current.len() > head.len() {
        current.push_str("]}");
        out.push(current);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::live::{Audience, Change};

    fn person(i: usize) -> Event {
        Event {
            audiences: vec![Audience::Person(format!("applicant{i:04}@example.test"))],
            change: Change::ApplicantsChanged,
        }
    }

    #[test]
    fn payloads_stay_under_the_limit_and_keep_every_event_in_order() {
        let events: Vec<Event> = (0..500).map(person).collect();
        let written = payloads("abc", &events).unwrap();
        assert!(written.len() > 1, "500 events need several payloads");
        let mut back = Vec::new();
        for p in &written {
            assert!(p.len() < MAX_PAYLOAD, "a payload of {} bytes", p.len());
            let envelope: Envelope = serde_json::from_str(p).unwrap();
            assert_eq!(envelope.from, "abc");
            back.extend(envelope.events);
        }
        assert_eq!(back, events);
        assert!(payloads("abc", &[]).unwrap().is_empty());
    }

    #[test]
    fn an_event_too_large_for_a_payload_is_refused() {
        let huge = Event {
            audiences: vec![Audience::Person("x".repeat(MAX_PAYLOAD))],
            change: Change::Rescope,
        };
        assert!(payloads("abc", &[huge]).is_err());
    }
}
