//! Calendar subscriptions: a person's iCalendar feed from the published versions, found by their
//! private link's token, and making, checking and turning off that link.

use crate::error::AppResult;
use crate::ids::{ProgramId, UserId};
use crate::itinerary::domain::Published;
use crate::server::AppState;

/// The person's calendar feed as iCalendar text: their interviews as applicant and as
/// interviewer, across programs, from the published versions only.
pub async fn feed(state: &AppState, user: UserId, email: &str) -> AppResult<String> {
    use crate::itinerary::calendar::{feed_events, ics, Role, SessionHistory};
    let records = state.repo.applicant_records(email).await?;
    let memberships: Vec<ProgramId> = state
        .repo
        .memberships(user)
        .await?
        .into_iter()
        .map(|m| m.program_id)
        .collect();
    let mut sessions: Vec<SessionHistory> = Vec::new();
    for row in state.repo.calendar_history(user, email).await? {
        let program = row.program_id;
        let Ok(day) = Published::read(&row.body) else {
            continue;
        };
        let roles: Vec<Role> = records
            .iter()
            .filter(|r| r.program_id == program)
            .map(|r| Role::Applicant {
                id: r.id,
                confirmed: r.session_id == Some(row.session_id)
                    && r.status == crate::applicants::domain::Status::Confirmed,
            })
            .chain(
                memberships
                    .contains(&program)
                    .then_some(Role::Interviewer(user)),
            )
            .collect();
        for role in roles {
            match sessions
                .iter_mut()
                .find(|h| h.session == row.session_id && h.role == role)
            {
                Some(h) => h.versions.push((row.version, day.clone())),
                None => sessions.push(SessionHistory {
                    session: row.session_id,
                    program: row.program_name.clone(),
                    versions: vec![(row.version, day.clone())],
                    out: row.published_version,
                    role,
                }),
            }
        }
    }
    Ok(ics(&feed_events(user, &sessions, chrono::Utc::now())))
}

/// The feed of a calendar token (`None`: unknown or revoked).
pub async fn feed_by_token(state: &AppState, token: &str) -> AppResult<Option<String>> {
    let hash = crate::auth::ssr::hash_token(token);
    match state.repo.calendar_owner(&hash).await? {
        Some((user, email)) => Ok(Some(feed(state, user, &email).await?)),
        None => Ok(None),
    }
}

/// Makes the caller a new private calendar link (the old one stops working); returns it.
pub async fn new_calendar_link(state: &AppState, user: UserId) -> AppResult<String> {
    let (token, hash) = crate::auth::ssr::new_token();
    state.repo.set_calendar_token(user, &hash).await?;
    Ok(format!("{}/calendar/{token}", state.config.public_url))
}

/// Whether the caller has a calendar link on (the card offers to turn it off only then).
pub async fn calendar_link_on(state: &AppState, user: UserId) -> AppResult<bool> {
    Ok(state.repo.has_calendar_token(user).await?)
}

/// Turns the caller's calendar link off.
pub async fn revoke_calendar_link(state: &AppState, user: UserId) -> AppResult<()> {
    state.repo.delete_calendar_token(user).await?;
    Ok(())
}
