//! Log in (written on the server: `auth::pages`).

use super::frame::AuthFrame;
use crate::auth::pages::LoginPage as LoginScreen;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn LoginPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(LoginScreen {}));
    view! {
        <AuthFrame title="Log in">
            <ServerPanel html reload/>
            <p class="auth-alt">
                "Invited to interview? "
                <A href="/signup">"Create your account"</A>
                " with the email of your application."
            </p>
        </AuthFrame>
    }
}
