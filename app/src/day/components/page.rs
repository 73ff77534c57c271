//! A session's Day page: "Generate" with the draft grid, the builder and the report, the
//! finalize and clock cards, then the setup (rounds and breaks, rooms and their interviewers,
//! conflicts of interest, templates) written on the server (`day::pages`).

use super::builder::{BuilderMemory, ScheduleBuilder};
use super::editors::other_editors;
use crate::clock::components::{DayClock, DayClockCard};
use crate::day::api::GenerateDay;
use crate::day::pages::DaySetupPage;
use crate::day::types::DayPage;
use crate::ids::RoomId;
use crate::itinerary::components::{FinalizeCard, Publish};
use crate::sessions::components::{session_found, session_in_path, when};
use crate::sessions::domain::clock;
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{
    action_error, count_successes, FormError, Loaded, Notice, NoticeKind, PageHeader, ServerPanel,
    Stat,
};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SessionDayPage() -> impl IntoView {
    let id = session_in_path();
    let memory = BuilderMemory::new();
    // Bumped by a successful Generate, a post in the setup panel or the builder: the page reloads.
    let reloads = RwSignal::new(0u64);
    let generate = FormAction::<GenerateDay>::new();
    count_successes(generate, reloads);
    let reload = Callback::new(move |_| reloads.update(|n| *n += 1));
    // Applicants confirmed or cancelled meanwhile (a live update) reload the page: a newcomer
    // waits in "unscheduled", a cancelled applicant's cells are marked.
    let live = crate::live::use_live();
    let others = other_editors(id, live);
    // The day and its setup (rooms, rounds, conflicts, templates, written on the server) in one
    // load, again on each reload and live change; `?room=` opens a room in the setup's form. A
    // post in the setup bumps `reloads`, which reloads the whole page.
    let query = use_query_map();
    let screen = crate::ui::load(
        move || {
            (
                id(),
                query.with(|q| q.get("room").and_then(|v| v.parse::<RoomId>().ok())),
                reloads.get() + live.version.get(),
            )
        },
        |(id, room, _)| async move {
            call(DaySetupPage {
                session_id: session_found(id)?,
                room,
            })
            .await
        },
    );
    // The Finalize card follows the draft as it is edited, here or by another coordinator.
    let publish = Publish::new(
        id,
        Signal::derive(move || reloads.get() + live.version.get() + memory.changes()),
    );
    let day_clock = DayClock::new(
        id,
        Signal::derive(move || publish.version() + reloads.get() + live.version.get()),
    );
    view! {
        <Title text="Interview day · Interview Portal"/>
        <StaffShell>
            <p class="crumbs">
                {move || id().map(|id| view! { <A href=format!("/sessions/{id}")>"← The session"</A> })}
            </p>
            <p class="editors" class:shown=move || !others.get().is_empty() data-testid="editors" aria-live="polite">
                {move || {
                    let names = others.get();
                    (!names.is_empty()).then(|| format!("Also editing now: {}", names.join(", ")))
                }}
            </p>
            <Loaded resource=screen let:loaded>
                <DayBody day=loaded.day generate memory reload publish day_clock/>
            </Loaded>
            <ServerPanel html=screen reload=reloads/>
        </StaffShell>
    }
}

#[component]
fn DayBody(
    day: DayPage,
    generate: FormAction<GenerateDay>,
    memory: BuilderMemory,
    reload: Callback<()>,
    publish: Publish,
    day_clock: DayClock,
) -> impl IntoView {
    let s = day.session.clone();
    let lead = when(&s);
    // Until the rounds are saved, the figures of the default plan would mislead.
    let (ends, rounds_text) = if day.planned {
        (clock(day.plan.end()), day.plan.rounds.to_string())
    } else {
        ("Not planned".to_string(), "—".to_string())
    };
    let (applicants, rooms, rounds) = (day.applicants.len(), day.rooms.len(), day.plan.rounds);
    let too_small = (day.needed > day.seats).then(|| {
        format!(
            "This day holds {} interviews ({rooms} rooms × {rounds} rounds), but {applicants} confirmed applicants × {} interviews each need {}. Add rooms or rounds, or lower the interviews per applicant.",
            day.seats, day.interviews_per_applicant, day.needed
        )
    });
    view! {
        <PageHeader eyebrow="Interview day" title=s.name.clone() lead>
            <a class="btn" href=format!("/sessions/{}/timetrack", s.id)>"TimeTrack overview"</a>
        </PageHeader>
        <section class="stats" aria-label="The day at a glance">
            <Stat label="Confirmed applicants" testid="day-applicants">{applicants}</Stat>
            <Stat label="Rooms" testid="day-rooms">{rooms}</Stat>
            <Stat label="Rounds" testid="day-rounds">{rounds_text}</Stat>
            <Stat label="Day ends" text=true testid="day-ends">{ends}</Stat>
        </section>
        {too_small.map(|text| view! { <Notice kind=NoticeKind::Error>{text}</Notice> })}
        <ScheduleCard day=day.clone() generate memory reload/>
        <FinalizeCard publish session_id=s.id/>
        <DayClockCard clock=day_clock session_id=s.id/>
    }
}

#[component]
fn ScheduleCard(
    day: DayPage,
    generate: FormAction<GenerateDay>,
    memory: BuilderMemory,
    reload: Callback<()>,
) -> impl IntoView {
    let error = action_error(generate);
    let pending = generate.pending();
    let session_id = day.session.id;
    let ready = day.planned && !day.rooms.is_empty() && !day.applicants.is_empty();
    let has_draft = !day.slots().is_empty();
    view! {
        <section class="card" aria-labelledby="schedule-heading">
            <div class="card-head">
                <h2 id="schedule-heading">"Schedule (draft)"</h2>
                <PostForm action=generate attr:class="inline-form">
                    <input type="hidden" name="session_id" value=session_id.to_string()/>
                    <input type="hidden" name="draft_version" value=day.draft_version.to_string()/>
                    <button class="btn btn-primary" type="submit" disabled=move || pending.get() || !ready>
                        {move || if pending.get() { "Generating…" } else if has_draft { "Regenerate" } else { "Generate" }}
                    </button>
                </PostForm>
            </div>
            {(!ready).then(|| view! {
                <p class="muted">"To generate: save the rounds, add rooms with interviewers, and have confirmed applicants."</p>
            })}
            <FormError error/>
            {if day.planned && !day.rooms.is_empty() {
                let report = day.report.clone();
                view! { <ScheduleBuilder page=day report memory reload/> }.into_any()
            } else {
                view! { <p class="muted" data-testid="grid-empty">"Nothing generated yet."</p> }.into_any()
            }}
        </section>
    }
}
