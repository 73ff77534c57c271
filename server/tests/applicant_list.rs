//! The applicant list at a season's size, on SQLite and PostgreSQL: filter, search, sort and
//! paging on the server; a bulk action on ticked rows and on all matching, with its refusals;
//! the CSV export as filtered, its cells safe for a spreadsheet; another program's applicants
//! never shown nor touched; bad addresses answered with a sane list, never a 5xx.

use crate::common;

use app::applicants::domain::Status;
use app::applicants::list::query::ListQuery;
use app::applicants::list::ssr::{bulk, list_page};
use app::applicants::list::types::BulkForm;
use app::applicants::types::ApplicantView;
use app::ids::ApplicantId;
use app::server::Config;
use common::{TestApp, TestProgram, PW};

/// `n` applicants "Person 000" … with e-mails `p000@<domain>` and application ids `AAMC000`…,
/// every third one Invited & Ready (invitation not sent), the rest Interview Candidates.
async fn seed(p: &TestProgram, n: usize, domain: &str) -> Vec<ApplicantId> {
    let repo = &p.state.repo;
    let mut tx = repo.begin_write().await.unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        let email = format!("p{i:03}@{domain}");
        let name = format!("Person {i:03}");
        let id = repo
            .add_applicant(&mut tx, p.id(), &email, &name)
            .await
            .unwrap();
        sqlx::query("UPDATE applicants SET application_id = $1 WHERE id = $2")
            .bind(format!("AAMC{i:03}"))
            .bind(id)
            .execute(&mut *tx)
            .await
            .unwrap();
        if i % 3 == 0 {
            let row = ApplicantView {
                id,
                name,
                email,
                status: Status::InvitedReady,
                invitation_sent_at: None,
                first_choice: None,
                second_choice: None,
                session_id: None,
            };
            repo.update_applicant(&mut tx, &row).await.unwrap();
        }
        ids.push(id);
    }
    tx.commit().await.unwrap();
    ids
}

fn names(page: &app::applicants::list::ssr::ListPage) -> Vec<String> {
    page.rows.iter().map(|r| r.applicant.name.clone()).collect()
}

#[tokio::test]
async fn the_list_is_filtered_searched_sorted_and_paged_on_the_server() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("List Program").await;
        seed(&p, 120, "list.test").await;
        // Another program's applicant with a matching name never shows.
        let other = app.program("Other List Program").await;
        seed(&other, 3, "other.test").await;

        let first = list_page(&p.state, p.director, "").await.unwrap();
        assert_eq!(
            (first.matching, first.page, first.pages),
            (120, 1, 3),
            "[{db}]"
        );
        assert_eq!(first.rows.len(), 50, "[{db}] one page of 50");
        assert_eq!(names(&first)[0], "Person 000", "[{db}] by name");
        let last = list_page(&p.state, p.director, "page=3").await.unwrap();
        assert_eq!(last.rows.len(), 20, "[{db}] the last page holds the rest");
        assert_eq!(names(&last)[19], "Person 119", "[{db}]");

        let desc = list_page(&p.state, p.director, "sort=name&dir=desc")
            .await
            .unwrap();
        assert_eq!(names(&desc)[0], "Person 119", "[{db}] turned round");
        let by_email = list_page(&p.state, p.director, "sort=email&dir=desc&page=2")
            .await
            .unwrap();
        assert_eq!(by_email.rows[0].applicant.email, "p069@list.test", "[{db}]");
        // Invited & Ready (every third) sorts after Interview Candidate.
        let by_status = list_page(&p.state, p.director, "sort=status&page=3")
            .await
            .unwrap();
        assert!(by_status
            .rows
            .iter()
            .all(|r| r.applicant.status == Status::InvitedReady));

        let invited = list_page(&p.state, p.director, "status=invited_ready")
            .await
            .unwrap();
        assert_eq!(invited.matching, 40, "[{db}] the status filter");
        let search = |q: &'static str| {
            let p = p.clone();
            async move { list_page(&p.state, p.director, q).await.unwrap() }
        };
        assert_eq!(
            names(&search("q=person+01").await).len(),
            10,
            "[{db}] by name"
        );
        assert_eq!(
            names(&search("q=P042%40LIST").await),
            ["Person 042"],
            "[{db}] by e-mail, any case"
        );
        assert_eq!(
            names(&search("q=aamc107").await),
            ["Person 107"],
            "[{db}] by application id"
        );
        assert_eq!(
            search("q=%25").await.matching,
            0,
            "[{db}] % is a character, not a wildcard"
        );
        assert_eq!(
            search("q=other.test").await.matching,
            0,
            "[{db}] nor another program's"
        );
        assert_eq!(
            search("status=invited_ready&q=person+0").await.matching,
            34,
            "[{db}] filters combine"
        );
    }
}

