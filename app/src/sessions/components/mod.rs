//! The coordinator's sessions: the list with live fill and the new-session form, one session's
//! page to edit or delete it, and the pieces applicant pages reuse (the fill bar, a session's
//! time in its zone and in the viewer's own).

mod detail;
mod fill_bar;
mod form;
mod list;
mod your_time;

pub use detail::SessionPage;
pub use fill_bar::FillBar;
pub use list::SessionsListPage;
pub use your_time::YourTime;

use super::api::SessionSummary;
use super::domain::{clock, long_date};

/// "Tuesday, December 8, 2026 · 8:00 AM – 4:00 PM (America/New_York)"
pub fn when(s: &SessionSummary) -> String {
    format!(
        "{} · {} – {} ({})",
        long_date(s.date),
        clock(s.start),
        clock(s.end),
        s.time_zone
    )
}

/// The session a page's data is for, or the error it shows when the address names none.
pub fn session_found(
    id: Option<crate::ids::SessionId>,
) -> Result<crate::ids::SessionId, crate::error::AppError> {
    id.ok_or_else(|| crate::error::AppError::NotFound("That session was not found.".into()))
}

/// The session named by the page's address (`/sessions/:id…`), as the address changes.
pub fn session_in_path() -> impl Fn() -> Option<crate::ids::SessionId> + Copy + Send + Sync {
    let params = leptos_router::hooks::use_params_map();
    move || {
        use leptos::prelude::Read;
        params.read().get("id").and_then(|v| v.parse().ok())
    }
}
