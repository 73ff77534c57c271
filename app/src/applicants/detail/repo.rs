//! The query of an applicant's page.

use super::ssr::ApplicantRecord;
use crate::db::Repo;
use crate::ids::{ApplicantId, ProgramId};

impl Repo {
    /// One applicant of the program with what the import kept of them.
    pub async fn applicant_record(
        &self,
        program_id: ProgramId,
        id: ApplicantId,
    ) -> Result<Option<ApplicantRecord>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, email, status, invitation_sent_at, first_choice_id,
                    second_choice_id, session_id, application_id, nrmp_id, track, phone, summary
             FROM applicants WHERE program_id = $1 AND id = $2",
        )
        .bind(program_id)
        .bind(id)
        .fetch_optional(self.pool())
        .await
    }
}
