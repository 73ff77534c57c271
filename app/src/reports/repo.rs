//! The reports' queries: every applicant of a program as the Statuses report counts them, the
//! invited with whether they opened the portal since, each session's waitlist and held offers,
//! the waitlists' joins and leavings, and which sessions have an interview day. One portable
//! SQL text for both databases.

use crate::applicants::domain::Status;
use crate::db::columns::Millis;
use crate::db::Repo;
use crate::ids::{ProgramId, SessionId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct PlacedRow {
    pub status: Status,
    pub session_id: Option<SessionId>,
    pub first_choice_id: Option<SessionId>,
    pub second_choice_id: Option<SessionId>,
}

#[derive(Debug, Clone, FromRow)]
pub struct InvitedRow {
    #[sqlx(try_from = "Millis")]
    pub invitation_sent_at: DateTime<Utc>,
    pub status: Status,
    pub opened: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct MoveRow {
    pub applicant_id: crate::ids::ApplicantId,
    #[sqlx(try_from = "Millis")]
    pub at: DateTime<Utc>,
    pub status: Status,
    pub session_id: Option<SessionId>,
}

/// A join or a leaving of a session's waitlist.
#[derive(Debug, Clone, FromRow)]
pub struct LineMoveRow {
    pub session_id: SessionId,
    #[sqlx(try_from = "Millis")]
    pub at: DateTime<Utc>,
    #[sqlx(try_from = "crate::db::columns::IntFlag")]
    pub joined: bool,
}

/// A session's line: how many wait, and how many hold an offer not yet run out.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct LineCounts {
    pub session_id: SessionId,
    pub waiting: i64,
    pub offers: i64,
}

impl Repo {
    /// Every join and leaving of the program's waitlists, in the order noted.
    pub async fn report_line_moves(
        &self,
        program: ProgramId,
    ) -> Result<Vec<LineMoveRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT session_id, at, joined FROM waitlist_moves WHERE program_id = $1 ORDER BY id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    pub async fn report_people(&self, program: ProgramId) -> Result<Vec<PlacedRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT status, session_id, first_choice_id, second_choice_id FROM applicants
             WHERE program_id = $1",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The applicants the invitation was sent to; `opened`: 1 when their account logged in at
    /// or after it.
    pub async fn report_invited(&self, program: ProgramId) -> Result<Vec<InvitedRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT a.invitation_sent_at, a.status,
                    CASE WHEN u.last_login_at >= a.invitation_sent_at THEN 1 ELSE 0 END AS opened
             FROM applicants a LEFT JOIN users u ON u.email = a.email
             WHERE a.program_id = $1 AND a.invitation_sent_at IS NOT NULL",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The program's applicants' moves, in the order noted.
    pub async fn report_moves(&self, program: ProgramId) -> Result<Vec<MoveRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT applicant_id, at, status, session_id FROM applicant_moves
             WHERE program_id = $1 ORDER BY id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// Each session's line (sessions nobody waits for are left out), and its offers held (as
    /// the sessions' fill counts them: until the waitlist job takes one back).
    pub async fn report_lines(&self, program: ProgramId) -> Result<Vec<LineCounts>, sqlx::Error> {
        sqlx::query_as(
            "SELECT session_id, COUNT(*) AS waiting,
                    SUM(CASE WHEN offer_expires_at IS NOT NULL THEN 1 ELSE 0 END) AS offers
             FROM waitlist_entries WHERE program_id = $1 GROUP BY session_id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The program's sessions that have an interview day set up (a draft at least).
    pub async fn sessions_with_a_day(
        &self,
        program: ProgramId,
    ) -> Result<Vec<SessionId>, sqlx::Error> {
        let rows: Vec<(SessionId,)> = sqlx::query_as(
            "SELECT d.session_id FROM session_days d
             JOIN interview_sessions s ON s.id = d.session_id WHERE s.program_id = $1",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|(s,)| s).collect())
    }
}
