//! The Communications page (issue 28), on SQLite and PostgreSQL: a message the relay refuses for
//! good (a real SMTP server on loopback answering 550) is given up on at once and shown as
//! Bounced with the relay's answer, then resent and delivered; ten failed attempts make a
//! message Failed, which the outbox no longer claims until "Resend all failed"; a sent message
//! is sent again as a copy; each resend writes its audit line; the page's filter; one program
//! never sees another's messages (through the router, as a coordinator's browser asks); and a
//! one-off message to the applicants of a filter, previewed, counted and sent one per applicant.

use crate::common;
use crate::outbox::{plain_mailer, start, start_worker, Relay, PLAIN};

use app::communications::messages::ssr::{page, resend, resend_failed};
use app::communications::messages::types::MessagesFilter;
use app::communications::send_list::types::SendListForm;
use app::error::AppError;
use app::mail::domain::MessageState;
use app::server::Config;
use common::{TestApp, TestProgram, PW};
use std::time::Duration;

/// The newest outbox row to `to`: (id, sent_at, attempts, failed_at, bounced, last_error).
type Row = (i64, Option<i64>, i64, Option<i64>, i64, Option<String>);

async fn row(app: &TestApp, to: &str) -> Row {
    sqlx::query_as(
        "SELECT id, sent_at, attempts, failed_at, bounced, last_error FROM outbox
         WHERE to_email = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(app.state.repo.pool())
    .await
    .unwrap()
}

/// Polls the row until `done` (at most ten seconds).
async fn wait_for(app: &TestApp, to: &str, done: impl Fn(&Row) -> bool) -> Row {
    let mut r = row(app, to).await;
    for _ in 0..100 {
        if done(&r) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        r = row(app, to).await;
    }
    r
}

/// The program's audit lines about messages: (action, entity_id, to, reason).
async fn message_lines(
    p: &TestProgram,
) -> Vec<(String, Option<i64>, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT action, entity_id, to_value, reason FROM audit_log
         WHERE program_id = $1 AND entity = 'message' ORDER BY id",
    )
    .bind(p.id())
    .fetch_all(p.state.repo.pool())
    .await
    .unwrap()
}

fn filter() -> MessagesFilter {
    MessagesFilter::default()
}

#[tokio::test]
async fn a_refused_recipient_bounces_at_once_and_is_resent_and_delivered() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Bounce Clinic").await;
        // The relay refuses the recipient for good: given up at once, shown as Bounced.
        let refusing = start(Relay {
            refuse_recipient: true,
            ..PLAIN
        })
        .await;
        let worker = start_worker(&app, plain_mailer(refusing.port, "portal@demo.test"));
        let ana = p.invited("ana.bounce@example.org").await;
        app.state.outbox_wake.notify_one();
        let (id, sent, attempts, failed, bounced, answer) =
            wait_for(&app, "ana.bounce@example.org", |r| r.3.is_some()).await;
        worker.abort();
        assert_eq!((sent, attempts, bounced), (None, 1, 1), "[{db}]");
        assert!(failed.is_some(), "[{db}] given up on at once");
        let answer = answer.unwrap_or_default();
        assert!(
            answer.contains("550"),
            "[{db}] the relay's answer: {answer}"
        );

        let shown = page(&p.state, p.director, &filter()).await.unwrap();
        let line = &shown.messages[0].line;
        assert_eq!(
            (line.id, line.state()),
            (id, MessageState::Bounced),
            "[{db}]"
        );
        assert_eq!((shown.failed, shown.bounced), (0, 1));
        let (message, _) = app::communications::messages::ssr::message(&p.state, p.director, id)
            .await
            .unwrap();
        assert_eq!(message.listed.line.applicant_id, Some(ana.id));

        // An accepting relay: the resend queues the same message at once and it goes out.
        let accepting = start(PLAIN).await;
        let worker = start_worker(&app, plain_mailer(accepting.port, "portal@demo.test"));
        let said = resend(&p.state, p.director, id).await.unwrap();
        assert!(said.starts_with("Queued again"), "{said}");
        let (again, sent, attempts, failed, ..) =
            wait_for(&app, "ana.bounce@example.org", |r| r.1.is_some()).await;
        assert_eq!(again, id, "[{db}] the same message");
        assert!(sent.is_some() && failed.is_none(), "[{db}] delivered");
        assert_eq!(attempts, 1, "[{db}] its attempts started again");
        assert_eq!(accepting.received.lock().unwrap().len(), 1);

        // Sent: "Send again" queues a copy, and the sent one keeps its record.
        let said = resend(&p.state, p.director, id).await.unwrap();
        let (copy, ..) = wait_for(&app, "ana.bounce@example.org", |r| {
            r.0 != id && r.1.is_some()
        })
        .await;
        worker.abort();
        assert_ne!(copy, id, "[{db}] {said}");
        assert!(said.contains(&format!("#{copy}")), "{said}");
        assert_eq!(accepting.received.lock().unwrap().len(), 2, "[{db}]");

        let lines = message_lines(&p).await;
        assert_eq!(lines.len(), 2, "[{db}] one line per resend: {lines:?}");
        assert_eq!(lines[0].0, "resent");
        assert_eq!(lines[0].1, Some(id));
        assert_eq!(lines[0].2.as_deref(), Some("ana.bounce@example.org"));
        assert!(
            lines[0]
                .3
                .as_deref()
                .unwrap_or("")
                .starts_with("it was bounced: ")
                && lines[0].3.as_deref().unwrap_or("").contains("550"),
            "{lines:?}"
        );
        assert_eq!(
            (lines[1].0.as_str(), lines[1].3.clone()),
            ("sent_again", Some(format!("as message #{copy}")))
        );
    }
}

