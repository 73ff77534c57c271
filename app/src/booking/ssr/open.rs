//! Whether a session takes a booking now: one of the program's visible sessions, released (a
//! session of a release is closed until its time, by the server's clock; a fair release's
//! sessions take rankings, not bookings, until it is drawn) and before its booking lock.

use crate::booking::repo::ReleaseGate;
use crate::booking::rules::{said_at, ChangeRules, Locks};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId};
use crate::server::AppState;
use crate::sessions::repo::{GatedRow, SessionRow};
use chrono::{DateTime, Utc};

/// The locks of a session row.
pub(crate) fn locks_of(rules: &ChangeRules, s: &SessionRow) -> Locks {
    rules.locks(s.time_zone, s.date, s.start)
}

/// The session `id` when it takes a booking at `now`; otherwise why not, under `session_id`.
pub(crate) async fn check_bookable(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    rules: &ChangeRules,
    id: SessionId,
    now: DateTime<Utc>,
) -> AppResult<SessionRow> {
    bookable(state, tx, program_id, rules, id, now, "session_id").await
}

/// [`check_bookable`], its refusal filed under `field`: the session and its release read in one
/// statement, then [`open_now`].
pub(crate) async fn bookable(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    rules: &ChangeRules,
    id: SessionId,
    now: DateTime<Utc>,
    field: &str,
) -> AppResult<SessionRow> {
    let rows = state.repo.gated_sessions(tx, program_id, Some(id)).await?;
    let row = rows.into_iter().next();
    open_now(row.as_ref(), rules, now, field)?;
    row.map(|r| r.session).ok_or_else(|| not_available(field))
}

fn not_available(field: &str) -> AppError {
    AppError::invalid(
        field,
        "That session is not available. Please choose another.",
    )
}

/// Whether a session, read with its release (`None`: not one of the program's), takes a
/// booking at `now`: visible, released (a session of a release is closed until its time, and a
/// fair release's take rankings until it is drawn), before its booking lock. The refusal says
/// why, under `field`.
pub(crate) fn open_now(
    row: Option<&GatedRow>,
    rules: &ChangeRules,
    now: DateTime<Utc>,
    field: &str,
) -> AppResult<()> {
    let gate = row.and_then(ReleaseGate::of);
    let row = row
        .map(|r| &r.session)
        .filter(|s| s.visible)
        .ok_or_else(|| not_available(field))?;
    if let Some(r) = gate {
        if now < r.opens_at {
            return Err(AppError::invalid(
                field,
                format!(
                    "{} opens for booking on {}.",
                    row.name,
                    said_at(r.opens_at, row.time_zone)
                ),
            ));
        }
        if r.fair && r.drawn_at.is_none() {
            return Err(AppError::invalid(
                field,
                format!(
                    "{} is in a fair release: rank it before the draw instead of booking it.",
                    row.name
                ),
            ));
        }
    }
    let locks = locks_of(rules, row);
    if locks.booking_closed(now) {
        return Err(AppError::invalid(
            field,
            format!(
                "Booking {} closed on {}.",
                row.name,
                said_at(locks.booking, row.time_zone)
            ),
        ));
    }
    Ok(())
}
