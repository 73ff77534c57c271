//! The reminders' tables: a program's settings, each staff member's alert choices, and the
//! record of what was sent (whose unique key is what makes a reminder go once).

use super::domain::Offset;
use super::types::{AlertKind, Alerts, ReminderSettings, StaffChoices};
use crate::db::{Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, SessionId, UserId};
use sqlx::FromRow;

#[derive(Debug, FromRow)]
struct SettingsRow {
    first_days: Option<i64>,
    first_hours: Option<i64>,
    second_days: Option<i64>,
    second_hours: Option<i64>,
    staff_days: Option<i64>,
    staff_hours: Option<i64>,
    digest_hour: Option<i64>,
}

fn offset(days: Option<i64>, hours: Option<i64>) -> Option<Offset> {
    let n = |v: Option<i64>| u32::try_from(v.unwrap_or(0)).unwrap_or(0);
    (days.is_some() || hours.is_some()).then(|| Offset {
        days: n(days),
        hours: n(hours),
    })
}

impl From<SettingsRow> for ReminderSettings {
    fn from(r: SettingsRow) -> Self {
        ReminderSettings {
            first: offset(r.first_days, r.first_hours),
            second: offset(r.second_days, r.second_hours),
            staff: offset(r.staff_days, r.staff_hours),
            digest_hour: r.digest_hour.and_then(|h| u32::try_from(h).ok()),
        }
    }
}

#[derive(Debug, FromRow)]
struct AlertsRow {
    declined: i64,
    cancelled: i64,
    withdrawn: i64,
    moved: i64,
    digest: i64,
}

impl From<AlertsRow> for Alerts {
    fn from(r: AlertsRow) -> Self {
        Alerts {
            declined: r.declined == 1,
            cancelled: r.cancelled == 1,
            withdrawn: r.withdrawn == 1,
            moved: r.moved == 1,
            digest: r.digest == 1,
        }
    }
}

const SETTINGS_COLUMNS: &str =
    "first_days, first_hours, second_days, second_hours, staff_days, staff_hours, digest_hour";
const ALERT_COLUMNS: &str = "declined, cancelled, withdrawn, moved, digest";

/// A program whose reminders or digest are on.
#[derive(Debug, Clone)]
pub struct Reminding {
    pub program_id: ProgramId,
    pub name: String,
    pub time_zone: chrono_tz::Tz,
    pub settings: ReminderSettings,
}

/// Someone a reminder or alert goes to.
#[derive(Debug, Clone, FromRow)]
pub struct Recipient {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// What a digest counts since the last one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Since {
    pub bookings: i64,
    pub cancellations: i64,
}

fn split(o: Option<Offset>) -> (Option<i64>, Option<i64>) {
    match o {
        Some(o) => (Some(i64::from(o.days)), Some(i64::from(o.hours))),
        None => (None, None),
    }
}

