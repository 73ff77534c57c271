//! Staff management on SQLite and PostgreSQL: roles changed up to one's own rank, the program's
//! last active director kept, a deactivation (login sessions and push streams ended at once,
//! the coming days' rooms given up and said first, log-in refused, audit rows) and a
//! reactivation, a new set-password link that works, the last log-in shown, another program's
//! member untouchable, and the CSV import's preview and its one transaction.

use crate::common;

use app::auth::domain::Role;
use app::auth::ssr::Staff;
use app::error::AppError;
use app::ids::UserId;
use app::programs::staff::domain::StaffStatus;
use app::programs::staff::{import, ssr};
use app::server::Config;
use common::{read_messages, session_form, token_in, TestApp, TestProgram};

const PASSWORD: &str = "a good long password";

/// Adds `email` as `role` with a password set (so they can log in); their id.
async fn member(p: &TestProgram, name: &str, email: &str, role: Role) -> UserId {
    ssr::add_staff(&p.state, p.director, name, email, role)
        .await
        .unwrap();
    let repo = &p.state.repo;
    let user = repo
        .user_by_email(repo.pool(), email)
        .await
        .unwrap()
        .unwrap();
    let hash = app::auth::ssr::hash_password(PASSWORD.into())
        .await
        .unwrap();
    let mut tx = repo.begin_write().await.unwrap();
    repo.set_password_verified(&mut tx, user.id, &hash)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    user.id
}

fn acting(p: &TestProgram, user_id: UserId, role: Role) -> Staff {
    Staff {
        user_id,
        program_id: p.id(),
        role,
    }
}

/// The membership audit rows of `user`: (action, from, to, reason), oldest first.
async fn audit_of(
    p: &TestProgram,
    user: UserId,
) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT action, from_value, to_value, reason FROM audit_log
         WHERE program_id = $1 AND entity = 'membership' AND entity_id = $2 ORDER BY id",
    )
    .bind(p.id())
    .bind(user.0)
    .fetch_all(p.state.repo.pool())
    .await
    .unwrap()
}

async fn role_of(p: &TestProgram, user: UserId) -> Role {
    let repo = &p.state.repo;
    repo.staff_member(repo.pool(), p.id(), user)
        .await
        .unwrap()
        .unwrap()
        .role
}

#[tokio::test]
async fn roles_change_up_to_ones_rank_and_the_last_director_stays() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Roles Program").await;
        let cora = member(&p, "Cora Coord", "cora@roles.test", Role::Coordinator).await;
        let ivan = member(&p, "Ivan Int", "ivan@roles.test", Role::Interviewer).await;
        let as_cora = acting(&p, cora, Role::Coordinator);

        // A coordinator: an interviewer to coordinator, not to director; a director out of reach.
        ssr::change_role(&p.state, as_cora, ivan, Role::Coordinator)
            .await
            .unwrap();
        assert_eq!(role_of(&p, ivan).await, Role::Coordinator, "[{db}]");
        let e = ssr::change_role(&p.state, as_cora, ivan, Role::Director)
            .await
            .unwrap_err();
        assert_eq!(
            e.field_message("role").as_deref(),
            Some("As coordinator you cannot make someone a program director."),
            "[{db}]"
        );
        let e = ssr::change_role(&p.state, as_cora, p.director.user_id, Role::Interviewer)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden(_)), "[{db}] {e:?}");
        assert_eq!(role_of(&p, p.director.user_id).await, Role::Director);

        // The only active director cannot step down, nor be deactivated, and is told why.
        let e = ssr::change_role(&p.state, p.director, p.director.user_id, Role::Manager)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("only active director"), "[{db}] {e}");
        let as_other_director = acting(&p, cora, Role::Director);
        let e = ssr::deactivate(&p.state, as_other_director, p.director.user_id)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("only active director"), "[{db}] {e}");
        // With a second director, the first may step down.
        ssr::change_role(&p.state, p.director, cora, Role::Director)
            .await
            .unwrap();
        ssr::change_role(&p.state, p.director, p.director.user_id, Role::Manager)
            .await
            .unwrap();
        assert_eq!(role_of(&p, p.director.user_id).await, Role::Manager);
        // And now Cora is the last one.
        let as_cora = acting(&p, cora, Role::Director);
        let e = ssr::change_role(&p.state, as_cora, cora, Role::Coordinator)
            .await
            .unwrap_err();
        assert!(e
            .to_string()
            .contains("Cora Coord is the program's only active director"));

        let rows = audit_of(&p, ivan).await;
        assert_eq!(
            rows.last().unwrap(),
            &(
                "role_changed".to_string(),
                Some("interviewer".into()),
                Some("coordinator".into()),
                None
            ),
            "[{db}]"
        );
        // The same role again is said, and writes nothing.
        let before = app.digest().await;
        let e = ssr::change_role(&p.state, as_cora, ivan, Role::Coordinator)
            .await
            .unwrap_err();
        assert_eq!(
            e.field_message("role").as_deref(),
            Some("Ivan Int is a coordinator already.")
        );
        assert_eq!(
            app.digest().await,
            before,
            "[{db}] a refusal writes nothing"
        );
    }
}

