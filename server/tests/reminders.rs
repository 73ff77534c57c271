//! Reminders and alerts on SQLite and PostgreSQL: a reminder is queued when the server's (test)
//! clock passes its time, once even with two instances racing, not for a cancelled applicant,
//! again for a moved one's new session; the interviewers on a day's rooms are reminded; the
//! staff alerts follow each member's own choice and are queued with the change; the daily
//! digest goes once a day per person at its local hour; the settings form refuses a bad number
//! under its field.

use crate::common;

use app::applicants::changes;
use app::reminders::domain::Offset;
use app::reminders::ssr::{run_due, save_my_alerts, save_settings};
use app::reminders::types::{Alerts, ReminderSettings};
use app::server::Config;
use common::{TestApp, TestProgram};

fn test_clock() -> Config {
    Config {
        test_clock: true,
        ..Config::default()
    }
}

/// Moves `app`'s clock to `at` (an RFC 3339 instant after now).
fn clock_to(app: &TestApp, at: &str) {
    let at: chrono::DateTime<chrono::Utc> = at.parse().unwrap();
    let now = app.state.clock.now();
    assert!(at > now, "the test clock only moves forward");
    app.state.clock.advance((at - now).num_milliseconds());
}

/// The e-mails (subject, body) queued to `to` whose subject or body says `needle`, oldest first.
async fn mails(app: &TestApp, to: &str, needle: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT subject, body FROM outbox WHERE to_email = $1 ORDER BY id")
            .bind(to)
            .fetch_all(app.state.repo.pool())
            .await
            .unwrap();
    rows.into_iter()
        .filter(|(s, b)| s.contains(needle) || b.contains(needle))
        .collect()
}

/// An applicant of `p` confirmed in `s` (self-scheduling on; `second`: their second choice,
/// which a program of two sessions asks for).
async fn confirmed(
    p: &TestProgram,
    email: &str,
    s: app::ids::SessionId,
    second: Option<app::ids::SessionId>,
) -> app::ids::ApplicantId {
    let who = p.invited(email).await;
    p.choose(&who.me, s, second).await.unwrap();
    who.id
}

const DAY_BEFORE: Offset = Offset { days: 1, hours: 0 };
const TWO_HOURS: Offset = Offset { days: 0, hours: 2 };

