//! The coordinator's Application files page: one panel written on the server
//! (`super::pages`).

use super::pages::ApplicationFilesScreen;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApplicationFilesPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let panel = load(move || reload.get(), |_| call(ApplicationFilesScreen {}));
    view! {
        <Title text="Application files · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Application files"
                lead="Each applicant's application as a PDF. Their interviewers open it from TimeTrack and the score sheet; nobody else does."
            />
            <div class="card">
                <ServerPanel html=panel reload=reload/>
            </div>
        </StaffShell>
    }
}
