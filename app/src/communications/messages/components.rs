//! The Communications page and one message's page: each a heading around a panel written on
//! the server ([`super::pages`]) that follows the page's address.

use super::pages::{CommunicationsScreen, MessageScreen};
use super::types::MessagesFilter;
use crate::error::AppError;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Coordinators, managers and directors: every message of the program, filterable.
#[component]
pub fn CommunicationsPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u64);
    let html = load(
        move || {
            let filter = query.with(|q| {
                let get = |k: &str| q.get(k).unwrap_or_default();
                MessagesFilter {
                    person: get("person"),
                    kind: get("kind"),
                    state: get("state"),
                    from: get("from"),
                    to: get("to"),
                    q: get("q"),
                    applicant: get("applicant"),
                    page: get("page"),
                    confirm: get("confirm"),
                }
            });
            (filter, reload.get())
        },
        |(filter, _)| call(CommunicationsScreen { filter }),
    );
    view! {
        <Title text="Communications · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Communications"
                lead="Every message the portal sent or is sending for this program, newest first: whether it went out, and the relay's answer when it did not."
            >
                <a class="btn btn-primary" href="/communications/send">"Write to a list"</a>
            </PageHeader>
            <section class="card" aria-label="Messages">
                <ServerPanel html reload/>
            </section>
        </StaffShell>
    }
}

/// Coordinators: one message, whole, with sending it again.
#[component]
pub fn MessagePage() -> impl IntoView {
    let params = use_params_map();
    let reload = RwSignal::new(0u64);
    let html = load(
        move || {
            (
                params.read().get("id").and_then(|v| v.parse::<i64>().ok()),
                reload.get(),
            )
        },
        |(id, _)| async move {
            let id = id.ok_or_else(|| AppError::NotFound("That message was not found.".into()))?;
            call(MessageScreen { id }).await
        },
    );
    view! {
        <Title text="Message · Interview Portal"/>
        <StaffShell>
            <p class="crumbs"><a href="/communications">"← Every message"</a></p>
            <PageHeader eyebrow="Communications" title="Message"/>
            <ServerPanel html reload/>
        </StaffShell>
    }
}
