//! Set a password (the page of a set-password link; written on the server: `auth::pages`).

use super::frame::AuthFrame;
use super::from_query;
use crate::auth::pages::SetPasswordPage as SetPasswordScreen;
use crate::ui::{call, load, ServerPanel};
use leptos::prelude::*;

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let token = from_query("token");
    let html = load(
        move || (token.get(), reload.get()),
        |(token, _)| call(SetPasswordScreen { token }),
    );
    view! {
        <AuthFrame title="Set your password">
            <ServerPanel html reload/>
        </AuthFrame>
    }
}
