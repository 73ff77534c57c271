//! An applicant marked on their interview day (TimeTrack: Interviewed, No-show).

use super::{locked, ruled, save};
use crate::applicants::domain::{Status, Transition};
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::AppResult;
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
    let mark = match to {
        Status::NoShow => Transition::MarkNoShow,
        _ => Transition::MarkInterviewed,
    };
    a.status = ruled(&a, mark)?;
    if a.status == before {
        return Ok(false);
    }
    let reason = Some(match a.status {
        Status::NoShow => "marked No-show on the day",
        _ => "every interview of the day completed",
    });
    save(state, tx, by.program_id, Some(by), before, &a, reason).await?;
    Ok(true)
}
