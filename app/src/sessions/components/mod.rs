//! The coordinator's sessions: the list with live fill and the new-session form, one session's
//! page to edit or delete it (each a heading around server-written panels: `super::pages`), and
//! the pieces other pages reuse (a session's time in its zone and in the viewer's own).

mod detail;
mod list;
mod your_time;

pub use super::types::when;
pub use detail::SessionPage;
pub use list::SessionsListPage;
pub use your_time::YourTime;

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
