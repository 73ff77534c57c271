//! The Meeting Rooms page: the program's welcome rooms, lounges and debriefs — listed, added and
//! removed (written on the server: `meeting_rooms::pages`). A room reaches the itineraries of
//! its audience with the next publish.

use super::pages::MeetingRoomsPage as MeetingRoomsScreen;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MeetingRoomsPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(MeetingRoomsScreen {}));
    view! {
        <Title text="Meeting rooms · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Meeting rooms"
                lead="Rooms where applicants, interviewers or both gather before, during or after interviews: a welcome, a lounge, a debrief. Each appears in its audience's itineraries at its time once the day is published."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}
