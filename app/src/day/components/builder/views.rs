//! The other ways to read the draft (each applicant's day, each interviewer's day) and the
//! switch between them and the grid.

use super::state::Builder;
use crate::day::components::grid::Names;
use crate::day::domain::grid::Slot;
use crate::day::domain::timeline::Stretch;
use crate::day::types::DayPage;
use crate::ids::RoomId;
use crate::sessions::domain::clock;
use leptos::prelude::*;

/// How the draft is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum View {
    /// Rounds down, rooms across: the one to edit in.
    Rooms,
    /// Each applicant's day as a row.
    Applicants,
    /// Each interviewer's day as a row.
    Interviewers,
}

#[component]
pub(super) fn ViewSwitch(view: RwSignal<View>, filter: RwSignal<String>) -> impl IntoView {
    let choice = move |v: View, text: &'static str| {
        view! {
            <button type="button" class="btn btn-small" class:btn-primary=move || view.get() == v
                aria-pressed=move || (view.get() == v).to_string()
                on:click=move |_| view.set(v)>{text}</button>
        }
    };
    view! {
        <div class="actions view-switch">
            <div class="actions" role="group" aria-label="Show the draft">
                {choice(View::Rooms, "By room")}
                {choice(View::Applicants, "By applicant")}
                {choice(View::Interviewers, "By interviewer")}
            </div>
            <Show when=move || view.get() == View::Rooms>
                <label class="inline-field" for="room-filter">
                    <span>"Filter rooms"</span>
                    <input id="room-filter" type="search" placeholder="Room name"
                        prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev))/>
                </label>
            </Show>
        </div>
    }
}

/// The rounds as column headings.
fn round_heads(page: &DayPage) -> impl IntoView {
    page.timeline
        .iter()
        .filter_map(|t| match t {
            Stretch::Round { round, start, .. } => Some(view! {
                <th scope="col">{format!("Round {} · {}", round + 1, clock(*start))}</th>
            }),
            Stretch::Break { .. } => None,
        })
        .collect_view()
}

/// Each applicant's day as a row: the room of each round (read-only; edit by room).
#[component]
pub(super) fn ByApplicant(
    b: Builder,
    page: StoredValue<DayPage>,
    marks: Memo<Vec<(Slot, String)>>,
) -> impl IntoView {
    move || {
        let slots = b.draft.with(|d| d.slots());
        page.with_value(|p| {
            let names = Names(p);
            let rows = p
                .applicants
                .iter()
                .map(|a| {
                    let cells = (0..p.plan.rounds)
                        .map(|round| {
                            let label = format!("Round {}", round + 1);
                            match slots.iter().find(|s| s.applicant == a.id && s.round == round) {
                                Some(s) => {
                                    let why: Vec<String> = marks.with(|m| {
                                        m.iter().filter(|(x, _)| x == s).map(|(_, r)| r.clone()).collect()
                                    });
                                    let flagged = !why.is_empty();
                                    view! {
                                        <td data-label=label class:flagged=flagged title=why.join(" ")>
                                            {names.room(s.room)}
                                            {flagged.then(|| view! { <span class="flag">" ⚠ conflict"</span> })}
                                        </td>
                                    }
                                    .into_any()
                                }
                                None => view! { <td data-label=label class="free">"free"</td> }.into_any(),
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{a.name.clone()}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="grid-wrap">
                    <table class="table draft-grid" aria-label="Draft by applicant: each applicant's day">
                        <thead><tr><th scope="col">"Applicant"</th>{round_heads(p)}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    }
}

/// Each interviewer's day as a row: whom they meet in each round.
#[component]
pub(super) fn ByInterviewer(b: Builder, page: StoredValue<DayPage>) -> impl IntoView {
    move || {
        let slots = b.draft.with(|d| d.slots());
        page.with_value(|p| {
            let names = Names(p);
            let mut people: Vec<(crate::ids::UserId, String)> = p
                .rooms
                .iter()
                .flat_map(|r| r.interviewers.iter().map(|i| (i.id, i.name.clone())))
                .collect();
            people.sort_unstable_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
            people.dedup_by_key(|x| x.0);
            let rows = people
                .into_iter()
                .map(|(id, name)| {
                    let rooms: Vec<RoomId> = p
                        .rooms
                        .iter()
                        .filter(|r| r.interviewers.iter().any(|i| i.id == id))
                        .map(|r| r.id)
                        .collect();
                    let cells = (0..p.plan.rounds)
                        .map(|round| {
                            let met: Vec<String> = slots
                                .iter()
                                .filter(|s| s.round == round && rooms.contains(&s.room))
                                .map(|s| format!("{} ({})", names.applicant(s.applicant), names.room(s.room)))
                                .collect();
                            let label = format!("Round {}", round + 1);
                            if met.is_empty() {
                                view! { <td data-label=label class="free">"free"</td> }.into_any()
                            } else {
                                view! { <td data-label=label>{met.join(", ")}</td> }.into_any()
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{name}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="grid-wrap">
                    <table class="table draft-grid" aria-label="Draft by interviewer: each interviewer's day">
                        <thead><tr><th scope="col">"Interviewer"</th>{round_heads(p)}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    }
}
