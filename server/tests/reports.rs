//! Reports on both databases: every number of the Reports page against a count made another
//! way from the same rows (the applicant list's own filter, plain SQL, the day's TimeTrack
//! overview), the two reports that count scores agreeing, each CSV the page's table, an
//! unknown report refused with a 404 that says which there are; the rank list for the Match
//! (flags, the rank order) and the Match marks counted against ranked.

use crate::common;

use app::applicants::domain::Status;
use app::applicants::list::query::ListQuery;
use app::error::AppError;
use app::ids::SessionId;
use app::itinerary::ssr as itinerary;
use app::reports::domain::{Report, ReportKey};
use app::reports::ssr as reports;
use app::scoring::form::{CriterionInput, FormInput};
use app::scoring::ssr as scoring;
use app::scoring::types::RankView;
use app::server::Config;
use common::TestApp;
use std::collections::{BTreeMap, HashSet};

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(id)
        .fetch_one(app.state.repo.pool())
        .await
        .unwrap();
    n
}

fn number(r: &Report, row: usize, column: &str) -> i64 {
    let i = r.columns.iter().position(|c| c == column).unwrap();
    r.rows[row][i]
        .text
        .parse()
        .unwrap_or_else(|_| panic!("{column} of row {row}: {:?}", r.rows[row][i].text))
}

struct Day {
    p: common::TestProgram,
    s: SessionId,
    people: Vec<common::Invitee>,
    faculty: Vec<app::ids::UserId>,
}

/// `two_room_day` finalized, with a one-question form assigned.
async fn finalized_day(app: &TestApp) -> Day {
    let (p, s, people, faculty) = app.two_room_day("2027-03-23").await;
    let (state, staff) = (&p.state, p.director);
    let review = itinerary::review(state, staff, s).await.unwrap();
    itinerary::finalize(state, staff, s, review.draft_version)
        .await
        .unwrap();
    let one = FormInput {
        name: "Interview".into(),
        criteria: vec![CriterionInput {
            name: "Communication".into(),
            weight: "1".into(),
            ..CriterionInput::default()
        }],
        ..FormInput::default()
    };
    let form = scoring::save_form(state, staff, &one).await.unwrap();
    scoring::assign_form(state, staff, s, Some(form))
        .await
        .unwrap();
    Day {
        p,
        s,
        people,
        faculty,
    }
}

