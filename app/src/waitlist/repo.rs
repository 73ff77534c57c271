//! Queries of the waitlists (`waitlist_entries`): a session's line in order, an applicant's
//! places, joining at the end, offers and the first-come "told" mark, and a coordinator's new
//! order. Every write happens inside the caller's transaction, after its session row is locked
//! (`Repo::lock_session`), so two instances never act on one line at once.

use super::domain::InLine;
use crate::db::columns::{Millis, OptMillis};
use crate::db::{Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, SessionId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// One entry of a line, with its applicant's name (coordinators' view and the job's).
#[derive(Debug, Clone, FromRow)]
pub struct EntryRow {
    pub session_id: SessionId,
    pub applicant_id: ApplicantId,
    pub name: String,
    pub email: String,
    #[sqlx(try_from = "Millis")]
    pub joined_at: DateTime<Utc>,
    #[sqlx(try_from = "OptMillis")]
    pub told_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "OptMillis")]
    pub offer_expires_at: Option<DateTime<Utc>>,
}

impl EntryRow {
    pub fn in_line(&self) -> InLine {
        InLine {
            applicant: self.applicant_id,
            told: self.told_at.is_some(),
            offer_until: self.offer_expires_at,
        }
    }
}

const ENTRY_COLUMNS: &str = "w.session_id, w.applicant_id, a.name, a.email, w.joined_at, w.told_at,
     w.offer_expires_at";

