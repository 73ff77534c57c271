//! The outbox delivers through SMTP relays on loopback (a small one written here): plain, with
//! STARTTLS and with TLS from the start (a self-signed certificate the mailer is told to trust,
//! as SMTP_CA_FILE does), log-in required. Each message once, with a Message-ID of its own that
//! stays the same when it is sent again; a wrong password or a relay failing late keeps the message
//! queued with the relay's answer, for a later retry; a recipient refused for good (550) is given
//! up on at once (bounced) with the answer; the worker keeps running. Its relay serves the
//! Communications page's tests too (`messages.rs`).

use crate::common;

use app::server::Config;
use common::TestApp;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio_rustls::rustls;

/// How the relay's connection is protected.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Security {
    Plain,
    /// Offers STARTTLS and refuses log-in and mail before it.
    StartTls,
    /// TLS from the first byte (smtps, port 465).
    Implicit,
}

/// A one-purpose SMTP server.
#[derive(Clone, Copy)]
pub(crate) struct Relay {
    pub(crate) security: Security,
    /// The account it accepts (AUTH PLAIN or LOGIN, after TLS); mail without it is refused.
    pub(crate) login: Option<(&'static str, &'static str)>,
    pub(crate) refuse_recipient: bool,
    /// How many messages it answers 451 after receiving them whole (a relay failing late).
    pub(crate) fail_after_data: usize,
    /// How long it takes over each message before answering (a slow relay), in milliseconds.
    pub(crate) delay_ms: u64,
}

pub(crate) const PLAIN: Relay = Relay {
    security: Security::Plain,
    login: None,
    refuse_recipient: false,
    fail_after_data: 0,
    delay_ms: 0,
};

const ACCOUNT: (&str, &str) = ("portal@demo.test", "right pass: 100%");

pub(crate) struct Running {
    pub(crate) port: u16,
    /// Every message that came after DATA, accepted or not.
    pub(crate) received: Arc<Mutex<Vec<String>>>,
    /// The certificate to trust (PEM).
    cert_pem: String,
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

fn tls_acceptor() -> (tokio_rustls::TlsAcceptor, String) {
    let key = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let private = rustls::pki_types::PrivatePkcs8KeyDer::from(key.signing_key.serialize_der());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![key.cert.der().clone()], private.into())
    .unwrap();
    (
        tokio_rustls::TlsAcceptor::from(Arc::new(config)),
        key.cert.pem(),
    )
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) async fn start(relay: Relay) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let (acceptor, cert_pem) = tls_acceptor();
    let failures = Arc::new(Mutex::new(relay.fail_after_data));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (store, acceptor, failures) = (store.clone(), acceptor.clone(), failures.clone());
            tokio::spawn(async move {
                let _ = session(relay, socket, acceptor, store, failures).await;
            });
        }
    });
    Running {
        port,
        received,
        cert_pem,
    }
}

