//! Queries of the Match marks: every applicant's ids and mark (to read a results file and to
//! show the marks), a mark set or taken back, and the pairs the Match report counts.

use crate::db::{Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, SessionId, UserId};
use sqlx::FromRow;

/// An applicant's ids and Match mark.
#[derive(Debug, Clone, FromRow)]
pub struct MatchRow {
    pub id: ApplicantId,
    pub name: String,
    pub nrmp_id: Option<String>,
    pub application_id: Option<String>,
    /// When they were marked matched (ms since the epoch).
    pub matched_at: Option<i64>,
}

/// One submitted score sheet, as the Match report counts it: who was scored in which session
/// by whom, and whether they matched.
#[derive(Debug, Clone, FromRow)]
pub struct ScoredRow {
    pub applicant_id: ApplicantId,
    pub session_id: SessionId,
    pub interviewer_id: UserId,
    pub matched_at: Option<i64>,
}

impl Repo {
    /// Every applicant of the program with their ids and mark, by name.
    pub async fn match_marks(&self, program: ProgramId) -> Result<Vec<MatchRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, nrmp_id, application_id, matched_at FROM applicants
             WHERE program_id = $1 ORDER BY name, id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// Marks `applicant` matched at `at` (`None`: takes the mark back); whether it changed
    /// (marked already, a second mark keeps the first time).
    pub async fn set_matched(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        applicant: ApplicantId,
        at: Option<i64>,
    ) -> Result<bool, sqlx::Error> {
        let sql = match at {
            Some(_) => {
                "UPDATE applicants SET matched_at = $3
                 WHERE program_id = $1 AND id = $2 AND matched_at IS NULL"
            }
            None => {
                "UPDATE applicants SET matched_at = $3
                 WHERE program_id = $1 AND id = $2 AND matched_at IS NOT NULL"
            }
        };
        let done = sqlx::query(sql)
            .bind(program)
            .bind(applicant)
            .bind(at)
            .execute(&mut **tx)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Every submitted score sheet of the program, with whether its applicant matched.
    pub async fn scored_for_match(
        &self,
        program: ProgramId,
    ) -> Result<Vec<ScoredRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT s.applicant_id, s.session_id, s.interviewer_id, a.matched_at
             FROM scores s JOIN applicants a ON a.id = s.applicant_id
             WHERE s.program_id = $1 AND s.submitted_at IS NOT NULL",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }
}
