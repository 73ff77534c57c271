//! Password reset and a person's own account (name, e-mail, login sessions), through the real
//! router, on SQLite and on PostgreSQL.

use crate::common;

use app::server::Config;
use common::{token_in, TestApp, PW};

/// The tests' proxy is trusted, so each request counts against the address it forwards.
fn config() -> Config {
    Config {
        trusted_proxies: vec!["10.0.0.1".parse().unwrap()],
        ..Config::default()
    }
}

/// Waits (at most 3 s) for a push stream to end; `true` once it has.
async fn stream_ends(body: &mut axum::body::Body) -> bool {
    use http_body_util::BodyExt;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(3);
    loop {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => return false,
            Ok(None) | Ok(Some(Err(_))) => return true,
            Ok(Some(Ok(_))) => continue,
        }
    }
}

async fn outbox_count(app: &TestApp, to: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE to_email = $1")
        .bind(to)
        .fetch_one(app.state.repo.pool())
        .await
        .unwrap();
    n
}

async fn reset(app: &TestApp, email: &str, ip: &str) -> common::Reply {
    app.call(
        "request-password-reset",
        &[("email", email)],
        None,
        Some(ip),
    )
    .await
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_the_other_sessions() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        let phone = app.login("ana.ruiz@demo.test", PW).await;
        let laptop = app.login("ana.ruiz@demo.test", PW).await;
        let mut stream = app.open_events(&laptop).await;

        let asked = reset(&app, "Ana.Ruiz@demo.test ", "203.0.113.1").await;
        assert_eq!(asked.status, 200, "[{db}] {}", asked.body);
        let mail = app.last_email("ana.ruiz@demo.test").await.unwrap();
        assert!(mail.contains("/set-password?token="), "[{db}] {mail}");
        assert!(mail.contains("expires in 60 minutes"), "[{db}] {mail}");
        let token = token_in(&mail);

        // The rules of a new password hold, and a refused try does not use the link up.
        let short = app
            .call(
                "set-password",
                &[
                    ("token", &token),
                    ("password", "short"),
                    ("confirm", "short"),
                ],
                None,
                None,
            )
            .await;
        assert_eq!(short.status, 422, "[{db}] {}", short.body);
        assert_eq!(short.json()["Invalid"]["field"], "password");

        let new = "ana's brand new password";
        let set = app
            .call(
                "set-password",
                &[("token", &token), ("password", new), ("confirm", new)],
                None,
                None,
            )
            .await;
        assert_eq!(set.status, 200, "[{db}] {}", set.body);
        let here = set.cookie.expect("logged in where the password was set");

        // Every other login session ended, its push stream with it.
        for old in [&phone, &laptop] {
            let me = app.call("current-user", &[], Some(old), None).await;
            assert_eq!(
                me.json(),
                serde_json::Value::Null,
                "[{db}] an old session lives"
            );
        }
        assert!(
            stream_ends(&mut stream).await,
            "[{db}] the old tab's stream ends"
        );
        let me = app.call("current-user", &[], Some(&here), None).await;
        assert_eq!(me.json()["email"], "ana.ruiz@demo.test");

        // The old password no longer works, the new one does.
        let old = app
            .call(
                "login",
                &[("email", "ana.ruiz@demo.test"), ("password", PW)],
                None,
                None,
            )
            .await;
        assert_eq!(old.status, 422, "[{db}]");
        app.login("ana.ruiz@demo.test", new).await;

        // The link works once.
        let again = app
            .call(
                "set-password",
                &[("token", &token), ("password", new), ("confirm", new)],
                None,
                None,
            )
            .await;
        assert_eq!(again.status, 409, "[{db}] {}", again.body);
        assert!(again.body.contains("expired or was already used"));
    }
}

#[tokio::test]
async fn a_reset_link_expires_and_a_set_password_link_is_not_a_reset_one() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        assert_eq!(
            reset(&app, "coordinator@demo.test", "203.0.113.2")
                .await
                .status,
            200
        );
        let token = token_in(&app.last_email("coordinator@demo.test").await.unwrap());
        // An hour later (the link's expiry moved into the past).
        sqlx::query("UPDATE email_tokens SET expires_at = $1 WHERE purpose = 'reset_password'")
            .bind(app::db::now_ms() - 1)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        let late = app
            .call(
                "set-password",
                &[
                    ("token", &token),
                    ("password", "a long new password"),
                    ("confirm", "a long new password"),
                ],
                None,
                None,
            )
            .await;
        assert_eq!(late.status, 409, "[{db}] {}", late.body);
        app.login("coordinator@demo.test", PW).await;

        // A made-up token is the same refusal, not an error.
        let made_up = app
            .call(
                "set-password",
                &[
                    ("token", "00ff"),
                    ("password", "a long new password"),
                    ("confirm", "a long new password"),
                ],
                None,
                None,
            )
            .await;
        assert_eq!(made_up.status, 409, "[{db}]");
    }
}

