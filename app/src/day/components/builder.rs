//! The schedule builder: the draft grid, edited by pointer drag or by keyboard, with conflicts
//! marked as it changes, undo and redo, repair, and other coordinators' edits arriving live.
//!
//! Every edit is a [`CellsEdit`] built from the draft as shown (so it states the versions it was
//! made on), shown at once, and saved; a refused one (someone changed a cell first) puts the
//! draft back as the server has it and says what happened.

use super::grid::{DraftReport, Names};
use crate::day::api::{DayPage, EditDraft, RepairDay};
use crate::day::domain::edit::{Cell, CellsEdit, Draft};
use crate::day::domain::grid::{check, Slot, Violation};
use crate::day::domain::timeline::Stretch;
use crate::day::domain::ReportView;
use crate::error::AppError;
use crate::ids::{ApplicantId, RoomId, SessionId};
use crate::live::use_live;
use crate::sessions::domain::clock;
use crate::ui::call;
use crate::ui::{Notice, NoticeKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One undoable step: the cells it changed and the draft before it.
#[derive(Clone)]
struct Step {
    cells: Vec<Cell>,
    before: Draft,
}

/// Where an applicant being moved comes from: a cell, or the unscheduled list.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Carried {
    applicant: ApplicantId,
    from: Option<Cell>,
}

