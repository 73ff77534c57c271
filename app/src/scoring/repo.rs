//! Queries of scoring: forms and their versions' criteria, the session's form, score sheets
//! with their answers and revisions.

use super::domain::Criterion;
use super::form::FormSpec;
use crate::db::columns::IntFlag;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{
    ApplicantId, CriterionId, ExclusionId, FormVersionId, ProgramId, RankListId, ScoreId,
    ScoringFormId, SessionId, UserId,
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

impl Repo {
    /// The program's forms, each at its newest version, by name.
    pub async fn scoring_forms(&self, program: ProgramId) -> Result<Vec<FormRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {FORM_COLUMNS} FROM scoring_forms f
             JOIN scoring_form_versions v ON v.form_id = f.id
             WHERE f.program_id = $1 AND {CURRENT} ORDER BY f.name, f.id"
        ))
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// One form of the program at its newest version.
    pub async fn scoring_form(
        &self,
        program: ProgramId,
        form: ScoringFormId,
    ) -> Result<Option<FormRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {FORM_COLUMNS} FROM scoring_forms f
             JOIN scoring_form_versions v ON v.form_id = f.id
             WHERE f.program_id = $1 AND f.id = $2 AND {CURRENT}"
        ))
        .bind(program)
        .bind(form)
        .fetch_optional(self.pool())
        .await
    }

    /// The criteria of some versions, in their forms' order.
    pub async fn criteria_of(
        &self,
        versions: &[FormVersionId],
    ) -> Result<Vec<CriterionRow>, sqlx::Error> {
        if versions.is_empty() {
            return Ok(Vec::new());
        }
        let list = id_list(versions);
        sqlx::query_as(&format!(
            "SELECT id, version_id, name, description, anchors, scale_min, scale_max, weight_milli,
                required FROM scoring_criteria WHERE version_id IN ({list})
             ORDER BY version_id, position"
        ))
        .fetch_all(self.pool())
        .await
    }

    /// A new form, at version 1.
    pub async fn create_scoring_form(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        spec: &FormSpec,
    ) -> Result<ScoringFormId, sqlx::Error> {
        let (id,): (ScoringFormId,) = sqlx::query_as(
            "INSERT INTO scoring_forms (program_id, name, created_at) VALUES ($1, $2, $3)
             RETURNING id",
        )
        .bind(program)
        .bind(&spec.name)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        self.add_form_version(tx, id, 1, spec).await?;
        Ok(id)
    }

    /// Renames a form.
    pub async fn rename_scoring_form(
        &self,
        tx: &mut Tx,
        form: ScoringFormId,
        name: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE scoring_forms SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(form)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// A version of a form with its criteria.
    pub async fn add_form_version(
        &self,
        tx: &mut Tx,
        form: ScoringFormId,
        version: i64,
        spec: &FormSpec,
    ) -> Result<FormVersionId, sqlx::Error> {
        let (id,): (FormVersionId,) = sqlx::query_as(
            "INSERT INTO scoring_form_versions
                (form_id, version, display_min, display_max, overall_comment, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(form)
        .bind(version)
        .bind(i64::from(spec.display_min))
        .bind(i64::from(spec.display_max))
        .bind(i64::from(spec.overall_comment))
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        self.add_criteria(tx, id, spec).await?;
        Ok(id)
    }

    /// Replaces an unscored version's criteria and settings (no score reads them yet).
    pub async fn rewrite_form_version(
        &self,
        tx: &mut Tx,
        version: FormVersionId,
        spec: &FormSpec,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE scoring_form_versions SET display_min = $1, display_max = $2,
                overall_comment = $3 WHERE id = $4",
        )
        .bind(i64::from(spec.display_min))
        .bind(i64::from(spec.display_max))
        .bind(i64::from(spec.overall_comment))
        .bind(version)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM scoring_criteria WHERE version_id = $1")
            .bind(version)
            .execute(&mut **tx)
            .await?;
        self.add_criteria(tx, version, spec).await
    }

    async fn add_criteria(
        &self,
        tx: &mut Tx,
        version: FormVersionId,
        spec: &FormSpec,
    ) -> Result<(), sqlx::Error> {
        for (i, c) in spec.criteria.iter().enumerate() {
            sqlx::query(
                "INSERT INTO scoring_criteria (version_id, position, name, description, anchors,
                    scale_min, scale_max, weight_milli, required)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(version)
            .bind(i as i64)
            .bind(&c.name)
            .bind(&c.description)
            .bind(serde_json::to_string(&c.anchors).unwrap_or_else(|_| "[]".into()))
            .bind(i64::from(c.min))
            .bind(i64::from(c.max))
            .bind(c.weight_milli)
            .bind(i64::from(c.required))
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Sets (or, with `None`, clears) the form a session is scored on.
    pub async fn set_session_form(
        &self,
        session: SessionId,
        form: Option<ScoringFormId>,
    ) -> Result<(), sqlx::Error> {
        match form {
            Some(form) => {
                sqlx::query(
                    "INSERT INTO session_forms (session_id, form_id) VALUES ($1, $2)
                     ON CONFLICT (session_id) DO UPDATE SET form_id = $2",
                )
                .bind(session)
                .bind(form)
                .execute(self.pool())
                .await?
            }
            None => {
                sqlx::query("DELETE FROM session_forms WHERE session_id = $1")
                    .bind(session)
                    .execute(self.pool())
                    .await?
            }
        };
        Ok(())
    }

    /// Lets every interviewer of the session's day score every applicant of it (or only those
    /// they met); whether the session has a form to set it on.
    pub async fn set_open_scoring(
        &self,
        session: SessionId,
        open: bool,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("UPDATE session_forms SET open_scoring = $1 WHERE session_id = $2")
            .bind(i64::from(open))
            .bind(session)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A session's scoring: its form, and whether every interviewer of its day may score every
    /// applicant of it (`None`: no form yet).
    pub async fn session_scoring(
        &self,
        session: SessionId,
    ) -> Result<Option<(ScoringFormId, bool)>, sqlx::Error> {
        let row: Option<(ScoringFormId, IntFlag)> =
            sqlx::query_as("SELECT form_id, open_scoring FROM session_forms WHERE session_id = $1")
                .bind(session)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(form, open)| (form, open.into())))
    }

    /// The same for every session of the program that has a form, in one query.
    pub async fn program_scoring(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(SessionId, ScoringFormId, bool)>, sqlx::Error> {
        let rows: Vec<(SessionId, ScoringFormId, IntFlag)> = sqlx::query_as(
            "SELECT sf.session_id, sf.form_id, sf.open_scoring FROM session_forms sf
             JOIN interview_sessions s ON s.id = sf.session_id WHERE s.program_id = $1",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(session, form, open)| (session, form, open.into()))
            .collect())
    }

    /// The names of the program's sessions scored on each form: (form, session name).
    pub async fn form_sessions(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(ScoringFormId, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT sf.form_id, s.name FROM session_forms sf
             JOIN interview_sessions s ON s.id = sf.session_id
             WHERE s.program_id = $1 ORDER BY s.session_date, s.name",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// An interviewer's sheet for an applicant in a session, locked for the transaction.
    pub async fn lock_score(
        &self,
        tx: &mut Tx,
        session: SessionId,
        applicant: ApplicantId,
        interviewer: UserId,
    ) -> Result<Option<ScoreRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {SCORE_COLUMNS} FROM scores
             WHERE session_id = $1 AND applicant_id = $2 AND interviewer_id = $3{}",
            self.for_update()
        ))
        .bind(session)
        .bind(applicant)
        .bind(interviewer)
        .fetch_optional(&mut **tx)
        .await
    }

    /// An interviewer's sheet for an applicant in a session.
    pub async fn score(
        &self,
        session: SessionId,
        applicant: ApplicantId,
        interviewer: UserId,
    ) -> Result<Option<ScoreRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {SCORE_COLUMNS} FROM scores
             WHERE session_id = $1 AND applicant_id = $2 AND interviewer_id = $3"
        ))
        .bind(session)
        .bind(applicant)
        .bind(interviewer)
        .fetch_optional(self.pool())
        .await
    }

    /// Every submitted sheet of the program.
    pub async fn submitted_scores(&self, program: ProgramId) -> Result<Vec<ScoreRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {SCORE_COLUMNS} FROM scores
             WHERE program_id = $1 AND submitted_at IS NOT NULL ORDER BY id"
        ))
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The answers of some sheets: (sheet, criterion, value; `None`: unable to assess).
    pub async fn answers_of(
        &self,
        tx: Option<&mut Tx>,
        scores: &[ScoreId],
    ) -> Result<Vec<(ScoreId, CriterionId, Option<i64>)>, sqlx::Error> {
        if scores.is_empty() {
            return Ok(Vec::new());
        }
        let list = id_list(scores);
        let sql = format!(
            "SELECT score_id, criterion_id, value FROM score_answers WHERE score_id IN ({list})"
        );
        let query = sqlx::query_as(&sql);
        match tx {
            Some(tx) => query.fetch_all(&mut **tx).await,
            None => query.fetch_all(self.pool()).await,
        }
    }

    /// A new sheet; its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_score(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        session: SessionId,
        applicant: ApplicantId,
        interviewer: UserId,
        version: FormVersionId,
        comment: &str,
        submitted: bool,
    ) -> Result<ScoreId, sqlx::Error> {
        let now = now_ms();
        let (id,): (ScoreId,) = sqlx::query_as(
            "INSERT INTO scores (program_id, session_id, applicant_id, interviewer_id, version_id,
                comment, submitted_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(program)
        .bind(session)
        .bind(applicant)
        .bind(interviewer)
        .bind(version)
        .bind(comment)
        .bind(submitted.then_some(now))
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Writes a sheet's comment and submission, and its answers anew.
    pub async fn update_score(
        &self,
        tx: &mut Tx,
        score: ScoreId,
        comment: &str,
        submitted_at: Option<i64>,
        answers: &[(CriterionId, Option<i32>)],
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE scores SET comment = $1, submitted_at = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(comment)
        .bind(submitted_at)
        .bind(now_ms())
        .bind(score)
        .execute(&mut **tx)
        .await?;
        self.write_answers(tx, score, answers).await
    }

    /// Replaces a sheet's answers.
    pub async fn write_answers(
        &self,
        tx: &mut Tx,
        score: ScoreId,
        answers: &[(CriterionId, Option<i32>)],
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM score_answers WHERE score_id = $1")
            .bind(score)
            .execute(&mut **tx)
            .await?;
        for (criterion, value) in answers {
            sqlx::query(
                "INSERT INTO score_answers (score_id, criterion_id, value) VALUES ($1, $2, $3)",
            )
            .bind(score)
            .bind(criterion)
            .bind(value.map(i64::from))
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Keeps a submitted sheet as it was before a change.
    pub async fn add_revision(
        &self,
        tx: &mut Tx,
        score: ScoreId,
        answers: &str,
        comment: &str,
        submitted_at: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO score_revisions (score_id, answers, comment, submitted_at, replaced_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(score)
        .bind(answers)
        .bind(comment)
        .bind(submitted_at)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// How many revisions a sheet has.
    pub async fn revision_count(&self, score: ScoreId) -> Result<i64, sqlx::Error> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM score_revisions WHERE score_id = $1")
                .bind(score)
                .fetch_one(self.pool())
                .await?;
        Ok(n)
    }

    /// The current version of the form a session is scored on.
    pub async fn session_form_version(
        &self,
        session: SessionId,
    ) -> Result<Option<FormVersionId>, sqlx::Error> {
        let row: Option<(FormVersionId,)> = sqlx::query_as(
            "SELECT v.id FROM session_forms sf JOIN scoring_forms f ON f.id = sf.form_id
             JOIN scoring_form_versions v ON v.form_id = f.id
             WHERE sf.session_id = $1 AND v.version =
                (SELECT MAX(version) FROM scoring_form_versions w WHERE w.form_id = f.id)",
        )
        .bind(session)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(v,)| v))
    }

    /// A version as stored (its criteria apart).
    pub async fn form_version(
        &self,
        version: FormVersionId,
    ) -> Result<Option<FormRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {FORM_COLUMNS} FROM scoring_forms f
             JOIN scoring_form_versions v ON v.form_id = f.id WHERE v.id = $1"
        ))
        .bind(version)
        .fetch_optional(self.pool())
        .await
    }

    /// Leaves an interviewer's scores out (for one applicant, or all); its id.
    pub async fn add_exclusion(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        interviewer: UserId,
        applicant: Option<ApplicantId>,
        reason: &str,
        by: UserId,
    ) -> Result<ExclusionId, sqlx::Error> {
        let (id,): (ExclusionId,) = sqlx::query_as(
            "INSERT INTO score_exclusions (program_id, interviewer_id, applicant_id, reason,
                by_user, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(program)
        .bind(interviewer)
        .bind(applicant)
        .bind(reason)
        .bind(by)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Takes an exclusion back; the interviewer it was about, if it was this program's.
    pub async fn remove_exclusion(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        id: ExclusionId,
    ) -> Result<Option<(UserId, Option<ApplicantId>)>, sqlx::Error> {
        let row: Option<(UserId, Option<ApplicantId>)> = sqlx::query_as(
            "SELECT interviewer_id, applicant_id FROM score_exclusions
             WHERE id = $1 AND program_id = $2",
        )
        .bind(id)
        .bind(program)
        .fetch_optional(&mut **tx)
        .await?;
        if row.is_some() {
            sqlx::query("DELETE FROM score_exclusions WHERE id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(row)
    }

    /// The program's exclusions: (id, interviewer, applicant, reason).
    pub async fn exclusions(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(ExclusionId, UserId, Option<ApplicantId>, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, interviewer_id, applicant_id, reason FROM score_exclusions
             WHERE program_id = $1 ORDER BY id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// Sets (or, with `None`, clears) an applicant's final score; the one before, if any.
    pub async fn set_override(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        applicant: ApplicantId,
        score: Option<(i64, &str)>,
        by: UserId,
    ) -> Result<Option<i64>, sqlx::Error> {
        let before: Option<(i64,)> =
            sqlx::query_as("SELECT score_micro FROM score_overrides WHERE applicant_id = $1")
                .bind(applicant)
                .fetch_optional(&mut **tx)
                .await?;
        sqlx::query("DELETE FROM score_overrides WHERE applicant_id = $1")
            .bind(applicant)
            .execute(&mut **tx)
            .await?;
        if let Some((micro, reason)) = score {
            sqlx::query(
                "INSERT INTO score_overrides (applicant_id, program_id, score_micro, reason,
                    by_user, at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(applicant)
            .bind(program)
            .bind(micro)
            .bind(reason)
            .bind(by)
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
        }
        Ok(before.map(|(m,)| m))
    }

    /// The program's overrides: (applicant, score in millionths, reason).
    pub async fn overrides(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(ApplicantId, i64, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT applicant_id, score_micro, reason FROM score_overrides WHERE program_id = $1",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The submitted sheets of a session: (applicant, interviewer).
    pub async fn submitted_in(
        &self,
        session: SessionId,
    ) -> Result<Vec<(ApplicantId, UserId)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT applicant_id, interviewer_id FROM scores
             WHERE session_id = $1 AND submitted_at IS NOT NULL",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    /// The program's rank lists: (id, name, entries); the main list is named "".
    pub async fn rank_lists(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(RankListId, String, i64)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT l.id, l.name, (SELECT COUNT(*) FROM rank_list_entries e WHERE e.list_id = l.id)
             FROM rank_lists l WHERE l.program_id = $1 ORDER BY l.name = '' DESC, l.name",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The id of the program's list named `name`, made if there is none yet.
    pub async fn rank_list_named(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        name: &str,
    ) -> Result<RankListId, sqlx::Error> {
        sqlx::query(
            "INSERT INTO rank_lists (program_id, name, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (program_id, name) DO NOTHING",
        )
        .bind(program)
        .bind(name)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        let (id,): (RankListId,) =
            sqlx::query_as("SELECT id FROM rank_lists WHERE program_id = $1 AND name = $2")
                .bind(program)
                .bind(name)
                .fetch_one(&mut **tx)
                .await?;
        Ok(id)
    }

    /// Locks a list's row for the transaction, so two coordinators' changes to its order apply
    /// one after the other.
    pub async fn lock_rank_list(&self, tx: &mut Tx, list: RankListId) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE rank_lists SET created_at = created_at WHERE id = $1")
            .bind(list)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// A list's manual order (empty: it follows the computed one), in `tx` or outside a change.
    pub async fn rank_order(
        &self,
        tx: Option<&mut Tx>,
        list: RankListId,
    ) -> Result<Vec<ApplicantId>, sqlx::Error> {
        let query = sqlx::query_as(
            "SELECT applicant_id FROM rank_list_entries WHERE list_id = $1 ORDER BY position",
        )
        .bind(list);
        let rows: Vec<(ApplicantId,)> = match tx {
            Some(tx) => query.fetch_all(&mut **tx).await?,
            None => query.fetch_all(self.pool()).await?,
        };
        Ok(rows.into_iter().map(|(a,)| a).collect())
    }

    /// Replaces a list's manual order (an empty order: back to the computed one).
    pub async fn set_rank_order(
        &self,
        tx: &mut Tx,
        list: RankListId,
        order: &[ApplicantId],
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM rank_list_entries WHERE list_id = $1")
            .bind(list)
            .execute(&mut **tx)
            .await?;
        for (position, applicant) in order.iter().enumerate() {
            sqlx::query(
                "INSERT INTO rank_list_entries (list_id, applicant_id, position)
                 VALUES ($1, $2, $3)",
            )
            .bind(list)
            .bind(*applicant)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Deletes a named list of the program; whether it was there.
    pub async fn delete_rank_list(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        list: RankListId,
    ) -> Result<bool, sqlx::Error> {
        let done =
            sqlx::query("DELETE FROM rank_lists WHERE id = $1 AND program_id = $2 AND name <> ''")
                .bind(list)
                .bind(program)
                .execute(&mut **tx)
                .await?;
        Ok(done.rows_affected() > 0)
    }
}
