//! Queries of releases: made with their sessions, listed, removed (its sessions open at once).

use crate::db::columns::Millis;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, SessionId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct ReleaseRow {
    pub id: i64,
    pub program_id: ProgramId,
    pub name: String,
    #[sqlx(try_from = "Millis")]
    pub opens_at: DateTime<Utc>,
    #[sqlx(try_from = "crate::db::columns::IntFlag")]
    pub fair: bool,
    pub window_hours: i64,
    pub seed: Option<String>,
    pub seed_hash: Option<String>,
    #[sqlx(try_from = "crate::db::columns::OptMillis")]
    pub drawn_at: Option<DateTime<Utc>>,
}

impl ReleaseRow {
    /// When a fair release's window closes (its draw).
    pub fn closes_at(&self) -> DateTime<Utc> {
        self.opens_at + chrono::Duration::hours(self.window_hours)
    }
}

const RELEASE_COLUMNS: &str =
    "id, program_id, name, opens_at, fair, window_hours, seed, seed_hash, drawn_at";

/// A new release.
pub struct NewRelease<'a> {
    pub name: &'a str,
    pub opens_at: DateTime<Utc>,
    /// A fair one: its window in hours, its seed (hex) and the seed's SHA-256.
    pub fair: Option<(u32, &'a str, &'a str)>,
}

impl Repo {
    /// A timed release of the program, holding `sessions` (taken from any release they were
    /// in). Returns its id.
    pub async fn create_release(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        r: &NewRelease<'_>,
        sessions: &[SessionId],
    ) -> Result<i64, sqlx::Error> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO releases (program_id, name, opens_at, fair, window_hours, seed, seed_hash,
                                   created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(program_id)
        .bind(r.name)
        .bind(r.opens_at.timestamp_millis())
        .bind(i64::from(r.fair.is_some()))
        .bind(r.fair.map(|f| i64::from(f.0)).unwrap_or(48))
        .bind(r.fair.map(|f| f.1))
        .bind(r.fair.map(|f| f.2))
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        for s in sessions {
            sqlx::query(
                "UPDATE interview_sessions SET release_id = $1 WHERE id = $2 AND program_id = $3",
            )
            .bind(id)
            .bind(*s)
            .bind(program_id)
            .execute(&mut **tx)
            .await?;
        }
        Ok(id)
    }

    pub async fn releases(&self, program_id: ProgramId) -> Result<Vec<ReleaseRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {RELEASE_COLUMNS} FROM releases WHERE program_id = $1 ORDER BY opens_at, id"
        ))
        .bind(program_id)
        .fetch_all(self.pool())
        .await
    }

    /// The fair releases whose window has closed and that are not drawn yet (every program's).
    pub async fn fair_releases_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<ReleaseRow>, sqlx::Error> {
        let rows: Vec<ReleaseRow> = sqlx::query_as(&format!(
            "SELECT {RELEASE_COLUMNS} FROM releases WHERE fair = 1 AND drawn_at IS NULL
             AND opens_at <= $1 ORDER BY id"
        ))
        .bind(now.timestamp_millis())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().filter(|r| r.closes_at() <= now).collect())
    }

    /// Marks a release drawn at `at`, once: whether this call did (another instance's draw
    /// finds it done).
    pub async fn claim_draw(
        &self,
        tx: &mut Tx,
        id: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        let done =
            sqlx::query("UPDATE releases SET drawn_at = $1 WHERE id = $2 AND drawn_at IS NULL")
                .bind(at.timestamp_millis())
                .bind(id)
                .execute(&mut **tx)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The sessions of release `id`, in id order.
    pub async fn sessions_of_release<'e, E>(
        &self,
        db: E,
        id: i64,
    ) -> Result<Vec<SessionId>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let rows: Vec<(SessionId,)> =
            sqlx::query_as("SELECT id FROM interview_sessions WHERE release_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(db)
                .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Every ranking of release `id`: (applicant, session), each applicant's in rank order.
    pub async fn rankings<'e, E>(
        &self,
        db: E,
        id: i64,
    ) -> Result<Vec<(crate::ids::ApplicantId, SessionId)>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(
            "SELECT applicant_id, session_id FROM release_rankings WHERE release_id = $1
             ORDER BY applicant_id, rank",
        )
        .bind(id)
        .fetch_all(db)
        .await
    }

    /// Replaces `applicant`'s ranking in release `id`.
    pub async fn save_ranking(
        &self,
        tx: &mut Tx,
        id: i64,
        applicant: crate::ids::ApplicantId,
        ranking: &[SessionId],
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM release_rankings WHERE release_id = $1 AND applicant_id = $2")
            .bind(id)
            .bind(applicant)
            .execute(&mut **tx)
            .await?;
        for (i, s) in ranking.iter().enumerate() {
            sqlx::query(
                "INSERT INTO release_rankings (release_id, applicant_id, session_id, rank, ranked_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(applicant)
            .bind(*s)
            .bind(i as i64 + 1)
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Release `id` of the program.
    pub async fn release_in<'e, E>(
        &self,
        db: E,
        program_id: ProgramId,
        id: i64,
    ) -> Result<Option<ReleaseRow>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(&format!(
            "SELECT {RELEASE_COLUMNS} FROM releases WHERE id = $1 AND program_id = $2"
        ))
        .bind(id)
        .bind(program_id)
        .fetch_optional(db)
        .await
    }

    /// Each session of the program in a release: (session, release id).
    pub async fn released_sessions(
        &self,
        program_id: ProgramId,
    ) -> Result<Vec<(SessionId, i64)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, release_id FROM interview_sessions
             WHERE program_id = $1 AND release_id IS NOT NULL ORDER BY session_date, id",
        )
        .bind(program_id)
        .fetch_all(self.pool())
        .await
    }

    /// Removes a release of the program (its sessions are no longer held); whether it was one.
    pub async fn delete_release(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        id: i64,
    ) -> Result<Option<String>, sqlx::Error> {
        let name: Option<(String,)> =
            sqlx::query_as("SELECT name FROM releases WHERE id = $1 AND program_id = $2")
                .bind(id)
                .bind(program_id)
                .fetch_optional(&mut **tx)
                .await?;
        if name.is_some() {
            sqlx::query("UPDATE interview_sessions SET release_id = NULL WHERE release_id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM releases WHERE id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(name.map(|n| n.0))
    }
}
