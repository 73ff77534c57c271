//! Queries of booking: what a submission checks inside its transaction (the program's visible
//! sessions, whether it schedules itself). The seat count is the session's locked row
//! (`Repo::lock_session`).

use crate::db::columns::IntFlag;
use crate::db::{Repo, Tx};
use crate::ids::{ProgramId, SessionId};

impl Repo {
    /// Ids of the program's visible sessions, inside a transaction.
    pub async fn visible_session_ids(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
    ) -> Result<Vec<SessionId>, sqlx::Error> {
        let rows: Vec<(SessionId,)> = sqlx::query_as(
            "SELECT id FROM interview_sessions WHERE program_id = $1 AND visible = 1 ORDER BY id",
        )
        .bind(program_id)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    pub async fn self_scheduling(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
    ) -> Result<bool, sqlx::Error> {
        let (on,): (IntFlag,) =
            sqlx::query_as("SELECT self_scheduling FROM programs WHERE id = $1")
                .bind(program_id)
                .fetch_one(&mut **tx)
                .await?;
        Ok(on.into())
    }
}

/// A program's rules for changes, as stored.
#[derive(sqlx::FromRow)]
struct RulesRow {
    waitlist_mode: crate::booking::rules::WaitlistMode,
    offer_hours: i64,
    booking_lock_days: Option<i64>,
    cancel_lock_days: Option<i64>,
}

impl Repo {
    /// The program's rules for changes (read inside `conn`: a transaction or the pool).
    pub async fn change_rules<'e, E>(
        &self,
        conn: E,
        program_id: ProgramId,
    ) -> Result<crate::booking::rules::ChangeRules, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let r: Option<RulesRow> = sqlx::query_as(
            "SELECT waitlist_mode, offer_hours, booking_lock_days, cancel_lock_days
             FROM programs WHERE id = $1",
        )
        .bind(program_id)
        .fetch_optional(conn)
        .await?;
        // No such program: no rules (its caller then finds no session or applicant of it).
        let Some(r) = r else {
            return Ok(crate::booking::rules::ChangeRules::default());
        };
        let days = |d: Option<i64>| d.and_then(|d| u32::try_from(d).ok());
        Ok(crate::booking::rules::ChangeRules {
            waitlist: r.waitlist_mode,
            offer_hours: u32::try_from(r.offer_hours).unwrap_or(24),
            booking_lock_days: days(r.booking_lock_days),
            cancel_lock_days: days(r.cancel_lock_days),
        })
    }

    pub async fn save_change_rules(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        r: &crate::booking::rules::ChangeRules,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE programs SET waitlist_mode = $1, offer_hours = $2, booking_lock_days = $3,
                                 cancel_lock_days = $4 WHERE id = $5",
        )
        .bind(r.waitlist)
        .bind(i64::from(r.offer_hours))
        .bind(r.booking_lock_days.map(i64::from))
        .bind(r.cancel_lock_days.map(i64::from))
        .bind(program_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

/// The release a session belongs to, as a booking checks it.
pub struct ReleaseGate {
    pub opens_at: chrono::DateTime<chrono::Utc>,
    pub fair: bool,
    pub drawn_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A fair release's window: rankings from `opens_at` until this.
    pub closes_at: chrono::DateTime<chrono::Utc>,
}

impl Repo {
    /// The release of session `id`, if it has one.
    pub async fn release_of(
        &self,
        tx: &mut Tx,
        id: SessionId,
    ) -> Result<Option<ReleaseGate>, sqlx::Error> {
        let row: Option<(i64, IntFlag, Option<i64>, i64)> = sqlx::query_as(
            "SELECT r.opens_at, r.fair, r.drawn_at, r.window_hours FROM releases r
             JOIN interview_sessions s ON s.release_id = r.id WHERE s.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        let at = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
        Ok(row.map(|(opens, fair, drawn, hours)| ReleaseGate {
            opens_at: at(opens),
            fair: fair.into(),
            drawn_at: drawn.map(at),
            closes_at: at(opens) + chrono::Duration::hours(hours),
        }))
    }
}
