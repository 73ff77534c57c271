//! The Day page's setup, written on the server as HTML for a [`crate::ui::ServerPanel`] (none of
//! this is in the browser's bundle): the rooms and their interviewers, the rounds and breaks
//! with the timeline, conflicts of interest and templates. The draft grid, the builder and
//! the day's clock stay components: they change as one works on them.

use crate::day::api::{
    AddBreak, AddConflict, ApplyDayTemplate, RemoveBreak, RemoveConflict, RemoveRoom, SaveDayPlan,
    SaveDayTemplate, SaveRoom,
};
use crate::day::domain::timeline::Stretch;
use crate::day::types::{DayPage, RoomView};
use crate::ids::{RoomId, SessionId};
use crate::programs::domain::InterviewSetup;
use crate::sessions::domain::{clock, hh_mm};
use crate::ui::{html_of, message_line, no_error, Field, SelectField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The setup cards; `editing`: the room in the room form (else a new one).
pub fn setup_page(day: &DayPage, editing: Option<RoomId>) -> String {
    let room = editing.and_then(|id| day.rooms.iter().find(|r| r.id == id));
    html_of(view! {
        <div class="split day-setup">
            <div class="stack">{rooms_card(day, room)}</div>
            <div class="stack">{plan_card(day)} {conflicts_card(day)} {templates_card(day)}</div>
        </div>
    })
}

/// A small form that posts `fields` to `path` with one button.
fn button_form(
    path: &'static str,
    fields: Vec<(&'static str, String)>,
    label: String,
    class: &'static str,
) -> impl IntoView {
    let hidden = fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view();
    view! {
        <form class="inline-form" method="post" action=path>
            {hidden}
            <button class=class type="submit">{label}</button>
            {message_line()}
        </form>
    }
}

fn plan_card(day: &DayPage) -> impl IntoView {
    let p = &day.plan;
    let session_id = day.session.id.to_string();
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
    let breaks = if p.breaks.is_empty() {
        view! { <p class="muted">"No breaks yet."</p> }.into_any()
    } else {
        let items = p
            .breaks
            .iter()
            .map(|b| {
                view! {
                    <li class="actions">
                        <span>{format!("{} after round {} · {} min", b.label, b.after_round, b.minutes)}</span>
                        {button_form(
                            RemoveBreak::PATH,
                            vec![("session_id", session_id.clone()), ("after_round", b.after_round.to_string())],
                            format!("Remove {}", b.label),
                            "btn btn-quiet btn-small",
                        )}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain-list">{items}</ul> }.into_any()
    };
    let add_break = if day.planned && p.rounds > 1 {
        let rounds: Vec<(String, String)> = (1..p.rounds)
            .map(|r| (r.to_string(), format!("After round {r}")))
            .collect();
        view! {
            <form method="post" action=AddBreak::PATH class="stack" data-done="Break added.">
                {message_line()}
                <input type="hidden" name="session_id" value=session_id.clone()/>
                <SelectField label="When" name="after_round" options=rounds error=no_error()/>
                <Field label="Break length (minutes)" name="minutes" kind="number" value="30" error=no_error()/>
                <Field label="Break name" name="label" value="Lunch" error=no_error()/>
                <button class="btn btn-outline" type="submit">"Add break"</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p class="muted">"Save the rounds first; breaks come between them."</p> }.into_any()
    };
    view! {
        <section class="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">"Rounds and breaks"</h2>
            <form method="post" action=SaveDayPlan::PATH class="stack" data-done="Rounds saved.">
                {message_line()}
                <input type="hidden" name="session_id" value=session_id.clone()/>
                <Field label="Day starts" name="plan[start]" kind="time" value=hh_mm(p.start) error=no_error()/>
                <Field label="Interview length (minutes)" name="plan[interview_minutes]" kind="number" value=p.interview_minutes.to_string() error=no_error()/>
                <Field label="Passing time between rounds (minutes)" name="plan[passing_minutes]" kind="number" value=p.passing_minutes.to_string() error=no_error()/>
                <Field label="Rounds" name="plan[rounds]" kind="number" value=p.rounds.to_string() error=no_error()/>
                <Field
                    label="Interviews per applicant"
                    name="plan[interviews_per_applicant]"
                    kind="number"
                    hint="Blank: one per room (at most the number of rounds)."
                    value=day.interviews_set.map(|n| n.to_string()).unwrap_or_default()
                    error=no_error()
                />
                <button class="btn btn-primary" type="submit">"Save rounds"</button>
            </form>
            <h3>"Breaks"</h3>
            {breaks}
            {add_break}
            <h3>"Timeline"</h3>
            <ol class="plain-list timeline" aria-label="The day's timeline">{timeline}</ol>
        </section>
    }
}

fn rooms_card(day: &DayPage, editing: Option<&RoomView>) -> impl IntoView {
    let session_id = day.session.id;
    let rooms = day
        .rooms
        .iter()
        .map(|r| {
            // As the form has it: the meeting link with external video, else the place.
            let place = r.location.clone();
            // The portal's own video room: a coordinator may look in at any time.
            let video = (day.setup == InterviewSetup::PortalVideo)
                .then(|| r.link.clone())
                .flatten()
                .map(|href| view! {
                    <div class="small">
                        <a href=href rel="external" aria-label=format!("Open the video room of {}", r.name)>"Video room"</a>
                    </div>
                });
            let who = if r.interviewers.is_empty() {
                "No interviewer yet".to_string()
            } else {
                r.interviewers
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            view! {
                <li class="room">
                    <div>
                        <strong>{r.name.clone()}</strong>
                        <div class="muted">{who}</div>
                        {(!place.is_empty()).then(|| view! { <div class="muted small">{place}</div> })}
                        {video}
                    </div>
                    <div class="actions">
                        // Opens the room in the form below (the address says which: `?room=`).
                        <form class="inline-form" method="get">
                            <input type="hidden" name="room" value=r.id.to_string()/>
                            <button class="btn btn-small" type="submit">{format!("Edit {}", r.name)}</button>
                        </form>
                        {button_form(
                            RemoveRoom::PATH,
                            vec![("session_id", session_id.to_string()), ("room_id", r.id.to_string())],
                            format!("Remove {}", r.name),
                            "btn btn-quiet btn-small",
                        )}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="rooms-heading">
            <h2 id="rooms-heading">"Rooms"</h2>
            {if day.rooms.is_empty() {
                view! { <p class="muted">"No rooms yet. Add one for each interviewer or panel."</p> }.into_any()
            } else {
                view! { <ul class="plain-list rooms">{rooms}</ul> }.into_any()
            }}
            {room_form(day, session_id, editing)}
        </section>
    }
}

fn room_form(day: &DayPage, session_id: SessionId, room: Option<&RoomView>) -> impl IntoView {
    let heading = match room {
        Some(r) => format!("Edit {}", r.name),
        None => "Add a room".to_string(),
    };
    let location_label = match day.setup {
        InterviewSetup::ExternalVideo => "Meeting link (Zoom, Teams, WebEx)",
        InterviewSetup::PortalVideo => "Place, if people also meet in person (optional)",
        InterviewSetup::OutsidePortal => "Location (optional)",
    };
    let place = view! {
        <Field
            label=location_label
            name="room[location]"
            value=room.map(|r| r.location.clone()).unwrap_or_default()
            error=no_error()
        />
    };
    let boxes = day
        .staff
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let id = format!("interviewer-{}", p.id);
            let for_id = id.clone();
            let checked = room.is_some_and(|r| r.interviewers.iter().any(|s| s.id == p.id));
            view! {
                <label class="check" for=for_id>
                    <input
                        type="checkbox"
                        id=id
                        name=format!("room[interviewers][{i}]")
                        value=p.id.to_string()
                        checked=checked
                    />
                    <span>{p.name.clone()}</span>
                </label>
            }
        })
        .collect_view();
    // After a room is saved the form is a new room's again (the address loses `?room=`).
    let page = format!("/sessions/{session_id}/day");
    view! {
        <h3 id="room-form-heading">{heading}</h3>
        <form
            method="post"
            action=SaveRoom::PATH
            class="stack"
            aria-labelledby="room-form-heading"
            data-done="Room saved."
            data-after=room.map(|_| page.clone())
            data-autofocus=room.is_some()
        >
            {message_line()}
            <input type="hidden" name="session_id" value=session_id.to_string()/>
            {room.map(|r| view! { <input type="hidden" name="room[id]" value=r.id.to_string()/> })}
            <Field
                label="Room name"
                name="room[name]"
                value=room.map(|r| r.name.clone()).unwrap_or_default()
                error=no_error()
            />
            {place}
            // A searchable multi-select (the panel's `data-filter-for` and `data-chips-for`);
            // without script, plain checkboxes.
            <fieldset class="picker">
                <legend>"Interviewers (several make a panel, fixed for the day)"</legend>
                <div class="chips" role="group" aria-label="Chosen interviewers" data-chips-for="room-staff"></div>
                <div class="field" data-script-only hidden>
                    <label for="room-staff-filter">"Find staff"</label>
                    // In no form: Enter does not post the room, and the text is not sent.
                    <input
                        type="search"
                        id="room-staff-filter"
                        form=""
                        autocomplete="off"
                        placeholder="Type part of a name"
                        aria-controls="room-staff"
                        aria-describedby="room-staff-count"
                        data-filter-for="room-staff"
                    />
                    <span class="muted small" id="room-staff-count" data-count-for="room-staff" aria-live="polite"></span>
                </div>
                <div class="checks" id="room-staff">{boxes}</div>
            </fieldset>
            <div class="actions">
                <button class="btn btn-primary" type="submit">
                    {if room.is_some() { "Save room" } else { "Add room" }}
                </button>
                {room.map(|_| view! { <a class="btn btn-quiet" href=page.clone()>"Cancel"</a> })}
            </div>
        </form>
    }
}

fn conflicts_card(day: &DayPage) -> impl IntoView {
    let list = day
        .conflicts
        .iter()
        .map(|c| {
            view! {
                <li class="actions">
                    <span>{format!("{} must not meet {}", c.interviewer.name, c.applicant.name)}</span>
                    {button_form(
                        RemoveConflict::PATH,
                        vec![("interviewer", c.interviewer.id.to_string()), ("applicant", c.applicant.id.to_string())],
                        "Remove".to_string(),
                        "btn btn-quiet btn-small",
                    )}
                </li>
            }
        })
        .collect_view();
    let add = if day.applicants.is_empty() {
        view! { <p class="muted">"Conflicts can be entered once applicants are confirmed."</p> }
            .into_any()
    } else {
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
        view! {
            <form method="post" action=AddConflict::PATH class="stack" data-done="Conflict added.">
                {message_line()}
                <SelectField label="Interviewer" name="interviewer" options=interviewers placeholder="Choose…" error=no_error()/>
                <SelectField label="Applicant" name="applicant" options=applicants placeholder="Choose…" error=no_error()/>
                <button class="btn btn-outline" type="submit">"Add conflict"</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="conflicts-heading">
            <h2 id="conflicts-heading">"Conflicts of interest"</h2>
            <p class="muted">"Pairs the schedule never puts in one room."</p>
            {(!day.conflicts.is_empty()).then(|| view! { <ul class="plain-list">{list}</ul> })}
            {add}
        </section>
    }
}

fn templates_card(day: &DayPage) -> impl IntoView {
    let session_id = day.session.id.to_string();
    let templates: Vec<(String, String)> = day
        .templates
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    view! {
        <section class="card" aria-labelledby="templates-heading">
            <h2 id="templates-heading">"Templates"</h2>
            <form method="post" action=SaveDayTemplate::PATH class="stack" data-done="Template saved.">
                {message_line()}
                <input type="hidden" name="session_id" value=session_id.clone()/>
                <Field label="Save this day as" name="template_name" hint="Rounds, breaks, rooms and their interviewers." error=no_error()/>
                <button class="btn btn-outline" type="submit">"Save template"</button>
            </form>
            {(!templates.is_empty()).then(|| view! {
                <form method="post" action=ApplyDayTemplate::PATH class="stack" data-done="Template applied.">
                    {message_line()}
                    <input type="hidden" name="session_id" value=session_id.clone()/>
                    <SelectField label="Apply a template" name="template_id" options=templates hint="Replaces this day's rounds and rooms; the draft is cleared." error=no_error()/>
                    <button class="btn btn-outline" type="submit">"Apply template"</button>
                </form>
            })}
        </section>
    }
}
