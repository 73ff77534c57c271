//! The demo program a fresh install starts with, so a visitor can log in as every role at once.

use crate::applicants::domain::Status;
use crate::applicants::types::ApplicantView;
use crate::auth::domain::Role;
use crate::auth::ssr::hash_password;
use crate::error::AppResult;
use crate::server::AppState;
use crate::sessions::domain::{validate_session, SessionForm};

pub const DEMO_PASSWORD: &str = "demo-password";

/// One demo login, as printed at start-up.
pub struct DemoLogin {
    pub who: &'static str,
    pub email: &'static str,
}

const STAFF: [(&str, &str, Role); 5] = [
    ("Dr. Maya Patel", "director@demo.test", Role::Director),
    ("Chris Okafor", "manager@demo.test", Role::Manager),
    ("Jordan Lee", "coordinator@demo.test", Role::Coordinator),
    (
        "Dr. Sam Rivera",
        "interviewer1@demo.test",
        Role::Interviewer,
    ),
    ("Dr. Alex Chen", "interviewer2@demo.test", Role::Interviewer),
];

/// Applicants of the Internal Medicine program: (name, email, status, invitation sent, has account).
const APPLICANTS: [(&str, &str, Status, bool, bool); 6] = [
    (
        "Ana Ruiz",
        "ana.ruiz@demo.test",
        Status::InvitedReady,
        true,
        true,
    ),
    (
        "Ben Okoro",
        "ben.okoro@demo.test",
        Status::InvitedReady,
        true,
        true,
    ),
    (
        "Chloe Martin",
        "chloe.martin@demo.test",
        Status::InvitedReady,
        true,
        true,
    ),
    (
        "Dev Shah",
        "dev.shah@demo.test",
        Status::InterviewCandidate,
        false,
        true,
    ),
    (
        "Ella Novak",
        "ella.novak@demo.test",
        Status::InvitedReady,
        true,
        false,
    ),
    (
        "Farid Haddad",
        "farid.haddad@demo.test",
        Status::InvitedReady,
        false,
        false,
    ),
];

/// Sessions: (of the Cardiology Fellowship, else Internal Medicine; name, date, start, end,
/// capacity), in the program's zone.
const SESSIONS: [(bool, &str, &str, &str, &str, i64); 4] = [
    (
        false,
        "December interview day",
        "2026-12-08",
        "08:00",
        "16:00",
        12,
    ),
    (
        false,
        "December half day",
        "2026-12-15",
        "08:00",
        "12:00",
        6,
    ),
    (
        false,
        "January interview day",
        "2027-01-12",
        "08:00",
        "16:00",
        12,
    ),
    (
        true,
        "Fellowship interview day",
        "2027-01-20",
        "09:00",
        "15:00",
        8,
    ),
];

/// The demo logins, as printed at start-up.
pub fn demo_logins() -> Vec<DemoLogin> {
    let staff = STAFF.iter().map(|(_, email, role)| DemoLogin {
        who: role.label(),
        email,
    });
    let applicants = APPLICANTS.iter().filter(|a| a.4).map(|a| DemoLogin {
        who: "Applicant",
        email: a.1,
    });
    staff.chain(applicants).collect()
}

/// The December interview day's plan: seven 45-minute rounds with a lunch after the fourth,
/// two rooms with one interviewer each and a faculty panel (staff as in [`STAFF`]).
async fn seed_day(
    repo: &crate::db::Repo,
    tx: &mut crate::db::Tx,
    session: crate::ids::SessionId,
    staff: &[crate::ids::UserId],
) -> AppResult<()> {
    use crate::day::domain::timeline::{Break, DayPlan};
    let plan = DayPlan {
        start: chrono::NaiveTime::from_hms_opt(8, 0, 0).expect("a time"),
        interview_minutes: 45,
        passing_minutes: 15,
        rounds: 7,
        breaks: vec![Break {
            after_round: 4,
            minutes: 60,
            label: "Lunch".into(),
        }],
    }
    .validate()?;
    repo.save_day(tx, session, &crate::day::ssr::row_of(&plan, None, None))
        .await?;
    repo.set_session_times(tx, session, plan.start, plan.end())
        .await?;
    let rooms: [(&str, &[usize]); 3] = [
        ("Room 1", &[3]),
        ("Room 2", &[4]),
        ("Faculty panel", &[0, 1]),
    ];
    for (name, who) in rooms {
        let token = crate::auth::ssr::new_token().0;
        let room = repo
            .create_room(tx, session, name, "", &token[..16])
            .await?;
        let seated: Vec<_> = who.iter().map(|i| staff[*i]).collect();
        repo.set_room_interviewers(tx, room, &seated).await?;
    }
    Ok(())
}