#[tokio::test]
async fn ten_failed_attempts_make_a_message_failed_until_every_failed_one_is_resent() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Retry Clinic").await;
        // A relay that fails every message late (451): a passing failure, retried.
        let failing = start(Relay {
            fail_after_data: 1_000,
            ..PLAIN
        })
        .await;
        let worker = start_worker(&app, plain_mailer(failing.port, "portal@demo.test"));
        p.invited("bo.retry@example.org").await;
        app.state.outbox_wake.notify_one();
        let (id, _, attempts, failed, ..) =
            wait_for(&app, "bo.retry@example.org", |r| r.2 > 0).await;
        assert_eq!((attempts, failed), (1, None), "[{db}] retried later");
        let shown = page(&p.state, p.director, &filter()).await.unwrap();
        assert_eq!(shown.messages[0].line.state(), MessageState::Retrying);
        assert!(shown.messages[0]
            .line
            .last_error
            .as_deref()
            .unwrap_or("")
            .contains("451"));

        // Its ninth failure done, the tenth is the last: it is Failed, no longer claimed.
        sqlx::query("UPDATE outbox SET attempts = 9, next_attempt_at = 0 WHERE id = $1")
            .bind(id)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        app.state.outbox_wake.notify_one();
        let (_, sent, attempts, failed, bounced, _) =
            wait_for(&app, "bo.retry@example.org", |r| r.3.is_some()).await;
        worker.abort();
        assert_eq!((sent, attempts, bounced), (None, 10, 0), "[{db}]");
        assert!(failed.is_some(), "[{db}] given up after ten");
        sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE id = $1")
            .bind(id)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        let claimed = app
            .state
            .repo
            .claim_due_emails(app::db::now_ms(), 20)
            .await
            .unwrap();
        assert!(
            claimed.iter().all(|r| r.id != id),
            "[{db}] a failed message is not claimed"
        );
        let state = |f: &str| MessagesFilter {
            state: f.into(),
            ..filter()
        };
        let failed_only = page(&p.state, p.director, &state("failed")).await.unwrap();
        assert_eq!(failed_only.total, 1, "[{db}]");
        assert_eq!(failed_only.messages[0].line.state(), MessageState::Failed);
        assert_eq!(
            page(&p.state, p.director, &state("retrying"))
                .await
                .unwrap()
                .total,
            0
        );

        // "Resend all failed": every one queued again now, one audit line saying how many.
        let said = resend_failed(&p.state, p.director).await.unwrap();
        assert!(said.starts_with("1 failed message queued again"), "{said}");
        let (_, _, attempts, failed, ..) = row(&app, "bo.retry@example.org").await;
        assert_eq!((attempts, failed), (0, None), "[{db}]");
        assert_eq!(
            page(&p.state, p.director, &state("queued"))
                .await
                .unwrap()
                .total,
            1
        );
        let lines = message_lines(&p).await;
        assert_eq!(
            lines,
            vec![(
                "resent".to_string(),
                None,
                Some("1 failed message".to_string()),
                None
            )],
            "[{db}]"
        );
        // Nothing failed is left: said, not done.
        assert!(matches!(
            resend_failed(&p.state, p.director).await,
            Err(AppError::Conflict(_))
        ));
        // A queued message is not "resent".
        assert!(matches!(
            resend(&p.state, p.director, id).await,
            Err(AppError::Conflict(_))
        ));
    }
}

