//! Queries of booking: what a submission checks inside its transaction (the program's rules and
//! whether it schedules itself; its sessions with their release are `Repo::gated_sessions`).
//! The seat count is the session's locked row (`Repo::lock_session`).

use crate::db::columns::IntFlag;
use crate::db::{Repo, Tx};
use crate::ids::ProgramId;

impl Repo {
    /// The program's rules for changes and whether it schedules itself, in one read inside
    /// `tx` (what a submission checks).
    pub async fn booking_settings(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
    ) -> Result<(crate::booking::rules::ChangeRules, bool), sqlx::Error> {
        let r: Option<RulesRow> = sqlx::query_as(&format!(
            "SELECT {RULES_COLUMNS}, self_scheduling FROM programs WHERE id = $1"
        ))
        .bind(program_id)
        .fetch_optional(&mut **tx)
        .await?;
        // No such program: no rules, not self-scheduling (no session or applicant is found).
        Ok(r.map_or_else(Default::default, |r| (r.rules(), r.self_scheduling.into())))
    }
}

/// A program's rules for changes, as stored (and whether it schedules itself, when read).
#[derive(sqlx::FromRow)]
struct RulesRow {
    waitlist_mode: crate::booking::rules::WaitlistMode,
    offer_hours: i64,
    booking_lock_days: Option<i64>,
    cancel_lock_days: Option<i64>,
    #[sqlx(default)]
    self_scheduling: IntFlag,
}

const RULES_COLUMNS: &str = "waitlist_mode, offer_hours, booking_lock_days, cancel_lock_days";

impl RulesRow {
    fn rules(&self) -> crate::booking::rules::ChangeRules {
        let days = |d: Option<i64>| d.and_then(|d| u32::try_from(d).ok());
        crate::booking::rules::ChangeRules {
            waitlist: self.waitlist_mode,
            offer_hours: u32::try_from(self.offer_hours).unwrap_or(24),
            booking_lock_days: days(self.booking_lock_days),
            cancel_lock_days: days(self.cancel_lock_days),
        }
    }
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
        let r: Option<RulesRow> = sqlx::query_as(&format!(
            "SELECT {RULES_COLUMNS} FROM programs WHERE id = $1"
        ))
        .bind(program_id)
        .fetch_optional(conn)
        .await?;
        // No such program: no rules (its caller then finds no session or applicant of it).
        Ok(r.map(|r| r.rules()).unwrap_or_default())
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

impl ReleaseGate {
    /// The gate of a session read with its release's columns (none when it is in no release).
    pub fn of(row: &crate::sessions::repo::GatedRow) -> Option<ReleaseGate> {
        let at = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
        let opens = at(row.release_opens_at?);
        let hours = row.release_window_hours.unwrap_or_default();
        Some(ReleaseGate {
            opens_at: opens,
            fair: row.release_fair.is_some_and(|f| f != 0),
            drawn_at: row.release_drawn_at.map(at),
            closes_at: opens + chrono::Duration::hours(hours),
        })
    }
}
