//! The coordinator's applicants page (add, invite, send the invitation, assign) and the
//! applicant's My Programs (accept or decline, choose sessions, see the confirmed session).

mod actions;
mod invitation_card;
mod list;
mod my_programs;
mod table;

pub use actions::RowActions;
pub use list::ApplicantsListPage;
pub use my_programs::MyProgramsPage;

use super::domain::Status;
use crate::ids::SessionId;
use crate::sessions::api::SessionSummary;
use crate::ui::{Badge, Tone};
use leptos::prelude::*;

/// An applicant's status as a badge: one look per status, always in words.
#[component]
pub(crate) fn StatusBadge(status: Status) -> impl IntoView {
    let tone = match status {
        Status::Confirmed => Tone::Ok,
        Status::Pending | Status::Waitlisted => Tone::Warn,
        Status::InvitedReady => Tone::Info,
        _ => Tone::Neutral,
    };
    view! { <Badge tone text=status.label()/> }
}

/// The name of a session in the list, or a dash.
pub(crate) fn session_name(sessions: &[SessionSummary], id: Option<SessionId>) -> String {
    id.and_then(|id| sessions.iter().find(|s| s.id == id))
        .map(|s| s.name.clone())
        .unwrap_or_else(|| "—".into())
}
