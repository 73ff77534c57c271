//! Accounts, roles and programs through the real router, on SQLite and on PostgreSQL.

use crate::common;

use app::auth::domain::LoginLimits;
use app::server::Config;
use common::{token_in, TestApp, PW};

fn config() -> Config {
    Config {
        login_limits: LoginLimits {
            per_account: 3,
            per_client: 5,
            window_minutes: 15,
        },
        trusted_proxies: vec!["10.0.0.1".parse().unwrap()],
        ..Config::default()
    }
}

#[tokio::test]
async fn login_opens_a_session_and_wrong_passwords_are_refused() {
    for app in TestApp::each(config()).await {
        let cookie = app.login("Director@Demo.test ", PW).await;
        let me = app.call("current-user", &[], Some(&cookie), None).await;
        assert_eq!(me.status, 200);
        assert_eq!(me.json()["name"], "Dr. Maya Patel", "[{}]", app.db);
        assert_eq!(me.json()["role"], "Director");

        let wrong = app
            .call(
                "login",
                &[("email", "director@demo.test"), ("password", "nope")],
                None,
                None,
            )
            .await;
        assert_eq!(wrong.status, 422, "[{}] {}", app.db, wrong.body);
        assert!(wrong.cookie.is_none());
        let unknown = app
            .call(
                "login",
                &[("email", "nobody@demo.test"), ("password", "nope")],
                None,
                None,
            )
            .await;
        assert_eq!(unknown.status, 422);
        assert_eq!(wrong.body, unknown.body, "unknown and wrong answer alike");

        let bad = app
            .call(
                "login",
                &[("email", "not-an-email"), ("password", "x")],
                None,
                None,
            )
            .await;
        assert_eq!(bad.status, 422);
        assert_eq!(bad.json()["Invalid"]["field"], "email");

        // Logging out ends the session on the server, not just in the browser.
        let out = app.call("logout", &[], Some(&cookie), None).await;
        assert_eq!(out.status, 200);
        let me = app.call("current-user", &[], Some(&cookie), None).await;
        assert_eq!(me.json(), serde_json::Value::Null, "[{}]", app.db);
    }
}

#[tokio::test]
async fn an_account_is_locked_after_too_many_failures() {
    for app in TestApp::each(config()).await {
        for _ in 0..3 {
            let r = app
                .call(
                    "login",
                    &[("email", "coordinator@demo.test"), ("password", "guess")],
                    None,
                    None,
                )
                .await;
            assert_eq!(r.status, 422);
        }
        // Even the right password is refused now…
        let r = app
            .call(
                "login",
                &[("email", "coordinator@demo.test"), ("password", PW)],
                None,
                None,
            )
            .await;
        assert_eq!(r.status, 429, "[{}] {}", app.db, r.body);
        // It names what to do: wait, or reset the password.
        let said = r.json()["RateLimited"].as_str().unwrap().to_owned();
        assert!(said.contains("Too many"), "{said}");
        assert!(
            said.contains("wait") && said.contains("Forgot your password?"),
            "{said}"
        );
        assert!(!said.contains("reset"), "{said}");
        // … while other accounts are untouched.
        app.login("manager@demo.test", PW).await;
    }
}

#[tokio::test]
async fn client_limits_follow_the_address_behind_the_trusted_proxy() {
    for app in TestApp::each(config()).await {
        let attacker = Some("198.51.100.99, 203.0.113.7");
        for i in 0..5 {
            let email = format!("someone{i}@demo.test");
            let r = app
                .call(
                    "login",
                    &[("email", &email), ("password", "guess")],
                    None,
                    attacker,
                )
                .await;
            assert_eq!(r.status, 422);
        }
        let r = app
            .call(
                "login",
                &[("email", "director@demo.test"), ("password", PW)],
                None,
                attacker,
            )
            .await;
        assert_eq!(r.status, 429, "[{}] the client is limited", app.db);
        // Another client behind the same proxy is not.
        let r = app
            .call(
                "login",
                &[("email", "director@demo.test"), ("password", PW)],
                None,
                Some("203.0.113.8"),
            )
            .await;
        assert_eq!(r.status, 200, "[{}] {}", app.db, r.body);
    }
}

