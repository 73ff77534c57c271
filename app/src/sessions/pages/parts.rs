//! What the sessions screens share: the create / edit form and the fill bar.

use crate::sessions::api::SaveSession;
use crate::sessions::domain::{hh_mm, Fill};
use crate::sessions::types::SessionSummary;
use crate::ui::{message_line, refusal, CheckField, Field, SelectField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Confirmed out of capacity: a native `<meter>` (styled by the stylesheet, so no inline style
/// needs allowing in the Content-Security-Policy) and the numbers beside it, in words.
pub fn fill_bar(f: Fill) -> impl IntoView {
    view! {
        <div class="fill">
            <meter
                class="fill-bar"
                class:fill-full=f.is_full()
                min="0"
                max=f.capacity.max(1).to_string()
                value=f.confirmed.to_string()
                aria-label=format!("{} of {} seats filled", f.confirmed, f.capacity)
            ></meter>
            <span class="fill-text" data-testid="fill-text">
                {format!("{} / {}", f.confirmed, f.capacity)}
            </span>
        </div>
    }
}

/// Creates a session (`session` is `None`) or edits one. Posts one `session[...]` struct; a
/// refusal shows under the field it is about.
pub fn session_form(session: Option<&SessionSummary>, default_zone: String) -> impl IntoView {
    let v = FormValues::of(session, default_zone);
    let zones = crate::sessions::ssr::time_zone_names()
        .iter()
        .map(|z| (z.clone(), z.clone()))
        .collect::<Vec<_>>();
    view! {
        <form method="post" action=SaveSession::PATH class="stack" novalidate data-done="Saved.">
            {message_line()}
            {v.id.map(|id| view! { <input type="hidden" name="session[id]" value=id/> })}
            <Field label="Name" name="session[name]" value=v.name error=refusal()/>
            <Field label="Date" name="session[date]" kind="date" value=v.date error=refusal()/>
            <div class="field-row">
                <Field label="Starts" name="session[start]" kind="time" value=v.start error=refusal()/>
                <Field label="Ends" name="session[end]" kind="time" value=v.end error=refusal()/>
            </div>
            <SelectField label="Time zone" name="session[time_zone]" options=zones selected=v.zone error=refusal()/>
            <Field
                label="Capacity"
                name="session[capacity]"
                kind="number"
                hint="How many applicants can be confirmed."
                value=v.capacity
                error=refusal()
            />
            <CheckField label="Visible to invited applicants" name="session[visible]" checked=v.visible/>
            <button class="btn btn-primary" type="submit">
                {if v.editing { "Save changes" } else { "Create session" }}
            </button>
        </form>
    }
}

/// What the form's fields start with: the session's values, or a new session's defaults.
struct FormValues {
    id: Option<String>,
    editing: bool,
    name: String,
    date: String,
    start: String,
    end: String,
    zone: String,
    capacity: String,
    visible: bool,
}

impl FormValues {
    fn of(session: Option<&SessionSummary>, default_zone: String) -> Self {
        match session {
            Some(s) => Self {
                id: Some(s.id.to_string()),
                editing: true,
                name: s.name.clone(),
                date: s.date.to_string(),
                start: hh_mm(s.start),
                end: hh_mm(s.end),
                zone: s.time_zone.clone(),
                capacity: s.fill.capacity.to_string(),
                visible: s.visible,
            },
            None => Self {
                id: None,
                editing: false,
                name: String::new(),
                date: String::new(),
                start: "08:00".into(),
                end: "16:00".into(),
                zone: default_zone,
                capacity: "10".into(),
                visible: true,
            },
        }
    }
}