async fn session(
    relay: Relay,
    socket: tokio::net::TcpStream,
    acceptor: tokio_rustls::TlsAcceptor,
    store: Arc<Mutex<Vec<String>>>,
    failures: Arc<Mutex<usize>>,
) -> std::io::Result<()> {
    let mut tls = relay.security == Security::Implicit;
    let io: Box<dyn Io> = if tls {
        Box::new(acceptor.accept(socket).await?)
    } else {
        Box::new(socket)
    };
    let mut conn = BufReader::new(io);
    let (mut authed, mut login_user) = (false, None::<String>);
    say(&mut conn, "220 test ESMTP").await?;
    loop {
        let mut line = String::new();
        if conn.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let line = line.trim_end().to_string();
        // AUTH LOGIN: the user, then the password, each on a line of its own.
        if let Some(user) = login_user.take() {
            if user.is_empty() {
                login_user = Some(line);
                say(&mut conn, "334 UGFzc3dvcmQ6").await?;
            } else {
                authed = relay.login.is_some_and(|(u, p)| {
                    user == base64(u.as_bytes()) && line == base64(p.as_bytes())
                });
                say(
                    &mut conn,
                    if authed {
                        "235 ok"
                    } else {
                        "535 5.7.8 Authentication credentials invalid"
                    },
                )
                .await?;
            }
            continue;
        }
        let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
        let before_tls = relay.security == Security::StartTls && !tls;
        let reply = match verb.as_str() {
            "EHLO" | "HELO" => {
                let mut r = String::from("250-test\r\n");
                if before_tls {
                    r.push_str("250-STARTTLS\r\n");
                } else if relay.login.is_some() {
                    r.push_str("250-AUTH PLAIN LOGIN\r\n");
                }
                r.push_str("250 8BITMIME");
                r
            }
            "STARTTLS" if before_tls => {
                say(&mut conn, "220 go ahead").await?;
                let plain = conn.into_inner();
                conn = BufReader::new(Box::new(acceptor.accept(plain).await?));
                tls = true;
                continue;
            }
            "AUTH" | "MAIL" if before_tls => "530 5.7.0 Must issue a STARTTLS command first".into(),
            "AUTH" => {
                let mut words = line.split_whitespace().skip(1);
                match (words.next().map(str::to_uppercase).as_deref(), words.next()) {
                    (Some("PLAIN"), Some(given)) => {
                        authed = relay.login.is_some_and(|(u, p)| {
                            given == base64(format!("\0{u}\0{p}").as_bytes())
                        });
                        if authed {
                            "235 ok"
                        } else {
                            "535 5.7.8 Authentication credentials invalid"
                        }
                        .into()
                    }
                    (Some("LOGIN"), _) => {
                        login_user = Some(String::new());
                        "334 VXNlcm5hbWU6".into()
                    }
                    _ => "504 unrecognized".into(),
                }
            }
            "MAIL" if relay.login.is_some() && !authed => {
                "530 5.7.0 Authentication required".into()
            }
            "RCPT" if relay.refuse_recipient => "550 no such user".into(),
            "DATA" => {
                say(&mut conn, "354 go ahead").await?;
                let mut data = String::new();
                loop {
                    let mut l = String::new();
                    if conn.read_line(&mut l).await? == 0 {
                        return Ok(());
                    }
                    if l.trim_end() == "." {
                        break;
                    }
                    data.push_str(&l);
                }
                store.lock().unwrap().push(data);
                tokio::time::sleep(std::time::Duration::from_millis(relay.delay_ms)).await;
                let mut failures = failures.lock().unwrap();
                if *failures > 0 {
                    *failures -= 1;
                    "451 4.3.0 try again later".into()
                } else {
                    "250 queued".into()
                }
            }
            "QUIT" => {
                say(&mut conn, "221 bye").await?;
                return Ok(());
            }
            _ => "250 ok".into(),
        };
        say(&mut conn, &reply).await?;
    }
}

async fn say(conn: &mut BufReader<Box<dyn Io>>, reply: &str) -> std::io::Result<()> {
    let io = conn.get_mut();
    io.write_all(format!("{reply}\r\n").as_bytes()).await?;
    io.flush().await
}

/// The newest outbox row to this address: (id, sent_at, attempts, last_error).
async fn row(app: &TestApp, to: &str) -> (i64, Option<i64>, i64, Option<String>) {
    sqlx::query_as(
        "SELECT id, sent_at, attempts, last_error FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(app.state.repo.pool())
    .await
    .unwrap()
}

/// Polls the row until `done` says so (at most ten seconds).
async fn wait_for(
    app: &TestApp,
    to: &str,
    done: impl Fn(&(i64, Option<i64>, i64, Option<String>)) -> bool,
) -> (i64, Option<i64>, i64, Option<String>) {
    let mut state = row(app, to).await;
    for _ in 0..100 {
        if done(&state) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        state = row(app, to).await;
    }
    state
}

async fn enqueue(app: &TestApp, to: &str, subject: &str, body: &str) {
    let mut tx = app.state.repo.begin_write().await.unwrap();
    app.state
        .repo
        .enqueue_email(&mut tx, None, to, subject, body)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.state.outbox_wake.notify_one();
}

/// The failed row is due again now (the back-off would wait 30 s).
async fn due_now(app: &TestApp, id: i64) {
    sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE id = $1")
        .bind(id)
        .execute(app.state.repo.pool())
        .await
        .unwrap();
    app.state.outbox_wake.notify_one();
}

pub(crate) fn start_worker(
    app: &TestApp,
    mailer: app::outbox::SmtpMailer,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(app::outbox::run_worker(
        app.state.repo.clone(),
        Arc::new(mailer),
        app.state.outbox_wake.clone(),
        app::db::now_ms,
    ))
}

pub(crate) fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    mail.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

pub(crate) fn plain_mailer(port: u16, from: &str) -> app::outbox::SmtpMailer {
    app::outbox::SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), from, None).unwrap()
}