#[tokio::test]
async fn sign_up_answers_alike_and_its_link_works_once() {
    for app in TestApp::each(config()).await {
        let form = |email: &'static str| {
            [
                ("email", email),
                ("password", "a good long pass"),
                ("confirm", "a good long pass"),
            ]
        };
        let unknown = app
            .call("sign-up", &form("stranger@demo.test"), None, None)
            .await;
        let known = app
            .call("sign-up", &form("Ella.Novak@demo.test"), None, None)
            .await;
        assert_eq!(unknown.status, 200);
        assert_eq!(known.status, 200);
        assert_eq!(unknown.body, known.body, "nobody can probe who applied");
        assert!(app.last_email("stranger@demo.test").await.is_none());
        let mail = app
            .last_email("ella.novak@demo.test")
            .await
            .expect("a link");
        let token = token_in(&mail);

        // Not an account until the link is opened.
        let early = app
            .call(
                "login",
                &[
                    ("email", "ella.novak@demo.test"),
                    ("password", "a good long pass"),
                ],
                None,
                None,
            )
            .await;
        assert_eq!(early.status, 422);

        let first = app
            .call("confirm-email", &[("token", &token)], None, None)
            .await;
        assert_eq!(first.status, 200, "[{}] {}", app.db, first.body);
        assert!(first.cookie.is_some(), "confirming logs the applicant in");
        let again = app
            .call("confirm-email", &[("token", &token)], None, None)
            .await;
        assert_eq!(again.status, 409, "[{}] a link works once", app.db);
        app.login("ella.novak@demo.test", "a good long pass").await;

        let short = app
            .call(
                "sign-up",
                &[
                    ("email", "x@demo.test"),
                    ("password", "short"),
                    ("confirm", "short"),
                ],
                None,
                None,
            )
            .await;
        assert_eq!(short.status, 422);
        assert_eq!(short.json()["Invalid"]["field"], "password");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_link_opened_twice_at_once_works_once() {
    for app in TestApp::each(config()).await {
        let form = [
            ("email", "ella.novak@demo.test"),
            ("password", "a good long pass"),
            ("confirm", "a good long pass"),
        ];
        assert_eq!(app.call("sign-up", &form, None, None).await.status, 200);
        let token = token_in(&app.last_email("ella.novak@demo.test").await.unwrap());
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (app, token) = (app.clone(), token.clone());
                tokio::spawn(async move {
                    app.call("confirm-email", &[("token", &token)], None, None)
                        .await
                        .status
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "[{}] {statuses:?}",
            app.db
        );
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 409),
            "{statuses:?}"
        );
    }
}

#[tokio::test]
async fn switched_to_interviewer_the_server_refuses_coordinator_actions() {
    for app in TestApp::each(config()).await {
        let director = app.login("director@demo.test", PW).await;
        let add = |email: &'static str| {
            [
                ("name", "Dr. New Person"),
                ("email", email),
                ("role", "interviewer"),
            ]
        };
        let r = app
            .call("add-staff", &add("new1@demo.test"), Some(&director), None)
            .await;
        assert_eq!(r.status, 200, "[{}] {}", app.db, r.body);
        let mail = app
            .last_email("new1@demo.test")
            .await
            .expect("an invitation");
        assert!(mail.contains("/set-password?token="));

        let r = app
            .call(
                "switch-role",
                &[("to", "interviewer")],
                Some(&director),
                None,
            )
            .await;
        assert_eq!(r.status, 200);
        let me = app
            .call("current-user", &[], Some(&director), None)
            .await
            .json();
        assert_eq!(me["role"], "Interviewer");
        assert_eq!(me["program"]["role"], "Director");
        let r = app
            .call("add-staff", &add("new2@demo.test"), Some(&director), None)
            .await;
        assert_eq!(r.status, 403, "[{}] {}", app.db, r.body);
        assert_eq!(
            app.call("list-staff", &[], Some(&director), None)
                .await
                .status,
            403
        );

        let r = app
            .call("switch-role", &[("to", "own")], Some(&director), None)
            .await;
        assert_eq!(r.status, 200);
        let r = app
            .call("add-staff", &add("new2@demo.test"), Some(&director), None)
            .await;
        assert_eq!(r.status, 200);

        // Coordinators cannot switch; interviewers cannot add staff.
        let coordinator = app.login("coordinator@demo.test", PW).await;
        let r = app
            .call(
                "switch-role",
                &[("to", "interviewer")],
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.status, 403);
        let interviewer = app.login("interviewer1@demo.test", PW).await;
        let r = app
            .call(
                "add-staff",
                &add("new3@demo.test"),
                Some(&interviewer),
                None,
            )
            .await;
        assert_eq!(r.status, 403);
        // A coordinator may not add a director.
        let r = app
            .call(
                "add-staff",
                &[
                    ("name", "X"),
                    ("email", "x@demo.test"),
                    ("role", "director"),
                ],
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.status, 422);
        assert_eq!(r.json()["Invalid"]["field"], "role");
        // Bad input is a 4xx with the field named, and changes nothing.
        let r = app
            .call(
                "add-staff",
                &[
                    ("name", " "),
                    ("email", "x@demo.test"),
                    ("role", "interviewer"),
                ],
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.json()["Invalid"]["field"], "name");
        let r = app
            .call(
                "add-staff",
                &[("name", "X"), ("email", "x@@demo"), ("role", "interviewer")],
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.json()["Invalid"]["field"], "email");
        let r = app
            .call("add-staff", &[("name", "X")], Some(&coordinator), None)
            .await;
        assert!(
            (400..500).contains(&r.status),
            "missing fields: {} {}",
            r.status,
            r.body
        );
        let r = app
            .call(
                "add-staff",
                &add("new1@demo.test"),
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.status, 422, "already staff");
        let staff = app
            .call("list-staff", &[], Some(&coordinator), None)
            .await
            .json();
        assert_eq!(
            staff.as_array().unwrap().len(),
            7,
            "[{}] 5 seeded + 2 added",
            app.db
        );
    }
}

