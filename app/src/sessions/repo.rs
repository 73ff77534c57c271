//! Queries of interview sessions and their fill.

use super::domain::{Fill, SessionInput};
use crate::db::{now_ms, Repo, Tx};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub program_id: i64,
    pub name: String,
    pub session_date: String,
    pub start_time: String,
    pub end_time: String,
    pub time_zone: String,
    pub capacity: i64,
    pub visible: i64,
    pub confirmed: i64,
    pub pending: i64,
}

impl SessionRow {
    pub fn fill(&self) -> Fill {
        Fill {
            session_id: self.id,
            capacity: self.capacity,
            confirmed: self.confirmed,
            pending: self.pending,
        }
    }
}

/// Confirmed applicants hold seats; pending applicants who chose the session are counted beside.
const SESSION_COLUMNS: &str = "s.id, s.program_id, s.name, s.session_date, s.start_time, s.end_time,
    s.time_zone, s.capacity, s.visible,
    (SELECT COUNT(*) FROM applicants a WHERE a.session_id = s.id AND a.status = 'confirmed') AS confirmed,
    (SELECT COUNT(*) FROM applicants a WHERE a.status = 'pending'
        AND (a.first_choice_id = s.id OR a.second_choice_id = s.id)) AS pending";

impl Repo {
    pub async fn sessions(&self, program_id: i64) -> Result<Vec<SessionRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {SESSION_COLUMNS} FROM interview_sessions s WHERE s.program_id = $1
             ORDER BY s.session_date, s.start_time, s.id"
        ))
        .bind(program_id)
        .fetch_all(self.pool())
        .await
    }

    /// One session of one program (`None` for another program's session).
    pub async fn session(
        &self,
        program_id: i64,
        id: i64,
    ) -> Result<Option<SessionRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {SESSION_COLUMNS} FROM interview_sessions s WHERE s.program_id = $1 AND s.id = $2"
        ))
        .bind(program_id)
        .bind(id)
        .fetch_optional(self.pool())
        .await
    }

    pub async fn create_session(
        &self,
        tx: &mut Tx,
        program_id: i64,
        s: &SessionInput,
        time_zone: &str,
    ) -> Result<i64, sqlx::Error> {
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO interview_sessions
                (program_id, name, session_date, start_time, end_time, time_zone, capacity, visible, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(program_id)
        .bind(&s.name)
        .bind(s.date.format("%Y-%m-%d").to_string())
        .bind(s.start.format("%H:%M").to_string())
        .bind(s.end.format("%H:%M").to_string())
        .bind(time_zone)
        .bind(s.capacity)
        .bind(i64::from(s.visible))
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Locks a session of the program for the rest of the transaction (or savepoint) and returns its
    /// capacity and confirmed count.
    pub async fn lock_session(
        &self,
        conn: &mut sqlx::AnyConnection,
        program_id: i64,
        id: i64,
    ) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
        let row: Option<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT capacity, visible FROM interview_sessions WHERE id = $1 AND program_id = $2{}",
            self.for_update()
        ))
        .bind(id)
        .bind(program_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((capacity, visible)) = row else {
            return Ok(None);
        };
        let (confirmed,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM applicants WHERE session_id = $1 AND status = 'confirmed'",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(Some((capacity, confirmed, visible)))
    }

    pub async fn update_session(
        &self,
        tx: &mut Tx,
        id: i64,
        s: &SessionInput,
        time_zone: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE interview_sessions SET name = $1, session_date = $2, start_time = $3, end_time = $4,
                time_zone = $5, capacity = $6, visible = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&s.name)
        .bind(s.date.format("%Y-%m-%d").to_string())
        .bind(s.start.format("%H:%M").to_string())
        .bind(s.end.format("%H:%M").to_string())
        .bind(time_zone)
        .bind(s.capacity)
        .bind(i64::from(s.visible))
        .bind(now_ms())
        .bind(id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn delete_session(&self, tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM interview_sessions WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
