//! Confirm a new e-mail (the link's page; written on the server: `auth::account::pages`).

use super::frame::AuthFrame;
use super::from_query;
use crate::auth::account::pages::EmailChangePage as EmailChangeScreen;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;

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
