//! One session's screen: its heading and fill (written again on each live push of its fill),
//! and its edit and delete forms (a panel of their own, so a push never rewrites what is
//! typed). Its scoring is scoring's panel (`scoring::pages::session_panel`).

use crate::error::AppError;
use crate::ids::SessionId;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::parts::{fill_bar, session_form},
    crate::sessions::api::DeleteSession,
    crate::sessions::types::{when, SessionSummary},
    crate::ui::{html_of, message_line, PageHeader, Stat},
    leptos::server_fn::ServerFn,
};

/// Coordinators: a session's heading and fill, written on the server.
#[server(output = crate::codec::Compact, endpoint = "session-page")]
pub async fn session_screen(id: SessionId) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let (s, builds_days) = crate::sessions::ssr::session_page(&state, staff, id).await?;
    Ok(session_head(&s, builds_days))
}

/// Coordinators: a session's edit and delete forms, written on the server.
#[server(output = crate::codec::Compact, endpoint = "session-forms")]
pub async fn session_forms(id: SessionId) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let (s, _) = crate::sessions::ssr::session_page(&state, staff, id).await?;
    Ok(html_of(view! {
        <div class="split">
            <section class="card" aria-labelledby="edit-session">
                <h2 id="edit-session">"Edit session"</h2>
                {session_form(Some(&s), s.time_zone.clone())}
            </section>
            {delete_card(s.id)}
        </div>
    }))
}

/// The session's name and time, the way to its Day page, and its fill in figures.
#[cfg(feature = "ssr")]
pub fn session_head(s: &SessionSummary, builds_days: bool) -> String {
    let fill = s.fill;
    html_of(view! {
        <PageHeader eyebrow="Session" title=s.name.clone() lead=when(s)/>
        {builds_days.then(|| view! {
            <p class="actions">
                <a href=format!("/sessions/{}/day", s.id) class="btn btn-outline">"Plan the interview day →"</a>
            </p>
        })}
        <section class="stats" aria-label="Fill">
            <Stat label="Confirmed" wide=true>{fill_bar(fill)}</Stat>
            <Stat label="Seats left" testid="seats-left">{fill.seats_left()}</Stat>
            <Stat label="Pending (chose it)" testid="pending">{fill.pending}</Stat>
        </section>
    })
}

/// Deleting the session; after it, the sessions list says so.
#[cfg(feature = "ssr")]
fn delete_card(id: SessionId) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="delete-session">
            <h2 id="delete-session">"Delete session"</h2>
            <p class="muted">"A session with confirmed applicants cannot be deleted."</p>
            <form method="post" action=DeleteSession::PATH data-after="/sessions?deleted=1">
                {message_line()}
                <input type="hidden" name="id" value=id.to_string()/>
                <button class="btn btn-danger" type="submit">"Delete this session"</button>
            </form>
        </section>
    }
}
