//! Queries of programs, their staff and the audit log.

use crate::auth::domain::Role;
use crate::db::{now_ms, Repo, Tx};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct StaffRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub active: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct ProgramRow {
    pub id: i64,
    pub name: String,
    pub time_zone: String,
    pub self_scheduling: i64,
}

/// One line of the audit log: who changed what, from what, to what, and why.
pub struct Audit<'a> {
    pub program_id: i64,
    pub actor_user_id: Option<i64>,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub action: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub reason: Option<&'a str>,
}

impl<'a> Audit<'a> {
    /// An action on `entity` in `program_id` by `actor` (None: the system or the applicant);
    /// set `from`, `to` and `reason` with struct update syntax.
    pub fn new(
        program_id: i64,
        actor_user_id: Option<i64>,
        entity: &'a str,
        entity_id: i64,
        action: &'a str,
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
    ) -> Result<i64, sqlx::Error> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO programs (name, time_zone, self_scheduling, created_at)
             VALUES ($1, $2, 1, $3) RETURNING id",
        )
        .bind(name)
        .bind(time_zone)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    pub async fn program(&self, program_id: i64) -> Result<Option<ProgramRow>, sqlx::Error> {
        sqlx::query_as("SELECT id, name, time_zone, self_scheduling FROM programs WHERE id = $1")
            .bind(program_id)
            .fetch_optional(self.pool())
            .await
    }

    /// Adds a membership; `false` when the person already has a role in the program.
    pub async fn add_membership(
        &self,
        tx: &mut Tx,
        program_id: i64,
        user_id: i64,
        role: Role,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "INSERT INTO memberships (program_id, user_id, role, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (program_id, user_id) DO NOTHING",
        )
        .bind(program_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn staff(&self, program_id: i64) -> Result<Vec<StaffRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT u.id AS user_id, u.name, u.email, m.role,
                    CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS active
             FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.program_id = $1
             ORDER BY CASE m.role WHEN 'director' THEN 0 WHEN 'manager' THEN 1
                      WHEN 'coordinator' THEN 2 ELSE 3 END, u.name",
        )
        .bind(program_id)
        .fetch_all(self.pool())
        .await
    }

    /// Staff, applicants and sessions of a program.
    pub async fn program_counts(&self, program_id: i64) -> Result<(i64, i64, i64), sqlx::Error> {
        sqlx::query_as(
            "SELECT
                (SELECT COUNT(*) FROM memberships WHERE program_id = $1),
                (SELECT COUNT(*) FROM applicants WHERE program_id = $1),
                (SELECT COUNT(*) FROM interview_sessions WHERE program_id = $1)",
        )
        .bind(program_id)
        .fetch_one(self.pool())
        .await
    }

    pub async fn set_self_scheduling(
        &self,
        tx: &mut Tx,
        program_id: i64,
        on: bool,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE programs SET self_scheduling = $1 WHERE id = $2")
            .bind(i64::from(on))
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