#[tokio::test]
async fn a_reset_request_answers_alike_for_every_email_and_is_limited() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        let known = reset(&app, "director@demo.test", "203.0.113.3").await;
        let unknown = reset(&app, "nobody@demo.test", "203.0.113.3").await;
        // An application without an account yet: told to sign up, no link.
        let applied = reset(&app, "farid.haddad@demo.test", "203.0.113.3").await;
        for r in [&known, &unknown, &applied] {
            assert_eq!(r.status, 200, "[{db}] {}", r.body);
            assert_eq!(r.body, known.body, "[{db}] the same answer");
        }
        assert!(app
            .last_email("director@demo.test")
            .await
            .unwrap()
            .contains("token="));
        assert_eq!(outbox_count(&app, "nobody@demo.test").await, 0, "[{db}]");
        let farid = app.last_email("farid.haddad@demo.test").await.unwrap();
        assert!(
            farid.contains("/signup") && !farid.contains("token="),
            "[{db}] {farid}"
        );

        let bad = reset(&app, "not an email", "203.0.113.3").await;
        assert_eq!(bad.status, 422, "[{db}]");
        assert_eq!(bad.json()["Invalid"]["field"], "email");

        // Per e-mail: three in the window, known or not; then refused, and nothing sent.
        for _ in 0..2 {
            assert_eq!(
                reset(&app, "nobody@demo.test", "203.0.113.4").await.status,
                200
            );
        }
        let limited = reset(&app, "nobody@demo.test", "203.0.113.5").await;
        assert_eq!(limited.status, 429, "[{db}] {}", limited.body);
        let sent = outbox_count(&app, "manager@demo.test").await;
        for i in 0..2 {
            assert_eq!(
                reset(&app, "manager@demo.test", "203.0.113.6").await.status,
                200,
                "{i}"
            );
        }
        assert_eq!(
            reset(&app, "manager@demo.test", "203.0.113.6").await.status,
            200
        );
        assert_eq!(
            reset(&app, "manager@demo.test", "203.0.113.6").await.status,
            429
        );
        assert_eq!(
            outbox_count(&app, "manager@demo.test").await,
            sent + 3,
            "[{db}]"
        );

        // Per client address, whatever the e-mails.
        for i in 0..app::auth::domain::RESETS_PER_CLIENT {
            let r = reset(&app, &format!("probe{i}@example.org"), "198.51.100.9").await;
            assert_eq!(r.status, 200, "[{db}] {i}");
        }
        let r = reset(&app, "probe-last@example.org", "198.51.100.9").await;
        assert_eq!(r.status, 429, "[{db}]");
    }
}

#[tokio::test]
async fn the_lock_out_points_to_forgot_your_password_and_a_reset_lifts_it() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        for _ in 0..5 {
            let r = app
                .call(
                    "login",
                    &[("email", "manager@demo.test"), ("password", "guess")],
                    None,
                    None,
                )
                .await;
            assert_eq!(r.status, 422, "[{db}]");
        }
        let locked = app
            .call(
                "login",
                &[("email", "manager@demo.test"), ("password", PW)],
                None,
                None,
            )
            .await;
        assert_eq!(locked.status, 429, "[{db}]");
        assert!(
            locked.body.contains("Forgot your password?"),
            "[{db}] {}",
            locked.body
        );
        let page = app.call("login-page", &[], None, None).await;
        assert!(
            page.body.contains("href=\\\"/forgot-password\\\"")
                || page.body.contains("href=\"/forgot-password\""),
            "[{db}] {}",
            page.body
        );

        reset(&app, "manager@demo.test", "203.0.113.7").await;
        let token = token_in(&app.last_email("manager@demo.test").await.unwrap());
        let set = app
            .call(
                "set-password",
                &[("token", &token), ("password", PW), ("confirm", PW)],
                None,
                None,
            )
            .await;
        assert_eq!(set.status, 200, "[{db}] {}", set.body);
        app.login("manager@demo.test", PW).await;
    }
}

