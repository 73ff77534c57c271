//! E-mail templates (issue 28), on SQLite and PostgreSQL: a kind is rendered from its program's
//! template or the portal's default and queued in the caller's transaction with its kind, the
//! person it is about, an HTML part and the body as the Communications page shows it (secret
//! links hidden); one program's template never reaches another's applicants; a message goes
//! through a real SMTP server on loopback as multipart/alternative, read back with a MIME parser.

use crate::common;

use app::mail::domain::MailKind;
use app::server::Config;
use common::{TestApp, TestProgram};
use mail_parser::MimeHeaders;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// An outbox row as the Communications page reads it.
#[derive(Debug, sqlx::FromRow)]
#[allow(dead_code)] // read in the assertions' messages
struct Row {
    program_id: Option<i64>,
    kind: String,
    applicant_id: Option<i64>,
    subject: String,
    body: String,
    html_body: Option<String>,
    shown_body: Option<String>,
    sent_at: Option<i64>,
}

async fn last_row(app: &TestApp, to: &str) -> Row {
    sqlx::query_as(
        "SELECT program_id, kind, applicant_id, subject, body, html_body, shown_body, sent_at
         FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(app.state.repo.pool())
    .await
    .unwrap()
}

async fn own_template(p: &TestProgram, kind: MailKind, subject: &str, body: &str) {
    let mut tx = p.state.repo.begin_write().await.unwrap();
    p.state
        .repo
        .save_mail_template(&mut tx, p.id(), kind, subject, body, p.director.user_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn an_invitation_is_written_from_its_programs_template_or_the_default() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let ours = app.program("Heart & Lung").await;
        let theirs = app.program("Renal").await;
        own_template(
            &ours,
            MailKind::Invitation,
            "Come and interview with {{program}}",
            "Hello {{applicant_name}} <{{applicant_email}}>,\n\nLog in at {{portal_link}}.\n\n{{coordinator_contact}}",
        )
        .await;

        let ana = ours.invited("ana@ours.test").await;
        let row = last_row(&app, "ana@ours.test").await;
        assert_eq!(row.kind, "invitation", "[{db}]");
        assert_eq!(row.program_id, Some(ours.id().0));
        assert_eq!(row.applicant_id, Some(ana.id.0));
        assert_eq!(
            row.subject, "Come and interview with Heart & Lung",
            "[{db}]"
        );
        assert!(
            row.body
                .starts_with("Hello Applicant Person <ana@ours.test>,\n\nLog in at http"),
            "[{db}] {}",
            row.body
        );
        assert!(
            row.body.contains("Dr. D <director@heart-&-lung.test>"),
            "[{db}] the program's contact: {}",
            row.body
        );
        let html = row.html_body.unwrap();
        assert!(
            html.contains("<p>Hello Applicant Person &lt;ana@ours.test&gt;,</p>"),
            "[{db}] values escaped in the HTML part: {html}"
        );
        assert!(
            html.contains("<a href=\"http://127.0.0.1:3000/login\">"),
            "[{db}] {html}"
        );
        assert_eq!(
            row.shown_body.as_deref(),
            Some(row.body.as_str()),
            "nothing secret"
        );

        // The other program's applicant gets the portal's default, which says to use the
        // application's e-mail and links the portal.
        theirs.invited("bo@theirs.test").await;
        let row = last_row(&app, "bo@theirs.test").await;
        assert_eq!(row.subject, "Interview invitation: Renal", "[{db}]");
        assert!(
            row.body.contains("the same e-mail as your application"),
            "[{db}] {}",
            row.body
        );
        assert!(row.body.contains("/signup"), "[{db}]");
        assert!(!row.body.contains("Come and interview"), "[{db}]");

        // Reset to the default: the next invitation of ours is the portal's text again.
        let mut tx = app.state.repo.begin_write().await.unwrap();
        assert!(app
            .state
            .repo
            .reset_mail_template(&mut tx, ours.id(), MailKind::Invitation)
            .await
            .unwrap());
        tx.commit().await.unwrap();
        ours.invited("cy@ours.test").await;
        let row = last_row(&app, "cy@ours.test").await;
        assert_eq!(row.subject, "Interview invitation: Heart & Lung", "[{db}]");
    }
}

#[tokio::test]
async fn a_coordinators_change_is_sent_as_its_kind_and_a_sign_up_link_is_hidden_on_the_page() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Clinic").await;
        let dora = p.invited("dora@clinic.test").await;
        app::applicants::changes::withdraw(&p.state, p.director, dora.id, Some("internal note"))
            .await
            .unwrap();
        let row = last_row(&app, "dora@clinic.test").await;
        assert_eq!(row.kind, "withdrawn", "[{db}]");
        assert_eq!(row.subject, "Interview invitation withdrawn: Clinic");
        assert!(
            !row.body.contains("internal note"),
            "the reason is not sent"
        );

        // An account message: no program, its link hidden on the page but sent whole.
        let form = [
            ("email", "dora@clinic.test"),
            ("password", "a good long pass"),
            ("confirm", "a good long pass"),
        ];
        assert_eq!(app.call("sign-up", &form, None, None).await.status, 200);
        let row = last_row(&app, "dora@clinic.test").await;
        assert_eq!(
            (row.kind.as_str(), row.program_id),
            ("sign_up_confirmation", None),
            "[{db}]"
        );
        assert!(row.body.contains("/verify?token="), "[{db}] {}", row.body);
        let shown = row.shown_body.unwrap();
        assert!(!shown.contains("token"), "[{db}] {shown}");
        assert!(shown.contains("[secret link hidden]"), "[{db}] {shown}");
        assert!(row.html_body.unwrap().contains("/verify?token="));
    }
}

