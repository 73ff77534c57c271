//! The program's audit page: its filter and lines are written on the server
//! ([`super::pages`]), shown in a panel that follows the page's query.

use super::pages::AuditScreen;
use super::types::AuditFilter;
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Coordinators, managers and directors: every change in the program, filterable.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u64);
    // A change anywhere in the program (a booking, another coordinator's) adds a line.
    let live = use_live();
    let html = load(
        move || {
            let filter = query.with(|q| {
                let get = |k: &str| q.get(k).unwrap_or_default();
                AuditFilter {
                    person: get("person"),
                    kind: get("kind"),
                    from: get("from"),
                    to: get("to"),
                    applicant: get("applicant"),
                    page: get("page"),
                }
            });
            (filter, reload.get(), live.version.get())
        },
        |(filter, ..)| call(AuditScreen { filter }),
    );
    view! {
        <Title text="Audit log · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Audit log"
                lead="Every change in the program: who made it, when, from what, to what and why. Newest first."
            />
            <section class="card" aria-label="Changes">
                <ServerPanel html reload/>
            </section>
        </StaffShell>
    }
}
