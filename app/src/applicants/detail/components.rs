//! The applicant's page: their record (written again on each live push) and the changes open to
//! them (a panel of its own, written again after its own post, so a push never rewrites a reason
//! being typed).

use super::pages::{ApplicantChanges, ApplicantScreen};
use crate::error::AppError;
use crate::ids::ApplicantId;
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::{after_rewrite, call, load, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The applicant named by the address, or the error the page shows.
fn applicant_found(id: Option<ApplicantId>) -> Result<ApplicantId, AppError> {
    id.ok_or_else(|| AppError::NotFound("That applicant was not found.".into()))
}

#[component]
pub fn ApplicantPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let id =
        move || -> Option<ApplicantId> { params.read().get("id").and_then(|v| v.parse().ok()) };
    let (head_reload, forms_reload) = (RwSignal::new(0u64), RwSignal::new(0u64));
    let live = use_live();
    let head = load(
        move || (id(), head_reload.get(), live.version.get()),
        |(id, ..)| async move {
            call(ApplicantScreen {
                id: applicant_found(id)?,
            })
            .await
        },
    );
    let forms = load(
        move || (id(), forms_reload.get()),
        |(id, _)| async move {
            call(ApplicantChanges {
                id: applicant_found(id)?,
            })
            .await
        },
    );
    after_rewrite(forms, head_reload);
    view! {
        <Title text="Applicant · Interview Portal"/>
        <StaffShell>
            <p class="crumbs"><A href="/applicants">"← All applicants"</A></p>
            <ServerPanel html=head reload=head_reload/>
            <ServerPanel html=forms reload=forms_reload/>
        </StaffShell>
    }
}
