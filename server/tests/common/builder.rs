//! Test data in a few lines: a program of its own (or the demo's) with its director, and one
//! line each for sessions, staff and applicants taken through the invitation gate. Everything
//! goes through the same workflows the server functions call, so the data is what a real
//! program would hold.

use super::TestApp;
use app::applicants::types::ApplicantView;
use app::auth::domain::Role;
use app::auth::ssr::{Applicant, Staff};
use app::booking::types::ChoiceOutcome;
use app::day::ssr as day;
use app::day::types::{PlanForm, RoomForm};
use app::error::AppResult;
use app::ids::{ApplicantId, ProgramId, SessionId, UserId};
use app::server::AppState;
use app::sessions::domain::SessionForm;

/// A program and its director, acting in it.
#[derive(Clone)]
pub struct TestProgram {
    pub state: AppState,
    pub director: Staff,
}

/// Whoever logs in with `email`, acting as an applicant.
pub fn as_applicant(email: &str) -> Applicant {
    Applicant {
        email: email.to_string(),
    }
}

/// An applicant taken through the gate: their row's id, and them as a caller.
#[derive(Clone, Debug)]
pub struct Invitee {
    pub id: ApplicantId,
    pub me: Applicant,
}

impl TestApp {
    /// A generated day: 2 rooms, 4 rounds with a lunch after round 2, 3 confirmed applicants with
    /// 2 interviews each (2 of the 8 cells free).
    pub async fn two_room_day(
        &self,
        date: &str,
    ) -> (TestProgram, SessionId, Vec<Invitee>, Vec<UserId>) {
        let app = self;
        let p = app.demo_program().await;
        p.self_scheduling(true).await;
        let mut form = session_form(None, "Finalize day", 10, true);
        form.date = date.into();
        let s = p.save_session(&form).await.unwrap();
        let spare = p.session("Finalize spare", 10, true).await;
        let mut people = Vec::new();
        for i in 0..3 {
            let who = p.invited(&format!("final{i}@demo.test")).await;
            p.choose(&who.me, s, Some(spare)).await.unwrap();
            people.push(who);
        }
        let plan = PlanForm {
            start: "08:00".into(),
            interview_minutes: "20".into(),
            passing_minutes: "5".into(),
            rounds: "4".into(),
            interviews_per_applicant: "2".into(),
        };
        day::save_plan(&p.state, p.director, s, &plan)
            .await
            .unwrap();
        day::add_break(&p.state, p.director, s, "2", "30", "Lunch")
            .await
            .unwrap();
        let mut faculty = Vec::new();
        for (i, name) in ["Dr. Ash", "Dr. Birch"].iter().enumerate() {
            let f = p.interviewer(name).await;
            let room = RoomForm {
                id: None,
                name: format!("Room {}", ["B", "D"][i]),
                location: format!("https://video.example.test/clinic-{}", i + 1),
                interviewers: vec![f],
            };
            day::save_room(&p.state, p.director, s, &room)
                .await
                .unwrap();
            faculty.push(f);
        }
        let v = day::day_page(&p.state, p.director, s)
            .await
            .unwrap()
            .draft_version;
        day::generate(&p.state, p.director, s, v).await.unwrap();
        (p, s, people, faculty)
    }

    /// A fresh program of its own (America/New_York), with its director.
    pub async fn program(&self, name: &str) -> TestProgram {
        let slug = name.to_lowercase().replace(' ', "-");
        let email = format!("director@{slug}.test");
        let (program_id, _) = app::programs::ssr::create_program(
            &self.state,
            name,
            "America/New_York",
            &email,
            "Dr. D",
        )
        .await
        .unwrap();
        TestProgram::acting(&self.state, program_id, &email, Role::Director).await
    }

    /// The demo's Internal Medicine Residency, acting as its director.
    pub async fn demo_program(&self) -> TestProgram {
        let programs = self
            .state
            .repo
            .memberships(self.user("director@demo.test").await);
        let im = programs
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.program_name == "Internal Medicine Residency")
            .expect("the demo is seeded")
            .program_id;
        TestProgram::acting(&self.state, im, "director@demo.test", Role::Director).await
    }

    async fn user(&self, email: &str) -> app::ids::UserId {
        let repo = &self.state.repo;
        repo.user_by_email(repo.pool(), email)
            .await
            .unwrap()
            .expect("a user")
            .id
    }
}

impl TestProgram {
    /// `email` (who has an account) acting as `role` in the program.
    pub async fn acting(state: &AppState, program_id: ProgramId, email: &str, role: Role) -> Self {
        let repo = &state.repo;
        let user = repo
            .user_by_email(repo.pool(), email)
            .await
            .unwrap()
            .unwrap();
        TestProgram {
            state: state.clone(),
            director: Staff {
                user_id: user.id,
                program_id,
                role,
            },
        }
    }

    pub fn id(&self) -> ProgramId {
        self.director.program_id
    }

    /// A session on 12 January 2027, 8:00–16:00 in New York.
    pub async fn session(&self, name: &str, capacity: i64, visible: bool) -> SessionId {
        let form = session_form(None, name, capacity, visible);
        self.save_session(&form).await.unwrap()
    }

    pub async fn save_session(&self, form: &SessionForm) -> AppResult<SessionId> {
        app::sessions::ssr::save_session(&self.state, self.director, form).await
    }

