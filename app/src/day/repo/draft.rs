//! The draft schedule's cells with their versions, and the draft's version.

use crate::day::domain::edit::{Cell, CellState};
use crate::day::domain::grid::Slot;
use crate::db::columns::IntFlag;
use crate::db::{Repo, Tx};
use crate::ids::{ApplicantId, DraftVersion, RoomId, SessionId};
use sqlx::FromRow;

/// A cell of the draft as stored (`applicant_id` NULL: free, kept for its version).
#[derive(Debug, Clone, FromRow)]
pub struct SlotRow {
    pub round: i64,
    pub room_id: RoomId,
    pub applicant_id: Option<ApplicantId>,
    #[sqlx(try_from = "IntFlag")]
    pub pinned: bool,
    pub version: DraftVersion,
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

impl Repo {
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
    ) -> Result<Option<DraftVersion>, sqlx::Error> {
        let row: Option<(DraftVersion,)> = sqlx::query_as(
            "UPDATE session_days SET draft_version = draft_version + 1 WHERE session_id = $1
             RETURNING draft_version",
        )
        .bind(session)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.map(|(v,)| v))
    }

    pub async fn draft_version(&self, session: SessionId) -> Result<DraftVersion, sqlx::Error> {
        let row: Option<(DraftVersion,)> =
            sqlx::query_as("SELECT draft_version FROM session_days WHERE session_id = $1")
                .bind(session)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map_or(DraftVersion(0), |(v,)| v))
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
