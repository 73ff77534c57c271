//! Taking a seat, safe under races: each session row is locked before its confirmed applicants
//! are counted, inside the booking's transaction.

use crate::booking::domain::{decide_booking, Booking};
use crate::db::Tx;
use crate::error::AppResult;
use crate::ids::{ProgramId, SessionId};
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
/// The seat check is sessions' (a coordinator's move uses it too).
pub(crate) use crate::sessions::ssr::has_seat;

/// Decides a booking under lock. Each session row is locked before its confirmed applicants
/// are counted, and the first choice is tried under a savepoint that is rolled back (releasing
/// its lock) before the second is tried, so two applicants falling back in opposite orders
/// cannot deadlock. A program that does not schedule itself (`self_scheduling` false) leaves
/// the applicant Pending.
pub(crate) async fn book(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    self_scheduling: bool,
    first: SessionId,
    second: Option<SessionId>,
) -> AppResult<Booking> {
    if !self_scheduling {
        return Ok(Booking::Pending);
    }
    let first_free = {
        let mut sp = sqlx::Acquire::begin(&mut **tx).await?;
        let free = has_seat(state, &mut sp, program_id, first).await?;
        if free {
            sp.commit().await?;
        } else {
            sp.rollback().await?;
        }
        free
    };
    let second = match (first_free, second) {
        (false, Some(id)) => Some((id, has_seat(state, tx, program_id, id).await?)),
        (_, s) => s.map(|id| (id, false)),
    };
    Ok(decide_booking(true, (first, first_free), second))
}

/// Names of the program's visible sessions that still have seats.
pub(crate) async fn sessions_with_seats(
    state: &AppState,
    program_id: ProgramId,
) -> AppResult<Vec<String>> {
    Ok(with_seats(&state.repo.sessions(program_id).await?))
}

/// Names of the visible sessions among `rows` that still have seats.
pub(crate) fn with_seats<'a>(rows: impl IntoIterator<Item = &'a SessionRow>) -> Vec<String> {
    rows.into_iter()
        .filter(|s| s.visible && !s.fill().is_full())
        .map(|s| s.name.clone())
        .collect()
}
