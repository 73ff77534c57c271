//! Server side of the waitlists, a file per workflow: an applicant joining or leaving a line
//! (`join`), taking a seat from it (`claim`: a first-come seat, or accepting or declining an
//! offer), the job that gives freed seats to the lines (`job`), a coordinator's work on a line
//! (`line`: reorder, offer by hand). Here: what they share.
//!
//! # Locks
//! Every workflow locks the session row first (`Repo::lock_session`), then the applicant's:
//! the job works line by line under its session's lock, and an outbox row names its applicant
//! (a foreign key, which PostgreSQL checks with a share lock on the applicant), so taking the
//! two in one order everywhere keeps two instances, or an applicant and the job, from
//! deadlocking.

pub mod claim;
pub mod job;
pub mod join;
pub mod line;
pub mod mine;

use crate::db::Tx;
use crate::error::AppResult;
use crate::ids::{ProgramId, SessionId};
use crate::live::{Audience, Change, Event};
use crate::server::AppState;
use crate::sessions::repo::SessionRow;

/// The caller's applicant row in the program, locked, once the invitation reached them:
/// booking's own lookup.
pub(crate) use crate::booking::ssr::choose::locked_invitation as locked_me;

/// A session of the program, locked for the transaction (its row, as its seat checks lock
/// it); "not found" for another program's.
pub(crate) async fn locked_session(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    id: SessionId,
) -> AppResult<(crate::sessions::repo::SessionLock, SessionRow)> {
    let lock = state
        .repo
        .lock_session(tx, program_id, id)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)?;
    let row = state
        .repo
        .session_in(&mut **tx, program_id, id)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)?;
    Ok((lock, row))
}

/// After a commit: every open My Programs of the program reloads (places in line moved), and
/// so do the coordinators' screens; each of `told` gets `words` on screen.
pub(crate) fn publish(
    state: &AppState,
    program_id: ProgramId,
    fills: crate::live::Changes,
    told: &[(String, String)],
) {
    fills.publish(state);
    state.hub.publish(Event {
        audiences: vec![
            Audience::Applicants(program_id),
            Audience::Coordinators(program_id),
        ],
        change: Change::ApplicantsChanged,
    });
    for (email, words) in told {
        state.hub.publish(Event {
            audiences: vec![Audience::Person(email.clone())],
            change: Change::Notice(words.clone()),
        });
    }
}

/// A session's name and date, for the words of a notice ("Tuesday (Tuesday, March 9, 2026)").
pub(crate) fn named(s: &SessionRow) -> String {
    format!(
        "{} ({})",
        s.name,
        crate::sessions::domain::long_date(s.date)
    )
}
