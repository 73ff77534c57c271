//! Queries of interview sessions and their fill.

use super::domain::{Fill, SessionInput};
use crate::applicants::domain::{Status, SEAT_GIVEN_UP};
use crate::db::columns::{date_text, time_text, DateText, IntFlag, TimeText, ZoneText};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, SessionId};
use chrono::{NaiveDate, NaiveTime};
use sqlx::FromRow;

/// A session with its fill, as stored (times are wall-clock times in its own zone).
#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub id: SessionId,
    pub program_id: ProgramId,
    pub name: String,
    #[sqlx(rename = "session_date", try_from = "DateText")]
    pub date: NaiveDate,
    #[sqlx(rename = "start_time", try_from = "TimeText")]
    pub start: NaiveTime,
    #[sqlx(rename = "end_time", try_from = "TimeText")]
    pub end: NaiveTime,
    #[sqlx(try_from = "ZoneText")]
    pub time_zone: chrono_tz::Tz,
    pub capacity: i64,
    #[sqlx(try_from = "IntFlag")]
    pub visible: bool,
    pub confirmed: i64,
    pub pending: i64,
}

impl SessionRow {
    pub fn fill(&self) -> Fill {
        Fill {
            session_id: self.id,
            capacity: self.capacity,
            confirmed: self.confirmed,
            pending: self.pending,
        }
    }
}

/// A session locked for a write, with what its seat checks need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLock {
    pub capacity: i64,
    pub confirmed: i64,
}

impl SessionLock {
    pub fn has_seat(&self) -> bool {
        self.confirmed < self.capacity
    }
}

/// Everyone assigned to a session holds a seat but those who gave it up ([`SEAT_GIVEN_UP`]:
/// Interviewed and No-show keep theirs), and so does a waitlist's offer while it is held (the
/// seat is kept for the one it was offered to: `waitlist_entries.offer_expires_at`); pending applicants who chose the session are counted
/// beside, by their first choice and their second (two counts, each on its index: migration
/// 0026). `$1`–`$3` are the statuses that give a seat up, `$4` Pending (bound by
/// [`bind_fill_statuses`]).
const SESSION_COLUMNS: &str =
    "s.id, s.program_id, s.name, s.session_date, s.start_time, s.end_time,
    s.time_zone, s.capacity, s.visible,
    (SELECT COUNT(*) FROM applicants a WHERE a.session_id = s.id
        AND a.status NOT IN ($1, $2, $3))
    + (SELECT COUNT(*) FROM waitlist_entries w WHERE w.session_id = s.id
        AND w.offer_expires_at IS NOT NULL) AS confirmed,
    (SELECT COUNT(*) FROM applicants a WHERE a.first_choice_id = s.id AND a.status = $4)
    + (SELECT COUNT(*) FROM applicants a WHERE a.second_choice_id = s.id AND a.status = $4
        AND (a.first_choice_id IS NULL OR a.first_choice_id <> s.id)) AS pending";

/// A session with its fill and the columns of the release it belongs to (all `None` when it is
/// in none), as the booking checks read them: one statement for a session and its gate.
#[derive(Debug, Clone, FromRow)]
pub struct GatedRow {
    #[sqlx(flatten)]
    pub session: SessionRow,
    pub release_opens_at: Option<i64>,
    pub release_fair: Option<i64>,
    pub release_drawn_at: Option<i64>,
    pub release_window_hours: Option<i64>,
}

const GATED_FROM: &str = "r.opens_at AS release_opens_at, r.fair AS release_fair,
    r.drawn_at AS release_drawn_at, r.window_hours AS release_window_hours
    FROM interview_sessions s LEFT JOIN releases r ON r.id = s.release_id";

type AnyQueryAs<'q, T> = sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>;

fn bind_fill_statuses<'q, T>(query: AnyQueryAs<'q, T>) -> AnyQueryAs<'q, T> {
    let [a, b, c] = SEAT_GIVEN_UP;
    query.bind(a).bind(b).bind(c).bind(Status::Pending)
}

