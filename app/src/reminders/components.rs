//! The Reminders page (coordinators) and each staff member's Notifications page: both written
//! on the server (`reminders::pages`) and shown in a panel.

use super::pages::{NotificationsPage as NotificationsScreen, RemindersPage as RemindersScreen};
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RemindersPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(RemindersScreen {}));
    view! {
        <Title text="Reminders · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Reminders and alerts"
                lead="E-mails sent by themselves before sessions and days, the coordinators' daily digest, and who on the staff hears of changes."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(NotificationsScreen {}));
    view! {
        <Title text="Notifications · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Your notifications"
                lead="Which changes to this program's applicants you are told of by e-mail."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}
