//! The applicant import on SQLite and PostgreSQL: a preview, then every valid row or none. Rows
//! added and updated by e-mail (whatever its case), duplicates and invalid rows left out, the
//! Invited & Ready option through the state machine, the audit row, another program's
//! applicants untouched, a newer file replacing the preview, a failure in the middle of the
//! import leaving nothing; and, over HTTP, files refused with a clear 4xx (10 MB, binary, empty,
//! unmatched columns, not multipart).

use crate::common;

use app::applicants::domain::Status;
use app::applicants::import::ssr::{self as import, ImportState, Imported};
use app::error::AppError;
use app::ids::ProgramId;
use app::server::{AppState, Config};
use common::TestApp;
use common::TestProgram;

const FILE: &str = "Email Address;First Name;Last Name;AAMC ID;Track;Medical School\r\n\
ana@x.test;Ana;Lima;111;Categorical;UCSF\r\n\
BEN@X.TEST;Ben;Okafor;222;Preliminary;\r\n\
not-an-email;Cy;Doe;;;\r\n\
ana@x.test;Ana;Again;;;\r\n\
cleo@x.test;Cleo;Park;;;\"Penn; Perelman\"\r\n";

/// An applicant's row as the import writes it.
#[derive(Debug, sqlx::FromRow)]
struct Row {
    name: String,
    first_name: String,
    last_name: String,
    application_id: Option<String>,
    track: Option<String>,
    summary: Option<String>,
    status: Status,
}

async fn row(state: &AppState, program: ProgramId, email: &str) -> Row {
    sqlx::query_as(
        "SELECT name, first_name, last_name, application_id, track, summary, status
         FROM applicants WHERE program_id = $1 AND email = $2",
    )
    .bind(program)
    .bind(email)
    .fetch_one(state.repo.pool())
    .await
    .unwrap()
}

async fn count(state: &AppState, program: ProgramId) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM applicants WHERE program_id = $1")
        .bind(program)
        .fetch_one(state.repo.pool())
        .await
        .unwrap()
        .0
}

/// The audit rows of the program with `action`: (actor, from, to, reason).
async fn audit(
    state: &AppState,
    program: ProgramId,
    action: &str,
) -> Vec<(Option<i64>, Option<String>, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT actor_user_id, from_value, to_value, reason FROM audit_log
         WHERE program_id = $1 AND action = $2 ORDER BY id",
    )
    .bind(program)
    .bind(action)
    .fetch_all(state.repo.pool())
    .await
    .unwrap()
}

/// The token of the program's file in preview.
async fn waiting(p: &TestProgram) -> import::Preview {
    match import::screen(&p.state, p.director).await.unwrap() {
        ImportState::Waiting(preview) => preview,
        _ => panic!("a file in preview"),
    }
}

