//! The coordinator's sessions: the list with live fill, the new-session form, and one
//! session's page to edit or delete it. Also the pieces applicant pages reuse: the fill bar and
//! a session's time in the viewer's own zone.

use super::api::{
    list_sessions, time_zones, DeleteSession, SaveSession, SessionSummary, SessionsPage,
};
use super::domain::{clock, long_date, Fill};
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::{action_error, or_error, Field, FormError, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Confirmed out of capacity, as a bar and in words.
#[component]
pub fn FillBar(#[prop(into)] fill: Signal<Fill>) -> impl IntoView {
    let label = move || {
        let f = fill.get();
        format!("{} of {} seats filled", f.confirmed, f.capacity)
    };
    view! {
        <div class="fill">
            <div
                class="fill-bar"
                class:fill-full=move || fill.get().is_full()
                role="meter"
                aria-valuemin="0"
                aria-valuemax=move || fill.get().capacity.to_string()
                aria-valuenow=move || fill.get().confirmed.to_string()
                aria-label=label
            >
                <span style=move || format!("width: {}%", fill.get().percent())></span>
            </div>
            <span class="fill-text" data-testid="fill-text">
                {move || format!("{} / {}", fill.get().confirmed, fill.get().capacity)}
            </span>
        </div>
    }
}

/// "Tuesday, December 8, 2026 · 8:00 AM – 4:00 PM (America/New_York)"
pub fn when(s: &SessionSummary) -> String {
    format!(
        "{} · {} – {} ({})",
        long_date(&s.date),
        clock(&s.start),
        clock(&s.end),
        s.time_zone
    )
}

/// The session's times in the viewer's own zone, added after hydration when it differs from
/// the session's (server and browser first render the same, empty, text).
#[component]
pub fn YourTime(starts_at_ms: i64, ends_at_ms: i64, zone: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(t) = local::text(starts_at_ms, ends_at_ms, &zone) {
            text.set(t);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (starts_at_ms, ends_at_ms, &zone);
    });
    view! { <span class="your-time">{text}</span> }
}

#[cfg(feature = "hydrate")]
mod local {
    use wasm_bindgen::JsValue;

    fn browser_zone() -> Option<String> {
        let fmt = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&fmt.resolved_options(), &JsValue::from_str("timeZone"))
            .ok()?
            .as_string()
    }

    fn format(ms: i64, weekday: bool) -> String {
        let opts = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v));
        };
        if weekday {
            set("weekday", "short");
        }
        set("hour", "numeric");
        set("minute", "2-digit");
        js_sys::Date::new(&JsValue::from_f64(ms as f64))
            .to_locale_string("en-US", &opts)
            .into()
    }

    pub fn text(start: i64, end: i64, zone: &str) -> Option<String> {
        let mine = browser_zone()?;
        if mine == zone || start == 0 {
            return None;
        }
        Some(format!(
            "Your time ({mine}): {} – {}",
            format(start, true),
            format(end, false)
        ))
    }
}

#[component]
pub fn SessionsListPage() -> impl IntoView {
    let save = ServerAction::<SaveSession>::new();
    let live = use_live();
    let page = Resource::new(
        move || (save.version().get(), live.version.get()),
        |_| list_sessions(),
    );
    let zones = Resource::new(|| (), |_| time_zones());
    view! {
        <Title text="Sessions · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Sessions"
                lead="Blocks of interview time. Seats fill as applicants confirm; pending applicants hold no seat."
            />
            <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
                {move || Suspend::new(async move {
                    let zones = zones.await;
                    or_error(page.await.and_then(|p| Ok(view! { <SessionsBody page=p zones=zones? save/> })))
                })}
            </Transition>
        </StaffShell>
    }
}