impl Repo {
    pub async fn sessions(&self, program_id: ProgramId) -> Result<Vec<SessionRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM interview_sessions s WHERE s.program_id = $5
             ORDER BY s.session_date, s.start_time, s.id"
        );
        bind_fill_statuses(sqlx::query_as(&sql))
            .bind(program_id)
            .fetch_all(self.pool())
            .await
    }

    /// One session of one program (`None` for another program's session).
    pub async fn session(
        &self,
        program_id: ProgramId,
        id: SessionId,
    ) -> Result<Option<SessionRow>, sqlx::Error> {
        self.session_in(self.pool(), program_id, id).await
    }

    /// [`Repo::session`] on the pool or inside a transaction (`&mut *tx`), which then sees the
    /// transaction's own writes.
    pub async fn session_in<'e, E>(
        &self,
        db: E,
        program_id: ProgramId,
        id: SessionId,
    ) -> Result<Option<SessionRow>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM interview_sessions s WHERE s.program_id = $5 AND s.id = $6"
        );
        bind_fill_statuses(sqlx::query_as(&sql))
            .bind(program_id)
            .bind(id)
            .fetch_optional(db)
            .await
    }

    /// The program's sessions with their fill and release gate, in date order, inside `tx`;
    /// only session `only` when given.
    pub async fn gated_sessions(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        only: Option<SessionId>,
    ) -> Result<Vec<GatedRow>, sqlx::Error> {
        let one = if only.is_some() { " AND s.id = $6" } else { "" };
        let sql = format!(
            "SELECT {SESSION_COLUMNS}, {GATED_FROM} WHERE s.program_id = $5{one}
             ORDER BY s.session_date, s.start_time, s.id"
        );
        let query = bind_fill_statuses(sqlx::query_as(&sql)).bind(program_id);
        match only {
            Some(id) => query.bind(id),
            None => query,
        }
        .fetch_all(&mut **tx)
        .await
    }

    pub async fn create_session(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        s: &SessionInput,
        time_zone: &str,
    ) -> Result<SessionId, sqlx::Error> {
        let now = now_ms();
        let (id,): (SessionId,) = sqlx::query_as(
            "INSERT INTO interview_sessions
                (program_id, name, session_date, start_time, end_time, time_zone, capacity, visible, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(program_id)
        .bind(&s.name)
        .bind(date_text(s.date))
        .bind(time_text(s.start))
        .bind(time_text(s.end))
        .bind(time_zone)
        .bind(s.capacity)
        .bind(i64::from(s.visible))
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Locks a session of the program for the rest of the transaction (or savepoint) and
    /// returns what its seat checks need (`None` for another program's session).
    pub async fn lock_session(
        &self,
        conn: &mut sqlx::AnyConnection,
        program_id: ProgramId,
        id: SessionId,
    ) -> Result<Option<SessionLock>, sqlx::Error> {
        let row: Option<(i64,)> = sqlx::query_as(&format!(
            "SELECT capacity FROM interview_sessions WHERE id = $1 AND program_id = $2{}",
            self.for_update()
        ))
        .bind(id)
        .bind(program_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((capacity,)) = row else {
            return Ok(None);
        };
        let (confirmed,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM applicants WHERE session_id = $1
                 AND status NOT IN ($2, $3, $4))
              + (SELECT COUNT(*) FROM waitlist_entries WHERE session_id = $1
                 AND offer_expires_at IS NOT NULL)",
        )
        .bind(id)
        .bind(SEAT_GIVEN_UP[0])
        .bind(SEAT_GIVEN_UP[1])
        .bind(SEAT_GIVEN_UP[2])
        .fetch_one(&mut *conn)
        .await?;
        Ok(Some(SessionLock {
            capacity,
            confirmed,
        }))
    }

    pub async fn update_session(
        &self,
        tx: &mut Tx,
        id: SessionId,
        s: &SessionInput,
        time_zone: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE interview_sessions SET name = $1, session_date = $2, start_time = $3, end_time = $4,
                time_zone = $5, capacity = $6, visible = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&s.name)
        .bind(date_text(s.date))
        .bind(time_text(s.start))
        .bind(time_text(s.end))
        .bind(time_zone)
        .bind(s.capacity)
        .bind(i64::from(s.visible))
        .bind(now_ms())
        .bind(id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn delete_session(&self, tx: &mut Tx, id: SessionId) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM interview_sessions WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
