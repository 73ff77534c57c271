//! The schedule builder's saves on both databases: per-cell versions, concurrent edits (the
//! first of two on one cell wins, edits of different cells both succeed), whole-draft versions
//! for regenerate and repair (see also `repair.rs`), and draft changes pushed to coordinators only.

use crate::common;

use app::day::domain::edit::{Cell, CellsEdit, Draft};
use app::day::ssr as day;
use app::day::types::{DayPage, PlanForm, RoomForm};
use app::error::AppError;
use app::ids::{SessionId, UserId};
use app::server::Config;
use common::{read_messages, TestApp, TestProgram, PW};

/// A generated day: 3 rooms, 4 rounds, 3 confirmed applicants, in the demo program (so its
/// coordinators can log in).
pub(crate) async fn generated(app: &TestApp) -> (TestProgram, SessionId) {
    let p = app.demo_program().await;
    p.self_scheduling(true).await;
    let mut form = common::session_form(None, "Builder day", 10, true);
    form.date = "2027-03-02".into();
    let s = p.save_session(&form).await.unwrap();
    let spare = p.session("Builder spare", 10, true).await;
    for i in 0..3 {
        let who = p.invited(&format!("builder{i}@demo.test")).await;
        p.choose(&who.me, s, Some(spare)).await.unwrap();
    }
    let plan = PlanForm {
        start: "08:00".into(),
        interview_minutes: "20".into(),
        passing_minutes: "5".into(),
        rounds: "4".into(),
        interviews_per_applicant: String::new(),
    };
    day::save_plan(&p.state, p.director, s, &plan)
        .await
        .unwrap();
    let mut faculty: Vec<UserId> = Vec::new();
    for name in ["Dr. Uno", "Dr. Dos", "Dr. Tres"] {
        faculty.push(p.interviewer(name).await);
    }
    for (i, f) in faculty.iter().enumerate() {
        let room = RoomForm {
            id: None,
            name: format!("Room {}", i + 1),
            location: String::new(),
            interviewers: vec![*f],
        };
        day::save_room(&p.state, p.director, s, &room)
            .await
            .unwrap();
    }
    let v = page(&p, s).await.draft_version;
    day::generate(&p.state, p.director, s, v).await.unwrap();
    (p, s)
}

pub(crate) async fn page(p: &TestProgram, s: SessionId) -> DayPage {
    day::day_page(&p.state, p.director, s).await.unwrap()
}

pub(crate) fn draft(page: &DayPage) -> Draft {
    Draft::new(page.cells.iter().copied())
}

