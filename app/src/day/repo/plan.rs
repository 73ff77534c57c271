//! The stored plan of a session's day, its last report, and the session's times that follow it.

use crate::db::{now_ms, Repo, Tx};
use crate::ids::SessionId;
use chrono::NaiveTime;
use sqlx::FromRow;

/// A session's stored plan (breaks and report as JSON text).
#[derive(Debug, Clone, FromRow)]
pub struct DayRow {
    pub interview_minutes: i64,
    pub passing_minutes: i64,
    pub rounds: i64,
    pub interviews_per_applicant: Option<i64>,
    pub breaks: String,
    pub report: Option<String>,
}

impl Repo {
    pub async fn day(&self, session: SessionId) -> Result<Option<DayRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT interview_minutes, passing_minutes, rounds, interviews_per_applicant, breaks, report
             FROM session_days WHERE session_id = $1",
        )
        .bind(session)
        .fetch_optional(self.pool())
        .await
    }

    /// Stores a session's plan (the report is kept).
    pub async fn save_day(
        &self,
        tx: &mut Tx,
        session: SessionId,
        day: &DayRow,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO session_days
                (session_id, interview_minutes, passing_minutes, rounds, interviews_per_applicant, breaks, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (session_id) DO UPDATE SET interview_minutes = $2, passing_minutes = $3,
                rounds = $4, interviews_per_applicant = $5, breaks = $6, updated_at = $7",
        )
        .bind(session)
        .bind(day.interview_minutes)
        .bind(day.passing_minutes)
        .bind(day.rounds)
        .bind(day.interviews_per_applicant)
        .bind(&day.breaks)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn set_day_report(
        &self,
        tx: &mut Tx,
        session: SessionId,
        report: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE session_days SET report = $1 WHERE session_id = $2")
            .bind(report)
            .bind(session)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Moves a session's start and end (the day's plan computes them).
    pub async fn set_session_times(
        &self,
        tx: &mut Tx,
        session: SessionId,
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE interview_sessions SET start_time = $1, end_time = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(crate::db::columns::time_text(start))
        .bind(crate::db::columns::time_text(end))
        .bind(now_ms())
        .bind(session)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}
