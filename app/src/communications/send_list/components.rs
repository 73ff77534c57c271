//! The page that writes to a list: a heading around a panel written on the server
//! ([`super::pages`]) that follows the page's address (the list and the message as typed).

use super::pages::SendListScreen;
use super::types::SendListQuery;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Coordinators: a one-off message to the applicants of a filter.
#[component]
pub fn SendListPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u64);
    let html = load(
        move || {
            let q = query.with(|q| {
                let get = |k: &str| q.get(k).unwrap_or_default();
                SendListQuery {
                    status: get("status"),
                    session: get("session"),
                    q: get("q"),
                    subject: get("subject"),
                    body: get("body"),
                }
            });
            (q, reload.get())
        },
        |(query, _)| call(SendListScreen { query }),
    );
    view! {
        <Title text="Write to a list · Interview Portal"/>
        <StaffShell>
            <p class="crumbs"><a href="/communications">"← Communications"</a></p>
            <PageHeader
                title="Write to a list"
                lead="A one-off message to the applicants of a status, a session or a search. See it filled for the first of them and how many it goes to, then send: each gets their own e-mail through the outbox."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}