impl Repo {
    pub async fn reminder_settings(
        &self,
        program: ProgramId,
    ) -> Result<ReminderSettings, sqlx::Error> {
        let row: Option<SettingsRow> = sqlx::query_as(&format!(
            "SELECT {SETTINGS_COLUMNS} FROM reminder_settings WHERE program_id = $1"
        ))
        .bind(program)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(Into::into).unwrap_or_default())
    }

    pub async fn save_reminder_settings(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        s: &ReminderSettings,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let (fd, fh) = split(s.first);
        let (sd, sh) = split(s.second);
        let (td, th) = split(s.staff);
        sqlx::query(&format!(
            "INSERT INTO reminder_settings (program_id, {SETTINGS_COLUMNS}, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (program_id) DO UPDATE SET first_days = $2, first_hours = $3,
                second_days = $4, second_hours = $5, staff_days = $6, staff_hours = $7,
                digest_hour = $8, updated_at = $9"
        ))
        .bind(program)
        .bind(fd)
        .bind(fh)
        .bind(sd)
        .bind(sh)
        .bind(td)
        .bind(th)
        .bind(s.digest_hour.map(i64::from))
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Every program with a reminder or the digest on.
    pub async fn reminding_programs(&self) -> Result<Vec<Reminding>, sqlx::Error> {
        #[derive(FromRow)]
        struct Row {
            id: ProgramId,
            name: String,
            time_zone: String,
            #[sqlx(flatten)]
            settings: SettingsRow,
        }
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT p.id, p.name, p.time_zone, {SETTINGS_COLUMNS} FROM reminder_settings r
             JOIN programs p ON p.id = r.program_id
             WHERE first_days IS NOT NULL OR second_days IS NOT NULL OR staff_days IS NOT NULL
                OR digest_hour IS NOT NULL
             ORDER BY p.id"
        ))
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| Reminding {
                program_id: r.id,
                name: r.name,
                time_zone: r.time_zone.parse().unwrap_or(chrono_tz::UTC),
                settings: r.settings.into(),
            })
            .collect())
    }

    pub async fn alerts_of(&self, program: ProgramId, user: UserId) -> Result<Alerts, sqlx::Error> {
        let row: Option<AlertsRow> = sqlx::query_as(&format!(
            "SELECT {ALERT_COLUMNS} FROM staff_alerts WHERE program_id = $1 AND user_id = $2"
        ))
        .bind(program)
        .bind(user)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(Into::into).unwrap_or_default())
    }

    pub async fn save_alerts(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        user: UserId,
        a: Alerts,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let f = |b: bool| i64::from(b);
        sqlx::query(&format!(
            "INSERT INTO staff_alerts (program_id, user_id, {ALERT_COLUMNS}, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (program_id, user_id) DO UPDATE SET declined = $3, cancelled = $4,
                withdrawn = $5, moved = $6, digest = $7, updated_at = $8"
        ))
        .bind(program)
        .bind(user)
        .bind(f(a.declined))
        .bind(f(a.cancelled))
        .bind(f(a.withdrawn))
        .bind(f(a.moved))
        .bind(f(a.digest))
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The program's active staff with their choices (none chosen: all off), by name.
    pub async fn staff_choices(
        &self,
        program: ProgramId,
    ) -> Result<Vec<StaffChoices>, sqlx::Error> {
        #[derive(FromRow)]
        struct Row {
            name: String,
            email: String,
            role: String,
            declined: Option<i64>,
            cancelled: Option<i64>,
            withdrawn: Option<i64>,
            moved: Option<i64>,
            digest: Option<i64>,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT u.name, u.email, m.role, a.declined, a.cancelled, a.withdrawn, a.moved, a.digest
             FROM memberships m JOIN users u ON u.id = m.user_id
             LEFT JOIN staff_alerts a ON a.program_id = m.program_id AND a.user_id = m.user_id
             WHERE m.program_id = $1 AND m.deactivated_at IS NULL ORDER BY u.name, u.id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await?;
        let on = |v: Option<i64>| v == Some(1);
        Ok(rows
            .into_iter()
            .map(|r| StaffChoices {
                name: r.name,
                email: r.email,
                role: r.role,
                alerts: Alerts {
                    declined: on(r.declined),
                    cancelled: on(r.cancelled),
                    withdrawn: on(r.withdrawn),
                    moved: on(r.moved),
                    digest: on(r.digest),
                },
            })
            .collect())
    }

    /// The program's active staff who chose to hear of `kind` (a deactivated member hears nothing).
    pub async fn alert_recipients(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        kind: AlertKind,
    ) -> Result<Vec<Recipient>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT u.id, u.name, u.email FROM staff_alerts a
             JOIN memberships m ON m.program_id = a.program_id AND m.user_id = a.user_id
             JOIN users u ON u.id = a.user_id
             WHERE a.program_id = $1 AND a.{} = 1 AND m.deactivated_at IS NULL ORDER BY u.id",
            kind.column()
        ))
        .bind(program)
        .fetch_all(&mut **tx)
        .await
    }

    /// The program's directors, managers and coordinators who chose the daily digest.
    pub async fn digest_recipients(
        &self,
        program: ProgramId,
    ) -> Result<Vec<Recipient>, sqlx::Error> {
        sqlx::query_as(
            "SELECT u.id, u.name, u.email FROM staff_alerts a
             JOIN memberships m ON m.program_id = a.program_id AND m.user_id = a.user_id
             JOIN users u ON u.id = a.user_id
             WHERE a.program_id = $1 AND a.digest = 1 AND m.role <> 'interviewer'
                AND m.deactivated_at IS NULL ORDER BY u.id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The applicants holding a confirmed seat in a session.
    pub async fn confirmed_in_session(
        &self,
        session: SessionId,
    ) -> Result<Vec<Recipient>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, email FROM applicants WHERE session_id = $1 AND status = 'confirmed'
             ORDER BY id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    /// The staff of the program on a session's rooms.
    pub async fn staff_on_day(
        &self,
        program: ProgramId,
        session: SessionId,
    ) -> Result<Vec<Recipient>, sqlx::Error> {
        sqlx::query_as(
            "SELECT DISTINCT u.id, u.name, u.email FROM rooms r
             JOIN room_interviewers ri ON ri.room_id = r.id
             JOIN memberships m ON m.user_id = ri.user_id AND m.program_id = $1
                AND m.deactivated_at IS NULL
             JOIN users u ON u.id = ri.user_id
             WHERE r.session_id = $2 ORDER BY u.id",
        )
        .bind(program)
        .bind(session)
        .fetch_all(self.pool())
        .await
    }

    /// Records that what `key` names was sent: `true` when this call recorded it (the caller
    /// then queues the e-mail in the same transaction), `false` when it was already (by another
    /// instance, or an earlier run).
    #[allow(clippy::too_many_arguments)]
    pub async fn record_sent(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        kind: &str,
        key: &str,
        to: &str,
        due_at: i64,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "INSERT INTO reminders_sent (program_id, kind, sent_key, to_email, due_at, sent_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (program_id, sent_key) DO NOTHING",
        )
        .bind(program)
        .bind(kind)
        .bind(key)
        .bind(to)
        .bind(due_at)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// When the last digest to `to` went before `before` (none: `None`).
    pub async fn last_digest(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        to: &str,
        before: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        let (at,): (Option<i64>,) = sqlx::query_as(
            "SELECT MAX(sent_at) FROM reminders_sent
             WHERE program_id = $1 AND kind = 'digest' AND to_email = $2 AND sent_at < $3",
        )
        .bind(program)
        .bind(to)
        .bind(before)
        .fetch_one(&mut **tx)
        .await?;
        Ok(at)
    }

    /// Bookings and cancellations (declines and withdrawals too) since `from`.
    pub async fn changes_since(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        from: i64,
    ) -> Result<Since, sqlx::Error> {
        let (bookings, cancellations): (i64, i64) = sqlx::query_as(
            "SELECT
                COALESCE(SUM(CASE WHEN to_value = 'confirmed' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN to_value IN ('cancelled', 'declined', 'withdrawn')
                    THEN 1 ELSE 0 END), 0)
             FROM audit_log WHERE program_id = $1 AND entity = 'applicant' AND action = 'status'
                AND at >= $2",
        )
        .bind(program)
        .bind(from)
        .fetch_one(&mut **tx)
        .await?;
        Ok(Since {
            bookings,
            cancellations,
        })
    }

    /// Interviews of published days held before `today` (the program's date) whose interviewer
    /// has not submitted a score.
    pub async fn scores_missing(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        today: &str,
    ) -> Result<i64, sqlx::Error> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM schedule_slots ss
             JOIN interview_sessions s ON s.id = ss.session_id
             JOIN session_days d ON d.session_id = s.id
             JOIN room_interviewers ri ON ri.room_id = ss.room_id
             WHERE s.program_id = $1 AND d.published_version IS NOT NULL
                AND s.session_date < $2 AND ss.applicant_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM scores sc WHERE sc.session_id = s.id
                    AND sc.applicant_id = ss.applicant_id AND sc.interviewer_id = ri.user_id
                    AND sc.submitted_at IS NOT NULL)",
        )
        .bind(program)
        .bind(today)
        .fetch_one(&mut **tx)
        .await?;
        Ok(n)
    }

    /// How many reminders of a kind went out (the page's count; the tests').
    pub async fn reminders_sent_count(
        &self,
        program: ProgramId,
        kind: &str,
    ) -> Result<i64, sqlx::Error> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM reminders_sent WHERE program_id = $1 AND kind = $2",
        )
        .bind(program)
        .bind(kind)
        .fetch_one(self.pool())
        .await?;
        Ok(n)
    }
}

/// A reminder's key: for an applicant, their id, the session and its start (so a session moved
/// to another time reminds again), and which reminder.
pub fn applicant_key(a: ApplicantId, s: SessionId, start: &str, n: u8) -> String {
    format!("applicant:{a}:{s}:{start}:{n}")
}

/// A staff member's reminder of a day.
pub fn staff_key(user: i64, s: SessionId, start: &str) -> String {
    format!("staff:{user}:{s}:{start}")
}

/// A digest's key: the person and the program's date.
pub fn digest_key(user: i64, day: &str) -> String {
    format!("digest:{user}:{day}")
}
