//! Queries of a program's staff: the list with each member's account, one member, the active
//! directors, a role or deactivation written, the member's login sessions in the program ended,
//! their rooms on the program's coming days, and the staff import kept between its preview and
//! the import (`staff_imports`).

use crate::auth::domain::Role;
use crate::db::columns::{IntFlag, OptMillis};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, RoomId, UserId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// A member of the program's staff with their account.
#[derive(Debug, Clone, FromRow)]
pub struct StaffRow {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Has set a password.
    #[sqlx(try_from = "IntFlag")]
    pub has_password: bool,
    #[sqlx(try_from = "OptMillis")]
    pub deactivated_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "OptMillis")]
    pub last_login_at: Option<DateTime<Utc>>,
}

/// A room the member sits in on one of the program's days.
#[derive(Debug, Clone, FromRow)]
pub struct SeatRow {
    pub room_id: RoomId,
    pub room_name: String,
    pub session_name: String,
    pub session_date: String,
}

const STAFF_COLUMNS: &str = "u.id AS user_id, u.name, u.email, m.role,
    CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password,
    m.deactivated_at, u.last_login_at";

impl Repo {
    /// The program's staff: directors first, then managers, coordinators, interviewers; by name.
    pub async fn staff(&self, program_id: ProgramId) -> Result<Vec<StaffRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {STAFF_COLUMNS}
             FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.program_id = $1
             ORDER BY CASE m.role WHEN $2 THEN 0 WHEN $3 THEN 1 WHEN $4 THEN 2 ELSE 3 END, u.name"
        ))
        .bind(program_id)
        .bind(Role::Director)
        .bind(Role::Manager)
        .bind(Role::Coordinator)
        .fetch_all(self.pool())
        .await
    }

    /// One member of the program (none: not its staff).
    pub async fn staff_member<'e, E>(
        &self,
        db: E,
        program_id: ProgramId,
        user_id: UserId,
    ) -> Result<Option<StaffRow>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(&format!(
            "SELECT {STAFF_COLUMNS}
             FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.program_id = $1 AND m.user_id = $2"
        ))
        .bind(program_id)
        .bind(user_id)
        .fetch_optional(db)
        .await
    }

    /// The program's active directors, counted in the write (the rule that keeps one reads it
    /// where it writes).
    pub async fn active_directors(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
    ) -> Result<i64, sqlx::Error> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM memberships
             WHERE program_id = $1 AND role = $2 AND deactivated_at IS NULL",
        )
        .bind(program_id)
        .bind(Role::Director)
        .fetch_one(&mut **tx)
        .await?;
        Ok(n)
    }

    /// What the member's last deactivation said (its audit line's reason: the rooms they were
    /// taken off), if any.
    pub async fn last_deactivation(
        &self,
        program_id: ProgramId,
        user_id: UserId,
    ) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT reason FROM audit_log
             WHERE program_id = $1 AND entity = $2 AND entity_id = $3 AND action = $4
             ORDER BY id DESC LIMIT 1",
        )
        .bind(program_id)
        .bind(crate::programs::domain::AuditEntity::Membership)
        .bind(user_id.0)
        .bind(crate::programs::domain::AuditAction::Deactivated)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.and_then(|r| r.0))
    }

    pub async fn set_member_role(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        user_id: UserId,
        role: Role,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE memberships SET role = $1 WHERE program_id = $2 AND user_id = $3")
            .bind(role)
            .bind(program_id)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Deactivates (now) or reactivates a membership.
    pub async fn set_member_deactivated(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        user_id: UserId,
        deactivated: bool,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE memberships SET deactivated_at = $1 WHERE program_id = $2 AND user_id = $3",
        )
        .bind(deactivated.then(now_ms))
        .bind(program_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Ends the person's login sessions in the program; returns their token hashes (so their
    /// push streams can be told).
    pub async fn end_login_sessions_in(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        user_id: UserId,
    ) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "DELETE FROM login_sessions WHERE user_id = $1 AND program_id = $2 RETURNING token_hash",
        )
        .bind(user_id)
        .bind(program_id)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// The person's login sessions in the program (their tabs are told when their role changes).
    pub async fn login_sessions_in(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        user_id: UserId,
    ) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT token_hash FROM login_sessions WHERE user_id = $1 AND program_id = $2",
        )
        .bind(user_id)
        .bind(program_id)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// The rooms the person sits in on the program's days from `from_date` (`YYYY-MM-DD`, the
    /// program's today) on, by date, session and room.
    pub async fn seats_from<'e, E>(
        &self,
        db: E,
        program_id: ProgramId,
        user_id: UserId,
        from_date: &str,
    ) -> Result<Vec<SeatRow>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(
            "SELECT r.id AS room_id, r.name AS room_name, s.name AS session_name, s.session_date
             FROM room_interviewers ri
             JOIN rooms r ON r.id = ri.room_id
             JOIN interview_sessions s ON s.id = r.session_id
             WHERE ri.user_id = $1 AND s.program_id = $2 AND s.session_date >= $3
             ORDER BY s.session_date, s.name, r.position, r.id",
        )
        .bind(user_id)
        .bind(program_id)
        .bind(from_date)
        .fetch_all(db)
        .await
    }

    pub async fn leave_room(
        &self,
        tx: &mut Tx,
        room: RoomId,
        user_id: UserId,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM room_interviewers WHERE room_id = $1 AND user_id = $2")
            .bind(room)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
