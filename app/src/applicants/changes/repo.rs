//! Queries of a coordinator's changes.

use crate::db::{Repo, Tx};
use crate::ids::{ApplicantId, ProgramId};

impl Repo {
    /// Removes an applicant of the program (their choices, conflicts and scores go with the
    /// row: the foreign keys cascade).
    pub async fn delete_applicant(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        id: ApplicantId,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM applicants WHERE id = $1 AND program_id = $2")
            .bind(id)
            .bind(program_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
