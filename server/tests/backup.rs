//! `server backup` and `server restore` (SQLite): a backup taken while applicants book holds
//! whole bookings only, and a new server on the restored file serves what the copy held; a
//! restore refuses a database a server has open, and a file that is not a portal database.

use crate::common;

use app::applicants::domain::Status;
use app::applicants::types::ApplicantView;
use app::booking::domain::Booking;
use app::programs::domain::AuditEntity;
use app::server::Config;
use common::{TestApp, TestProgram};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn file_of(app: &TestApp) -> PathBuf {
    PathBuf::from(app.url.trim_start_matches("sqlite://"))
}

/// A new path beside the test databases.
fn new_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("interview-portal-tests");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    dir.join(format!("{name}_{}_{nanos}.db", std::process::id()))
}

/// Every booking in the database is whole: a confirmed applicant holds a seat of a session
/// they chose, with the audit line of the booking; no session holds more than its capacity.
async fn assert_whole(app: &TestApp, p: &TestProgram) -> usize {
    let applicants = app.state.repo.applicants(p.id()).await.unwrap();
    let confirmed: Vec<_> = applicants
        .iter()
        .filter(|a| a.status == Status::Confirmed)
        .collect();
    for a in &confirmed {
        let session = a.session_id.expect("a confirmed applicant has a session");
        assert!(
            a.choices().contains(&session),
            "{} booked a session they chose",
            a.email
        );
    }
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE program_id = $1 AND entity = $2 AND to_value = $3",
    )
    .bind(p.id())
    .bind(AuditEntity::Applicant.as_str())
    .bind(Status::Confirmed.as_str())
    .fetch_one(app.state.repo.pool())
    .await
    .unwrap();
    assert_eq!(
        audited as usize,
        confirmed.len(),
        "each booking has its audit line"
    );
    for s in app.state.repo.sessions(p.id()).await.unwrap() {
        let seated = confirmed
            .iter()
            .filter(|a| a.session_id == Some(s.id))
            .count();
        assert_eq!(
            s.confirmed as usize, seated,
            "{}: seats = confirmed applicants",
            s.name
        );
        assert!(
            s.confirmed <= s.capacity,
            "{} is not over its capacity",
            s.name
        );
    }
    confirmed.len()
}

