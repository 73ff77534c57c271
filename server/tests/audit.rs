//! The audit log on screen, on SQLite and PostgreSQL: lines written with their change and
//! rolled back with it, the page's filters (person, kind, days, applicant), paging newest
//! first, the CSV export (as filtered, formula-like cells escaped), another program's lines
//! never shown, and an interviewer refused.

use crate::common;

use app::applicants::domain::Status;
use app::audit::domain::{sentence, PAGE_SIZE};
use app::audit::ssr::{csv, page, AuditPage};
use app::audit::types::AuditFilter;
use app::auth::domain::Role;
use app::auth::ssr::Staff;
use app::error::AppError;
use app::programs::domain::{AuditAction, AuditEntity};
use app::programs::repo::Audit;
use app::server::Config;
use common::{TestApp, TestProgram, PW};

/// The page as `by` sees it with `filter`.
async fn seen(p: &TestProgram, by: Staff, filter: AuditFilter) -> AuditPage {
    page(&p.state, by, &filter).await.unwrap()
}

fn lines(page: &AuditPage) -> Vec<String> {
    page.entries.iter().map(sentence).collect()
}

fn kind(k: &str) -> AuditFilter {
    AuditFilter {
        kind: k.into(),
        ..AuditFilter::default()
    }
}

#[tokio::test]
async fn a_change_and_its_line_are_written_together_or_not_at_all() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Audit Program").await;
        let s = p.session("Tue 12 Jan", 1, true).await;
        let ana = p.invited("ana@audit.test").await;
        let before = seen(&p, p.director, kind("status")).await.total;
        assert_eq!(before, 1, "[{}] marked invited: one status line", app.db);

        // Booked: the status line carries from, to and why, in the applicant's own name.
        p.choose(&ana.me, s, None).await.unwrap();
        let after = seen(&p, p.director, kind("status")).await;
        assert_eq!(after.total, 2, "[{}]", app.db);
        let newest = &after.entries[0];
        assert_eq!(newest.from.as_deref(), Some(Status::InvitedReady.as_str()));
        assert_eq!(newest.to.as_deref(), Some(Status::Confirmed.as_str()));
        assert!(newest.reason.is_some(), "[{}] why is written", app.db);
        assert!(newest.at_ms > 0);
        // Its seat in words beside it: an assignment, in the applicant's own name.
        let seat = seen(&p, p.director, kind("assigned")).await;
        assert_eq!(seat.total, 1, "[{}]", app.db);
        let said = sentence(&seat.entries[0]);
        assert!(
            said.starts_with("Applicant Person booked Tue 12 Jan ("),
            "[{}] {said}",
            app.db
        );

        // A refused change (the session is full) writes no line.
        let ben = p.invited("ben@audit.test").await;
        let all = seen(&p, p.director, AuditFilter::default()).await.total;
        let refused = p.choose(&ben.me, s, None).await.unwrap();
        assert_eq!(refused.booking, app::booking::domain::Booking::BothFull);
        assert_eq!(
            seen(&p, p.director, AuditFilter::default()).await.total,
            all
        );

        // A change rolled back takes its line with it.
        let repo = &p.state.repo;
        let mut tx = repo.begin_write().await.unwrap();
        let mut row = p.applicant("ben@audit.test").await;
        row.status = Status::Withdrawn;
        repo.update_applicant(&mut tx, &row).await.unwrap();
        let line = Audit {
            from: Some(Status::InvitedReady.as_str()),
            to: Some(Status::Withdrawn.as_str()),
            reason: Some("rolled back"),
            ..Audit::new(
                p.id(),
                Some(p.director.user_id),
                AuditEntity::Applicant,
                ben.id.0,
                AuditAction::Status,
            )
        };
        repo.audit(&mut tx, line).await.unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(
            p.applicant("ben@audit.test").await.status,
            Status::InvitedReady
        );
        let now = seen(&p, p.director, AuditFilter::default()).await;
        assert_eq!(
            now.total, all,
            "[{}] no line of a rolled-back change",
            app.db
        );
        assert!(!lines(&now).iter().any(|l| l.contains("rolled back")));
    }
}

