//! Queries of score sheets: an interviewer's sheet, its answers and revisions, and the
//! submitted ones.

use super::*;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, CriterionId, FormVersionId, ProgramId, ScoreId, SessionId, UserId};

impl Repo {
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
}
