//! Queries of booking: what a submission checks inside its transaction (the program's visible
//! sessions, whether it schedules itself). The seat count is the session's locked row
//! (`Repo::lock_session`).

use crate::db::columns::IntFlag;
use crate::db::{Repo, Tx};
use crate::ids::{ProgramId, SessionId};

impl Repo {
    /// Ids of the program's visible sessions, inside a transaction.
    pub async fn visible_session_ids(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
    ) -> Result<Vec<SessionId>, sqlx::Error> {
        let rows: Vec<(SessionId,)> = sqlx::query_as(
            "SELECT id FROM interview_sessions WHERE program_id = $1 AND visible = 1 ORDER BY id",
        )
        .bind(program_id)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    pub async fn self_scheduling(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
    ) -> Result<bool, sqlx::Error> {
        let (on,): (IntFlag,) =
            sqlx::query_as("SELECT self_scheduling FROM programs WHERE id = $1")
                .bind(program_id)
                .fetch_one(&mut **tx)
                .await?;
        Ok(on.into())
    }
}
