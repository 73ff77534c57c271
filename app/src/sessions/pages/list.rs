//! The sessions screen: every session with its fill (written again on each live fill push),
//! and the new-session form (a panel of its own, so a push never rewrites what is typed).

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::parts::{fill_bar, session_form},
    crate::sessions::types::{when, SessionSummary},
    crate::ui::{html_of, Badge, Table},
};

/// Coordinators: the sessions list, written on the server.
#[server(output = crate::codec::Compact, endpoint = "sessions-page")]
pub async fn sessions_screen() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let page = crate::sessions::ssr::list_sessions(&state, staff).await?;
    Ok(sessions_table(page.sessions))
}

/// Coordinators: the new-session form, written on the server (the program's zone chosen).
#[server(output = crate::codec::Compact, endpoint = "new-session-form")]
pub async fn new_session_form() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let zone = crate::sessions::ssr::program_zone(&state, staff).await?;
    Ok(html_of(session_form(None, zone)))
}

/// The sessions with their fill, pending and seats left.
#[cfg(feature = "ssr")]
pub fn sessions_table(sessions: Vec<SessionSummary>) -> String {
    if sessions.is_empty() {
        return html_of(
            view! { <p class="muted">"No sessions yet. Create the first one with the form."</p> },
        );
    }
    html_of(view! {
        <Table columns=&["Session", "When", "Confirmed", "Pending", "Seats left"]>
            {sessions.into_iter().map(session_row).collect_view()}
        </Table>
    })
}

#[cfg(feature = "ssr")]
fn session_row(s: SessionSummary) -> impl IntoView {
    let (href, at, hidden, fill) = (format!("/sessions/{}", s.id), when(&s), !s.visible, s.fill);
    view! {
        <tr data-session=s.id.to_string()>
            <td data-label="Session">
                <a href=href>{s.name}</a>
                {hidden.then(|| view! { <Badge text="Hidden"/> })}
            </td>
            <td data-label="When">{at}</td>
            <td data-label="Filled">{fill_bar(fill)}</td>
            <td data-label="Pending" data-testid="pending">{fill.pending}</td>
            <td data-label="Seats left" data-testid="seats-left">{fill.seats_left()}</td>
        </tr>
    }
}
