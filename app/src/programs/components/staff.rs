//! The staff page: who works in the program's portal, and adding someone (written on the
//! server: `programs::pages`).

use crate::programs::pages::StaffPage as StaffScreen;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(StaffScreen {}));
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
