//! Queries of applicants.

use super::domain::Status;
use super::types::ApplicantView;
use crate::db::columns::{IntFlag, OptMillis};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, SessionId};
use crate::programs::domain::InterviewSetup;
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// An applicant's standing in one program, with what the invitation gate needs.
#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub applicant_id: ApplicantId,
    pub program_id: ProgramId,
    pub program_name: String,
    pub status: Status,
    #[sqlx(try_from = "OptMillis")]
    pub invitation_sent_at: Option<DateTime<Utc>>,
    pub visible_sessions: i64,
    #[sqlx(try_from = "IntFlag")]
    pub self_scheduling: bool,
    pub interview_setup: InterviewSetup,
    pub first_choice_id: Option<SessionId>,
    pub second_choice_id: Option<SessionId>,
    pub session_id: Option<SessionId>,
}

pub(crate) const APPLICANT_COLUMNS: &str =
    "id, name, email, status, invitation_sent_at, first_choice_id, second_choice_id, session_id";

/// How a workflow finds one applicant of a program: by id (coordinators) or by the e-mail of
/// the logged-in applicant themself.
#[derive(Debug, Clone, Copy)]
pub enum ApplicantKey<'a> {
    Id(ApplicantId),
    Email(&'a str),
}

impl Repo {
    pub async fn invitations_for(&self, email: &str) -> Result<Vec<InvitationRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT a.id AS applicant_id, a.program_id, p.name AS program_name, a.status, a.invitation_sent_at,
                    p.self_scheduling, p.interview_setup, a.first_choice_id, a.second_choice_id, a.session_id,
                    (SELECT COUNT(*) FROM interview_sessions s
                     WHERE s.program_id = a.program_id AND s.visible = 1) AS visible_sessions
             FROM applicants a JOIN programs p ON p.id = a.program_id
             WHERE a.email = $1
             ORDER BY p.name",
        )
        .bind(email)
        .fetch_all(self.pool())
        .await
    }

    pub async fn applicants(
        &self,
        program_id: ProgramId,
    ) -> Result<Vec<ApplicantView>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {APPLICANT_COLUMNS} FROM applicants WHERE program_id = $1 ORDER BY name, id"
        ))
        .bind(program_id)
        .fetch_all(self.pool())
        .await
    }

    pub async fn add_applicant(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        email: &str,
        name: &str,
    ) -> Result<ApplicantId, sqlx::Error> {
        let (id,): (ApplicantId,) = sqlx::query_as(
            "INSERT INTO applicants (program_id, email, name, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(program_id)
        .bind(email)
        .bind(name)
        .bind(Status::InterviewCandidate)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        self.note_move(tx, id.0).await?;
        Ok(id)
    }

    /// Notes the applicant `id`'s status and seat in their history (`applicant_moves`, what the
    /// Reports page's fill over time replays) when either differs from their last note. Called
    /// after every write of an applicant, in its transaction.
    pub async fn note_move(&self, tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO applicant_moves (program_id, applicant_id, at, status, session_id)
             SELECT a.program_id, a.id, $2, a.status, a.session_id FROM applicants a
             WHERE a.id = $1 AND NOT EXISTS (
                 SELECT 1 FROM applicant_moves m
                 WHERE m.id = (SELECT MAX(l.id) FROM applicant_moves l WHERE l.applicant_id = a.id)
                   AND m.status = a.status
                   AND (m.session_id = a.session_id
                        OR (m.session_id IS NULL AND a.session_id IS NULL)))",
        )
        .bind(id)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Locks one applicant row of the program, by id or (for the applicant themself) by e-mail.
    pub async fn lock_applicant(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        by: ApplicantKey<'_>,
    ) -> Result<Option<ApplicantView>, sqlx::Error> {
        let column = match by {
            ApplicantKey::Id(_) => "id",
            ApplicantKey::Email(_) => "email",
        };
        let sql = format!(
            "SELECT {APPLICANT_COLUMNS} FROM applicants WHERE program_id = $1 AND {column} = $2{}",
            self.for_update()
        );
        let query = sqlx::query_as(&sql).bind(program_id);
        let query = match by {
            ApplicantKey::Id(id) => query.bind(id),
            ApplicantKey::Email(email) => query.bind(email),
        };
        query.fetch_optional(&mut **tx).await
    }

    /// Writes an applicant's status, choices, session and invitation time in one go.
    pub async fn update_applicant(
        &self,
        tx: &mut Tx,
        a: &ApplicantView,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE applicants SET status = $1, first_choice_id = $2, second_choice_id = $3,
                session_id = $4, invitation_sent_at = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(a.status)
        .bind(a.first_choice)
        .bind(a.second_choice)
        .bind(a.session_id)
        .bind(a.invitation_sent_at.map(|t| t.timestamp_millis()))
        .bind(now_ms())
        .bind(a.id)
        .execute(&mut **tx)
        .await?;
        self.note_move(tx, a.id.0).await
    }
}
