//! A file kept between its preview and its import (the applicant and the staff imports, each
//! on its own shelf, a table of the same columns): one waiting file per program, which any of
//! its coordinators may import or discard, kept a day.

use crate::db::{Repo, Tx};
use crate::ids::{ProgramId, UserId};
use sqlx::FromRow;

/// How long a file waits for its import.
pub const KEPT_MS: i64 = 24 * 60 * 60 * 1000;

/// A kept file: the token its preview names, its name, how its bytes were read, its text, when
/// it came, and, once imported, what the screen says of it.
#[derive(Debug, Clone, FromRow)]
pub struct KeptFile {
    pub token: String,
    pub file_name: String,
    pub encoding: String,
    pub content: String,
    pub created_at: i64,
    pub outcome: Option<String>,
}

/// Which import a file waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    Applicants,
    Staff,
}

impl Shelf {
    fn table(self) -> &'static str {
        match self {
            Shelf::Applicants => "applicant_imports",
            Shelf::Staff => "staff_imports",
        }
    }
}

impl Repo {
    /// Keeps a file, replacing the program's earlier one, and deleting files older than
    /// `older_than` (milliseconds).
    pub async fn keep_file(
        &self,
        shelf: Shelf,
        program_id: ProgramId,
        user_id: UserId,
        file: &KeptFile,
        older_than: i64,
    ) -> Result<(), sqlx::Error> {
        let table = shelf.table();
        let mut tx = self.begin().await?;
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE program_id = $1 OR created_at < $2"
        ))
        .bind(program_id)
        .bind(older_than)
        .execute(&mut *tx)
        .await?;
        sqlx::query(&format!(
            "INSERT INTO {table} (token, program_id, user_id, file_name, encoding, content, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        ))
        .bind(&file.token)
        .bind(program_id)
        .bind(user_id)
        .bind(&file.file_name)
        .bind(&file.encoding)
        .bind(&file.content)
        .bind(file.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// The program's file, if any (waiting, or imported).
    pub async fn latest_file(
        &self,
        shelf: Shelf,
        program_id: ProgramId,
    ) -> Result<Option<KeptFile>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT token, file_name, encoding, content, created_at, outcome FROM {}
             WHERE program_id = $1 ORDER BY created_at DESC LIMIT 1",
            shelf.table()
        ))
        .bind(program_id)
        .fetch_optional(self.pool())
        .await
    }

    /// The file named by `token`, locked for its import, if it is the program's.
    pub async fn lock_file(
        &self,
        tx: &mut Tx,
        shelf: Shelf,
        program_id: ProgramId,
        token: &str,
    ) -> Result<Option<KeptFile>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT token, file_name, encoding, content, created_at, outcome FROM {}
             WHERE token = $1 AND program_id = $2{}",
            shelf.table(),
            self.for_update()
        ))
        .bind(token)
        .bind(program_id)
        .fetch_optional(&mut **tx)
        .await
    }

    /// Marks a file imported, with what the screen says of it (its text is no longer needed).
    pub async fn finish_file(
        &self,
        tx: &mut Tx,
        shelf: Shelf,
        token: &str,
        outcome: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(&format!(
            "UPDATE {} SET outcome = $1, content = '' WHERE token = $2",
            shelf.table()
        ))
        .bind(outcome)
        .bind(token)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Deletes the program's waiting file named by `token`; false when there was none.
    pub async fn discard_file(
        &self,
        shelf: Shelf,
        program_id: ProgramId,
        token: &str,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(&format!(
            "DELETE FROM {} WHERE token = $1 AND program_id = $2 AND outcome IS NULL",
            shelf.table()
        ))
        .bind(token)
        .bind(program_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