#[tokio::test]
async fn a_deactivation_ends_sessions_and_streams_and_gives_up_coming_rooms() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Deactivate Program").await;
        let ivan = member(&p, "Ivan Int", "ivan@deact.test", Role::Interviewer).await;
        // A day to come with Ivan in a room, and one long past with him in a room.
        let coming = p.session("Coming day", 5, true).await;
        let mut past = session_form(None, "Past day", 5, true);
        past.date = "2025-01-14".into();
        let past = p.save_session(&past).await.unwrap();
        for (s, room) in [(coming, "Room A"), (past, "Room P")] {
            let form = app::day::types::RoomForm {
                id: None,
                name: room.into(),
                location: "https://video.example.test/a".into(),
                interviewers: vec![ivan],
            };
            app::day::ssr::save_room(&p.state, p.director, s, &form)
                .await
                .unwrap();
        }
        let cookie = app.login("ivan@deact.test", PASSWORD).await;
        let mut stream = app.open_events(&cookie).await;
        read_messages(&mut stream, 100).await;

        // The confirm step names the coming day's room only.
        let preview = ssr::deactivate_preview(&p.state, p.director, ivan)
            .await
            .unwrap();
        let said: Vec<String> = preview.seats.iter().map(|s| s.said()).collect();
        assert_eq!(
            said,
            vec!["Tue 12 Jan 2027 · Coming day · Room A"],
            "[{db}]"
        );

        let answer = ssr::deactivate(&p.state, p.director, ivan).await.unwrap();
        assert_eq!(
            answer, "Ivan Int was deactivated and taken off Tue 12 Jan 2027 · Coming day · Room A.",
            "[{db}]"
        );
        // The open tab is told at once, and its stream ends.
        let got = read_messages(&mut stream, 1500).await;
        assert!(got.iter().any(|m| m.logged_out), "[{db}] {got:?}");
        // The login session is gone: the next call is refused.
        let me = app.call("staff-page", &[], Some(&cookie), None).await;
        assert_eq!(me.status, 401, "[{db}] {}", me.body);
        // Taken off the coming room, kept in the past one.
        let seats: Vec<(String,)> = sqlx::query_as(
            "SELECT r.name FROM room_interviewers ri JOIN rooms r ON r.id = ri.room_id
             WHERE ri.user_id = $1 ORDER BY r.name",
        )
        .bind(ivan)
        .fetch_all(app.state.repo.pool())
        .await
        .unwrap();
        assert_eq!(seats, vec![("Room P".to_string(),)], "[{db}]");
        // Log-in refused, with why.
        let r = app
            .call(
                "login",
                &[("email", "ivan@deact.test"), ("password", PASSWORD)],
                None,
                None,
            )
            .await;
        assert_eq!(r.status, 403, "[{db}] {}", r.body);
        assert!(r.body.contains("deactivated"), "[{db}] {}", r.body);
        let list = ssr::list_staff(&p.state, p.director).await.unwrap();
        let row = list.iter().find(|m| m.user_id == ivan).unwrap();
        assert_eq!(row.status, StaffStatus::Deactivated);
        assert!(row.last_login_at.is_some(), "[{db}] the log-in was noted");
        // Twice: said.
        let e = ssr::deactivate(&p.state, p.director, ivan)
            .await
            .unwrap_err();
        assert_eq!(e.to_string(), "Ivan Int is deactivated already.");

        // Reactivated: log-in works again; the room is not given back.
        ssr::reactivate(&p.state, p.director, ivan).await.unwrap();
        app.login("ivan@deact.test", PASSWORD).await;
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM room_interviewers WHERE user_id = $1")
            .bind(ivan)
            .fetch_one(app.state.repo.pool())
            .await
            .unwrap();
        assert_eq!(n.0, 1, "[{db}] only the past room");
        let actions: Vec<String> = audit_of(&p, ivan).await.into_iter().map(|r| r.0).collect();
        assert_eq!(actions, ["added", "deactivated", "reactivated"], "[{db}]");
        let reason = audit_of(&p, ivan).await[1].3.clone().unwrap();
        assert_eq!(reason, "taken off Tue 12 Jan 2027 · Coming day · Room A");
        // Nobody deactivates themselves.
        let e = ssr::deactivate(&p.state, p.director, p.director.user_id)
            .await
            .unwrap_err();
        assert!(e.to_string().starts_with("You cannot deactivate yourself"));
    }
}

