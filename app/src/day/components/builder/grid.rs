//! The draft as a grid, rounds down and rooms across: the view to edit in, by pointer or keyboard,
//! each cell with its conflict marks and their reason box.

use super::state::{place, Builder, Carried};
use crate::day::components::grid::Names;
use crate::day::domain::edit::Cell;
use crate::day::domain::grid::Slot;
use crate::day::domain::timeline::Stretch;
use crate::day::types::DayPage;
use crate::ids::{ApplicantId, RoomId};
use crate::sessions::domain::clock;
use leptos::prelude::*;

fn cell_id(c: Cell) -> String {
    format!("cell-{}-{}", c.round, c.room)
}

fn focus(c: Cell) {
    #[cfg(feature = "hydrate")]
    if let Some(el) = document().get_element_by_id(&cell_id(c)) {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = c;
}

#[component]
pub(super) fn Grid(
    b: Builder,
    page: StoredValue<DayPage>,
    marks: Memo<Vec<(Slot, String)>>,
    /// Only rooms whose name holds this (any case) are shown.
    filter: String,
) -> impl IntoView {
    let filter = filter.trim().to_lowercase();
    let (rooms, timeline): (Vec<(RoomId, String)>, Vec<Stretch>) = page.with_value(|p| {
        (
            p.rooms
                .iter()
                .filter(|r| r.name.to_lowercase().contains(&filter))
                .map(|r| (r.id, r.name.clone()))
                .collect(),
            p.timeline.clone(),
        )
    });
    let rounds = page.with_value(|p| p.plan.rounds);
    let room_ids: Vec<RoomId> = rooms.iter().map(|r| r.0).collect();
    let keys = {
        let room_ids = room_ids.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let Some(at) = b.cursor.get_untracked() else {
                return;
            };
            let col = room_ids.iter().position(|r| *r == at.room).unwrap_or(0);
            let next = match ev.key().as_str() {
                "ArrowRight" => room_ids.get(col + 1).map(|r| Cell { room: *r, ..at }),
                "ArrowLeft" => col
                    .checked_sub(1)
                    .and_then(|c| room_ids.get(c))
                    .map(|r| Cell { room: *r, ..at }),
                "ArrowDown" => (at.round + 1 < rounds).then_some(Cell {
                    round: at.round + 1,
                    ..at
                }),
                "ArrowUp" => at.round.checked_sub(1).map(|round| Cell { round, ..at }),
                "Escape" => {
                    if b.carried.get_untracked().is_some() {
                        b.carried.set(None);
                        b.say("Move cancelled.");
                    }
                    ev.prevent_default();
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            if let Some(n) = next {
                b.cursor.set(Some(n));
                focus(n);
            }
        }
    };
    let head = rooms
        .iter()
        .map(|(_, name)| view! { <th scope="col">{name.clone()}</th> })
        .collect_view();
    let columns = rooms.len() + 1;
    let rows = timeline
        .into_iter()
        .map(|t| match t {
            Stretch::Round { round, start, .. } => {
                let cells = rooms
                    .iter()
                    .map(|(room, name)| {
                        let cell = Cell { round, room: *room };
                        view! { <GridCell b page marks cell label=name.clone()/> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{format!("Round {} · {}", round + 1, clock(start))}</th>
                        {cells}
                    </tr>
                }
                .into_any()
            }
            Stretch::Break { label, start, end } => view! {
                <tr class="break-row">
                    <td colspan=columns.to_string()>{format!("{label} · {} – {}", clock(start), clock(end))}</td>
                </tr>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <div class="grid-wrap">
            <table class="table draft-grid editable" aria-label="Draft schedule: rounds down, rooms across" on:keydown=keys>
                <thead>
                    <tr><th scope="col">"Round"</th>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn GridCell(
    b: Builder,
    page: StoredValue<DayPage>,
    marks: Memo<Vec<(Slot, String)>>,
    cell: Cell,
    label: String,
) -> impl IntoView {
    let occupant = Memo::new(move |_| b.draft.with(|d| d.at(cell)));
    let reason = Memo::new(move |_| reason_of(marks, cell, occupant.get()?));
    let carrying_this = move || {
        b.carried
            .get()
            .or(b.dragged.get())
            .is_some_and(|c| c.from == Some(cell))
    };
    let name = move || {
        occupant
            .get()
            .map(|a| page.with_value(|p| Names(p).applicant(a)))
    };
    // Where the reason box opens: (upward, aligned to the cell's right edge); measured when
    // the cell is hovered or focused, so it stays inside the grid's scroll area and the window.
    let side = RwSignal::new((false, false));
    // A reason that comes while the cell has the focus (an applicant placed there by keyboard).
    Effect::new(move |_| {
        if reason.get().is_some() && b.cursor.get_untracked() == Some(cell) {
            request_animation_frame(move || side.set(reason_side(cell)));
        }
    });
    let data_label = label.clone();
    let describe = move || {
        let base = match name() {
            Some(n) => n,
            None => "free".to_string(),
        };
        let mut text = format!("{label}, round {}: {base}", cell.round + 1);
        if let Some(r) = reason.get() {
            text.push_str(". Conflict: ");
            text.push_str(&r);
        }
        text
    };
    view! {
        <td data-label=data_label class:flagged=move || reason.get().is_some() class:free=move || occupant.get().is_none()
            class:carrying=carrying_this class:why-up=move || side.get().0 class:why-end=move || side.get().1>
            <button
                type="button"
                class="cell"
                id=cell_id(cell)
                aria-label=describe
                title=move || reason.get().unwrap_or_default()
                on:focus=move |_| {
                    b.cursor.set(Some(cell));
                    side.set(reason_side(cell));
                }
                on:pointerenter=move |_| side.set(reason_side(cell))
                on:click=move |_| press(b, page, cell, occupant.get_untracked())
                on:pointerdown=move |ev| {
                    if ev.button() == 0 && b.carried.get_untracked().is_none() {
                        if let Some(applicant) = occupant.get_untracked() {
                            b.dragged.set(Some(Carried { applicant, from: Some(cell) }));
                        }
                    }
                }
                on:pointerup=move |_| {
                    if let Some(d) = b.dragged.get_untracked().filter(|d| d.from != Some(cell)) {
                        place(b, page, d, Some(cell));
                    }
                }
            >
                {move || name().unwrap_or_else(|| "—".into())}
                {move || reason.get().map(|r| view! { <span class="flag">" ⚠ conflict"<span class="why" role="tooltip">{r}</span></span> })}
            </button>
        </td>
    }
}

/// Why the cell's slot is marked (its reasons joined), when it is.
fn reason_of(marks: Memo<Vec<(Slot, String)>>, cell: Cell, who: ApplicantId) -> Option<String> {
    let slot = Slot {
        round: cell.round,
        room: cell.room,
        applicant: who,
    };
    let why: Vec<String> = marks.with(|m| {
        m.iter()
            .filter(|(s, _)| *s == slot)
            .map(|(_, r)| r.clone())
            .collect()
    });
    (!why.is_empty()).then(|| why.join(" "))
}

/// A cell pressed (click or Enter): places what is carried there, or picks up its occupant.
fn press(b: Builder, page: StoredValue<DayPage>, cell: Cell, occupant: Option<ApplicantId>) {
    if let Some(carried) = b.carried.get_untracked() {
        place(b, page, carried, Some(cell));
    } else if let Some(applicant) = occupant {
        b.carried.set(Some(Carried {
            applicant,
            from: Some(cell),
        }));
        let who = page.with_value(|p| Names(p).applicant(applicant));
        b.say(&format!(
            "{who} picked up. Move with the arrow keys, Enter to place, Escape to cancel."
        ));
    }
}

/// Where a cell's reason box fits: upward when there is less room below than it needs and more
/// above, and aligned to the cell's right edge when it would pass the right edge; the room is
/// what the grid's scroll area and the window both show (the box inside the area is cut off
/// past its edges).
fn reason_side(c: Cell) -> (bool, bool) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(button) = document().get_element_by_id(&cell_id(c)) else {
            return (false, false);
        };
        let Some(why) = button
            .query_selector(".why")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return (false, false);
        };
        let cell = button.get_bounding_client_rect();
        let number = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        let (mut top, mut left) = (0.0, 0.0);
        let mut bottom = number(window().inner_height()).unwrap_or(f64::MAX);
        let mut right = number(window().inner_width()).unwrap_or(f64::MAX);
        if let Some(area) = button.closest(".grid-wrap").ok().flatten() {
            let a = area.get_bounding_client_rect();
            (top, left) = (a.top().max(top), a.left().max(left));
            (bottom, right) = (a.bottom().min(bottom), a.right().min(right));
        }
        // Hidden until hovered or focused: its size as shown, or as the style sheet sets it.
        let height = match why.offset_height() {
            0 => 120.0,
            h => f64::from(h),
        };
        let width = match why.offset_width() {
            0 => 256.0,
            w => f64::from(w),
        };
        let below = bottom - cell.bottom();
        let above = cell.top() - top;
        let up = below < height && above > below;
        let end = cell.left() + width > right && cell.right() - width >= left;
        (up, end)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = c;
        (false, false)
    }
}
