//! One session's page: its live fill, the edit form, deleting it (written on the server:
//! `sessions::pages::session`) and its scoring (scoring's panel).

use super::{session_found, session_in_path};
use crate::live::use_live;
use crate::sessions::pages::{SessionForms, SessionScreen};
use crate::shell::StaffShell;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn SessionPage() -> impl IntoView {
    let id = session_in_path();
    let (head_reload, forms_reload) = (RwSignal::new(0u64), RwSignal::new(0u64));
    let live = use_live();
    // The heading and figures are written again when this session's fill is pushed or lists
    // reload; the forms only after their own post, so a push never rewrites what is typed.
    let head = load(
        move || {
            let fill = id().and_then(|s| live.fills.with(|m| m.get(&s).copied()));
            (id(), head_reload.get(), live.version.get(), fill)
        },
        |(id, ..)| async move {
            call(SessionScreen {
                id: session_found(id)?,
            })
            .await
        },
    );
    let forms = load(
        move || (id(), forms_reload.get()),
        |(id, _)| async move {
            call(SessionForms {
                id: session_found(id)?,
            })
            .await
        },
    );
    crate::ui::after_rewrite(forms, head_reload);
    let (scoring, scoring_reload) = crate::scoring::components::session_scoring(id);
    view! {
        <Title text="Session · Interview Portal"/>
        <StaffShell>
            <p class="crumbs"><A href="/sessions">"← All sessions"</A></p>
            <ServerPanel html=head reload=head_reload/>
            <ServerPanel html=forms reload=forms_reload/>
            <section class="card" aria-label="Scoring">
                <h2>"Scoring"</h2>
                <ServerPanel html=scoring reload=scoring_reload/>
            </section>
        </StaffShell>
    }
}
