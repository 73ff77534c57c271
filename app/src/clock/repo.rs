//! Queries of the day clock: a session's clock row, its stored events, and the tickers' work
//! list of due clocks.

use super::domain::{Action, Event};
use crate::db::columns::IntFlag;
use crate::db::{Backend, Repo, Tx};
use crate::ids::{ProgramId, SessionId, UserId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// A session's clock as stored.
#[derive(Debug, Clone, FromRow)]
pub struct ClockRow {
    pub session_id: SessionId,
    pub program_id: ProgramId,
    #[sqlx(try_from = "IntFlag")]
    pub auto_start: bool,
    pub next_due_at: Option<i64>,
    pub announced: i64,
}

#[derive(FromRow)]
struct EventRow {
    at: i64,
    action: String,
    seconds: i64,
}

fn action_text(action: Action) -> (&'static str, i64) {
    match action {
        Action::Start => ("start", 0),
        Action::Pause => ("pause", 0),
        Action::Resume => ("resume", 0),
        Action::Extend(s) => ("extend", s),
        Action::EndEarly => ("end_early", 0),
        Action::Skip => ("skip", 0),
    }
}

impl TryFrom<EventRow> for Event {
    type Error = sqlx::Error;

    fn try_from(row: EventRow) -> Result<Event, sqlx::Error> {
        let action = match row.action.as_str() {
            "start" => Action::Start,
            "pause" => Action::Pause,
            "resume" => Action::Resume,
            "extend" => Action::Extend(row.seconds),
            "end_early" => Action::EndEarly,
            "skip" => Action::Skip,
            other => {
                return Err(sqlx::Error::Decode(
                    format!("unknown clock action {other:?}").into(),
                ))
            }
        };
        let at = DateTime::from_timestamp_millis(row.at)
            .ok_or_else(|| sqlx::Error::Decode("a clock event out of range".into()))?;
        Ok(Event { at, action })
    }
}

const CLOCK_COLUMNS: &str = "session_id, program_id, auto_start, next_due_at, announced";

impl Repo {
    /// A session's clock, if it has one.
    pub async fn clock(&self, session: SessionId) -> Result<Option<ClockRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {CLOCK_COLUMNS} FROM day_clocks WHERE session_id = $1"
        ))
        .bind(session)
        .fetch_optional(self.pool())
        .await
    }

    /// A session's clock, made if missing, locked until the transaction ends.
    pub async fn lock_clock(
        &self,
        tx: &mut Tx,
        session: SessionId,
        program: ProgramId,
        now: DateTime<Utc>,
    ) -> Result<ClockRow, sqlx::Error> {
        sqlx::query(
            "INSERT INTO day_clocks (session_id, program_id, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (session_id) DO NOTHING",
        )
        .bind(session)
        .bind(program)
        .bind(now.timestamp_millis())
        .execute(&mut **tx)
        .await?;
        sqlx::query_as(&format!(
            "SELECT {CLOCK_COLUMNS} FROM day_clocks WHERE session_id = $1{}",
            self.for_update()
        ))
        .bind(session)
        .fetch_one(&mut **tx)
        .await
    }

    /// A session's clock events, in time order.
    pub async fn clock_events(
        &self,
        tx: Option<&mut Tx>,
        session: SessionId,
    ) -> Result<Vec<Event>, sqlx::Error> {
        let query = sqlx::query_as::<_, EventRow>(
            "SELECT at, action, seconds FROM day_clock_events WHERE session_id = $1
             ORDER BY at, id",
        )
        .bind(session);
        let rows = match tx {
            Some(tx) => query.fetch_all(&mut **tx).await?,
            None => query.fetch_all(self.pool()).await?,
        };
        rows.into_iter().map(Event::try_from).collect()
    }

    pub async fn add_clock_event(
        &self,
        tx: &mut Tx,
        session: SessionId,
        event: Event,
        by: Option<UserId>,
    ) -> Result<(), sqlx::Error> {
        let (action, seconds) = action_text(event.action);
        sqlx::query(
            "INSERT INTO day_clock_events (session_id, at, action, seconds, by_user)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(session)
        .bind(event.at.timestamp_millis())
        .bind(action)
        .bind(seconds)
        .bind(by)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Saves what the clock owes next: when it is due, how many transitions were announced.
    pub async fn save_clock(
        &self,
        tx: &mut Tx,
        session: SessionId,
        auto_start: bool,
        next_due: Option<DateTime<Utc>>,
        announced: i64,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE day_clocks SET auto_start = $1, next_due_at = $2, announced = $3,
                    updated_at = $4
             WHERE session_id = $5",
        )
        .bind(i64::from(auto_start))
        .bind(next_due.map(|t| t.timestamp_millis()))
        .bind(announced)
        .bind(now.timestamp_millis())
        .bind(session)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Claims up to `limit` clocks due by `now` for this transaction: on PostgreSQL rows
    /// another instance holds are skipped (`SKIP LOCKED`), so each due transition is executed by
    /// one instance; SQLite's immediate transaction already excludes every other writer.
    pub async fn claim_due_clocks(
        &self,
        tx: &mut Tx,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClockRow>, sqlx::Error> {
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        sqlx::query_as(&format!(
            "SELECT {CLOCK_COLUMNS} FROM day_clocks
             WHERE next_due_at IS NOT NULL AND next_due_at <= $1
             ORDER BY next_due_at LIMIT $2{lock}"
        ))
        .bind(now.timestamp_millis())
        .bind(limit)
        .fetch_all(&mut **tx)
        .await
    }

    /// The soonest instant any clock is due (the ticker sleeps until then).
    pub async fn next_clock_due(&self) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        let (due,): (Option<i64>,) = sqlx::query_as("SELECT MIN(next_due_at) FROM day_clocks")
            .fetch_one(self.pool())
            .await?;
        Ok(due.and_then(DateTime::from_timestamp_millis))
    }
}
