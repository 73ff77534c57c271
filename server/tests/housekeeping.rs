//! The housekeeping job on SQLite and PostgreSQL: rows past their stored time go (expired login
//! sessions and e-mailed links, failed logins older than a day, mail delivered more than
//! `KEEP_SENT_MAIL_DAYS` ago), rows within it stay; the clock is the server's test clock.

use crate::common;

use app::auth::domain::TokenPurpose;
use app::db::housekeeping::Swept;
use app::server::Config;
use common::TestApp;
use std::time::Duration;

const HOUR: i64 = 60 * 60 * 1000;
const DAY: i64 = 24 * HOUR;

fn test_clock(keep_sent_mail_days: u32) -> Config {
    Config {
        test_clock: true,
        keep_sent_mail_days,
        ..Config::default()
    }
}

/// Rows of each kind, one past its time after two hours and one within it; their keys.
struct Rows {
    gone: [String; 4],
    kept: [String; 4],
}

async fn rows(app: &TestApp) -> Rows {
    let p = app.program("Housekeeping Program").await;
    let repo = &app.state.repo;
    let t0 = app.state.clock.now().timestamp_millis();
    let user = p.director.user_id;
    repo.create_login_session("session-1h", user, Some(p.id()), t0 + HOUR)
        .await
        .unwrap();
    repo.create_login_session("session-3h", user, Some(p.id()), t0 + 3 * HOUR)
        .await
        .unwrap();
    let mut tx = repo.begin_write().await.unwrap();
    for (hash, expires) in [("link-1h", t0 + HOUR), ("link-3h", t0 + 3 * HOUR)] {
        let purpose = TokenPurpose::SetPassword;
        repo.create_email_token(&mut tx, hash, "x@h.test", purpose, None, expires)
            .await
            .unwrap();
    }
    // Mail: delivered 91 and 89 days ago, and one never delivered (200 days old).
    for (to, created) in [("91@h.test", 91), ("89@h.test", 89), ("never@h.test", 200)] {
        repo.enqueue_email(&mut tx, Some(p.id()), to, "Subject", "Body")
            .await
            .unwrap();
        let sent = (to != "never@h.test").then_some(t0 - created * DAY);
        sqlx::query("UPDATE outbox SET created_at = $1, sent_at = $2 WHERE to_email = $3")
            .bind(t0 - created * DAY)
            .bind(sent)
            .bind(to)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    // Failed logins 25 and 21 hours old (a day is kept, and two hours pass).
    for (account, age) in [("25h@h.test", 25), ("21h@h.test", 21)] {
        repo.record_login_failure(account, "10.0.0.1")
            .await
            .unwrap();
        sqlx::query("UPDATE login_failures SET at = $1 WHERE account = $2")
            .bind(t0 - age * HOUR)
            .bind(account)
            .execute(repo.pool())
            .await
            .unwrap();
    }
    Rows {
        gone: ["session-1h", "link-1h", "25h@h.test", "91@h.test"].map(String::from),
        kept: ["session-3h", "link-3h", "21h@h.test", "89@h.test"].map(String::from),
    }
}

/// Whether each key's row is still there (login session, link, failure, mail).
async fn present(app: &TestApp, keys: &[String; 4]) -> [bool; 4] {
    let queries = [
        "SELECT COUNT(*) FROM login_sessions WHERE token_hash = $1",
        "SELECT COUNT(*) FROM email_tokens WHERE token_hash = $1",
        "SELECT COUNT(*) FROM login_failures WHERE account = $1",
        "SELECT COUNT(*) FROM outbox WHERE to_email = $1",
    ];
    let mut found = [false; 4];
    for (i, (sql, key)) in queries.iter().zip(keys).enumerate() {
        let (n,): (i64,) = sqlx::query_as(sql)
            .bind(key)
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
        found[i] = n > 0;
    }
    found
}

async fn mail_to(app: &TestApp, to: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE to_email = $1")
        .bind(to)
        .fetch_one(app.state.repo.pool())
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn rows_past_their_time_go_and_rows_within_it_stay() {
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock(90)).await;
        let rows = rows(&app).await;
        let swept = server::housekeeping::sweep(&app.state).await.unwrap();
        assert_eq!(
            swept.login_sessions + swept.email_tokens,
            0,
            "[{db}] nothing expired yet"
        );
        assert_eq!(
            present(&app, &rows.gone).await,
            [true, true, false, false],
            "[{db}]"
        );

        app.state.clock.advance(2 * HOUR);
        let swept = server::housekeeping::sweep(&app.state).await.unwrap();
        assert_eq!(
            swept,
            Swept {
                login_sessions: 1,
                email_tokens: 1,
                login_failures: 0,
                sent_mail: 0,
            },
            "[{db}] the two that expired in the two hours"
        );
        assert_eq!(present(&app, &rows.gone).await, [false; 4], "[{db}] gone");
        assert_eq!(present(&app, &rows.kept).await, [true; 4], "[{db}] kept");
        assert_eq!(
            mail_to(&app, "never@h.test").await,
            1,
            "[{db}] undelivered mail stays"
        );

        // KEEP_SENT_MAIL_DAYS: with 30, the mail delivered 89 days ago goes too.
        let strict = server::app_state(common::options(), app.state.repo.clone(), test_clock(30));
        let swept = server::housekeeping::sweep(&strict).await.unwrap();
        assert_eq!(swept.sent_mail, 1, "[{db}]");
        assert_eq!(mail_to(&app, "89@h.test").await, 0, "[{db}]");
        assert_eq!(mail_to(&app, "never@h.test").await, 1, "[{db}]");
    }
}

/// The job as the server starts it: it runs at once, by the server's clock.
#[tokio::test]
async fn the_job_runs_when_the_server_starts() {
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock(90)).await;
        let rows = rows(&app).await;
        app.state.clock.advance(2 * HOUR);
        let job = tokio::spawn(server::housekeeping::run(app.state.clone()));
        let mut waited = 0;
        while present(&app, &rows.gone).await != [false; 4] {
            assert!(waited < 100, "[{db}] the job did not run within 10 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
            waited += 1;
        }
        assert_eq!(present(&app, &rows.kept).await, [true; 4], "[{db}] kept");
        job.abort();
    }
}