/// A minimal SMTP server on loopback: it accepts every message and keeps what came after DATA.
async fn sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let mut conn = BufReader::new(socket);
                conn.get_mut().write_all(b"220 sink ready\r\n").await?;
                let mut line = String::new();
                loop {
                    line.clear();
                    if conn.read_line(&mut line).await? == 0 {
                        return Ok::<(), std::io::Error>(());
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply = match verb.as_str() {
                        "EHLO" => "250-sink\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            conn.get_mut().write_all(b"354 go on\r\n").await?;
                            let mut data = String::new();
                            loop {
                                let mut l = String::new();
                                conn.read_line(&mut l).await?;
                                if l == ".\r\n" || l.is_empty() {
                                    break;
                                }
                                data.push_str(
                                    l.strip_prefix('.')
                                        .filter(|_| l.starts_with(".."))
                                        .unwrap_or(&l),
                                );
                            }
                            store.lock().unwrap().push(data);
                            "250 queued\r\n"
                        }
                        "QUIT" => {
                            conn.get_mut().write_all(b"221 bye\r\n").await?;
                            return Ok(());
                        }
                        _ => "250 ok\r\n",
                    };
                    conn.get_mut().write_all(reply.as_bytes()).await?;
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn a_templated_message_arrives_at_a_real_smtp_server_with_both_parts() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (port, received) = sink().await;
        let mailer = app::outbox::SmtpMailer::new(
            &format!("smtp://127.0.0.1:{port}"),
            "Interview Portal <portal@demo.test>",
            None,
        )
        .unwrap();
        let worker = tokio::spawn(app::outbox::run_worker(
            app.state.repo.clone(),
            Arc::new(mailer),
            app.state.outbox_wake.clone(),
            app::db::now_ms,
        ));
        let p = app.program("Surgery").await;
        own_template(
            &p,
            MailKind::Invitation,
            "Invitation from {{program}} for {{applicant_name}}",
            "Dear {{applicant_name}},\n\nChoose a session at {{my_programs_link}}.\nSee you soon.",
        )
        .await;
        let id = p.added("zoe@surgery.test").await;
        // A name with markup in it (a name the import took as written).
        sqlx::query("UPDATE applicants SET name = $1 WHERE id = $2")
            .bind("Zoë <b>Ray</b> & co")
            .bind(id)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        app::applicants::ssr::mark_invited(&p.state, p.director, id)
            .await
            .unwrap();
        app::applicants::ssr::send_invitation(&p.state, p.director, id)
            .await
            .unwrap();
        app.state.outbox_wake.notify_one();

        let mut arrived = None;
        for _ in 0..100 {
            if let Some(m) = received.lock().unwrap().first().cloned() {
                arrived = Some(m);
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        worker.abort();
        let raw = arrived.unwrap_or_else(|| panic!("[{db}] nothing arrived"));
        let msg = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .unwrap();
        assert_eq!(
            msg.subject(),
            Some("Invitation from Surgery for Zoë <b>Ray</b> & co"),
            "[{db}] {raw}"
        );
        assert_eq!(
            msg.from().and_then(|a| a.first()).and_then(|a| a.address()),
            Some("portal@demo.test")
        );
        assert_eq!(
            msg.to().and_then(|a| a.first()).and_then(|a| a.address()),
            Some("zoe@surgery.test")
        );
        assert!(
            msg.message_id().is_some_and(|m| m.starts_with("outbox-")),
            "[{db}] {raw}"
        );
        let ct = msg.content_type().unwrap();
        assert_eq!(
            (ct.ctype(), ct.subtype()),
            ("multipart", Some("alternative")),
            "[{db}] {raw}"
        );
        // Lines end in CRLF on the wire.
        let text = msg.body_text(0).unwrap().replace("\r\n", "\n");
        assert_eq!(
            text.trim_end(),
            "Dear Zoë <b>Ray</b> & co,\n\nChoose a session at http://127.0.0.1:3000/my-programs.\nSee you soon.",
            "[{db}]"
        );
        let html = msg.body_html(0).unwrap();
        assert!(
            html.contains("<p>Dear Zoë &lt;b&gt;Ray&lt;/b&gt; &amp; co,</p>"),
            "[{db}] escaped: {html}"
        );
        assert!(
            html.contains("<a href=\"http://127.0.0.1:3000/my-programs\">http://127.0.0.1:3000/my-programs</a>.<br>"),
            "[{db}] {html}"
        );
        let mut row = last_row(&app, "zoe@surgery.test").await;
        for _ in 0..50 {
            if row.sent_at.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            row = last_row(&app, "zoe@surgery.test").await;
        }
        assert!(row.sent_at.is_some(), "[{db}] marked sent: {row:?}");
    }
}

#[tokio::test]
async fn a_coordinator_saves_and_resets_a_template_and_a_misspelt_placeholder_is_refused_where_it_is(
) {
    use app::communications::ssr::{reset_template, save_template};
    use app::error::AppError;
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let ours = app.program("Neuro").await;
        let theirs = app.program("Derm").await;
        let refused = save_template(
            &ours.state,
            ours.director,
            "invitation",
            "Hello {{program}}",
            "Dear {{applicant_name}},\n\nSee you on {{sesion_date}}.",
        )
        .await;
        match refused {
            Err(AppError::Invalid { field, message }) => {
                assert_eq!(field.as_deref(), Some("body"), "[{db}]");
                assert_eq!(
                    message,
                    "Unknown placeholder {{sesion_date}} at line 3, column 12: did you mean {{session_date}}?"
                );
            }
            other => panic!("[{db}] {other:?}"),
        }
        // A placeholder the kind has no value for, in the subject.
        let refused = save_template(
            &ours.state,
            ours.director,
            "withdrawn",
            "{{session_date}}",
            "Body",
        )
        .await;
        assert!(
            matches!(&refused, Err(AppError::Invalid { field: Some(f), .. }) if f == "subject"),
            "[{db}] {refused:?}"
        );
        for (kind, subject, body) in [
            ("password_reset", "x", "y"),
            ("one_off", "x", "y"),
            ("nonsense", "x", "y"),
            ("invitation", "", "y"),
            ("invitation", "a\nb", "y"),
            ("invitation", "x", " "),
        ] {
            assert!(
                matches!(
                    save_template(&ours.state, ours.director, kind, subject, body).await,
                    Err(AppError::Invalid { .. })
                ),
                "[{db}] {kind} {subject:?} {body:?}"
            );
        }
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_templates")
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
        assert_eq!(n, 0, "[{db}] nothing refused is written");

        save_template(
            &ours.state,
            ours.director,
            "invitation",
            "Hi from {{program}}",
            "Dear {{applicant_name}}",
        )
        .await
        .unwrap();
        ours.invited("ann@neuro.test").await;
        theirs.invited("ben@derm.test").await;
        assert_eq!(
            last_row(&app, "ann@neuro.test").await.subject,
            "Hi from Neuro",
            "[{db}]"
        );
        assert_eq!(
            last_row(&app, "ben@derm.test").await.subject,
            "Interview invitation: Derm",
            "[{db}] not theirs"
        );
        reset_template(&ours.state, ours.director, "invitation")
            .await
            .unwrap();
        ours.invited("cal@neuro.test").await;
        assert_eq!(
            last_row(&app, "cal@neuro.test").await.subject,
            "Interview invitation: Neuro",
            "[{db}]"
        );
    }
}
