//! The coordinator's applicants page (add, invite, send the invitation, assign) and the
//! applicant's My Programs (accept or decline, choose sessions, see the confirmed session).

mod invitation_card;
mod list;
mod my_programs;

pub use list::ApplicantsListPage;
pub use my_programs::MyProgramsPage;

use super::domain::Status;
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
