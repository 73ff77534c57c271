//! One session's page: its live fill, the edit form, and deleting it.

use super::form::SessionForm;
use super::session_in_path;
use super::{when, FillBar};
use crate::ids::SessionId;
use crate::live::use_live;
use crate::sessions::api::{DeleteSession, ListSessions, SaveSession, SessionSummary, TimeZones};
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{
    action_error, action_succeeded, FormError, Loaded, Notice, NoticeKind, PageHeader, Stat,
};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn SessionPage() -> impl IntoView {
    let id = session_in_path();
    let save = FormAction::<SaveSession>::new();
    let delete = FormAction::<DeleteSession>::new();
    let live = use_live();
    let page = crate::ui::load(
        move || (save.version().get(), live.version.get()),
        |_| call(ListSessions {}),
    );
    let zones = crate::ui::load(|| (), |_| call(TimeZones {}));
    let deleted = action_succeeded(delete);
    let (scoring, scoring_reload) = crate::scoring::components::session_scoring(id);
    view! {
        <Title text="Session · Interview Portal"/>
        <StaffShell>
            <p class="crumbs"><A href="/sessions">"← All sessions"</A></p>
            <Show
                when=move || !deleted.get()
                fallback=|| view! { <Notice kind=NoticeKind::Success>"The session was deleted."</Notice> }
            >
                <Loaded resource=zones let:zones>
                    <Loaded resource=page let:page>
                        {match page.sessions.iter().find(|s| Some(s.id) == id()).cloned() {
                            Some(s) => view! {
                                <SessionDetail s builds_days=page.builds_days default_zone=zones.program_zone.clone() zones=zones.names.clone() save delete/>
                            }
                            .into_any(),
                            None => view! {
                                <Notice kind=NoticeKind::Error>"That session was not found."</Notice>
                            }
                            .into_any(),
                        }}
                    </Loaded>
                </Loaded>
                <section class="card" aria-label="Scoring">
                    <h2>"Scoring"</h2>
                    <crate::ui::ServerPanel html=scoring reload=scoring_reload/>
                </section>
            </Show>
        </StaffShell>
    }
}

#[component]
fn SessionDetail(
    s: SessionSummary,
    builds_days: bool,
    default_zone: String,
    zones: Vec<String>,
    save: FormAction<SaveSession>,
    delete: FormAction<DeleteSession>,
) -> impl IntoView {
    let live = use_live();
    let loaded = s.fill;
    let fill = Signal::derive(move || live.fill(loaded));
    view! {
        <PageHeader eyebrow="Session" title=s.name.clone() lead=when(&s)/>
        {builds_days.then(|| view! {
            <p class="actions">
                <A href=format!("/sessions/{}/day", s.id) attr:class="btn btn-outline">"Plan the interview day →"</A>
            </p>
        })}
        <section class="stats" aria-label="Fill">
            <Stat label="Confirmed" wide=true><FillBar fill/></Stat>
            <Stat label="Seats left" testid="seats-left">{move || fill.get().seats_left()}</Stat>
            <Stat label="Pending (chose it)" testid="pending">{move || fill.get().pending}</Stat>
        </section>
        <div class="split">
            <section class="card">
                <h2>"Edit session"</h2>
                <SessionForm action=save session=Some(s.clone()) zones default_zone/>
            </section>
            <DeleteCard id=s.id delete/>
        </div>
    }
}

#[component]
fn DeleteCard(id: SessionId, delete: FormAction<DeleteSession>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Delete session"</h2>
            <p class="muted">"A session with confirmed applicants cannot be deleted."</p>
            <FormError error=action_error(delete)/>
            <PostForm action=delete>
                <input type="hidden" name="id" value=id.to_string()/>
                <button class="btn btn-danger" type="submit">"Delete this session"</button>
            </PostForm>
        </section>
    }
}
