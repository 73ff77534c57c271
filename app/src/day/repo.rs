//! Queries of a session's interview day: its plan, rooms and interviewers, conflicts of
//! interest, templates and the draft schedule.

use super::domain::edit::{Cell, CellState};
use super::domain::grid::{ConflictPair, Slot};
use crate::applicants::domain::SEAT_GIVEN_UP;
use crate::db::columns::{DateText, IntFlag, TimeText, ZoneText};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, RoomId, SessionId, TemplateId, UserId};
use chrono::{NaiveDate, NaiveTime};
use sqlx::FromRow;

/// A session's stored plan (breaks and report as JSON text).
#[derive(Debug, Clone, FromRow)]
pub struct DayRow {
    pub interview_minutes: i64,
    pub passing_minutes: i64,
    pub rounds: i64,
    pub interviews_per_applicant: Option<i64>,
    pub breaks: String,
    pub report: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct RoomRow {
    pub id: RoomId,
    pub name: String,
    pub location: String,
    pub video_token: String,
}

/// A room's interviewer, with their name.
#[derive(Debug, Clone, FromRow)]
pub struct SeatRow {
    pub room_id: RoomId,
    pub user_id: UserId,
    pub name: String,
}

/// A cell of the draft as stored (`applicant_id` NULL: free, kept for its version).
#[derive(Debug, Clone, FromRow)]
pub struct SlotRow {
    pub round: i64,
    pub room_id: RoomId,
    pub applicant_id: Option<ApplicantId>,
    #[sqlx(try_from = "IntFlag")]
    pub pinned: bool,
    pub version: i64,
}

impl SlotRow {
    pub fn cell(&self) -> CellState {
        CellState {
            cell: Cell {
                round: u16::try_from(self.round).unwrap_or(u16::MAX),
                room: self.room_id,
            },
            applicant: self.applicant_id,
            pinned: self.pinned,
            version: self.version,
        }
    }

    /// The slot, when the cell is occupied.
    pub fn slot(&self) -> Option<Slot> {
        self.cell().slot()
    }
}

/// A session an interviewer sits in a room of, with its times (for the overlap check).
#[derive(Debug, Clone, FromRow)]
pub struct BusyRow {
    pub session_id: SessionId,
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
}

/// A conflict of interest with both names.
#[derive(Debug, Clone, FromRow)]
pub struct ConflictRow {
    pub user_id: UserId,
    pub interviewer: String,
    pub applicant_id: ApplicantId,
    pub applicant: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct TemplateRow {
    pub id: TemplateId,
    pub name: String,
    pub body: String,
}

/// A person by id and name (a confirmed applicant, a staff member).
#[derive(Debug, Clone, FromRow)]
pub struct NamedRow {
    pub id: i64,
    pub name: String,
}

impl Repo {
    pub async fn day(&self, session: SessionId) -> Result<Option<DayRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT interview_minutes, passing_minutes, rounds, interviews_per_applicant, breaks, report
             FROM session_days WHERE session_id = $1",
        )
        .bind(session)
        .fetch_optional(self.pool())
        .await
    }

    /// Stores a session's plan (the report is kept).
    pub async fn save_day(
        &self,
        tx: &mut Tx,
        session: SessionId,
        day: &DayRow,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO session_days
                (session_id, interview_minutes, passing_minutes, rounds, interviews_per_applicant, breaks, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (session_id) DO UPDATE SET interview_minutes = $2, passing_minutes = $3,
                rounds = $4, interviews_per_applicant = $5, breaks = $6, updated_at = $7",
        )
        .bind(session)
        .bind(day.interview_minutes)
        .bind(day.passing_minutes)
        .bind(day.rounds)
        .bind(day.interviews_per_applicant)
        .bind(&day.breaks)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn set_day_report(
        &self,
        tx: &mut Tx,
        session: SessionId,
        report: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE session_days SET report = $1 WHERE session_id = $2")
            .bind(report)
            .bind(session)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Moves a session's start and end (the day's plan computes them).
    pub async fn set_session_times(
        &self,
        tx: &mut Tx,
        session: SessionId,
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE interview_sessions SET start_time = $1, end_time = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(crate::db::columns::time_text(start))
        .bind(crate::db::columns::time_text(end))
        .bind(now_ms())
        .bind(session)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn rooms(&self, session: SessionId) -> Result<Vec<RoomRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, location, video_token FROM rooms WHERE session_id = $1
             ORDER BY position, id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    /// The room of a session (`None`: not this session's).
    pub async fn room_in(
        &self,
        tx: &mut Tx,
        session: SessionId,
        room: RoomId,
    ) -> Result<Option<RoomRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, location, video_token FROM rooms WHERE session_id = $1 AND id = $2",
        )
        .bind(session)
        .bind(room)
        .fetch_optional(&mut **tx)
        .await
    }

