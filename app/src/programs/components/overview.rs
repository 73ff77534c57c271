//! The overview: the program at a glance and, for coordinators, the season step by step
//! (written on the server: `programs::pages`).

use crate::programs::pages::OverviewPage as OverviewScreen;
use crate::shell::StaffShell;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(OverviewScreen {}));
    view! {
        <Title text="Overview · Interview Portal"/>
        <StaffShell>
            <ServerPanel html reload/>
        </StaffShell>
    }
}
