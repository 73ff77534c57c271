//! The Prometheus metrics (`METRICS_ADDR`): served by their own router, never by the portal's;
//! the figures move with the calls (requests and latencies per server function, the push
//! streams open, the outbox's unsent e-mails, the hash queue).

use crate::common;

use app::server::Config;
use axum::body::Body;
use common::{TestApp, PW};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn scrape(app: &TestApp) -> String {
    let res = server::metrics::router(app.state.clone())
        .oneshot(http::Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let kind = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The value of the sample named exactly `series` (name and labels), 0 when absent.
fn figure(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .map(|v| v.trim().parse().expect("a number"))
        .unwrap_or(0.0)
}

#[tokio::test]
async fn the_figures_move_with_the_calls_and_only_the_metrics_address_serves_them() {
    let app = TestApp::new("sqlite", Config::default()).await;
    app::seed::seed_demo(&app.state).await.expect("seed");
    let calls = r#"portal_requests_total{function="current-user",status="2xx"}"#;
    let timed = r#"portal_request_duration_seconds_count{function="current-user"}"#;
    let before = scrape(&app).await;
    for name in [
        "portal_push_streams",
        "portal_outbox_unsent",
        "portal_hash_queue",
    ] {
        assert!(before.contains(&format!("\n{name} ")), "{name} in {before}");
    }

    let cookie = app.login("coordinator@demo.test", PW).await;
    for _ in 0..3 {
        assert_eq!(
            app.call("current-user", &[], Some(&cookie), None)
                .await
                .status,
            200
        );
    }
    let stream = app.open_events(&cookie).await;
    let signed_up = app
        .call(
            "sign-up",
            &[
                ("email", "ella.novak@demo.test"),
                ("password", "a good long pass"),
                ("confirm", "a good long pass"),
            ],
            None,
            None,
        )
        .await;
    assert_eq!(signed_up.status, 200, "{}", signed_up.body);
    let after = scrape(&app).await;

    // Other tests of this binary count too: at least ours.
    assert!(
        figure(&after, calls) >= figure(&before, calls) + 3.0,
        "{after}"
    );
    assert!(
        figure(&after, timed) >= figure(&before, timed) + 3.0,
        "{after}"
    );
    assert!(
        figure(
            &after,
            r#"portal_requests_total{function="login",status="2xx"}"#
        ) >= 1.0,
        "{after}"
    );
    assert!(figure(&after, "portal_push_streams") >= 1.0, "{after}");
    // This database's outbox: the sign-up's confirmation waits (no worker runs here).
    assert_eq!(
        figure(&after, "portal_outbox_unsent"),
        figure(&before, "portal_outbox_unsent") + 1.0,
        "{after}"
    );
    drop(stream);

    // The portal's own address does not serve them, to anyone.
    for cookie in [None, Some(cookie.as_str())] {
        let mut req = http::Request::get("/metrics");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let r = app.send(req.body(Body::empty()).unwrap()).await;
        assert_eq!(r.status, 404, "{}", r.body);
        assert!(!r.body.contains("portal_requests_total"));
    }
}
