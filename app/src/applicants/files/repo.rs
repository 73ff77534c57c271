//! Queries of application files: one PDF per applicant (replaced on a new upload), and a ZIP's
//! matched files waiting between its preview and its commit (one ZIP per program).

use super::types::{FileInfo, ZipPreview};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, SessionId, UserId};
use sqlx::FromRow;

/// An applicant of a program, with what a ZIP's names are matched against.
#[derive(Debug, Clone, FromRow)]
pub struct Candidate {
    pub id: ApplicantId,
    pub name: String,
    pub email: String,
    pub application_id: Option<String>,
    pub has_file: i64,
}

/// A stored file's content and the name it is downloaded under.
#[derive(Debug, Clone, FromRow)]
pub struct Download {
    pub file_name: String,
    pub content: Vec<u8>,
}

/// A file to store for an applicant.
pub struct NewFile<'a> {
    pub applicant: ApplicantId,
    pub file_name: &'a str,
    pub content: &'a [u8],
}

const INFO: &str =
    "SELECT f.applicant_id AS applicant, a.name AS applicant_name, f.file_name, f.size,
        u.name AS uploaded_by, f.uploaded_at
     FROM applicant_files f JOIN applicants a ON a.id = f.applicant_id
     LEFT JOIN users u ON u.id = f.uploaded_by";

#[derive(FromRow)]
struct InfoRow {
    applicant: ApplicantId,
    applicant_name: String,
    file_name: String,
    size: i64,
    uploaded_by: Option<String>,
    uploaded_at: i64,
}

impl From<InfoRow> for FileInfo {
    fn from(r: InfoRow) -> Self {
        FileInfo {
            applicant: r.applicant,
            applicant_name: r.applicant_name,
            file_name: r.file_name,
            size: r.size,
            uploaded_by: r.uploaded_by,
            uploaded_at: r.uploaded_at,
        }
    }
}