#[tokio::test]
async fn the_filter_finds_messages_by_person_kind_state_day_and_text() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Filter Clinic").await;
        let ana = p.invited("ana.lee@example.org").await;
        p.invited("bo.chen@example.org").await;
        app::applicants::changes::withdraw(&p.state, p.director, ana.id, None)
            .await
            .unwrap();
        sqlx::query("UPDATE applicants SET name = 'Ana Lee' WHERE id = $1")
            .bind(ana.id)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        let count = |f: MessagesFilter| {
            let p = &p;
            async move { page(&p.state, p.director, &f).await.unwrap().total }
        };
        assert_eq!(
            count(filter()).await,
            3,
            "[{db}] two invitations, one withdrawal"
        );
        let person = |t: &str| MessagesFilter {
            person: t.into(),
            ..filter()
        };
        assert_eq!(count(person("ANA LEE")).await, 2, "[{db}] by name");
        assert_eq!(count(person("bo.chen@")).await, 1, "[{db}] by address");
        assert_eq!(
            count(person("100%_")).await,
            0,
            "[{db}] wildcards taken literally"
        );
        let kind = MessagesFilter {
            kind: "withdrawn".into(),
            ..filter()
        };
        assert_eq!(count(kind).await, 1, "[{db}]");
        let search = MessagesFilter {
            q: "Interview invitation:".into(),
            ..filter()
        };
        assert_eq!(count(search).await, 2, "[{db}] by subject");
        let queued = MessagesFilter {
            state: "queued".into(),
            ..filter()
        };
        assert_eq!(count(queued).await, 3, "[{db}] no worker: all queued");
        // Today in the program's zone lies within a day of today in UTC.
        let today = chrono::Utc::now().date_naive();
        let days = |from: chrono::NaiveDate, to: chrono::NaiveDate| MessagesFilter {
            from: from.to_string(),
            to: to.to_string(),
            ..filter()
        };
        let (before, after) = (today.pred_opt().unwrap(), today.succ_opt().unwrap());
        assert_eq!(count(days(before, after)).await, 3, "[{db}] these days");
        let long_ago = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        assert_eq!(count(days(long_ago, long_ago)).await, 0, "[{db}]");
        let theirs = MessagesFilter {
            applicant: ana.id.to_string(),
            ..filter()
        };
        let shown = page(&p.state, p.director, &theirs).await.unwrap();
        assert_eq!(shown.total, 2, "[{db}] one applicant's");
        assert_eq!(shown.applicant.as_deref(), Some("Ana Lee"));
        assert_eq!(
            shown.messages[0].line.kind,
            app::mail::domain::MailKind::Withdrawn,
            "newest first"
        );
        let bad = MessagesFilter {
            state: "lost".into(),
            ..filter()
        };
        assert!(matches!(
            page(&p.state, p.director, &bad).await,
            Err(AppError::Invalid { .. })
        ));
        // The applicant's page lists them, newest first, with the link to all of them.
        let (lines, total) = app
            .state
            .repo
            .applicant_messages(p.id(), ana.id, 10)
            .await
            .unwrap();
        assert_eq!((lines.len(), total), (2, 2), "[{db}]");
    }
}

#[tokio::test]
async fn one_program_never_sees_anothers_messages() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let demo = app.demo_program().await;
        let other = app.program("Other Program").await;
        let theirs = other.invited("secret.applicant@other.test").await;
        let (their_message, ..) = row(&app, "secret.applicant@other.test").await;
        demo.invited("own.applicant@demo.test").await;
        let (own_message, ..) = row(&app, "own.applicant@demo.test").await;
        let cookie = app.login("coordinator@demo.test", PW).await;
        let call = |endpoint: &'static str, form: Vec<(&'static str, String)>| {
            let (app, cookie) = (&app, cookie.clone());
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.call(endpoint, &form, Some(&cookie), None).await
            }
        };
        let list = call("communications-page", vec![]).await;
        assert_eq!(list.status, 200, "[{db}] {}", list.body);
        assert!(list.body.contains("own.applicant@demo.test"), "[{db}]");
        assert!(
            !list.body.contains("secret.applicant"),
            "[{db}] {}",
            list.body
        );
        let searched = call("communications-page", vec![("person", "secret".into())]).await;
        assert!(!searched.body.contains("secret.applicant"), "[{db}]");
        let own = call("message-page", vec![("id", own_message.to_string())]).await;
        assert_eq!(own.status, 200, "[{db}] {}", own.body);
        for endpoint in ["message-page", "resend-message"] {
            let r = call(endpoint, vec![("id", their_message.to_string())]).await;
            assert_eq!(r.status, 404, "[{db}] {endpoint}: {}", r.body);
            assert!(r.body.contains("not found"), "[{db}] {}", r.body);
            assert!(!r.body.contains("secret.applicant"), "[{db}]");
        }
        let by_applicant = call(
            "communications-page",
            vec![("applicant", theirs.id.to_string())],
        )
        .await;
        assert_eq!(by_applicant.status, 404, "[{db}] {}", by_applicant.body);
        // Their failed message is not the demo's to resend.
        sqlx::query("UPDATE outbox SET failed_at = 1, attempts = 10 WHERE id = $1")
            .bind(their_message)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        let all = call("resend-failed", vec![]).await;
        assert_eq!(
            all.status, 409,
            "[{db}] nothing of the demo failed: {}",
            all.body
        );
        let (_, _, attempts, failed, ..) = row(&app, "secret.applicant@other.test").await;
        assert_eq!((attempts, failed), (10, Some(1)), "[{db}] left as it was");
    }
}

