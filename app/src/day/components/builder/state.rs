//! The builder's state, shared by its pieces: the draft shown, what is carried or dragged, the
//! undo and redo stacks (kept across reloads in [`BuilderMemory`]), and saving an edit.

use crate::day::api::EditDraft;
use crate::day::components::grid::Names;
use crate::day::domain::edit::{Cell, CellsEdit, Draft};
use crate::day::types::DayPage;
use crate::error::AppError;
use crate::ids::{ApplicantId, DraftVersion, SessionId};
use crate::ui::call;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One undoable step: the cells it changed and the draft before it.
#[derive(Clone)]
pub(super) struct Step {
    pub(super) cells: Vec<Cell>,
    pub(super) before: Draft,
}

/// Where an applicant being moved comes from: a cell, or the unscheduled list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Carried {
    pub(super) applicant: ApplicantId,
    pub(super) from: Option<Cell>,
}

/// What the builder keeps across reloads of the page (made above its resource): the undo and
/// redo stacks, the last announcement and error, the last manual edit.
#[derive(Clone, Copy)]
pub struct BuilderMemory {
    pub(super) undo: RwSignal<Vec<Step>>,
    pub(super) redo: RwSignal<Vec<Step>>,
    /// What the screen reader hears (and sighted people read under the grid).
    pub(super) said: RwSignal<String>,
    pub(super) error: RwSignal<Option<String>>,
    /// The cells of the last manual edit (what a repair keeps).
    pub(super) last_edit: RwSignal<Vec<Cell>>,
    /// Bumps whenever the draft shown changes version (an edit saved here, or another's
    /// arriving live): the Finalize card follows the draft by it.
    pub(super) changed: RwSignal<u64>,
}

impl BuilderMemory {
    pub fn new() -> Self {
        BuilderMemory {
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            said: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            last_edit: RwSignal::new(Vec::new()),
            changed: RwSignal::new(0),
        }
    }

    /// How many times the draft shown has changed (see `changed`).
    pub fn changes(&self) -> u64 {
        self.changed.get()
    }
}

/// The builder's state, shared by its pieces.
#[derive(Clone, Copy)]
pub(super) struct Builder {
    pub(super) session: SessionId,
    pub(super) draft: RwSignal<Draft>,
    pub(super) version: RwSignal<DraftVersion>,
    /// Picked up by click or Enter, to be placed by click or Enter.
    pub(super) carried: RwSignal<Option<Carried>>,
    /// Being dragged with a pointer.
    pub(super) dragged: RwSignal<Option<Carried>>,
    /// The cell with keyboard focus.
    pub(super) cursor: RwSignal<Option<Cell>>,
    pub(super) undo: RwSignal<Vec<Step>>,
    pub(super) redo: RwSignal<Vec<Step>>,
    pub(super) said: RwSignal<String>,
    pub(super) error: RwSignal<Option<String>>,
    pub(super) busy: RwSignal<bool>,
    pub(super) last_edit: RwSignal<Vec<Cell>>,
    /// Asks the page to reload (after a refusal, a repair, another's regenerate).
    pub(super) reload: Callback<()>,
}

impl Builder {
    /// Saves an edit made on the draft as shown; `step` records it for undo (or redo).
    pub(super) fn save(self, edit: CellsEdit, step: Option<(Step, bool)>) {
        let before = self.draft.get_untracked();
        let cells: Vec<Cell> = edit.cells.iter().map(|w| w.cell()).collect();
        // Shown at once; the version follows when the server answers.
        self.draft
            .set(before.with(&edit, self.version.get_untracked(), true));
        self.busy.set(true);
        self.error.set(None);
        spawn_local(async move {
            match call(EditDraft {
                session_id: self.session,
                edit,
            })
            .await
            {
                Ok(version) => {
                    self.version.set(version);
                    self.draft.update(|d| {
                        for c in &cells {
                            if let Some(state) = d.cells.get_mut(c) {
                                state.version = version;
                            }
                        }
                    });
                    self.last_edit.set(cells.clone());
                    match step {
                        // An undo: its step goes to redo.
                        Some((s, true)) => self.redo.update(|r| r.push(s)),
                        // A redo: back on undo.
                        Some((s, false)) => self.undo.update(|u| u.push(s)),
                        None => {
                            self.undo.update(|u| u.push(Step { cells, before }));
                            self.redo.set(Vec::new());
                        }
                    }
                }
                Err(e) => {
                    self.draft.set(before);
                    self.error.set(Some(e.to_string()));
                    self.say(&e.to_string());
                    if matches!(e, AppError::Conflict(_)) {
                        self.reload.run(());
                    }
                }
            }
            self.busy.set(false);
        });
    }

    pub(super) fn say(self, text: &str) {
        self.said.set(text.to_string());
    }

    /// Undoes the last step (a new edit, saved like any other).
    pub(super) fn undo(self) {
        let Some(step) = self.undo.try_update(|u| u.pop()).flatten() else {
            return;
        };
        let now = self.draft.get_untracked();
        let edit = step.before.restoring(&step.cells, &now);
        let redo = Step {
            cells: step.cells.clone(),
            before: now,
        };
        if edit.cells.is_empty() {
            // Someone else already put these cells back: nothing to save.
            self.redo.update(|r| r.push(redo));
            self.say("Undone: the cells were already as before.");
            return;
        }
        self.say("Undone.");
        self.save(edit, Some((redo, true)));
    }

    pub(super) fn redo(self) {
        let Some(step) = self.redo.try_update(|r| r.pop()).flatten() else {
            return;
        };
        let now = self.draft.get_untracked();
        let edit = step.before.restoring(&step.cells, &now);
        let undo = Step {
            cells: step.cells.clone(),
            before: now,
        };
        if edit.cells.is_empty() {
            self.undo.update(|u| u.push(undo));
            self.say("Redone: the cells were already so.");
            return;
        }
        self.say("Redone.");
        self.save(edit, Some((undo, false)));
    }
}

/// Places `carried` in `to` (`None`: the unscheduled list).
pub(super) fn place(b: Builder, page: StoredValue<DayPage>, carried: Carried, to: Option<Cell>) {
    b.carried.set(None);
    b.dragged.set(None);
    let draft = b.draft.get_untracked();
    let Some(edit) = draft.moving(carried.applicant, carried.from, to) else {
        b.say("Put back where it was.");
        return;
    };
    let who = page.with_value(|p| Names(p).applicant(carried.applicant));
    let whither = match to {
        Some(c) => page.with_value(|p| format!("{}, round {}", Names(p).room(c.room), c.round + 1)),
        None => "unscheduled".into(),
    };
    b.say(&format!("{who} moved to {whither}."));
    b.save(edit, None);
}
