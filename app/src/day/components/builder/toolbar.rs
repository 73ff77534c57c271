//! The builder's toolbar: undo, redo and repair.

use super::state::{Builder, Step};
use crate::day::api::RepairDay;
use crate::day::domain::edit::Cell;
use crate::day::types::{DayPage, Repaired};
use crate::ui::call;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn Toolbar(b: Builder, page: StoredValue<DayPage>) -> impl IntoView {
    let repair = move |_| {
        let keep = b.last_edit.get_untracked();
        let before = b.draft.get_untracked();
        b.busy.set(true);
        spawn_local(async move {
            match call(RepairDay {
                session_id: b.session,
                draft_version: b.version.get_untracked(),
                keep,
            })
            .await
            {
                Ok(done) => {
                    b.say(&repaired_words(done));
                    // The page reloads with the repaired draft; undo restores what was before,
                    // in every cell of the grid (the repair may fill a cell that had no row).
                    let cells = page.with_value(every_cell);
                    b.undo.update(|u| u.push(Step { cells, before }));
                    b.reload.run(());
                }
                Err(e) => {
                    b.error.set(Some(e.to_string()));
                    b.reload.run(());
                }
            }
            // Still busy: the reload builds the grid anew (not busy) with the draft as saved;
            // an edit or an undo made before then, on the old draft, would be refused.
        });
    };
    view! {
        <div class="actions builder-tools" role="toolbar" aria-label="Edit the draft">
            <button class="btn btn-small" type="button" on:click=move |_| b.undo()
                disabled=move || b.undo.with(Vec::is_empty) || b.busy.get()>"Undo"</button>
            <button class="btn btn-small" type="button" on:click=move |_| b.redo()
                disabled=move || b.redo.with(Vec::is_empty) || b.busy.get()>"Redo"</button>
            <button class="btn btn-small" type="button" on:click=repair
                disabled=move || b.last_edit.with(Vec::is_empty) || b.busy.get()>"Repair"</button>
            <span class="muted small">"Drag an applicant to another cell, or select a cell and use the arrow keys, Enter to place, Escape to cancel."</span>
        </div>
    }
}

/// What the builder says after a repair.
fn repaired_words(done: Repaired) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let moved = plural(done.moved, "other interview", "other interviews");
    if done.left == 0 {
        return format!("Repaired: {moved} moved.");
    }
    format!(
        "Repaired: {moved} moved. {} left in the cells you changed, which the repair keeps as you placed them; the marked cells say why.",
        plural(done.left, "conflict is", "conflicts are")
    )
}

/// Every cell of the day's grid, rounds by rooms.
fn every_cell(page: &DayPage) -> Vec<Cell> {
    (0..page.plan.rounds)
        .flat_map(|round| page.rooms.iter().map(move |r| Cell { round, room: r.id }))
        .collect()
}
