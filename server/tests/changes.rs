//! A coordinator's changes to an applicant (withdraw, cancel, move, delete), on SQLite and
//! PostgreSQL: each allowed and refused by the rules with its sentence, the applicant's e-mail in
//! the outbox, the audit row, the seat freed or taken at once, the live push, a move racing a
//! booking for the last seat, and one program never touching another's applicant.

use crate::common;

use app::applicants::changes;
use app::applicants::domain::Status;
use app::booking::domain::Booking;
use app::error::AppError;
use app::ids::{ApplicantId, SessionId};
use app::live::{Audience, Change};
use app::server::Config;
use common::{TestApp, TestProgram};

/// The audit rows of an applicant: (action, from, to, reason), oldest first.
async fn audit_of(
    p: &TestProgram,
    id: ApplicantId,
) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT action, from_value, to_value, reason FROM audit_log
         WHERE program_id = $1 AND entity = 'applicant' AND entity_id = $2 ORDER BY id",
    )
    .bind(p.id())
    .bind(id)
    .fetch_all(p.state.repo.pool())
    .await
    .unwrap()
}

/// The e-mails queued to `to`, oldest first (subjects).
async fn subjects_to(p: &TestProgram, to: &str) -> Vec<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT subject FROM outbox WHERE to_email = $1 ORDER BY id")
            .bind(to)
            .fetch_all(p.state.repo.pool())
            .await
            .unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

async fn confirmed_in(p: &TestProgram, s: SessionId) -> i64 {
    p.state
        .repo
        .session(p.id(), s)
        .await
        .unwrap()
        .unwrap()
        .confirmed
}

fn conflict(r: Result<(), AppError>) -> String {
    match r {
        Err(AppError::Conflict(m)) => m,
        other => panic!("expected a refusal by the rules, got {other:?}"),
    }
}

/// An invited applicant confirmed in `s` (self-scheduling on; `second` their second choice).
async fn confirmed(p: &TestProgram, email: &str, s: SessionId, second: SessionId) -> ApplicantId {
    let who = p.invited(email).await;
    let o = p.choose(&who.me, s, Some(second)).await.unwrap();
    assert!(
        matches!(o.booking, Booking::Confirmed { session_id, .. } if session_id == s),
        "{o:?}"
    );
    who.id
}

