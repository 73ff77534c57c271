//! A person's own account (`/account`: name, e-mail and login sessions, applicants and staff
//! alike, in the applicant's narrow frame) and the page of the link that confirms a new e-mail
//! (in the account pages' calm frame). Both are written on the server ([`super::pages`]).

use super::pages::{AccountPage as AccountScreen, EmailChangePage as EmailChangeScreen};
use crate::auth::components::{from_query, AuthFrame};
use crate::shell::ApplicantShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;

/// Applicants and staff: their own account.
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

/// The page an e-mailed link to confirm a new address opens.
#[component]
pub fn EmailChangePage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let token = from_query("token");
    let done = from_query("done");
    let html = load(
        move || (token.get(), done.get() == "true", reload.get()),
        |(token, done, _)| call(EmailChangeScreen { token, done }),
    );
    view! {
        <AuthFrame title="Confirm your new email">
            <ServerPanel html reload/>
        </AuthFrame>
    }
}
