//! Who may read an applicant's application (the summary and the PDF): the program's
//! coordinators, and the interviewers who may score the applicant ([`super::sheets`]'s rule:
//! the published day placed them in the interviewer's room, or the session's scoring is open;
//! before a day is published, no interviewer).
//! Nobody else: another program's staff are told it was not found.

use crate::applicants::files::repo::Download;
use crate::applicants::files::types::Application;
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::ApplicantId;
use crate::server::AppState;

/// Checks that `by` may read `applicant`'s application.
pub async fn may_read_application(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
) -> AppResult<()> {
    let session = state
        .repo
        .applicant_session(by.program_id, applicant)
        .await?
        .ok_or_else(|| AppError::NotFound("That applicant was not found.".into()))?;
    if by.role.runs_program() {
        return Ok(());
    }
    let not_yours =
        || AppError::forbidden("You can open only the applications of applicants you interview.");
    let session = session.ok_or_else(not_yours)?;
    // Only once a day is published does it say who interviews whom (scoring's own fallback
    // before that, any interviewer of a seated applicant, is too wide for their file).
    if crate::itinerary::ssr::out_now(state, session)
        .await?
        .is_none()
    {
        return Err(not_yours());
    }
    super::sheets::may_score(state, by, session, applicant)
        .await
        .map_err(|e| match e {
            AppError::Forbidden(_) | AppError::NotFound(_) => not_yours(),
            other => other,
        })
}

/// The applicant's application PDF, for a reader allowed by [`may_read_application`].
pub async fn application_file(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
) -> AppResult<Download> {
    may_read_application(state, by, applicant).await?;
    crate::applicants::files::ssr::download(state, by.program_id, applicant).await
}

/// The applicant's application summary (and whether a PDF is on file), for a reader allowed
/// by [`may_read_application`].
pub async fn application_summary(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
) -> AppResult<Application> {
    may_read_application(state, by, applicant).await?;
    crate::applicants::files::ssr::application(state, applicant).await
}
