//! The Reports page in the browser: a panel written on the server, reloaded by each live push
//! (bookings and fills, applicant changes, day clocks; the push stream already coalesces a rush
//! to at most five messages a second).

use super::pages::ReportsPage as ReportsScreen;
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let live = use_live();
    // `?session=3`: the fill over time of one session (chosen on the page).
    let search = leptos_router::hooks::use_location().search;
    let html = load(
        move || {
            (
                search.get(),
                reload.get(),
                live.version.get(),
                live.fills.get(),
                live.clocks.get(),
            )
        },
        |(query, ..)| call(ReportsScreen { query }),
    );
    view! {
        <Title text="Reports · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Reports"
                lead="The season at a glance: sessions, statuses, invitations and interviewers."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}