    /// Self-scheduling on or off.
    pub async fn self_scheduling(&self, on: bool) {
        let setup = self.settings().await.interview_setup;
        app::programs::ssr::save_settings(&self.state, self.director, on, setup)
            .await
            .unwrap();
    }

    /// The program's settings as they stand.
    pub async fn settings(&self) -> app::programs::api::Settings {
        app::programs::ssr::settings(&self.state, self.director)
            .await
            .unwrap()
    }

    /// A staff member added as an interviewer (`name`, e-mail from it); their user id.
    pub async fn interviewer(&self, name: &str) -> UserId {
        let email = format!(
            "{}@faculty.test",
            name.to_lowercase().replace([' ', '.'], "")
        );
        app::programs::staff::ssr::add_staff(
            &self.state,
            self.director,
            name,
            &email,
            Role::Interviewer,
        )
        .await
        .unwrap();
        let staff = self.state.repo.staff(self.id()).await.unwrap();
        staff.iter().find(|s| s.email == email).unwrap().user_id
    }

    /// A staff member of the program acting as an interviewer.
    pub fn as_interviewer(&self, user_id: UserId) -> Staff {
        Staff {
            user_id,
            program_id: self.director.program_id,
            role: Role::Interviewer,
        }
    }

    /// An applicant added to the program (an Interview Candidate, not invited).
    pub async fn added(&self, email: &str) -> ApplicantId {
        app::applicants::ssr::add_applicant(&self.state, self.director, "Applicant Person", email)
            .await
            .unwrap();
        self.applicant(email).await.id
    }

    /// An applicant through the gate's steps 1, 3 and 4: added, Invited & Ready for
    /// Scheduling, invitation sent.
    pub async fn invited(&self, email: &str) -> Invitee {
        let id = self.added(email).await;
        app::applicants::ssr::mark_invited(&self.state, self.director, id)
            .await
            .unwrap();
        app::applicants::ssr::send_invitation(&self.state, self.director, id)
            .await
            .unwrap();
        Invitee {
            id,
            me: as_applicant(email),
        }
    }

    /// The applicant's row as it stands.
    pub async fn applicant(&self, email: &str) -> ApplicantView {
        self.state
            .repo
            .applicants(self.id())
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.email == email)
            .expect("an applicant of the program")
    }

    /// The applicant submits a first (and maybe a second) choice.
    pub async fn choose(
        &self,
        who: &Applicant,
        first: SessionId,
        second: Option<SessionId>,
    ) -> AppResult<ChoiceOutcome> {
        app::booking::ssr::submit_choices(&self.state, who, self.id(), Some(first), second).await
    }
}

impl TestProgram {
    /// The demo's December interview day with `emails` invited and booked into it
    /// (self-scheduling on; the December half day their second choice), generated and published
    /// as the demo has it (its rooms, its setup option): its id.
    pub async fn published_december(&self, emails: &[&str]) -> SessionId {
        self.self_scheduling(true).await;
        let sessions = self.state.repo.sessions(self.id()).await.unwrap();
        let named = |name: &str| sessions.iter().find(|s| s.name == name).expect(name).id;
        let (december, half_day) = (named("December interview day"), named("December half day"));
        for email in emails {
            let who = self.invited(email).await;
            self.choose(&who.me, december, Some(half_day))
                .await
                .unwrap();
        }
        let v = app::day::ssr::day_page(&self.state, self.director, december)
            .await
            .unwrap()
            .draft_version;
        app::day::ssr::generate(&self.state, self.director, december, v)
            .await
            .unwrap();
        let review = app::itinerary::ssr::review(&self.state, self.director, december)
            .await
            .unwrap();
        assert!(review.problems.is_empty(), "{:?}", review.problems);
        app::itinerary::ssr::finalize(&self.state, self.director, december, review.draft_version)
            .await
            .unwrap();
        december
    }
}

/// The form of a session on 12 January 2027, 8:00–16:00 in New York (`id`: to save changes).
pub fn session_form(
    id: Option<SessionId>,
    name: &str,
    capacity: i64,
    visible: bool,
) -> SessionForm {
    SessionForm {
        id,
        name: name.into(),
        date: "2027-01-12".into(),
        start: "08:00".into(),
        end: "16:00".into(),
        time_zone: "America/New_York".into(),
        capacity: capacity.to_string(),
        visible,
    }
}

/// An interview that can move to a free round of its own room without breaking a rule (its
/// applicant is free then), as (its cell, the free cell); `of`: only that applicant's.
pub fn free_move(
    page: &app::day::types::DayPage,
    of: Option<ApplicantId>,
) -> Option<(app::day::domain::edit::Cell, app::day::domain::edit::Cell)> {
    use app::day::domain::edit::{Cell, Draft};
    let d = Draft::new(page.cells.iter().copied());
    let slots = d.slots();
    slots
        .iter()
        .filter(|x| of.is_none_or(|a| a == x.applicant))
        .find_map(|x| {
            let free = (0..page.plan.rounds)
                .map(|round| Cell {
                    round,
                    room: x.room,
                })
                .find(|c| {
                    d.at(*c).is_none()
                        && !slots
                            .iter()
                            .any(|y| y.applicant == x.applicant && y.round == c.round)
                })?;
            let from = Cell {
                round: x.round,
                room: x.room,
            };
            Some((from, free))
        })
}