/// Submits `score` on every sheet `who` may fill for `applicant`; whether they may.
async fn score(
    d: &Day,
    who: app::auth::ssr::Staff,
    applicant: app::ids::ApplicantId,
    score: &str,
) -> bool {
    let Ok(sheet) = scoring::sheet(&d.p.state, who, d.s, applicant).await else {
        return false;
    };
    let answers: BTreeMap<String, String> = sheet
        .form
        .criteria
        .iter()
        .map(|c| (c.id.0.to_string(), score.to_string()))
        .collect();
    scoring::save_score(&d.p.state, who, d.s, applicant, &answers, "", true)
        .await
        .unwrap();
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_do_not_rank_flag_is_seen_by_coordinators_and_the_rank_order_is_ready_for_the_match() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let d = finalized_day(&app).await;
        let (state, staff) = (&d.p.state, d.p.director);
        // Everyone scored by whoever met them: Ana 5, Ben 4, Cy 3.
        let mut met_ana = None;
        let mut not_ana = None;
        for f in &d.faculty {
            let who = d.p.as_interviewer(*f);
            for (i, person) in d.people.iter().enumerate() {
                let scored = score(&d, who, person.id, &(5 - i).to_string()).await;
                if i == 0 {
                    if scored {
                        met_ana = Some(who)
                    } else {
                        not_ana = Some(who)
                    }
                }
            }
        }
        let met = met_ana.expect("someone met Ana");
        let ana = d.people[0].id;

        // A reason is needed; someone who did not meet her may not flag her.
        let empty = scoring::flag(state, met, d.s, ana, "  ").await;
        assert!(
            matches!(empty, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "reason"),
            "[{db}] {empty:?}"
        );
        let outsider = d.p.as_interviewer(d.p.interviewer("Dr. Outsider").await);
        for other in not_ana.into_iter().chain([outsider]) {
            let refused = scoring::flag(state, other, d.s, ana, "Heard things").await;
            assert!(
                matches!(refused, Err(AppError::Forbidden(_))),
                "[{db}] {refused:?}"
            );
        }
        scoring::flag(state, met, d.s, ana, "Rude to the front desk")
            .await
            .unwrap();
        assert_eq!(
            scoring::sheet(state, met, d.s, ana)
                .await
                .unwrap()
                .flag
                .as_deref(),
            Some("Rude to the front desk")
        );
        // The coordinators see it on the rank list; she stays on it, first.
        let page = scoring::ranks(state, staff, RankView::default())
            .await
            .unwrap();
        assert_eq!(
            page.lines[0].applicant, ana,
            "[{db}] the flag removes nobody"
        );
        assert_eq!(page.lines[0].flags.len(), 1, "[{db}]");
        assert!(
            page.lines[0].flags[0].ends_with(": Rude to the front desk"),
            "[{db}] {:?}",
            page.lines[0].flags
        );
        assert!(page.lines[1..].iter().all(|l| l.flags.is_empty()));

        // The rank order: Ana and Cy have NRMP ids, Ben none: he is listed apart.
        for (i, nrmp) in [(0, Some("N1000")), (1, None), (2, Some("N3000"))] {
            sqlx::query("UPDATE applicants SET nrmp_id = $1, application_id = $2 WHERE id = $3")
                .bind(nrmp)
                .bind(format!("AAMC{i}"))
                .bind(d.people[i].id)
                .execute(state.repo.pool())
                .await
                .unwrap();
        }
        let csv = scoring::rank_order_csv(state, staff, RankView::default())
            .await
            .unwrap();
        let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows.len(), 3, "[{db}] {csv}");
        assert_eq!(&rows[0][..3], ["1", "N1000", "AAMC0"], "[{db}] {csv}");
        assert!(
            rows[0][5].ends_with("Rude to the front desk"),
            "[{db}] {csv}"
        );
        assert_eq!(&rows[1][..3], ["2", "N3000", "AAMC2"], "[{db}] {csv}");
        assert_eq!(&rows[2][..3], ["", "", "AAMC1"], "[{db}] {csv}");
        assert!(
            rows[2][6].contains("No NRMP id") && rows[2][6].contains("place 2"),
            "[{db}] {csv}"
        );

        // Taken back (twice: the second does nothing); both in the audit log.
        scoring::unflag(state, met, d.s, ana).await.unwrap();
        scoring::unflag(state, met, d.s, ana).await.unwrap();
        let page = scoring::ranks(state, staff, RankView::default())
            .await
            .unwrap();
        assert!(page.lines.iter().all(|l| l.flags.is_empty()), "[{db}]");
        let (lines,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'do_not_rank' AND entity_id = $1",
        )
        .bind(ana)
        .fetch_one(state.repo.pool())
        .await
        .unwrap();
        assert_eq!(lines, 2, "[{db}]");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_number_matches_a_count_made_another_way() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        // A finalized day of three confirmed applicants, with a one-question form and one
        // submitted score; two more applicants invited who have not answered.
        let Day {
            p,
            s,
            people,
            faculty,
        } = finalized_day(&app).await;
        let state = &p.state;
        let staff = p.director;
        let overview = app::timetrack::ssr::overview(state, staff, s)
            .await
            .unwrap();
        let mut pairs: HashSet<(i64, String)> = HashSet::new();
        for c in &overview.cells {
            if let Some(a) = c.applicant {
                for n in &c.interviewers {
                    pairs.insert((a.0, n.clone()));
                }
            }
        }
        let ana = people[0].id;
        let d = Day {
            p,
            s,
            people,
            faculty,
        };
        let mut scored = false;
        for f in &d.faculty {
            if score(&d, d.p.as_interviewer(*f), ana, "4").await {
                scored = true;
                break;
            }
        }
        assert!(scored, "someone met Ana");
        let Day { p, s, .. } = d;
        let state = &p.state;
        p.invited("wren.waits@example.org").await;
        p.invited("yara.yet@example.org").await;

        let all = reports::reports(state, staff, None).await.unwrap();
        let by = |k: ReportKey| all.iter().find(|r| r.key == k).unwrap();
        let sessions = state.repo.sessions(staff.program_id).await.unwrap();

        // Sessions: seats by SQL, scores by the TimeTrack overview and the scores table.
        let r = by(ReportKey::Sessions);
        assert_eq!(r.rows.len(), sessions.len(), "[{db}]");
        for (i, row) in sessions.iter().enumerate() {
            let id = row.id.0;
            let holding = count(
                &app,
                "SELECT COUNT(*) FROM applicants WHERE session_id = $1
                 AND status IN ('confirmed', 'interviewed', 'no_show')",
                id,
            )
            .await;
            let line = count(
                &app,
                "SELECT COUNT(*) FROM waitlist_entries WHERE session_id = $1",
                id,
            )
            .await;
            let capacity = count(
                &app,
                "SELECT capacity FROM interview_sessions WHERE id = $1",
                id,
            )
            .await;
            assert_eq!(number(r, i, "Capacity"), capacity, "[{db}]");
            assert_eq!(number(r, i, "Confirmed"), holding, "[{db}] {}", row.name);
            assert_eq!(number(r, i, "Waitlisted"), line, "[{db}]");
            assert_eq!(
                number(r, i, "Seats left"),
                (capacity - holding - number(r, i, "Offers out")).max(0),
                "[{db}]"
            );
        }
        let ours = sessions.iter().position(|x| x.id == s).unwrap();
        let submitted = count(
            &app,
            "SELECT COUNT(*) FROM scores WHERE session_id = $1 AND submitted_at IS NOT NULL",
            s.0,
        )
        .await;
        assert_eq!(submitted, 1);
        let scores = &r.rows[ours][r
            .columns
            .iter()
            .position(|c| c == "Scores submitted")
            .unwrap()];
        assert_eq!(scores.text, format!("1 of {}", pairs.len()), "[{db}]");
        let day = &r.rows[ours][r.columns.iter().position(|c| c == "Interview day").unwrap()];
        assert_eq!(day.text, "Published, version 1", "[{db}]");

        // Interviewers: the same scores, counted per interviewer.
        let r = by(ReportKey::Interviewers);
        let total = |col: &str| (0..r.rows.len()).map(|i| number(r, i, col)).sum::<i64>();
        assert_eq!(total("Interviews"), pairs.len() as i64, "[{db}]");
        assert_eq!(total("Scores submitted"), 1, "[{db}]");
        assert_eq!(total("Scores missing"), pairs.len() as i64 - 1, "[{db}]");

        // Statuses: each cell is what the applicant list shows for its filter, and links there.
        let r = by(ReportKey::Statuses);
        let everyone = count(
            &app,
            "SELECT COUNT(*) FROM applicants WHERE program_id = $1",
            staff.program_id.0,
        )
        .await;
        assert_eq!(
            r.rows[0][0].text,
            format!("All applicants ({everyone})"),
            "[{db}]"
        );
        for (i, row) in r.rows.iter().enumerate() {
            let session: Option<SessionId> = (i > 0).then(|| sessions[i - 1].id);
            for (j, column) in r.columns.iter().enumerate().skip(1) {
                let status = Status::ALL.iter().find(|s| s.label() == column).copied();
                let query = ListQuery {
                    status,
                    session,
                    ..ListQuery::default()
                }
                .filter_query();
                let listed = app::applicants::list::ssr::list_page(state, staff, &query)
                    .await
                    .unwrap()
                    .matching;
                assert_eq!(
                    row[j].text,
                    listed.to_string(),
                    "[{db}] {column} in row {i}"
                );
                if listed > 0 {
                    assert_eq!(row[j].link, Some(format!("/applicants?{query}")), "[{db}]");
                }
            }
        }
        assert!(number(r, 0, Status::InvitedReady.label()) >= 2, "[{db}]");
        assert!(
            number(r, ours + 1, Status::Confirmed.label()) >= 3,
            "[{db}]"
        );

        // Invitations: every invitation in one wave or another, each answered one way.
        let r = by(ReportKey::Invitations);
        let sent = count(
            &app,
            "SELECT COUNT(*) FROM applicants WHERE program_id = $1 AND invitation_sent_at IS NOT NULL",
            staff.program_id.0,
        )
        .await;
        let total = |col: &str| (0..r.rows.len()).map(|i| number(r, i, col)).sum::<i64>();
        assert_eq!(total("Sent"), sent, "[{db}]");
        for i in 0..r.rows.len() {
            assert_eq!(
                number(r, i, "Sent"),
                ["Accepted", "Declined", "Withdrew", "No answer yet"]
                    .iter()
                    .map(|c| number(r, i, c))
                    .sum::<i64>(),
                "[{db}] wave {i}"
            );
        }
        assert!(total("No answer yet") >= 2, "[{db}]");

        // Each CSV is its table, word for word.
        for report in &all {
            let (name, body) = reports::csv(state, staff, &format!("table={}", report.key.key()))
                .await
                .unwrap();
            assert_eq!(name, format!("report-{}.csv", report.key.key()));
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(body.as_bytes());
            let read: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect();
            assert_eq!(read, report.records(), "[{db}] {name}");
        }
    }
}

