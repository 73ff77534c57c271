//! The heading of a page.

use leptos::prelude::*;

/// A page's title, with an optional eyebrow above it ("Session"), a lead paragraph under it,
/// and actions (`children`) beside it.
///
/// ```ignore
/// <PageHeader eyebrow="Session" title=s.name.clone() lead=when(&s)/>
/// ```
#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(optional)] eyebrow: Option<&'static str>,
    #[prop(optional, into)] lead: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                {eyebrow.map(|e| view! { <p class="eyebrow">{e}</p> })}
                <h1>{title}</h1>
                {lead.map(|l| view! { <p class="lead">{l}</p> })}
            </div>
            {children.map(|c| view! { <div class="page-actions">{c()}</div> })}
        </header>
    }
}
