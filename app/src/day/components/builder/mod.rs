//! The schedule builder: the draft grid, edited by pointer drag or by keyboard, with conflicts
//! marked as it changes, undo and redo, repair, and other coordinators' edits arriving live.
//!
//! Every edit is a [`CellsEdit`] built from the draft as shown (so it states the versions it was
//! made on), shown at once, and saved; a refused one (someone changed a cell first) puts the
//! draft back as the server has it and says what happened.

mod grid;
mod state;
mod toolbar;
mod unscheduled;
mod views;

pub use state::BuilderMemory;

use super::grid::{DraftReport, Names};
use crate::day::domain::edit::Draft;
use crate::day::domain::grid::{check, Slot, Violation};
use crate::day::domain::ReportView;
use crate::day::types::DayPage;
use crate::live::use_live;
use crate::ui::{Notice, NoticeKind};
use grid::Grid;
use leptos::prelude::*;
use state::Builder;
use toolbar::Toolbar;
use unscheduled::Unscheduled;
use views::{ByApplicant, ByInterviewer, View, ViewSwitch};

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
