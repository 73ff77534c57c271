//! Who a day concerns: interviewers (and the other sessions they sit in), confirmed applicants,
//! and applicants the draft still places.

use crate::applicants::domain::SEAT_GIVEN_UP;
use crate::db::columns::{DateText, TimeText, ZoneText};
use crate::db::{Repo, Tx};
use crate::ids::{ProgramId, SessionId, UserId};
use chrono::{NaiveDate, NaiveTime};
use sqlx::FromRow;

/// A session an interviewer sits in a room of, with its times (for the overlap check).
#[derive(Debug, Clone, FromRow)]
pub struct BusyRow {
    pub session_id: SessionId,
    pub program_id: ProgramId,
    pub name: String,
    #[sqlx(rename = "session_date", try_from = "DateText")]
    pub date: NaiveDate,
    #[sqlx(rename = "start_time", try_from = "TimeText")]
    pub start: NaiveTime,
    #[sqlx(rename = "end_time", try_from = "TimeText")]
    pub end: NaiveTime,
    #[sqlx(try_from = "ZoneText")]
    pub time_zone: chrono_tz::Tz,
}

/// A person by id and name (a confirmed applicant, a staff member).
#[derive(Debug, Clone, FromRow)]
pub struct NamedRow {
    pub id: i64,
    pub name: String,
}

impl Repo {
    /// The sessions (any program's) in whose rooms `user` sits, other than `except`.
    pub async fn interviewer_sessions(
        &self,
        tx: &mut Tx,
        user: UserId,
        except: SessionId,
    ) -> Result<Vec<BusyRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT DISTINCT s.id AS session_id, s.program_id, s.name, s.session_date,
                s.start_time, s.end_time, s.time_zone
             FROM room_interviewers ri JOIN rooms r ON r.id = ri.room_id
             JOIN interview_sessions s ON s.id = r.session_id
             WHERE ri.user_id = $1 AND s.id <> $2
             ORDER BY s.session_date, s.start_time",
        )
        .bind(user)
        .bind(except)
        .fetch_all(&mut **tx)
        .await
    }

    pub async fn user_name<'e, E>(&self, db: E, user: UserId) -> Result<Option<String>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let row: Option<(String,)> = sqlx::query_as("SELECT name FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(db)
            .await?;
        Ok(row.map(|(n,)| n))
    }

    /// The interviewers seated in a session's rooms.
    pub async fn session_interviewers(
        &self,
        tx: &mut Tx,
        session: SessionId,
    ) -> Result<Vec<UserId>, sqlx::Error> {
        let rows: Vec<(UserId,)> = sqlx::query_as(
            "SELECT DISTINCT ri.user_id FROM room_interviewers ri JOIN rooms r ON r.id = ri.room_id
             WHERE r.session_id = $1 ORDER BY ri.user_id",
        )
        .bind(session)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|(u,)| u).collect())
    }

    /// The applicants holding a seat in a session (confirmed, or marked Interviewed or No-show on
    /// the day), by name.
    pub async fn confirmed_in(&self, session: SessionId) -> Result<Vec<NamedRow>, sqlx::Error> {
        let [a, b, c] = SEAT_GIVEN_UP;
        sqlx::query_as(
            "SELECT id, name FROM applicants WHERE session_id = $1 AND status NOT IN ($2, $3, $4)
             ORDER BY name, id",
        )
        .bind(session)
        .bind(a)
        .bind(b)
        .bind(c)
        .fetch_all(self.pool())
        .await
    }

    /// Everyone the session's draft places, by name, whatever their status now (a cancelled
    /// applicant's cells stay until moved, and are named, not numbered).
    pub async fn on_draft(&self, session: SessionId) -> Result<Vec<NamedRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT DISTINCT a.id, a.name FROM applicants a
             JOIN schedule_slots s ON s.applicant_id = a.id
             WHERE s.session_id = $1 ORDER BY a.name, a.id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }
}
