//! The staff pages: who works in the program's portal and what can be done to each (`/staff`,
//! with `?deactivate=<id>` the confirm step of a deactivation), and the CSV import
//! (`/staff/import`); both written on the server (`pages`).

use super::import_pages::ImportStaffPage as ImportScreen;
use super::pages::StaffPage as StaffScreen;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u64);
    let html = load(
        move || {
            let deactivate = query.with(|q| q.get("deactivate").unwrap_or_default());
            (deactivate, reload.get())
        },
        |(deactivate, _)| call(StaffScreen { deactivate }),
    );
    view! {
        <Title text="Staff · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Staff"
                lead="Everyone who works in this program's portal: directors, managers, coordinators and interviewers."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}

#[component]
pub fn StaffImportPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(ImportScreen {}));
    view! {
        <Title text="Import staff · Interview Portal"/>
        <StaffShell>
            <PageHeader
                eyebrow="Staff"
                title="Import staff"
                lead="Add many staff members at once from a CSV file with the columns Name, Email and Role. You see who would be added before anything is written."
            />
            <section class="card" aria-label="Import">
                <ServerPanel html reload/>
            </section>
        </StaffShell>
    }
}