#[tokio::test]
async fn a_message_to_a_list_goes_once_to_each_applicant_of_the_filter() {
    use app::communications::send_list::ssr::{list, message, preview, send};
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("List Clinic").await;
        let day = p.session("Interview Day 1", 10, true).await;
        for email in ["ana@list.test", "bo@list.test"] {
            let a = p.invited(email).await;
            p.choose(&a.me, day, None).await.unwrap();
        }
        p.invited("cy@list.test").await;
        let form = |expected: &str| {
            SendListForm {
            status: "confirmed".into(),
            session: day.to_string(),
            q: String::new(),
            subject: "Parking on {{session_date}}".into(),
            body: "Dear {{applicant_name}},\n\nPark in lot B for {{session_name}}.\n\n{{coordinator_contact}}"
                .into(),
            expected: expected.into(),
        }
        };
        // The preview: how many, filled for the first.
        let l = list(&p.state, p.director, "confirmed", &day.to_string(), "")
            .await
            .unwrap();
        assert_eq!(l.recipients.len(), 2, "[{db}]");
        let f = form("2");
        let (s, b) = message(&f.subject, &f.body).unwrap();
        let filled = preview(&p.state, p.director, &l, &s, &b)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            filled.subject, "Parking on Tuesday, January 12, 2027",
            "[{db}]"
        );
        assert!(
            filled.body.contains("for Interview Day 1."),
            "{}",
            filled.body
        );

        // Refused: an unknown placeholder (its line and column), a status that is none, a
        // session of no program of theirs, a list that changed since the preview.
        let wrong = SendListForm {
            body: "Hello\n{{aplicant_name}}".into(),
            ..form("2")
        };
        match send(&p.state, p.director, &wrong).await {
            Err(AppError::Invalid {
                field: Some(f),
                message,
            }) => {
                assert_eq!(f, "body");
                assert!(message.contains("line 2, column 1"), "{message}");
            }
            other => panic!("[{db}] {other:?}"),
        }
        let nobody = SendListForm {
            status: "admin".into(),
            ..form("2")
        };
        assert!(matches!(
            send(&p.state, p.director, &nobody).await,
            Err(AppError::Invalid { field: Some(f), .. }) if f == "status"
        ));
        let elsewhere = app.program("Elsewhere").await;
        let their_day = elsewhere.session("Their day", 5, true).await;
        let foreign = SendListForm {
            session: their_day.to_string(),
            ..form("2")
        };
        assert!(matches!(
            send(&p.state, p.director, &foreign).await,
            Err(AppError::Invalid { field: Some(f), .. }) if f == "session"
        ));
        assert!(matches!(
            send(&p.state, p.director, &form("3")).await,
            Err(AppError::Conflict(_))
        ));
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'one_off'")
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
        assert_eq!(before, 0, "[{db}] nothing refused was queued");

        let said = send(&p.state, p.director, &form("2")).await.unwrap();
        assert_eq!(said, "Sent to 2 applicants: queued in the outbox.");
        let rows: Vec<(String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT to_email, subject, body, applicant_id FROM outbox
             WHERE program_id = $1 AND kind = 'one_off' ORDER BY to_email",
        )
        .bind(p.id())
        .fetch_all(app.state.repo.pool())
        .await
        .unwrap();
        assert_eq!(rows.len(), 2, "[{db}] one each: {rows:?}");
        assert_eq!(rows[0].0, "ana@list.test");
        assert!(
            rows[0].2.starts_with("Dear Applicant Person,"),
            "{}",
            rows[0].2
        );
        assert!(
            rows[0].2.contains("Dr. D <director@list-clinic.test>"),
            "{}",
            rows[0].2
        );
        assert!(
            rows.iter().all(|r| r.3.is_some()),
            "each about its applicant"
        );
        let lines = message_lines(&p).await;
        assert_eq!(lines.len(), 1, "[{db}] one audit line: {lines:?}");
        assert_eq!(lines[0].0, "sent_to_list");
        assert_eq!(lines[0].2.as_deref(), Some("2 applicants"));
        assert!(
            lines[0]
                .3
                .as_deref()
                .unwrap_or("")
                .contains("the Confirmed applicants of Interview Day 1"),
            "{lines:?}"
        );
        let one_off = MessagesFilter {
            kind: "one_off".into(),
            ..filter()
        };
        assert_eq!(
            page(&p.state, p.director, &one_off).await.unwrap().total,
            2,
            "[{db}] on the Communications page"
        );
    }
}
