//! The left menu of staff pages: the seed's sections that work, for the viewer's role.

use crate::auth::api::Me;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn SideNav(me: Me) -> impl IntoView {
    let runs = me.runs_program();
    let location = use_location();
    let link = move |href: &'static str, label: &'static str| {
        let current = move || location.pathname.get().starts_with(href);
        view! {
            <li>
                <A href=href attr:aria-current=move || current().then_some("page")>
                    {label}
                </A>
            </li>
        }
    };
    view! {
        <nav class="sidenav" aria-label="Main menu">
            <ul>
                {link("/overview", "Overview")}
                {link("/my-day", "My day")}
                {link("/timetrack", "TimeTrack")}
                {link("/scores", "Scoring")}
                {runs.then(|| link("/sessions", "Sessions"))}
                {runs.then(|| link("/meeting-rooms", "Meeting rooms"))}
                {runs.then(|| link("/applicants", "Applicants"))}
                {runs.then(|| link("/waitlists", "Waitlists"))}
                {runs.then(|| link("/releases", "Releases"))}
                {runs.then(|| link("/scoring-forms", "Scoring forms"))}
                {runs.then(|| link("/ranks", "Scores & ranks"))}
                {runs.then(|| link("/reports", "Reports"))}
                {runs.then(|| link("/staff", "Staff"))}
                {runs.then(|| link("/settings", "Settings"))}
                {runs.then(|| link("/reminders", "Reminders"))}
                {runs.then(|| link("/templates", "E-mail templates"))}
                {runs.then(|| link("/communications", "Communications"))}
                {runs.then(|| link("/audit", "Audit log"))}
                {link("/notifications", "Notifications")}
            </ul>
        </nav>
    }
}
