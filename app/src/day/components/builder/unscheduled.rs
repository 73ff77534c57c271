//! The applicants still short of their interviews, to be placed from there.

use super::state::{place, Builder, Carried};
use crate::day::components::grid::Names;
use crate::day::types::DayPage;
use crate::ids::ApplicantId;
use leptos::prelude::*;

#[component]
pub(super) fn Unscheduled(b: Builder, page: StoredValue<DayPage>) -> impl IntoView {
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
