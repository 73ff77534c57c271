//! The Applicants screen, written on the server as HTML for three [`crate::ui::ServerPanel`]s:
//! the add form; the bar above the list (filter, search and sort as a `get` form, so the view
//! lives in the address; "select all matching"; the bulk actions and the export), written
//! again when the address changes but never on a push, so a push never rewrites what is typed;
//! and the list itself (a page of 50 rows with each applicant's status, session, choices,
//! invitation and next action; written again on each live push). Their server functions sit
//! here beside the writers, which are compiled into the server only.

#[cfg(feature = "ssr")]
mod bar;
#[cfg(feature = "ssr")]
mod rows;
#[cfg(feature = "ssr")]
mod table;

use crate::applicants::list::types::BulkForm;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::AddApplicant,
    crate::ui::{html_of, message_line, refusal, refused_post, Field},
    leptos::server_fn::ServerFn,
};

/// Coordinators: one page of the applicant list; `query` is the page's address query
/// (`status=pending&q=ana&sort=email&page=2`), read leniently.
#[server(output = crate::codec::Compact, endpoint = "applicants-page")]
pub async fn applicants_screen(#[server(default)] query: String) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let page = super::list::ssr::list_page(&state, staff, &query).await?;
    Ok(table::list_html(page, refused_post()))
}

/// Coordinators: the bar above the list (filter, search, sort; bulk actions; export).
#[server(output = crate::codec::Compact, endpoint = "applicants-bar")]
pub async fn applicants_bar(#[server(default)] query: String) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let (query, matching, sessions) = super::list::ssr::bar(&state, staff, &query).await?;
    Ok(bar::bar_html(&query, matching, &sessions))
}

/// Coordinators: a bulk action on the ticked applicants of this program, or on every one the
/// filter matches; answers what changed and what was refused, for whom and why.
#[server(output = crate::codec::Compact, endpoint = "bulk-applicants")]
pub async fn bulk_applicants(bulk: BulkForm) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::list::ssr::bulk(&state, staff, bulk).await
}

/// Coordinators: the form that adds an applicant.
#[server(output = crate::codec::Compact, endpoint = "add-applicant-form")]
pub async fn add_applicant_form() -> Result<String, AppError> {
    crate::server::require_coordinator().await?;
    Ok(html_of(add_form()))
}

#[cfg(feature = "ssr")]
fn add_form() -> impl IntoView {
    view! {
        <form method="post" action=AddApplicant::PATH class="row-form" novalidate data-done="Added.">
            <Field label="Full name" name="name" error=refusal()/>
            <Field
                label="Email"
                name="email"
                kind="email"
                hint="The email of their application: it is how they log in."
                error=refusal()
            />
            <button class="btn btn-primary" type="submit">"Add applicant"</button>
            {message_line()}
        </form>
    }
}
