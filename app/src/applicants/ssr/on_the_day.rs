//! An applicant marked on their interview day (TimeTrack: Interviewed, No-show).

use super::{locked, save};
use crate::applicants::domain::Status;
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::ApplicantId;
use crate::server::AppState;

/// Marks an applicant on their interview day (`to`: Interviewed when their last room completes,
/// No-show when they never came), audited; `false` when it changes nothing. A No-show stays
/// one when their rooms complete; only someone holding a seat is marked.
pub(crate) async fn mark_on_the_day(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    id: ApplicantId,
    to: Status,
) -> AppResult<bool> {
    let mut a = locked(state, tx, by, id).await?;
    let before = a.status;
    if before == to || (to == Status::Interviewed && before == Status::NoShow) {
        return Ok(false);
    }
    if !before.holds_seat() || a.session_id.is_none() {
        return Err(AppError::Conflict(format!(
            "{} is {}: not on this day.",
            a.name,
            before.label()
        )));
    }
    a.status = to;
    let reason = Some(match to {
        Status::NoShow => "marked No-show on the day",
        _ => "every interview of the day completed",
    });
    save(state, tx, by.program_id, Some(by), before, &a, reason).await?;
    Ok(true)
}