#[tokio::test]
async fn a_bad_address_shows_a_sane_list() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Odd Program").await;
        seed(&p, 60, "odd.test").await;
        for (query, page) in [("page=-1", 1), ("page=1000000000000", 2), ("page=x", 1)] {
            let got = list_page(&p.state, p.director, query).await.unwrap();
            assert_eq!(got.page, page, "[{db}] {query}");
        }
        let odd = list_page(
            &p.state,
            p.director,
            "sort=password;DROP&dir=up&status=nope",
        )
        .await
        .unwrap();
        assert_eq!(
            (odd.matching, odd.query.sort),
            (60, Default::default()),
            "[{db}]"
        );
        let long = format!("q={}", "x".repeat(10_000));
        assert_eq!(
            list_page(&p.state, p.director, &long)
                .await
                .unwrap()
                .matching,
            0
        );

        // Over HTTP, as the page asks: every answer a 200 with a list.
        let cookie = app.login("coordinator@demo.test", PW).await;
        for query in [
            "page=-1",
            "page=1000000000000",
            "sort=nope",
            &long,
            "q=%00%27%22",
        ] {
            let r = app
                .call("applicants-page", &[("query", query)], Some(&cookie), None)
                .await;
            assert_eq!(r.status, 200, "[{db}] {query:.40}: {}", r.body);
        }
        let bar = app
            .call("applicants-bar", &[("query", "q=x")], Some(&cookie), None)
            .await;
        assert!(bar.body.contains("data-done-answer"), "[{db}] {}", bar.body);
        let r = app
            .call(
                "bulk-applicants",
                &[("bulk[action]", "explode")],
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(r.status, 400, "[{db}] an unknown action: {}", r.body);
        let r = app
            .call(
                "bulk-applicants",
                &[("bulk[action]", "invite")],
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(r.status, 422, "[{db}] nothing selected: {}", r.body);
        assert!(
            r.body.contains("Select applicants first"),
            "[{db}] {}",
            r.body
        );
    }
}

#[tokio::test]
async fn a_bulk_action_says_what_it_changed_and_refused_for_whom() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Bulk Program").await;
        let ids = seed(&p, 9, "bulk.test").await;
        let other = app.program("Other Bulk Program").await;
        let theirs = seed(&other, 1, "theirs.test").await;
        let theirs_before = other.applicant("p000@theirs.test").await;

        // Ticked rows: two candidates, one already invited, and another program's applicant.
        let form = BulkForm {
            action: "invite".into(),
            ids: vec![ids[1], ids[2], ids[3], theirs[0]],
            ..BulkForm::default()
        };
        let said = bulk(&p.state, p.director, form).await.unwrap();
        assert!(
            said.starts_with("2 marked Invited & Ready for Scheduling; 2 refused: "),
            "[{db}] {said}"
        );
        assert!(
            said.contains("Person 003"),
            "[{db}] names who was refused: {said}"
        );
        assert!(said.contains("1 more were not found"), "[{db}] {said}");
        assert!(!said.contains("theirs.test"), "[{db}] {said}");
        let form = BulkForm {
            action: "invite".into(),
            ids: theirs.clone(),
            ..BulkForm::default()
        };
        let refused = bulk(&p.state, p.director, form).await.unwrap_err();
        assert_eq!(
            refused.status_code(),
            404,
            "[{db}] only another program's: not found"
        );
        let theirs_now = other.applicant("p000@theirs.test").await;
        assert_eq!(theirs_now, theirs_before, "[{db}] not touched");

        // All matching the filter: the filter is the selection, every page of it.
        let form = BulkForm {
            action: "invite".into(),
            all_matching: true,
            filter: "status=interview_candidate".into(),
            ..BulkForm::default()
        };
        let said = bulk(&p.state, p.director, form).await.unwrap();
        assert_eq!(said, "4 marked Invited & Ready for Scheduling", "[{db}]");
        let left = ListQuery::parse("status=interview_candidate");
        assert_eq!(
            p.state
                .repo
                .applicants_matching(p.id(), &left)
                .await
                .unwrap(),
            0
        );

        // Sending: every invited one of the filter gets the e-mail; each has its audit line.
        let form = BulkForm {
            action: "send".into(),
            all_matching: true,
            filter: "q=person+00".into(),
            ..BulkForm::default()
        };
        let said = bulk(&p.state, p.director, form).await.unwrap();
        assert_eq!(said, "9 sent the invitation", "[{db}]");
        assert!(app.last_email("p008@bulk.test").await.is_some(), "[{db}]");
        assert!(app.last_email("p000@theirs.test").await.is_none(), "[{db}]");
    }
}

