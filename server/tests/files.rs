//! Application files on both databases, through the router as a browser and a script send
//! them: one PDF uploaded and replaced, a ZIP previewed and attached, a ZIP bomb, a file that
//! claims to be a PDF and one too big refused with a clear 4xx, who may open a file (the
//! applicant's interviewer on the published day, the program's coordinators; nobody else), and
//! the file gone with the applicant.

use crate::common;

use app::applicants::files::ssr as files;
use app::auth::domain::Role;
use app::auth::ssr::Staff;
use app::error::AppError;
use app::server::Config;
use axum::body::Body;
use common::access::files::{multipart_body, pdf, zip_of};
use common::access::CallerKind::{self, *};
use common::world::World;
use common::{Reply, TestApp};
use http_body_util::BodyExt;
use tower::ServiceExt;

const DBS: [&str; 2] = ["sqlite", "postgres"];

/// Posts a multipart form as `who`; `html` sends it as a browser's form does.
async fn upload(
    w: &World,
    who: CallerKind,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
    html: bool,
) -> (Reply, Option<String>) {
    let (kind, body) = multipart_body(fields, files);
    let mut req = http::Request::post(path)
        .header("content-type", kind)
        .header(
            "accept",
            if html {
                "text/html"
            } else {
                "application/json"
            },
        )
        .header("referer", "http://127.0.0.1:3000/applicants/files?read=1");
    if let Some(c) = w.cookie(who) {
        req = req.header("cookie", c);
    }
    let res = w
        .app
        .router
        .clone()
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_string);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let reply = Reply {
        status,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        cookie: None,
    };
    (reply, location)
}

/// Downloads carl's file as `who`: the status, the headers asked about, the body.
async fn download(w: &World, who: CallerKind) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut req = http::Request::get(format!("/files/application/{}", w.confirmed));
    if let Some(c) = w.cookie(who) {
        req = req.header("cookie", c);
    }
    let res = w
        .app
        .router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = [
        "content-type",
        "content-disposition",
        "x-content-type-options",
        "cache-control",
    ]
    .iter()
    .map(|h| {
        let v = res
            .headers()
            .get(*h)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        (h.to_string(), v.to_string())
    })
    .collect();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes.to_vec())
}

