//! Queries of the portal's video: the room a link's token names (an interview room or a
//! meeting room, with its program and session), and an applicant of a program by the e-mail
//! they log in with.

use crate::db::Repo;
use crate::ids::{ApplicantId, ProgramId, RoomId, SessionId};
use sqlx::FromRow;

/// The room a video link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkedRoom {
    Interview {
        program: ProgramId,
        session: SessionId,
        room: RoomId,
        name: String,
    },
    /// A meeting room, by name; `session` none: the program's, on each of its days.
    Meeting {
        program: ProgramId,
        session: Option<SessionId>,
        name: String,
    },
}

#[derive(FromRow)]
struct InterviewRow {
    program_id: ProgramId,
    session_id: SessionId,
    id: RoomId,
    name: String,
}

#[derive(FromRow)]
struct MeetingRow {
    program_id: ProgramId,
    session_id: Option<SessionId>,
    name: String,
}

impl Repo {
    /// The room whose video link carries `token`, if any.
    pub async fn linked_room(&self, token: &str) -> Result<Option<LinkedRoom>, sqlx::Error> {
        let interview: Option<InterviewRow> = sqlx::query_as(
            "SELECT s.program_id, r.session_id, r.id, r.name FROM rooms r
             JOIN interview_sessions s ON s.id = r.session_id
             WHERE r.video_token = $1",
        )
        .bind(token)
        .fetch_optional(self.pool())
        .await?;
        if let Some(r) = interview {
            return Ok(Some(LinkedRoom::Interview {
                program: r.program_id,
                session: r.session_id,
                room: r.id,
                name: r.name,
            }));
        }
        let meeting: Option<MeetingRow> = sqlx::query_as(
            "SELECT program_id, session_id, name FROM meeting_rooms WHERE video_token = $1",
        )
        .bind(token)
        .fetch_optional(self.pool())
        .await?;
        Ok(meeting.map(|m| LinkedRoom::Meeting {
            program: m.program_id,
            session: m.session_id,
            name: m.name,
        }))
    }

    /// The applicant of `program` who logs in with `email`, if any.
    pub async fn applicant_by_email(
        &self,
        program: ProgramId,
        email: &str,
    ) -> Result<Option<ApplicantId>, sqlx::Error> {
        let row: Option<(ApplicantId,)> = sqlx::query_as(
            "SELECT id FROM applicants WHERE program_id = $1 AND lower(email) = lower($2)",
        )
        .bind(program)
        .bind(email)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(id,)| id))
    }
}

impl LinkedRoom {
    /// The room's name ("Room 2", "Lunch with residents").
    pub fn name(&self) -> &str {
        match self {
            LinkedRoom::Interview { name, .. } | LinkedRoom::Meeting { name, .. } => name,
        }
    }
}
