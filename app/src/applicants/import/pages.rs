//! The import page, `/applicants/import`: one [`ServerPanel`] written on the server
//! ([`super::view`]): the upload form, then the preview with its confirm, then what was
//! imported. Its state (the upload) lives on the server between the two steps.

use crate::error::AppError;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

/// Coordinators: the import screen as it stands (the form, the preview, or what was imported).
#[server(output = crate::codec::Compact, endpoint = "import-applicants-page")]
pub async fn import_screen() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let screen = super::ssr::screen(&state, staff).await?;
    Ok(super::view::html(screen))
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(ImportScreen {}));
    view! {
        <Title text="Import applicants · Interview Portal"/>
        <StaffShell>
            <PageHeader
                eyebrow="Applicants"
                title="Import applicants"
                lead="Add or update many applicants at once from a CSV file (an ERAS or ResidencyCAS export, or a spreadsheet saved as CSV). You see what will change before anything is written."
            />
            <section class="card" aria-label="Import">
                <ServerPanel html reload/>
            </section>
        </StaffShell>
    }
}
