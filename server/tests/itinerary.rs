//! Finalizing a day on both databases: the review (who a publish affects and how), numbered
//! versions kept whole, itineraries that follow the published version and never the draft,
//! one e-mail and one live notice per affected person, stale reviews refused, and taking the
//! day down.

use crate::common;

use app::day::domain::edit::{Cell, Draft};
use app::day::ssr as day;
use app::day::types::DayPage;
use app::error::AppError;
use app::ids::{ItineraryVersion, SessionId};
use app::itinerary::ssr as itinerary;
use app::meeting_rooms::ssr as meeting_rooms;
use app::server::Config;
use common::{read_messages, Invitee, TestApp, TestProgram};

async fn page(p: &TestProgram, s: SessionId) -> DayPage {
    day::day_page(&p.state, p.director, s).await.unwrap()
}

async fn outbox_count(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox")
        .fetch_one(app.state.repo.pool())
        .await
        .unwrap();
    n
}

/// The applicant's itinerary as My Programs shows it.
async fn itinerary_of(p: &TestProgram, who: &Invitee) -> Option<app::itinerary::types::Itinerary> {
    let programs = app::applicants::ssr::my_programs(&p.state, &who.me)
        .await
        .unwrap();
    programs.into_iter().find_map(|i| i.itinerary)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_tells_only_those_it_changes_and_itineraries_never_show_the_draft() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s, people, faculty) = app.two_room_day("2027-03-09").await;

        // Before finalizing: applicants see only their confirmed session, interviewers nothing.
        for who in &people {
            assert_eq!(itinerary_of(&p, who).await, None, "[{db}] no draft leaks");
        }
        assert!(itinerary::my_days(&p.state, faculty[0])
            .await
            .unwrap()
            .is_empty());

        // The review: everyone is told of a first publish.
        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        assert_eq!(review.out, None);
        assert_eq!(review.next, ItineraryVersion(1));
        assert!(review.problems.is_empty(), "[{db}] {:?}", review.problems);
        assert_eq!(
            review.changes.len(),
            5,
            "[{db}] 3 applicants, 2 interviewers"
        );
        assert!(review.changes[0].lines[0].starts_with("Your day is published: 2 rounds"));

        let before = outbox_count(&app).await;
        let v1 = itinerary::finalize(&p.state, p.director, s, review.draft_version)
            .await
            .unwrap();
        assert_eq!(v1, ItineraryVersion(1));
        assert_eq!(
            outbox_count(&app).await - before,
            5,
            "[{db}] one e-mail each"
        );
        let mail = app.last_email("final0@demo.test").await.unwrap();
        assert!(mail.contains("/my-programs"), "[{db}] {mail}");

        // Each applicant's day: 2 interviews with their room, its meeting link and interviewer,
        // and lunch.
        let ana = itinerary_of(&p, &people[0]).await.expect("published");
        assert_eq!(ana.version, ItineraryVersion(1));
        let rounds: Vec<_> = ana.stops.iter().filter(|x| !x.is_break).collect();
        assert_eq!(rounds.len(), 2, "[{db}] {ana:?}");
        assert!(rounds.iter().all(|x| x.place.is_empty()
            && x.with.len() == 1
            && x.link
                .as_deref()
                .is_some_and(|l| l.starts_with("https://video.example.test/clinic-"))));
        assert!(ana.stops.iter().any(|x| x.is_break && x.label == "Lunch"));
        // The interviewer's day: every round of their room.
        let ash = itinerary::my_days(&p.state, faculty[0]).await.unwrap();
        assert_eq!(ash.len(), 1);
        assert_eq!(ash[0].stops.iter().filter(|x| !x.is_break).count(), 4);

        // A manual edit: move one applicant's interview to a free cell. The itineraries still
        // show version 1 (the draft never leaks), until the next publish.
        let seen = page(&p, s).await;
        let d = Draft::new(seen.cells.iter().copied());
        // An interview moved to a free round of the same room (no rule broken).
        let (moved_cell, free) = common::free_move(&seen, None).expect("a movable interview");
        let mover = d.at(moved_cell).unwrap();
        let who = people.iter().find(|x| x.id == mover).unwrap();
        let published = itinerary_of(&p, who).await.unwrap();
        let edit = d.moving(mover, Some(moved_cell), Some(free)).unwrap();
        day::edit_cells(&p.state, p.director, s, &edit)
            .await
            .unwrap();
        assert_eq!(
            itinerary_of(&p, who).await.unwrap(),
            published,
            "[{db}] still version 1"
        );

        // The stale review is refused; the fresh one names the mover and the interviewers
        // concerned only.
        let stale = itinerary::finalize(&p.state, p.director, s, review.draft_version).await;
        assert!(
            matches!(stale, Err(AppError::Conflict(ref m)) if m.contains("changed since you reviewed")),
            "[{db}] {stale:?}"
        );
        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        assert_eq!(review.out, Some(ItineraryVersion(1)));
        let applicants: Vec<&str> = review
            .changes
            .iter()
            .filter(|c| c.role == "Applicant")
            .map(|c| c.name.as_str())
            .collect();
        let mover_name = seen
            .applicants
            .iter()
            .find(|a| a.id == mover)
            .unwrap()
            .name
            .clone();
        assert_eq!(applicants, vec![mover_name.as_str()], "[{db}] {review:?}");
        assert!(
            review.changes.len() <= 3,
            "[{db}] the mover and at most two interviewers"
        );

        // Publish version 2: e-mails to those people only, and a live notice on the mover's
        // open page (an event addressed to them), none on another applicant's.
        let cookie = app.sign_up(&who.me.email).await;
        let other = people.iter().find(|x| x.id != mover).unwrap();
        let other_cookie = app.sign_up(&other.me.email).await;
        let mut stream = app.open_events(&cookie).await;
        let mut other_stream = app.open_events(&other_cookie).await;
        let before = outbox_count(&app).await;
        let v2 = itinerary::finalize(&p.state, p.director, s, review.draft_version)
            .await
            .unwrap();
        assert_eq!(v2, ItineraryVersion(2));
        assert_eq!(
            outbox_count(&app).await - before,
            i64::try_from(review.changes.len()).unwrap(),
            "[{db}] one e-mail per affected person"
        );
        let heard = read_messages(&mut stream, 700).await;
        assert!(
            heard
                .iter()
                .any(|m| m.notices.iter().any(|n| n.contains("Finalize day"))),
            "[{db}] {heard:?}"
        );
        let other_heard = read_messages(&mut other_stream, 300).await;
        assert!(
            other_heard.iter().all(|m| m.notices.is_empty()),
            "[{db}] {other_heard:?}"
        );
        assert_eq!(
            itinerary_of(&p, who).await.unwrap().version,
            ItineraryVersion(2)
        );

        // Every version is kept: version 1's day sheet still shows the old arrangement.
        let sheet = itinerary::version_sheet(&p.state, p.director, s, ItineraryVersion(1))
            .await
            .unwrap();
        assert_eq!(sheet.rooms, vec!["Room B", "Room D"]);
        let round_row = |sheet: &app::itinerary::print::VersionSheet, round: u16| {
            sheet
                .rows
                .iter()
                .filter(|r| !r.is_break)
                .nth(usize::from(round))
                .unwrap()
                .cells
                .clone()
        };
        let room_index = seen
            .rooms
            .iter()
            .position(|r| r.id == moved_cell.room)
            .unwrap();
        assert_eq!(round_row(&sheet, moved_cell.round)[room_index], mover_name);
        let sheet2 = itinerary::version_sheet(&p.state, p.director, s, ItineraryVersion(2))
            .await
            .unwrap();
        assert_ne!(round_row(&sheet2, moved_cell.round)[room_index], mover_name);
        let versions = itinerary::review(&p.state, p.director, s).await.unwrap();
        assert_eq!(
            versions
                .versions
                .iter()
                .map(|v| v.version.0)
                .collect::<Vec<_>>(),
            vec![2, 1]
        );

        // Taking it down: no itinerary, no interviewer rounds; everyone who had one is told.
        let before = outbox_count(&app).await;
        itinerary::unfinalize(&p.state, p.director, s)
            .await
            .unwrap();
        assert_eq!(outbox_count(&app).await - before, 5, "[{db}] all five told");
        for who in &people {
            assert_eq!(itinerary_of(&p, who).await, None);
        }
        assert!(itinerary::my_days(&p.state, faculty[0])
            .await
            .unwrap()
            .is_empty());
        assert!(matches!(
            itinerary::unfinalize(&p.state, p.director, s).await,
            Err(AppError::Conflict(_))
        ));
        let (audits,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'day' AND action IN ('published', 'unpublished')",
        )
        .fetch_one(app.state.repo.pool())
        .await
        .unwrap();
        assert_eq!(audits, 3, "[{db}] two publishes and one take-down, audited");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_that_breaks_a_rule_or_is_empty_is_not_published() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s, _, _) = app.two_room_day("2027-03-09").await;
        // Put one applicant twice in one round.
        let seen = page(&p, s).await;
        let d = Draft::new(seen.cells.iter().copied());
        let slot = d.slots()[0];
        let other_room = seen.rooms.iter().find(|r| r.id != slot.room).unwrap().id;
        let target = Cell {
            round: slot.round,
            room: other_room,
        };
        let mut edit = d.moving(slot.applicant, None, Some(target)).unwrap();
        edit.cells.retain(|c| c.cell() == target);
        day::edit_cells(&p.state, p.director, s, &edit)
            .await
            .unwrap();
        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        assert!(
            review.problems.iter().any(|m| m.contains("two rooms")),
            "[{db}] {:?}",
            review.problems
        );
        let refused = itinerary::finalize(&p.state, p.director, s, review.draft_version).await;
        assert!(
            matches!(refused, Err(AppError::Conflict(ref m)) if m.starts_with("Not published")),
            "[{db}] {refused:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_rooms_reach_their_audience_with_the_next_publish() {
    use app::meeting_rooms::api::MeetingRoomForm;
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s, people, faculty) = app.two_room_day("2027-03-09").await;
        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        itinerary::finalize(&p.state, p.director, s, review.draft_version)
            .await
            .unwrap();
        let form =
            |name: &str, audience: &str, session: Option<SessionId>, start: &str, end: &str| {
                MeetingRoomForm {
                    name: name.into(),
                    audience: audience.into(),
                    session_id: session.map(|s| s.to_string()),
                    start: start.into(),
                    end: end.into(),
                    location: "https://video.example.test/atrium".into(),
                }
            };
        // A welcome for applicants of this session, a debrief for interviewers of every session.
        meeting_rooms::add_meeting_room(
            &p.state,
            p.director,
            &form("Welcome", "applicants", Some(s), "07:30", "07:55"),
        )
        .await
        .unwrap();
        meeting_rooms::add_meeting_room(
            &p.state,
            p.director,
            &form("Debrief", "interviewers", None, "10:00", "10:30"),
        )
        .await
        .unwrap();
        // Refused, with the field named: a window that ends before it starts, an unknown
        // audience, another program's session.
        let refused = meeting_rooms::add_meeting_room(
            &p.state,
            p.director,
            &form("Late", "both", None, "09:00", "08:00"),
        )
        .await;
        assert!(
            matches!(refused, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "end"),
            "[{db}] {refused:?}"
        );
        let refused = meeting_rooms::add_meeting_room(
            &p.state,
            p.director,
            &form("Odd", "everyone", None, "09:00", "09:30"),
        )
        .await;
        assert!(
            matches!(refused, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "audience"),
            "[{db}] {refused:?}"
        );
        let other = app.program("Other Program").await;
        let theirs = other.session("Their day", 5, true).await;
        let refused = meeting_rooms::add_meeting_room(
            &p.state,
            p.director,
            &form("Theirs", "both", Some(theirs), "09:00", "09:30"),
        )
        .await;
        assert!(
            matches!(refused, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "session_id"),
            "[{db}] {refused:?}"
        );
        assert_eq!(
            meeting_rooms::meeting_rooms(&p.state, p.director)
                .await
                .unwrap()
                .rooms
                .len(),
            2
        );
        assert!(
            meeting_rooms::meeting_rooms(&other.state, other.director)
                .await
                .unwrap()
                .rooms
                .is_empty(),
            "[{db}] one program never sees another's rooms"
        );

        // Not in the itineraries until the next publish, which tells everyone of their room.
        let ana = itinerary_of(&p, &people[0]).await.unwrap();
        assert!(ana.stops.iter().all(|x| !x.meeting));
        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        assert_eq!(review.changes.len(), 5, "[{db}] {review:?}");
        assert!(
            review.changes.iter().any(|c| c.role == "Applicant"
                && c.lines == vec!["New meeting room: Welcome, 7:30 AM–7:55 AM.".to_string()]),
            "[{db}] {review:?}"
        );
        itinerary::finalize(&p.state, p.director, s, review.draft_version)
            .await
            .unwrap();
        let ana = itinerary_of(&p, &people[0]).await.unwrap();
        let first = &ana.stops[0];
        assert!(
            first.meeting
                && first.label == "Welcome"
                && first.link.as_deref() == Some("https://video.example.test/atrium"),
            "[{db}] {first:?}"
        );
        assert!(
            ana.stops.iter().all(|x| x.label != "Debrief"),
            "[{db}] not for applicants"
        );
        let ash = itinerary::my_days(&p.state, faculty[0]).await.unwrap();
        let labels: Vec<&str> = ash[0].stops.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels.last(), Some(&"Debrief"), "[{db}] {labels:?}");
        assert!(!labels.contains(&"Welcome"), "[{db}] not for interviewers");
        // In the feed too.
        let email = &people[0].me.email;
        let user = app.sign_up(email).await;
        let _ = user;
        let (user_id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
        let feed = itinerary::feed(&p.state, app::ids::UserId(user_id), email)
            .await
            .unwrap();
        assert!(
            feed.contains("SUMMARY:Welcome · Finalize day"),
            "[{db}] {feed}"
        );
    }
}
