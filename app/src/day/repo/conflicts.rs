//! Conflicts of interest between the program's interviewers and applicants.

use crate::day::domain::grid::ConflictPair;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, UserId};
use sqlx::FromRow;

/// A conflict of interest with both names.
#[derive(Debug, Clone, FromRow)]
pub struct ConflictRow {
    pub user_id: UserId,
    pub interviewer: String,
    pub applicant_id: ApplicantId,
    pub applicant: String,
}

impl Repo {
    pub async fn conflicts(&self, program: ProgramId) -> Result<Vec<ConflictRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT c.user_id, u.name AS interviewer, c.applicant_id, a.name AS applicant
             FROM conflicts_of_interest c JOIN users u ON u.id = c.user_id
             JOIN applicants a ON a.id = c.applicant_id
             WHERE c.program_id = $1 ORDER BY u.name, a.name",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// Records a conflict of interest (again: nothing changes).
    pub async fn add_conflict(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        pair: ConflictPair,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO conflicts_of_interest (program_id, user_id, applicant_id, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, applicant_id) DO NOTHING",
        )
        .bind(program)
        .bind(pair.interviewer)
        .bind(pair.applicant)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Removes a conflict of interest of the program; whether there was one.
    pub async fn remove_conflict(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        pair: ConflictPair,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "DELETE FROM conflicts_of_interest WHERE program_id = $1 AND user_id = $2 AND applicant_id = $3",
        )
        .bind(program)
        .bind(pair.interviewer)
        .bind(pair.applicant)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
