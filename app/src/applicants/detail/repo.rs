//! The query of an applicant's page.

use super::ssr::ApplicantRecord;
use crate::db::Repo;
use crate::ids::{ApplicantId, ProgramId, SessionId};

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

    /// The sessions whose draft schedule places the applicant in a room, each with whether its
    /// day is published (the version out then places them too, until it is published again).
    pub async fn days_placing(
        &self,
        id: ApplicantId,
    ) -> Result<Vec<(SessionId, bool)>, sqlx::Error> {
        let rows: Vec<(SessionId, Option<i64>)> = sqlx::query_as(
            "SELECT DISTINCT s.session_id, d.published_version
             FROM schedule_slots s JOIN session_days d ON d.session_id = s.session_id
             WHERE s.applicant_id = $1 ORDER BY s.session_id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|(s, v)| (s, v.is_some())).collect())
    }
}