#[tokio::test]
async fn one_program_never_sees_another() {
    for app in TestApp::each(config()).await {
        let director = app.login("director@demo.test", PW).await;
        let me = app
            .call("current-user", &[], Some(&director), None)
            .await
            .json();
        let programs = me["programs"].as_array().unwrap().clone();
        assert_eq!(programs.len(), 2);
        assert_eq!(me["program"]["name"], "Internal Medicine Residency");
        let cardiology = programs
            .iter()
            .find(|p| p["name"] == "Cardiology Fellowship")
            .unwrap()["id"]
            .as_i64()
            .unwrap()
            .to_string();

        // The coordinator of Internal Medicine cannot enter Cardiology.
        let coordinator = app.login("coordinator@demo.test", PW).await;
        let r = app
            .call(
                "switch-program",
                &[("program_id", &cardiology)],
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.status, 404, "[{}] {}", app.db, r.body);
        let staff = app
            .call("list-staff", &[], Some(&coordinator), None)
            .await
            .json();
        assert!(staff
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["email"] != "nobody"));

        // The director switches, and sees only Cardiology's staff and counts.
        let r = app
            .call(
                "switch-program",
                &[("program_id", &cardiology)],
                Some(&director),
                None,
            )
            .await;
        assert_eq!(r.status, 200);
        let staff = app
            .call("list-staff", &[], Some(&director), None)
            .await
            .json();
        let emails: Vec<_> = staff
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["email"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(emails, vec!["director@demo.test"], "[{}]", app.db);
        let overview = app
            .call("overview-page", &[], Some(&director), None)
            .await
            .json();
        // The HTML without Leptos' hydration markers.
        let overview = overview
            .as_str()
            .expect("the overview's HTML")
            .replace("<!>", "");
        assert!(overview.contains("Cardiology Fellowship"), "{overview}");
        assert!(
            overview.contains(
                r#"<span class="stat-value">0</span><span class="stat-label">Applicants</span>"#
            ),
            "{overview}"
        );

        // Applicants are not staff.
        let applicant = app.login("ana.ruiz@demo.test", PW).await;
        assert_eq!(
            app.call("list-staff", &[], Some(&applicant), None)
                .await
                .status,
            403
        );
        assert_eq!(
            app.call("overview-page", &[], Some(&applicant), None)
                .await
                .status,
            403
        );
        // And nobody without a session gets anything.
        assert_eq!(app.call("list-staff", &[], None, None).await.status, 401);
        assert_eq!(
            app.call("list-staff", &[], Some("portal_session=forged"), None)
                .await
                .status,
            401
        );
    }
}

#[tokio::test]
async fn a_program_created_from_the_command_line_gets_a_director() {
    for app in TestApp::each(config()).await {
        let (_, link) = app::programs::ssr::create_program(
            &app.state,
            "Pediatrics Residency",
            "America/Denver",
            "Chief@Peds.test",
            "Dr. Chief",
        )
        .await
        .unwrap();
        let token = token_in(&link.expect("a set-password link"));
        let form = [
            ("token", token.as_str()),
            ("password", "a brand new pass"),
            ("confirm", "a brand new pass"),
        ];
        let r = app.call("set-password", &form, None, None).await;
        assert_eq!(r.status, 200, "[{}] {}", app.db, r.body);
        assert_eq!(
            app.call("set-password", &form, None, None).await.status,
            409
        );
        let cookie = app.login("chief@peds.test", "a brand new pass").await;
        let me = app
            .call("current-user", &[], Some(&cookie), None)
            .await
            .json();
        assert_eq!(me["program"]["name"], "Pediatrics Residency");
        assert_eq!(me["role"], "Director");

        let bad =
            app::programs::ssr::create_program(&app.state, "X", "Mars/Base", "a@b.test", "A").await;
        assert!(bad.unwrap_err().field_message("time_zone").is_some());
    }
}

#[tokio::test]
async fn health_answers() {
    for app in TestApp::each(config()).await {
        let r = app
            .send(
                http::Request::get("/health")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, 200);
    }
}
