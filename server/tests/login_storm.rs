//! A login storm meets the hashing gate: with one hashing slot and one waiting place, most of
//! twenty logins at once are answered 503 with `Retry-After` and a message, at once, and those
//! are not counted as failed logins by the rate limiter. (Its own test binary: the gate is
//! configured from the environment once per process.)

mod common;

use app::server::Config;
use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_storm_beyond_the_queue_is_told_to_come_back_and_not_counted_as_failures() {
    // Before anything hashes in this process.
    std::env::set_var("HASH_CONCURRENCY", "1");
    std::env::set_var("HASH_QUEUE", "1");
    std::env::set_var("HASH_QUEUE_SECONDS", "1");
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, Config::default()).await;
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(20));
        let calls: Vec<_> = (0..20)
            .map(|i| {
                let (app, start) = (app.clone(), start.clone());
                tokio::spawn(async move {
                    let email = format!("storm{i}@storm.test");
                    let form = [("email", email.as_str()), ("password", "not the password")];
                    start.wait().await;
                    let req = http::Request::post("/api/login")
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("accept", "application/json")
                        .body(axum::body::Body::from(common::form_body(
                            &form.map(|(k, v)| (k.to_string(), v.to_string())),
                        )))
                        .unwrap();
                    let res = tower::ServiceExt::oneshot(app.router.clone(), req)
                        .await
                        .unwrap();
                    let retry = res.headers().get("retry-after").cloned();
                    (res.status().as_u16(), retry)
                })
            })
            .collect();
        let (mut refused, mut busy) = (0, 0);
        for c in calls {
            match c.await.unwrap() {
                (422, _) => refused += 1,
                (503, Some(retry)) => {
                    assert_eq!(retry, "5");
                    busy += 1
                }
                other => panic!("[{db}] unexpected {other:?}"),
            }
        }
        assert!(
            busy >= 10,
            "[{db}] most are told to come back: {busy} of 20"
        );
        assert!(refused >= 1, "[{db}] the first ones are checked");
        let (failures,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM login_failures")
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
        assert_eq!(
            failures, refused,
            "[{db}] only checked logins count as failures"
        );
    }
}