#[tokio::test]
async fn the_export_is_the_filtered_list_with_cells_safe_for_a_spreadsheet() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Export Program").await;
        seed(&p, 4, "export.test").await;
        let repo = &p.state.repo;
        let mut tx = repo.begin_write().await.unwrap();
        let risky = repo
            .add_applicant(&mut tx, p.id(), "risky@export.test", "=HYPERLINK(\"x\")")
            .await
            .unwrap();
        sqlx::query("UPDATE applicants SET phone = $1, track = $2 WHERE id = $3")
            .bind("+1 555 0100")
            .bind("@Categorical, \"preliminary\"")
            .bind(risky)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let csv = app::applicants::list::export::applicants_csv(&p.state, p.director, "")
            .await
            .unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "Application ID", "[{db}]");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 5, "[{db}]");
        let risky = rows.iter().find(|r| &r[5] == "risky@export.test").unwrap();
        assert_eq!(
            &risky[4], "'=HYPERLINK(\"x\")",
            "[{db}] a formula is shown, not run"
        );
        assert_eq!(&risky[11], "'+1 555 0100", "[{db}]");
        assert_eq!(
            &risky[10], "'@Categorical, \"preliminary\"",
            "[{db}] quoted, escaped"
        );
        assert_eq!(&risky[6], "Interview Candidate", "[{db}]");

        let some = app::applicants::list::export::applicants_csv(
            &p.state,
            p.director,
            "status=invited_ready",
        )
        .await
        .unwrap();
        assert_eq!(some.lines().count(), 1 + 2, "[{db}] as filtered: {some}");

        // Over HTTP: coordinators of the program only, as a file.
        let cookie = app.login("coordinator@demo.test", PW).await;
        let req = http::Request::get("/export/applicants.csv?status=confirmed")
            .header("cookie", &cookie)
            .body(axum::body::Body::empty())
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        assert!(r.body.starts_with("Application ID,"), "[{db}]");
        assert!(
            !r.body.contains("export.test"),
            "[{db}] another program's rows never"
        );
    }
}

#[tokio::test]
async fn a_page_of_the_list_reads_through_the_programs_indexes() {
    let app = TestApp::new("sqlite", Config::default()).await;
    let p = app.program("Plan Program").await;
    seed(&p, 30, "plan.test").await;
    sqlx::query("ANALYZE")
        .execute(p.state.repo.pool())
        .await
        .unwrap();
    for query in ["", "status=pending", "sort=email", "q=ana"] {
        let plan = p
            .state
            .repo
            .applicant_page_plan(p.id(), &ListQuery::parse(query))
            .await
            .unwrap()
            .join(" / ");
        // An index whose first column is the program: 0012's (program, status) and (program,
        // name), or the unique (program, e-mail).
        assert!(
            plan.contains("INDEX") && plan.contains("(program_id=?"),
            "{query}: {plan}"
        );
        assert!(!plan.contains("SCAN applicants "), "{query}: {plan}");
    }
}

#[tokio::test]
async fn bulk_withdraw_and_move_go_through_the_changes_rules_one_by_one() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Move Program").await;
        let from = p.session("From day", 5, true).await;
        let to = p.session("To day", 1, true).await;
        let ana = p.invited("ana@move.test").await;
        let bo = p.invited("bo@move.test").await;
        let cy = p.invited("cy@move.test").await;
        let spare = p.session("Spare day", 5, true).await;
        p.choose(&ana.me, from, Some(spare)).await.unwrap();
        p.choose(&bo.me, from, Some(spare)).await.unwrap();

        // Two confirmed ones for a session with one seat, and one never booked: one moved,
        // one refused as the session is full, one refused by the rules.
        let form = BulkForm {
            action: "move".into(),
            ids: vec![ana.id, bo.id, cy.id],
            session: to.to_string(),
            reason: "Clinic closed".into(),
            ..BulkForm::default()
        };
        let said = bulk(&p.state, p.director, form).await.unwrap();
        assert!(said.starts_with("1 moved; 2 refused: "), "[{db}] {said}");
        assert!(said.contains("full"), "[{db}] {said}");
        assert_eq!(
            p.applicant("ana@move.test").await.session_id,
            Some(to),
            "[{db}]"
        );
        assert_eq!(
            p.applicant("bo@move.test").await.session_id,
            Some(from),
            "[{db}]"
        );

        // A session of no program of theirs, or none: refused before anyone is touched.
        let form = BulkForm {
            action: "move".into(),
            ids: vec![bo.id],
            session: "999999".into(),
            ..BulkForm::default()
        };
        let refused = bulk(&p.state, p.director, form).await.unwrap_err();
        assert!(
            refused.field_message("session").is_some(),
            "[{db}] {refused:?}"
        );

        let form = BulkForm {
            action: "withdraw".into(),
            all_matching: true,
            filter: "q=move.test".into(),
            reason: "Season closed".into(),
            ..BulkForm::default()
        };
        let said = bulk(&p.state, p.director, form).await.unwrap();
        assert_eq!(said, "3 withdrawn", "[{db}]");
        assert_eq!(p.applicant("bo@move.test").await.status, Status::Withdrawn);
        let seats = p.state.repo.session(p.id(), from).await.unwrap().unwrap();
        assert_eq!(seats.confirmed, 0, "[{db}] the seats are freed at once");
    }
}