#[tokio::test]
async fn a_preview_then_every_valid_row_added_or_updated_by_email() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Import Here").await;
        let other = app.program("Import Elsewhere").await;
        p.added("ben@x.test").await;
        other.added("ben@x.test").await;
        other.added("ana@x.test").await;
        let (here, elsewhere) = (p.id(), other.id());
        let before_elsewhere = count(&p.state, elsewhere).await;

        import::upload(
            &p.state,
            p.director,
            "C:\\exports\\season.csv",
            FILE.as_bytes(),
        )
        .await
        .unwrap();
        let preview = waiting(&p).await;
        assert_eq!(preview.file_name, "season.csv");
        let c = &preview.checked;
        let valid: Vec<_> = c.valid.iter().map(|r| r.email.as_str()).collect();
        assert_eq!(valid, ["ana@x.test", "ben@x.test", "cleo@x.test"]);
        assert_eq!(c.invalid.len(), 1);
        assert_eq!(c.invalid[0].line, 4);
        assert_eq!((c.duplicates[0].line, c.duplicates[0].first_line), (5, 2));
        assert!(preview.existing.contains("ben@x.test"));
        // Nothing is written by the preview.
        assert_eq!(count(&p.state, here).await, 1, "{}", app.db);

        let done = import::import(&p.state, p.director, &preview.token, true)
            .await
            .unwrap();
        assert_eq!(
            done,
            Imported {
                added: 2,
                updated: 1,
                invited: 3
            }
        );
        let ana = row(&p.state, here, "ana@x.test").await;
        assert_eq!(
            (
                ana.name.as_str(),
                ana.first_name.as_str(),
                ana.last_name.as_str()
            ),
            ("Ana Lima", "Ana", "Lima")
        );
        assert_eq!(ana.application_id.as_deref(), Some("111"));
        assert_eq!(ana.track.as_deref(), Some("Categorical"));
        assert_eq!(
            ana.summary.as_deref(),
            Some(r#"[["Medical School","UCSF"]]"#)
        );
        assert_eq!(ana.status, Status::InvitedReady);
        let cleo = row(&p.state, here, "cleo@x.test").await;
        assert_eq!(
            cleo.summary.as_deref(),
            Some(r#"[["Medical School","Penn; Perelman"]]"#)
        );
        let ben = row(&p.state, here, "ben@x.test").await;
        assert_eq!(
            (ben.name.as_str(), ben.status),
            ("Ben Okafor", Status::InvitedReady)
        );
        assert_eq!(ben.application_id.as_deref(), Some("222"));

        // Another program's applicants with the same e-mails are untouched.
        assert_eq!(count(&p.state, elsewhere).await, before_elsewhere);
        for email in ["ben@x.test", "ana@x.test"] {
            let theirs = row(&p.state, elsewhere, email).await;
            assert_eq!(
                (theirs.name.as_str(), theirs.status),
                ("Applicant Person", Status::InterviewCandidate)
            );
        }
        assert!(audit(&p.state, elsewhere, "imported").await.is_empty());

        // One audit row of the import; a status row for the applicant it moved.
        let director = Some(p.director.user_id.0);
        assert_eq!(
            audit(&p.state, here, "imported").await,
            vec![(
                director,
                None,
                Some("2 added, 1 updated, 3 invited".into()),
                Some("season.csv".into())
            )]
        );
        let moved = audit(&p.state, here, "status").await;
        assert!(moved.contains(&(
            director,
            Some("interview_candidate".into()),
            Some("invited_ready".into()),
            Some("import".into())
        )));

        // Imported once: the screen says what was done; the same preview cannot import twice.
        match import::screen(&p.state, p.director).await.unwrap() {
            ImportState::Imported { outcome, .. } => {
                assert_eq!(
                    outcome,
                    "Imported season.csv: 2 added, 1 updated; 3 marked Invited & Ready for Scheduling."
                )
            }
            _ => panic!("the import's outcome"),
        }
        let again = import::import(&p.state, p.director, &preview.token, true).await;
        assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");
        assert_eq!(count(&p.state, here).await, 3);
    }
}

#[tokio::test]
async fn without_the_option_statuses_stay_and_a_newer_file_replaces_the_preview() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Import Options").await;
        p.session("Tue", 10, true).await;
        p.invited("dora@x.test").await;
        let first = "Email,Name\ndora@x.test,Dora First\n";
        import::upload(&p.state, p.director, "one.csv", first.as_bytes())
            .await
            .unwrap();
        let old = waiting(&p).await.token;
        let second = "E-mail,Given name,Surname,Phone Number\nDORA@x.test,Dora,Vance,555\neve@x.test,Eve,Stone,\n";
        import::upload(&p.state, p.director, "two.csv", second.as_bytes())
            .await
            .unwrap();
        let new = waiting(&p).await.token;
        assert_ne!(old, new);
        let stale = import::import(&p.state, p.director, &old, false).await;
        assert!(matches!(stale, Err(AppError::NotFound(_))), "{stale:?}");

        let done = import::import(&p.state, p.director, &new, false)
            .await
            .unwrap();
        assert_eq!(
            done,
            Imported {
                added: 1,
                updated: 1,
                invited: 0
            }
        );
        let dora = row(&p.state, p.id(), "dora@x.test").await;
        assert_eq!(
            (dora.name.as_str(), dora.status),
            ("Dora Vance", Status::InvitedReady)
        );
        let eve = row(&p.state, p.id(), "eve@x.test").await;
        assert_eq!(eve.status, Status::InterviewCandidate);

        // A discarded preview is gone; discarding it again is a 404.
        import::upload(&p.state, p.director, "three.csv", first.as_bytes())
            .await
            .unwrap();
        let third = waiting(&p).await.token;
        import::discard(&p.state, p.director, &third).await.unwrap();
        assert!(matches!(
            import::discard(&p.state, p.director, &third).await,
            Err(AppError::NotFound(_))
        ));
    }
}