/// The program's first applicant with `status`.
async fn first_with(app: &TestApp, p: &TestProgram, status: Status) -> ApplicantView {
    let all = app.state.repo.applicants(p.id()).await.unwrap();
    all.into_iter().find(|a| a.status == status).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_during_bookings_restores_into_a_server_that_serves_it() {
    let app = TestApp::new("sqlite", Config::default()).await;
    let p = app.program("Backup Program").await;
    p.self_scheduling(true).await;
    let days = [
        p.session("Day A", 15, true).await,
        p.session("Day B", 15, true).await,
    ];
    let mut people = Vec::new();
    for i in 0..60 {
        people.push(p.invited(&format!("b{i:02}@backup.test")).await);
    }

    // Four applicants at a time book, one after another, while the backup is taken.
    let done = Arc::new(AtomicUsize::new(0));
    let streams: Vec<_> = people
        .chunks(15)
        .map(|chunk| {
            let (p, chunk, done) = (p.clone(), chunk.to_vec(), done.clone());
            tokio::spawn(async move {
                for (i, who) in chunk.iter().enumerate() {
                    let (first, second) = (days[i % 2], days[(i + 1) % 2]);
                    let outcome = p.choose(&who.me, first, Some(second)).await.unwrap();
                    assert!(matches!(
                        outcome.booking,
                        Booking::Confirmed { .. } | Booking::BothFull
                    ));
                    done.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(15)).await;
                }
            })
        })
        .collect();
    while done.load(Ordering::SeqCst) < 10 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let backup = new_path("backup");
    let before = done.load(Ordering::SeqCst);
    let copy = server::backup::backup(&app.url, &backup).await.unwrap();
    let after = done.load(Ordering::SeqCst);
    for s in streams {
        s.await.unwrap();
    }
    assert!(
        before >= 10 && after < 60,
        "the backup ran while bookings went on ({before} done before it, {after} after)"
    );
    assert_eq!(copy.applicants, 60);
    assert_eq!(
        assert_whole(&app, &p).await,
        30,
        "the stream filled both days"
    );
    assert!(
        server::backup::backup(&app.url, &backup).await.is_err(),
        "a backup never overwrites a file"
    );

    // While the server has its database open, a restore is refused and nothing moves.
    let target = file_of(&app);
    let refused = server::backup::restore(&app.url, &backup)
        .await
        .unwrap_err();
    assert!(format!("{refused:#}").contains("is in use"), "{refused:#}");
    assert!(target.exists());
    app.state.repo.pool().close().await;

    // Stopped: the backup goes back, the replaced file is kept beside it.
    let restored = server::backup::restore(&app.url, &backup).await.unwrap();
    let kept = restored.kept.expect("the replaced database is kept");
    assert_eq!(
        kept,
        PathBuf::from(format!("{}.before-restore", target.display()))
    );
    assert!(kept.exists());
    let server = TestApp::open("sqlite", app.url.clone(), Config::default()).await;
    let in_copy = assert_whole(&server, &p).await;
    assert!(
        (10..=30).contains(&in_copy),
        "the copy holds the bookings made before it ({in_copy})"
    );
    let of_backup = TestApp::open(
        "sqlite",
        format!("sqlite://{}", backup.display()),
        Config::default(),
    )
    .await;
    assert_eq!(
        server.digest().await,
        of_backup.digest().await,
        "the restored server holds exactly what the copy held"
    );

    // It serves them: a booked applicant signs up and sees the program; another one books.
    let booked = first_with(&server, &p, Status::Confirmed).await;
    let cookie = server.sign_up(&booked.email).await;
    let mine = server.call("my-programs", &[], Some(&cookie), None).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert!(mine.body.contains("Backup Program"), "{}", mine.body);
    let waiting = first_with(&server, &p, Status::InvitedReady).await;
    let p = TestProgram {
        state: server.state.clone(),
        ..p
    };
    let outcome = p
        .choose(
            &common::as_applicant(&waiting.email),
            days[0],
            Some(days[1]),
        )
        .await
        .unwrap();
    assert!(matches!(outcome.booking, Booking::Confirmed { .. }));
    of_backup.state.repo.pool().close().await;
    for f in [&backup, &kept] {
        for side in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", f.display()));
        }
    }
}

#[tokio::test]
async fn restore_refuses_what_is_not_a_portal_database_and_postgres_names_pg_dump() {
    let app = TestApp::new("sqlite", Config::default()).await;
    app.state.repo.pool().close().await;
    let text = new_path("not-sqlite");
    std::fs::write(&text, "hello, this is no database").unwrap();
    let empty = new_path("other-sqlite");
    let other = format!("sqlite://{}?mode=rwc", empty.display());
    sqlx::query("CREATE TABLE notes (body TEXT)")
        .execute(
            &mut <sqlx::SqliteConnection as sqlx::Connection>::connect(&other)
                .await
                .unwrap(),
        )
        .await
        .unwrap();
    for (file, says) in [
        (&text, "is not a portal database"),
        (
            &empty,
            "is not a portal database (no table _sqlx_migrations",
        ),
        (&new_path("missing"), "does not exist"),
    ] {
        let e = server::backup::restore(&app.url, file).await.unwrap_err();
        assert!(format!("{e:#}").contains(says), "{}: {e:#}", file.display());
    }
    assert!(!Path::new(&format!("{}.before-restore", file_of(&app).display())).exists());
    let e = server::backup::backup("postgres://portal@db/portal", &new_path("pg"))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("pg_dump"), "{e}");
    assert_eq!(e.to_string().lines().count(), 1, "one line: {e}");
    for f in [&text, &empty] {
        let _ = std::fs::remove_file(f);
    }
}