impl Repo {
    /// A session's line, first first.
    pub async fn line<'e, E>(&self, db: E, session: SessionId) -> Result<Vec<EntryRow>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(&format!(
            "SELECT {ENTRY_COLUMNS} FROM waitlist_entries w JOIN applicants a ON a.id = w.applicant_id
             WHERE w.session_id = $1 ORDER BY w.position, w.id"
        ))
        .bind(session)
        .fetch_all(db)
        .await
    }

    /// Every entry of the program's lines, each line in order (sessions by date).
    pub async fn lines_of_program(
        &self,
        program_id: ProgramId,
    ) -> Result<Vec<EntryRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {ENTRY_COLUMNS} FROM waitlist_entries w JOIN applicants a ON a.id = w.applicant_id
             JOIN interview_sessions s ON s.id = w.session_id
             WHERE w.program_id = $1 ORDER BY s.session_date, s.start_time, s.id, w.position, w.id"
        ))
        .bind(program_id)
        .fetch_all(self.pool())
        .await
    }

    /// The sessions (of programs whose waitlist is on) with someone in line.
    pub async fn sessions_with_lines(&self) -> Result<Vec<(ProgramId, SessionId)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT DISTINCT w.program_id, w.session_id FROM waitlist_entries w
             JOIN programs p ON p.id = w.program_id WHERE p.waitlist_mode <> 'off'
             ORDER BY w.program_id, w.session_id",
        )
        .fetch_all(self.pool())
        .await
    }

    /// The sessions whose line `applicant` is in, with their place (1 first).
    pub async fn places_of(
        &self,
        db: impl sqlx::Executor<'_, Database = sqlx::Any>,
        applicant: ApplicantId,
    ) -> Result<Vec<(SessionId, i64)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT w.session_id,
                    (SELECT COUNT(*) FROM waitlist_entries o WHERE o.session_id = w.session_id
                        AND (o.position < w.position OR (o.position = w.position AND o.id <= w.id)))
             FROM waitlist_entries w WHERE w.applicant_id = $1 ORDER BY w.session_id",
        )
        .bind(applicant)
        .fetch_all(db)
        .await
    }

    /// `applicant`'s entry in `session`'s line.
    pub async fn entry(
        &self,
        tx: &mut Tx,
        session: SessionId,
        applicant: ApplicantId,
    ) -> Result<Option<EntryRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {ENTRY_COLUMNS} FROM waitlist_entries w JOIN applicants a ON a.id = w.applicant_id
             WHERE w.session_id = $1 AND w.applicant_id = $2"
        ))
        .bind(session)
        .bind(applicant)
        .fetch_optional(&mut **tx)
        .await
    }

    /// Puts `applicant` at the end of `session`'s line (nothing when already in it). Returns
    /// whether they were added.
    pub async fn join_line(
        &self,
        tx: &mut Tx,
        program_id: ProgramId,
        session: SessionId,
        applicant: ApplicantId,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "INSERT INTO waitlist_entries (program_id, session_id, applicant_id, position, joined_at)
             SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4 FROM waitlist_entries
             WHERE session_id = $2
             ON CONFLICT (session_id, applicant_id) DO NOTHING",
        )
        .bind(program_id)
        .bind(session)
        .bind(applicant)
        .bind(now.timestamp_millis())
        .execute(&mut **tx)
        .await?;
        let joined = done.rows_affected() == 1;
        if joined {
            sqlx::query(
                "INSERT INTO waitlist_moves (program_id, session_id, applicant_id, at, joined)
                 VALUES ($1, $2, $3, $4, 1)",
            )
            .bind(program_id)
            .bind(session)
            .bind(applicant)
            .bind(now.timestamp_millis())
            .execute(&mut **tx)
            .await?;
        }
        Ok(joined)
    }

    /// Notes that the entries `filter` (a condition on `waitlist_entries`, its values `$2`…
    /// from `values`) names leave their lines at `at` ([`Self::join_line`] notes the joins):
    /// the Reports page replays both into each session's waitlist over time.
    async fn note_leaving(
        &self,
        tx: &mut Tx,
        filter: &str,
        values: &[i64],
        at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let sql = format!(
            "INSERT INTO waitlist_moves (program_id, session_id, applicant_id, at, joined)
             SELECT program_id, session_id, applicant_id, $1, 0 FROM waitlist_entries
             WHERE {filter} ORDER BY id"
        );
        let mut query = sqlx::query(&sql).bind(at.timestamp_millis());
        for v in values {
            query = query.bind(*v);
        }
        query.execute(&mut **tx).await?;
        Ok(())
    }

    /// Takes `applicant` out of `session`'s line (all lines: `None`) at `at`.
    pub async fn leave_line(
        &self,
        tx: &mut Tx,
        session: Option<SessionId>,
        applicant: ApplicantId,
        at: DateTime<Utc>,
    ) -> Result<u64, sqlx::Error> {
        let done = match session {
            Some(s) => {
                self.note_leaving(
                    tx,
                    "applicant_id = $2 AND session_id = $3",
                    &[applicant.0, s.0],
                    at,
                )
                .await?;
                sqlx::query(
                    "DELETE FROM waitlist_entries WHERE session_id = $1 AND applicant_id = $2",
                )
                .bind(s)
                .bind(applicant)
                .execute(&mut **tx)
                .await?
            }
            None => {
                self.note_leaving(tx, "applicant_id = $2", &[applicant.0], at)
                    .await?;
                sqlx::query("DELETE FROM waitlist_entries WHERE applicant_id = $1")
                    .bind(applicant)
                    .execute(&mut **tx)
                    .await?
            }
        };
        Ok(done.rows_affected())
    }

    /// Holds the seat for `applicant` until `until` (an offer), or gives the hold back (`None`).
    pub async fn set_offer(
        &self,
        tx: &mut Tx,
        session: SessionId,
        applicant: ApplicantId,
        offer: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE waitlist_entries SET offered_at = $1, offer_expires_at = $2
             WHERE session_id = $3 AND applicant_id = $4",
        )
        .bind(offer.map(|o| o.0.timestamp_millis()))
        .bind(offer.map(|o| o.1.timestamp_millis()))
        .bind(session)
        .bind(applicant)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// First come: marks `applicant` told a seat is open (at `at`), or not (`None`).
    pub async fn set_told(
        &self,
        tx: &mut Tx,
        session: SessionId,
        applicant: ApplicantId,
        at: Option<DateTime<Utc>>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE waitlist_entries SET told_at = $1 WHERE session_id = $2 AND applicant_id = $3",
        )
        .bind(at.map(|t| t.timestamp_millis()))
        .bind(session)
        .bind(applicant)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Writes a line's new order: `order`'s applicants get places 1, 2, 3 ….
    pub async fn reorder_line(
        &self,
        tx: &mut Tx,
        session: SessionId,
        order: &[ApplicantId],
    ) -> Result<(), sqlx::Error> {
        for (i, a) in order.iter().enumerate() {
            sqlx::query(
                "UPDATE waitlist_entries SET position = $1 WHERE session_id = $2 AND applicant_id = $3",
            )
            .bind(i as i64 + 1)
            .bind(session)
            .bind(*a)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Entries of applicants no longer waiting (confirmed elsewhere, declined, withdrawn …),
    /// removed at `at`; returns how many.
    pub async fn drop_stale_entries(
        &self,
        tx: &mut Tx,
        session: SessionId,
        at: DateTime<Utc>,
    ) -> Result<u64, sqlx::Error> {
        self.note_leaving(
            tx,
            "session_id = $2 AND applicant_id IN
                (SELECT id FROM applicants WHERE status <> 'waitlisted')",
            &[session.0],
            at,
        )
        .await?;
        let done = sqlx::query(
            "DELETE FROM waitlist_entries WHERE session_id = $1 AND applicant_id IN
                (SELECT id FROM applicants WHERE status <> 'waitlisted')",
        )
        .bind(session)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected())
    }
}