#[tokio::test]
async fn an_unknown_report_is_a_404_that_names_the_reports() {
    for app in TestApp::each(Config::default()).await {
        let cookie = app
            .login("coordinator@demo.test", app::seed::DEMO_PASSWORD)
            .await;
        let get = |uri: &str| {
            http::Request::builder()
                .uri(uri)
                .header("cookie", cookie.clone())
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let r = app.send(get("/export/report.csv?table=nope")).await;
        assert_eq!(r.status, 404, "[{}] {}", app.db, r.body);
        assert!(
            r.body
                .contains("sessions, statuses, invitations, fill, interviewers, match-sessions, match-interviewers"),
            "{}",
            r.body
        );
        let r = app.send(get("/export/report.csv?table=statuses")).await;
        assert_eq!(r.status, 200, "[{}] {}", app.db, r.body);
        assert!(
            r.body.starts_with("Applicants,Interview Candidate"),
            "{}",
            r.body
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matched_applicants_are_marked_by_id_and_by_hand_and_counted_against_ranked() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let d = finalized_day(&app).await;
        let (state, staff) = (&d.p.state, d.p.director);
        for f in &d.faculty {
            let who = d.p.as_interviewer(*f);
            for (i, person) in d.people.iter().enumerate() {
                score(&d, who, person.id, &(5 - i).to_string()).await;
            }
        }
        let [ana, ben, cy] = [d.people[0].id, d.people[1].id, d.people[2].id];
        // Ana has both ids (her AAMC id with leading zeros), Ben an AAMC id only, Cy an NRMP id.
        for (who, nrmp, aamc) in [
            (ana, Some("N1000"), Some("00012345")),
            (ben, None, Some("22222222")),
            (cy, Some("N3000"), None),
        ] {
            sqlx::query("UPDATE applicants SET nrmp_id = $1, application_id = $2 WHERE id = $3")
                .bind(nrmp)
                .bind(aamc)
                .bind(who)
                .execute(state.repo.pool())
                .await
                .unwrap();
        }
        let report = |k: ReportKey| reports::report(state, staff, k, None);

        // Before Match Day: everyone ranked, nobody matched, and the page says so.
        let before = report(ReportKey::MatchSessions).await.unwrap();
        assert!(before.lead.contains("Nobody is marked"), "[{db}]");
        assert_eq!(number(&before, 0, "Ranked"), 3, "[{db}]");
        assert_eq!(number(&before, 0, "Matched"), 0, "[{db}]");

        // Refused: nothing pasted, and a header naming no id column.
        let empty = scoring::mark_matched_text(state, staff, " \n ", false).await;
        assert!(
            matches!(empty, Err(AppError::Invalid { field: Some(ref f), .. }) if f == "ids"),
            "[{db}] {empty:?}"
        );
        let no_ids =
            scoring::mark_matched_text(state, staff, "Name,Email\nAna,a@x.org\n", false).await;
        assert!(
            matches!(no_ids, Err(AppError::Invalid { field: Some(ref f), ref message }) if f == "ids" && message.contains("Name, Email")),
            "[{db}] {no_ids:?}"
        );

        // The results' text: Ana by her NRMP id and again by her AAMC id without its zeros,
        // Ben by his AAMC id, an id nobody has; the name column (with a comma) is no id.
        let results = "Applicant Name,NRMP ID,AAMC ID\n\"Lee, Ana\",N1000,\n\"Lee, Ana\",,12345\n\"Bo, Ben\",,22222222\n\"Zed, Zoe\",N9999,\n";
        let said = scoring::mark_matched_text(state, staff, results, false)
            .await
            .unwrap();
        assert!(
            said.starts_with("Marked 2 applicants as matched.")
                && said.contains("Not found (1): N9999."),
            "[{db}] {said}"
        );
        let again = scoring::mark_matched_text(state, staff, results, false)
            .await
            .unwrap();
        assert!(
            again.starts_with("Marked 0 applicants as matched. 2 were marked already."),
            "[{db}] {again}"
        );
        let page = scoring::ranks(state, staff, RankView::default())
            .await
            .unwrap();
        let marked: Vec<_> = page
            .lines
            .iter()
            .filter(|l| l.matched)
            .map(|l| l.applicant)
            .collect();
        assert_eq!(marked, vec![ana, ben], "[{db}]");
        let ranks_csv = scoring::ranks_csv(state, staff, RankView::default())
            .await
            .unwrap();
        assert_eq!(
            ranks_csv.matches(",Matched").count(),
            3,
            "[{db}] the header and two rows: {ranks_csv}"
        );

        // Cy by hand, from a file; Ana's mark taken back by hand, then Cy's by pasting his id.
        let file = scoring::mark_matched_file(state, staff, "results.csv", b"N3000\r\n")
            .await
            .unwrap();
        assert!(
            file.starts_with("Marked 1 applicant as matched: "),
            "[{db}] {file}"
        );
        scoring::mark_matched(state, staff, ana, false)
            .await
            .unwrap();
        scoring::mark_matched(state, staff, ana, false)
            .await
            .unwrap();
        let back = scoring::mark_matched_text(state, staff, "n3000", true)
            .await
            .unwrap();
        assert!(
            back.starts_with("Took back the mark of 1 applicant: "),
            "[{db}] {back}"
        );
        scoring::mark_matched(state, staff, cy, true).await.unwrap();
        // Someone with no score matched too: not on the rank list, said apart.
        let late = d.p.invited("late.match@example.org").await;
        scoring::mark_matched(state, staff, late.id, true)
            .await
            .unwrap();

        // The reports against SQL: per session and per interviewer, matched of ranked.
        let program = staff.program_id.0;
        let by_session = report(ReportKey::MatchSessions).await.unwrap();
        assert!(!by_session.lead.contains("Nobody is marked"), "[{db}]");
        assert_eq!(by_session.rows[0][0].text, "All sessions");
        let ranked_sql = "SELECT COUNT(DISTINCT s.applicant_id) FROM scores s
             WHERE s.program_id = $1 AND s.submitted_at IS NOT NULL";
        let matched_sql = "SELECT COUNT(DISTINCT s.applicant_id) FROM scores s
             JOIN applicants a ON a.id = s.applicant_id
             WHERE s.program_id = $1 AND s.submitted_at IS NOT NULL AND a.matched_at IS NOT NULL";
        assert_eq!(
            number(&by_session, 0, "Ranked"),
            count(&app, ranked_sql, program).await,
            "[{db}]"
        );
        assert_eq!(
            number(&by_session, 0, "Matched"),
            count(&app, matched_sql, program).await,
            "[{db}]"
        );
        assert_eq!(number(&by_session, 0, "Matched"), 2, "[{db}] Ben and Cy");
        assert_eq!(by_session.rows[0][4].text, "67 %", "[{db}]");
        let session_row = by_session
            .rows
            .iter()
            .position(|r| r[0].text != "All sessions" && !r[2].text.is_empty())
            .unwrap();
        let in_session = |sql: &str| sql.replace("s.program_id = $1", "s.session_id = $1");
        assert_eq!(
            number(&by_session, session_row, "Ranked"),
            count(&app, &in_session(ranked_sql), d.s.0).await,
            "[{db}]"
        );
        assert_eq!(
            number(&by_session, session_row, "Matched"),
            count(&app, &in_session(matched_sql), d.s.0).await,
            "[{db}]"
        );
        let last = by_session.rows.last().unwrap();
        assert_eq!(last[0].text, "Matched, not on the rank list", "[{db}]");
        assert_eq!(last[3].text, "1", "[{db}]");

        let by_interviewer = report(ReportKey::MatchInterviewers).await.unwrap();
        let staff_names: BTreeMap<String, i64> = state
            .repo
            .staff(staff.program_id)
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.name, s.user_id.0))
            .collect();
        assert!(!by_interviewer.rows.is_empty(), "[{db}]");
        let by_whom = |sql: &str| sql.replace("s.program_id = $1", "s.interviewer_id = $1");
        for (i, row) in by_interviewer.rows.iter().enumerate() {
            let id = staff_names[&row[0].text];
            assert_eq!(
                number(&by_interviewer, i, "Ranked"),
                count(&app, &by_whom(ranked_sql), id).await,
                "[{db}] {}",
                row[0].text
            );
            assert_eq!(
                number(&by_interviewer, i, "Matched"),
                count(&app, &by_whom(matched_sql), id).await,
                "[{db}] {}",
                row[0].text
            );
        }

        // The CSVs are the tables; every mark and every taking back is in the audit log.
        for k in [ReportKey::MatchSessions, ReportKey::MatchInterviewers] {
            let (name, body) = reports::csv(state, staff, &format!("table={}", k.key()))
                .await
                .unwrap();
            assert_eq!(name, format!("report-{}.csv", k.key()));
            let shown = report(k).await.unwrap();
            assert_eq!(
                body,
                app::text::csv_text(&shown.records()).unwrap(),
                "[{db}]"
            );
        }
        let (lines,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'matched' AND program_id = $1",
        )
        .bind(program)
        .fetch_one(state.repo.pool())
        .await
        .unwrap();
        // Ana and Ben pasted, Cy from the file, Ana back, Cy back, Cy and the late one by hand.
        assert_eq!(lines, 7, "[{db}]");
    }
}
