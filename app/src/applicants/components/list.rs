//! The coordinator's applicants page: the list with each applicant's next action, and the form
//! that adds one (both written on the server: `applicants::pages`).

use crate::applicants::pages::{AddApplicantForm, ApplicantsScreen};
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::{after_rewrite, call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApplicantsListPage() -> impl IntoView {
    let (list_reload, form_reload) = (RwSignal::new(0u64), RwSignal::new(0u64));
    let live = use_live();
    // The list is written again on a live push (a booking, another coordinator's change); the
    // form only after its own post, so a push never rewrites what the coordinator is typing.
    let list = load(
        move || (list_reload.get(), live.version.get()),
        |_| call(ApplicantsScreen {}),
    );
    let form = load(move || form_reload.get(), |_| call(AddApplicantForm {}));
    after_rewrite(form, list_reload);
    view! {
        <Title text="Applicants · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Applicants"
                lead="An applicant sees your invitation once they are Invited & Ready for Scheduling, the invitation was sent, and a session is visible."
            />
            <section class="card" aria-labelledby="add-applicant">
                <h2 id="add-applicant">"Add an applicant"</h2>
                <ServerPanel html=form reload=form_reload/>
            </section>
            <section class="card" aria-labelledby="applicant-list">
                <h2 id="applicant-list">"Applicants"</h2>
                <ServerPanel html=list reload=list_reload/>
            </section>
        </StaffShell>
    }
}
