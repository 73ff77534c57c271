//! The sessions page: every session with its live fill, and the new-session form.

use super::form::SessionForm;
use super::{when, FillBar};
use crate::live::use_live;
use crate::sessions::api::{ListSessions, SaveSession, SessionSummary, TimeZones};
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::FormAction;
use crate::ui::{Badge, Loaded, PageHeader, Table};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn SessionsListPage() -> impl IntoView {
    let save = FormAction::<SaveSession>::new();
    let live = use_live();
    let page = crate::ui::load(
        move || (save.version().get(), live.version.get()),
        |_| call(ListSessions {}),
    );
    let zones = crate::ui::load(|| (), |_| call(TimeZones {}));
    view! {
        <Title text="Sessions · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Sessions"
                lead="Blocks of interview time. Seats fill as applicants confirm; pending applicants hold no seat."
            />
            // The form hangs on the zones only: the list reloads with every live change, and a
            // form inside it would be rebuilt under the coordinator's typing.
            <div class="split">
                <section class="card" aria-labelledby="sessions-list">
                    <h2 id="sessions-list">"All sessions"</h2>
                    <Loaded resource=page let:page>
                        <SessionsTable sessions=page.sessions/>
                    </Loaded>
                </section>
                <section class="card" aria-labelledby="new-session">
                    <h2 id="new-session">"New session"</h2>
                    <Loaded resource=zones let:zones>
                        <SessionForm action=save session=None zones=zones.names default_zone=zones.program_zone/>
                    </Loaded>
                </section>
            </div>
        </StaffShell>
    }
}

/// The sessions with live fill, pending and seats left.
#[component]
fn SessionsTable(sessions: Vec<SessionSummary>) -> impl IntoView {
    if sessions.is_empty() {
        return view! { <p class="muted">"No sessions yet. Create the first one with the form."</p> }
            .into_any();
    }
    view! {
        <Table columns=&["Session", "When", "Confirmed", "Pending", "Seats left"]>
            {sessions.into_iter().map(|s| view! { <SessionRow s/> }).collect_view()}
        </Table>
    }
    .into_any()
}

#[component]
fn SessionRow(s: SessionSummary) -> impl IntoView {
    let live = use_live();
    let loaded = s.fill;
    let fill = Signal::derive(move || live.fill(loaded));
    let (href, at, hidden) = (format!("/sessions/{}", s.id), when(&s), !s.visible);
    view! {
        <tr data-session=s.id.to_string()>
            <td data-label="Session">
                <A href=href>{s.name}</A>
                {hidden.then(|| view! { <Badge text="Hidden"/> })}
            </td>
            <td data-label="When">{at}</td>
            <td data-label="Filled"><FillBar fill/></td>
            <td data-label="Pending" data-testid="pending">{move || fill.get().pending}</td>
            <td data-label="Seats left" data-testid="seats-left">{move || fill.get().seats_left()}</td>
        </tr>
    }
}