    pub async fn seats(&self, session: SessionId) -> Result<Vec<SeatRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT ri.room_id, ri.user_id, u.name FROM room_interviewers ri
             JOIN rooms r ON r.id = ri.room_id JOIN users u ON u.id = ri.user_id
             WHERE r.session_id = $1 ORDER BY u.name, u.id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    pub async fn create_room(
        &self,
        tx: &mut Tx,
        session: SessionId,
        name: &str,
        location: &str,
        video_token: &str,
    ) -> Result<RoomId, sqlx::Error> {
        let (id,): (RoomId,) = sqlx::query_as(
            "INSERT INTO rooms (session_id, name, location, video_token, position, created_at)
             VALUES ($1, $2, $3, $4,
                (SELECT COALESCE(MAX(position), 0) + 1 FROM rooms WHERE session_id = $1), $5)
             RETURNING id",
        )
        .bind(session)
        .bind(name)
        .bind(location)
        .bind(video_token)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    pub async fn update_room(
        &self,
        tx: &mut Tx,
        room: RoomId,
        name: &str,
        location: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE rooms SET name = $1, location = $2 WHERE id = $3")
            .bind(name)
            .bind(location)
            .bind(room)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn set_room_interviewers(
        &self,
        tx: &mut Tx,
        room: RoomId,
        interviewers: &[UserId],
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM room_interviewers WHERE room_id = $1")
            .bind(room)
            .execute(&mut **tx)
            .await?;
        for user in interviewers {
            sqlx::query("INSERT INTO room_interviewers (room_id, user_id) VALUES ($1, $2)")
                .bind(room)
                .bind(user)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Removes a room; its interviewers and its slots go with it.
    pub async fn delete_room(&self, tx: &mut Tx, room: RoomId) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM rooms WHERE id = $1")
            .bind(room)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// The sessions (any program's) in whose rooms `user` sits, other than `except`.
    pub async fn interviewer_sessions(
        &self,
        tx: &mut Tx,
        user: UserId,
        except: SessionId,
    ) -> Result<Vec<BusyRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT DISTINCT s.id AS session_id, s.program_id, s.name, s.session_date,
                s.start_time, s.end_time, s.time_zone
             FROM room_interviewers ri JOIN rooms r ON r.id = ri.room_id
             JOIN interview_sessions s ON s.id = r.session_id
             WHERE ri.user_id = $1 AND s.id <> $2
             ORDER BY s.session_date, s.start_time",
        )
        .bind(user)
        .bind(except)
        .fetch_all(&mut **tx)
        .await
    }

    pub async fn user_name<'e, E>(&self, db: E, user: UserId) -> Result<Option<String>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let row: Option<(String,)> = sqlx::query_as("SELECT name FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(db)
            .await?;
        Ok(row.map(|(n,)| n))
    }

    /// The interviewers seated in a session's rooms.
    pub async fn session_interviewers(
        &self,
        tx: &mut Tx,
        session: SessionId,
    ) -> Result<Vec<UserId>, sqlx::Error> {
        let rows: Vec<(UserId,)> = sqlx::query_as(
            "SELECT DISTINCT ri.user_id FROM room_interviewers ri JOIN rooms r ON r.id = ri.room_id
             WHERE r.session_id = $1 ORDER BY ri.user_id",
        )
        .bind(session)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|(u,)| u).collect())
    }

    /// The applicants holding a seat in a session (confirmed, or marked Interviewed or No-show on
    /// the day), by name.
    pub async fn confirmed_in(&self, session: SessionId) -> Result<Vec<NamedRow>, sqlx::Error> {
        let [a, b, c] = SEAT_GIVEN_UP;
        sqlx::query_as(
            "SELECT id, name FROM applicants WHERE session_id = $1 AND status NOT IN ($2, $3, $4)
             ORDER BY name, id",
        )
        .bind(session)
        .bind(a)
        .bind(b)
        .bind(c)
        .fetch_all(self.pool())
        .await
    }

    /// Everyone the session's draft places, by name, whatever their status now (a cancelled
    /// applicant's cells stay until moved, and are named, not numbered).
    pub async fn on_draft(&self, session: SessionId) -> Result<Vec<NamedRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT DISTINCT a.id, a.name FROM applicants a
             JOIN schedule_slots s ON s.applicant_id = a.id
             WHERE s.session_id = $1 ORDER BY a.name, a.id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    pub async fn conflicts(&self, program: ProgramId) -> Result<Vec<ConflictRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT c.user_id, u.name AS interviewer, c.applicant_id, a.name AS applicant
             FROM conflicts_of_interest c JOIN users u ON u.id = c.user_id
             JOIN applicants a ON a.id = c.applicant_id
             WHERE c.program_id = $1 ORDER BY u.name, a.name",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// Records a conflict of interest (again: nothing changes).
    pub async fn add_conflict(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        pair: ConflictPair,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO conflicts_of_interest (program_id, user_id, applicant_id, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, applicant_id) DO NOTHING",
        )
        .bind(program)
        .bind(pair.interviewer)
        .bind(pair.applicant)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Removes a conflict of interest of the program; whether there was one.
    pub async fn remove_conflict(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        pair: ConflictPair,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "DELETE FROM conflicts_of_interest WHERE program_id = $1 AND user_id = $2 AND applicant_id = $3",
        )
        .bind(program)
        .bind(pair.interviewer)
        .bind(pair.applicant)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn templates(&self, program: ProgramId) -> Result<Vec<TemplateRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, body FROM day_templates WHERE program_id = $1 ORDER BY name",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    pub async fn template(
        &self,
        program: ProgramId,
        id: TemplateId,
    ) -> Result<Option<TemplateRow>, sqlx::Error> {
        sqlx::query_as("SELECT id, name, body FROM day_templates WHERE program_id = $1 AND id = $2")
            .bind(program)
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Saves a template under its name (replacing the program's template of that name).
    pub async fn save_template(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        name: &str,
        body: &str,
    ) -> Result<TemplateId, sqlx::Error> {
        let (id,): (TemplateId,) = sqlx::query_as(
            "INSERT INTO day_templates (program_id, name, body, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (program_id, name) DO UPDATE SET body = $3 RETURNING id",
        )
        .bind(program)
        .bind(name)
        .bind(body)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// The draft's cells (free ones included, for their versions).
    pub async fn slots(&self, session: SessionId) -> Result<Vec<SlotRow>, sqlx::Error> {
        self.slots_in(self.pool(), session).await
    }

    pub async fn slots_in<'e, E>(
        &self,
        db: E,
        session: SessionId,
    ) -> Result<Vec<SlotRow>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(
            "SELECT round, room_id, applicant_id, pinned, version FROM schedule_slots
             WHERE session_id = $1 ORDER BY round, room_id",
        )
        .bind(session)
        .fetch_all(db)
        .await
    }

    /// Takes the draft's next version, locking the draft for the rest of the transaction
    /// (`None`: the day is not planned).
    pub async fn next_draft_version(
        &self,
        tx: &mut Tx,
        session: SessionId,
    ) -> Result<Option<i64>, sqlx::Error> {
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE session_days SET draft_version = draft_version + 1 WHERE session_id = $1
             RETURNING draft_version",
        )
        .bind(session)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.map(|(v,)| v))
    }

    pub async fn draft_version(&self, session: SessionId) -> Result<i64, sqlx::Error> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT draft_version FROM session_days WHERE session_id = $1")
                .bind(session)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map_or(0, |(v,)| v))
    }

    /// Writes cells of the draft at `version`.
    pub async fn write_cells(
        &self,
        tx: &mut Tx,
        session: SessionId,
        cells: &[CellState],
    ) -> Result<(), sqlx::Error> {
        for c in cells {
            sqlx::query(
                "INSERT INTO schedule_slots (session_id, round, room_id, applicant_id, pinned, version)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (room_id, round) DO UPDATE SET applicant_id = $4, pinned = $5, version = $6",
            )
            .bind(session)
            .bind(i64::from(c.cell.round))
            .bind(c.cell.room)
            .bind(c.applicant)
            .bind(i64::from(c.pinned))
            .bind(c.version)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Frees the slots in rounds a shorter day no longer has.
    pub async fn drop_slots_from_round(
        &self,
        tx: &mut Tx,
        session: SessionId,
        rounds: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM schedule_slots WHERE session_id = $1 AND round >= $2")
            .bind(session)
            .bind(rounds)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