#[component]
fn SessionsBody(
    page: SessionsPage,
    zones: Vec<String>,
    save: ServerAction<SaveSession>,
) -> impl IntoView {
    let live = use_live();
    let rows = page
        .sessions
        .iter()
        .map(|s| {
            let loaded = s.fill;
            let fill = Signal::derive(move || live.fill(loaded));
            let href = format!("/sessions/{}", s.id);
            let (name, at, hidden) = (s.name.clone(), when(s), !s.visible);
            view! {
                <tr data-session=s.id.to_string()>
                    <td data-label="Session">
                        <A href=href>{name}</A>
                        {hidden.then(|| view! { <span class="badge">"Hidden"</span> })}
                    </td>
                    <td data-label="When">{at}</td>
                    <td data-label="Filled"><FillBar fill/></td>
                    <td data-label="Pending" data-testid="pending">{move || fill.get().pending}</td>
                    <td data-label="Seats left" data-testid="seats-left">{move || fill.get().seats_left()}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = page.sessions.is_empty();
    view! {
        <div class="split">
            <section class="card" aria-labelledby="sessions-list">
                <h2 id="sessions-list">"All sessions"</h2>
                {if empty {
                    view! { <p class="muted">"No sessions yet. Create the first one with the form."</p> }.into_any()
                } else {
                    view! {
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">"Session"</th>
                                    <th scope="col">"When"</th>
                                    <th scope="col">"Confirmed"</th>
                                    <th scope="col">"Pending"</th>
                                    <th scope="col">"Seats left"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                    .into_any()
                }}
            </section>
            <section class="card" aria-labelledby="new-session">
                <h2 id="new-session">"New session"</h2>
                <SessionForm
                    action=save
                    session=None
                    zones
                    default_zone=page.program_time_zone.clone()
                />
            </section>
        </div>
    }
}

/// The create / edit form of a session.
#[component]
fn SessionForm(
    action: ServerAction<SaveSession>,
    session: Option<SessionSummary>,
    zones: Vec<String>,
    default_zone: String,
) -> impl IntoView {
    let error = action_error(action);
    let saved = move || matches!(action.value().get(), Some(Ok(_)));
    let s = session.clone();
    let zone = s
        .as_ref()
        .map(|s| s.time_zone.clone())
        .unwrap_or(default_zone);
    let editing = s.is_some();
    view! {
        <Show when=saved>
            <div class="alert alert-success" role="status">"Saved."</div>
        </Show>
        <FormError error/>
        <ActionForm action attr:class="stack" attr:novalidate=true>
            {s.as_ref().map(|s| view! { <input type="hidden" name="id" value=s.id.to_string()/> })}
            <Field label="Name" name="name" value=s.as_ref().map(|s| s.name.clone()).unwrap_or_default() error/>
            <Field label="Date" name="date" kind="date" value=s.as_ref().map(|s| s.date.clone()).unwrap_or_default() error/>
            <div class="field-row">
                <Field label="Starts" name="start" kind="time" value=s.as_ref().map(|s| s.start.clone()).unwrap_or_else(|| "08:00".into()) error/>
                <Field label="Ends" name="end" kind="time" value=s.as_ref().map(|s| s.end.clone()).unwrap_or_else(|| "16:00".into()) error/>
            </div>
            <div class="field">
                <label for="field-time_zone">"Time zone"</label>
                <select id="field-time_zone" name="time_zone">
                    {zones
                        .into_iter()
                        .map(|z| {
                            let selected = z == zone;
                            view! { <option value=z.clone() selected=selected>{z.clone()}</option> }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" aria-live="polite">
                    {move || error.get().and_then(|e| e.field_message("time_zone"))}
                </p>
            </div>
            <Field
                label="Capacity"
                name="capacity"
                kind="number"
                hint="How many applicants can be confirmed."
                value=s.as_ref().map(|s| s.fill.capacity.to_string()).unwrap_or_else(|| "10".into())
                error
            />
            <label class="check">
                <input type="checkbox" name="visible" value="on" checked=s.as_ref().map(|s| s.visible).unwrap_or(true)/>
                " Visible to invited applicants"
            </label>
            <button class="btn btn-primary" type="submit" disabled=action.pending()>
                {if editing { "Save changes" } else { "Create session" }}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let save = ServerAction::<SaveSession>::new();
    let delete = ServerAction::<DeleteSession>::new();
    let live = use_live();
    let page = Resource::new(
        move || (save.version().get(), live.version.get()),
        |_| list_sessions(),
    );
    let zones = Resource::new(|| (), |_| time_zones());
    let deleted = move || matches!(delete.value().get(), Some(Ok(())));
    view! {
        <Title text="Session · Interview Portal"/>
        <StaffShell>
            <p class="crumbs"><A href="/sessions">"← All sessions"</A></p>
            <Show
                when=deleted
                fallback=move || view! {
                    <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
                        {move || Suspend::new(async move {
                            let zones = zones.await;
                            let found = page.await.and_then(|p| {
                                let s = p
                                    .sessions
                                    .iter()
                                    .find(|s| Some(s.id) == id())
                                    .cloned()
                                    .ok_or_else(|| AppError::NotFound("That session was not found.".into()))?;
                                Ok((s, p, zones?))
                            });
                            or_error(found.map(|(s, p, zones)| view! { <SessionDetail s p zones save delete/> }))
                        })}
                    </Transition>
                }
            >
                <div class="alert alert-success" role="status">"The session was deleted."</div>
            </Show>
        </StaffShell>
    }
}

#[component]
fn SessionDetail(
    s: SessionSummary,
    p: SessionsPage,
    zones: Vec<String>,
    save: ServerAction<SaveSession>,
    delete: ServerAction<DeleteSession>,
) -> impl IntoView {
    let live = use_live();
    let loaded = s.fill;
    let fill = Signal::derive(move || live.fill(loaded));
    let delete_error = action_error(delete);
    let id = s.id;
    view! {
        <header class="page-header">
            <div>
                <p class="eyebrow">"Session"</p>
                <h1>{s.name.clone()}</h1>
                <p class="lead">{when(&s)}</p>
            </div>
        </header>
        <section class="stats" aria-label="Fill">
            <div class="stat stat-wide">
                <span class="stat-label">"Confirmed"</span>
                <FillBar fill/>
            </div>
            <div class="stat">
                <span class="stat-value" data-testid="seats-left">{move || fill.get().seats_left()}</span>
                <span class="stat-label">"Seats left"</span>
            </div>
            <div class="stat">
                <span class="stat-value" data-testid="pending">{move || fill.get().pending}</span>
                <span class="stat-label">"Pending (chose it)"</span>
            </div>
        </section>
        <div class="split">
            <section class="card">
                <h2>"Edit session"</h2>
                <SessionForm action=save session=Some(s.clone()) zones default_zone=p.program_time_zone/>
            </section>
            <section class="card">
                <h2>"Delete session"</h2>
                <p class="muted">"A session with confirmed applicants cannot be deleted."</p>
                <FormError error=delete_error/>
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button class="btn btn-danger" type="submit">"Delete this session"</button>
                </ActionForm>
            </section>
        </div>
    }
}
