//! The outbox delivers through an SMTP relay (a minimal fake one on loopback here): each
//! message once; a refused message stays queued with its error, for a later retry.

use crate::common;

use app::server::Config;
use common::TestApp;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A one-purpose SMTP server: answers every command, keeps what came after DATA, and refuses
/// the recipient when `refuse` is set.
async fn fake_relay(refuse: bool) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 fake\r\n",
                        "RCPT" if refuse => b"550 no such user\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

async fn sent_state(app: &TestApp, to: &str) -> (Option<i64>, i64, Option<String>) {
    sqlx::query_as("SELECT sent_at, attempts, last_error FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1")
        .bind(to)
        .fetch_one(app.state.repo.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn mail_goes_through_the_relay_once_and_refusals_are_kept_for_retry() {
    for app in TestApp::each(Config::default()).await {
        let (port, received) = fake_relay(false).await;
        let mailer = app::outbox::SmtpMailer::new(
            &format!("smtp://127.0.0.1:{port}"),
            "Portal <portal@demo.test>",
        )
        .unwrap();
        let worker = tokio::spawn(app::outbox::run_worker(
            app.state.repo.clone(),
            Arc::new(mailer),
            app.state.outbox_wake.clone(),
        ));
        let form = [
            ("email", "ella.novak@demo.test"),
            ("password", "a good long pass"),
            ("confirm", "a good long pass"),
        ];
        assert_eq!(app.call("sign-up", &form, None, None).await.status, 200);
        let mut state = (None, 0, None);
        for _ in 0..50 {
            state = sent_state(&app, "ella.novak@demo.test").await;
            if state.0.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(state.0.is_some(), "[{}] delivered: {state:?}", app.db);
        assert_eq!(state.1, 1, "sent once");
        let mails = received.lock().unwrap().clone();
        assert_eq!(mails.len(), 1, "[{}]", app.db);
        assert!(
            mails[0].contains("/verify?token="),
            "the link travels: {}",
            mails[0]
        );
        worker.abort();

        // A relay that refuses the recipient: the message stays queued, with the reason.
        let (port, received) = fake_relay(true).await;
        let mailer =
            app::outbox::SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), "portal@demo.test")
                .unwrap();
        let worker = tokio::spawn(app::outbox::run_worker(
            app.state.repo.clone(),
            Arc::new(mailer),
            app.state.outbox_wake.clone(),
        ));
        let form = [
            ("email", "farid.haddad@demo.test"),
            ("password", "a good long pass"),
            ("confirm", "a good long pass"),
        ];
        assert_eq!(app.call("sign-up", &form, None, None).await.status, 200);
        for _ in 0..50 {
            state = sent_state(&app, "farid.haddad@demo.test").await;
            if state.1 > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(state.0, None, "[{}] not marked sent: {state:?}", app.db);
        assert_eq!(state.1, 1);
        assert!(
            state.2.unwrap_or_default().contains("550"),
            "the relay's answer is kept"
        );
        assert!(received.lock().unwrap().is_empty());
        worker.abort();
    }
}
