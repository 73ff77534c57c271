//! Publishing what a write changed, after its commit: sessions' fills and that applicants
//! changed ([`Changes`]), and a login's new scope ([`publish_rescope`]).

use super::{Audience, Change, Event};
use crate::ids::SessionId;
use crate::sessions::domain::Fill;

/// What a write changed: the fill of the sessions it touched (read inside its transaction, so
/// publishing after the commit needs no connection — in a rush the pool is busy with the
/// writes themselves) and the applicant concerned.
pub struct Changes {
    program_id: crate::ids::ProgramId,
    fills: Vec<(Fill, bool)>,
    email: Option<String>,
}

/// Reads what a write changed, inside its transaction: the fills of `session_ids` (as the
/// transaction leaves them) and that applicants changed (`email`: the one concerned).
pub async fn changes(
    repo: &crate::db::Repo,
    tx: &mut crate::db::Tx,
    program_id: crate::ids::ProgramId,
    session_ids: &[SessionId],
    email: Option<&str>,
) -> Result<Changes, sqlx::Error> {
    let mut fills = Vec::new();
    for id in session_ids {
        if let Some(row) = repo.session_in(&mut **tx, program_id, *id).await? {
            fills.push((row.fill(), row.visible));
        }
    }
    Ok(Changes {
        program_id,
        fills,
        email: email.map(str::to_string),
    })
}

impl Changes {
    /// Publishes them, after the commit: each fill to the program's coordinators (and to its
    /// invited applicants when the session is visible); that applicants changed to the
    /// coordinators and to the applicant concerned, whose own tabs reload.
    pub fn publish(self, state: &crate::server::AppState) {
        let program_id = self.program_id;
        for (fill, visible) in self.fills {
            let mut audiences = vec![Audience::Coordinators(program_id)];
            if visible {
                audiences.push(Audience::Applicants(program_id));
            }
            state.hub.publish(Event {
                audiences,
                change: Change::Fill(fill),
            });
        }
        let mut audiences = vec![Audience::Coordinators(program_id)];
        audiences.extend(self.email.map(Audience::Person));
        state.hub.publish(Event {
            audiences,
            change: Change::ApplicantsChanged,
        });
    }
}

/// Tells the streams of one login session that its role or program changed.
pub fn publish_rescope(state: &crate::server::AppState, token_hash: &str) {
    state.hub.publish(Event {
        audiences: vec![Audience::Login(token_hash.to_string())],
        change: Change::Rescope,
    });
}
