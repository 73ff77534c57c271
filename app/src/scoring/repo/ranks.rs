//! Queries of the rank list: exclusions, overrides, the named lists and their manual order.

use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, ExclusionId, ProgramId, RankListId, UserId};

impl Repo {
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
