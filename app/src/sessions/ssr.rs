//! Server side of sessions: the list pages read, rows turned into what pages show, and the
//! checked writes.

use super::domain::SessionInput;
use super::domain::{check_capacity_cut, check_delete, validate_session, SessionForm};
use super::repo::SessionRow;
use super::types::{SessionSummary, SessionsPage};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId};
use crate::programs::domain::{validate_time_zone, AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

/// The instant of a wall-clock time in a zone: the earlier one when the clocks fall back, and
/// for a time skipped when they spring forward, the instant an hour later (as calendars do).
pub fn local_instant(date: NaiveDate, time: NaiveTime, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let local = date.and_time(time);
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

pub fn summary(row: SessionRow) -> SessionSummary {
    SessionSummary {
        fill: row.fill(),
        starts_at: local_instant(row.date, row.start, row.time_zone),
        ends_at: local_instant(row.date, row.end, row.time_zone),
        id: row.id,
        name: row.name,
        date: row.date,
        start: row.start,
        end: row.end,
        time_zone: row.time_zone.name().to_string(),
        visible: row.visible,
    }
}

pub async fn list_sessions(state: &AppState, by: Staff) -> AppResult<SessionsPage> {
    let sessions = state.repo.sessions(by.program_id).await?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    Ok(SessionsPage {
        sessions: sessions.into_iter().map(summary).collect(),
        builds_days: program.interview_setup.builds_the_day(),
    })
}

/// What a feature built on sessions adds to a session's edit: run in the edit's transaction,
/// once the session row is locked and before it is written, it may change what is written (the
/// Day page: a planned day's end follows its plan) or refuse (an interviewer busy at the new
/// times). Sessions know no such feature: each registers its rule with `inventory::submit!`,
/// so the dependency points from that feature to sessions (the layering in the README).
pub struct EditRule(pub EditRuleFn);

/// An [`EditRule`]'s check: the session's program, the session, its zone, the edit as entered.
pub type EditRuleFn = for<'a> fn(
    &'a AppState,
    &'a mut crate::db::Tx,
    ProgramId,
    SessionId,
    chrono_tz::Tz,
    SessionInput,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = AppResult<SessionInput>> + Send + 'a>,
>;

inventory::collect!(EditRule);

pub async fn save_session(state: &AppState, by: Staff, form: &SessionForm) -> AppResult<SessionId> {
    let input = validate_session(form)?;
    let time_zone = validate_time_zone(&form.time_zone)?;
    let mut tx = state.repo.begin_write().await?;
    let id = match form.id {
        None => {
            state
                .repo
                .create_session(&mut tx, by.program_id, &input, &time_zone)
                .await?
        }
        Some(id) => {
            // The capacity check sees every booking: the session row is locked first.
            let lock = state
                .repo
                .lock_session(&mut tx, by.program_id, id)
                .await?
                .ok_or_else(not_found)?;
            check_capacity_cut(input.capacity, lock.confirmed)?;
            let zone = time_zone.parse().map_err(|_| AppError::Internal)?;
            let mut input = input.clone();
            for rule in inventory::iter::<EditRule> {
                input = (rule.0)(state, &mut tx, by.program_id, id, zone, input).await?;
            }
            state
                .repo
                .update_session(&mut tx, id, &input, &time_zone)
                .await?;
            id
        }
    };
    let audit = Audit::new(
        by.program_id,
        Some(by.user_id),
        AuditEntity::Session,
        id.0,
        AuditAction::Saved,
    );
    let audit = Audit {
        to: Some(&input.name),
        ..audit
    };
    state.repo.audit(&mut tx, audit).await?;
    let changes = crate::live::changes(&state.repo, &mut tx, by.program_id, &[id], None).await?;
    tx.commit().await?;
    // A capacity raised, or the session made visible, may free seats for its waitlist.
    state.seats_wake.notify_one();
    changes.publish(state);
    Ok(id)
}

pub async fn delete_session(state: &AppState, by: Staff, id: SessionId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let lock = state
        .repo
        .lock_session(&mut tx, by.program_id, id)
        .await?
        .ok_or_else(not_found)?;
    check_delete(lock.confirmed)?;
    state.repo.delete_session(&mut tx, id).await?;
    let audit = Audit::new(
        by.program_id,
        Some(by.user_id),
        AuditEntity::Session,
        id.0,
        AuditAction::Deleted,
    );
    state.repo.audit(&mut tx, audit).await?;
    let changes = crate::live::changes(&state.repo, &mut tx, by.program_id, &[], None).await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(())
}

pub fn not_found() -> AppError {
    AppError::NotFound("That session was not found.".into())
}

/// The one seat check, for a booking and a move alike: the session's row is locked before its
/// seats are counted, inside the caller's transaction, so two writers racing for the last seat
/// are counted one after the other.
pub async fn has_seat(
    state: &AppState,
    conn: &mut sqlx::AnyConnection,
    program_id: ProgramId,
    session_id: SessionId,
) -> AppResult<bool> {
    let lock = state
        .repo
        .lock_session(conn, program_id, session_id)
        .await?
        .ok_or_else(not_found)?;
    Ok(lock.has_seat())
}

/// One session as its page shows it, and whether the program builds its days in the portal.
pub async fn session_page(
    state: &AppState,
    by: Staff,
    id: SessionId,
) -> AppResult<(SessionSummary, bool)> {
    let row = own_session(state, by, id).await?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    Ok((summary(row), program.interview_setup.builds_the_day()))
}

/// The program's zone: a new session's default.
pub async fn program_zone(state: &AppState, by: Staff) -> AppResult<String> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    Ok(program.time_zone.name().to_string())
}

/// Zones offered when creating a session: the IANA names of places (no `Etc/` aliases),
/// sorted once.
pub fn time_zone_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name().to_string())
            .filter(|n| n.contains('/') && !n.starts_with("Etc/") && !n.starts_with("SystemV/"))
            .collect();
        names.sort();
        names
    })
}

/// The session, if it is the staff member's program's (another program's is "not found").
pub async fn own_session(state: &AppState, by: Staff, session: SessionId) -> AppResult<SessionRow> {
    state
        .repo
        .session(by.program_id, session)
        .await?
        .ok_or_else(|| AppError::NotFound("That session was not found.".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str, zone: &str) -> String {
        local_instant(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
            zone.parse().unwrap(),
        )
        .to_rfc3339()
    }

    #[test]
    fn wall_clock_times_become_instants_in_their_zone() {
        // 8:00 in New York in December is 13:00 UTC.
        assert_eq!(
            at("2026-12-08", "08:00", "America/New_York"),
            "2026-12-08T13:00:00+00:00"
        );
        // 2:30 does not exist on 8 March 2026 in New York: the instant an hour later (3:30 EDT).
        assert_eq!(
            at("2026-03-08", "02:30", "America/New_York"),
            "2026-03-08T07:30:00+00:00"
        );
        // 1:30 happens twice on 1 November 2026: the first one (EDT).
        assert_eq!(
            at("2026-11-01", "01:30", "America/New_York"),
            "2026-11-01T05:30:00+00:00"
        );
        assert!(time_zone_names().contains(&"America/Chicago".to_string()));
    }
}
