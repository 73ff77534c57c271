//! The coordinator's overview of a running day: every room with its applicant, interviewers,
//! status and who is present, in tabs for the round under way, the next and those done; the
//! rooms that need a person flagged on top with the click that settles them; a search that
//! shows where an applicant is now and next; broadcasts.

use super::{reload_key, Broadcasts, DayCountdown, NoShowButton, StatusBadge, StatusButton};
use crate::ids::SessionId;
use crate::live::use_live;
use crate::sessions::components::session_found;
use crate::shell::StaffShell;
use crate::timetrack::api::{DayOverview, MarkNoShow, SendBroadcast, SetRoomStatus};
use crate::timetrack::domain::{flag, Flag, RoomStatus};
use crate::timetrack::types::{Overview, RoomRound};
use crate::ui::{
    action_error, call, server_now, Field, FormAction, FormError, Loaded, PageHeader, PostForm,
    SelectField,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The forms of the page and what the coordinator chose on it (the tab, the search), made
/// above its shell so that a reload (every room change and clock push) keeps them.
#[derive(Clone, Copy)]
struct Forms {
    status: FormAction<SetRoomStatus>,
    no_show: FormAction<MarkNoShow>,
    broadcast: FormAction<SendBroadcast>,
    tab: RwSignal<Tab>,
    search: RwSignal<String>,
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let params = use_params_map();
    let session = move || params.with(|p| p.get("id").and_then(|v| v.parse::<SessionId>().ok()));
    let live = use_live();
    let forms = Forms {
        status: FormAction::new(),
        no_show: FormAction::new(),
        broadcast: FormAction::new(),
        tab: RwSignal::new(Tab::Now),
        search: RwSignal::new(String::new()),
    };
    let key = reload_key(live);
    let data = crate::ui::load(
        move || {
            (
                session(),
                key(),
                forms.status.version().get() + forms.no_show.version().get(),
            )
        },
        |(session, ..)| async move {
            call(DayOverview {
                session_id: session_found(session)?,
            })
            .await
        },
    );
    view! {
        <Title text="TimeTrack · Interview Portal"/>
        <StaffShell>
            <Loaded resource=data let:o>
                <OverviewBody o forms/>
            </Loaded>
            // Outside the reloaded part: a message being typed survives every live change.
            {move || session().map(|session| view! { <BroadcastForm session forms/> })}
        </StaffShell>
    }
}

/// Which rounds a tab shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Now,
    Next,
    Done,
}

