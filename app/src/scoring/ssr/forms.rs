//! The form library: each form with its criteria (an edit of a scored form makes a new
//! version), and its screen.

use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::FormVersionId;
use crate::ids::ScoringFormId;
use crate::scoring::form::{validate, FormInput};
use crate::scoring::repo::{CriterionRow, FormRow};
use crate::scoring::types::{CriterionView, FormView};
use crate::server::AppState;

fn weight_text(milli: i64) -> String {
    if milli % 1000 == 0 {
        (milli / 1000).to_string()
    } else {
        format!("{}", milli as f64 / 1000.0)
    }
}

fn criterion_view(c: &CriterionRow) -> CriterionView {
    CriterionView {
        id: c.id,
        name: c.name.clone(),
        description: c.description.clone(),
        min: c.scale_min as i32,
        max: c.scale_max as i32,
        weight: weight_text(c.weight_milli),
        required: c.required,
        anchors: c.anchors(),
    }
}

pub(super) fn form_view(
    row: &FormRow,
    criteria: &[CriterionRow],
    sessions: Vec<String>,
) -> FormView {
    FormView {
        id: row.form_id,
        name: row.name.clone(),
        version: row.version,
        display_min: row.display_min as i32,
        display_max: row.display_max as i32,
        overall_comment: row.overall_comment,
        criteria: criteria
            .iter()
            .filter(|c| c.version_id == row.version_id)
            .map(criterion_view)
            .collect(),
        sessions,
        scored: row.scored > 0,
    }
}

/// Coordinators: the library.
pub async fn forms(state: &AppState, by: Staff) -> AppResult<Vec<FormView>> {
    let rows = state.repo.scoring_forms(by.program_id).await?;
    let versions: Vec<FormVersionId> = rows.iter().map(|r| r.version_id).collect();
    let criteria = state.repo.criteria_of(&versions).await?;
    let sessions = state.repo.form_sessions(by.program_id).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let names = sessions
                .iter()
                .filter(|(f, _)| *f == r.form_id)
                .map(|(_, n)| n.clone())
                .collect();
            form_view(r, &criteria, names)
        })
        .collect())
}

/// Coordinators: a new form, or an edit of one. A version no score reads yet is rewritten; one
/// that has scores is kept as it is and the edit becomes the next version.
pub async fn save_form(state: &AppState, by: Staff, input: &FormInput) -> AppResult<ScoringFormId> {
    let spec = validate(input).map_err(|(field, message)| AppError::invalid(field, message))?;
    let mut tx = state.repo.begin_write().await?;
    let id = match input.id {
        None => {
            state
                .repo
                .create_scoring_form(&mut tx, by.program_id, &spec)
                .await?
        }
        Some(id) => {
            let current = state
                .repo
                .scoring_form(by.program_id, id)
                .await?
                .ok_or_else(|| AppError::NotFound("That form was not found.".into()))?;
            state
                .repo
                .rename_scoring_form(&mut tx, current.form_id, &spec.name)
                .await?;
            if current.scored > 0 {
                state
                    .repo
                    .add_form_version(&mut tx, current.form_id, current.version + 1, &spec)
                    .await?;
            } else {
                state
                    .repo
                    .rewrite_form_version(&mut tx, current.version_id, &spec)
                    .await?;
            }
            current.form_id
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// Coordinators: the form library's screen (`edit`: the form in the editor).
pub async fn forms_html(
    state: &AppState,
    by: Staff,
    edit: Option<ScoringFormId>,
) -> AppResult<String> {
    let forms = forms(state, by).await?;
    let edit = match edit {
        Some(id) => Some(
            forms
                .iter()
                .find(|f| f.id == id)
                .ok_or_else(|| AppError::NotFound("That form was not found.".into()))?,
        ),
        None => None,
    };
    let scoring = state.repo.program_scoring(by.program_id).await?;
    let sessions = state
        .repo
        .sessions(by.program_id)
        .await?
        .into_iter()
        .map(|s| crate::scoring::types::SessionForm {
            form: scoring
                .iter()
                .find(|(id, ..)| *id == s.id)
                .map(|(_, form, _)| *form),
            id: s.id,
            name: s.name,
        })
        .collect::<Vec<_>>();
    Ok(crate::scoring::pages::forms_page(&forms, &sessions, edit))
}
