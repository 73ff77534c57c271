//! The calm, centred frame of the account pages.

use leptos::prelude::*;
use leptos_meta::Title;

/// The frame of the pages a person sees before they are logged in: the brand, a title, the form.
#[component]
pub fn AuthFrame(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=format!("{title} · Interview Portal")/>
        <main class="auth" id="main">
            <div class="auth-card">
                <p class="brand brand-large">
                    <span class="brand-mark" aria-hidden="true">"IP"</span>
                    "Interview Portal"
                </p>
                <h1>{title}</h1>
                {children()}
            </div>
        </main>
    }
}
