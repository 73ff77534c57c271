//! Queries of the applicant import: the upload kept between preview and import
//! (`applicant_imports`), the program's applicants by e-mail, and the rows written.

use super::rows::ImportRow;
use crate::applicants::domain::Status;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::ProgramId;
use sqlx::FromRow;

/// An applicant of the program, as the import finds it by e-mail.
#[derive(Debug, Clone, FromRow)]
pub struct Existing {
    pub id: i64,
    pub email: String,
    pub status: Status,
}

impl Repo {
    /// Every applicant of the program, by e-mail (on the pool for the preview, or in the
    /// import's transaction).
    pub async fn applicants_by_email<'e, E>(
        &self,
        on: E,
        program_id: ProgramId,
    ) -> Result<Vec<Existing>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as("SELECT id, email, status FROM applicants WHERE program_id = $1")
            .bind(program_id)
            .fetch_all(on)
            .await
    }

    /// Adds an imported applicant with `status`.
    pub async fn insert_imported(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        r: &ImportRow,
        status: Status,
    ) -> Result<(), sqlx::Error> {
        bound(
            "INSERT INTO applicants (name, first_name, last_name, application_id, nrmp_id, track,
                phone, summary, status, created_at, updated_at, program_id, email)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)",
            r,
            status,
        )
        .bind(program_id)
        .bind(&r.email)
        .execute(&mut **tx)
        .await?;
        let (id,): (i64,) =
            sqlx::query_as("SELECT id FROM applicants WHERE program_id = $1 AND email = $2")
                .bind(program_id)
                .bind(&r.email)
                .fetch_one(&mut **tx)
                .await?;
        self.note_move(tx, id).await
    }

    /// Writes an imported row over the applicant `id` (found by e-mail), with `status`. An
    /// optional column the file leaves empty keeps what the applicant had.
    pub async fn update_imported(
        &self,
        tx: &mut Tx,
        id: i64,
        r: &ImportRow,
        status: Status,
    ) -> Result<(), sqlx::Error> {
        bound(
            "UPDATE applicants SET name = $1, first_name = $2, last_name = $3,
                application_id = COALESCE($4, application_id), nrmp_id = COALESCE($5, nrmp_id),
                track = COALESCE($6, track), phone = COALESCE($7, phone),
                summary = COALESCE($8, summary), status = $9, updated_at = $10
             WHERE id = $11",
            r,
            status,
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
        self.note_move(tx, id).await
    }
}

/// `sql` with an imported row bound as `$1`…`$10`: name, first and last name, application and
/// NRMP id, track, phone, summary, `status`, now.
fn bound<'q>(
    sql: &'q str,
    r: &'q ImportRow,
    status: Status,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    sqlx::query(sql)
        .bind(&r.name)
        .bind(&r.first_name)
        .bind(&r.last_name)
        .bind(&r.application_id)
        .bind(&r.nrmp_id)
        .bind(&r.track)
        .bind(&r.phone)
        .bind(r.summary_json())
        .bind(status)
        .bind(now_ms())
}
