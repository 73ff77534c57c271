//! A person's own account: name, e-mail and login sessions (written on the server:
//! `auth::account::pages`). Applicants and staff alike, in the applicant's narrow frame.

use crate::auth::account::pages::AccountPage as AccountScreen;
use crate::shell::ApplicantShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(AccountScreen {}));
    view! {
        <Title text="Your account · Interview Portal"/>
        <ApplicantShell>
            <PageHeader title="Your account" lead="Your name, the email you log in with, and where you are logged in."/>
            <ServerPanel html reload/>
        </ApplicantShell>
    }
}
