//! Queries of accounts: users, login sessions, e-mail tokens and login failures.

use super::caller::Caller;
use super::domain::{LoginFailures, Role, TokenPurpose};
use crate::db::columns::{IntFlag, OptMillis};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, UserId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    #[sqlx(try_from = "OptMillis")]
    pub email_verified_at: Option<DateTime<Utc>>,
}

/// A program the person is staff of, with their role there.
#[derive(Debug, Clone, FromRow)]
pub struct MembershipRow {
    pub program_id: ProgramId,
    pub program_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, FromRow)]
pub struct TokenRow {
    pub email: String,
    pub payload: Option<String>,
}

/// What a person may still reach: their active and deactivated memberships, and whether they
/// are an applicant of any program.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct Access {
    pub active: i64,
    pub deactivated: i64,
    #[sqlx(try_from = "IntFlag")]
    pub applicant: bool,
}

impl Repo {
    /// What `user_id` may still reach (`email`: theirs, an applicant's key).
    pub async fn access_of(&self, user_id: UserId, email: &str) -> Result<Access, sqlx::Error> {
        sqlx::query_as(
            "SELECT
                (SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND deactivated_at IS NULL) AS active,
                (SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND deactivated_at IS NOT NULL) AS deactivated,
                CASE WHEN EXISTS (SELECT 1 FROM applicants WHERE email = $2) THEN 1 ELSE 0 END AS applicant",
        )
        .bind(user_id)
        .bind(email)
        .fetch_one(self.pool())
        .await
    }

    /// Notes a successful log-in (the staff list shows the last one).
    pub async fn note_login(&self, user_id: UserId) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// `db` is the pool, or a transaction (`&mut *tx`) when the lookup is part of a write.
    pub async fn user_by_email<'e, E>(
        &self,
        db: E,
        email: &str,
    ) -> Result<Option<UserRow>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(
            "SELECT id, email, name, password_hash, email_verified_at FROM users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(db)
        .await
    }

    /// Creates a user, or returns the existing one with that e-mail.
    pub async fn ensure_user(
        &self,
        tx: &mut Tx,
        email: &str,
        name: &str,
    ) -> Result<UserId, sqlx::Error> {
        let existing: Option<(UserId,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&mut **tx)
            .await?;
        if let Some((id,)) = existing {
            return Ok(id);
        }
        let (id,): (UserId,) = sqlx::query_as(
            "INSERT INTO users (email, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(email)
        .bind(name)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Sets a user's password and marks the e-mail confirmed (whoever sets a password through an
    /// e-mailed link has shown they read that mailbox).
    pub async fn set_password_verified(
        &self,
        tx: &mut Tx,
        user_id: UserId,
        password_hash: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE users SET password_hash = $1, email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $3",
        )
        .bind(password_hash)
        .bind(now_ms())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn memberships(&self, user_id: UserId) -> Result<Vec<MembershipRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT m.program_id, p.name AS program_name, m.role
             FROM memberships m JOIN programs p ON p.id = m.program_id
             WHERE m.user_id = $1 AND m.deactivated_at IS NULL ORDER BY m.created_at, p.id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await
    }

    pub async fn create_login_session(
        &self,
        token_hash: &str,
        user_id: UserId,
        program_id: Option<ProgramId>,
        expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        self.create_login_session_on(token_hash, user_id, program_id, expires_at, None)
            .await
    }

    /// A login session opened from a browser (`user_agent`: its User-Agent, which names the
    /// session on the account page).
    pub async fn create_login_session_on(
        &self,
        token_hash: &str,
        user_id: UserId,
        program_id: Option<ProgramId>,
        expires_at: i64,
        user_agent: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO login_sessions
                (token_hash, user_id, program_id, created_at, expires_at, user_agent, last_seen_at)
             VALUES ($1, $2, $3, $4, $5, $6, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(program_id)
        .bind(now)
        .bind(expires_at)
        .bind(user_agent)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The live login session with this token hash, as the caller it belongs to.
    pub async fn login_session(&self, token_hash: &str) -> Result<Option<Caller>, sqlx::Error> {
        sqlx::query_as(
            "SELECT s.token_hash, s.user_id, u.email, u.name, s.program_id, p.name AS program_name,
                    m.role, s.acting_role, s.last_seen_at
             FROM login_sessions s
             JOIN users u ON u.id = s.user_id
             LEFT JOIN programs p ON p.id = s.program_id
             LEFT JOIN memberships m ON m.user_id = s.user_id AND m.program_id = s.program_id
                  AND m.deactivated_at IS NULL
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await
    }

    pub async fn delete_login_session(&self, token_hash: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM login_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Moves a login session to another program (the switch is cleared: roles are per program).
    pub async fn set_session_program(
        &self,
        token_hash: &str,
        program_id: ProgramId,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE login_sessions SET program_id = $1, acting_role = NULL WHERE token_hash = $2",
        )
        .bind(program_id)
        .bind(token_hash)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn set_acting_role(
        &self,
        token_hash: &str,
        role: Option<Role>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE login_sessions SET acting_role = $1 WHERE token_hash = $2")
            .bind(role)
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Failed logins since `since` for the account and for the client address.
    pub async fn login_failures(
        &self,
        account: &str,
        client: &str,
        since: i64,
    ) -> Result<LoginFailures, sqlx::Error> {
        sqlx::query_as(
            "SELECT
                (SELECT COUNT(*) FROM login_failures WHERE account = $1 AND at > $3) AS by_account,
                (SELECT COUNT(*) FROM login_failures WHERE client = $2 AND at > $3) AS by_client",
        )
        .bind(account)
        .bind(client)
        .bind(since)
        .fetch_one(self.pool())
        .await
    }

    pub async fn record_login_failure(
        &self,
        account: &str,
        client: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO login_failures (account, client, at) VALUES ($1, $2, $3)")
            .bind(account)
            .bind(client)
            .bind(now_ms())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn clear_login_failures(&self, account: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM login_failures WHERE account = $1")
            .bind(account)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn create_email_token(
        &self,
        tx: &mut Tx,
        token_hash: &str,
        email: &str,
        purpose: TokenPurpose,
        payload: Option<&str>,
        expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO email_tokens (token_hash, email, purpose, payload, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(email)
        .bind(purpose)
        .bind(payload)
        .bind(now_ms())
        .bind(expires_at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Uses a token up: one conditional update, so a link works exactly once even when opened
    /// twice at the same moment.
    pub async fn consume_email_token(
        &self,
        tx: &mut Tx,
        token_hash: &str,
        purpose: TokenPurpose,
    ) -> Result<Option<TokenRow>, sqlx::Error> {
        let now = now_ms();
        sqlx::query_as(
            "UPDATE email_tokens SET used_at = $1
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
             RETURNING email, payload",
        )
        .bind(now)
        .bind(token_hash)
        .bind(purpose)
        .fetch_optional(&mut **tx)
        .await
    }

    /// The name an applicant gave in their application (any program), if the e-mail is known.
    pub async fn applicant_name<'e, E>(
        &self,
        db: E,
        email: &str,
    ) -> Result<Option<String>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT name FROM applicants WHERE email = $1 ORDER BY id LIMIT 1")
                .bind(email)
                .fetch_optional(db)
                .await?;
        Ok(row.map(|r| r.0))
    }
}
