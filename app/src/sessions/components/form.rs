//! The create / edit form of a session.

use crate::sessions::api::{SaveSession, SessionSummary};
use crate::ui::{
    action_error, action_succeeded, CheckField, Field, FormError, Notice, NoticeKind, SelectField,
};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;

/// Creates a session (`session` is `None`) or edits one. Posts one `session[...]` struct.
#[component]
pub fn SessionForm(
    action: FormAction<SaveSession>,
    session: Option<SessionSummary>,
    zones: Vec<String>,
    default_zone: String,
) -> impl IntoView {
    let error = action_error(action);
    let saved = action_succeeded(action);
    let v = FormValues::of(session.as_ref(), default_zone);
    let zones = zones.into_iter().map(|z| (z.clone(), z)).collect();
    view! {
        <Show when=move || saved.get()>
            <Notice kind=NoticeKind::Success>"Saved."</Notice>
        </Show>
        <FormError error/>
        <PostForm action attr:class="stack" attr:novalidate=true>
            {v.id.map(|id| view! { <input type="hidden" name="session[id]" value=id/> })}
            <Field label="Name" name="session[name]" value=v.name error/>
            <Field label="Date" name="session[date]" kind="date" value=v.date error/>
            <div class="field-row">
                <Field label="Starts" name="session[start]" kind="time" value=v.start error/>
                <Field label="Ends" name="session[end]" kind="time" value=v.end error/>
            </div>
            <SelectField label="Time zone" name="session[time_zone]" options=zones selected=v.zone error/>
            <Field
                label="Capacity"
                name="session[capacity]"
                kind="number"
                hint="How many applicants can be confirmed."
                value=v.capacity
                error
            />
            <CheckField label="Visible to invited applicants" name="session[visible]" checked=v.visible/>
            <button class="btn btn-primary" type="submit" disabled=action.pending()>
                {if v.editing { "Save changes" } else { "Create session" }}
            </button>
        </PostForm>
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
        let hm = crate::sessions::domain::hh_mm;
        match session {
            Some(s) => Self {
                id: Some(s.id.to_string()),
                editing: true,
                name: s.name.clone(),
                date: s.date.to_string(),
                start: hm(s.start),
                end: hm(s.end),
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
