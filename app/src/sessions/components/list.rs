//! The sessions page: every session with its live fill, and the new-session form (both written
//! on the server: `sessions::pages::list`).

use crate::live::use_live;
use crate::sessions::pages::{NewSessionForm, SessionsScreen};
use crate::shell::StaffShell;
use crate::ui::{call, load, Notice, NoticeKind, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SessionsListPage() -> impl IntoView {
    let (list_reload, form_reload) = (RwSignal::new(0u64), RwSignal::new(0u64));
    let live = use_live();
    // The list is written again when a fill is pushed (a booking) or lists reload; the form
    // only after its own post, so a push never rewrites what the coordinator is typing.
    let list = load(
        move || (list_reload.get(), live.version.get(), live.fills.get()),
        |_| call(SessionsScreen {}),
    );
    let form = load(move || form_reload.get(), |_| call(NewSessionForm {}));
    crate::ui::after_rewrite(form, list_reload);
    let query = leptos_router::hooks::use_query_map();
    let deleted = move || query.read().get("deleted").is_some();
    view! {
        <Title text="Sessions · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Sessions"
                lead="Blocks of interview time. Seats fill as applicants confirm; pending applicants hold no seat."
            />
            <Show when=deleted>
                <Notice kind=NoticeKind::Success>"The session was deleted."</Notice>
            </Show>
            <div class="split">
                <section class="card" aria-labelledby="sessions-list">
                    <h2 id="sessions-list">"All sessions"</h2>
                    <ServerPanel html=list reload=list_reload/>
                </section>
                <section class="card" aria-labelledby="new-session">
                    <h2 id="new-session">"New session"</h2>
                    <ServerPanel html=form reload=form_reload/>
                </section>
            </div>
        </StaffShell>
    }
}
