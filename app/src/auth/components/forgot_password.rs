//! "Forgot your password?" (written on the server: `auth::reset::pages`; after a request the
//! page's `?sent=true` says where the link went).

use super::frame::AuthFrame;
use super::from_query;
use crate::auth::reset::pages::ForgotPasswordPage as ForgotPasswordScreen;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let sent = from_query("sent");
    let html = load(
        move || (sent.get() == "true", reload.get()),
        |(sent, _)| call(ForgotPasswordScreen { sent }),
    );
    view! {
        <AuthFrame title="Forgot your password?">
            <ServerPanel html reload/>
            <p class="auth-alt">
                "Remembered it? " <A href="/login">"Log in"</A>
            </p>
        </AuthFrame>
    }
}
