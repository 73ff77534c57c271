//! The coordinator's applicants page: the form that adds one, the bar that filters the list and
//! acts on a selection, and the list itself (all written on the server: `applicants::pages`).
//! The view (filter, search, sort, page) is the address's query, which the bar and the list are
//! asked for with.

use crate::applicants::pages::{AddApplicantForm, ApplicantsBar, ApplicantsScreen};
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::{after_rewrite, call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApplicantsListPage() -> impl IntoView {
    let (list_reload, form_reload, bar_reload) = (
        RwSignal::new(0u64),
        RwSignal::new(0u64),
        RwSignal::new(0u64),
    );
    let live = use_live();
    let search = leptos_router::hooks::use_location().search;
    // The list is written again on a live push (a booking, another coordinator's change); the
    // form and the bar only after their own post or a new address, so a push never rewrites
    // what the coordinator is typing.
    let list = load(
        move || (search.get(), list_reload.get(), live.version.get()),
        |(query, ..)| call(ApplicantsScreen { query }),
    );
    let bar = load(
        move || (search.get(), bar_reload.get()),
        |(query, _)| call(ApplicantsBar { query }),
    );
    let form = load(move || form_reload.get(), |_| call(AddApplicantForm {}));
    after_rewrite(form, list_reload);
    after_rewrite(bar, list_reload);
    view! {
        <Title text="Applicants · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Applicants"
                lead="An applicant sees your invitation once they are Invited & Ready for Scheduling, the invitation was sent, and a session is visible."
            >
                <a class="btn" href="/applicants/import">"Import applicants"</a>
                <a class="btn" href="/applicants/files">"Application files"</a>
            </PageHeader>
            <section class="card" aria-labelledby="add-applicant">
                <h2 id="add-applicant">"Add an applicant"</h2>
                <ServerPanel html=form reload=form_reload/>
            </section>
            <section class="card" aria-labelledby="applicant-list">
                <h2 id="applicant-list">"Applicants"</h2>
                <ServerPanel html=bar reload=bar_reload/>
                <ServerPanel html=list reload=list_reload/>
            </section>
        </StaffShell>
    }
}