#[tokio::test]
async fn a_reminder_goes_once_when_the_clock_passes_its_time_even_with_two_instances() {
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock()).await;
        let p = app.program("Remind Program").await;
        p.self_scheduling(true).await;
        // 12 January 2027, 8:00 in New York (13:00 UTC).
        let s = p.session("Winter Day", 5, true).await;
        confirmed(&p, "ana@remind.test", s, None).await;
        confirmed(&p, "bea@remind.test", s, None).await;
        let bea = p.applicant("bea@remind.test").await.id;
        changes::cancel(&p.state, p.director, bea, None)
            .await
            .unwrap();
        let settings = ReminderSettings {
            first: Some(DAY_BEFORE),
            second: Some(TWO_HOURS),
            ..ReminderSettings::default()
        };
        save_settings(&p.state, p.director, settings).await.unwrap();
        // The change is in the audit log, in words; saving the same again adds no line.
        save_settings(&p.state, p.director, settings).await.unwrap();
        let lines: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT from_value, to_value FROM audit_log WHERE program_id = $1 AND action = 'reminders'",
        )
        .bind(p.director.program_id)
        .fetch_all(p.state.repo.pool())
        .await
        .unwrap();
        assert_eq!(
            lines,
            vec![(
                Some("none".to_string()),
                Some("applicants 1 day before and 2 hours before".to_string())
            )],
            "[{db}]"
        );

        // A minute before the day-before reminder: nothing.
        let other = app.another_instance().await;
        for a in [&app, &other] {
            clock_to(a, "2027-01-11T12:59:00Z");
        }
        assert_eq!(run_due(&app.state).await.unwrap(), 0, "[{db}] not yet");
        assert!(
            mails(&app, "ana@remind.test", "A reminder of your interview")
                .await
                .is_empty()
        );

        // Its time passes: two instances run at once, one e-mail.
        for a in [&app, &other] {
            a.state.clock.advance(2 * 60_000);
        }
        let (one, two) = tokio::join!(run_due(&app.state), run_due(&other.state));
        assert_eq!(one.unwrap() + two.unwrap(), 1, "[{db}] queued once");
        let sent = mails(&app, "ana@remind.test", "A reminder of your interview").await;
        assert_eq!(sent.len(), 1, "[{db}] {sent:?}");
        let (subject, body) = &sent[0];
        assert!(subject.contains("January 12"), "[{db}] {subject}");
        assert!(
            body.contains("Remind Program")
                && body.contains("Winter Day")
                && body.contains("8:00")
                && body.contains("/my-programs"),
            "[{db}] {body}"
        );
        // A cancelled applicant is not reminded; a later run (a restart) sends nothing again.
        assert!(
            mails(&app, "bea@remind.test", "A reminder of your interview")
                .await
                .is_empty(),
            "[{db}]"
        );
        assert_eq!(
            run_due(&other.state).await.unwrap(),
            0,
            "[{db}] already sent"
        );

        // Two hours before: the second reminder, once.
        for a in [&app, &other] {
            clock_to(a, "2027-01-12T11:00:30Z");
        }
        let (one, two) = tokio::join!(run_due(&app.state), run_due(&other.state));
        assert_eq!(one.unwrap() + two.unwrap(), 1, "[{db}]");
        assert_eq!(
            mails(&app, "ana@remind.test", "A reminder of your interview")
                .await
                .len(),
            2
        );
        // Once the session has started nothing more goes.
        clock_to(&app, "2027-01-12T14:00:00Z");
        assert_eq!(run_due(&app.state).await.unwrap(), 0, "[{db}]");
        assert_eq!(
            app.state
                .repo
                .reminders_sent_count(p.id(), "applicant")
                .await
                .unwrap(),
            2,
            "[{db}]"
        );
    }
}

#[tokio::test]
async fn both_reminders_come_at_once_only_the_nearer_is_sent() {
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock()).await;
        let p = app.program("Late Program").await;
        p.self_scheduling(true).await;
        let s = p.session("Winter Day", 5, true).await;
        confirmed(&p, "cal@late.test", s, None).await;
        // The server was off from before the first reminder until after the second.
        clock_to(&app, "2027-01-12T11:30:00Z");
        let settings = ReminderSettings {
            first: Some(DAY_BEFORE),
            second: Some(TWO_HOURS),
            ..ReminderSettings::default()
        };
        save_settings(&p.state, p.director, settings).await.unwrap();
        assert_eq!(run_due(&app.state).await.unwrap(), 1, "[{db}]");
        assert_eq!(run_due(&app.state).await.unwrap(), 0, "[{db}]");
        assert_eq!(
            mails(&app, "cal@late.test", "A reminder of your interview")
                .await
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn a_moved_applicant_is_reminded_of_the_new_session_at_its_time() {
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock()).await;
        let p = app.program("Move Program").await;
        p.self_scheduling(true).await;
        let a = p.session("Day A", 5, true).await;
        let mut later = common::session_form(None, "Day B", 5, true);
        later.date = "2027-01-14".into();
        let b = p.save_session(&later).await.unwrap();
        let dan = confirmed(&p, "dan@move.test", a, Some(b)).await;
        let settings = ReminderSettings {
            first: Some(DAY_BEFORE),
            ..ReminderSettings::default()
        };
        save_settings(&p.state, p.director, settings).await.unwrap();

        // Moved before Day A's reminder: none for Day A, Day B's at its own time.
        changes::move_to(&p.state, p.director, dan, b, None)
            .await
            .unwrap();
        clock_to(&app, "2027-01-11T13:01:00Z");
        assert_eq!(
            run_due(&app.state).await.unwrap(),
            0,
            "[{db}] Day A is not his"
        );
        clock_to(&app, "2027-01-13T13:01:00Z");
        assert_eq!(run_due(&app.state).await.unwrap(), 1, "[{db}]");
        let sent = mails(&app, "dan@move.test", "A reminder of your interview").await;
        assert_eq!(sent.len(), 1, "[{db}]");
        assert!(sent[0].1.contains("Day B"), "[{db}] {}", sent[0].1);
    }
}

