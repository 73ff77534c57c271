//! Queries of the do-not-rank flags: one per interviewer and applicant, set (or its reason
//! changed), taken back, and every flag of a program with the interviewer's name.

use crate::db::{Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, SessionId, UserId};
use sqlx::FromRow;

/// A flag as the rank list shows it.
#[derive(Debug, Clone, FromRow)]
pub struct FlagRow {
    pub applicant_id: ApplicantId,
    pub interviewer_id: UserId,
    pub interviewer: String,
    pub reason: String,
}

impl Repo {
    /// Sets `interviewer`'s flag on `applicant` (a new reason replaces the one before).
    pub async fn set_flag(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        session: SessionId,
        (applicant, interviewer): (ApplicantId, UserId),
        reason: &str,
        at: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM do_not_rank WHERE applicant_id = $1 AND interviewer_id = $2")
            .bind(applicant)
            .bind(interviewer)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO do_not_rank (program_id, applicant_id, interviewer_id, session_id, reason, at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(program)
        .bind(applicant)
        .bind(interviewer)
        .bind(session)
        .bind(reason)
        .bind(at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Takes `interviewer`'s flag on `applicant` back; whether there was one.
    pub async fn clear_flag(
        &self,
        tx: &mut Tx,
        applicant: ApplicantId,
        interviewer: UserId,
    ) -> Result<bool, sqlx::Error> {
        let done =
            sqlx::query("DELETE FROM do_not_rank WHERE applicant_id = $1 AND interviewer_id = $2")
                .bind(applicant)
                .bind(interviewer)
                .execute(&mut **tx)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// `interviewer`'s reason for their flag on `applicant`, if they flagged them.
    pub async fn my_flag(
        &self,
        applicant: ApplicantId,
        interviewer: UserId,
    ) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT reason FROM do_not_rank WHERE applicant_id = $1 AND interviewer_id = $2",
        )
        .bind(applicant)
        .bind(interviewer)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(r,)| r))
    }

    /// Every flag of the program, oldest first.
    pub async fn flags(&self, program: ProgramId) -> Result<Vec<FlagRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT f.applicant_id, f.interviewer_id, u.name AS interviewer, f.reason
             FROM do_not_rank f JOIN users u ON u.id = f.interviewer_id
             WHERE f.program_id = $1 ORDER BY f.at, f.interviewer_id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }
}
