//! An applicant creates their account with the e-mail of their application (written on the
//! server: `auth::pages`; after a sign-up the page's `?sent=true` says where the link went).

use super::frame::AuthFrame;
use super::from_query;
use crate::auth::pages::SignUpPage as SignUpScreen;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let sent = from_query("sent");
    let html = load(
        move || (sent.get() == "true", reload.get()),
        |(sent, _)| call(SignUpScreen { sent }),
    );
    view! {
        <AuthFrame title="Create your account">
            <ServerPanel html reload/>
            <p class="auth-alt">
                "Already have an account? " <A href="/login">"Log in"</A>
            </p>
        </AuthFrame>
    }
}
