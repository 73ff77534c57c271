//! Scoring on both databases: the form library (an edit of a scored form is a new version),
//! who may score whom, drafts and submission, revisions kept, no interviewer ever seeing
//! another's answers, and the rank list with the README's worked example.

use crate::common;

use app::auth::ssr::Staff;
use app::error::AppError;
use app::ids::{ApplicantId, SessionId};
use app::itinerary::ssr as itinerary;
use app::scoring::domain::Calibration;
use app::scoring::form::{CriterionInput, FormInput};
use app::scoring::ssr as scoring;
use app::scoring::types::{RankView, SheetState};
use app::server::Config;
use common::{TestApp, TestProgram};
use std::collections::BTreeMap;

fn criterion(name: &str, weight: &str, optional: bool) -> CriterionInput {
    CriterionInput {
        name: name.into(),
        description: format!("How the applicant shows {name}"),
        weight: weight.into(),
        optional,
        anchors: "1: Not shown\n3: Shown\n5: Shown throughout".into(),
        ..CriterionInput::default()
    }
}

/// The README's form: Communication (weight 2), Teamwork (1), Professionalism (1, optional).
fn form() -> FormInput {
    FormInput {
        name: "Residency interview".into(),
        criteria: vec![
            criterion("Communication", "2", false),
            criterion("Teamwork", "1", false),
            criterion("Professionalism", "1", true),
        ],
        ..FormInput::default()
    }
}

struct Day {
    p: TestProgram,
    s: SessionId,
    ana: ApplicantId,
    /// Who interviewed Ana, and who did not (when someone did not).
    met: Vec<Staff>,
    not_met: Option<Staff>,
}

async fn scored_day(app: &TestApp) -> Day {
    let (p, s, people, faculty) = app.two_room_day("2027-03-23").await;
    let review = itinerary::review(&p.state, p.director, s).await.unwrap();
    itinerary::finalize(&p.state, p.director, s, review.draft_version)
        .await
        .unwrap();
    let ana = people[0].id;
    let overview = app::timetrack::ssr::overview(&p.state, p.director, s)
        .await
        .unwrap();
    let names = ["Dr. Ash", "Dr. Birch"];
    let mut met = Vec::new();
    let mut not_met = None;
    for (i, f) in faculty.iter().enumerate() {
        let meets = overview
            .cells
            .iter()
            .any(|c| c.applicant == Some(ana) && c.interviewers.iter().any(|n| n == names[i]));
        if meets {
            met.push(p.as_interviewer(*f));
        } else {
            not_met = Some(p.as_interviewer(*f));
        }
    }
    Day {
        p,
        s,
        ana,
        met,
        not_met,
    }
}

/// The README's form, written by the director and assigned to the day.
async fn form_on(d: &Day) {
    let id = scoring::save_form(&d.p.state, d.p.director, &form())
        .await
        .unwrap();
    scoring::assign_form(&d.p.state, d.p.director, d.s, Some(id))
        .await
        .unwrap();
}