#[tokio::test]
async fn interviewers_on_a_days_rooms_are_reminded_before_it() {
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock()).await;
        app::seed::seed_demo(&app.state).await.expect("seed");
        let (p, _s, _people, _faculty) = app.two_room_day("2027-02-17").await;
        let settings = ReminderSettings {
            staff: Some(Offset { days: 2, hours: 0 }),
            ..ReminderSettings::default()
        };
        save_settings(&p.state, p.director, settings).await.unwrap();
        // The day starts 8:00 in New York (13:00 UTC); two days before is 15 February.
        clock_to(&app, "2027-02-15T12:50:00Z");
        run_due(&app.state).await.unwrap();
        assert!(
            mails(&app, "drash@faculty.test", "you are on the rooms of")
                .await
                .is_empty(),
            "[{db}]"
        );
        clock_to(&app, "2027-02-15T13:00:01Z");
        run_due(&app.state).await.unwrap();
        for who in ["drash@faculty.test", "drbirch@faculty.test"] {
            let sent = mails(&app, who, "you are on the rooms of").await;
            assert_eq!(sent.len(), 1, "[{db}] {who}");
            assert!(sent[0].1.contains("Finalize day") && sent[0].1.contains("/my-day"));
        }
        run_due(&app.state).await.unwrap();
        assert_eq!(
            mails(&app, "drash@faculty.test", "you are on the rooms of")
                .await
                .len(),
            1
        );
        // Applicants' reminders are off: none went to them.
        assert!(
            mails(&app, "final0@demo.test", "A reminder of your interview")
                .await
                .is_empty()
        );
    }
}

#[tokio::test]
async fn staff_alerts_follow_each_members_own_choice() {
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock()).await;
        let p = app.program("Alert Program").await;
        p.self_scheduling(true).await;
        let s = p.session("Day A", 5, true).await;
        let t = p.session("Day B", 5, true).await;
        let ivan = p.interviewer("Ivan Alert").await;
        // The director hears of cancellations and moves; Ivan of declines only.
        let director = Alerts {
            cancelled: true,
            moved: true,
            ..Alerts::default()
        };
        save_my_alerts(&p.state, p.director, director)
            .await
            .unwrap();
        let declines = Alerts {
            declined: true,
            ..Alerts::default()
        };
        save_my_alerts(&p.state, p.as_interviewer(ivan), declines)
            .await
            .unwrap();
        let dir = "director@alert-program.test";
        let ivan_mail = "ivanalert@faculty.test";

        let eve = confirmed(&p, "eve@alert.test", s, Some(t)).await;
        changes::move_to(&p.state, p.director, eve, t, Some("Clinic"))
            .await
            .unwrap();
        let moved = mails(&app, dir, "was moved to another session").await;
        assert_eq!(moved.len(), 1, "[{db}]");
        assert!(
            moved[0].1.contains("Day A")
                && moved[0].1.contains("Day B")
                && moved[0].1.contains("Clinic"),
            "[{db}] {}",
            moved[0].1
        );
        changes::cancel(&p.state, p.director, eve, None)
            .await
            .unwrap();
        assert_eq!(
            mails(&app, dir, "had their booking cancelled").await.len(),
            1
        );
        assert!(
            mails(&app, ivan_mail, "Applicant Person").await.is_empty(),
            "[{db}] Ivan chose declines only"
        );

        let fay = p.invited("fay@alert.test").await;
        app::booking::ssr::decline(&p.state, &fay.me, p.id())
            .await
            .unwrap();
        assert_eq!(
            mails(&app, ivan_mail, "declined the invitation")
                .await
                .len(),
            1,
            "[{db}]"
        );
        assert!(
            mails(&app, dir, "declined the invitation").await.is_empty(),
            "[{db}]"
        );

        // Withdrawn: nobody chose it.
        let gus = p.invited("gus@alert.test").await;
        changes::withdraw(&p.state, p.director, gus.id, None)
            .await
            .unwrap();
        for who in [dir, ivan_mail] {
            assert!(mails(&app, who, "had their invitation withdrawn")
                .await
                .is_empty());
        }
        // A refused change queues no alert (rolled back with it).
        let again = changes::cancel(&p.state, p.director, eve, None).await;
        assert!(again.is_err(), "[{db}]");
        assert_eq!(
            mails(&app, dir, "had their booking cancelled").await.len(),
            1
        );
        // A deactivated member hears nothing, whatever they chose.
        sqlx::query("UPDATE memberships SET deactivated_at = 1 WHERE user_id = $1")
            .bind(ivan)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        let hal = p.invited("hal@alert.test").await;
        app::booking::ssr::decline(&p.state, &hal.me, p.id())
            .await
            .unwrap();
        assert_eq!(
            mails(&app, ivan_mail, "declined the invitation")
                .await
                .len(),
            1,
            "[{db}] deactivated"
        );
        sqlx::query("UPDATE memberships SET deactivated_at = NULL WHERE user_id = $1")
            .bind(ivan)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        // The reminders page shows each member's choices.
        let choices = app.state.repo.staff_choices(p.id()).await.unwrap();
        let ivan_row = choices.iter().find(|c| c.email == ivan_mail).unwrap();
        assert!(
            ivan_row.alerts.declined && !ivan_row.alerts.cancelled,
            "[{db}]"
        );
    }
}