/// An occupied cell and a free one of the same room, from the page.
pub(crate) fn occupied_and_free(page: &DayPage) -> (Cell, Cell) {
    let d = draft(page);
    for room in &page.rooms {
        let cells: Vec<Cell> = (0..page.plan.rounds)
            .map(|round| Cell {
                round,
                room: room.id,
            })
            .collect();
        let full = cells.iter().find(|c| d.at(**c).is_some());
        let free = cells.iter().find(|c| d.at(**c).is_none());
        if let (Some(a), Some(b)) = (full, free) {
            return (*a, *b);
        }
    }
    panic!("a room with a free round");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_of_two_edits_of_one_cell_wins_and_the_second_is_told_why() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s) = generated(&app).await;
        let seen = page(&p, s).await;
        let d = draft(&seen);
        let (full, free) = occupied_and_free(&seen);
        let who = d.at(full).unwrap();

        // Two coordinators, the same draft on screen: one moves the applicant to the free cell,
        // the other (a moment later) moves them back out to "unscheduled".
        let first = d.moving(who, Some(full), Some(free)).unwrap();
        let second = d.moving(who, Some(full), None).unwrap();
        let v1 = day::edit_cells(&p.state, p.director, s, &first)
            .await
            .unwrap();
        assert!(
            v1 > seen.draft_version,
            "[{db}] the draft's version moves on"
        );
        let refused = day::edit_cells(&p.state, p.director, s, &second).await;
        let message = match refused {
            Err(AppError::Conflict(m)) => m,
            other => panic!("[{db}] the stale edit must be refused: {other:?}"),
        };
        assert!(
            message.contains("changed a moment ago") && message.contains("round"),
            "[{db}] {message}"
        );
        let now = page(&p, s).await;
        let nd = draft(&now);
        assert_eq!(nd.at(free), Some(who), "[{db}] the first edit stands");
        assert_eq!(nd.at(full), None);
        assert!(
            now.cells
                .iter()
                .any(|c| c.cell == free && c.pinned && c.version == v1),
            "[{db}] a cell placed by hand is pinned and carries the edit's version"
        );

        // Edits of different cells made on the same view both succeed.
        let view = draft(&now);
        let slots = view.slots();
        let a = slots[0];
        let b = slots
            .iter()
            .find(|x| x.round != a.round && x.room != a.room)
            .unwrap();
        let out_a = view
            .moving(
                a.applicant,
                Some(Cell {
                    round: a.round,
                    room: a.room,
                }),
                None,
            )
            .unwrap();
        let out_b = view
            .moving(
                b.applicant,
                Some(Cell {
                    round: b.round,
                    room: b.room,
                }),
                None,
            )
            .unwrap();
        day::edit_cells(&p.state, p.director, s, &out_a)
            .await
            .unwrap();
        day::edit_cells(&p.state, p.director, s, &out_b)
            .await
            .unwrap();
        assert_eq!(
            draft(&page(&p, s).await).slots().len(),
            slots.len() - 2,
            "[{db}] both saved"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_edits_of_one_cell_save_exactly_one() {
    for app in TestApp::each(Config::default()).await {
        let (p, s) = generated(&app).await;
        let seen = page(&p, s).await;
        let d = draft(&seen);
        let (full, free) = occupied_and_free(&seen);
        let who = d.at(full).unwrap();
        let edit = d.moving(who, Some(full), Some(free)).unwrap();
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (state, by, edit) = (p.state.clone(), p.director, edit.clone());
            tasks.push(tokio::spawn(async move {
                day::edit_cells(&state, by, s, &edit).await
            }));
        }
        let mut saved = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => saved += 1,
                Err(AppError::Conflict(_)) => {}
                Err(e) => panic!("[{}] {e:?}", app.db),
            }
        }
        assert_eq!(
            saved, 1,
            "[{}] exactly one of eight identical edits",
            app.db
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_edits_are_refused_and_change_nothing() {
    for app in TestApp::each(Config::default()).await {
        let (p, s) = generated(&app).await;
        let seen = page(&p, s).await;
        let d = draft(&seen);
        let (full, _) = occupied_and_free(&seen);
        let who = d.at(full).unwrap();
        let outside = CellsEdit {
            cells: vec![app::day::domain::edit::CellWrite {
                round: 9,
                room: full.room,
                version: app::ids::DraftVersion(0),
                applicant: Some(who),
            }],
        };
        assert!(matches!(
            day::edit_cells(&p.state, p.director, s, &outside).await,
            Err(AppError::NotFound(_))
        ));
        let stranger = CellsEdit {
            cells: vec![app::day::domain::edit::CellWrite {
                round: full.round,
                room: full.room,
                version: d.version(full),
                applicant: Some(app::ids::ApplicantId(999_999)),
            }],
        };
        assert!(matches!(
            day::edit_cells(&p.state, p.director, s, &stranger).await,
            Err(AppError::Invalid { .. })
        ));
        assert!(matches!(
            day::edit_cells(&p.state, p.director, s, &CellsEdit::default()).await,
            Err(AppError::Invalid { .. })
        ));
        assert_eq!(
            page(&p, s).await.cells,
            seen.cells,
            "[{}] unchanged",
            app.db
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn another_coordinators_edit_arrives_live_and_interviewers_never_see_a_draft() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s) = generated(&app).await;
        let coordinator = app.login("coordinator@demo.test", PW).await;
        let interviewer = app.login("interviewer1@demo.test", PW).await;
        let mut coord_tab = app.open_events(&coordinator).await;
        let mut intv_tab = app.open_events(&interviewer).await;
        read_messages(&mut coord_tab, 200).await;
        read_messages(&mut intv_tab, 50).await;

        let seen = page(&p, s).await;
        let d = draft(&seen);
        let (full, free) = occupied_and_free(&seen);
        let edit = d
            .moving(d.at(full).unwrap(), Some(full), Some(free))
            .unwrap();
        let v = day::edit_cells(&p.state, p.director, s, &edit)
            .await
            .unwrap();
        let heard = read_messages(&mut coord_tab, 500).await;
        let change = heard
            .iter()
            .flat_map(|m| m.drafts.iter())
            .find(|c| c.session == s)
            .unwrap_or_else(|| panic!("[{db}] the coordinator hears the edit: {heard:?}"));
        assert_eq!(change.version, v);
        let cells = change.cells.as_ref().expect("the edited cells");
        assert_eq!(cells.len(), 2, "[{db}] the two cells of the move");
        let intv = read_messages(&mut intv_tab, 200).await;
        assert!(
            intv.iter().all(|m| m.drafts.is_empty()),
            "[{db}] an interviewer never receives a draft: {intv:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn who_else_is_editing_comes_and_goes_with_the_tab() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (_, s) = generated(&app).await;
        let coordinator = app.login("coordinator@demo.test", PW).await;
        let manager = app.login("manager@demo.test", PW).await;
        let interviewer = app.login("interviewer1@demo.test", PW).await;
        let coordinators_tab = app.open_events(&coordinator).await;
        let mut managers_tab = app.open_events(&manager).await;
        let mut interviewers_tab = app.open_events(&interviewer).await;
        read_messages(&mut managers_tab, 200).await;
        let sid = s.to_string();

        let r = app
            .call(
                "enter-day",
                &[("session_id", &sid)],
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        assert_eq!(r.json()["me"], "Jordan Lee");
        let editors_heard = |messages: &[app::live::LiveMessage]| {
            messages
                .iter()
                .flat_map(|m| m.editors.iter())
                .rfind(|e| e.session == s)
                .map(|e| e.names.clone())
        };
        let heard = read_messages(&mut managers_tab, 400).await;
        assert_eq!(
            editors_heard(&heard),
            Some(vec!["Jordan Lee".to_string()]),
            "[{db}] the manager sees who has the page open"
        );
        // The coordinator's tab closes: their presence ends with its push stream.
        drop(coordinators_tab);
        let heard = read_messages(&mut managers_tab, 800).await;
        assert_eq!(
            editors_heard(&heard),
            Some(vec![]),
            "[{db}] gone with the tab"
        );
        let heard = read_messages(&mut interviewers_tab, 100).await;
        assert!(
            heard.iter().all(|m| m.editors.is_empty()),
            "[{db}] interviewers hear nothing of it"
        );
        let r = app
            .call(
                "enter-day",
                &[("session_id", &sid)],
                Some(&interviewer),
                None,
            )
            .await;
        assert_eq!(r.status, 403, "[{db}] an interviewer cannot");
    }
}

/// An applicant who cancels keeps their cells until a coordinator moves them: the draft names
/// them (the grid's marks, the Finalize card's warning), never "Applicant 12".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_applicant_is_named_on_the_draft_and_in_the_publish_review() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s) = generated(&app).await;
        let gone = p.applicant("builder0@demo.test").await.id;
        sqlx::query("UPDATE applicants SET name = 'Nora Quinn' WHERE email = 'builder0@demo.test'")
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        sqlx::query(
            "UPDATE applicants SET status = 'cancelled' WHERE email = 'builder0@demo.test'",
        )
        .execute(app.state.repo.pool())
        .await
        .unwrap();

        let seen = page(&p, s).await;
        assert!(
            seen.applicants.iter().all(|a| a.id != gone),
            "[{db}] no longer confirmed"
        );
        assert!(
            seen.slots().iter().any(|x| x.applicant == gone),
            "[{db}] still on the draft"
        );
        let named: Vec<_> = seen
            .former
            .iter()
            .map(|a| (a.id, a.name.as_str()))
            .collect();
        assert_eq!(
            named,
            vec![(gone, "Nora Quinn")],
            "[{db}] named on the draft"
        );

        let review = app::itinerary::ssr::review(&p.state, p.director, s)
            .await
            .unwrap();
        assert!(
            review.problems.iter().any(|x| x
                == "Nora Quinn is no longer confirmed for this session: take them off the draft."),
            "[{db}] {:?}",
            review.problems
        );
        let numbered = format!("Applicant {gone}");
        assert!(
            review.problems.iter().all(|x| !x.contains(&numbered)),
            "[{db}] {:?}",
            review.problems
        );
    }
}