/// Does this database hold the demo program?
pub async fn demo_present(state: &AppState) -> AppResult<bool> {
    Ok(state
        .repo
        .user_by_email(state.repo.pool(), STAFF[0].1)
        .await?
        .is_some())
}

/// Seeds the demo programs. Call only on an empty database.
pub async fn seed_demo(state: &AppState) -> AppResult<()> {
    let repo = &state.repo;
    let hash = hash_password(DEMO_PASSWORD.to_string()).await?;
    let mut tx = repo.begin_write().await?;
    let im = repo
        .create_program(&mut tx, "Internal Medicine Residency", "America/New_York")
        .await?;
    let cards = repo
        .create_program(&mut tx, "Cardiology Fellowship", "America/Chicago")
        .await?;
    let mut staff = Vec::new();
    let mut december = None;
    for (name, email, role) in STAFF {
        let user = repo.ensure_user(&mut tx, email, name).await?;
        staff.push(user);
        repo.set_password_verified(&mut tx, user, &hash).await?;
        repo.add_membership(&mut tx, im, user, role).await?;
        if role == Role::Director {
            repo.add_membership(&mut tx, cards, user, role).await?;
        }
    }
    for (cardiology, name, date, start, end, capacity) in SESSIONS {
        let (program, tz) = if cardiology {
            (cards, "America/Chicago")
        } else {
            (im, "America/New_York")
        };
        let form = SessionForm {
            id: None,
            name: name.into(),
            date: date.into(),
            start: start.into(),
            end: end.into(),
            time_zone: tz.into(),
            capacity: capacity.to_string(),
            visible: true,
        };
        let id = repo
            .create_session(&mut tx, program, &validate_session(&form)?, tz)
            .await?;
        if name == "December interview day" {
            seed_day(repo, &mut tx, id, &staff).await?;
            december = Some(id);
        }
    }
    for (name, email, status, sent, account) in APPLICANTS {
        let id = repo.add_applicant(&mut tx, im, email, name).await?;
        let applicant = ApplicantView {
            id,
            name: name.into(),
            email: email.into(),
            status,
            invitation_sent_at: sent.then(chrono::Utc::now),
            first_choice: None,
            second_choice: None,
            session_id: None,
        };
        repo.update_applicant(&mut tx, &applicant).await?;
        if account {
            let user = repo.ensure_user(&mut tx, email, name).await?;
            repo.set_password_verified(&mut tx, user, &hash).await?;
        }
    }
    let form = repo.create_scoring_form(&mut tx, im, &demo_form()?).await?;
    tx.commit().await?;
    if let Some(december) = december {
        repo.set_session_form(december, Some(form)).await?;
    }
    Ok(())
}

/// The demo's scoring form: three competencies with what a 1, a 3 and a 5 look like.
fn demo_form() -> AppResult<crate::scoring::form::FormSpec> {
    use crate::scoring::form::{validate, CriterionInput, FormInput};
    let criterion = |name: &str, description: &str, anchors: &str, weight: &str| CriterionInput {
        name: name.into(),
        description: description.into(),
        weight: weight.into(),
        anchors: anchors.into(),
        ..Default::default()
    };
    let input = FormInput {
        name: "Internal Medicine interview".into(),
        criteria: vec![
            criterion(
                "Communication",
                "Explains clearly, listens, checks understanding.",
                "1: Hard to follow\n3: Clear with prompting\n5: Clear, concise, checks understanding",
                "1",
            ),
            criterion(
                "Clinical reasoning",
                "Works through the case aloud: differential, next steps, safety.",
                "1: Jumps to conclusions\n3: Sound, needs guidance\n5: Structured and safe",
                "2",
            ),
            criterion(
                "Professionalism",
                "Honesty, respect, ownership of mistakes.",
                "1: Concerns raised\n3: As expected\n5: A model for peers",
                "1",
            ),
        ],
        ..Default::default()
    };
    validate(&input).map_err(|(field, message)| crate::error::AppError::invalid(field, message))
}