#[tokio::test]
async fn the_filters_choose_by_person_kind_days_and_applicant() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Filter Program").await;
        let ivan = p.interviewer("Ivan Ito").await;
        let ana = p.invited("ana@filter.test").await;
        let ben = p.invited("ben@filter.test").await;
        app::scoring::ssr::exclude(&p.state, p.director, ivan, Some(ana.id), "Knows her")
            .await
            .unwrap();
        app::scoring::ssr::override_score(&p.state, p.director, ben.id, "4.5", "Committee")
            .await
            .unwrap();

        // By kind: the exclusion reads with both names.
        let x = seen(&p, p.director, kind("excluded")).await;
        assert_eq!(x.total, 1, "[{}]", app.db);
        assert_eq!(
            lines(&x)[0],
            "Dr. D left Ivan Ito's scores of Applicant Person out of the ranks: Knows her"
        );
        assert!(x
            .kinds
            .iter()
            .any(|(k, label)| k == "overridden" && label == "Overrides"));

        // By person: a second coordinator's change only.
        app::programs::staff::ssr::add_staff(
            &p.state,
            p.director,
            "Cora Coord",
            "cora@filter.test",
            Role::Coordinator,
        )
        .await
        .unwrap();
        let cora =
            TestProgram::acting(&p.state, p.id(), "cora@filter.test", Role::Coordinator).await;
        let cal = p.added("cal@filter.test").await;
        app::applicants::ssr::mark_invited(&p.state, cora.director, cal)
            .await
            .unwrap();
        let by_cora = seen(
            &p,
            p.director,
            AuditFilter {
                person: cora.director.user_id.to_string(),
                ..AuditFilter::default()
            },
        )
        .await;
        assert_eq!(by_cora.total, 1, "[{}] {:?}", app.db, lines(&by_cora));
        assert!(
            lines(&by_cora)[0]
                .starts_with("Cora Coord changed Applicant Person from Interview Candidate to"),
            "{:?}",
            lines(&by_cora)
        );
        assert!(by_cora.people.iter().any(|(_, n)| n == "Cora Coord"));

        // By days, in the program's zone: long ago none, from then on all.
        let all = seen(&p, p.director, AuditFilter::default()).await.total;
        let days = |from: &str, to: &str| AuditFilter {
            from: from.into(),
            to: to.into(),
            ..AuditFilter::default()
        };
        assert_eq!(
            seen(&p, p.director, days("2000-01-01", "2000-12-31"))
                .await
                .total,
            0
        );
        assert_eq!(
            seen(&p, p.director, days("2000-01-01", "")).await.total,
            all
        );
        assert_eq!(seen(&p, p.director, days("2999-01-01", "")).await.total, 0);
        let bad = page(&p.state, p.director, &days("12/01/2026", "")).await;
        assert!(matches!(bad, Err(AppError::Invalid { .. })), "[{}]", app.db);

        // By applicant: its own lines and the exclusion that names it, in time order.
        let history = app::audit::ssr::applicant_history(&p.state, p.director, ana.id)
            .await
            .unwrap()
            .0;
        let said: Vec<String> = history.iter().map(sentence).collect();
        assert_eq!(said.len(), 2, "[{}] {said:?}", app.db);
        assert!(
            said[0].contains("left Ivan Ito's scores"),
            "newest first: {said:?}"
        );
        assert!(
            said[1].starts_with("Dr. D changed Applicant Person from Interview Candidate"),
            "{said:?}"
        );
        assert!(history.windows(2).all(|w| w[0].at_ms >= w[1].at_ms));
        assert!(
            !said.iter().any(|l| l.contains("final score")),
            "Ben's line is not Ana's"
        );
    }
}