#[tokio::test]
async fn a_person_renames_themselves_and_ends_their_other_sessions() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        let here = app.login("ben.okoro@demo.test", PW).await;
        let other = app.login("ben.okoro@demo.test", PW).await;
        let third = app.login("ben.okoro@demo.test", PW).await;
        let someone_else = app.login("chloe.martin@demo.test", PW).await;

        let r = app
            .call(
                "save-account-name",
                &[("name", "  Ben   Okoro-Lee ")],
                Some(&here),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        let me = app.call("current-user", &[], Some(&here), None).await;
        assert_eq!(me.json()["name"], "Ben Okoro-Lee", "[{db}]");
        let empty = app
            .call("save-account-name", &[("name", "  ")], Some(&here), None)
            .await;
        assert_eq!(empty.status, 422, "[{db}]");
        assert_eq!(empty.json()["Invalid"]["field"], "name");

        let page = app.call("account-page", &[], Some(&here), None).await;
        assert_eq!(page.status, 200, "[{db}] {}", page.body);
        assert!(page.body.contains("This device"), "[{db}]");
        let ids = session_ids(&page.body);
        assert_eq!(ids.len(), 2, "[{db}] the two other sessions: {}", page.body);

        // Ending one other session: it is logged out, the others are not.
        let mut stream = app.open_events(&other).await;
        let mut ended = 0;
        for id in &ids {
            let r = app
                .call("end-login-session", &[("session", id)], Some(&here), None)
                .await;
            assert_eq!(r.status, 200, "[{db}] {}", r.body);
            ended += 1;
            if app
                .call("current-user", &[], Some(&other), None)
                .await
                .json()
                .is_null()
            {
                break;
            }
        }
        assert!(stream_ends(&mut stream).await, "[{db}] its stream ends");
        // Someone else's session id is not ours to end (answered alike, nothing ended).
        let chloe_page = app
            .call("account-page", &[], Some(&someone_else), None)
            .await;
        let chloe_ids = session_ids(&chloe_page.body);
        assert!(chloe_ids.is_empty(), "[{db}] only her own one session");
        let r = app
            .call("end-login-session", &[("session", "zz")], Some(&here), None)
            .await;
        assert_eq!(r.status, 422, "[{db}]");
        let mine = app.call("account-page", &[], Some(&here), None).await;
        assert_eq!(session_ids(&mine.body).len(), 2 - ended, "[{db}]");

        let r = app
            .call("end-other-login-sessions", &[], Some(&here), None)
            .await;
        assert_eq!(r.status, 200, "[{db}]");
        for c in [&other, &third] {
            assert!(
                app.call("current-user", &[], Some(c), None)
                    .await
                    .json()
                    .is_null(),
                "[{db}]"
            );
        }
        assert!(!app
            .call("current-user", &[], Some(&here), None)
            .await
            .json()
            .is_null());
        assert!(!app
            .call("current-user", &[], Some(&someone_else), None)
            .await
            .json()
            .is_null());
        assert_eq!(
            app.call("account-page", &[], None, None).await.status,
            401,
            "[{db}]"
        );
    }
}

/// The public ids of the other sessions an account page lists.
fn session_ids(body: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("name=\\\"session\\\" value=\\\"") {
        rest = &rest[at + "name=\\\"session\\\" value=\\\"".len()..];
        ids.push(rest.chars().take(16).collect());
    }
    ids
}

#[tokio::test]
async fn a_new_email_takes_effect_once_confirmed_and_the_applications_follow() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        let ana = app.login("ana.ruiz@demo.test", PW).await;
        let before = app.call("my-programs", &[], Some(&ana), None).await;
        assert!(
            before.body.contains("Internal Medicine Residency"),
            "[{db}]"
        );

        for (bad, field) in [("not-an-email", "email"), ("ana.ruiz@demo.test", "email")] {
            let r = app
                .call("change-account-email", &[("email", bad)], Some(&ana), None)
                .await;
            assert_eq!(r.status, 422, "[{db}] {bad}");
            assert_eq!(r.json()["Invalid"]["field"], field);
        }
        // An address with an account of its own: the same answer, and that mailbox is told.
        let taken = app
            .call(
                "change-account-email",
                &[("email", "ben.okoro@demo.test")],
                Some(&ana),
                None,
            )
            .await;
        assert_eq!(taken.status, 200, "[{db}]");
        let told = app.last_email("ben.okoro@demo.test").await.unwrap();
        assert!(told.contains("already has its own account") && !told.contains("token="));

        let r = app
            .call(
                "change-account-email",
                &[("email", "Ana.New@Example.org")],
                Some(&ana),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        // Nothing changes until the link is opened.
        let page = app.call("account-page", &[], Some(&ana), None).await;
        assert!(
            page.body
                .contains("Waiting for you to confirm ana.new@example.org"),
            "[{db}]"
        );
        assert_eq!(
            app.call("current-user", &[], Some(&ana), None).await.json()["email"],
            "ana.ruiz@demo.test"
        );
        let mail = app.last_email("ana.new@example.org").await.unwrap();
        assert!(
            mail.contains("/confirm-email-change?token="),
            "[{db}] {mail}"
        );
        let token = token_in(&mail);
        let mut stream = app.open_events(&ana).await;

        let done = app
            .call("confirm-email-change", &[("token", &token)], None, None)
            .await;
        assert_eq!(done.status, 200, "[{db}] {}", done.body);
        let me = app.call("current-user", &[], Some(&ana), None).await;
        assert_eq!(me.json()["email"], "ana.new@example.org", "[{db}]");
        // Her invitation follows her (programs find applicants by the e-mail they log in with).
        let after = app.call("my-programs", &[], Some(&ana), None).await;
        assert_eq!(
            after.body,
            before
                .body
                .replace("ana.ruiz@demo.test", "ana.new@example.org"),
            "[{db}]"
        );
        assert!(after.body.contains("Internal Medicine Residency"));
        // The old address is told; the login moves to the new one.
        let old = app.last_email("ana.ruiz@demo.test").await.unwrap();
        assert!(
            old.contains("changed from ana.ruiz@demo.test to ana.new@example.org"),
            "[{db}]"
        );
        app.login("ana.new@example.org", PW).await;
        let gone = app
            .call(
                "login",
                &[("email", "ana.ruiz@demo.test"), ("password", PW)],
                None,
                None,
            )
            .await;
        assert_eq!(gone.status, 422, "[{db}]");
        // Her open tab's stream looked again (and stays: she is still logged in).
        assert!(
            !stream_ends(&mut stream).await,
            "[{db}] the stream stays open"
        );

        // The link works once.
        let again = app
            .call("confirm-email-change", &[("token", &token)], None, None)
            .await;
        assert_eq!(again.status, 409, "[{db}]");
    }
}