/// What the builder keeps across reloads of the page (made above its resource): the undo and
/// redo stacks, the last announcement and error, the last manual edit.
#[derive(Clone, Copy)]
pub struct BuilderMemory {
    undo: RwSignal<Vec<Step>>,
    redo: RwSignal<Vec<Step>>,
    /// What the screen reader hears (and sighted people read under the grid).
    said: RwSignal<String>,
    error: RwSignal<Option<String>>,
    /// The cells of the last manual edit (what a repair keeps).
    last_edit: RwSignal<Vec<Cell>>,
    /// Bumps whenever the draft shown changes version (an edit saved here, or another's
    /// arriving live): the Finalize card follows the draft by it.
    changed: RwSignal<u64>,
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
struct Builder {
    session: SessionId,
    draft: RwSignal<Draft>,
    version: RwSignal<i64>,
    /// Picked up by click or Enter, to be placed by click or Enter.
    carried: RwSignal<Option<Carried>>,
    /// Being dragged with a pointer.
    dragged: RwSignal<Option<Carried>>,
    /// The cell with keyboard focus.
    cursor: RwSignal<Option<Cell>>,
    undo: RwSignal<Vec<Step>>,
    redo: RwSignal<Vec<Step>>,
    said: RwSignal<String>,
    error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    last_edit: RwSignal<Vec<Cell>>,
    /// Asks the page to reload (after a refusal, a repair, another's regenerate).
    reload: Callback<()>,
}

impl Builder {
    /// Saves an edit made on the draft as shown; `step` records it for undo (or redo).
    fn save(self, edit: CellsEdit, step: Option<(Step, bool)>) {
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

    fn say(self, text: &str) {
        self.said.set(text.to_string());
    }

    /// Undoes the last step (a new edit, saved like any other).
    fn undo(self) {
        let Some(step) = self.undo.try_update(|u| u.pop()).flatten() else {
            return;
        };
        let now = self.draft.get_untracked();
        let edit = step.before.restoring(&step.cells, &now);
        let redo = Step {
            cells: step.cells.clone(),
            before: now,
        };
        self.say("Undone.");
        self.save(edit, Some((redo, true)));
    }

    fn redo(self) {
        let Some(step) = self.redo.try_update(|r| r.pop()).flatten() else {
            return;
        };
        let now = self.draft.get_untracked();
        let edit = step.before.restoring(&step.cells, &now);
        let undo = Step {
            cells: step.cells.clone(),
            before: now,
        };
        self.say("Redone.");
        self.save(edit, Some((undo, false)));
    }
}

/// Why each slot is marked, by cell: the hard rules the draft breaks, and applicants no
/// longer confirmed.
fn reasons(page: &DayPage, draft: &Draft) -> Vec<(Slot, String)> {
    let names = Names(page);
    let shape = page.shape();
    let slots = draft.slots();
    let violations: Vec<Violation> = check(&shape, &slots);
    let mut out = Vec::new();
    for s in &slots {
        for v in violations.iter().filter(|v| v.involves(s)) {
            out.push((*s, names.violation(v)));
        }
        if !page.applicants.iter().any(|a| a.id == s.applicant) {
            out.push((
                *s,
                format!(
                    "{} is no longer confirmed in this session.",
                    names.applicant(s.applicant)
                ),
            ));
        }
    }
    out
}

/// The builder, under the report on its draft (`report`: what the last generation said).
#[component]
pub fn ScheduleBuilder(
    page: DayPage,
    report: Option<ReportView>,
    memory: BuilderMemory,
    reload: Callback<()>,
) -> impl IntoView {
    let b = Builder {
        session: page.session.id,
        draft: RwSignal::new(Draft::new(page.cells.iter().copied())),
        version: RwSignal::new(page.draft_version),
        carried: RwSignal::new(None),
        dragged: RwSignal::new(None),
        cursor: RwSignal::new(None),
        undo: memory.undo,
        redo: memory.redo,
        said: memory.said,
        error: memory.error,
        busy: RwSignal::new(false),
        last_edit: memory.last_edit,
        reload,
    };
    // Other coordinators' edits: applied when newer than what is shown; a whole-draft change
    // (generate, repair, rooms or rounds changed) reloads the page.
    let live = use_live();
    Effect::new(move |_| {
        let mine: Vec<_> = live.drafts.with(|d| {
            d.iter()
                .filter(|c| c.session == b.session)
                .cloned()
                .collect()
        });
        if mine.is_empty() {
            return;
        }
        live.drafts.update(|d| d.retain(|c| c.session != b.session));
        for change in mine {
            if change.version <= b.version.get_untracked() {
                continue;
            }
            match change.cells {
                Some(cells) => {
                    b.draft.update(|d| {
                        for c in cells {
                            d.cells.insert(c.cell, c);
                        }
                    });
                    b.version.set(change.version);
                }
                None => b.reload.run(()),
            }
        }
    });
    // A new version of the draft (not the first one shown) tells whoever follows it.
    Effect::new(move |shown: Option<()>| {
        b.version.track();
        if shown.is_some() {
            memory.changed.update(|n| *n += 1);
        }
    });
    let page = StoredValue::new(page);
    let view = RwSignal::new(View::Rooms);
    let filter = RwSignal::new(String::new());
    let marks = Memo::new(move |_| page.with_value(|p| b.draft.with(|d| reasons(p, d))));
    let slots = Signal::derive(move || b.draft.with(|d| d.slots()));
    let reported = report.is_some() || !b.draft.with_untracked(|d| d.slots().is_empty());
    view! {
        {reported.then(|| view! { <DraftReport page slots marks report/> })}
        <div class="builder" on:pointerup=move |_| b.dragged.set(None)>
            <Toolbar b page/>
            {move || b.error.get().map(|e| view! { <Notice kind=NoticeKind::Error>{e}</Notice> })}
            <ViewSwitch view filter/>
            <div class="builder-body">
                {move || match view.get() {
                    View::Rooms => {
                        let filter = filter.get();
                        view! { <Grid b page marks filter/> }.into_any()
                    }
                    View::Applicants => view! { <ByApplicant b page marks/> }.into_any(),
                    View::Interviewers => view! { <ByInterviewer b page/> }.into_any(),
                }}
                <Unscheduled b page/>
            </div>
            <p class="sr-status" aria-live="polite" data-testid="announce">{move || b.said.get()}</p>
        </div>
    }
}

#[component]
fn Toolbar(b: Builder, page: StoredValue<DayPage>) -> impl IntoView {
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

/// Places `carried` in `to` (`None`: the unscheduled list).
fn place(b: Builder, page: StoredValue<DayPage>, carried: Carried, to: Option<Cell>) {
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

#[component]
fn Grid(
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
    let reason = Memo::new(move |_| {
        let who = occupant.get()?;
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
    });
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
    let press = move || {
        if let Some(carried) = b.carried.get_untracked() {
            place(b, page, carried, Some(cell));
        } else if let Some(applicant) = occupant.get_untracked() {
            b.carried.set(Some(Carried {
                applicant,
                from: Some(cell),
            }));
            let who = page.with_value(|p| Names(p).applicant(applicant));
            b.say(&format!(
                "{who} picked up. Move with the arrow keys, Enter to place, Escape to cancel."
            ));
        }
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
                on:click=move |_| press()
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

#[component]
fn Unscheduled(b: Builder, page: StoredValue<DayPage>) -> impl IntoView {
    let wanted = page.with_value(|p| p.interviews_per_applicant);
    let short = Memo::new(move |_| {
        page.with_value(|p| {
            b.draft.with(|d| {
                let slots = d.slots();
                p.applicants
                    .iter()
                    .map(|a| {
                        let n = slots.iter().filter(|s| s.applicant == a.id).count();
                        (a.id, a.name.clone(), n)
                    })
                    .filter(|(_, _, n)| *n < usize::from(wanted))
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="unscheduled" aria-labelledby="unscheduled-heading"
            on:pointerup=move |_| {
                if let Some(d) = b.dragged.get_untracked().filter(|d| d.from.is_some()) {
                    place(b, page, d, None);
                }
            }>
            <h3 id="unscheduled-heading">"Unscheduled"</h3>
            <p class="muted small">"Applicants short of their interviews. Drop a cell here to take an interview out."</p>
            <ul class="plain-list">
                <For each=move || short.get() key=|(id, _, n)| (*id, *n) let:item>
                    {
                        let (id, name, n) = item;
                        view! {
                            <li>
                                <button type="button" class="btn btn-small chip"
                                    on:click=move |_| {
                                        b.carried.set(Some(Carried { applicant: id, from: None }));
                                        b.say(&format!("{name} picked up: choose a cell (Tab to the grid), Enter to place."));
                                    }
                                    on:pointerdown=move |_| b.dragged.set(Some(Carried { applicant: id, from: None }))>
                                    {format!("{} · {n} of {wanted}", item_name(&page, id))}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}

fn item_name(page: &StoredValue<DayPage>, id: ApplicantId) -> String {
    page.with_value(|p| Names(p).applicant(id))
}

/// How the draft is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    /// Rounds down, rooms across: the one to edit in.
    Rooms,
    /// Each applicant's day as a row.
    Applicants,
    /// Each interviewer's day as a row.
    Interviewers,
}

#[component]
fn ViewSwitch(view: RwSignal<View>, filter: RwSignal<String>) -> impl IntoView {
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
fn ByApplicant(
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
fn ByInterviewer(b: Builder, page: StoredValue<DayPage>) -> impl IntoView {
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
