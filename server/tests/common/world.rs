//! The world the authorization matrix and the bad-input tests call into: this program
//! ("Alpha") with its records, another program ("Beta"), and a logged-in session for every
//! kind of caller in `crate::common::access::CallerKind`. Built through the repository (no password is
//! hashed but the one login's, once per process), so a fresh world per written cell is cheap.

use super::TestApp;
use crate::common::access::CallerKind;
use app::applicants::domain::Status;
use app::auth::domain::{Role, TokenPurpose};
use app::db::{now_ms, Tx};
use app::ids::{
    ApplicantId, DraftVersion, ExclusionId, ProgramId, RankListId, RoomId, SessionId, TemplateId,
    UserId,
};
use app::sessions::domain::{validate_session, SessionForm};
use std::collections::HashMap;

pub const LOGIN_EMAIL: &str = "lena@alpha.test";
pub const LOGIN_PASSWORD: &str = "lena's long password";
/// The video link token of Alpha's Room A (on its published first day).
pub const ROOM_A_TOKEN: &str = "alphatoken000001";

/// The token of cat's new e-mail's link (stored hashed, as every link).
const CHANGE_EMAIL_TOKEN: &str = "c4a96e0e4a11c4a96e0e4a11c4a96e0e";

/// A program's records the valid arguments name.
pub struct World {
    pub app: TestApp,
    pub alpha: ProgramId,
    pub beta: ProgramId,
    /// Alpha's sessions: two visible ones that `pat` chose, and an empty one to delete.
    pub s1: SessionId,
    pub s2: SessionId,
    pub s3: SessionId,
    /// Alpha's applicants by state: a candidate, Invited & Ready (not sent), pending.
    pub candidate: ApplicantId,
    pub ready: ApplicantId,
    pub pending: ApplicantId,
    /// Confirmed in `s1`, whose day is planned: a room (`room`, with `ivan` in it), a break
    /// after round 2, a conflict of interest (ivan, `ready`), and a template.
    pub confirmed: ApplicantId,
    pub ivan: UserId,
    /// A deactivated interviewer of Alpha (`dee`), whom a reactivation names.
    pub dee: UserId,
    pub room: RoomId,
    pub template: TemplateId,
    /// `s1`'s draft version, and the version of its cell (round 0, `room`): the day is
    /// generated and published (version 1).
    pub draft_version: DraftVersion,
    pub cell_version: DraftVersion,
    /// A calendar subscription token (of `bob`, an applicant elsewhere whose day is not
    /// published: the feed route's row checks the route, `tests/calendar.rs` the contents).
    pub calendar_token: String,
    /// A meeting room of Alpha (every session).
    pub meeting_room: app::ids::MeetingRoomId,
    /// Alpha's scoring form, which `s1` is scored on.
    pub scoring_form: app::ids::ScoringFormId,
    /// An exclusion of `ivan`'s scores.
    pub exclusion: ExclusionId,
    /// The criterion of `scoring_form`; `ivan` submitted a sheet of `confirmed` on it.
    pub criterion: app::ids::CriterionId,
    /// An extra named rank list ("Alternates").
    pub rank_list: RankListId,
    /// Single-use links: a sign-up to confirm (zed), a staff member's set-password (newt).
    pub verify_token: String,
    pub set_password_token: String,
    /// Ids of the other program's records (a session, an applicant, the program).
    pub elsewhere: Vec<i64>,
    /// What only Alpha's people may see: its session names and applicant e-mails.
    pub secrets: Vec<String>,
    cookies: HashMap<CallerKind, String>,
    emails: HashMap<CallerKind, String>,
}