#[tokio::test]
async fn a_move_and_a_cancel_free_and_take_seats_with_mail_audit_and_push() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Changes Program").await;
        p.self_scheduling(true).await;
        let a = p.session("Day A", 2, true).await;
        let b = p.session("Day B", 1, true).await;
        let ana = confirmed(&p, "ana@changes.test", a, b).await;
        let mut hub = p.state.hub.subscribe();

        changes::move_to(&p.state, p.director, ana, b, Some("  Clinic conflict "))
            .await
            .unwrap();
        let row = p.applicant("ana@changes.test").await;
        assert_eq!(
            (row.status, row.session_id),
            (Status::Confirmed, Some(b)),
            "[{db}]"
        );
        assert_eq!(
            (confirmed_in(&p, a).await, confirmed_in(&p, b).await),
            (0, 1),
            "[{db}]"
        );
        let mail = app.last_email("ana@changes.test").await.unwrap();
        assert!(
            mail.contains("moved your interview") && mail.contains("Day B"),
            "[{db}] {mail}"
        );
        let (action, from, to, why) = audit_of(&p, ana).await.pop().unwrap();
        assert_eq!(action, "moved", "[{db}]");
        assert!(from.unwrap().starts_with("Day A") && to.unwrap().starts_with("Day B"));
        assert_eq!(
            why.as_deref(),
            Some("Clinic conflict"),
            "[{db}] the reason, trimmed"
        );
        // Pushed after the commit: the fills of both sessions, and the applicant's own tabs.
        let mut heard = Vec::new();
        while let Ok(e) = hub.try_recv() {
            heard.push(e);
        }
        assert!(heard
            .iter()
            .any(|e| matches!(&e.change, Change::Fill(f) if f.session_id == a)));
        assert!(heard
            .iter()
            .any(|e| matches!(e.change, Change::ApplicantsChanged)
                && e.audiences
                    .contains(&Audience::Person("ana@changes.test".into()))));

        let again = changes::move_to(&p.state, p.director, ana, b, None).await;
        assert!(
            matches!(again, Err(AppError::Invalid { ref field, .. }) if field.as_deref() == Some("session_id")),
            "[{db}] already there: {again:?}"
        );
        // Day B is full now: nobody else moves in.
        let cat = confirmed(&p, "cat@changes.test", a, b).await;
        let full = changes::move_to(&p.state, p.director, cat, b, None).await;
        assert!(
            matches!(full, Err(AppError::Invalid { .. })),
            "[{db}] {full:?}"
        );
        assert_eq!(p.applicant("cat@changes.test").await.session_id, Some(a));

        changes::cancel(&p.state, p.director, ana, Some("Asked by phone"))
            .await
            .unwrap();
        assert_eq!(
            p.applicant("ana@changes.test").await.status,
            Status::Cancelled
        );
        assert_eq!(
            confirmed_in(&p, b).await,
            0,
            "[{db}] the seat is free at once"
        );
        let subjects = subjects_to(&p, "ana@changes.test").await;
        assert!(
            subjects.last().unwrap().starts_with("Interview cancelled"),
            "[{db}] {subjects:?}"
        );
        let last = audit_of(&p, ana).await.pop().unwrap();
        assert_eq!(
            last,
            (
                "status".into(),
                Some("confirmed".into()),
                Some("cancelled".into()),
                Some("Asked by phone".into())
            ),
            "[{db}]"
        );
        // Cat takes the freed seat.
        changes::move_to(&p.state, p.director, cat, b, None)
            .await
            .unwrap();

        let twice = conflict(changes::cancel(&p.state, p.director, ana, None).await);
        assert_eq!(
            twice, "Applicant Person is Cancelled: the booking is already cancelled.",
            "[{db}]"
        );
        // A cancelled booking stays on record: not deleted, but withdrawn it may be.
        let kept = conflict(changes::delete(&p.state, p.director, ana, None).await);
        assert!(kept.contains("kept for the record"), "[{db}] {kept}");
        changes::withdraw(&p.state, p.director, ana, None)
            .await
            .unwrap();
        assert_eq!(
            p.applicant("ana@changes.test").await.status,
            Status::Withdrawn
        );
    }
}

#[tokio::test]
async fn withdraw_and_delete_tell_only_who_the_invitation_reached() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Withdraw Program").await;
        p.session("Day", 5, true).await;
        let bob = p.invited("bob@withdraw.test").await.id;
        let dora = p.added("dora@withdraw.test").await;
        let eve = p.added("eve@withdraw.test").await;
        let before = subjects_to(&p, "bob@withdraw.test").await.len();

        changes::withdraw(&p.state, p.director, bob, Some("Position filled"))
            .await
            .unwrap();
        assert_eq!(
            p.applicant("bob@withdraw.test").await.status,
            Status::Withdrawn
        );
        let subjects = subjects_to(&p, "bob@withdraw.test").await;
        assert_eq!(subjects.len(), before + 1, "[{db}]");
        assert!(
            subjects.last().unwrap().contains("withdrawn"),
            "[{db}] {subjects:?}"
        );
        let line = audit_of(&p, bob).await.pop().unwrap();
        assert_eq!(
            (line.1.as_deref(), line.2.as_deref(), line.3.as_deref()),
            (
                Some("invited_ready"),
                Some("withdrawn"),
                Some("Position filled")
            )
        );
        let twice = conflict(changes::withdraw(&p.state, p.director, bob, None).await);
        assert!(
            twice.ends_with("the invitation is already withdrawn."),
            "[{db}] {twice}"
        );

        // Never invited: withdrawn without a word to them.
        changes::withdraw(&p.state, p.director, dora, None)
            .await
            .unwrap();
        assert!(
            subjects_to(&p, "dora@withdraw.test").await.is_empty(),
            "[{db}]"
        );

        // Deleting one who never booked: gone, the audit row kept.
        changes::delete(&p.state, p.director, eve, Some("Added twice"))
            .await
            .unwrap();
        let left = p.state.repo.applicants(p.id()).await.unwrap();
        assert!(left.iter().all(|a| a.id != eve), "[{db}]");
        let line = audit_of(&p, eve).await.pop().unwrap();
        assert_eq!(
            (line.0.as_str(), line.1.as_deref(), line.3.as_deref()),
            ("deleted", Some("interview_candidate"), Some("Added twice"))
        );
        // The row names the applicant it outlives.
        assert!(
            line.2
                .as_deref()
                .is_some_and(|to| to.contains("eve@withdraw.test")),
            "[{db}] {:?}",
            line.2
        );
        assert!(
            subjects_to(&p, "eve@withdraw.test").await.is_empty(),
            "[{db}]"
        );

        // A reason is optional but not endless.
        let long = "x".repeat(501);
        let r = changes::withdraw(&p.state, p.director, dora, Some(&long)).await;
        assert!(r.unwrap_err().field_message("reason").is_some(), "[{db}]");
    }
}

