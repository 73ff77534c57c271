//! A transaction's start cancelled part-way (a browser that closes its tab drops its request's
//! future; a job's task is aborted) never leaves a pooled connection inside a transaction that
//! nothing ends. sqlx 0.8's `begin` is not safe to cancel (transact-rs/sqlx#3932, #4393): on
//! PostgreSQL the next borrower's writes ran inside the stale transaction, uncommitted and
//! holding their locks; on SQLite it held the write lock.

use std::future::Future;
use std::task::Poll;
use std::time::Duration;

use crate::common::TestApp;
use app::db::Repo;
use app::server::Config;
use sqlx::Connection;

/// Polls `begin` `polls` times, letting the database work for `pause` after each, then drops it
/// wherever it stands. Says how a start that finished went.
async fn cancel_after<T, F: Future<Output = Result<T, sqlx::Error>>>(
    begin: F,
    polls: usize,
    pause: Duration,
) -> Result<(), sqlx::Error> {
    let mut begin = Box::pin(begin);
    for _ in 0..polls {
        if let Poll::Ready(done) =
            std::future::poll_fn(|cx| Poll::Ready(begin.as_mut().poll(cx))).await
        {
            return done.map(drop);
        }
        std::thread::sleep(pause);
    }
    Ok(())
}

/// How many of the pool's connections sit inside a transaction while nobody holds one.
async fn stale(app: &TestApp) -> usize {
    let mut held = Vec::new();
    for _ in 0..8 {
        let conn = app.state.repo.pool().acquire().await;
        held.push(conn.unwrap_or_else(|e| {
            panic!("[{}] a connection never came back to the pool: {e}", app.db)
        }));
    }
    let mut stale = 0;
    for conn in &mut held {
        let inside = if app.db == "sqlite" {
            conn.is_in_transaction()
        } else {
            // PostgreSQL refuses a savepoint outside a transaction block.
            let inside = sqlx::query("SAVEPOINT probe")
                .execute(&mut **conn)
                .await
                .is_ok();
            if inside {
                sqlx::query("RELEASE SAVEPOINT probe")
                    .execute(&mut **conn)
                    .await
                    .unwrap();
            }
            inside
        };
        stale += usize::from(inside);
    }
    stale
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_begin_leaves_no_connection_in_a_transaction() {
    for app in TestApp::each(Config::default()).await {
        let repo: &Repo = &app.state.repo;
        let mut failures = Vec::new();
        for i in 0..600u64 {
            let (polls, pause) = (1 + (i % 7) as usize, Duration::from_micros(i % 97 * 3));
            let began = if i % 2 == 0 {
                cancel_after(repo.begin_write(), polls, pause).await
            } else {
                cancel_after(repo.begin(), polls, pause).await
            };
            if let Err(e) = began {
                failures.push(format!("start {i}: {e}"));
            }
            let stale = stale(&app).await;
            if stale > 0 {
                failures.push(format!(
                    "after start {i}: {stale} connection(s) in a transaction"
                ));
            }
        }
        assert!(failures.is_empty(), "[{}] {failures:#?}", app.db);
    }
}