#[tokio::test]
async fn another_programs_member_is_untouchable() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let a = app.program("Alpha Staff").await;
        let b = app.program("Beta Staff").await;
        let bea = member(&b, "Bea Beta", "bea@beta-staff.test", Role::Interviewer).await;
        let before = app.digest().await;
        let not_found = |r: Result<(), AppError>| matches!(r, Err(AppError::NotFound(_)));
        assert!(not_found(
            ssr::change_role(&a.state, a.director, bea, Role::Coordinator).await
        ));
        assert!(not_found(
            ssr::deactivate(&a.state, a.director, bea).await.map(|_| ())
        ));
        assert!(not_found(ssr::reactivate(&a.state, a.director, bea).await));
        assert!(not_found(
            ssr::send_password_link(&a.state, a.director, bea).await
        ));
        assert!(not_found(
            ssr::deactivate_preview(&a.state, a.director, bea)
                .await
                .map(|_| ())
        ));
        assert_eq!(app.digest().await, before, "[{db}] nothing written");
    }
}

#[tokio::test]
async fn a_new_set_password_link_is_mailed_and_works() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Links Program").await;
        ssr::add_staff(
            &p.state,
            p.director,
            "Nia New",
            "nia@links.test",
            Role::Interviewer,
        )
        .await
        .unwrap();
        let list = ssr::list_staff(&p.state, p.director).await.unwrap();
        let nia = list.iter().find(|m| m.email == "nia@links.test").unwrap();
        assert_eq!(nia.status, StaffStatus::Invited, "[{db}]");
        assert_eq!(nia.last_login_at, None);
        ssr::send_password_link(&p.state, p.director, nia.user_id)
            .await
            .unwrap();
        let mail = app.last_email("nia@links.test").await.unwrap();
        assert!(
            mail.contains("as an interviewer of Links Program") && mail.contains("7 days"),
            "[{db}] {mail}"
        );
        let token = token_in(&mail);
        let r = app
            .call(
                "set-password",
                &[
                    ("token", &token),
                    ("password", PASSWORD),
                    ("confirm", PASSWORD),
                ],
                None,
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{db}] {}", r.body);
        let list = ssr::list_staff(&p.state, p.director).await.unwrap();
        let nia = list.iter().find(|m| m.email == "nia@links.test").unwrap();
        assert_eq!(nia.status, StaffStatus::Active, "[{db}]");
        let actions: Vec<String> = audit_of(&p, nia.user_id)
            .await
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(actions, ["added", "password_link_sent"]);
    }
}