#[tokio::test]
async fn a_completed_interview_is_neither_cancelled_nor_moved_nor_withdrawn() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Done Program").await;
        p.self_scheduling(true).await;
        let a = p.session("Day A", 2, true).await;
        let b = p.session("Day B", 2, true).await;
        let ana = confirmed(&p, "ana@done.test", a, b).await;
        let mut row = p.applicant("ana@done.test").await;
        row.status = Status::Interviewed;
        let mut tx = p.state.repo.begin_write().await.unwrap();
        p.state.repo.update_applicant(&mut tx, &row).await.unwrap();
        tx.commit().await.unwrap();
        let said = conflict(changes::cancel(&p.state, p.director, ana, None).await);
        assert_eq!(
            said, "Applicant Person is Interviewed: a completed interview cannot be cancelled.",
            "[{db}]"
        );
        let said = conflict(changes::move_to(&p.state, p.director, ana, b, None).await);
        assert!(
            said.ends_with("a completed interview cannot be moved."),
            "[{db}] {said}"
        );
        let said = conflict(changes::withdraw(&p.state, p.director, ana, None).await);
        assert!(
            said.ends_with("a completed interview cannot be withdrawn."),
            "[{db}] {said}"
        );
        let said = conflict(changes::delete(&p.state, p.director, ana, None).await);
        assert!(said.contains("kept for the record"), "[{db}] {said}");
        assert_eq!(
            p.applicant("ana@done.test").await.status,
            Status::Interviewed
        );
        assert_eq!(confirmed_in(&p, a).await, 1, "[{db}] the seat stays theirs");
        // A pending applicant is neither cancelled nor moved.
        p.self_scheduling(false).await;
        let pat = p.invited("pat@done.test").await;
        p.choose(&pat.me, a, Some(b)).await.unwrap();
        let said = conflict(changes::cancel(&p.state, p.director, pat.id, None).await);
        assert!(
            said.ends_with("only a confirmed booking can be cancelled."),
            "[{db}] {said}"
        );
        let said = conflict(changes::move_to(&p.state, p.director, pat.id, b, None).await);
        assert!(said.contains("only a confirmed applicant"), "[{db}] {said}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_move_racing_a_booking_for_the_last_seat_leaves_exactly_one_seated() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Race Move Program").await;
        p.self_scheduling(true).await;
        let home = p.session("Home day", 20, true).await;
        let spare = p.session("Spare day", 20, true).await;
        let (mut moves, mut bookings) = (0, 0);
        for round in 0..8 {
            let last = p.session(&format!("Last seat {round}"), 1, true).await;
            let mover = confirmed(&p, &format!("mover{round}@race.test"), home, spare).await;
            let booker = p.invited(&format!("booker{round}@race.test")).await;
            let start = std::sync::Arc::new(tokio::sync::Barrier::new(2));
            let (p1, s1) = (p.clone(), start.clone());
            let moving = tokio::spawn(async move {
                s1.wait().await;
                changes::move_to(&p1.state, p1.director, mover, last, None).await
            });
            let (p2, s2) = (p.clone(), start.clone());
            let me = booker.me.clone();
            let booking = tokio::spawn(async move {
                s2.wait().await;
                p2.choose(&me, last, Some(spare)).await
            });
            let moved = moving.await.unwrap();
            let booked = booking.await.unwrap().unwrap();
            let seated = matches!(booked.booking, Booking::Confirmed { session_id, .. } if session_id == last);
            assert!(
                moved.is_ok() != seated,
                "[{db}] round {round}: {moved:?} {booked:?}"
            );
            assert_eq!(confirmed_in(&p, last).await, 1, "[{db}] round {round}");
            if seated {
                bookings += 1
            } else {
                moves += 1
            }
        }
        assert_eq!(moves + bookings, 8, "[{db}]");
    }
}

