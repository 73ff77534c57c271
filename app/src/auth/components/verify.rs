//! Confirm the e-mail of a sign-up (the link's page; written on the server: `auth::pages`).

use super::frame::AuthFrame;
use super::from_query;
use crate::auth::pages::VerifyPage as VerifyScreen;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let token = from_query("token");
    let html = load(
        move || (token.get(), reload.get()),
        |(token, _)| call(VerifyScreen { token }),
    );
    view! {
        <AuthFrame title="Confirm your email">
            <p class="muted">"One click and your account is ready."</p>
            <ServerPanel html reload/>
        </AuthFrame>
    }
}