fn answers(pairs: &[(i64, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(c, v)| (c.to_string(), v.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_are_versioned_once_scored_and_sheets_are_ones_own() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let d = scored_day(&app).await;
        let state = &d.p.state;
        let coordinator = d.p.director;
        // Before a form: scoring waits for one.
        let ash = d.met[0];
        let none = scoring::sheet(state, ash, d.s, d.ana).await;
        assert!(
            matches!(none, Err(AppError::Conflict(_))),
            "[{db}] {none:?}"
        );

        let id = scoring::save_form(state, coordinator, &form())
            .await
            .unwrap();
        // Edited before any score: version 1 is rewritten.
        let mut edited = form();
        edited.id = Some(id);
        edited.criteria[1].description = "Works with others".into();
        scoring::save_form(state, coordinator, &edited)
            .await
            .unwrap();
        // (The demo program has a form of its own: this one is found by its id.)
        let ours = |all: Vec<app::scoring::types::FormView>| -> Vec<app::scoring::types::FormView> {
            all.into_iter().filter(|f| f.id == id).collect()
        };
        let forms = ours(scoring::forms(state, coordinator).await.unwrap());
        assert_eq!(forms.len(), 1, "[{db}]");
        assert_eq!(forms[0].version, 1, "[{db}] rewritten, not versioned");
        assert_eq!(forms[0].criteria.len(), 3);
        assert_eq!(forms[0].criteria[0].weight, "2");
        assert_eq!(forms[0].criteria[1].description, "Works with others");
        assert_eq!(forms[0].criteria[0].anchors.len(), 3);
        let bad = scoring::save_form(
            state,
            coordinator,
            &FormInput {
                name: "Empty".into(),
                ..FormInput::default()
            },
        )
        .await;
        assert!(
            matches!(bad, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "criteria"),
            "[{db}] {bad:?}"
        );
        scoring::assign_form(state, coordinator, d.s, Some(id))
            .await
            .unwrap();
        assert_eq!(
            ours(scoring::forms(state, coordinator).await.unwrap())[0].sessions,
            vec!["Finalize day".to_string()]
        );

        // Ash, who interviewed Ana: a draft (Teamwork not yet), then a refused submission
        // (Teamwork is required), then submitted: 5, 3 and unable to assess.
        let sheet = scoring::sheet(state, ash, d.s, d.ana).await.unwrap();
        let c: Vec<i64> = sheet.form.criteria.iter().map(|c| c.id.0).collect();
        scoring::save_score(state, ash, d.s, d.ana, &answers(&[(c[0], "5")]), "", false)
            .await
            .unwrap();
        let refused = scoring::save_score(
            state,
            ash,
            d.s,
            d.ana,
            &answers(&[(c[0], "5"), (c[2], "na")]),
            "",
            true,
        )
        .await;
        assert!(
            matches!(refused, Err(AppError::Invalid { ref message, .. }) if message.contains("Teamwork needs a score")),
            "[{db}] {refused:?}"
        );
        let off_scale =
            scoring::save_score(state, ash, d.s, d.ana, &answers(&[(c[0], "9")]), "", false).await;
        assert!(
            matches!(off_scale, Err(AppError::Invalid { ref message, .. }) if message == "Communication takes 1 to 5."),
            "[{db}] {off_scale:?}"
        );
        let full = answers(&[(c[0], "5"), (c[1], "3"), (c[2], "na")]);
        scoring::save_score(state, ash, d.s, d.ana, &full, "Clear and kind.", true)
            .await
            .unwrap();
        let mine = scoring::sheet(state, ash, d.s, d.ana).await.unwrap();
        assert!(mine.submitted, "[{db}]");
        assert_eq!(mine.answers.len(), 3);
        assert_eq!(mine.revisions, 0);

        // The README's worked example: (2·1 + 1·0.5) / 3 on 1–5 is 4.33.
        let ranks = scoring::ranks(state, coordinator, RankView::default())
            .await
            .unwrap();
        assert_eq!(ranks.lines.len(), 1, "[{db}]");
        assert_eq!(ranks.lines[0].final_score, "4.33", "[{db}]");

        // A change after submitting keeps the submission before as a revision.
        let changed = answers(&[(c[0], "4"), (c[1], "3"), (c[2], "na")]);
        scoring::save_score(state, ash, d.s, d.ana, &changed, "Clear and kind.", false)
            .await
            .unwrap();
        let mine = scoring::sheet(state, ash, d.s, d.ana).await.unwrap();
        assert_eq!(mine.revisions, 1, "[{db}]");
        assert!(
            mine.submitted,
            "[{db}] a change after submitting stays submitted"
        );

        // No anchoring: another interviewer of Ana starts blank; one who never met her may not.
        if let Some(other) = d.met.get(1) {
            let theirs = scoring::sheet(state, *other, d.s, d.ana).await.unwrap();
            assert!(theirs.answers.is_empty(), "[{db}] never another's answers");
            assert!(theirs.comment.is_empty());
        }
        if let Some(stranger) = d.not_met {
            let refused = scoring::sheet(state, stranger, d.s, d.ana).await;
            assert!(
                matches!(refused, Err(AppError::Forbidden(_))),
                "[{db}] {refused:?}"
            );
        }

        // Edited now that it has scores: version 2 for later sheets; Ash's stays on 1.
        let mut again = form();
        again.id = Some(id);
        again.criteria.push(criterion("Curiosity", "1", true));
        scoring::save_form(state, coordinator, &again)
            .await
            .unwrap();
        let forms = ours(scoring::forms(state, coordinator).await.unwrap());
        assert_eq!(forms[0].version, 2, "[{db}]");
        assert_eq!(forms[0].criteria.len(), 4);
        let mine = scoring::sheet(state, ash, d.s, d.ana).await.unwrap();
        assert_eq!(mine.form.version, 1, "[{db}]");
        assert_eq!(
            mine.form.criteria.len(),
            3,
            "[{db}] the sheet keeps its version"
        );
        if let Some(other) = d.met.get(1) {
            let theirs = scoring::sheet(state, *other, d.s, d.ana).await.unwrap();
            assert_eq!(
                theirs.form.criteria.len(),
                4,
                "[{db}] a new sheet: version 2"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exclusions_and_overrides_change_the_ranks_with_their_reasons_and_export_as_csv() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let d = scored_day(&app).await;
        let state = &d.p.state;
        let coordinator = d.p.director;
        assert_eq!(d.met.len(), 2, "[{db}] two interviews each: both rooms");
        form_on(&d).await;
        let c: Vec<i64> = scoring::sheet(state, d.met[0], d.s, d.ana)
            .await
            .unwrap()
            .form
            .criteria
            .iter()
            .map(|c| c.id.0)
            .collect();
        // Before any score: both interviewers owe Ana's.
        let owed = scoring::missing_scores(state, coordinator, d.s)
            .await
            .unwrap();
        assert_eq!(owed.len(), 2, "[{db}] {owed:?}");
        assert!(owed
            .iter()
            .all(|l| l.applicants.contains(&"Applicant Person".to_string())));
        // A lenient 5-3-n/a (4.33) and a harsh 1-1-1 (1.00): the mean is 2.67.
        let lenient = answers(&[(c[0], "5"), (c[1], "3"), (c[2], "na")]);
        let harsh = answers(&[(c[0], "1"), (c[1], "1"), (c[2], "1")]);
        scoring::save_score(state, d.met[0], d.s, d.ana, &lenient, "", true)
            .await
            .unwrap();
        scoring::save_score(state, d.met[1], d.s, d.ana, &harsh, "", true)
            .await
            .unwrap();
        // Ana's scores are in: neither owes hers any more; the reminder names only who is left.
        let owed = scoring::missing_scores(state, coordinator, d.s)
            .await
            .unwrap();
        assert!(
            owed.iter().all(|l| l.applicants.len() == 2),
            "[{db}] {owed:?}"
        );
        let sent = scoring::remind_scorers(state, coordinator, d.s)
            .await
            .unwrap();
        assert_eq!(sent, owed.len(), "[{db}]");
        let mail = app.last_email("drash@faculty.test").await.unwrap();
        assert!(mail.contains("are not submitted yet"), "[{db}] {mail}");
        let final_of = |page: &app::scoring::types::RankPage| page.lines[0].final_score.clone();
        let ranks = || scoring::ranks(state, coordinator, RankView::default());
        assert_eq!(final_of(&ranks().await.unwrap()), "2.67", "[{db}]");

        // The harsh interviewer left out for Ana: only the lenient sheet counts.
        let refused =
            scoring::exclude(state, coordinator, d.met[1].user_id, Some(d.ana), " ").await;
        assert!(
            matches!(refused, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "reason"),
            "[{db}] {refused:?}"
        );
        scoring::exclude(
            state,
            coordinator,
            d.met[1].user_id,
            Some(d.ana),
            "Knows her",
        )
        .await
        .unwrap();
        let page = ranks().await.unwrap();
        assert_eq!(final_of(&page), "4.33", "[{db}]");
        assert_eq!(page.exclusions.len(), 1);
        assert!(
            page.exclusions[0].1.ends_with("are left out: Knows her"),
            "[{db}] {:?}",
            page.exclusions
        );
        scoring::include(state, coordinator, page.exclusions[0].0)
            .await
            .unwrap();
        assert_eq!(final_of(&ranks().await.unwrap()), "2.67", "[{db}] back in");

        // An override with its reason replaces the final score, shown beside it; cleared, the
        // computed one is back.
        let no_reason = scoring::override_score(state, coordinator, d.ana, "4.5", "").await;
        assert!(
            matches!(no_reason, Err(AppError::Invalid { .. })),
            "[{db}] {no_reason:?}"
        );
        let off = scoring::override_score(state, coordinator, d.ana, "9", "Committee").await;
        assert!(
            matches!(off, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "score"),
            "[{db}] {off:?}"
        );
        scoring::override_score(state, coordinator, d.ana, "4.5", "Committee decision")
            .await
            .unwrap();
        let page = ranks().await.unwrap();
        assert_eq!(final_of(&page), "4.50", "[{db}]");
        assert_eq!(
            page.lines[0].raw, "2.67",
            "[{db}] the computed score stays visible"
        );
        assert_eq!(page.lines[0].override_reason, "Committee decision");

        // The CSV file says the same, a formula-like reason escaped.
        scoring::override_score(state, coordinator, d.ana, "4.5", "=HYPERLINK(\"x\")")
            .await
            .unwrap();
        let csv = scoring::ranks_csv(state, coordinator, RankView::default())
            .await
            .unwrap();
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        let first = rows.records().next().unwrap().unwrap();
        assert_eq!(&first[0], "1", "[{db}] {csv}");
        assert_eq!(&first[2], "4.50");
        assert_eq!(&first[3], "2.67");
        assert_eq!(&first[6], "'=HYPERLINK(\"x\")", "[{db}] escaped");
        scoring::override_score(state, coordinator, d.ana, "", "Taken back")
            .await
            .unwrap();
        assert_eq!(final_of(&ranks().await.unwrap()), "2.67", "[{db}] cleared");

        // Calibration: with fewer than three scores each, nobody is calibrated, and it says so.
        let calibrated = RankView {
            calibrate: true,
            ..Default::default()
        };
        let page = scoring::ranks(state, coordinator, calibrated)
            .await
            .unwrap();
        assert!(page.calibrated);
        assert!(
            page.interviewers
                .iter()
                .all(|i| matches!(i.calibration, Calibration::TooFewScores { .. })),
            "[{db}] {:?}",
            page.interviewers
        );
        assert!(
            page.calibration_summary
                .ends_with("left raw, with fewer than 3 scores this season."),
            "[{db}] {}",
            page.calibration_summary
        );
        // The screen applies an option as it changes; without script its "Show" button does.
        let html = scoring::ranks_html(state, coordinator, calibrated)
            .await
            .unwrap();
        assert!(html.contains(&page.calibration_summary), "[{db}] {html}");
        assert!(
            html.contains(r#"data-submit-on-change"#)
                && html.contains(
                    r#"<noscript><button class="btn" type="submit">Show</button></noscript>"#
                ),
            "[{db}] {html}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moved_list_keeps_its_order_until_reverted_and_screens_show_ones_own() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let d = scored_day(&app).await;
        let state = &d.p.state;
        let coordinator = d.p.director;
        form_on(&d).await;
        // The first interviewer's list: everyone they met, not started.
        let (ash, birch) = (d.met[0], d.met[1]);
        let todo = scoring::my_sheets(state, ash).await.unwrap();
        assert_eq!(todo.len(), 3, "[{db}] both interviewers meet all three");
        assert!(
            todo.iter().all(|t| t.state == SheetState::NotStarted),
            "[{db}]"
        );
        let c: Vec<i64> = scoring::sheet(state, ash, d.s, todo[0].applicant)
            .await
            .unwrap()
            .form
            .criteria
            .iter()
            .map(|c| c.id.0)
            .collect();
        // Scored 5, 3 and 1 across the board: the computed order follows.
        for (t, v) in todo.iter().zip(["5", "3", "1"]) {
            let all = answers(&[(c[0], v), (c[1], v), (c[2], v)]);
            scoring::save_score(state, ash, d.s, t.applicant, &all, "", true)
                .await
                .unwrap();
        }
        let states: Vec<SheetState> = scoring::my_sheets(state, ash)
            .await
            .unwrap()
            .iter()
            .map(|t| t.state)
            .collect();
        assert_eq!(states, [SheetState::Submitted; 3], "[{db}]");
        // Opening the session's scoring to every interviewer of the day changes nothing for
        // those who met everyone; it is the coordinators' to set.
        scoring::open_scoring(state, coordinator, d.s, true)
            .await
            .unwrap();
        assert_eq!(
            scoring::my_sheets(state, ash).await.unwrap().len(),
            3,
            "[{db}]"
        );
        let html = scoring::session_html(state, coordinator, d.s)
            .await
            .unwrap();
        assert!(html.contains("checked"), "[{db}] the box shows it: {html}");
        // The other interviewer's sheet screen shows nothing of the first one's answers.
        let html = scoring::sheet_html(state, birch, d.s, todo[0].applicant)
            .await
            .unwrap();
        assert!(html.contains("Residency interview"), "[{db}] {html}");
        assert!(
            !html.contains("checked"),
            "[{db}] no answer of Ash's: {html}"
        );
        assert!(html.contains(&todo[0].name), "[{db}]");

        let names = |page: &app::scoring::types::RankPage| -> Vec<String> {
            page.lines.iter().map(|l| l.name.clone()).collect()
        };
        let main = RankView::default();
        let computed: Vec<String> = todo.iter().map(|t| t.name.clone()).collect();
        let page = scoring::ranks(state, coordinator, main).await.unwrap();
        assert_eq!(names(&page), computed, "[{db}]");
        assert!(!page.manual);

        // The last moved to the top: kept as a manual order, renumbered, audited.
        scoring::move_rank(state, coordinator, main, todo[2].applicant, 0)
            .await
            .unwrap();
        let page = scoring::ranks(state, coordinator, main).await.unwrap();
        let moved = vec![
            computed[2].clone(),
            computed[0].clone(),
            computed[1].clone(),
        ];
        assert_eq!(names(&page), moved, "[{db}]");
        assert!(page.manual, "[{db}]");
        assert_eq!(
            page.lines.iter().map(|l| l.rank).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        let html = scoring::ranks_html(state, coordinator, main).await.unwrap();
        assert!(html.contains("Revert to computed"), "[{db}]");
        // Someone not on the list cannot be moved.
        let stranger = scoring::move_rank(state, coordinator, main, ApplicantId(999_999), 0).await;
        assert!(
            matches!(stranger, Err(AppError::NotFound(_))),
            "[{db}] {stranger:?}"
        );

        // A named list starts in the computed order and moves on its own.
        let alternates = scoring::add_rank_list(state, coordinator, "Alternates")
            .await
            .unwrap();
        let again = scoring::add_rank_list(state, coordinator, " alternates ").await;
        assert!(
            matches!(again, Err(AppError::Conflict(_))),
            "[{db}] {again:?}"
        );
        let named = RankView {
            list: Some(alternates),
            ..Default::default()
        };
        let page = scoring::ranks(state, coordinator, named).await.unwrap();
        assert_eq!(names(&page), computed, "[{db}] a new list is computed");
        assert_eq!(page.lists, vec![(alternates, "Alternates".to_string())]);
        scoring::move_rank(state, coordinator, named, todo[1].applicant, 2)
            .await
            .unwrap();
        let page = scoring::ranks(state, coordinator, named).await.unwrap();
        assert_eq!(
            names(&page),
            vec![
                computed[0].clone(),
                computed[2].clone(),
                computed[1].clone()
            ],
            "[{db}]"
        );
        let page = scoring::ranks(state, coordinator, main).await.unwrap();
        assert_eq!(names(&page), moved, "[{db}] the main list is untouched");

        // Reverted: the computed order again; the named list deleted.
        scoring::revert_ranks(state, coordinator, None)
            .await
            .unwrap();
        let page = scoring::ranks(state, coordinator, main).await.unwrap();
        assert_eq!(names(&page), computed, "[{db}]");
        assert!(!page.manual, "[{db}]");
        // On the wire the view's fields are arguments of their own, as the page's forms post
        // them (`calibrate=true&list=…` beside `moved` and `to`), read as one view.
        let cookie = app.login("director@demo.test", common::PW).await;
        let list = alternates.to_string();
        let first = todo[0].applicant.to_string();
        let view = [("calibrate", "true"), ("list", list.as_str())];
        let reply = app
            .call(
                "move-rank",
                &[&[("moved", first.as_str()), ("to", "2")], &view[..]].concat(),
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "[{db}] {}", reply.body);
        let reply = app.call("ranks", &view, Some(&cookie), None).await;
        assert_eq!(reply.status, 200, "[{db}] {}", reply.body);
        let page = reply.json();
        assert_eq!(page["calibrated"], true, "[{db}] {page}");
        assert_eq!(page["list"], alternates.0, "[{db}] {page}");
        let shown: Vec<&str> = page["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            shown,
            [&computed[2], &computed[1], &computed[0]],
            "[{db}] the named list's manual order, the first moved last"
        );
        scoring::remove_rank_list(state, coordinator, alternates)
            .await
            .unwrap();
        let gone = scoring::ranks(state, coordinator, named).await;
        assert!(
            matches!(gone, Err(AppError::NotFound(_))),
            "[{db}] {gone:?}"
        );

        // The printable list: every applicant, no controls.
        let print = scoring::print_ranks(state, coordinator, main)
            .await
            .unwrap();
        assert!(
            computed.iter().all(|n| print.contains(n.as_str())),
            "[{db}]"
        );
        assert!(!print.contains("<form"), "[{db}] {print}");
    }
}
