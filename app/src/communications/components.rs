//! The Templates page: its kinds, editor and preview are written on the server
//! ([`super::pages`]), shown in a panel that follows the page's query.

use super::pages::TemplatesScreen;
use super::types::TemplatesQuery;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Coordinators, managers and directors: the program's e-mail templates.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u64);
    let html = load(
        move || {
            let q = query.with(|q| {
                let get = |k: &str| q.get(k).unwrap_or_default();
                TemplatesQuery {
                    kind: get("kind"),
                    subject: get("subject"),
                    body: get("body"),
                }
            });
            (q, reload.get())
        },
        |(query, _)| call(TemplatesScreen { query }),
    );
    view! {
        <Title text="E-mail templates · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="E-mail templates"
                lead="What the portal's e-mails say to your applicants and staff. Edit a message: the preview follows as you type, filled with one of your applicants."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}