#[tokio::test]
async fn pages_of_fifty_newest_first() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Paging Program").await;
        let a = p.added("many@paging.test").await;
        let repo = &p.state.repo;
        let mut tx = repo.begin_write().await.unwrap();
        for i in 0..120 {
            let reason = format!("change {i:03}");
            let line = Audit {
                reason: Some(&reason),
                ..Audit::new(
                    p.id(),
                    Some(p.director.user_id),
                    AuditEntity::Applicant,
                    a.0,
                    AuditAction::Saved,
                )
            };
            repo.audit(&mut tx, line).await.unwrap();
        }
        tx.commit().await.unwrap();
        let on = |page: i64| AuditFilter {
            kind: "saved".into(),
            page: page.to_string(),
            ..AuditFilter::default()
        };
        let first = seen(&p, p.director, on(1)).await;
        assert_eq!(first.total, 120, "[{}]", app.db);
        assert_eq!(first.entries.len() as i64, PAGE_SIZE);
        assert!(
            lines(&first)[0].ends_with("change 119"),
            "{:?}",
            lines(&first)[0]
        );
        let third = seen(&p, p.director, on(3)).await;
        assert_eq!(third.entries.len(), 20, "[{}]", app.db);
        assert!(lines(&third)[19].ends_with("change 000"));
        // Written as a server function writes it: under a reactive owner (a page's fields hold
        // signals, which live in the owner's arena).
        let second = seen(&p, p.director, on(2)).await;
        let html = leptos::prelude::Owner::new()
            .with(|| app::audit::pages::audit_html(&on(2), Some(&second), None));
        assert!(html.contains("page 2 of 3"), "{html}");
        assert!(
            html.contains("href=\"/audit?kind=saved&amp;page=3\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"/audit?kind=saved\""),
            "the newer page: {html}"
        );
    }
}

#[tokio::test]
async fn the_export_is_as_filtered_with_formula_cells_escaped() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Export Program").await;
        let ana = p.invited("ana@export.test").await;
        app::scoring::ssr::override_score(&p.state, p.director, ana.id, "4", "=HYPERLINK(\"x\")")
            .await
            .unwrap();
        app::scoring::ssr::override_score(&p.state, p.director, ana.id, "", "@SUM(1)")
            .await
            .unwrap();
        let text = csv(&p.state, p.director, &kind("overridden"))
            .await
            .unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let head: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(
            head,
            [
                "When",
                "Who",
                "Kind",
                "About",
                "From",
                "To",
                "Why",
                "What happened"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "[{}] only the filtered kind: {text}", app.db);
        assert_eq!(
            &rows[0][6], "'@SUM(1)",
            "[{}] newest first, escaped",
            app.db
        );
        assert_eq!(&rows[1][6], "'=HYPERLINK(\"x\")");
        assert_eq!(&rows[1][2], "Overrides");
        assert!(rows[1][0].contains(' '), "a time in the program's zone");
    }
}

#[tokio::test]
async fn another_programs_lines_never_show_and_an_interviewer_is_refused() {
    for app in TestApp::each(Config::default()).await {
        let alpha = app.program("Alpha Audit").await;
        let beta = app.program("Beta Audit").await;
        let secret = alpha.invited("secret@alpha-audit.test").await;
        let b = seen(&beta, beta.director, AuditFilter::default()).await;
        assert!(
            b.entries
                .iter()
                .all(|e| e.subject.as_deref() != Some("Applicant Person")),
            "[{}] {:?}",
            app.db,
            lines(&b)
        );
        let narrowed = page(
            &beta.state,
            beta.director,
            &AuditFilter {
                applicant: secret.id.to_string(),
                ..AuditFilter::default()
            },
        )
        .await;
        assert!(
            matches!(narrowed, Err(AppError::NotFound(_))),
            "[{}]",
            app.db
        );
        let text = csv(&beta.state, beta.director, &AuditFilter::default())
            .await
            .unwrap();
        assert!(!text.contains("Applicant Person"), "[{}] {text}", app.db);

        // Over HTTP: the demo's coordinator sees the page and the file; an interviewer neither.
        let coordinator = app.login("coordinator@demo.test", PW).await;
        let interviewer = app.login("interviewer1@demo.test", PW).await;
        let r = app
            .call(
                "audit-page",
                &[("kind", "status")],
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{}] {}", app.db, r.body);
        let r = app.call("audit-page", &[], Some(&interviewer), None).await;
        assert_eq!(r.status, 403, "[{}] {}", app.db, r.body);
        for (cookie, status) in [(&coordinator, 200), (&interviewer, 403)] {
            let req = http::Request::get("/export/audit.csv?kind=status")
                .header("cookie", cookie.as_str())
                .body(axum::body::Body::empty())
                .unwrap();
            let r = app.send(req).await;
            assert_eq!(r.status, status, "[{}] {}", app.db, r.body);
        }
        assert_ne!(app.call("audit-page", &[], None, None).await.status, 200);
    }
}
