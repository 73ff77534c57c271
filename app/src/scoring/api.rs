//! Scoring's server functions: the program's forms, an interviewer's own score sheet, and the
//! coordinators' ranks. Each finds the caller, checks the role and calls `super::ssr`; what they
//! take and return is in `super::types`.

use super::form::FormInput;
use super::types::{FormView, MissingLine, RankPage, RankView, SheetView};
use crate::error::AppError;
use crate::ids::{ApplicantId, ExclusionId, RankListId, ScoringFormId, SessionId};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Coordinators: the program's scoring forms.
#[server(output = crate::codec::Compact, endpoint = "scoring-forms")]
pub async fn scoring_forms() -> Result<Vec<FormView>, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::forms(&state, staff).await
}

/// Coordinators: a new form, or an edit (a new version once the form has scores).
#[server(output = crate::codec::Compact, endpoint = "save-scoring-form")]
pub async fn save_scoring_form(form: FormInput) -> Result<ScoringFormId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_form(&state, staff, &form).await
}

/// Coordinators: the form a session is scored on (none: `form_id` left out).
#[server(output = crate::codec::Compact, endpoint = "assign-scoring-form")]
pub async fn assign_scoring_form(
    session_id: SessionId,
    #[server(default)] form_id: Option<ScoringFormId>,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::assign_form(&state, staff, session_id, form_id).await
}

/// Coordinators: lets every interviewer of a session's day score every applicant of it
/// (`open` left out: only those they met).
#[server(output = crate::codec::Compact, endpoint = "open-scoring")]
pub async fn open_scoring(
    session_id: SessionId,
    #[server(default)] open: bool,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::open_scoring(&state, staff, session_id, open).await
}

/// Staff who interviewed the applicant: their own sheet (never anyone else's).
#[server(output = crate::codec::Compact, endpoint = "score-sheet")]
pub async fn score_sheet(
    session_id: SessionId,
    applicant_id: ApplicantId,
) -> Result<SheetView, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::sheet(&state, staff, session_id, applicant_id).await
}

/// Staff who interviewed the applicant: save their sheet as a draft, or submit it
/// (`answers[<criterion>]` = a score, `na` for unable to assess, empty for not yet).
#[server(output = crate::codec::Compact, endpoint = "save-score")]
pub async fn save_score(
    session_id: SessionId,
    applicant_id: ApplicantId,
    #[server(default)] answers: BTreeMap<String, String>,
    #[server(default)] comment: String,
    #[server(default)] submit: bool,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::save_score(
        &state,
        staff,
        session_id,
        applicant_id,
        &answers,
        &comment,
        submit,
    )
    .await
}

/// Coordinators: the rank list of the program's submitted scores, raw or calibrated.
#[server(output = crate::codec::Compact, endpoint = "ranks")]
/// (The view's fields, `calibrate`, `median`, `lowest_first` and `list`, are arguments of
/// their own on the wire.)
pub async fn rank_list(#[server(flatten)] view: RankView) -> Result<RankPage, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::ranks(&state, staff, view).await
}

/// Coordinators: leave an interviewer's scores out of the ranks, for one applicant or
/// (`applicant_id` left out) altogether, with the reason.
#[server(output = crate::codec::Compact, endpoint = "exclude-scores")]
pub async fn exclude_scores(
    interviewer_id: crate::ids::UserId,
    #[server(default)] applicant_id: Option<ApplicantId>,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::exclude(&state, staff, interviewer_id, applicant_id, &reason).await
}

/// Coordinators: take an exclusion back.
#[server(output = crate::codec::Compact, endpoint = "include-scores")]
pub async fn include_scores(exclusion_id: ExclusionId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::include(&state, staff, exclusion_id).await
}

/// An interviewer who interviewed the applicant: flag them "do not rank", with the reason
/// (coordinators see it on the rank list and decide).
#[server(output = crate::codec::Compact, endpoint = "flag-do-not-rank")]
pub async fn flag_do_not_rank(
    session_id: SessionId,
    applicant_id: ApplicantId,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::flag(&state, staff, session_id, applicant_id, &reason).await
}

