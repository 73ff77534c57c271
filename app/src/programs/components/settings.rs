//! The program's settings: self-scheduling and the interview setup option (written on the
//! server: `programs::pages`).

use crate::programs::pages::SettingsPage as SettingsScreen;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(SettingsScreen {}));
    view! {
        <Title text="Settings · Interview Portal"/>
        <StaffShell>
            <PageHeader title="Program settings"/>
            <ServerPanel html reload/>
        </StaffShell>
    }
}
