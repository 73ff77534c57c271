//! Queries of meeting rooms: a program's rooms (all, or those of one session's day), adding and
//! removing one.

use super::domain::Audience;
use crate::db::columns::{time_text, TimeText};
use crate::db::{now_ms, Repo};
use crate::ids::{MeetingRoomId, ProgramId, SessionId};
use chrono::NaiveTime;
use sqlx::FromRow;

/// A meeting room as stored.
#[derive(Debug, Clone, FromRow)]
pub struct MeetingRoomRow {
    pub id: MeetingRoomId,
    /// `None`: every session of the program.
    pub session_id: Option<SessionId>,
    pub name: String,
    pub audience: Audience,
    #[sqlx(try_from = "TimeText")]
    pub start_time: NaiveTime,
    #[sqlx(try_from = "TimeText")]
    pub end_time: NaiveTime,
    pub location: String,
    pub video_token: String,
}

/// A new meeting room.
pub struct NewMeetingRoom<'a> {
    pub session: Option<SessionId>,
    pub name: &'a str,
    pub audience: Audience,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub location: &'a str,
    pub video_token: &'a str,
}

const MEETING_COLUMNS: &str =
    "id, session_id, name, audience, start_time, end_time, location, video_token";

impl Repo {
    /// The program's meeting rooms (`session`: only those of that session's day, the
    /// program-wide ones included), by start.
    pub async fn meeting_rooms(
        &self,
        program: ProgramId,
        session: Option<SessionId>,
    ) -> Result<Vec<MeetingRoomRow>, sqlx::Error> {
        match session {
            Some(session) => {
                sqlx::query_as(&format!(
                    "SELECT {MEETING_COLUMNS} FROM meeting_rooms
                     WHERE program_id = $1 AND (session_id IS NULL OR session_id = $2)
                     ORDER BY start_time, id"
                ))
                .bind(program)
                .bind(session)
                .fetch_all(self.pool())
                .await
            }
            None => {
                sqlx::query_as(&format!(
                    "SELECT {MEETING_COLUMNS} FROM meeting_rooms WHERE program_id = $1
                     ORDER BY start_time, id"
                ))
                .bind(program)
                .fetch_all(self.pool())
                .await
            }
        }
    }

    pub async fn create_meeting_room(
        &self,
        program: ProgramId,
        room: &NewMeetingRoom<'_>,
    ) -> Result<MeetingRoomId, sqlx::Error> {
        let (id,): (MeetingRoomId,) = sqlx::query_as(
            "INSERT INTO meeting_rooms
                (program_id, session_id, name, audience, start_time, end_time, location, video_token, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(program)
        .bind(room.session)
        .bind(room.name)
        .bind(room.audience)
        .bind(time_text(room.start))
        .bind(time_text(room.end))
        .bind(room.location)
        .bind(room.video_token)
        .bind(now_ms())
        .fetch_one(self.pool())
        .await?;
        Ok(id)
    }

    /// Removes a meeting room of the program; whether there was one.
    pub async fn delete_meeting_room(
        &self,
        program: ProgramId,
        id: MeetingRoomId,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("DELETE FROM meeting_rooms WHERE program_id = $1 AND id = $2")
            .bind(program)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
