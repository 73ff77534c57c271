//! The applicant's My Programs: every program that invited them.

use super::invitation_card::InvitationCard;
use crate::applicants::api::MyPrograms;
use crate::applicants::types::Invitation;
use crate::booking::components::{ChoiceActions, ChoiceResult};
use crate::itinerary::components::{Calendar, CalendarCard};
use crate::live::use_live;
use crate::shell::ApplicantShell;
use crate::ui::call;
use crate::ui::FormAction;
use crate::ui::{Loaded, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyProgramsPage() -> impl IntoView {
    let actions = ChoiceActions {
        choose: FormAction::new(),
        decline: FormAction::new(),
        accepted: RwSignal::new(Vec::new()),
    };
    let live = use_live();
    // Reload after a submission that did something: a refused one (its message shows next to
    // the field) leaves the form as the applicant filled it.
    let succeeded = RwSignal::new(0u64);
    Effect::new(move |_| {
        if matches!(actions.choose.value().get(), Some(Ok(_))) {
            succeeded.update(|n| *n += 1);
        }
    });
    let programs = crate::ui::load(
        move || {
            (
                succeeded.get(),
                actions.decline.version().get(),
                live.version.get(),
            )
        },
        |_| call(MyPrograms {}),
    );
    let calendar = Calendar::load();
    // Each card's fair releases (release's part of the card).
    provide_context(crate::release::components::ReleasesData::load(move || {
        live.version.get()
    }));
    // Each card's change of plans and places in line (waitlist's parts of the card).
    provide_context(crate::waitlist::components::PlansData::load(move || {
        (
            succeeded.get(),
            actions.decline.version().get(),
            live.version.get(),
        )
    }));
    view! {
        <Title text="My Programs · Interview Portal"/>
        <ApplicantShell>
            <PageHeader title="My Programs" lead="Programs that invited you to interview."/>
            <ChoiceResult choose=actions.choose/>
            <Loaded resource=programs let:list>
                <ProgramList list actions/>
            </Loaded>
            <CalendarCard calendar/>
        </ApplicantShell>
    }
}

#[component]
fn ProgramList(list: Vec<Invitation>, actions: ChoiceActions) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <section class="empty">
                <h2>"No invitations yet"</h2>
                <p>
                    "When a program invites you to interview, it appears here and you can accept, decline and choose your session."
                </p>
                <p class="muted">
                    "Programs find you by the email of your application. If you expected an invitation, check that it went to the address you log in with."
                </p>
            </section>
        }
        .into_any();
    }
    view! {
        <ul class="cards">
            {list.into_iter().map(|inv| view! { <InvitationCard inv actions/> }).collect_view()}
        </ul>
    }
    .into_any()
}
