//! Server side of sessions: turning rows into what pages show, and the checked writes.

use super::api::SessionSummary;
use super::domain::{check_capacity_cut, check_delete, validate_session};
use super::repo::SessionRow;
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::programs::domain::validate_time_zone;
use crate::programs::repo::Audit;
use crate::server::AppState;
use chrono::{NaiveDate, NaiveTime, TimeZone};

/// The UTC instant of a wall-clock time in a zone (the earlier one when ambiguous).
pub fn instant_ms(date: &str, time: &str, zone: &str) -> Option<i64> {
    let tz: chrono_tz::Tz = zone.parse().ok()?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    tz.from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|t| t.timestamp_millis())
}

pub fn summary(row: SessionRow) -> SessionSummary {
    SessionSummary {
        fill: row.fill(),
        starts_at_ms: instant_ms(&row.session_date, &row.start_time, &row.time_zone).unwrap_or(0),
        ends_at_ms: instant_ms(&row.session_date, &row.end_time, &row.time_zone).unwrap_or(0),
        id: row.id,
        name: row.name,
        date: row.session_date,
        start: row.start_time,
        end: row.end_time,
        time_zone: row.time_zone,
        visible: row.visible != 0,
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn save_session(
    state: &AppState,
    by: Staff,
    id: Option<i64>,
    name: &str,
    date: &str,
    start: &str,
    end: &str,
    time_zone: &str,
    capacity: &str,
    visible: bool,
) -> AppResult<i64> {
    let input = validate_session(name, date, start, end, capacity, visible)?;
    let time_zone = validate_time_zone(time_zone)?;
    let mut tx = state.repo.begin_write().await?;
    let id = match id {
        None => {
            state
                .repo
                .create_session(&mut tx, by.program_id, &input, &time_zone)
                .await?
        }
        Some(id) => {
            // The capacity check sees every booking: the session row is locked first.
            let (_, confirmed, _) = state
                .repo
                .lock_session(&mut tx, by.program_id, id)
                .await?
                .ok_or_else(not_found)?;
            check_capacity_cut(input.capacity, confirmed)?;
            state
                .repo
                .update_session(&mut tx, id, &input, &time_zone)
                .await?;
            id
        }
    };
    state
        .repo
        .audit(
            &mut tx,
            Audit {
                to: Some(&input.name),
                ..Audit::new(by.program_id, Some(by.user_id), "session", id, "saved")
            },
        )
        .await?;
    tx.commit().await?;
    crate::live::publish_changes(state, by.program_id, &[id], None).await;
    Ok(id)
}

pub async fn delete_session(state: &AppState, by: Staff, id: i64) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let (_, confirmed, _) = state
        .repo
        .lock_session(&mut tx, by.program_id, id)
        .await?
        .ok_or_else(not_found)?;
    check_delete(confirmed)?;
    state.repo.delete_session(&mut tx, id).await?;
    state
        .repo
        .audit(
            &mut tx,
            Audit::new(by.program_id, Some(by.user_id), "session", id, "deleted"),
        )
        .await?;
    tx.commit().await?;
    crate::live::publish_changes(state, by.program_id, &[], None).await;
    Ok(())
}

pub fn not_found() -> AppError {
    AppError::NotFound("That session was not found.".into())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_clock_times_become_instants_in_their_zone() {
        // 8:00 in New York in December is 13:00 UTC.
        let ms = instant_ms("2026-12-08", "08:00", "America/New_York").unwrap();
        assert_eq!(
            chrono::DateTime::from_timestamp_millis(ms)
                .unwrap()
                .to_rfc3339(),
            "2026-12-08T13:00:00+00:00"
        );
        assert!(instant_ms("2026-12-08", "08:00", "Mars/Base").is_none());
        assert!(time_zone_names().contains(&"America/Chicago".to_string()));
    }
}
