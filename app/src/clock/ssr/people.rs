//! Whom a push about a session's day reaches, and the clock's own push.

use crate::clock::types::ClockView;
use crate::error::AppResult;
use crate::ids::{ProgramId, SessionId};
use crate::live::{Audience, Change, Event as LiveEvent};
use crate::server::AppState;

/// Tells everyone of the session — its program's coordinators, the day's interviewers, its
/// applicants — where the clock is.
pub(super) async fn announce(
    state: &AppState,
    program: ProgramId,
    view: ClockView,
) -> AppResult<()> {
    let audiences = session_people(state, program, view.session).await?;
    state.hub.publish(LiveEvent {
        audiences,
        change: Change::Clock(Box::new(view)),
    });
    Ok(())
}

/// Everyone of a session a push about its day reaches: the program's coordinators, the
/// published day's interviewers and the session's applicants (each by e-mail), so that staff
/// of another session hear nothing of this one.
pub async fn session_people(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
) -> AppResult<Vec<Audience>> {
    people_reached(state, program, session, true, true).await
}

/// The program's coordinators, and the session's published day's interviewers and its
/// applicants, each when asked for (a broadcast names whom it reaches).
pub async fn people_reached(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
    interviewers: bool,
    applicants: bool,
) -> AppResult<Vec<Audience>> {
    let mut out = vec![Audience::Coordinators(program)];
    if interviewers {
        for (_, email) in state.repo.day_interviewer_emails(session).await? {
            out.push(Audience::Person(email));
        }
    }
    if applicants {
        for (_, email, _) in state.repo.session_applicants(session).await? {
            out.push(Audience::Person(email));
        }
    }
    Ok(out)
}
