//! Server functions of the Match marks (one applicant by hand, pasted ids, a results file):
//! posted by the server-written rank list only, so compiled into the server only. Each is a
//! guard and one call.

use crate::error::AppError;
use crate::ids::ApplicantId;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Coordinators: mark an applicant as matched to the program (`matched` left out: take the
/// mark back).
#[server(output = crate::codec::Compact, endpoint = "mark-matched")]
pub async fn mark_matched(
    applicant_id: ApplicantId,
    #[server(default)] matched: bool,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::mark_matched(&state, staff, applicant_id, matched).await
}

/// Coordinators: mark as matched the applicants whose NRMP or AAMC ids are pasted (the Match
/// results' text, or ids one per line); `take_back`: unmark them. Answers what changed and
/// which ids were not found.
#[server(output = crate::codec::Compact, endpoint = "mark-matched-ids")]
pub async fn mark_matched_ids(
    #[server(default)] ids: String,
    #[server(default)] take_back: bool,
) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::mark_matched_text(&state, staff, &ids, take_back).await
}

/// Coordinators: mark as matched the applicants a Match results file names (multipart: a form
/// with a file). Answers as [`mark_matched_ids`].
#[server(input = MultipartFormData, output = crate::codec::Compact, endpoint = "mark-matched-file")]
pub async fn mark_matched_file(data: MultipartData) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let max = state.config.import_max_bytes;
    let (name, bytes) = crate::upload::read_upload(data, max).await?;
    super::ssr::mark_matched_file(&state, staff, &name, &bytes).await
}
