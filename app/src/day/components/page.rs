use leptos::prelude::*;
#[component]
pub fn SessionDayPage() -> impl IntoView { view! { <p>"day"</p> } }