impl World {
    pub async fn new(db: &'static str) -> World {
        // With the test flag, so the route that moves the clock exists (and has its row).
        let config = app::server::Config {
            test_clock: true,
            ..app::server::Config::default()
        };
        let app = TestApp::new(db, config).await;
        let repo = app.state.repo.clone();
        let mut tx = repo.begin_write().await.unwrap();
        let alpha = repo
            .create_program(&mut tx, "Alpha Program", "America/New_York")
            .await
            .unwrap();
        let beta = repo
            .create_program(&mut tx, "Beta Program", "America/Chicago")
            .await
            .unwrap();
        let s1 = session(&mut tx, &app, alpha, "Alpha first day").await;
        let s2 = session(&mut tx, &app, alpha, "Alpha second day").await;
        let s3 = session(&mut tx, &app, alpha, "Alpha spare day").await;
        let beta_day = session(&mut tx, &app, beta, "Beta day").await;

        let mut w = World {
            app: app.clone(),
            alpha,
            beta,
            s1,
            s2,
            s3,
            candidate: ApplicantId(0),
            ready: ApplicantId(0),
            pending: ApplicantId(0),
            confirmed: ApplicantId(0),
            ivan: UserId(0),
            dee: UserId(0),
            room: RoomId(0),
            template: TemplateId(0),
            draft_version: DraftVersion(0),
            cell_version: DraftVersion(0),
            calendar_token: String::new(),
            meeting_room: app::ids::MeetingRoomId(0),
            scoring_form: app::ids::ScoringFormId(0),
            exclusion: ExclusionId(0),
            criterion: app::ids::CriterionId(0),
            rank_list: RankListId(0),
            verify_token: String::new(),
            set_password_token: String::new(),
            secrets: vec![
                "Alpha first day".into(),
                "Alpha second day".into(),
                "Alpha spare day".into(),
            ],
            cookies: HashMap::new(),
            emails: HashMap::new(),
            elsewhere: vec![beta.0],
        };
        // Applicants: (program, e-mail, status, invitation sent, choices).
        let none = (None, None);
        w.applicant(
            &mut tx,
            alpha,
            "ana@alpha.test",
            Status::InvitedReady,
            true,
            none,
        )
        .await;
        w.applicant(
            &mut tx,
            alpha,
            "cat@alpha.test",
            Status::InterviewCandidate,
            false,
            none,
        )
        .await;
        w.candidate = w
            .applicant(
                &mut tx,
                alpha,
                "dora@alpha.test",
                Status::InterviewCandidate,
                false,
                none,
            )
            .await;
        w.ready = w
            .applicant(
                &mut tx,
                alpha,
                "eve@alpha.test",
                Status::InvitedReady,
                false,
                none,
            )
            .await;
        w.pending = w
            .applicant(
                &mut tx,
                alpha,
                "pat@alpha.test",
                Status::Pending,
                true,
                (Some(s1), Some(s2)),
            )
            .await;
        w.confirmed = w
            .applicant(
                &mut tx,
                alpha,
                "carl@alpha.test",
                Status::Confirmed,
                true,
                (Some(s1), None),
            )
            .await;
        w.applicant(
            &mut tx,
            alpha,
            "zed@alpha.test",
            Status::InvitedReady,
            true,
            none,
        )
        .await;
        let bob = w
            .applicant(
                &mut tx,
                beta,
                "bob@beta.test",
                Status::InvitedReady,
                true,
                none,
            )
            .await;
        w.elsewhere.extend([beta_day.0, bob.0]);

        // Staff: (e-mail, memberships).
        let staff: [(&str, &[(ProgramId, Role)]); 7] = [
            ("ivan@alpha.test", &[(alpha, Role::Interviewer)]),
            ("cora@alpha.test", &[(alpha, Role::Coordinator)]),
            ("mia@alpha.test", &[(alpha, Role::Manager)]),
            ("dan@alpha.test", &[(alpha, Role::Director)]),
            (
                "sam@both.test",
                &[(alpha, Role::Coordinator), (beta, Role::Coordinator)],
            ),
            ("cole@beta.test", &[(beta, Role::Coordinator)]),
            (LOGIN_EMAIL, &[(alpha, Role::Coordinator)]),
        ];
        let mut users: HashMap<&str, UserId> = HashMap::new();
        for (email, roles) in staff {
            let user = repo
                .ensure_user(&mut tx, email, "Staff Person")
                .await
                .unwrap();
            for (program, role) in roles {
                repo.add_membership(&mut tx, *program, user, *role)
                    .await
                    .unwrap();
            }
            users.insert(email, user);
        }
        w.ivan = users["ivan@alpha.test"];
        w.day(&mut tx, beta_day).await;
        repo.set_password_verified(&mut tx, users[LOGIN_EMAIL], password_hash().await)
            .await
            .unwrap();
        for email in ["ana@alpha.test", "bob@beta.test", "cat@alpha.test"] {
            users.insert(
                email,
                repo.ensure_user(&mut tx, email, "Applicant Person")
                    .await
                    .unwrap(),
            );
        }
        let newt = repo
            .ensure_user(&mut tx, "newt@alpha.test", "New Staff")
            .await
            .unwrap();
        repo.add_membership(&mut tx, alpha, newt, Role::Interviewer)
            .await
            .unwrap();

        // Links: zed's sign-up (the chosen password's hash travels with it), newt's password.
        let (token, hash) = app::auth::ssr::new_token();
        let later = now_ms() + 3_600_000;
        let payload = Some(password_hash().await);
        repo.create_email_token(
            &mut tx,
            &hash,
            "zed@alpha.test",
            TokenPurpose::VerifyEmail,
            payload,
            later,
        )
        .await
        .unwrap();
        w.verify_token = token;
        let (token, hash) = app::auth::ssr::new_token();
        repo.create_email_token(
            &mut tx,
            &hash,
            "newt@alpha.test",
            TokenPurpose::SetPassword,
            None,
            later,
        )
        .await
        .unwrap();
        w.set_password_token = token;
        // cat's new e-mail, waiting for its link (a token chosen here: see `args`).
        repo.create_email_token(
            &mut tx,
            &app::auth::ssr::hash_token(CHANGE_EMAIL_TOKEN),
            "cat.new@alpha.test",
            TokenPurpose::ChangeEmail,
            Some(&users["cat@alpha.test"].to_string()),
            later,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        // A login session per kind of caller: (kind, user, active program, switched).
        use CallerKind::*;
        let logins = [
            (ApplicantHere, "ana@alpha.test", None, false),
            (ApplicantElsewhere, "bob@beta.test", None, false),
            (ApplicantNotInvited, "cat@alpha.test", None, false),
            (Interviewer, "ivan@alpha.test", Some(alpha), false),
            (Coordinator, "cora@alpha.test", Some(alpha), false),
            (Manager, "mia@alpha.test", Some(alpha), false),
            (Director, "dan@alpha.test", Some(alpha), false),
            (DirectorAsInterviewer, "dan@alpha.test", Some(alpha), true),
            (ManagerAsInterviewer, "mia@alpha.test", Some(alpha), true),
            (StaffInOtherProgram, "sam@both.test", Some(beta), false),
            (CoordinatorElsewhere, "cole@beta.test", Some(beta), false),
        ];
        for (kind, email, program, switched) in logins {
            let (token, hash) = app::auth::ssr::new_token();
            repo.create_login_session(&hash, users[email], program, now_ms() + 3_600_000)
                .await
                .unwrap();
            if switched {
                repo.set_acting_role(&hash, Some(Role::Interviewer))
                    .await
                    .unwrap();
            }
            w.cookies
                .insert(kind, format!("{}={token}", app::auth::ssr::SESSION_COOKIE));
            w.emails.insert(kind, email.to_string());
        }
        w.publish(users["cora@alpha.test"]).await;
        let (token, hash) = app::auth::ssr::new_token();
        repo.set_calendar_token(users["bob@beta.test"], &hash)
            .await
            .unwrap();
        w.calendar_token = token;
        w.meeting_room = repo
            .create_meeting_room(
                w.alpha,
                &app::meeting_rooms::repo::NewMeetingRoom {
                    session: None,
                    name: "Alpha lounge",
                    audience: app::meeting_rooms::domain::Audience::Both,
                    start: chrono::NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
                    end: chrono::NaiveTime::from_hms_opt(7, 55, 0).unwrap(),
                    location: "",
                    video_token: "alphalounge00001",
                },
            )
            .await
            .unwrap();
        w.secrets.push("Alpha lounge".to_string());
        crate::common::access::files::prepare(&w).await;
        crate::common::access::imports::prepare(&w).await;
        w.dee = crate::common::access::staff::prepare(&w).await;
        crate::common::access::messages::prepare(&w).await;
        crate::common::access::waitlist::prepare(&w).await;
        w
    }

    /// Alpha's first day generated and published (version 1), as its coordinator `cora`.
    async fn publish(&mut self, cora: UserId) {
        let state = &self.app.state;
        let cora = app::auth::ssr::Staff {
            user_id: cora,
            program_id: self.alpha,
            role: Role::Coordinator,
        };
        app::day::ssr::generate(state, cora, self.s1, DraftVersion(0))
            .await
            .unwrap();
        let page = app::day::ssr::day_page(state, cora, self.s1).await.unwrap();
        self.draft_version = page.draft_version;
        self.cell_version = page
            .cells
            .iter()
            .find(|c| c.cell.round == 0 && c.cell.room == self.room)
            .map_or(DraftVersion(0), |c| c.version);
        app::itinerary::ssr::finalize(state, cora, self.s1, self.draft_version)
            .await
            .unwrap();
        // The day is scored on Alpha's interview form.
        let form = app::scoring::form::FormInput {
            name: "Alpha interview form".into(),
            criteria: vec![app::scoring::form::CriterionInput {
                name: "Communication".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        self.scoring_form = app::scoring::ssr::save_form(state, cora, &form)
            .await
            .unwrap();
        app::scoring::ssr::assign_form(state, cora, self.s1, Some(self.scoring_form))
            .await
            .unwrap();
        self.secrets.push("Alpha interview form".into());
        app::scoring::ssr::exclude(state, cora, self.ivan, None, "Joined late in the season")
            .await
            .unwrap();
        self.exclusion = state.repo.exclusions(self.alpha).await.unwrap()[0].0;
        // Ivan met the confirmed applicant and submitted a sheet: they are on the rank list.
        self.criterion = app::scoring::ssr::forms(state, cora).await.unwrap()[0].criteria[0].id;
        let ivan = app::auth::ssr::Staff {
            user_id: self.ivan,
            program_id: self.alpha,
            role: Role::Interviewer,
        };
        let answers = std::collections::BTreeMap::from([(self.criterion.to_string(), "4".into())]);
        app::scoring::ssr::save_score(state, ivan, self.s1, self.confirmed, &answers, "", true)
            .await
            .unwrap();
        self.rank_list = app::scoring::ssr::add_rank_list(state, cora, "Alternates")
            .await
            .unwrap();
        self.secrets.push("Alternates".into());
    }

    /// The first of this program's secrets in `body` that `who` may not see (their own e-mail
    /// is theirs to see).
    pub fn leaked(&self, who: CallerKind, body: &str) -> Option<&str> {
        let own = self.emails.get(&who);
        self.secrets
            .iter()
            .filter(|s| Some(*s) != own)
            .find(|s| body.contains(s.as_str()))
            .map(String::as_str)
    }

    /// Alpha's first day planned (see the fields), and a room in Beta's day.
    async fn day(&mut self, tx: &mut Tx, beta_day: SessionId) {
        use app::day::domain::grid::ConflictPair;
        use app::day::repo::DayRow;
        let repo = &self.app.state.repo;
        let plan = DayRow {
            interview_minutes: 20,
            passing_minutes: 5,
            rounds: 4,
            interviews_per_applicant: None,
            breaks: r#"[{"after_round":2,"minutes":30,"label":"Lunch"}]"#.into(),
            report: None,
        };
        repo.save_day(tx, self.s1, &plan).await.unwrap();
        self.room = repo
            .create_room(tx, self.s1, "Alpha Room A", "", ROOM_A_TOKEN)
            .await
            .unwrap();
        repo.set_room_interviewers(tx, self.room, &[self.ivan])
            .await
            .unwrap();
        let pair = ConflictPair {
            interviewer: self.ivan,
            applicant: self.ready,
        };
        repo.add_conflict(tx, self.alpha, pair).await.unwrap();
        let body = format!(
            r#"{{"plan":{{"start":"09:00:00","interview_minutes":15,"passing_minutes":5,"rounds":3,"breaks":[]}},"interviews_per_applicant":null,"rooms":[{{"name":"Room T","location":"","interviewers":[{}]}}]}}"#,
            self.ivan
        );
        self.template = repo
            .save_template(tx, self.alpha, "Alpha template", &body)
            .await
            .unwrap();
        let beta_room = repo
            .create_room(tx, beta_day, "Beta Room", "", "betatoken0000001")
            .await
            .unwrap();
        self.elsewhere.push(beta_room.0);
        self.secrets
            .extend(["Alpha Room A".to_string(), "Alpha template".to_string()]);
    }

    /// The address of a row's path, its parameters filled in.
    pub fn uri(&self, path: &str) -> String {
        path.replace("{token}", &self.calendar_token)
            .replace("{session}", &self.s1.to_string())
            .replace("{applicant}", &self.confirmed.to_string())
            .replace("{room}", ROOM_A_TOKEN)
    }

    /// The caller's session cookie (none for a visitor).
    pub fn cookie(&self, kind: CallerKind) -> Option<&str> {
        self.cookies.get(&kind).map(String::as_str)
    }

    async fn applicant(
        &mut self,
        tx: &mut Tx,
        program: ProgramId,
        email: &str,
        status: Status,
        sent: bool,
        (first, second): (Option<SessionId>, Option<SessionId>),
    ) -> ApplicantId {
        let repo = &self.app.state.repo;
        let id = repo
            .add_applicant(tx, program, email, "Applicant Person")
            .await
            .unwrap();
        let row = app::applicants::types::ApplicantView {
            id,
            name: "Applicant Person".into(),
            email: email.into(),
            status,
            invitation_sent_at: sent.then(chrono::Utc::now),
            first_choice: first,
            second_choice: second,
            session_id: (status == Status::Confirmed).then_some(first).flatten(),
        };
        repo.update_applicant(tx, &row).await.unwrap();
        if program == self.alpha {
            self.secrets.push(email.into());
        }
        id
    }

    /// Valid arguments of a call, naming this program's records (`None`: no row for it yet).
    pub fn args(&self, path: &str) -> Option<Vec<(String, String)>> {
        let s = |v: &dyn ToString| v.to_string();
        let pairs: Vec<(&str, String)> = match path {
            "/health"
            | "/events"
            | "/video/check/signal"
            | "/api/current-user"
            | "/api/logout"
            | "/api/login-page"
            | "/api/sign-up-page"
            | "/api/overview-page"
            | "/api/list-staff"
            | "/api/staff-page"
            | "/api/program-settings"
            | "/api/settings-page"
            | "/api/list-sessions"
            | "/api/sessions-page"
            | "/api/new-session-form"
            | "/api/list-applicants"
            | "/api/applicants-page"
            | "/api/applicants-bar"
            | "/export/applicants.csv"
            | "/api/add-applicant-form"
            | "/export/audit.csv"
            | "/api/reports-page"
            | "/export/report.csv"
            | "/api/my-programs" => vec![],
            "/api/login" => vec![("email", s(&LOGIN_EMAIL)), ("password", s(&LOGIN_PASSWORD))],
            "/api/sign-up" => vec![
                ("email", s(&"zed@alpha.test")),
                ("password", s(&"zed's long password")),
                ("confirm", s(&"zed's long password")),
            ],
            "/api/confirm-email" | "/api/verify-page" => {
                vec![("token", self.verify_token.clone())]
            }
            "/api/set-password-page" => vec![("token", self.set_password_token.clone())],
            "/api/set-password" => vec![
                ("token", self.set_password_token.clone()),
                ("password", s(&"newt's long password")),
                ("confirm", s(&"newt's long password")),
            ],
            "/api/forgot-password-page" | "/api/account-page" | "/api/end-other-login-sessions" => {
                vec![]
            }
            "/api/request-password-reset" => vec![("email", s(&"newt@alpha.test"))],
            "/api/save-account-name" => vec![("name", s(&"A New Name"))],
            "/api/change-account-email" => vec![("email", s(&"someone.new@example.org"))],
            "/api/email-change-page" | "/api/confirm-email-change" => {
                vec![("token", s(&CHANGE_EMAIL_TOKEN))]
            }
            "/api/end-login-session" => vec![("session", s(&"0123456789abcdef"))],
            "/api/switch-role" => vec![("to", s(&"interviewer"))],
            "/api/switch-program" => vec![("program_id", s(&self.alpha))],
            "/api/add-staff" => vec![
                ("name", s(&"Nia New")),
                ("email", s(&"nia@alpha.test")),
                ("role", s(&"interviewer")),
            ],
            "/api/save-settings" => vec![
                ("self_scheduling", s(&"true")),
                ("interview_setup", s(&"external_video")),
            ],
            "/api/save-session" => vec![
                ("session[id]", s(&self.s1)),
                ("session[name]", s(&"Alpha first day")),
                ("session[date]", s(&"2027-01-12")),
                ("session[start]", s(&"08:00")),
                ("session[end]", s(&"16:00")),
                ("session[time_zone]", s(&"America/New_York")),
                ("session[capacity]", s(&"10")),
                ("session[visible]", s(&"true")),
            ],
            "/api/delete-session" => vec![("id", s(&self.s3))],
            "/api/session-page" | "/api/session-forms" => vec![("id", s(&self.s1))],
            "/api/add-applicant" => {
                vec![("name", s(&"Nora New")), ("email", s(&"nora@alpha.test"))]
            }
            "/api/mark-invited" => vec![("id", s(&self.candidate))],
            "/api/audit-page" => vec![
                ("person", s(&self.ivan)),
                ("kind", s(&"status")),
                ("from", s(&"2026-01-01")),
                ("to", s(&"2027-12-31")),
                ("page", s(&"1")),
            ],
            "/api/bulk-applicants" => vec![
                ("bulk[action]", s(&"invite")),
                ("bulk[ids][0]", s(&self.candidate)),
            ],
            "/api/send-invitation" => vec![("id", s(&self.ready))],
            "/api/applicant-page" | "/api/applicant-changes" => vec![("id", s(&self.confirmed))],
            "/api/cancel-booking" => {
                vec![("id", s(&self.confirmed)), ("reason", s(&"Asked by phone"))]
            }
            "/api/withdraw-applicant" => vec![("id", s(&self.pending)), ("reason", s(&""))],
            "/api/move-applicant" => vec![
                ("id", s(&self.confirmed)),
                ("session_id", s(&self.s2)),
                ("reason", s(&"Clinic conflict")),
            ],
            "/api/delete-applicant" => vec![("id", s(&self.ready)), ("reason", s(&"Added twice"))],
            "/api/assign-session" => {
                vec![
                    ("applicant_id", s(&self.pending)),
                    ("session_id", s(&self.s1)),
                ]
            }
            "/api/submit-choices" => vec![
                ("program_id", s(&self.alpha)),
                ("first_choice", s(&self.s1)),
                ("second_choice", s(&self.s2)),
            ],
            "/api/decline-invitation" => vec![("program_id", s(&self.alpha))],
            "/api/session-day" | "/api/day-setup-page" | "/api/enter-day" | "/api/leave-day" => {
                vec![("session_id", s(&self.s1))]
            }
            "/api/generate-day" | "/api/repair-day" | "/api/finalize-day" => vec![
                ("session_id", s(&self.s1)),
                ("draft_version", s(&self.draft_version)),
            ],
            "/api/review-publish" | "/api/unfinalize-day" => vec![("session_id", s(&self.s1))],
            "/api/meeting-rooms-page" | "/api/clock-now" | "/test/clock" => vec![],
            "/api/day-clock" => vec![("session_id", s(&self.s1))],
            "/api/day-overview" => vec![("session_id", s(&self.s1))],
            "/api/scoring-forms"
            | "/api/ranks"
            | "/export/ranks.csv"
            | "/print/ranks"
            | "/api/scoring-forms-page"
            | "/api/ranks-page"
            | "/api/my-scores-page"
            | "/api/revert-ranks" => vec![],
            "/api/session-scoring-page" => vec![("session_id", s(&self.s1))],
            "/api/open-scoring" => vec![("session_id", s(&self.s1)), ("open", s(&true))],
            "/api/score-sheet-page" => vec![
                ("session_id", s(&self.s1)),
                ("applicant_id", s(&self.confirmed)),
            ],
            "/api/move-rank" => vec![("moved", s(&self.confirmed)), ("to", s(&0))],
            "/api/add-rank-list" => vec![("name", s(&"Couples match"))],
            "/api/remove-rank-list" => vec![("list", s(&self.rank_list))],
            "/api/exclude-scores" => vec![
                ("interviewer_id", s(&self.ivan)),
                ("applicant_id", s(&self.confirmed)),
                ("reason", s(&"Knows the applicant")),
            ],
            "/api/include-scores" => vec![("exclusion_id", s(&self.exclusion))],
            "/api/missing-scores" | "/api/remind-scorers" => vec![("session_id", s(&self.s1))],
            "/api/override-score" => vec![
                ("applicant_id", s(&self.confirmed)),
                ("score", s(&"4.5")),
                ("reason", s(&"Committee decision")),
            ],
            "/api/save-scoring-form" => vec![
                ("form[name]", s(&"Fellowship form")),
                ("form[criteria][0][name]", s(&"Teamwork")),
                ("form[criteria][0][anchors]", s(&"5: Lifts the team")),
            ],
            "/api/assign-scoring-form" => vec![
                ("session_id", s(&self.s1)),
                ("form_id", s(&self.scoring_form)),
            ],
            "/api/score-sheet" => vec![
                ("session_id", s(&self.s1)),
                ("applicant_id", s(&self.confirmed)),
            ],
            "/api/save-score" => {
                return Some(vec![
                    ("session_id".into(), s(&self.s1)),
                    ("applicant_id".into(), s(&self.confirmed)),
                    (format!("answers[{}]", self.criterion), s(&"5")),
                    ("comment".into(), s(&"Clear and kind.")),
                ])
            }
            "/api/flag-do-not-rank" => vec![
                ("session_id", s(&self.s1)),
                ("applicant_id", s(&self.confirmed)),
                ("reason", s(&"Rude to the front desk")),
            ],
            "/api/unflag-do-not-rank" => vec![
                ("session_id", s(&self.s1)),
                ("applicant_id", s(&self.confirmed)),
            ],
            "/export/rank-order.csv" => vec![],
            "/api/mark-matched" => {
                vec![("applicant_id", s(&self.confirmed)), ("matched", s(&true))]
            }
            "/api/mark-matched-ids" => vec![("ids", s(&"N0000001"))],
            "/api/mark-matched-file" => vec![],
            "/api/my-timetrack" | "/api/my-interview-day" => vec![],
            "/api/set-room-status" => vec![
                ("session_id", s(&self.s1)),
                ("room_id", s(&self.room)),
                ("round", s(&0)),
                ("status", s(&"ready")),
            ],
            "/api/mark-no-show" => vec![
                ("session_id", s(&self.s1)),
                ("applicant_id", s(&self.confirmed)),
            ],
            "/api/broadcast" => vec![
                ("session_id", s(&self.s1)),
                ("audience", s(&"everyone")),
                ("body", s(&"Lunch is in the atrium.")),
            ],
            "/api/clock-action" => vec![("session_id", s(&self.s1)), ("action", s(&"start"))],
            "/api/clock-auto-start" => vec![("session_id", s(&self.s1)), ("on", s(&"true"))],
            "/api/add-meeting-room" => vec![
                ("room[name]", s(&"Welcome")),
                ("room[audience]", s(&"both")),
                ("room[start]", s(&"07:30")),
                ("room[end]", s(&"07:55")),
                ("room[location]", s(&"https://meet.example.test/welcome")),
            ],
            "/api/remove-meeting-room" => vec![("id", s(&self.meeting_room))],
            "/api/video-room" => vec![("token", s(&ROOM_A_TOKEN))],
            "/video/{room}/signal" | "/api/video-relays" => vec![],
            "/api/my-day"
            | "/api/new-calendar-link"
            | "/api/calendar-panel"
            | "/api/revoke-calendar-link"
            | "/calendar/{token}"
            | "/calendar.ics"
            | "/print/day/{session}"
            | "/print/my-day" => vec![],
            "/api/edit-draft" => vec![
                ("session_id", s(&self.s1)),
                ("edit[cells][0][round]", s(&0)),
                ("edit[cells][0][room]", s(&self.room)),
                ("edit[cells][0][version]", s(&self.cell_version)),
                ("edit[cells][0][applicant]", s(&self.confirmed)),
            ],
            "/api/save-day-plan" => vec![
                ("session_id", s(&self.s1)),
                ("plan[start]", s(&"08:30")),
                ("plan[interview_minutes]", s(&"25")),
                ("plan[passing_minutes]", s(&"5")),
                ("plan[rounds]", s(&"5")),
                ("plan[interviews_per_applicant]", s(&"")),
            ],
            "/api/add-break" => vec![
                ("session_id", s(&self.s1)),
                ("after_round", s(&"1")),
                ("minutes", s(&"15")),
                ("label", s(&"Coffee")),
            ],
            "/api/remove-break" => {
                vec![("session_id", s(&self.s1)), ("after_round", s(&"2"))]
            }
            "/api/save-room" => vec![
                ("session_id", s(&self.s1)),
                ("room[id]", s(&self.room)),
                ("room[name]", s(&"Alpha Room A")),
                ("room[location]", s(&"https://video.example.test/alpha-a")),
                ("room[interviewers][0]", s(&self.ivan)),
            ],
            "/api/remove-room" => vec![("session_id", s(&self.s1)), ("room_id", s(&self.room))],
            "/api/add-conflict" => {
                vec![
                    ("interviewer", s(&self.ivan)),
                    ("applicant", s(&self.candidate)),
                ]
            }
            "/api/remove-conflict" => {
                vec![
                    ("interviewer", s(&self.ivan)),
                    ("applicant", s(&self.ready)),
                ]
            }
            "/api/save-day-template" => {
                vec![
                    ("session_id", s(&self.s1)),
                    ("template_name", s(&"Alpha new template")),
                ]
            }
            "/api/apply-day-template" => vec![
                ("session_id", s(&self.s1)),
                ("template_id", s(&self.template)),
            ],
            _ => crate::common::access::files::args(self, path)
                .or_else(|| crate::common::access::imports::args(path))
                .or_else(|| crate::common::access::staff::args(self, path))
                .or_else(|| crate::common::access::reminders::args(path))
                .or_else(|| crate::common::access::communications::args(path))
                .or_else(|| crate::common::access::messages::args(path))
                .or_else(|| crate::common::access::waitlist::args(path, self))?,
        };
        Some(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }
}

async fn session(tx: &mut Tx, app: &TestApp, program: ProgramId, name: &str) -> SessionId {
    let form = SessionForm {
        id: None,
        name: name.into(),
        date: "2027-01-12".into(),
        start: "08:00".into(),
        end: "16:00".into(),
        time_zone: "America/New_York".into(),
        capacity: "10".into(),
        visible: true,
    };
    let input = validate_session(&form).unwrap();
    app.state
        .repo
        .create_session(tx, program, &input, "America/New_York")
        .await
        .unwrap()
}

/// The hash of `LOGIN_PASSWORD`, computed once per process (argon2 takes its time by design).
async fn password_hash() -> &'static str {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        app::auth::ssr::hash_password(LOGIN_PASSWORD.to_string())
            .await
            .unwrap()
    })
    .await
}
