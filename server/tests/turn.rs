//! TURN relays: a logged-in person's browser is given the program's TURN servers with
//! credentials of coturn's `use-auth-secret` form, never the secret; a real coturn (started here
//! on loopback, as a program runs it) allocates a relay with them and carries data through it,
//! and refuses the same username with a wrong or expired password. Without TURN settings the
//! list is empty. On both databases.

use crate::common::{TestApp, PW};
use app::media::relays::Turn;
use app::server::Config;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const SECRET: &str = "a-shared-secret-for-tests";

/// coturn on a free loopback port, stopped when dropped.
struct Coturn {
    child: Child,
    port: u16,
}

impl Drop for Coturn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn coturn() -> Coturn {
    let port = std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let turn = Coturn {
        child: Command::new("turnserver")
            .args([
                "-n",
                "--no-cli",
                "--no-tls",
                "--no-dtls",
                "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1",
                "--allow-loopback-peers",
                "--use-auth-secret",
                "--realm=portal.test",
                "--log-file=stdout",
            ])
            .arg(format!("--listening-port={port}"))
            .arg(format!("--static-auth-secret={SECRET}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("coturn's turnserver (Debian's coturn; `scripts/setup.sh test` installs it)"),
        port,
    };
    // Listening once its port is taken (dropped, so stopped, if it never is).
    for _ in 0..100 {
        if std::net::UdpSocket::bind(("127.0.0.1", port)).is_err() {
            return turn;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("coturn did not start on port {port}");
}

/// Whether coturn allocates relays for two clients with these credentials and carries their
/// packets (turnutils_uclient, coturn's own test client, in its client-to-client mode).
fn relays_through(port: u16, username: &str, password: &str) -> bool {
    let out = Command::new("turnutils_uclient")
        .args([
            "-y", "-n", "1", "-m", "1", "-l", "100", "-u", username, "-w", password,
        ])
        .arg("-p")
        .arg(port.to_string())
        .arg("127.0.0.1")
        .output()
        .expect("coturn's turnutils_uclient");
    let said = String::from_utf8_lossy(&out.stdout);
    out.status.success() && said.contains("Total lost packets 0")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_gets_turn_credentials_that_a_real_coturn_takes() {
    let turn = coturn().await;
    let url = format!("turn:127.0.0.1:{}", turn.port);
    let config = Config {
        turn: Turn::from_settings(&url, SECRET).unwrap(),
        ..Config::default()
    };
    for app in TestApp::each(config).await {
        let cookie = app.login("interviewer2@demo.test", PW).await;
        let reply = app.call("video-relays", &[], Some(&cookie), None).await;
        assert_eq!(reply.status, 200, "{}: {}", app.db, reply.body);
        assert!(
            !reply.body.contains(SECRET),
            "the secret never leaves the server"
        );
        let relays = reply.json();
        let relay = &relays[0];
        assert_eq!(relays.as_array().map(Vec::len), Some(1), "{}", reply.body);
        assert_eq!(relay["urls"], serde_json::json!([url]));
        let (username, password) = (
            relay["username"].as_str().unwrap(),
            relay["credential"].as_str().unwrap(),
        );
        let (expiry, user) = username.split_once(':').unwrap();
        let left = expiry.parse::<i64>().unwrap() - chrono::Utc::now().timestamp();
        assert!(
            (23 * 3600..=24 * 3600).contains(&left),
            "good for a day: {left} s"
        );
        assert!(
            user.parse::<i64>().is_ok(),
            "an account's number, not an e-mail: {user}"
        );

        assert!(
            relays_through(turn.port, username, password),
            "{}: coturn refused",
            app.db
        );
        assert!(
            !relays_through(turn.port, username, "d3Jvbmc="),
            "a wrong password"
        );
        let expired = Turn::from_settings(&url, SECRET)
            .unwrap()
            .unwrap()
            .relay_for(user, chrono::Utc::now() - chrono::Duration::hours(25));
        assert!(
            !relays_through(turn.port, &expired.username, &expired.credential),
            "an expired credential"
        );

        let out = app.call("video-relays", &[], None, None).await;
        assert_eq!(out.status, 401, "logged out: {}", out.body);
    }
    // No TURN settings: no relays (the media server's own addresses only).
    let app = TestApp::new("sqlite", Config::default()).await;
    app::seed::seed_demo(&app.state).await.unwrap();
    let cookie = app.login("interviewer2@demo.test", PW).await;
    let reply = app.call("video-relays", &[], Some(&cookie), None).await;
    assert_eq!((reply.status, reply.json()), (200, serde_json::json!([])));
}
