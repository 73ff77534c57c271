//! The coordinator's applicant list, and adding an applicant.

use crate::applicants::types::{ApplicantView, ApplicantsPage};
use crate::auth::domain::{normalize_email, validate_person_name};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId};
use crate::server::AppState;
use crate::sessions::domain::stamp_in;
use std::collections::HashMap;

pub async fn list_applicants(state: &AppState, by: Staff) -> AppResult<ApplicantsPage> {
    let applicants = state.repo.applicants(by.program_id).await?;
    let sent = sent_stamps(state, by.program_id, &applicants).await?;
    Ok(ApplicantsPage {
        applicants,
        sessions: super::sessions_of(state, by.program_id).await?,
        sent,
    })
}

pub async fn add_applicant(state: &AppState, by: Staff, name: &str, email: &str) -> AppResult<()> {
    let name = validate_person_name(name)?;
    let email = normalize_email(email)?;
    let mut tx = state.repo.begin_write().await?;
    let added = state
        .repo
        .add_applicant(&mut tx, by.program_id, &email, &name)
        .await
        .map_err(AppError::from);
    if let Err(AppError::Conflict(_)) = added {
        return Err(AppError::invalid(
            "email",
            "This email is already an applicant of the program.",
        ));
    }
    added?;
    let changes =
        crate::live::changes(&state.repo, &mut tx, by.program_id, &[], Some(&email)).await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(())
}

/// When each sent invitation of `applicants` went out, in the program's zone, named ("Dec 3,
/// 9:12 AM EST").
pub(crate) async fn sent_stamps<'a>(
    state: &AppState,
    program: ProgramId,
    applicants: impl IntoIterator<Item = &'a ApplicantView>,
) -> AppResult<HashMap<ApplicantId, String>> {
    let zone = state
        .repo
        .program(program)
        .await?
        .map_or(chrono_tz::UTC, |p| p.time_zone);
    Ok(applicants
        .into_iter()
        .filter_map(|a| Some((a.id, stamp_in(a.invitation_sent_at?, zone))))
        .collect())
}
