//! Conflicts of interest: an interviewer and an applicant of the program who must never meet.

use crate::auth::ssr::Staff;
use crate::day::domain::grid::ConflictPair;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, UserId};
use crate::server::AppState;

/// The pair, both of the caller's program.
async fn conflict_pair(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: ApplicantId,
) -> AppResult<ConflictPair> {
    let staff = state.repo.staff(by.program_id).await?;
    if !staff.iter().any(|s| s.user_id == interviewer) {
        return Err(AppError::NotFound("That interviewer was not found.".into()));
    }
    let applicants = state.repo.applicants(by.program_id).await?;
    if !applicants.iter().any(|a| a.id == applicant) {
        return Err(AppError::NotFound("That applicant was not found.".into()));
    }
    Ok(ConflictPair {
        interviewer,
        applicant,
    })
}

pub async fn add_conflict(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: ApplicantId,
) -> AppResult<()> {
    let pair = conflict_pair(state, by, interviewer, applicant).await?;
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .add_conflict(&mut tx, by.program_id, pair)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_conflict(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: ApplicantId,
) -> AppResult<()> {
    let pair = conflict_pair(state, by, interviewer, applicant).await?;
    let mut tx = state.repo.begin_write().await?;
    if !state
        .repo
        .remove_conflict(&mut tx, by.program_id, pair)
        .await?
    {
        return Err(AppError::NotFound(
            "That conflict of interest was not found.".into(),
        ));
    }
    tx.commit().await?;
    Ok(())
}
