//! An interviewer's own score sheets: who may score whom, a sheet (drafts, submission,
//! revisions kept), their list of sheets and the screens.

use super::forms::form_view;
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::FormVersionId;
use crate::ids::{ApplicantId, CriterionId, SessionId, UserId};
use crate::live::{Audience, Change, Event};
use crate::scoring::domain::{self, validate_sheet};
use crate::scoring::repo::CriterionRow;
use crate::scoring::types::{FormView, SheetState, SheetView};
use crate::server::AppState;
use crate::sessions::ssr::own_session;
use std::collections::BTreeMap;

/// The applicants of a published day `user` may score ([`domain::scoreable`]).
fn scoreable(
    day: &crate::itinerary::domain::Published,
    user: UserId,
    open: bool,
) -> Vec<ApplicantId> {
    let slots: Vec<_> = day.slots.iter().map(|s| (s.applicant, s.room)).collect();
    let seated: Vec<_> = day
        .rooms
        .iter()
        .flat_map(|r| r.interviewers.iter().map(move |i| (r.id, i.id)))
        .collect();
    domain::scoreable(&slots, &seated, user, open)
}

/// Whether `by` may score `applicant` in `session`: with a published schedule, the applicants
/// they met (or everyone of the day, when the session's scoring is open); without one (a
/// program that runs its day outside the portal), any applicant confirmed in the session.
/// Who may open an applicant's application follows the same rule (`super::application`).
pub(crate) async fn may_score(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<()> {
    own_session(state, by, session).await?;
    let not_yours = || AppError::forbidden("You can score only the applicants you interviewed.");
    match crate::itinerary::ssr::out_now(state, session).await? {
        Some((_, day)) => {
            let open = state
                .repo
                .session_scoring(session)
                .await?
                .is_some_and(|(_, open)| open);
            scoreable(&day, by.user_id, open)
                .contains(&applicant)
                .then_some(())
                .ok_or_else(not_yours)
        }
        None => state
            .repo
            .session_applicants(session)
            .await?
            .into_iter()
            .any(|(id, _, status)| id == applicant && status.holds_seat())
            .then_some(())
            .ok_or_else(not_yours),
    }
}

/// The version a sheet is on: its own once started, else the session's form now.
async fn sheet_version(
    state: &AppState,
    session: SessionId,
    existing: Option<FormVersionId>,
) -> AppResult<FormVersionId> {
    match existing {
        Some(v) => Ok(v),
        None => state
            .repo
            .session_form_version(session)
            .await?
            .ok_or_else(|| {
                AppError::Conflict(
                    "This session has no scoring form yet: ask a coordinator.".into(),
                )
            }),
    }
}

async fn version_view(state: &AppState, version: FormVersionId) -> AppResult<FormView> {
    let criteria = state.repo.criteria_of(&[version]).await?;
    let row = state
        .repo
        .form_version(version)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(form_view(&row, &criteria, Vec::new()))
}

/// An interviewer's own sheet for an applicant (a blank one on the session's form before any).
pub async fn sheet(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<SheetView> {
    may_score(state, by, session, applicant).await?;
    let existing = state.repo.score(session, applicant, by.user_id).await?;
    let version = sheet_version(state, session, existing.as_ref().map(|s| s.version_id)).await?;
    let form = version_view(state, version).await?;
    let (answers, comment, submitted, revisions) = match existing {
        Some(s) => (
            state
                .repo
                .answers_of(None, &[s.id])
                .await?
                .into_iter()
                .map(|(_, c, v)| (c, v.map(|v| v as i32)))
                .collect(),
            s.comment,
            s.submitted_at.is_some(),
            state.repo.revision_count(s.id).await?,
        ),
        None => (Vec::new(), String::new(), false, 0),
    };
    let flag = state.repo.my_flag(applicant, by.user_id).await?;
    Ok(SheetView {
        session,
        applicant,
        form,
        answers,
        comment,
        submitted,
        revisions,
        flag,
    })
}

/// The typed answers against the form's criteria: a score, `na` (unable to assess) or empty
/// (not yet).
fn read_answers(
    typed: &BTreeMap<String, String>,
    criteria: &[CriterionRow],
) -> AppResult<Vec<(CriterionId, Option<i32>)>> {
    let mut out = Vec::new();
    for (key, value) in typed {
        let id: CriterionId = key.parse().map_err(|_| {
            AppError::invalid(
                "answers",
                "An answer is for a criterion that is not on this form.",
            )
        })?;
        let criterion = criteria.iter().find(|c| c.id == id).ok_or_else(|| {
            AppError::invalid(
                "answers",
                "An answer is for a criterion that is not on this form.",
            )
        })?;
        let value = value.trim();
        let answer = match value {
            "" => continue,
            "na" => None,
            v => Some(v.parse::<i32>().map_err(|_| {
                AppError::invalid(
                    "answers",
                    format!("{}: choose a score or “unable to assess”.", criterion.name),
                )
            })?),
        };
        domain::validate_answer(&criterion.criterion(), answer)
            .map_err(|m| AppError::invalid("answers", m))?;
        out.push((id, answer));
    }
    Ok(out)
}

/// Saves an interviewer's sheet: a draft, or submitted (every required criterion answered).
/// Once submitted, a change is a new submission and the one before is kept as a revision.
pub async fn save_score(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
    typed: &BTreeMap<String, String>,
    comment: &str,
    submit: bool,
) -> AppResult<()> {
    may_score(state, by, session, applicant).await?;
    let comment = crate::text::multi_line(comment, "comment", 5000)?;
    let comment = comment.as_str();
    let mut tx = state.repo.begin_write().await?;
    let existing = state
        .repo
        .lock_score(&mut tx, session, applicant, by.user_id)
        .await?;
    let version = sheet_version(state, session, existing.as_ref().map(|s| s.version_id)).await?;
    let criteria = state.repo.criteria_of(&[version]).await?;
    let answers = read_answers(typed, &criteria)?;
    // Once submitted, every save is a submission.
    let submit = submit || existing.as_ref().is_some_and(|s| s.submitted_at.is_some());
    if submit {
        let form: Vec<domain::Criterion> = criteria.iter().map(CriterionRow::criterion).collect();
        validate_sheet(&form, &answers)
            .map_err(|problems| AppError::invalid("answers", problems.join(" ")))?;
    }
    let now = crate::db::now_ms();
    match existing {
        None => {
            let id = state
                .repo
                .insert_score(
                    &mut tx,
                    by.program_id,
                    session,
                    applicant,
                    by.user_id,
                    version,
                    comment,
                    submit,
                )
                .await?;
            state.repo.write_answers(&mut tx, id, &answers).await?;
        }
        Some(s) => {
            if let Some(submitted_at) = s.submitted_at {
                let before: Vec<(CriterionId, Option<i64>)> = state
                    .repo
                    .answers_of(Some(&mut tx), &[s.id])
                    .await?
                    .into_iter()
                    .map(|(_, c, v)| (c, v))
                    .collect();
                let mut sorted_new: Vec<(CriterionId, Option<i64>)> = answers
                    .iter()
                    .map(|(c, v)| (*c, v.map(i64::from)))
                    .collect();
                sorted_new.sort();
                let mut sorted_old = before.clone();
                sorted_old.sort();
                if sorted_new == sorted_old && s.comment == comment {
                    return Ok(());
                }
                let text = serde_json::to_string(&before).unwrap_or_else(|_| "[]".into());
                state
                    .repo
                    .add_revision(&mut tx, s.id, &text, &s.comment, submitted_at)
                    .await?;
            }
            state
                .repo
                .update_score(&mut tx, s.id, comment, submit.then_some(now), &answers)
                .await?;
        }
    }
    tx.commit().await?;
    if submit {
        // The coordinators' rank list and missing scores reload.
        state.hub.publish(Event {
            audiences: vec![Audience::Coordinators(by.program_id)],
            change: Change::ApplicantsChanged,
        });
    }
    Ok(())
}

/// The sheets `by` may fill in: per session with a scoring form, the applicants they met on a
/// published day, or (a day run outside the portal) everyone confirmed in it.
pub async fn my_sheets(
    state: &AppState,
    by: Staff,
) -> AppResult<Vec<crate::scoring::types::SheetTodo>> {
    let mut out = Vec::new();
    let everyone = state.repo.applicants(by.program_id).await?;
    let name_of = |id: ApplicantId| {
        everyone
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let scoring = state.repo.program_scoring(by.program_id).await?;
    for session in state.repo.sessions(by.program_id).await? {
        let Some(&(_, _, open)) = scoring.iter().find(|(id, ..)| *id == session.id) else {
            continue;
        };
        let people: Vec<(ApplicantId, String)> =
            match crate::itinerary::ssr::out_now(state, session.id).await? {
                Some((_, day)) => scoreable(&day, by.user_id, open)
                    .into_iter()
                    .map(|a| (a, name_of(a)))
                    .collect(),
                None => state
                    .repo
                    .session_applicants(session.id)
                    .await?
                    .into_iter()
                    .filter(|(_, _, status)| status.holds_seat())
                    .map(|(id, ..)| (id, name_of(id)))
                    .collect(),
            };
        for (applicant, name) in people {
            let sheet = match state.repo.score(session.id, applicant, by.user_id).await? {
                Some(s) if s.submitted_at.is_some() => SheetState::Submitted,
                Some(_) => SheetState::Draft,
                None => SheetState::NotStarted,
            };
            out.push(crate::scoring::types::SheetTodo {
                session: session.id,
                session_name: session.name.clone(),
                applicant,
                name,
                state: sheet,
            });
        }
    }
    Ok(out)
}

/// Staff: their list of sheets.
pub async fn my_scores_html(state: &AppState, by: Staff) -> AppResult<String> {
    Ok(crate::scoring::pages::my_scores_page(
        &my_sheets(state, by).await?,
    ))
}

/// Staff who met the applicant: their sheet's screen.
pub async fn sheet_html(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<String> {
    let sheet = sheet(state, by, session, applicant).await?;
    let session_name = own_session(state, by, session).await?.name;
    let name = state
        .repo
        .applicants(by.program_id)
        .await?
        .into_iter()
        .find(|a| a.id == applicant)
        .map(|a| a.name)
        .unwrap_or_default();
    // The application beside the sheet: who may score may read it (the same rule).
    let application = super::application_summary(state, by, applicant).await.ok();
    Ok(crate::scoring::pages::sheet_page(
        &sheet,
        &name,
        &session_name,
        application.as_ref(),
    ))
}
