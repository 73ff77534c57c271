//! A day's rooms and the interviewers seated in them.

use crate::db::{now_ms, Repo, Tx};
use crate::ids::{RoomId, SessionId, UserId};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct RoomRow {
    pub id: RoomId,
    pub name: String,
    pub location: String,
    pub video_token: String,
}

/// A room's interviewer, with their name.
#[derive(Debug, Clone, FromRow)]
pub struct SeatRow {
    pub room_id: RoomId,
    pub user_id: UserId,
    pub name: String,
}

impl Repo {
    pub async fn rooms(&self, session: SessionId) -> Result<Vec<RoomRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, location, video_token FROM rooms WHERE session_id = $1
             ORDER BY position, id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    /// The room of a session (`None`: not this session's).
    pub async fn room_in(
        &self,
        tx: &mut Tx,
        session: SessionId,
        room: RoomId,
    ) -> Result<Option<RoomRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, location, video_token FROM rooms WHERE session_id = $1 AND id = $2",
        )
        .bind(session)
        .bind(room)
        .fetch_optional(&mut **tx)
        .await
    }

    pub async fn seats(&self, session: SessionId) -> Result<Vec<SeatRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT ri.room_id, ri.user_id, u.name FROM room_interviewers ri
             JOIN rooms r ON r.id = ri.room_id JOIN users u ON u.id = ri.user_id
             WHERE r.session_id = $1 ORDER BY u.name, u.id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    pub async fn create_room(
        &self,
        tx: &mut Tx,
        session: SessionId,
        name: &str,
        location: &str,
        video_token: &str,
    ) -> Result<RoomId, sqlx::Error> {
        let (id,): (RoomId,) = sqlx::query_as(
            "INSERT INTO rooms (session_id, name, location, video_token, position, created_at)
             VALUES ($1, $2, $3, $4,
                (SELECT COALESCE(MAX(position), 0) + 1 FROM rooms WHERE session_id = $1), $5)
             RETURNING id",
        )
        .bind(session)
        .bind(name)
        .bind(location)
        .bind(video_token)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    pub async fn update_room(
        &self,
        tx: &mut Tx,
        room: RoomId,
        name: &str,
        location: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE rooms SET name = $1, location = $2 WHERE id = $3")
            .bind(name)
            .bind(location)
            .bind(room)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn set_room_interviewers(
        &self,
        tx: &mut Tx,
        room: RoomId,
        interviewers: &[UserId],
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM room_interviewers WHERE room_id = $1")
            .bind(room)
            .execute(&mut **tx)
            .await?;
        for user in interviewers {
            sqlx::query("INSERT INTO room_interviewers (room_id, user_id) VALUES ($1, $2)")
                .bind(room)
                .bind(user)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Removes a room; its interviewers and its slots go with it.
    pub async fn delete_room(&self, tx: &mut Tx, room: RoomId) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM rooms WHERE id = $1")
            .bind(room)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