#[tokio::test]
async fn the_digest_goes_once_a_day_per_person_at_its_local_hour() {
    use chrono::Timelike;
    for db in ["sqlite", "postgres"] {
        let app = TestApp::new(db, test_clock()).await;
        let other = app.another_instance().await;
        let p = app.program("Digest Program").await;
        p.self_scheduling(true).await;
        let zone = p
            .state
            .repo
            .program(p.id())
            .await
            .unwrap()
            .unwrap()
            .time_zone;
        // The changes it counts are stamped with the system's time: the clock is moved only a
        // little, to half past an hour in New York that is neither 23:00 nor midnight.
        let ny = app.state.clock.now().with_timezone(&zone);
        let mut ahead = (90 - i64::from(ny.minute())) % 60;
        if matches!((ny + chrono::Duration::minutes(ahead)).hour(), 23 | 0) {
            ahead += 120;
        }
        for a in [&app, &other] {
            a.state.clock.advance(ahead * 60_000);
        }
        let hour = app.state.clock.now().with_timezone(&zone).hour() + 1;
        let mut form = common::session_form(None, "Spring Day", 3, true);
        form.date = "2027-03-02".into();
        let s = p.save_session(&form).await.unwrap();
        let ivan = p.interviewer("Ivan Digest").await;
        let digest = Alerts {
            digest: true,
            ..Alerts::default()
        };
        save_my_alerts(&p.state, p.director, digest).await.unwrap();
        // An interviewer's choice of the digest sends them none: it is the coordinators'.
        save_my_alerts(&p.state, p.as_interviewer(ivan), digest)
            .await
            .unwrap();
        let settings = ReminderSettings {
            digest_hour: Some(hour),
            ..ReminderSettings::default()
        };
        save_settings(&p.state, p.director, settings).await.unwrap();
        let dir = "director@digest-program.test";

        confirmed(&p, "hal@digest.test", s, None).await;
        confirmed(&p, "ida@digest.test", s, None).await;
        let ida = p.applicant("ida@digest.test").await.id;
        changes::cancel(&p.state, p.director, ida, None)
            .await
            .unwrap();
        // Half an hour before its hour: not yet.
        assert_eq!(run_due(&app.state).await.unwrap(), 0, "[{db}]");
        // Its hour: one digest each, whichever instance runs.
        for a in [&app, &other] {
            a.state.clock.advance(31 * 60_000);
        }
        let (one, two) = tokio::join!(run_due(&app.state), run_due(&other.state));
        assert_eq!(one.unwrap() + two.unwrap(), 1, "[{db}]");
        let sent = mails(&app, dir, "Daily digest of").await;
        assert_eq!(sent.len(), 1, "[{db}]");
        let body = &sent[0].1;
        assert!(body.contains("Bookings: 2"), "[{db}] {body}");
        assert!(
            body.contains("Cancellations, declines and withdrawals: 1"),
            "[{db}] {body}"
        );
        assert!(
            body.contains("Spring Day") && body.contains("2 of 3 seats left"),
            "[{db}] {body}"
        );
        assert!(
            body.contains("Scores missing from days already held: 0"),
            "[{db}] {body}"
        );
        assert!(mails(&app, "ivandigest@faculty.test", "Daily digest of")
            .await
            .is_empty());
        // Later the same day: nothing; the next day at its hour: the next, counting from the
        // last one.
        app.state.clock.advance(20 * 60_000);
        assert_eq!(run_due(&app.state).await.unwrap(), 0, "[{db}]");
        app.state.clock.advance(24 * 3_600_000);
        assert_eq!(run_due(&app.state).await.unwrap(), 1, "[{db}]");
        let sent = mails(&app, dir, "Daily digest of").await;
        assert_eq!(sent.len(), 2, "[{db}]");
        assert!(sent[1].1.contains("Bookings: 0"), "[{db}] {}", sent[1].1);
    }
}

