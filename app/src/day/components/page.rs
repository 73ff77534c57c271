//! A session's Day page: rounds and breaks, rooms and their interviewers, conflicts of
//! interest, templates, and "Generate" with the draft grid (read-only) and the report.

use super::builder::{BuilderMemory, ScheduleBuilder};
use super::grid::ReportCard;
use crate::clock::components::{DayClock, DayClockCard};
use crate::day::api::{
    AddBreak, AddConflict, ApplyDayTemplate, DayPage, EnterDay, GenerateDay, LeaveDay, RemoveBreak,
    RemoveConflict, RemoveRoom, RoomView, SaveDayPlan, SaveDayTemplate, SaveRoom, SessionDay,
};
use crate::day::domain::timeline::Stretch;
use crate::error::AppError;
use crate::ids::{SessionId, UserId};
use crate::itinerary::components::{FinalizeCard, Publish};
use crate::programs::domain::InterviewSetup;
use crate::sessions::components::{session_in_path, when};
use crate::sessions::domain::clock;
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{
    action_error, action_succeeded, count_successes, Field, FormError, Loaded, Notice, NoticeKind,
    PageHeader, SelectField, Stat,
};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Every action of the page. The page reloads after one succeeds (a refused form keeps what was
/// typed, with the message beside its field).
#[derive(Clone, Copy)]
struct Actions {
    plan: FormAction<SaveDayPlan>,
    add_break: FormAction<AddBreak>,
    remove_break: FormAction<RemoveBreak>,
    room: FormAction<SaveRoom>,
    remove_room: FormAction<RemoveRoom>,
    add_conflict: FormAction<AddConflict>,
    remove_conflict: FormAction<RemoveConflict>,
    save_template: FormAction<SaveDayTemplate>,
    apply_template: FormAction<ApplyDayTemplate>,
    generate: FormAction<GenerateDay>,
    /// Bumps when any of them succeeds.
    saved: RwSignal<u64>,
}

impl Actions {
    fn new() -> Self {
        let actions = Actions {
            plan: FormAction::new(),
            add_break: FormAction::new(),
            remove_break: FormAction::new(),
            room: FormAction::new(),
            remove_room: FormAction::new(),
            add_conflict: FormAction::new(),
            remove_conflict: FormAction::new(),
            save_template: FormAction::new(),
            apply_template: FormAction::new(),
            generate: FormAction::new(),
            saved: RwSignal::new(0),
        };
        count_successes(actions.plan, actions.saved);
        count_successes(actions.add_break, actions.saved);
        count_successes(actions.remove_break, actions.saved);
        count_successes(actions.room, actions.saved);
        count_successes(actions.remove_room, actions.saved);
        count_successes(actions.add_conflict, actions.saved);
        count_successes(actions.remove_conflict, actions.saved);
        count_successes(actions.save_template, actions.saved);
        count_successes(actions.apply_template, actions.saved);
        count_successes(actions.generate, actions.saved);
        actions
    }
}

#[component]
pub fn SessionDayPage() -> impl IntoView {
    let id = session_in_path();
    let actions = Actions::new();
    let memory = BuilderMemory::new();
    let reloads = RwSignal::new(0u64);
    let reload = Callback::new(move |_| reloads.update(|n| *n += 1));
    // Applicants confirmed or cancelled meanwhile (a live update) reload the page: a newcomer
    // waits in "unscheduled", a cancelled applicant's cells are marked.
    let live = crate::live::use_live();
    let me = RwSignal::new(None::<String>);
    // Who else has this Day page open: said once on arrival, then pushed; left on the way out
    // (or when the tab's push stream ends).
    Effect::new(move |_| {
        let Some(session) = id() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(p) = call(EnterDay {
                session_id: session,
            })
            .await
            {
                me.set(Some(p.me));
                live.editors.update(|m| {
                    m.insert(session, p.editors);
                });
            }
        });
        on_cleanup(move || {
            leptos::task::spawn_local(async move {
                let _ = call(LeaveDay {
                    session_id: session,
                })
                .await;
            });
        });
    });
    let others = Signal::derive(move || {
        let mine = me.get();
        id().map(|s| {
            live.editors.with(|m| {
                m.get(&s)
                    .map(|names| {
                        names
                            .iter()
                            .filter(|n| Some(*n) != mine.as_ref())
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
        .unwrap_or_default()
    });
    let page = crate::ui::load(
        move || {
            (
                id(),
                actions.saved.get() + reloads.get() + live.version.get(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(session_id) => call(SessionDay { session_id }).await,
                None => Err(AppError::NotFound("That session was not found.".into())),
            }
        },
    );
    let publish = Publish::new(
        id,
        Signal::derive(move || actions.saved.get() + reloads.get() + live.version.get()),
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
            <Loaded resource=page let:day>
                <DayBody day actions memory reload publish day_clock/>
            </Loaded>
        </StaffShell>
    }
}

#[component]
fn DayBody(
    day: DayPage,
    actions: Actions,
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
        <ScheduleCard day=day.clone() actions memory reload/>
        <FinalizeCard publish session_id=s.id/>
        <DayClockCard clock=day_clock session_id=s.id/>
        <div class="split day-setup">
            <div class="stack">
                <RoomsCard day=day.clone() actions/>
            </div>
            <div class="stack">
                <PlanCard day=day.clone() actions/>
                <ConflictsCard day=day.clone() actions/>
                <TemplatesCard day actions/>
            </div>
        </div>
    }
}

#[component]
fn PlanCard(day: DayPage, actions: Actions) -> impl IntoView {
    let p = day.plan.clone();
    let session_id = day.session.id;
    let error = action_error(actions.plan);
    let break_error = action_error(actions.add_break);
    let rounds: Vec<(String, String)> = (1..p.rounds)
        .map(|r| (r.to_string(), format!("After round {r}")))
        .collect();
    let timeline = day
        .timeline
        .iter()
        .map(|t| match t {
            Stretch::Round { round, start, end } => view! {
                <li>{format!("Round {} · {} – {}", round + 1, clock(*start), clock(*end))}</li>
            }
            .into_any(),
            Stretch::Break { label, start, end } => view! {
                <li class="muted">{format!("{label} · {} – {}", clock(*start), clock(*end))}</li>
            }
            .into_any(),
        })
        .collect_view();
    let no_breaks = p.breaks.is_empty();
    let breaks = p
        .breaks
        .clone()
        .into_iter()
        .map(|b| {
            let sid = session_id.to_string();
            view! {
                <li class="actions">
                    <span>{format!("{} after round {} · {} min", b.label, b.after_round, b.minutes)}</span>
                    <PostForm action=actions.remove_break attr:class="inline-form">
                        <input type="hidden" name="session_id" value=sid/>
                        <input type="hidden" name="after_round" value=b.after_round.to_string()/>
                        <button class="btn btn-quiet btn-small" type="submit">
                            {format!("Remove {}", b.label)}
                        </button>
                    </PostForm>
                </li>
            }
        })
        .collect_view();
    let saved = action_succeeded(actions.plan);
    view! {
        <section class="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">"Rounds and breaks"</h2>
            <Show when=move || saved.get()>
                <Notice kind=NoticeKind::Success>"Rounds saved."</Notice>
            </Show>
            <FormError error/>
            <PostForm action=actions.plan attr:class="stack">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <Field label="Day starts" name="plan[start]" kind="time" value=crate::sessions::domain::hh_mm(p.start) error/>
                <Field label="Interview length (minutes)" name="plan[interview_minutes]" kind="number" value=p.interview_minutes.to_string() error/>
                <Field label="Passing time between rounds (minutes)" name="plan[passing_minutes]" kind="number" value=p.passing_minutes.to_string() error/>
                <Field label="Rounds" name="plan[rounds]" kind="number" value=p.rounds.to_string() error/>
                <Field
                    label="Interviews per applicant"
                    name="plan[interviews_per_applicant]"
                    kind="number"
                    hint="Blank: one per room (at most the number of rounds)."
                    value=day.interviews_set.map(|n| n.to_string()).unwrap_or_default()
                    error
                />
                <button class="btn btn-primary" type="submit">"Save rounds"</button>
            </PostForm>
            <h3>"Breaks"</h3>
            {if no_breaks {
                view! { <p class="muted">"No breaks yet."</p> }.into_any()
            } else {
                view! { <ul class="plain-list">{breaks}</ul> }.into_any()
            }}
            {if day.planned && p.rounds > 1 {
                view! {
                    <FormError error=break_error/>
                    <PostForm action=actions.add_break attr:class="stack">
                        <input type="hidden" name="session_id" value=session_id.to_string()/>
                        <SelectField label="When" name="after_round" options=rounds error=break_error/>
                        <Field label="Break length (minutes)" name="minutes" kind="number" value="30" error=break_error/>
                        <Field label="Break name" name="label" value="Lunch" error=break_error/>
                        <button class="btn btn-outline" type="submit">"Add break"</button>
                    </PostForm>
                }
                .into_any()
            } else {
                view! { <p class="muted">"Save the rounds first; breaks come between them."</p> }.into_any()
            }}
            <h3>"Timeline"</h3>
            <ol class="plain-list timeline" aria-label="The day's timeline">{timeline}</ol>
        </section>
    }
}

#[component]
fn RoomsCard(day: DayPage, actions: Actions) -> impl IntoView {
    // The room being edited (`None`: a new one).
    let editing = RwSignal::new(None::<RoomView>);
    let saved = action_succeeded(actions.room);
    Effect::new(move |_| {
        if saved.get() {
            editing.set(None);
        }
    });
    let setup = day.setup;
    let session_id = day.session.id;
    let rooms = day
        .rooms
        .iter()
        .cloned()
        .map(|r| {
            let place = match setup {
                InterviewSetup::PortalVideo => r.video_link.clone().unwrap_or_default(),
                _ => r.location.clone(),
            };
            let who = if r.interviewers.is_empty() {
                "No interviewer yet".to_string()
            } else {
                r.interviewers
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let edit = r.clone();
            let name = r.name.clone();
            view! {
                <li class="room">
                    <div>
                        <strong>{r.name.clone()}</strong>
                        <div class="muted">{who}</div>
                        {(!place.is_empty()).then(|| view! { <div class="muted small">{place}</div> })}
                    </div>
                    <div class="actions">
                        <button class="btn btn-small" type="button" on:click=move |_| editing.set(Some(edit.clone()))>
                            {format!("Edit {name}")}
                        </button>
                        <PostForm action=actions.remove_room attr:class="inline-form">
                            <input type="hidden" name="session_id" value=session_id.to_string()/>
                            <input type="hidden" name="room_id" value=r.id.to_string()/>
                            <button class="btn btn-quiet btn-small" type="submit">{format!("Remove {}", r.name)}</button>
                        </PostForm>
                    </div>
                </li>
            }
        })
        .collect_view();
    let staff = day.staff.clone();
    view! {
        <section class="card" aria-labelledby="rooms-heading">
            <h2 id="rooms-heading">"Rooms"</h2>
            <FormError error=action_error(actions.remove_room)/>
            {if day.rooms.is_empty() {
                view! { <p class="muted">"No rooms yet. Add one for each interviewer or panel."</p> }.into_any()
            } else {
                view! { <ul class="plain-list rooms">{rooms}</ul> }.into_any()
            }}
            {move || {
                let room = editing.get();
                view! { <RoomForm session_id setup staff=staff.clone() room actions editing/> }
            }}
        </section>
    }
}

#[component]
fn RoomForm(
    session_id: SessionId,
    setup: InterviewSetup,
    staff: Vec<crate::day::api::Person<UserId>>,
    room: Option<RoomView>,
    actions: Actions,
    editing: RwSignal<Option<RoomView>>,
) -> impl IntoView {
    let error = action_error(actions.room);
    let seated: Vec<UserId> = room
        .as_ref()
        .map(|r| r.interviewers.iter().map(|p| p.id).collect())
        .unwrap_or_default();
    let heading = match &room {
        Some(r) => format!("Edit {}", r.name),
        None => "Add a room".to_string(),
    };
    let location_label = match setup {
        InterviewSetup::ExternalVideo => "Meeting link (Zoom, Teams, WebEx)",
        _ => "Location (optional)",
    };
    let hint = match setup {
        InterviewSetup::PortalVideo => Some("Video in the portal: the room gets its own link."),
        _ => None,
    };
    let boxes = staff
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let id = format!("interviewer-{}", p.id);
            let for_id = id.clone();
            let checked = seated.contains(&p.id);
            view! {
                <label class="check" for=for_id>
                    <input
                        type="checkbox"
                        id=id
                        name=format!("room[interviewers][{i}]")
                        value=p.id.to_string()
                        checked=checked
                    />
                    <span>{p.name}</span>
                </label>
            }
        })
        .collect_view();
    let editing_now = room.is_some();
    view! {
        <h3>{heading}</h3>
        <FormError error/>
        <PostForm action=actions.room attr:class="stack">
            <input type="hidden" name="session_id" value=session_id.to_string()/>
            {room.as_ref().map(|r| view! { <input type="hidden" name="room[id]" value=r.id.to_string()/> })}
            <Field label="Room name" name="room[name]" value=room.as_ref().map(|r| r.name.clone()).unwrap_or_default() error/>
            {match hint {
                Some(hint) => view! { <p class="muted">{hint}</p> }.into_any(),
                None => view! {
                    <Field label=location_label name="room[location]" value=room.as_ref().map(|r| r.location.clone()).unwrap_or_default() error/>
                }
                .into_any(),
            }}
            <fieldset class="checks">
                <legend>"Interviewers (several make a panel, fixed for the day)"</legend>
                {boxes}
            </fieldset>
            <div class="actions">
                <button class="btn btn-primary" type="submit">
                    {if editing_now { "Save room" } else { "Add room" }}
                </button>
                {editing_now.then(|| view! {
                    <button class="btn btn-quiet" type="button" on:click=move |_| editing.set(None)>"Cancel"</button>
                })}
            </div>
        </PostForm>
    }
}

#[component]
fn ConflictsCard(day: DayPage, actions: Actions) -> impl IntoView {
    let error = action_error(actions.add_conflict);
    let interviewers: Vec<(String, String)> = day
        .staff
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    let applicants: Vec<(String, String)> = day
        .applicants
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    let list = day
        .conflicts
        .clone()
        .into_iter()
        .map(|c| {
            view! {
                <li class="actions">
                    <span>{format!("{} must not meet {}", c.interviewer.name, c.applicant.name)}</span>
                    <PostForm action=actions.remove_conflict attr:class="inline-form">
                        <input type="hidden" name="interviewer" value=c.interviewer.id.to_string()/>
                        <input type="hidden" name="applicant" value=c.applicant.id.to_string()/>
                        <button class="btn btn-quiet btn-small" type="submit">"Remove"</button>
                    </PostForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="conflicts-heading">
            <h2 id="conflicts-heading">"Conflicts of interest"</h2>
            <p class="muted">"Pairs the schedule never puts in one room."</p>
            {(!day.conflicts.is_empty()).then(|| view! { <ul class="plain-list">{list}</ul> })}
            {if day.applicants.is_empty() {
                view! { <p class="muted">"Conflicts can be entered once applicants are confirmed."</p> }.into_any()
            } else {
                view! {
                    <FormError error/>
                    <PostForm action=actions.add_conflict attr:class="stack">
                        <SelectField label="Interviewer" name="interviewer" options=interviewers placeholder="Choose…" error/>
                        <SelectField label="Applicant" name="applicant" options=applicants placeholder="Choose…" error/>
                        <button class="btn btn-outline" type="submit">"Add conflict"</button>
                    </PostForm>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn TemplatesCard(day: DayPage, actions: Actions) -> impl IntoView {
    let save_error = action_error(actions.save_template);
    let apply_error = action_error(actions.apply_template);
    let saved = action_succeeded(actions.save_template);
    let templates: Vec<(String, String)> = day
        .templates
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    let session_id = day.session.id;
    view! {
        <section class="card" aria-labelledby="templates-heading">
            <h2 id="templates-heading">"Templates"</h2>
            <Show when=move || saved.get()>
                <Notice kind=NoticeKind::Success>"Template saved."</Notice>
            </Show>
            <FormError error=save_error/>
            <PostForm action=actions.save_template attr:class="stack">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <Field label="Save this day as" name="template_name" hint="Rounds, breaks, rooms and their interviewers." error=save_error/>
                <button class="btn btn-outline" type="submit">"Save template"</button>
            </PostForm>
            {(!templates.is_empty()).then(|| view! {
                <FormError error=apply_error/>
                <PostForm action=actions.apply_template attr:class="stack">
                    <input type="hidden" name="session_id" value=session_id.to_string()/>
                    <SelectField label="Apply a template" name="template_id" options=templates hint="Replaces this day's rounds and rooms; the draft is cleared." error=apply_error/>
                    <button class="btn btn-outline" type="submit">"Apply template"</button>
                </PostForm>
            })}
        </section>
    }
}

#[component]
fn ScheduleCard(
    day: DayPage,
    actions: Actions,
    memory: BuilderMemory,
    reload: Callback<()>,
) -> impl IntoView {
    let error = action_error(actions.generate);
    let pending = actions.generate.pending();
    let session_id = day.session.id;
    let ready = day.planned && !day.rooms.is_empty() && !day.applicants.is_empty();
    let has_draft = !day.slots().is_empty();
    view! {
        <section class="card" aria-labelledby="schedule-heading">
            <div class="card-head">
                <h2 id="schedule-heading">"Schedule (draft)"</h2>
                <PostForm action=actions.generate attr:class="inline-form">
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
            {day.report.clone().map(|report| view! { <ReportCard report interviews=day.interviews_per_applicant/> })}
            {if day.planned && !day.rooms.is_empty() {
                view! { <ScheduleBuilder page=day memory reload/> }.into_any()
            } else {
                view! { <p class="muted" data-testid="grid-empty">"Nothing generated yet."</p> }.into_any()
            }}
        </section>
    }
}
