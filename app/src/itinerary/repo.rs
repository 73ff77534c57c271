//! Queries of finalized days: the versions a session published, the one that is out, and who
//! interviews in it.

use crate::db::columns::Millis;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, DraftVersion, ItineraryVersion, ProgramId, SessionId, UserId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// A published version, without its body.
#[derive(Debug, Clone, FromRow)]
pub struct VersionRow {
    pub version: ItineraryVersion,
    /// Who published it (empty when their account is gone).
    pub published_by: Option<String>,
    #[sqlx(try_from = "Millis")]
    pub published_at: DateTime<Utc>,
}

/// The version of a session that is out, with its body (JSON of `Published`).
#[derive(Debug, Clone, FromRow)]
pub struct OutRow {
    pub version: ItineraryVersion,
    pub body: String,
}

/// A published day an interviewer sits in, with its program.
#[derive(Debug, Clone, FromRow)]
pub struct SeatRow {
    pub program_name: String,
    pub session_id: SessionId,
    pub version: ItineraryVersion,
    pub body: String,
}

/// A version of a session in a program the person belongs to (for their calendar).
#[derive(Debug, Clone, FromRow)]
pub struct HistoryRow {
    pub session_id: SessionId,
    pub program_id: ProgramId,
    pub program_name: String,
    pub version: ItineraryVersion,
    pub body: String,
    pub published_version: Option<ItineraryVersion>,
}

/// An applicant record of a person (one per program that added them).
#[derive(Debug, Clone, FromRow)]
pub struct ApplicantRecord {
    pub id: ApplicantId,
    pub program_id: ProgramId,
    pub session_id: Option<SessionId>,
    pub status: crate::applicants::domain::Status,
}

