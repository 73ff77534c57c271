//! "My day": an interviewer's published days, across sessions and programs, printable.

use super::{Calendar, CalendarCard, ItineraryView};
use crate::itinerary::api::MyDay;
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{Loaded, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDayPage() -> impl IntoView {
    let live = use_live();
    let days = crate::ui::load(move || live.version.get(), |_| call(MyDay {}));
    let calendar = Calendar::load();
    view! {
        <Title text="My day · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="My interview days"
                lead="Your rooms, applicants and breaks once a schedule is finalized, in every program you interview for."
            />
            <Loaded resource=days let:list>
                {if list.is_empty() {
                    view! {
                        <section class="card">
                            <p class="muted" data-testid="no-days">"No finalized schedule has you in a room yet."</p>
                        </section>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="no-print">
                            <a class="btn" href="/print/my-day" target="_blank" rel="noopener">"Printable version"</a>
                        </p>
                        {list
                            .into_iter()
                            .map(|it| {
                                let heading = format!("{} · {}", it.program, it.session);
                                let label = heading.clone();
                                view! {
                                    <section class="card" aria-label=label>
                                        <h2>{heading}</h2>
                                        <ItineraryView it applicant=false/>
                                    </section>
                                }
                            })
                            .collect_view()}
                    }
                    .into_any()
                }}
            </Loaded>
            <CalendarCard calendar/>
        </StaffShell>
    }
}