/// The interviewer who flagged an applicant "do not rank": take the flag back.
#[server(output = crate::codec::Compact, endpoint = "unflag-do-not-rank")]
pub async fn unflag_do_not_rank(
    session_id: SessionId,
    applicant_id: ApplicantId,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::unflag(&state, staff, session_id, applicant_id).await
}

/// Coordinators: an applicant's final score by hand (on the display scale; empty clears it),
/// with the reason.
#[server(output = crate::codec::Compact, endpoint = "override-score")]
pub async fn override_score(
    applicant_id: ApplicantId,
    #[server(default)] score: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::override_score(&state, staff, applicant_id, &score, &reason).await
}

/// Coordinators: who still owes which score in a session (with a published day: everyone an
/// interviewer met).
#[server(output = crate::codec::Compact, endpoint = "missing-scores")]
pub async fn missing_scores(session_id: SessionId) -> Result<Vec<MissingLine>, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::missing_scores(&state, staff, session_id).await
}

/// Coordinators: an e-mail to each interviewer who still owes scores in a session, naming the
/// applicants; how many were sent.
#[server(output = crate::codec::Compact, endpoint = "remind-scorers")]
pub async fn remind_scorers(session_id: SessionId) -> Result<usize, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remind_scorers(&state, staff, session_id).await
}

// ---------------------------------------------------------------------------------------------
// The screens, written on the server as HTML (`super::pages`), and the rank list's order
// ---------------------------------------------------------------------------------------------

/// Coordinators: the form library's screen (`edit`: the form in the editor).
#[server(output = crate::codec::Compact, endpoint = "scoring-forms-page")]
pub async fn scoring_forms_page(
    #[server(default)] edit: Option<ScoringFormId>,
) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::forms_html(&state, staff, edit).await
}

/// Coordinators: a session's scoring: its form, who still owes which score, the reminder.
#[server(output = crate::codec::Compact, endpoint = "session-scoring-page")]
pub async fn session_scoring_page(session_id: SessionId) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::session_html(&state, staff, session_id).await
}

/// Coordinators: the rank list's screen.
#[server(output = crate::codec::Compact, endpoint = "ranks-page")]
pub async fn ranks_page(#[server(flatten)] view: RankView) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::ranks_html(&state, staff, view).await
}

/// Staff: the applicants they may score, with how far each sheet is.
#[server(output = crate::codec::Compact, endpoint = "my-scores-page")]
pub async fn my_scores_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::my_scores_html(&state, staff).await
}

/// Staff who met the applicant: their own sheet's screen.
#[server(output = crate::codec::Compact, endpoint = "score-sheet-page")]
pub async fn score_sheet_page(
    session_id: SessionId,
    applicant_id: ApplicantId,
) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::sheet_html(&state, staff, session_id, applicant_id).await
}

/// Coordinators: moves an applicant to place `to` (0-based) of the list as shown (its
/// settings and `list`); the list keeps this manual order until reverted.
#[server(output = crate::codec::Compact, endpoint = "move-rank")]
pub async fn move_rank(
    moved: ApplicantId,
    to: usize,
    #[server(flatten)] view: RankView,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::move_rank(&state, staff, view, moved, to).await
}

/// Coordinators: a list (the main one when `list` is left out) back to the computed order.
#[server(output = crate::codec::Compact, endpoint = "revert-ranks")]
pub async fn revert_ranks(#[server(default)] list: Option<RankListId>) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::revert_ranks(&state, staff, list).await
}

/// Coordinators: an extra named rank list; its id.
#[server(output = crate::codec::Compact, endpoint = "add-rank-list")]
pub async fn add_rank_list(name: String) -> Result<RankListId, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_rank_list(&state, staff, &name).await
}

/// Coordinators: deletes a named rank list.
#[server(output = crate::codec::Compact, endpoint = "remove-rank-list")]
pub async fn remove_rank_list(list: RankListId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::remove_rank_list(&state, staff, list).await
}