#[tokio::test]
async fn an_email_taken_meanwhile_or_held_twice_by_a_program_is_refused_at_confirmation() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        let dev = app.login("dev.shah@demo.test", PW).await;
        // Farid applied to the same program as Dev: a program would hold two applications.
        app.call(
            "change-account-email",
            &[("email", "farid.haddad@demo.test")],
            Some(&dev),
            None,
        )
        .await;
        let token = token_in(&app.last_email("farid.haddad@demo.test").await.unwrap());
        let r = app
            .call("confirm-email-change", &[("token", &token)], None, None)
            .await;
        assert_eq!(r.status, 409, "[{db}] {}", r.body);
        assert!(
            r.body
                .contains("Internal Medicine Residency holds an application under each"),
            "[{db}] {}",
            r.body
        );

        // An address that got its own account after the link went out.
        app.call(
            "change-account-email",
            &[("email", "later@example.org")],
            Some(&dev),
            None,
        )
        .await;
        let token = token_in(&app.last_email("later@example.org").await.unwrap());
        let mut tx = app.state.repo.begin_write().await.unwrap();
        app.state
            .repo
            .ensure_user(&mut tx, "later@example.org", "Later")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let r = app
            .call("confirm-email-change", &[("token", &token)], None, None)
            .await;
        assert_eq!(r.status, 409, "[{db}] {}", r.body);
        assert_eq!(
            app.call("current-user", &[], Some(&dev), None).await.json()["email"],
            "dev.shah@demo.test"
        );
    }
}

#[tokio::test]
async fn a_page_load_notes_when_a_session_was_last_used_at_most_every_five_minutes() {
    for app in TestApp::each(config()).await {
        let db = app.db;
        let cookie = app.login("chloe.martin@demo.test", PW).await;
        let seen = || async {
            let (at,): (Option<i64>,) = sqlx::query_as(
                "SELECT MAX(last_seen_at) FROM login_sessions s JOIN users u ON u.id = s.user_id
                 WHERE u.email = 'chloe.martin@demo.test'",
            )
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
            at.unwrap()
        };
        let hour_ago = app::db::now_ms() - 3_600_000;
        sqlx::query("UPDATE login_sessions SET last_seen_at = $1")
            .bind(hour_ago)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        // Any other call writes nothing.
        app.call("my-programs", &[], Some(&cookie), None).await;
        assert_eq!(seen().await, hour_ago, "[{db}]");
        let page = app.call("account-page", &[], Some(&cookie), None).await;
        assert!(page.body.contains("1 hour ago"), "[{db}] {}", page.body);
        // A page load (who am I) notes it; the next one within five minutes writes nothing.
        app.call("current-user", &[], Some(&cookie), None).await;
        let now = seen().await;
        assert!(now > hour_ago + 3_000_000, "[{db}]");
        app.call("current-user", &[], Some(&cookie), None).await;
        assert_eq!(seen().await, now, "[{db}]");
        let page = app.call("account-page", &[], Some(&cookie), None).await;
        assert!(page.body.contains("just now"), "[{db}]");
    }
}