impl Repo {
    /// Every published version of the sessions of programs the person is on the staff of, or
    /// an applicant to, by session and version.
    pub async fn calendar_history(
        &self,
        user: UserId,
        email: &str,
    ) -> Result<Vec<HistoryRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT v.session_id, s.program_id, p.name AS program_name, v.version, v.body,
                    d.published_version
             FROM schedule_versions v
             JOIN session_days d ON d.session_id = v.session_id
             JOIN interview_sessions s ON s.id = v.session_id
             JOIN programs p ON p.id = s.program_id
             WHERE s.program_id IN (SELECT program_id FROM memberships WHERE user_id = $1)
                OR s.program_id IN (SELECT program_id FROM applicants WHERE email = $2)
             ORDER BY v.session_id, v.version",
        )
        .bind(user)
        .bind(email)
        .fetch_all(self.pool())
        .await
    }

    /// The person's applicant records, by the e-mail they log in with.
    pub async fn applicant_records(
        &self,
        email: &str,
    ) -> Result<Vec<ApplicantRecord>, sqlx::Error> {
        sqlx::query_as("SELECT id, program_id, session_id, status FROM applicants WHERE email = $1")
            .bind(email)
            .fetch_all(self.pool())
            .await
    }

    /// Makes (or replaces) the person's calendar token.
    pub async fn set_calendar_token(&self, user: UserId, hash: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE SET token_hash = $2, created_at = $3",
        )
        .bind(user)
        .bind(hash)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Whether the person has a calendar link on.
    pub async fn has_calendar_token(&self, user: UserId) -> Result<bool, sqlx::Error> {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT user_id FROM calendar_tokens WHERE user_id = $1")
                .bind(user)
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// Turns the person's calendar feed off; whether there was one.
    pub async fn delete_calendar_token(&self, user: UserId) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("DELETE FROM calendar_tokens WHERE user_id = $1")
            .bind(user)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Whose calendar token this is (by its hash): the user and their e-mail.
    pub async fn calendar_owner(
        &self,
        hash: &str,
    ) -> Result<Option<(UserId, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT u.id, u.email FROM calendar_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1",
        )
        .bind(hash)
        .fetch_optional(self.pool())
        .await
    }

    /// The version of the session that is out (`None`: not finalized).
    pub async fn published(&self, session: SessionId) -> Result<Option<OutRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT v.version, v.body FROM session_days d
             JOIN schedule_versions v ON v.session_id = d.session_id AND v.version = d.published_version
             WHERE d.session_id = $1",
        )
        .bind(session)
        .fetch_optional(self.pool())
        .await
    }

    /// Every version the session published, newest first.
    pub async fn versions(&self, session: SessionId) -> Result<Vec<VersionRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT v.version, u.name AS published_by, v.published_at FROM schedule_versions v
             LEFT JOIN users u ON u.id = v.published_by
             WHERE v.session_id = $1 ORDER BY v.version DESC",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    /// One version's body.
    pub async fn version_body(
        &self,
        session: SessionId,
        version: ItineraryVersion,
    ) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT body FROM schedule_versions WHERE session_id = $1 AND version = $2",
        )
        .bind(session)
        .bind(version)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.0))
    }

    /// Stores a new version and makes it the one that is out; returns its number.
    pub async fn publish_version(
        &self,
        tx: &mut Tx,
        session: SessionId,
        body: &str,
        by: UserId,
        interviewers: &[UserId],
    ) -> Result<ItineraryVersion, sqlx::Error> {
        let (next,): (ItineraryVersion,) = sqlx::query_as(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM schedule_versions WHERE session_id = $1",
        )
        .bind(session)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO schedule_versions (session_id, version, body, published_by, published_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(session)
        .bind(next)
        .bind(body)
        .bind(by)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        self.set_out(tx, session, Some(next), interviewers).await?;
        Ok(next)
    }

    /// Sets the version that is out (`None`: takes it down) and who interviews in it.
    pub async fn set_out(
        &self,
        tx: &mut Tx,
        session: SessionId,
        version: Option<ItineraryVersion>,
        interviewers: &[UserId],
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE session_days SET published_version = $1 WHERE session_id = $2")
            .bind(version)
            .bind(session)
            .execute(&mut **tx)
            .await?;
        sqlx::query("DELETE FROM published_interviewers WHERE session_id = $1")
            .bind(session)
            .execute(&mut **tx)
            .await?;
        for user in interviewers {
            sqlx::query("INSERT INTO published_interviewers (session_id, user_id) VALUES ($1, $2)")
                .bind(session)
                .bind(*user)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// The published days `user` interviews in, across programs, by date.
    pub async fn interviewer_days(&self, user: UserId) -> Result<Vec<SeatRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT p.name AS program_name, s.id AS session_id, v.version, v.body
             FROM published_interviewers pi
             JOIN interview_sessions s ON s.id = pi.session_id
             JOIN programs p ON p.id = s.program_id
             JOIN session_days d ON d.session_id = s.id
             JOIN schedule_versions v ON v.session_id = s.id AND v.version = d.published_version
             WHERE pi.user_id = $1
             ORDER BY s.session_date, s.start_time, s.id",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await
    }

    /// The draft's version, locked for the transaction.
    pub async fn draft_version_locked(
        &self,
        tx: &mut Tx,
        session: SessionId,
    ) -> Result<DraftVersion, sqlx::Error> {
        let sql = format!(
            "SELECT draft_version FROM session_days WHERE session_id = $1{}",
            self.for_update()
        );
        let row: Option<(DraftVersion,)> = sqlx::query_as(&sql)
            .bind(session)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(row.map_or(DraftVersion(0), |(v,)| v))
    }

    /// The e-mail of an applicant of the program.
    pub async fn applicant_email(
        &self,
        program: ProgramId,
        applicant: ApplicantId,
    ) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT email FROM applicants WHERE program_id = $1 AND id = $2")
                .bind(program)
                .bind(applicant)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|r| r.0))
    }

    /// The e-mail a user logs in with.
    pub async fn user_email(&self, user: UserId) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(String,)> = sqlx::query_as("SELECT email FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.0))
    }
}