async fn uploads_in_audit(w: &World) -> Vec<(Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT to_value, reason FROM audit_log WHERE action = 'file_uploaded' AND entity_id = $1 ORDER BY id",
    )
    .bind(w.confirmed)
    .fetch_all(w.app.state.repo.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn a_coordinator_uploads_and_replaces_and_the_interviewer_opens_it() {
    for db in DBS {
        let w = World::new(db).await;
        let first = pdf("carl, first version");
        let id = w.confirmed.to_string();
        let (r, _) = upload(
            &w,
            Coordinator,
            "/files/application",
            &[("applicant_id", &id)],
            &[("file", "desktop/Carl <Lee>;.pdf", &first)],
            false,
        )
        .await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        let (status, headers, body) = download(&w, Coordinator).await;
        assert_eq!(status, 200, "[{db}]");
        assert_eq!(body, first, "[{db}] the file as uploaded");
        assert_eq!(
            headers,
            vec![
                ("content-type".into(), "application/pdf".into()),
                (
                    "content-disposition".into(),
                    "attachment; filename=\"Carl _Lee__.pdf\"".into()
                ),
                ("x-content-type-options".into(), "nosniff".into()),
                ("cache-control".into(), "private, no-store".into()),
            ],
            "[{db}] a download, its name sanitised"
        );

        // Replaced by e-mail, as a browser posts it: back to the page, saying so.
        let second = pdf("carl, second version");
        let (r, location) = upload(
            &w,
            Coordinator,
            "/files/application",
            &[("applicant", " CARL@alpha.test ")],
            &[("file", "carl.pdf", &second)],
            true,
        )
        .await;
        assert_eq!(r.status, 303, "[{db}] {}", r.body);
        assert_eq!(
            location.as_deref(),
            Some("/applicants/files?uploaded=Applicant+Person"),
            "[{db}]"
        );
        assert_eq!(download(&w, Interviewer).await.2, second, "[{db}] replaced");
        // Each upload has its audit row (the world's own file was put in directly).
        let audit = uploads_in_audit(&w).await;
        assert_eq!(
            audit,
            vec![
                (Some("Carl _Lee__.pdf".into()), None),
                (Some("carl.pdf".into()), None)
            ],
            "[{db}]"
        );

        // Who may open it: the program's coordinators and ivan, who interviews carl.
        for (who, status) in [
            (Interviewer, 200),
            (Coordinator, 200),
            (Manager, 200),
            (Director, 200),
            (DirectorAsInterviewer, 403),
            (ManagerAsInterviewer, 403),
            (StaffInOtherProgram, 404),
            (CoordinatorElsewhere, 404),
            (ApplicantHere, 403),
            (ApplicantNotInvited, 403),
            (Anonymous, 401),
        ] {
            let (got, _, body) = download(&w, who).await;
            assert_eq!(got, status, "[{db}] {who:?}");
            if status != 200 {
                assert!(!body.starts_with(b"%PDF"), "[{db}] {who:?} got the file");
            }
        }

        // Before a day is out nobody is anyone's interviewer yet: ivan is refused (scoring's
        // own fallback would let any interviewer of the session in), coordinators are not.
        sqlx::query("UPDATE session_days SET published_version = NULL")
            .execute(w.app.state.repo.pool())
            .await
            .unwrap();
        assert_eq!(download(&w, Interviewer).await.0, 403, "[{db}] no day out");
        assert_eq!(download(&w, Coordinator).await.0, 200, "[{db}] no day out");
    }
}

/// A coordinator's upload of `content` for carl, as a script sends it.
async fn upload_for_carl(w: &World, name: &str, content: &[u8]) -> Reply {
    let id = w.confirmed.to_string();
    let fields = [("applicant_id", id.as_str())];
    let files = [("file", name, content)];
    upload(w, Coordinator, "/files/application", &fields, &files, false)
        .await
        .0
}

#[tokio::test]
async fn what_is_not_a_pdf_or_too_big_is_refused_with_a_clear_4xx() {
    for db in DBS {
        let w = World::new(db).await;
        let page = b"<html><script>alert(1)</script></html>".to_vec();
        let r = upload_for_carl(&w, "application.pdf", &page).await;
        assert_eq!(r.status, 422, "[{db}] {}", r.body);
        assert!(r.body.contains("not a PDF"), "[{db}] {}", r.body);

        // Just over the limit: the route says both sizes.
        let mut big = pdf("big");
        big.resize(10 * 1024 * 1024 + 1000, b' ');
        let r = upload_for_carl(&w, "big.pdf", &big).await;
        assert_eq!(r.status, 413, "[{db}] {}", r.body);
        assert!(r.body.contains("the limit is 10 MB"), "[{db}] {}", r.body);
        // Far over: refused before it is read.
        big.resize(12 * 1024 * 1024, b' ');
        let r = upload_for_carl(&w, "big.pdf", &big).await;
        assert_eq!(r.status, 413, "[{db}] {}", r.body);

        // A browser is sent back with the refusal for its field.
        let (r, location) = upload(
            &w,
            Coordinator,
            "/files/application",
            &[("applicant", "nobody@alpha.test")],
            &[("file", "x.pdf", &pdf("x"))],
            true,
        )
        .await;
        assert_eq!(r.status, 303, "[{db}]");
        let location = location.unwrap();
        assert!(
            location.starts_with("/applicants/files?__path=%2Ffiles%2Fapplication&__err="),
            "[{db}] {location}"
        );
        // Nothing changed: carl's file is the world's.
        assert_eq!(download(&w, Coordinator).await.2, pdf("carl's application"));
    }
}

#[tokio::test]
async fn a_zip_is_previewed_then_attached_in_one_go() {
    for db in DBS {
        let w = World::new(db).await;
        let repo = &w.app.state.repo;
        // Eve gets an application id to be matched by.
        sqlx::query("UPDATE applicants SET application_id = '2027000042' WHERE id = $1")
            .bind(w.ready)
            .execute(repo.pool())
            .await
            .unwrap();
        let (carl, eve) = (pdf("carl from the zip"), pdf("eve from the zip"));
        let zip = zip_of(&[
            ("2027/carl@alpha.test.pdf", &carl),
            ("2027/2027000042.pdf", &eve),
            ("2027/CARL@alpha.test.PDF", &pdf("carl again")),
            ("2027/nobody@alpha.test.pdf", &pdf("nobody")),
            ("2027/dora@alpha.test.pdf", b"<html>renamed page</html>"),
            ("__MACOSX/2027/._carl@alpha.test.pdf", b"resource fork"),
        ]);
        let (r, location) = upload(
            &w,
            Coordinator,
            "/files/applications",
            &[],
            &[("zip", "applications.zip", &zip)],
            true,
        )
        .await;
        assert_eq!(r.status, 303, "[{db}] {}", r.body);
        assert_eq!(location.as_deref(), Some("/applicants/files?read=1"));
        let preview = repo.staged_preview(w.alpha).await.unwrap().unwrap();
        let matched: Vec<_> = preview
            .matched
            .iter()
            .map(|m| (m.entry.as_str(), m.applicant, m.replaces))
            .collect();
        assert_eq!(
            matched,
            vec![
                ("carl@alpha.test.pdf", w.confirmed, true),
                ("2027000042.pdf", w.ready, false)
            ],
            "[{db}]"
        );
        assert_eq!(preview.duplicates, vec!["CARL@alpha.test.PDF"], "[{db}]");
        assert_eq!(preview.unmatched, vec!["nobody@alpha.test.pdf"], "[{db}]");
        assert_eq!(preview.not_pdf, vec!["dora@alpha.test.pdf"], "[{db}]");
        // Nothing attached yet.
        assert_eq!(download(&w, Coordinator).await.2, pdf("carl's application"));

        let r = w
            .app
            .call("commit-application-files", &[], w.cookie(Coordinator), None)
            .await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        assert_eq!(download(&w, Coordinator).await.2, carl, "[{db}]");
        assert_eq!(
            repo.file_of(w.alpha, w.ready)
                .await
                .unwrap()
                .unwrap()
                .content,
            eve,
            "[{db}]"
        );
        assert!(repo.staged_preview(w.alpha).await.unwrap().is_none());
        let audit = uploads_in_audit(&w).await;
        assert_eq!(
            audit.last(),
            Some(&(Some("carl@alpha.test.pdf".into()), Some("ZIP".into()))),
            "[{db}]"
        );
        // Attached once: a second commit finds nothing waiting.
        let r = w
            .app
            .call("commit-application-files", &[], w.cookie(Coordinator), None)
            .await;
        assert_eq!(r.status, 404, "[{db}] {}", r.body);
    }
}

/// A program's director on an app whose limits are small (1,000 bytes a file, 5,000 a ZIP).
async fn small_limits(db: &'static str) -> (TestApp, Staff, app::ids::ApplicantId) {
    let config = Config {
        application_max_bytes: 1000,
        application_zip_max_bytes: 5000,
        ..Config::default()
    };
    let app = TestApp::new(db, config).await;
    let p = app.program("Small Files").await;
    let ana = p.added("ana@small.test").await;
    assert_eq!(p.director.role, Role::Director);
    (app, p.director, ana)
}

#[tokio::test]
async fn a_zip_bomb_is_refused_as_it_is_read() {
    use std::io::Write;
    for db in DBS {
        let (app, director, _) = small_limits(db).await;
        // Ten PDFs of 900 bytes each deflate to almost nothing and inflate past 5,000 bytes.
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let mut body = pdf("bomb");
        body.resize(900, 0);
        for i in 0..10 {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            w.start_file(format!("{i}.pdf"), options).unwrap();
            w.write_all(&body).unwrap();
        }
        let zip = w.finish().unwrap().into_inner();
        let refused = files::stage_zip(&app.state, director, &zip).await;
        assert!(
            matches!(&refused, Err(AppError::TooLarge(m)) if m.contains("inflates to more than")),
            "[{db}] {refused:?}"
        );
        assert_eq!(refused.unwrap_err().status_code(), 413);
        assert!(app
            .state
            .repo
            .staged_preview(director.program_id)
            .await
            .unwrap()
            .is_none());
        // Not a ZIP at all.
        let refused = files::stage_zip(&app.state, director, &pdf("not a zip")).await;
        assert_eq!(refused.unwrap_err().status_code(), 422, "[{db}]");
    }
}

#[tokio::test]
async fn a_file_too_big_or_not_a_pdf_is_refused_and_the_file_goes_with_the_applicant() {
    for db in DBS {
        let (app, director, ana) = small_limits(db).await;
        let target = || files::Target::Id(ana);
        let big = {
            let mut b = pdf("big");
            b.resize(1001, b' ');
            b
        };
        let refused = files::upload_one(&app.state, director, target(), "big.pdf", &big).await;
        assert_eq!(refused.unwrap_err().status_code(), 413, "[{db}]");
        let refused =
            files::upload_one(&app.state, director, target(), "a.pdf", b"GIF89a fake").await;
        assert_eq!(refused.unwrap_err().status_code(), 422, "[{db}]");
        files::upload_one(&app.state, director, target(), "a.pdf", &pdf("ana"))
            .await
            .unwrap();
        let count = || async {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applicant_files")
                .fetch_one(app.state.repo.pool())
                .await
                .unwrap();
            n
        };
        assert_eq!(count().await, 1, "[{db}]");
        sqlx::query("DELETE FROM applicants WHERE id = $1")
            .bind(ana)
            .execute(app.state.repo.pool())
            .await
            .unwrap();
        assert_eq!(count().await, 0, "[{db}] removed with the applicant");
    }
}

#[tokio::test]
async fn timetrack_links_the_application_of_an_applicant_with_a_file() {
    use app::itinerary::ssr as itinerary;
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s, people, _) = app.two_room_day("2027-03-16").await;
        let review = itinerary::review(&p.state, p.director, s).await.unwrap();
        itinerary::finalize(&p.state, p.director, s, review.draft_version)
            .await
            .unwrap();
        let with_file = people[0].id;
        files::upload_one(
            &p.state,
            p.director,
            files::Target::Id(with_file),
            "a.pdf",
            &pdf("a"),
        )
        .await
        .unwrap();
        let o = app::timetrack::ssr::overview(&p.state, p.director, s)
            .await
            .unwrap();
        let flags: Vec<(app::ids::ApplicantId, bool)> = o
            .cells
            .iter()
            .filter_map(|c| c.applicant.map(|a| (a, c.application)))
            .collect();
        assert!(!flags.is_empty(), "[{db}]");
        for (a, linked) in flags {
            assert_eq!(linked, a == with_file, "[{db}] {a}");
        }
    }
}
