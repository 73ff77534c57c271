//! The builder's toolbar: undo, redo and repair.

use super::state::{Builder, Step};
use crate::day::api::RepairDay;
use crate::day::domain::edit::Cell;
use crate::day::types::DayPage;
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
                Ok(moved) => {
                    b.say(&format!(
                        "Repaired: {moved} other {} moved.",
                        if moved == 1 {
                            "interview"
                        } else {
                            "interviews"
                        }
                    ));
                    // The page reloads with the repaired draft; undo restores what was before.
                    let cells: Vec<Cell> = before.cells.keys().copied().collect();
                    b.undo.update(|u| u.push(Step { cells, before }));
                    b.reload.run(());
                }
                Err(e) => {
                    b.error.set(Some(e.to_string()));
                    b.reload.run(());
                }
            }
            b.busy.set(false);
        });
    };
    let _ = page;
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