/// An applicant signs up: the confirmation link goes into the outbox.
async fn sign_up(app: &TestApp, email: &str) {
    let form = [
        ("email", email),
        ("password", "a good long pass"),
        ("confirm", "a good long pass"),
    ];
    assert_eq!(app.call("sign-up", &form, None, None).await.status, 200);
}

#[tokio::test]
async fn mail_goes_through_the_relay_once_and_a_refused_recipient_bounces() {
    for app in TestApp::each(Config::default()).await {
        let relay = start(PLAIN).await;
        let worker = start_worker(&app, plain_mailer(relay.port, "Portal <portal@demo.test>"));
        sign_up(&app, "ella.novak@demo.test").await;
        let state = wait_for(&app, "ella.novak@demo.test", |s| s.1.is_some()).await;
        assert!(state.1.is_some(), "[{}] delivered: {state:?}", app.db);
        assert_eq!(state.2, 1, "sent once");
        let mails = relay.received.lock().unwrap().clone();
        assert_eq!(mails.len(), 1, "[{}]", app.db);
        assert!(
            mails[0].contains("/verify?token="),
            "the link travels: {}",
            mails[0]
        );
        worker.abort();

        // A relay that refuses the recipient for good (550): not sent, and given up on at once
        // (bounced), with the relay's answer; the Communications page resends it.
        let relay = start(Relay {
            refuse_recipient: true,
            ..PLAIN
        })
        .await;
        let worker = start_worker(&app, plain_mailer(relay.port, "portal@demo.test"));
        sign_up(&app, "farid.haddad@demo.test").await;
        let state = wait_for(&app, "farid.haddad@demo.test", |s| s.2 > 0).await;
        assert_eq!(state.1, None, "[{}] not marked sent: {state:?}", app.db);
        assert_eq!(state.2, 1);
        assert!(
            state.3.unwrap_or_default().contains("550"),
            "the relay's answer is kept"
        );
        let (failed_at, bounced): (Option<i64>, i64) =
            sqlx::query_as("SELECT failed_at, bounced FROM outbox WHERE id = $1")
                .bind(state.0)
                .fetch_one(app.state.repo.pool())
                .await
                .unwrap();
        assert!(
            failed_at.is_some() && bounced == 1,
            "[{}] given up on",
            app.db
        );
        assert!(relay.received.lock().unwrap().is_empty());
        worker.abort();
    }
}

/// The URL's password has characters a URL must escape (`:`, ` `, `%`), as real ones do.
fn url(scheme: &str, port: u16, password: &str, query: &str) -> String {
    let escaped = password
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(' ', "%20");
    format!("{scheme}://portal%40demo.test:{escaped}@localhost:{port}{query}")
}

