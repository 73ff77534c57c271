//! Queries of programs, their staff and the audit log.

use super::domain::{AuditAction, AuditEntity, InterviewSetup};
use crate::auth::domain::Role;
use crate::db::columns::{IntFlag, ZoneText};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, UserId};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct ProgramRow {
    pub id: ProgramId,
    pub name: String,
    #[sqlx(try_from = "ZoneText")]
    pub time_zone: chrono_tz::Tz,
    #[sqlx(try_from = "IntFlag")]
    pub self_scheduling: bool,
    pub interview_setup: InterviewSetup,
}

/// How many staff, applicants and sessions a program has.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct ProgramCounts {
    pub staff: i64,
    pub applicants: i64,
    pub sessions: i64,
}

/// One line of the audit log: who changed what, from what, to what, and why.
pub struct Audit<'a> {
    pub program_id: ProgramId,
    pub actor_user_id: Option<UserId>,
    pub entity: AuditEntity,
    /// The id of the entity (an applicant's, a session's, a user's …).
    pub entity_id: Option<i64>,
    pub action: AuditAction,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub reason: Option<&'a str>,
}

impl<'a> Audit<'a> {
    /// An action on `entity` in `program_id` by `actor` (None: the system or the applicant);
    /// set `from`, `to` and `reason` with struct update syntax.
    pub fn new(
        program_id: ProgramId,
        actor_user_id: Option<UserId>,
        entity: AuditEntity,
        entity_id: i64,
        action: AuditAction,
    ) -> Self {
        Self {
            program_id,
            actor_user_id,
            entity,
            entity_id: Some(entity_id),
            action,
            from: None,
            to: None,
            reason: None,
        }
    }
}

impl Repo {
    pub async fn create_program(
        &self,
        tx: &mut Tx,
        name: &str,
        time_zone: &str,
    ) -> Result<ProgramId, sqlx::Error> {
        let (id,): (ProgramId,) = sqlx::query_as(
            "INSERT INTO programs (name, time_zone, self_scheduling, interview_setup, created_at)
             VALUES ($1, $2, 1, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(time_zone)
        // Not the column's default (portal_video, from before that video was put off).
        .bind(InterviewSetup::default().as_str())
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    pub async fn program(&self, program_id: ProgramId) -> Result<Option<ProgramRow>, sqlx::Error> {
        sqlx::query_as("SELECT id, name, time_zone, self_scheduling, interview_setup FROM programs WHERE id = $1")
            .bind(program_id)
            .fetch_optional(self.pool())
            .await
    }

    /// Adds a membership; `false` when the person already has a role in the program.
    pub async fn add_membership(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        user_id: UserId,
        role: Role,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "INSERT INTO memberships (program_id, user_id, role, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (program_id, user_id) DO NOTHING",
        )
        .bind(program_id)
        .bind(user_id)
        .bind(role)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Staff, applicants and sessions of a program.
    pub async fn program_counts(
        &self,
        program_id: ProgramId,
    ) -> Result<ProgramCounts, sqlx::Error> {
        sqlx::query_as(
            "SELECT
                (SELECT COUNT(*) FROM memberships WHERE program_id = $1) AS staff,
                (SELECT COUNT(*) FROM applicants WHERE program_id = $1) AS applicants,
                (SELECT COUNT(*) FROM interview_sessions WHERE program_id = $1) AS sessions",
        )
        .bind(program_id)
        .fetch_one(self.pool())
        .await
    }

    pub async fn set_self_scheduling(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        on: bool,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE programs SET self_scheduling = $1 WHERE id = $2")
            .bind(i64::from(on))
            .bind(program_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn set_interview_setup(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        setup: InterviewSetup,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE programs SET interview_setup = $1 WHERE id = $2")
            .bind(setup)
            .bind(program_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn audit(&self, tx: &mut Tx, a: Audit<'_>) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO audit_log (program_id, actor_user_id, entity, entity_id, action, from_value, to_value, reason, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(a.program_id)
        .bind(a.actor_user_id)
        .bind(a.entity)
        .bind(a.entity_id)
        .bind(a.action)
        .bind(a.from)
        .bind(a.to)
        .bind(a.reason)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}