#[tokio::test]
async fn one_program_never_touches_another_programs_applicant() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let mine = app.program("Mine Program").await;
        let theirs = app.program("Theirs Program").await;
        mine.self_scheduling(true).await;
        theirs.self_scheduling(true).await;
        let my_day = mine.session("My day", 5, true).await;
        let their_day = theirs.session("Their day", 5, true).await;
        let their_day_2 = theirs.session("Their second day", 5, true).await;
        let ana = confirmed(&theirs, "ana@theirs.test", their_day, their_day_2).await;
        let me = mine.director;
        let st = &mine.state;
        for r in [
            changes::withdraw(st, me, ana, None).await,
            changes::cancel(st, me, ana, None).await,
            changes::move_to(st, me, ana, their_day_2, None).await,
            changes::move_to(st, me, ana, my_day, None).await,
            changes::delete(st, me, ana, None).await,
        ] {
            assert!(matches!(r, Err(AppError::NotFound(_))), "[{db}] {r:?}");
        }
        // Their own coordinator cannot move ana into another program's session either.
        let r = changes::move_to(&theirs.state, theirs.director, ana, my_day, None).await;
        assert!(matches!(r, Err(AppError::NotFound(_))), "[{db}] {r:?}");
        let row = theirs.applicant("ana@theirs.test").await;
        assert_eq!(
            (row.status, row.session_id),
            (Status::Confirmed, Some(their_day))
        );
        assert!(
            audit_of(&theirs, ana)
                .await
                .iter()
                .all(|l| l.0 == "status" || l.0 == "assigned"),
            "[{db}]"
        );
    }
}

/// A change does not rewrite a day's schedule: an applicant cancelled or moved out of a session
/// whose draft places them is named on their page with that day (draft, or published), so the
/// coordinator takes them off on the Day page; once they are off, the page says nothing more.
#[tokio::test]
async fn an_applicant_who_leaves_a_scheduled_day_is_said_to_be_still_placed() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s, people, _) = app.two_room_day("2031-03-04").await;
        let [first, second, ..] = &people[..] else {
            unreachable!()
        };
        let page = |id| app::applicants::detail::ssr::applicant_page(&p.state, p.director, id);
        assert!(
            page(first.id).await.unwrap().still_placed.is_empty(),
            "[{db}] seated where the day places them"
        );

        changes::cancel(&p.state, p.director, first.id, None)
            .await
            .unwrap();
        let placed = page(first.id).await.unwrap().still_placed;
        assert_eq!(
            placed
                .iter()
                .map(|(x, published)| (x.id, *published))
                .collect::<Vec<_>>(),
            vec![(s, false)],
            "[{db}] the draft still places the cancelled applicant"
        );

        let spare = p.applicant(&second.me.email).await.second_choice.unwrap();
        changes::move_to(&p.state, p.director, second.id, spare, None)
            .await
            .unwrap();
        assert_eq!(
            page(second.id).await.unwrap().still_placed.len(),
            1,
            "[{db}] moved to another session, still placed on this day"
        );

        sqlx::query("UPDATE schedule_slots SET applicant_id = NULL WHERE applicant_id = $1")
            .bind(first.id)
            .execute(p.state.repo.pool())
            .await
            .unwrap();
        assert!(
            page(first.id).await.unwrap().still_placed.is_empty(),
            "[{db}] taken off the day"
        );
    }
}
