//! Safe by default, as an operator meets it: the server binary on a new SQLite database refuses
//! to start without a word on where e-mail goes, refuses the demo on an https address, and
//! otherwise starts with no demo seeded.

use std::process::{Command, Stdio};
use std::time::Duration;

/// The server binary with a new database and none of the settings under test from this
/// process's environment.
fn server(dir: &std::path::Path, env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    for name in [
        "MAIL",
        "SMTP_URL",
        "SMTP_CA_FILE",
        "SEED_DEMO",
        "PUBLIC_URL",
        "METRICS_ADDR",
        // No backtrace: the test reads the error line an operator sees.
        "RUST_BACKTRACE",
        "RUST_LIB_BACKTRACE",
    ] {
        cmd.env_remove(name);
    }
    cmd.env(
        "DATABASE_URL",
        format!("sqlite://{}", dir.join("portal.db").display()),
    )
    .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
    .env("LEPTOS_SITE_ROOT", dir)
    .env("RUST_LOG", "warn")
    .envs(env.iter().copied())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    cmd
}

fn new_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir()
        .join("interview-portal-tests")
        .join(format!("startup-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a server that must stop by itself; its exit status and what it said on stderr.
async fn refused(name: &str, env: &[(&str, &str)]) -> String {
    let dir = new_dir(name);
    let mut cmd = server(&dir, env);
    let out = tokio::time::timeout(
        Duration::from_secs(60),
        tokio::task::spawn_blocking(move || cmd.output().unwrap()),
    )
    .await
    .expect("the server stops by itself")
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        !out.status.success(),
        "{name}: refused with a failure status"
    );
    let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    assert_eq!(said.lines().count(), 1, "{name}: one line: {said}");
    said
}

#[tokio::test]
async fn without_a_word_on_mail_the_server_does_not_start() {
    let said = refused("no-mail", &[]).await;
    for name in ["SMTP_URL", "MAIL=log", "MAIL=off"] {
        assert!(said.contains(name), "names {name}: {said}");
    }
    let said = refused("mail-smtp", &[("MAIL", "smtp")]).await;
    assert!(said.contains("MAIL=smtp needs SMTP_URL"), "{said}");
    let said = refused("bad-url", &[("SMTP_URL", "http://relay.example.org")]).await;
    assert!(said.contains("SMTP_URL"), "{said}");
}

#[tokio::test]
async fn the_demo_is_refused_on_an_https_address() {
    let said = refused(
        "https-demo",
        &[
            ("MAIL", "off"),
            ("SEED_DEMO", "auto"),
            ("PUBLIC_URL", "https://interviews.example.org"),
        ],
    )
    .await;
    assert!(
        said.contains("SEED_DEMO") && said.contains("https://interviews.example.org"),
        "{said}"
    );
}

#[tokio::test]
async fn by_default_no_demo_is_seeded() {
    use std::io::BufRead;
    let dir = new_dir("default");
    let mut child = server(&dir, &[("MAIL", "log")]).spawn().unwrap();
    // Everything at start (seeding included) comes before "listening".
    let stdout = child.stdout.take().unwrap();
    let said = tokio::time::timeout(
        Duration::from_secs(60),
        tokio::task::spawn_blocking(move || {
            let mut said = String::new();
            for line in std::io::BufReader::new(stdout).lines() {
                let line = line.unwrap();
                said.push_str(&line);
                said.push('\n');
                if line.contains("listening on") {
                    break;
                }
            }
            said
        }),
    )
    .await
    .expect("it starts")
    .unwrap();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    assert!(
        said.contains("listening on"),
        "it started: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("MAIL=log"), "says where e-mail goes: {said}");
    assert!(!said.contains("Demo logins"), "{said}");
    let url = format!("sqlite://{}", dir.join("portal.db").display());
    let repo = app::db::Repo::connect(&url, 1).await.unwrap();
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(repo.pool())
        .await
        .unwrap();
    assert_eq!(users, 0, "no demo accounts");
    drop(repo);
    let _ = std::fs::remove_dir_all(&dir);
}