#[tokio::test]
async fn the_forms_save_and_refuse_a_bad_number_under_its_field() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let cookie = app
            .login("coordinator@demo.test", app::seed::DEMO_PASSWORD)
            .await;
        let saved = app
            .call(
                "save-reminders",
                &[
                    ("reminders[first_days]", "2"),
                    ("reminders[first_hours]", ""),
                    ("reminders[second_days]", ""),
                    ("reminders[second_hours]", "3"),
                    ("reminders[staff_days]", "1"),
                    ("reminders[staff_hours]", ""),
                    ("reminders[digest_hour]", "7"),
                ],
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(saved.status, 200, "[{db}] {}", saved.body);
        let page = app.call("reminders-page", &[], Some(&cookie), None).await;
        assert_eq!(page.status, 200, "[{db}]");
        assert!(
            page.body.contains("2 days before") && page.body.contains("3 hours before"),
            "[{db}]"
        );
        assert!(page.body.contains("at 07:00"), "[{db}]");
        for (field, value) in [
            ("first_days", "61"),
            ("second_hours", "24"),
            ("staff_days", "two"),
            ("digest_hour", "25"),
        ] {
            let name = format!("reminders[{field}]");
            let refused = app
                .call(
                    "save-reminders",
                    &[(name.as_str(), value)],
                    Some(&cookie),
                    None,
                )
                .await;
            assert_eq!(refused.status, 422, "[{db}] {field}: {}", refused.body);
            assert!(refused.body.contains(field), "[{db}] {}", refused.body);
        }
        // The staff member's own choices, boxes left unchecked being off.
        let ivan = app
            .login("interviewer2@demo.test", app::seed::DEMO_PASSWORD)
            .await;
        let r = app
            .call(
                "save-notifications",
                &[("alerts[moved]", "true")],
                Some(&ivan),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        let page = app.call("notifications-page", &[], Some(&ivan), None).await;
        assert!(page.body.contains("is moved to another session"), "[{db}]");
        assert!(
            !page.body.contains("Daily digest of"),
            "[{db}] an interviewer has no digest"
        );
        let none = app.call("save-notifications", &[], Some(&ivan), None).await;
        assert_eq!(none.status, 200, "[{db}] {}", none.body);
    }
}