#[tokio::test]
async fn mail_goes_over_starttls_and_implicit_tls_with_a_stable_message_id() {
    for app in TestApp::each(Config::default()).await {
        for (security, scheme, query) in [
            (Security::StartTls, "smtp", "?tls=required"),
            (Security::Implicit, "smtps", ""),
        ] {
            let relay = start(Relay {
                security,
                login: Some(ACCOUNT),
                fail_after_data: 1,
                ..PLAIN
            })
            .await;
            let url = url(scheme, relay.port, ACCOUNT.1, query);
            let to = format!("{scheme}.applicant@example.org");

            // Not trusted: a self-signed certificate is refused, and said on the row.
            let untrusting =
                app::outbox::SmtpMailer::new(&url, "Portal <portal@demo.test>", None).unwrap();
            let w = start_worker(&app, untrusting);
            enqueue(&app, &to, "Your interview day", "See you on Monday.").await;
            let (id, sent, _, error) = wait_for(&app, &to, |s| s.2 > 0).await;
            w.abort();
            let error = error.unwrap_or_default();
            assert_eq!(sent, None, "[{}] {scheme}", app.db);
            assert!(
                error.contains("certificate"),
                "[{}] {scheme}: {error}",
                app.db
            );
            assert!(relay.received.lock().unwrap().is_empty());

            // Trusted (SMTP_CA_FILE): delivered. The relay fails the first one after taking it
            // whole, so it is sent twice, with the same Message-ID.
            let trusting = app::outbox::SmtpMailer::new(
                &url,
                "Portal <portal@demo.test>",
                Some(relay.cert_pem.as_bytes()),
            )
            .unwrap();
            let w = start_worker(&app, trusting);
            due_now(&app, id).await;
            let state = wait_for(&app, &to, |s| s.2 > 1).await;
            assert!(
                state.3.as_deref().unwrap_or("").contains("451"),
                "[{}] {scheme}: {state:?}",
                app.db
            );
            due_now(&app, id).await;
            let state = wait_for(&app, &to, |s| s.1.is_some()).await;
            w.abort();
            assert!(
                state.1.is_some(),
                "[{}] {scheme} delivered: {state:?}",
                app.db
            );
            let mails = relay.received.lock().unwrap().clone();
            assert_eq!(mails.len(), 2, "[{}] {scheme}", app.db);
            let delivered = &mails[1];
            assert_eq!(header(delivered, "Subject"), Some("Your interview day"));
            let from = header(delivered, "From").unwrap_or_default();
            assert!(
                from.contains("Portal") && from.contains("<portal@demo.test>"),
                "{from}"
            );
            assert_eq!(header(delivered, "To"), Some(to.as_str()));
            assert!(delivered.contains("See you on Monday."), "{delivered}");
            let message_id = header(delivered, "Message-ID").unwrap_or_default();
            assert!(
                message_id.starts_with(&format!("<outbox-{id}."))
                    && message_id.ends_with("@demo.test>"),
                "{message_id}"
            );
            assert_eq!(
                header(&mails[0], "Message-ID"),
                Some(message_id),
                "[{}] {scheme}: the same message, sent again",
                app.db
            );
        }
    }
}

#[tokio::test]
async fn a_wrong_password_is_said_on_the_row_and_retried() {
    for app in TestApp::each(Config::default()).await {
        let relay = start(Relay {
            security: Security::StartTls,
            login: Some(ACCOUNT),
            ..PLAIN
        })
        .await;
        let url = url("smtp", relay.port, "wrong pass", "?tls=required");
        let mailer =
            app::outbox::SmtpMailer::new(&url, "portal@demo.test", Some(relay.cert_pem.as_bytes()))
                .unwrap();
        let w = start_worker(&app, mailer);
        let to = "wrong.password@example.org";
        enqueue(&app, to, "Hello", "Body").await;
        let (id, sent, attempts, error) = wait_for(&app, to, |s| s.2 > 0).await;
        assert_eq!((sent, attempts), (None, 1), "[{}]", app.db);
        let error = error.unwrap_or_default();
        assert!(
            error.contains("535") && error.contains("credentials"),
            "[{}] the relay's answer: {error}",
            app.db
        );
        let (next,): (i64,) = sqlx::query_as("SELECT next_attempt_at FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
        assert!(
            next > app::db::now_ms() + 20_000,
            "retried later, not at once"
        );
        // Retried when due, by the same worker, still running.
        due_now(&app, id).await;
        let state = wait_for(&app, to, |s| s.2 > 1).await;
        assert_eq!((state.1, state.2), (None, 2), "[{}] {state:?}", app.db);
        assert!(!w.is_finished(), "the worker keeps running");
        assert!(relay.received.lock().unwrap().is_empty());
        w.abort();
    }
}
