//! Queries of the applicant import: the upload kept between preview and import
//! (`applicant_imports`), the program's applicants by e-mail, and the rows written.

use super::rows::ImportRow;
use crate::applicants::domain::Status;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, UserId};
use sqlx::FromRow;

/// An upload kept between its preview and the import.
#[derive(Debug, Clone, FromRow)]
pub struct StoredImport {
    pub token: String,
    pub file_name: String,
    pub encoding: String,
    pub content: String,
    pub created_at: i64,
    pub outcome: Option<String>,
}

/// An applicant of the program, as the import finds it by e-mail.
#[derive(Debug, Clone, FromRow)]
pub struct Existing {
    pub id: i64,
    pub email: String,
    pub status: Status,
}

/// A preview is kept this long (24 hours): an older one must be uploaded again.
pub const KEPT_MS: i64 = 24 * 60 * 60 * 1000;

impl Repo {
    /// Keeps an upload, replacing the program's earlier one (one preview per program, which any
    /// of its coordinators may import or discard), and deleting uploads older than [`KEPT_MS`].
    pub async fn keep_import(
        &self,
        program_id: ProgramId,
        user_id: UserId,
        upload: &StoredImport,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM applicant_imports WHERE program_id = $1 OR created_at < $2")
            .bind(program_id)
            .bind(now_ms() - KEPT_MS)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO applicant_imports (token, program_id, user_id, file_name, encoding, content, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&upload.token)
        .bind(program_id)
        .bind(user_id)
        .bind(&upload.file_name)
        .bind(&upload.encoding)
        .bind(&upload.content)
        .bind(upload.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// The program's upload, if any (waiting, or imported).
    pub async fn latest_import(
        &self,
        program_id: ProgramId,
    ) -> Result<Option<StoredImport>, sqlx::Error> {
        sqlx::query_as(
            "SELECT token, file_name, encoding, content, created_at, outcome FROM applicant_imports
             WHERE program_id = $1 ORDER BY created_at DESC LIMIT 1",
        )
        .bind(program_id)
        .fetch_optional(self.pool())
        .await
    }

    /// The upload named by `token`, locked, if it is the program's.
    pub async fn lock_import(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        token: &str,
    ) -> Result<Option<StoredImport>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT token, file_name, encoding, content, created_at, outcome FROM applicant_imports
             WHERE token = $1 AND program_id = $2{}",
            self.for_update()
        ))
        .bind(token)
        .bind(program_id)
        .fetch_optional(&mut **tx)
        .await
    }

    /// Marks an upload imported, with what the screen says of it (its content is no longer
    /// needed).
    pub async fn finish_import(
        &self,
        tx: &mut Tx,
        token: &str,
        outcome: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE applicant_imports SET outcome = $1, content = '' WHERE token = $2")
            .bind(outcome)
            .bind(token)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Deletes the program's waiting upload named by `token`; false when there was none.
    pub async fn discard_import(
        &self,
        program_id: ProgramId,
        token: &str,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "DELETE FROM applicant_imports WHERE token = $1 AND program_id = $2 AND outcome IS NULL",
        )
        .bind(token)
        .bind(program_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

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
        Ok(())
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
        Ok(())
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
