//! The demo program a fresh install starts with, so a visitor can log in as every role at once.

use crate::applicants::api::ApplicantView;
use crate::applicants::domain::Status;
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
    for (name, email, role) in STAFF {
        let user = repo.ensure_user(&mut tx, email, name).await?;
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
        repo.create_session(&mut tx, program, &validate_session(&form)?, tz)
            .await?;
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
    tx.commit().await?;
    Ok(())
}