#[component]
fn OverviewBody(o: Overview, forms: Forms) -> impl IntoView {
    let Overview {
        session,
        name,
        clock,
        rounds,
        cells,
        broadcasts,
    } = o;
    let now = server_now(5_000);
    let cells = StoredValue::new(cells);
    let (tab, search) = (forms.tab, forms.search);
    let flag_of = move |c: &RoomRound| {
        flag(
            c.status,
            c.applicant.is_some() && !c.no_show,
            rounds.running,
            c.starts_at,
            c.ends_at,
            now.get(),
        )
    };
    let flagged = move || {
        cells.with_value(|all| {
            all.iter()
                .filter_map(|c| flag_of(c).map(|f| (c.clone(), f)))
                .collect::<Vec<_>>()
        })
    };
    let shown = move || {
        let t = tab.get();
        cells.with_value(|all| {
            all.iter()
                .filter(|c| match t {
                    Tab::Now => Some(c.round) == rounds.current,
                    Tab::Next => Some(c.round) == rounds.next,
                    Tab::Done => {
                        rounds.current.is_some_and(|r| c.round < r)
                            || (rounds.running && rounds.current.is_none())
                    }
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let found = move || {
        let q = search.get().trim().to_lowercase();
        if q.is_empty() {
            return None;
        }
        cells.with_value(|all| {
            let mine: Vec<&RoomRound> = all
                .iter()
                .filter(|c| c.applicant_name.to_lowercase().contains(&q))
                .collect();
            let Some(first) = mine.first() else {
                return Some(format!("No applicant on this day matches “{q}”."));
            };
            let at = |r: Option<u16>| {
                mine.iter()
                    .find(|c| Some(c.round) == r)
                    .map(|c| format!("{} ({})", c.room_name, c.when))
            };
            Some(format!(
                "{}: now {}; next {}.",
                first.applicant_name,
                at(rounds.current).unwrap_or_else(|| "in no room".into()),
                at(rounds.next).unwrap_or_else(|| "in no room".into()),
            ))
        })
    };
    let tab_button = move |t: Tab, text: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                aria-selected=move || if tab.get() == t { "true" } else { "false" }
                on:click=move |_| tab.set(t)
            >
                {text}
            </button>
        }
    };
    view! {
        <PageHeader eyebrow="TimeTrack" title=name lead="Every room of the day, live."/>
        <section class="card" aria-label="Day clock">
            <DayCountdown clock/>
            <p><a href=format!("/sessions/{session}/day")>"Day page and clock controls"</a></p>
        </section>
        <FormError error=action_error(forms.status)/>
        <FormError error=action_error(forms.no_show)/>
        <section class="card attention" aria-labelledby="attention-heading">
            <h2 id="attention-heading">"Needs attention"</h2>
            <ul class="flags" data-testid="flags">
                {move || {
                    let list = flagged();
                    if list.is_empty() {
                        return view! { <li class="muted">"Nothing needs you right now."</li> }.into_any();
                    }
                    list.into_iter()
                        .map(|(c, f)| view! { <FlagRow c f session forms/> })
                        .collect_view()
                        .into_any()
                }}
            </ul>
        </section>
        <section class="card" aria-label="Rooms">
            <div class="timetrack-tools">
                <div role="tablist" aria-label="Rounds" class="tabs">
                    {tab_button(Tab::Now, "Now")}
                    {tab_button(Tab::Next, "Next")}
                    {tab_button(Tab::Done, "Done")}
                </div>
                <label class="search">
                    <span>"Find an applicant"</span>
                    <input
                        type="search"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </label>
            </div>
            <p class="found" role="status" data-testid="found">{found}</p>
            <div class="room-grid">
                {move || {
                    let q = search.get().trim().to_lowercase();
                    let list = shown();
                    if list.is_empty() {
                        return view! { <p class="muted">"No rooms in this tab."</p> }.into_any();
                    }
                    list.into_iter()
                        .map(|c| {
                            let hit = !q.is_empty() && c.applicant_name.to_lowercase().contains(&q);
                            let f = flag_of(&c);
                            view! { <RoomCard c hit f session forms/> }
                        })
                        .collect_view()
                        .into_any()
                }}
            </div>
        </section>
        <div class="card">
            <Broadcasts session loaded=broadcasts/>
        </div>
    }
}

/// The broadcast form: a message to the session's screens.
#[component]
fn BroadcastForm(session: SessionId, forms: Forms) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="broadcast-heading">
            <h2 id="broadcast-heading">"Broadcast"</h2>
            <PostForm action=forms.broadcast attr:class="broadcast-form">
                <input type="hidden" name="session_id" value=session.to_string()/>
                <SelectField
                    label="To"
                    name="audience"
                    options=vec![
                        ("everyone".to_string(), "Everyone".to_string()),
                        ("interviewers".to_string(), "Interviewers".to_string()),
                        ("applicants".to_string(), "Applicants".to_string()),
                    ]
                    error=action_error(forms.broadcast)
                />
                <Field label="Message" name="body" error=action_error(forms.broadcast)/>
                <button class="btn btn-primary" type="submit">"Send to their screens"</button>
            </PostForm>
        </section>
    }
}

#[component]
fn FlagRow(c: RoomRound, f: Flag, session: SessionId, forms: Forms) -> impl IntoView {
    let fix = f.fix();
    let text = format!("Set {}", fix.label());
    view! {
        <li class="flag">
            <span>
                <strong>{c.room_name.clone()}</strong>
                {format!(" · {} · {} · ", c.when, c.applicant_name)}
                <span class="flag-text">{f.text()}</span>
            </span>
            <StatusButton action=forms.status session room=c.room round=c.round to=fix text primary=true/>
        </li>
    }
}

#[component]
fn RoomCard(
    c: RoomRound,
    hit: bool,
    f: Option<Flag>,
    session: SessionId,
    forms: Forms,
) -> impl IntoView {
    let class = match (hit, f.is_some()) {
        (true, _) => "room-card room-hit",
        (false, true) => "room-card room-flagged",
        _ => "room-card",
    };
    let who = if c.applicant_name.is_empty() {
        "No interview this round".to_string()
    } else {
        format!("Applicant: {}", c.applicant_name)
    };
    let present = if c.absent.is_empty() {
        format!("Present {} of {}", c.present, c.expected)
    } else {
        format!(
            "Present {} of {} · not here: {}",
            c.present,
            c.expected,
            c.absent.join(", ")
        )
    };
    let others: Vec<(RoomStatus, &'static str)> = [
        RoomStatus::Ready,
        RoomStatus::InProgress,
        RoomStatus::Completed,
    ]
    .into_iter()
    .filter(|s| *s != c.status)
    .map(|s| (s, s.label()))
    .collect();
    let (room, round) = (c.room, c.round);
    let no_show = c
        .applicant
        .filter(|_| !c.no_show)
        .map(|a| view! { <NoShowButton action=forms.no_show session applicant=a name=c.applicant_name.clone()/> });
    let label = format!("{} · {}", c.room_name, c.when);
    view! {
        <article class=class aria-label=label>
            <header class="room-card-head">
                <h3>{c.room_name.clone()}</h3>
                <StatusBadge status=c.status/>
            </header>
            <p class="muted">{c.when.clone()}</p>
            <p>{who} {c.no_show.then(|| view! { <span class="badge badge-warn">"No-show"</span> })}</p>
            <p class="muted">{format!("Interviewers: {}", c.interviewers.join(", "))}</p>
            <p class="muted">{present}</p>
            {f.map(|f| view! { <p class="flag-text">{f.text()}</p> })}
            <div class="actions">
                {others
                    .into_iter()
                    .map(|(to, text)| view! { <StatusButton action=forms.status session room round to text/> })
                    .collect_view()}
                {no_show}
            </div>
        </article>
    }
}