impl Repo {
    /// The program's applicants, to match a ZIP's names against.
    pub async fn file_candidates(&self, program: ProgramId) -> Result<Vec<Candidate>, sqlx::Error> {
        sqlx::query_as(
            "SELECT a.id, a.name, a.email, a.application_id,
                    (SELECT COUNT(*) FROM applicant_files f WHERE f.applicant_id = a.id) AS has_file
             FROM applicants a WHERE a.program_id = $1 ORDER BY a.id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// Stores (or replaces) an applicant's file.
    pub async fn put_file(
        &self,
        tx: &mut Tx,
        file: &NewFile<'_>,
        by: UserId,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM applicant_files WHERE applicant_id = $1")
            .bind(file.applicant)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO applicant_files (applicant_id, file_name, size, content, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(file.applicant)
        .bind(file.file_name)
        .bind(file.content.len() as i64)
        .bind(file.content)
        .bind(by)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// One applicant's file of the program, to download.
    pub async fn file_of(
        &self,
        program: ProgramId,
        applicant: ApplicantId,
    ) -> Result<Option<Download>, sqlx::Error> {
        sqlx::query_as(
            "SELECT f.file_name, f.content FROM applicant_files f
             JOIN applicants a ON a.id = f.applicant_id
             WHERE a.program_id = $1 AND f.applicant_id = $2",
        )
        .bind(program)
        .bind(applicant)
        .fetch_optional(self.pool())
        .await
    }

    /// One applicant's file as listed, if they have one.
    pub async fn file_info(&self, applicant: ApplicantId) -> Result<Option<FileInfo>, sqlx::Error> {
        let row: Option<InfoRow> = sqlx::query_as(&format!("{INFO} WHERE f.applicant_id = $1"))
            .bind(applicant)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(Into::into))
    }

    /// The program's files, the latest first, at most `limit`, and how many there are.
    pub async fn recent_files(
        &self,
        program: ProgramId,
        limit: i64,
    ) -> Result<(Vec<FileInfo>, i64), sqlx::Error> {
        let rows: Vec<InfoRow> = sqlx::query_as(&format!(
            "{INFO} WHERE a.program_id = $1 ORDER BY f.uploaded_at DESC, f.applicant_id LIMIT $2"
        ))
        .bind(program)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM applicant_files f JOIN applicants a ON a.id = f.applicant_id
             WHERE a.program_id = $1",
        )
        .bind(program)
        .fetch_one(self.pool())
        .await?;
        Ok((rows.into_iter().map(Into::into).collect(), count))
    }

    /// Keeps a ZIP's preview and its matched files for the program, in place of any before.
    pub async fn stage_files(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        by: UserId,
        preview: &ZipPreview,
        files: &[NewFile<'_>],
    ) -> Result<(), sqlx::Error> {
        self.discard_staged(tx, program).await?;
        let report = serde_json::to_string(preview).unwrap_or_default();
        sqlx::query(
            "INSERT INTO applicant_file_previews (program_id, staged_by, report, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(program)
        .bind(by)
        .bind(report)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        for f in files {
            sqlx::query(
                "INSERT INTO applicant_file_staged (program_id, applicant_id, file_name, size, content)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(program)
            .bind(f.applicant)
            .bind(f.file_name)
            .bind(f.content.len() as i64)
            .bind(f.content)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// The program's ZIP waiting to be attached: its preview, if there is one.
    pub async fn staged_preview(
        &self,
        program: ProgramId,
    ) -> Result<Option<ZipPreview>, sqlx::Error> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT report FROM applicant_file_previews WHERE program_id = $1")
                .bind(program)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.and_then(|(r,)| serde_json::from_str(&r).ok()))
    }

    /// Attaches the program's waiting files (each replacing the applicant's file before) and
    /// forgets the ZIP; the applicants whose file was attached, with their file's name.
    pub async fn commit_staged(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        by: UserId,
    ) -> Result<Option<Vec<(ApplicantId, String)>>, sqlx::Error> {
        let waiting: Option<(i64,)> = sqlx::query_as(&format!(
            "SELECT program_id FROM applicant_file_previews WHERE program_id = $1{}",
            self.for_update()
        ))
        .bind(program)
        .fetch_optional(&mut **tx)
        .await?;
        if waiting.is_none() {
            return Ok(None);
        }
        let staged: Vec<(ApplicantId, String)> = sqlx::query_as(
            "SELECT applicant_id, file_name FROM applicant_file_staged WHERE program_id = $1
             ORDER BY applicant_id",
        )
        .bind(program)
        .fetch_all(&mut **tx)
        .await?;
        sqlx::query(
            "DELETE FROM applicant_files WHERE applicant_id IN
                (SELECT applicant_id FROM applicant_file_staged WHERE program_id = $1)",
        )
        .bind(program)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO applicant_files (applicant_id, file_name, size, content, uploaded_by, uploaded_at)
             SELECT applicant_id, file_name, size, content, $2, $3 FROM applicant_file_staged
             WHERE program_id = $1",
        )
        .bind(program)
        .bind(by)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        self.discard_staged(tx, program).await?;
        Ok(Some(staged))
    }

    /// Forgets the program's waiting ZIP (its files with it); whether there was one.
    pub async fn discard_staged(
        &self,
        tx: &mut Tx,
        program: ProgramId,
    ) -> Result<bool, sqlx::Error> {
        sqlx::query("DELETE FROM applicant_file_staged WHERE program_id = $1")
            .bind(program)
            .execute(&mut **tx)
            .await?;
        let done = sqlx::query("DELETE FROM applicant_file_previews WHERE program_id = $1")
            .bind(program)
            .execute(&mut **tx)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The application summary an import kept (`[[column, value], …]` as JSON), if any.
    pub async fn application_summary(
        &self,
        applicant: ApplicantId,
    ) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT summary FROM applicants WHERE id = $1")
                .bind(applicant)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.and_then(|(s,)| s))
    }
}

impl Repo {
    /// An applicant of the program named by e-mail or application id (as a coordinator types
    /// it), with their name.
    pub async fn applicant_by_key(
        &self,
        program: ProgramId,
        key: &str,
    ) -> Result<Option<(ApplicantId, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name FROM applicants
             WHERE program_id = $1 AND (email = $2 OR application_id = $3) ORDER BY id LIMIT 1",
        )
        .bind(program)
        .bind(key.to_lowercase())
        .bind(key)
        .fetch_optional(self.pool())
        .await
    }

    /// An applicant of the program by id, with their name.
    pub async fn file_applicant(
        &self,
        program: ProgramId,
        applicant: ApplicantId,
    ) -> Result<Option<(ApplicantId, String)>, sqlx::Error> {
        sqlx::query_as("SELECT id, name FROM applicants WHERE program_id = $1 AND id = $2")
            .bind(program)
            .bind(applicant)
            .fetch_optional(self.pool())
            .await
    }
}

impl Repo {
    /// The session an applicant of the program is booked in: `None` when no such applicant,
    /// `Some(None)` when they hold no session.
    pub async fn applicant_session(
        &self,
        program: ProgramId,
        applicant: ApplicantId,
    ) -> Result<Option<Option<SessionId>>, sqlx::Error> {
        let row: Option<(Option<SessionId>,)> =
            sqlx::query_as("SELECT session_id FROM applicants WHERE program_id = $1 AND id = $2")
                .bind(program)
                .bind(applicant)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(s,)| s))
    }
}

impl Repo {
    /// The applicants booked in a session whose application PDF is on file.
    pub async fn session_files(&self, session: SessionId) -> Result<Vec<ApplicantId>, sqlx::Error> {
        let rows: Vec<(ApplicantId,)> = sqlx::query_as(
            "SELECT f.applicant_id FROM applicant_files f JOIN applicants a ON a.id = f.applicant_id
             WHERE a.session_id = $1",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|(a,)| a).collect())
    }
}
