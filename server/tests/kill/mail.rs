//! The kill test's mail: what the outbox held at the kill and what the relay had received, then
//! whether every message held was sent after, with its own Message-ID, once.

use super::eventually;
use crate::common::TestApp;
use crate::outbox::Running;
use app::outbox::OutboxRow;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

pub const FROM_DOMAIN: &str = "kill.test";

/// The outbox's rows not yet sent or given up on.
async fn unsent(app: &TestApp) -> Vec<OutboxRow> {
    sqlx::query_as(
        "SELECT id, to_email, subject, body, html_body, attempts, created_at FROM outbox
         WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id",
    )
    .fetch_all(app.state.repo.pool())
    .await
    .unwrap()
}

/// When each unsent message is next due (a claimed one: when its claim runs out).
async fn claims(app: &TestApp) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT next_attempt_at FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .fetch_all(app.state.repo.pool())
    .await
    .unwrap()
}

/// The Message-IDs the relay received, each with how many times.
fn received_ids(relay: &Running) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    for mail in relay.received.lock().unwrap().iter() {
        let id = crate::outbox::header(mail, "Message-ID").expect("a Message-ID");
        *ids.entry(id.to_string()).or_insert(0) += 1;
    }
    ids
}

/// The mail at the moment of the kill.
pub struct AtKill {
    at: Instant,
    /// What the relay had received whole.
    had: HashMap<String, usize>,
    /// What the outbox had not yet sent.
    pub queued: Vec<OutboxRow>,
}

/// Read just after the kill: the relay's first, so a message it had and the outbox had not
/// marked sent is in both. A moment is left for the relay to read what the killed server had
/// already written to it (a message's last line may still be in the socket's buffer).
pub async fn at_kill(app: &TestApp, relay: &Running, at: Instant) -> AtKill {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let had = received_ids(relay);
    AtKill {
        at,
        had,
        queued: unsent(app).await,
    }
}

impl AtKill {
    /// Whether the live instances' workers have sent what they hold, so only the killed one's
    /// claims are left (still running, and ending a minute after the kill): then an instance
    /// whose clock moves first cannot take a claim another is still sending.
    pub async fn settled(&self, app: &TestApp) -> bool {
        let kill_ms = app::db::now_ms() - self.at.elapsed().as_millis() as i64;
        eventually(60, || async {
            let now = app::db::now_ms();
            claims(app)
                .await
                .iter()
                .all(|next| *next > now && *next <= kill_ms + 60_000)
        })
        .await
    }

    /// Every message waiting at the kill is sent (the claims of the killed instance run out a
    /// minute after it), each with its own Message-ID, once, or twice only if the relay had it
    /// whole when the server died; at most one such message per killed worker (`instances`
    /// bounds it: the survivor's worker may have been sending one too). How many were twice.
    pub async fn sent_once(
        &self,
        db: &str,
        app: &TestApp,
        relay: &Running,
        instances: usize,
    ) -> usize {
        let waiting: HashSet<i64> = self.queued.iter().map(|r| r.id).collect();
        assert!(
            eventually(90, || async {
                unsent(app).await.iter().all(|r| !waiting.contains(&r.id))
            })
            .await,
            "[{db}] every message waiting at the kill is sent"
        );
        let got = received_ids(relay);
        let mut twice = Vec::new();
        for row in &self.queued {
            let id = app::outbox::message_id(row, FROM_DOMAIN);
            match got.get(&id).copied().unwrap_or(0) {
                0 => panic!("[{db}] {id} ({}) was not sent", row.subject),
                1 => {}
                n => {
                    assert!(
                        n == 2 && self.had.contains_key(&id),
                        "[{db}] {id} sent {n} times"
                    );
                    twice.push(id);
                }
            }
        }
        assert!(
            twice.len() <= instances,
            "[{db}] at most one message per worker doubled: {twice:?}"
        );
        let doubled: Vec<_> = got
            .iter()
            .filter(|(id, n)| **n > 1 && !twice.contains(id))
            .collect();
        assert!(doubled.is_empty(), "[{db}] sent twice: {doubled:?}");
        twice.len()
    }
}
