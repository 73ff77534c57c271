//! What every answer says about itself: the page's Content-Security-Policy built from its own
//! nonce, the headers against sniffing, framing and referrers, caching rules, and the login
//! cookie's flags.

use crate::common;

use app::server::Config;
use axum::body::Body;
use common::{TestApp, PW};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get(
    router: &axum::Router,
    path: &str,
    headers: &[(&str, &str)],
) -> (http::HeaderMap, Vec<u8>) {
    let mut req = http::Request::get(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let headers = res.headers().clone();
    (
        headers,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

fn header<'a>(h: &'a http::HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn pages_carry_a_policy_with_their_own_nonce_and_are_never_stored() {
    let app = TestApp::new("sqlite", Config::default()).await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let (h, body) = get(&app.router, "/login", &[]).await;
        let csp = header(&h, "content-security-policy");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy");
        let html = String::from_utf8(body).unwrap();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the page's scripts carry it"
        );
        for part in [
            "'wasm-unsafe-eval'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "style-src 'self'",
        ] {
            assert!(csp.contains(part), "{part} in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(header(&h, "cache-control"), "no-store");
        assert_eq!(header(&h, "x-content-type-options"), "nosniff");
        assert_eq!(header(&h, "referrer-policy"), "same-origin");
        assert_eq!(header(&h, "x-frame-options"), "DENY");
        nonces.push(nonce.to_string());
    }
    assert_ne!(nonces[0], nonces[1], "a new nonce for every response");

    let r = app.call("current-user", &[], None, None).await;
    assert_eq!(r.status, 200);
    let req = http::Request::post("/api/current-user")
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(header(res.headers(), "cache-control"), "no-store");
    assert_eq!(header(res.headers(), "x-content-type-options"), "nosniff");
}

#[tokio::test]
async fn the_login_cookie_is_http_only_same_site_and_secure_behind_https() {
    for (secure, config) in [
        (false, Config::default()),
        (
            true,
            Config {
                secure_cookies: true,
                ..Config::default()
            },
        ),
    ] {
        let app = TestApp::new("sqlite", config).await;
        app::seed::seed_demo(&app.state).await.unwrap();
        let req = http::Request::post("/api/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(
                format!("email=director%40demo.test&password={PW}").replace(' ', "+"),
            ))
            .unwrap();
        let res = app.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), 200);
        let cookie = header(res.headers(), "set-cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert_eq!(cookie.contains("Secure"), secure, "{cookie}");
    }
}

#[tokio::test]
async fn hashed_app_files_are_kept_a_year_and_go_out_compressed() {
    let site = std::env::temp_dir().join(format!("portal-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let js = "console.log('the app');".repeat(200);
    std::fs::write(site.join("pkg/app.abc123.js"), &js).unwrap();
    for hashed in [true, false] {
        let options = leptos::prelude::LeptosOptions::builder()
            .output_name("interview-portal")
            .site_root(site.display().to_string())
            .hash_files(hashed)
            .build();
        let repo = app::db::Repo::connect(&common::sqlite_url().await, 2)
            .await
            .unwrap();
        let router = server::router(server::app_state(options, repo, Config::default()));
        server::precompress::write_all(&site.join("pkg"));
        let (h, body) = get(&router, "/pkg/app.abc123.js", &[("accept-encoding", "br")]).await;
        let cache = header(&h, "cache-control");
        if hashed {
            assert_eq!(cache, "public, max-age=31536000, immutable");
        } else {
            assert_eq!(cache, "no-cache");
        }
        assert_eq!(header(&h, "content-encoding"), "br");
        assert!(
            body.len() < js.len() / 10,
            "{} bytes for {}",
            body.len(),
            js.len()
        );
    }
    std::fs::remove_dir_all(site).unwrap();
}

#[tokio::test]
async fn server_functions_answer_the_portals_own_code_compactly_and_anyone_else_in_json() {
    let app = TestApp::new("sqlite", Config::default()).await;
    app::seed::seed_demo(&app.state).await.unwrap();
    let cookie = app.login("director@demo.test", PW).await;
    let ask = |accept: &'static str| {
        http::Request::post("/api/list-staff")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", accept)
            .header("cookie", cookie.as_str())
            .body(Body::empty())
            .unwrap()
    };
    let mut answers = Vec::new();
    for accept in [app::codec::COMPACT, "application/json", "*/*"] {
        let res = app.router.clone().oneshot(ask(accept)).await.unwrap();
        assert_eq!(res.status(), 200, "{accept}");
        let kind = header(res.headers(), "content-type").to_string();
        let body = res.into_body().collect().await.unwrap().to_bytes();
        answers.push((kind, body));
    }
    let (kind, compact) = &answers[0];
    assert_eq!(kind, app::codec::COMPACT);
    let staff: Vec<app::programs::api::StaffMember> =
        app::codec::decode::<_, app::error::AppError>(compact).unwrap();
    assert!(staff.iter().any(|m| m.email == "director@demo.test"));
    for (kind, json) in &answers[1..] {
        assert_eq!(kind, "application/json");
        let same: Vec<app::programs::api::StaffMember> = serde_json::from_slice(json).unwrap();
        assert_eq!(same, staff, "the same answer in either form");
    }
    // An error keeps its status and reads back the same in the compact wire.
    let refused = http::Request::post("/api/add-staff")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", app::codec::COMPACT)
        .header("cookie", cookie.as_str())
        .body(Body::from("name=Nia&email=not-an-email&role=interviewer"))
        .unwrap();
    let res = app.router.clone().oneshot(refused).await.unwrap();
    assert_eq!(res.status(), 422);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let err: app::error::AppError = app::codec::decode::<_, app::error::AppError>(&body).unwrap();
    assert!(
        matches!(err, app::error::AppError::Invalid { ref field, .. } if field.as_deref() == Some("email")),
        "{err:?}"
    );
    assert!(
        compact.len() < answers[1].1.len() / 2,
        "no field names: {} bytes against {}",
        compact.len(),
        answers[1].1.len()
    );
}

#[tokio::test]
async fn a_form_posted_without_script_comes_back_with_its_error_in_the_address() {
    let app = TestApp::new("sqlite", Config::default()).await;
    app::seed::seed_demo(&app.state).await.unwrap();
    let req = http::Request::post("/api/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", "http://127.0.0.1:3000/login")
        .body(Body::from(
            "email=director%40demo.test&password=wrong+password",
        ))
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), 302);
    let location = header(res.headers(), "location").to_string();
    let err = location
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("__err="))
        .unwrap_or_else(|| panic!("an error in {location}"));
    let decoded =
        leptos::server_fn::error::ServerFnUrlError::<app::error::AppError>::decode_err(err);
    assert!(
        matches!(decoded, app::error::AppError::Invalid { ref field, .. } if field.as_deref() == Some("password")),
        "the page reads the same error the form would have shown: {decoded:?}"
    );
}
