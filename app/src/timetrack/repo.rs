//! Queries of TimeTrack: room statuses, broadcasts, presence, and who a session's pushes reach.

use super::domain::{BroadcastAudience, RoomStatus};
use super::types::Broadcast;
use crate::applicants::domain::Status;
use crate::day::domain::grid::Round;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, BroadcastId, RoomId, SessionId, UserId};
use chrono::DateTime;
use sqlx::FromRow;
use std::collections::HashMap;

#[derive(FromRow)]
struct BroadcastRow {
    id: BroadcastId,
    session_id: SessionId,
    audience: BroadcastAudience,
    body: String,
    sent_by: Option<String>,
    sent_at: i64,
    time_zone: String,
}

impl From<BroadcastRow> for Broadcast {
    fn from(r: BroadcastRow) -> Broadcast {
        Broadcast {
            id: r.id,
            session: r.session_id,
            audience: r.audience,
            body: r.body,
            from: r.sent_by.unwrap_or_else(|| "A coordinator".into()),
            at: sent_at(r.sent_at, &r.time_zone),
        }
    }
}

/// A broadcast's time in the session's zone, named ("10:42 AM EST").
pub fn sent_at(ms: i64, time_zone: &str) -> String {
    let tz: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
    let at = DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&tz);
    format!(
        "{} {}",
        crate::sessions::domain::clock(at.time()),
        at.format("%Z")
    )
}

impl Repo {
    /// Every stored room status of a session, by room and round (a room and round without
    /// one is Not ready).
    pub async fn room_statuses(
        &self,
        tx: Option<&mut Tx>,
        session: SessionId,
    ) -> Result<HashMap<(RoomId, Round), RoomStatus>, sqlx::Error> {
        let query = sqlx::query_as::<_, (RoomId, i64, RoomStatus)>(
            "SELECT room_id, round, status FROM room_statuses WHERE session_id = $1",
        )
        .bind(session);
        let rows = match tx {
            Some(tx) => query.fetch_all(&mut **tx).await?,
            None => query.fetch_all(self.pool()).await?,
        };
        Ok(rows
            .into_iter()
            .filter_map(|(room, round, status)| {
                Some(((room, Round::try_from(round).ok()?), status))
            })
            .collect())
    }

    /// A room's status in a round, locked for the transaction (on PostgreSQL; SQLite has one
    /// writer): Not ready when none is stored.
    pub async fn lock_room_status(
        &self,
        tx: &mut Tx,
        session: SessionId,
        room: RoomId,
        round: Round,
    ) -> Result<RoomStatus, sqlx::Error> {
        let sql = format!(
            "SELECT status FROM room_statuses WHERE session_id = $1 AND room_id = $2 AND round = $3{}",
            self.for_update()
        );
        let row: Option<(RoomStatus,)> = sqlx::query_as(&sql)
            .bind(session)
            .bind(room)
            .bind(i64::from(round))
            .fetch_optional(&mut **tx)
            .await?;
        Ok(row.map_or(RoomStatus::Waiting, |(s,)| s))
    }

    pub async fn save_room_status(
        &self,
        tx: &mut Tx,
        session: SessionId,
        room: RoomId,
        round: Round,
        status: RoomStatus,
        by: UserId,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO room_statuses (session_id, room_id, round, status, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (session_id, room_id, round)
             DO UPDATE SET status = $4, updated_by = $5, updated_at = $6",
        )
        .bind(session)
        .bind(room)
        .bind(i64::from(round))
        .bind(status)
        .bind(by)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Stores a broadcast; its id and when it was sent.
    pub async fn add_broadcast(
        &self,
        session: SessionId,
        audience: BroadcastAudience,
        body: &str,
        by: UserId,
    ) -> Result<(BroadcastId, i64), sqlx::Error> {
        let at = now_ms();
        let (id,): (BroadcastId,) = sqlx::query_as(
            "INSERT INTO broadcasts (session_id, audience, body, sent_by, sent_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(session)
        .bind(audience)
        .bind(body)
        .bind(by)
        .bind(at)
        .fetch_one(self.pool())
        .await?;
        Ok((id, at))
    }

    /// A session's broadcasts, newest first.
    pub async fn broadcasts(&self, session: SessionId) -> Result<Vec<Broadcast>, sqlx::Error> {
        let rows: Vec<BroadcastRow> = sqlx::query_as(
            "SELECT b.id, b.session_id, b.audience, b.body, u.name AS sent_by, b.sent_at,
                s.time_zone
             FROM broadcasts b JOIN interview_sessions s ON s.id = b.session_id
             LEFT JOIN users u ON u.id = b.sent_by
             WHERE b.session_id = $1 ORDER BY b.id DESC",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(Broadcast::from).collect())
    }

    /// Notes that someone opened their TimeTrack screen of a session (the first time counts).
    pub async fn note_presence(&self, session: SessionId, email: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO timetrack_presence (session_id, email, first_seen) VALUES ($1, $2, $3)
             ON CONFLICT (session_id, email) DO NOTHING",
        )
        .bind(session)
        .bind(email)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The e-mails of who opened their TimeTrack screen of a session.
    pub async fn present(&self, session: SessionId) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT email FROM timetrack_presence WHERE session_id = $1")
                .bind(session)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(|(e,)| e).collect())
    }

    /// The applicants assigned to a session: (id, e-mail, status).
    pub async fn session_applicants(
        &self,
        session: SessionId,
    ) -> Result<Vec<(ApplicantId, String, Status)>, sqlx::Error> {
        sqlx::query_as("SELECT id, email, status FROM applicants WHERE session_id = $1")
            .bind(session)
            .fetch_all(self.pool())
            .await
    }

    /// The published day's interviewers of a session: (user, e-mail).
    pub async fn day_interviewer_emails(
        &self,
        session: SessionId,
    ) -> Result<Vec<(UserId, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT u.id, u.email FROM published_interviewers pi JOIN users u ON u.id = pi.user_id
             WHERE pi.session_id = $1",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }
}
