//! Queries of scoring: forms and their versions' criteria, the session's form, score sheets
//! with their answers and revisions, the rank lists, the flags and the Match marks. The rows
//! here, the queries by workflow in `forms`, `sheets`, `ranks`, `flags` and `matched`.

use super::domain::Criterion;
use crate::db::columns::IntFlag;
use crate::ids::{
    ApplicantId, CriterionId, FormVersionId, ScoreId, ScoringFormId, SessionId, UserId,
};
use sqlx::FromRow;

/// A form's current version, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct FormRow {
    pub form_id: ScoringFormId,
    pub name: String,
    pub version_id: FormVersionId,
    pub version: i64,
    pub display_min: i64,
    pub display_max: i64,
    #[sqlx(try_from = "IntFlag")]
    pub overall_comment: bool,
    /// How many scores use this version.
    pub scored: i64,
}

/// A criterion as stored.
#[derive(Debug, Clone, FromRow)]
pub struct CriterionRow {
    pub id: CriterionId,
    pub version_id: FormVersionId,
    pub name: String,
    pub description: String,
    pub anchors: String,
    pub scale_min: i64,
    pub scale_max: i64,
    pub weight_milli: i64,
    #[sqlx(try_from = "IntFlag")]
    pub required: bool,
}

impl CriterionRow {
    /// The criterion as the score math takes it.
    pub fn criterion(&self) -> Criterion {
        Criterion {
            id: self.id,
            name: self.name.clone(),
            min: self.scale_min as i32,
            max: self.scale_max as i32,
            weight: self.weight_milli as f64 / 1000.0,
            required: self.required,
        }
    }

    pub fn anchors(&self) -> Vec<(i32, String)> {
        serde_json::from_str(&self.anchors).unwrap_or_default()
    }
}

/// A score sheet as stored (its answers apart).
#[derive(Debug, Clone, FromRow)]
pub struct ScoreRow {
    pub id: ScoreId,
    pub session_id: SessionId,
    pub applicant_id: ApplicantId,
    pub interviewer_id: UserId,
    pub version_id: FormVersionId,
    pub comment: String,
    pub submitted_at: Option<i64>,
}

const FORM_COLUMNS: &str = "f.id AS form_id, f.name, v.id AS version_id, v.version,
    v.display_min, v.display_max, v.overall_comment,
    (SELECT COUNT(*) FROM scores s WHERE s.version_id = v.id) AS scored";

/// The newest version of each form.
const CURRENT: &str =
    "v.version = (SELECT MAX(version) FROM scoring_form_versions w WHERE w.form_id = f.id)";

const SCORE_COLUMNS: &str =
    "id, session_id, applicant_id, interviewer_id, version_id, comment, submitted_at";

/// Row ids for an `IN (…)` list (numbers only, so nothing to escape).
fn id_list<T: std::fmt::Display>(ids: &[T]) -> String {
    ids.iter().map(T::to_string).collect::<Vec<_>>().join(", ")
}

mod flags;
pub use flags::FlagRow;
mod forms;
mod matched;
pub use matched::{MatchRow, ScoredRow};
mod ranks;
mod sheets;