/// Makes the database refuse to insert the applicant `boom@x.test`, in the middle of an import.
async fn refuse_boom(app: &TestApp) {
    let pool = app.state.repo.pool();
    if app.db == "sqlite" {
        sqlx::query(
            "CREATE TRIGGER boom BEFORE INSERT ON applicants WHEN NEW.email = 'boom@x.test'
             BEGIN SELECT RAISE(ABORT, 'boom'); END",
        )
        .execute(pool)
        .await
        .unwrap();
    } else {
        sqlx::query(
            "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN
                IF NEW.email = 'boom@x.test' THEN RAISE EXCEPTION 'boom'; END IF;
                RETURN NEW;
             END $$ LANGUAGE plpgsql",
        )
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(
            "CREATE TRIGGER boom BEFORE INSERT ON applicants FOR EACH ROW EXECUTE FUNCTION boom()",
        )
        .execute(pool)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_failure_in_the_middle_of_an_import_writes_nothing() {
    for app in TestApp::each(Config::default()).await {
        let p = app.program("Import Failure").await;
        p.added("ben@x.test").await;
        refuse_boom(&app).await;
        let file = "Email,First Name,Last Name\nben@x.test,Ben,Renamed\nfay@x.test,Fay,Early\nboom@x.test,Bo,Om\nzed@x.test,Zed,Late\n";
        import::upload(&p.state, p.director, "boom.csv", file.as_bytes())
            .await
            .unwrap();
        let token = waiting(&p).await.token;
        let failed = import::import(&p.state, p.director, &token, true).await;
        assert!(failed.is_err(), "{}: {failed:?}", app.db);
        assert_eq!(count(&p.state, p.id()).await, 1, "{}", app.db);
        let ben = row(&p.state, p.id(), "ben@x.test").await;
        assert_eq!(
            (ben.name.as_str(), ben.status),
            ("Applicant Person", Status::InterviewCandidate)
        );
        assert!(audit(&p.state, p.id(), "imported").await.is_empty());
        assert!(audit(&p.state, p.id(), "status").await.is_empty());
        // The preview is still there, to import once the cause is fixed.
        assert_eq!(waiting(&p).await.token, token);
    }
}

/// Posts `file` to the upload as a coordinator's browser does (multipart), or `body` as it is.
async fn post_upload(
    app: &TestApp,
    cookie: &str,
    content_type: &str,
    body: Vec<u8>,
) -> common::Reply {
    // A browser says the length of a form it posts.
    let req = http::Request::post("/api/import-applicants-upload")
        .header("content-length", body.len())
        .header("content-type", content_type)
        .header("accept", "application/json")
        .header("cookie", cookie)
        .body(axum::body::Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn upload_file(app: &TestApp, cookie: &str, name: &str, bytes: &[u8]) -> common::Reply {
    let (kind, body) = common::access::files::multipart_body(&[], &[("file", name, bytes)]);
    post_upload(app, cookie, &kind, body).await
}

#[tokio::test]
async fn files_that_cannot_be_imported_are_refused_with_a_clear_4xx() {
    for app in TestApp::each(Config::default()).await {
        let cookie = app
            .login("coordinator@demo.test", app::seed::DEMO_PASSWORD)
            .await;
        let ten_mb = vec![b'a'; 10 * 1024 * 1024];
        let big = upload_file(&app, &cookie, "big.csv", &ten_mb).await;
        assert_eq!(big.status, 413, "{}", big.body);
        assert!(
            big.body.contains("more than the portal accepts"),
            "{}",
            big.body
        );

        for (name, bytes, said) in [
            ("empty.csv", &b""[..], "The file is empty"),
            (
                "sheet.xlsx",
                &b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"[..],
                "not a text file",
            ),
            (
                "pic.csv",
                &b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"[..],
                "not a text file",
            ),
            (
                "names.csv",
                &b"First Name,Last Name\nAna,Lima\n"[..],
                "No e-mail column",
            ),
            ("", &b""[..], "Choose the CSV file"),
        ] {
            let r = upload_file(&app, &cookie, name, bytes).await;
            assert_eq!(r.status, 422, "{name}: {}", r.body);
            assert!(r.body.contains(said), "{name}: {}", r.body);
        }
        let plain = post_upload(
            &app,
            &cookie,
            "application/x-www-form-urlencoded",
            b"file=Email%0Aa%40b.c".to_vec(),
        )
        .await;
        assert_eq!(plain.status, 400, "{}", plain.body);
        assert!(plain.body.contains("file upload"), "{}", plain.body);

        // Nothing was kept: the screen still offers the form.
        let demo = app.demo_program().await;
        assert!(matches!(
            import::screen(&demo.state, demo.director).await.unwrap(),
            ImportState::Empty
        ));

        // A good file is taken over HTTP, as the browser sends it.
        let ok = upload_file(&app, &cookie, "ok.csv", b"\xEF\xBB\xBFEmail;Nom;Last Name;First Name\r\nz\xC3\xA9@x.test;x;Z\xC3\xA9;Zo\xC3\xA9\r\n").await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        let preview = waiting(&demo).await;
        assert_eq!(preview.checked.valid[0].name, "Zoé Zé");
    }
}

/// Without script the browser posts the form itself: it is sent back to the page, with the
/// refusal in the address when there is one (the page writes it under the file's field).
#[tokio::test]
async fn without_script_the_browser_is_sent_back_to_the_page() {
    let app = TestApp::new("sqlite", Config::default()).await;
    app::seed::seed_demo(&app.state).await.unwrap();
    let cookie = app
        .login("coordinator@demo.test", app::seed::DEMO_PASSWORD)
        .await;
    for (bytes, refused) in [
        (&b"Email,Name\na@x.test,A B\n"[..], false),
        (&b""[..], true),
    ] {
        let (kind, body) =
            common::access::files::multipart_body(&[], &[("file", "plain.csv", bytes)]);
        let req = http::Request::post("/api/import-applicants-upload")
            .header("content-length", body.len())
            .header("content-type", kind)
            .header("accept", "text/html")
            .header("referer", "http://127.0.0.1:3000/applicants/import")
            .header("cookie", &cookie)
            .body(axum::body::Body::from(body))
            .unwrap();
        let res = tower::ServiceExt::oneshot(app.router.clone(), req)
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{}", res.status());
        let to = res.headers()["location"].to_str().unwrap().to_string();
        assert!(to.contains("/applicants/import"), "{to}");
        assert_eq!(to.contains("__err="), refused, "{to}");
    }
}

#[tokio::test]
async fn a_latin1_file_is_converted_and_said_so() {
    let app = TestApp::new("sqlite", Config::default()).await;
    let p = app.program("Import Latin").await;
    import::upload(
        &p.state,
        p.director,
        "excel.csv",
        b"Email;First Name;Last Name\r\njose@x.test;Jos\xe9;Mu\xf1oz\r\n",
    )
    .await
    .unwrap();
    let preview = waiting(&p).await;
    assert_eq!(preview.checked.valid[0].name, "José Muñoz");
    assert!(preview.checked.encoding.note().unwrap().contains("Latin-1"));
}