#[tokio::test]
async fn a_staff_import_is_previewed_then_written_in_one_go() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let p = app.program("Import Staff").await;
        member(&p, "Old Hand", "old@import-staff.test", Role::Interviewer).await;
        let as_coordinator = Staff {
            role: Role::Coordinator,
            ..p.director
        };
        // Semicolons and Latin-1 (é as one byte), as Excel writes them.
        let mut file =
            b"Name;Email;Role\r\nDr. Ren\xe9 Roy;rene@import-staff.test;Interviewer\r\n".to_vec();
        file.extend_from_slice(b"Old Hand;OLD@import-staff.test;interviewer\r\n");
        file.extend_from_slice(b"No Mail;not-an-email;coordinator\r\n");
        file.extend_from_slice(b"Big Boss;boss@import-staff.test;Director\r\n");
        file.extend_from_slice(b"Cam Coord;cam@import-staff.test;Coordinator\r\n");
        import::upload(&p.state, as_coordinator, "staff.csv", &file)
            .await
            .unwrap();
        let import::StaffImportState::Waiting(preview) =
            import::screen(&p.state, as_coordinator).await.unwrap()
        else {
            panic!("[{db}] a preview waits");
        };
        let (add, already) =
            app::programs::staff::csv::split_members(&preview.file, &preview.members);
        let added: Vec<&str> = add.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(added, ["Dr. René Roy", "Cam Coord"], "[{db}]");
        assert_eq!(already.len(), 1);
        let lines: Vec<u64> = preview.file.invalid.iter().map(|i| i.0).collect();
        assert_eq!(lines, [4, 5], "[{db}] {:?}", preview.file.invalid);
        assert!(preview.file.invalid[1]
            .1
            .contains("cannot add a program director"));

        // A wrong token is refused and writes nothing.
        let before = app.digest().await;
        let e = import::import(&p.state, as_coordinator, "0000")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound(_)), "[{db}] {e:?}");
        assert_eq!(app.digest().await, before);

        // All or nothing: the second row's membership fails (a trigger of the test), so the
        // first row's person, membership, audit row and e-mail go too.
        let pool = app.state.repo.pool();
        let fail = match db {
            "sqlite" => vec![
                "CREATE TRIGGER fail_cam BEFORE INSERT ON memberships
                 WHEN NEW.user_id IN (SELECT id FROM users WHERE email = 'cam@import-staff.test')
                 BEGIN SELECT RAISE(ABORT, 'no'); END",
            ],
            _ => vec![
                "CREATE FUNCTION fail_cam() RETURNS trigger AS $$ BEGIN
                   IF NEW.user_id IN (SELECT id FROM users WHERE email = 'cam@import-staff.test')
                   THEN RAISE EXCEPTION 'no'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER fail_cam BEFORE INSERT ON memberships
                 FOR EACH ROW EXECUTE FUNCTION fail_cam()",
            ],
        };
        for sql in fail {
            sqlx::query(sql).execute(pool).await.unwrap();
        }
        let before = app.digest().await;
        assert!(import::import(&p.state, as_coordinator, &preview.token)
            .await
            .is_err());
        assert_eq!(
            app.digest().await,
            before,
            "[{db}] nothing of the import stays"
        );
        let drop = match db {
            "sqlite" => "DROP TRIGGER fail_cam",
            _ => "DROP TRIGGER fail_cam ON memberships",
        };
        sqlx::query(drop).execute(pool).await.unwrap();

        let said = import::import(&p.state, as_coordinator, &preview.token)
            .await
            .unwrap();
        assert_eq!(
            said,
            "Imported staff.csv: 2 added, 1 already members left as they were, 2 invalid rows left out.",
            "[{db}]"
        );
        let list = ssr::list_staff(&p.state, p.director).await.unwrap();
        let rene = list
            .iter()
            .find(|m| m.email == "rene@import-staff.test")
            .unwrap();
        assert_eq!(
            (rene.role, rene.status),
            (Role::Interviewer, StaffStatus::Invited)
        );
        assert!(app
            .last_email("cam@import-staff.test")
            .await
            .unwrap()
            .contains("set-password?token="));
        let actions = audit_of(&p, rene.user_id).await;
        assert_eq!(
            actions,
            vec![(
                "added".to_string(),
                None,
                Some("interviewer".into()),
                Some("imported from staff.csv".into())
            )]
        );
        // Imported once only.
        let before = app.digest().await;
        assert!(import::import(&p.state, as_coordinator, &preview.token)
            .await
            .is_err());
        assert_eq!(app.digest().await, before, "[{db}]");

        // A file that cannot be imported at all is refused under its field.
        let e = import::upload(&p.state, as_coordinator, "x.csv", b"Name,Phone\na,1\n")
            .await
            .unwrap_err();
        assert!(
            e.field_message("file")
                .unwrap()
                .contains("Email, Role not found"),
            "[{db}] {e:?}"
        );
    }
}
