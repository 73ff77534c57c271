//! Queries of a person's own account: their login sessions, their name and their e-mail.

use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, UserId};
use sqlx::FromRow;

/// A live login session of one person.
#[derive(Debug, Clone, FromRow)]
pub struct LoginSessionRow {
    pub token_hash: String,
    pub user_agent: Option<String>,
    pub created_at: i64,
    pub last_seen_at: Option<i64>,
}

impl Repo {
    /// The person's live login sessions, the most recently used first.
    pub async fn login_sessions_of(
        &self,
        user_id: UserId,
    ) -> Result<Vec<LoginSessionRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT token_hash, user_agent, created_at, last_seen_at FROM login_sessions
             WHERE user_id = $1 AND expires_at > $2
             ORDER BY COALESCE(last_seen_at, created_at) DESC, token_hash",
        )
        .bind(user_id)
        .bind(now_ms())
        .fetch_all(self.pool())
        .await
    }

    /// Notes that a login session was used now.
    pub async fn touch_login_session(&self, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE login_sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Ends the person's login sessions (all, or all but `except`); returns the ended ones'
    /// token hashes, whose push streams are then told.
    pub async fn end_login_sessions(
        &self,
        tx: &mut Tx,
        user_id: UserId,
        except: Option<&str>,
    ) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "DELETE FROM login_sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash",
        )
        .bind(user_id)
        .bind(except.unwrap_or(""))
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Ends one of the person's login sessions by its public id (the first 16 characters of
    /// its token's hash), never `except`; returns the ended ones' token hashes.
    pub async fn end_login_session_by_id(
        &self,
        user_id: UserId,
        id: &str,
        except: &str,
    ) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "DELETE FROM login_sessions
             WHERE user_id = $1 AND SUBSTR(token_hash, 1, 16) = $2 AND token_hash <> $3
             RETURNING token_hash",
        )
        .bind(user_id)
        .bind(id)
        .bind(except)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    pub async fn set_user_name(&self, user_id: UserId, name: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE users SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The newest new e-mail of the person whose confirmation link is still out.
    pub async fn pending_email_change(
        &self,
        user_id: UserId,
    ) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT email FROM email_tokens
             WHERE purpose = 'change_email' AND payload = $1 AND used_at IS NULL AND expires_at > $2
             ORDER BY created_at DESC LIMIT 1",
        )
        .bind(user_id.to_string())
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.0))
    }

    /// Programs with an application under both e-mails (which a change would merge).
    pub async fn programs_with_both_emails(
        &self,
        tx: &mut Tx,
        old: &str,
        new: &str,
    ) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT p.name FROM applicants a
             JOIN applicants b ON b.program_id = a.program_id AND b.email = $2
             JOIN programs p ON p.id = a.program_id
             WHERE a.email = $1 ORDER BY p.name",
        )
        .bind(old)
        .bind(new)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Moves an account, and the applications programs hold under its e-mail, to a new e-mail
    /// (confirmed: whoever opened the link reads that mailbox). Returns the programs whose
    /// applicants changed.
    pub async fn move_account_email(
        &self,
        tx: &mut Tx,
        user_id: UserId,
        old: &str,
        new: &str,
    ) -> Result<Vec<ProgramId>, sqlx::Error> {
        sqlx::query("UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3")
            .bind(new)
            .bind(now_ms())
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
        let programs: Vec<(ProgramId,)> =
            sqlx::query_as("UPDATE applicants SET email = $1, updated_at = $3 WHERE email = $2 RETURNING program_id")
                .bind(new)
                .bind(old)
                .bind(now_ms())
                .fetch_all(&mut **tx)
                .await?;
        Ok(programs.into_iter().map(|r| r.0).collect())
    }
}
