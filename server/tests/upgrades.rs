//! Upgrades and open tabs (app::ui::build): the page carries its build's id (read from the hash
//! file of the browser code the server serves); a call or a push stream from another build is
//! answered "the portal was updated" (412 / one `updated` event), never a 5xx; a call with this
//! build's id, or with none (a script, a form posted without script), is served as ever.

use crate::common;

use app::error::{AppError, UPDATED};
use app::server::Config;
use axum::body::Body;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The router of a server whose hash file names `wasm` as its browser code's hash.
async fn server_of_build(wasm: &str) -> axum::Router {
    let dir = std::env::temp_dir().join(format!("portal-build-{}-{wasm}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let hash_file = dir.join("hash.txt");
    std::fs::write(
        &hash_file,
        format!("js: j{wasm}\nwasm: {wasm}\ncss: c{wasm}\n"),
    )
    .unwrap();
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("interview-portal")
        .site_root(dir.display().to_string())
        .hash_files(true)
        .hash_file(hash_file.display().to_string().into())
        .build();
    let repo = app::db::Repo::connect(&common::sqlite_url().await, 2)
        .await
        .unwrap();
    server::router(server::app_state(options, repo, Config::default()))
}

async fn send(
    router: &axum::Router,
    req: http::request::Builder,
) -> (u16, http::HeaderMap, Vec<u8>) {
    let res = router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

/// A call of `current-user` (anyone may) carrying `build`, answered in `accept`.
fn call(build: Option<&str>, accept: &str) -> http::request::Builder {
    let req = http::Request::post("/api/current-user").header("accept", accept);
    match build {
        Some(b) => req.header(app::ui::build::HEADER, b),
        None => req,
    }
}

#[tokio::test]
async fn a_tab_of_another_build_is_told_the_portal_was_updated() {
    let router = server_of_build("second").await;

    // The page carries the build's id.
    let (status, _, body) = send(&router, http::Request::get("/login")).await;
    assert_eq!(status, 200);
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains(r#"<meta name="portal-build" content="second""#),
        "the page carries its build: {}",
        &html[..html.find("</head>").unwrap_or(html.len())]
    );

    // A call from a tab of the first build: 412, said in the wire the tab reads, and to a
    // script in JSON.
    let (status, _, body) = send(&router, call(Some("first"), app::codec::COMPACT)).await;
    assert_eq!(status, 412);
    assert_eq!(
        postcard::from_bytes::<AppError>(&body).unwrap(),
        AppError::Updated(UPDATED.into())
    );
    let (status, headers, body) = send(&router, call(Some("first"), "application/json")).await;
    assert_eq!(status, 412);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(
        serde_json::from_slice::<AppError>(&body)
            .unwrap()
            .to_string(),
        "The portal was updated. Reloading…"
    );

    // This build's tabs, scripts without an id and forms posted without script: served.
    for build in [Some("second"), None, Some("")] {
        let (status, _, _) = send(&router, call(build, app::codec::COMPACT)).await;
        assert_eq!(status, 200, "{build:?}");
    }
    let (status, _, _) = send(&router, call(None, "application/json")).await;
    assert_eq!(status, 200, "a script's call, as the README shows it");
    let form = http::Request::post("/api/login")
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded");
    let res = router
        .clone()
        .oneshot(
            form.body(Body::from("email=nobody%40demo.test&password=wrong"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_ne!(res.status(), 412, "a form posted without script");
    assert!(res.status().as_u16() < 500);

    // A push stream from the first build: one `updated` event (an EventSource reads no
    // status); from this build it goes on to the login check as ever.
    let (status, headers, body) =
        send(&router, http::Request::get("/events?portal-build=first")).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/event-stream");
    assert_eq!(
        String::from_utf8(body).unwrap(),
        format!("event: updated\ndata: {UPDATED}\n\n")
    );
    let (status, _, _) = send(&router, http::Request::get("/events?portal-build=second")).await;
    assert_eq!(status, 401, "no login: refused as before, not as an update");
}

#[tokio::test]
async fn a_server_without_a_hash_file_checks_no_build() {
    let router = server_of_build("").await;
    let (status, _, _) = send(&router, call(Some("first"), app::codec::COMPACT)).await;
    assert_eq!(status, 200);
}
