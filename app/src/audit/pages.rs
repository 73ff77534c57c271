//! The audit log written on the server as HTML: the program's page (the filter, the lines in
//! time order, newest first, paged, the CSV export) for a [`crate::ui::ServerPanel`], and one
//! applicant's history, which the applicant's page embeds ([`history`]).

use super::types::AuditFilter;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::domain::{kind_label, pages, sentence},
    super::ssr::AuditPage,
    super::types::Entry,
    crate::auth::ssr::Staff,
    crate::ids::ApplicantId,
    crate::server::AppState,
    crate::ui::{html_of, Badge, Field, SelectField, Table},
    chrono_tz::Tz,
};

/// Coordinators, managers and directors: the program's audit log, as the filter chooses.
#[server(output = crate::codec::Compact, endpoint = "audit-page")]
pub async fn audit_screen(#[server(flatten)] filter: AuditFilter) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    match super::ssr::page(&state, staff, &filter).await {
        Ok(page) => Ok(audit_html(&filter, Some(&page), None)),
        // A filter that is not one is written back with its refusal under the field.
        Err(e @ AppError::Invalid { .. }) => Ok(audit_html(&filter, None, Some(e))),
        Err(e) => Err(e),
    }
}

/// One applicant's history, newest first, as a section of their page (coordinators: `by` is
/// one). The applicant's page calls it.
#[cfg(feature = "ssr")]
pub async fn history(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
) -> Result<AnyView, AppError> {
    let (entries, zone) = super::ssr::applicant_history(state, by, applicant).await?;
    Ok(history_section(applicant, &entries, zone).into_any())
}

/// The history section of one applicant: each change with when, who, from, to and why.
#[cfg(feature = "ssr")]
pub fn history_section(applicant: ApplicantId, entries: &[Entry], zone: Tz) -> impl IntoView {
    let list = if entries.is_empty() {
        view! { <p class="muted">"No changes recorded yet."</p> }.into_any()
    } else {
        view! {
            <ol class="audit-history">
                {entries.iter().map(|e| view! {
                    <li>
                        <time class="muted small">{when(e.at_ms, zone)}</time>
                        " "
                        <Badge text=kind_label(&e.action)/>
                        <p>{sentence(e)}</p>
                    </li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="card audit-history-card" aria-labelledby="applicant-history">
            <div class="card-head">
                <h2 id="applicant-history">"History"</h2>
                <a class="btn btn-small btn-outline" href=format!("/audit?applicant={applicant}")>
                    "Open in the audit log"
                </a>
            </div>
            {list}
        </section>
    }
}

/// An instant as staff read it in the program's zone ("Dec 3, 9:12 AM EST").
#[cfg(feature = "ssr")]
fn when(at_ms: i64, zone: Tz) -> String {
    chrono::DateTime::from_timestamp_millis(at_ms)
        .map(|t| crate::sessions::domain::stamp_in(t, zone))
        .unwrap_or_default()
}

/// The page: the filter, then the lines (or the filter's refusal under its field).
#[cfg(feature = "ssr")]
pub fn audit_html(f: &AuditFilter, page: Option<&AuditPage>, refused: Option<AppError>) -> String {
    let error: Signal<Option<AppError>> = Signal::stored(refused);
    let people = page.map(|p| p.people.clone()).unwrap_or_default();
    let kinds = page.map(|p| p.kinds.clone()).unwrap_or_default();
    let form = view! {
        <form method="get" class="audit-filter" aria-label="Filter the audit log">
            <SelectField
                label="Person"
                name="person"
                placeholder="Everyone"
                options=people.into_iter().map(|(id, name)| (id.to_string(), name)).collect()
                selected=f.person.clone()
                error
            />
            <SelectField label="Kind" name="kind" placeholder="Every kind" options=kinds selected=f.kind.clone() error/>
            <Field label="From" name="from" kind="date" value=f.from.clone() error/>
            <Field label="To" name="to" kind="date" value=f.to.clone() error/>
            {(!f.applicant.trim().is_empty())
                .then(|| view! { <input type="hidden" name="applicant" value=f.applicant.trim().to_string()/> })}
            <button class="btn" type="submit">"Show"</button>
        </form>
    };
    let body = page.map(|p| lines(f, p));
    html_of(view! { {form} {body} })
}

/// The lines of one page with their count, the export and the pages around it.
#[cfg(feature = "ssr")]
fn lines(f: &AuditFilter, p: &AuditPage) -> impl IntoView {
    let query = f.query();
    let export = if query.is_empty() {
        "/export/audit.csv".to_string()
    } else {
        format!("/export/audit.csv?{query}")
    };
    let last = pages(p.total);
    let page = p.criteria.page.min(last);
    let counted = match p.total {
        1 => "1 change".to_string(),
        n => format!("{n} changes"),
    };
    let about = p.applicant.clone().map(|name| {
        view! {
            <p class="audit-about">
                "About " <strong>{name}</strong> " · "
                <a href=link(&AuditFilter { applicant: String::new(), ..f.clone() }, 1)>"Show every applicant"</a>
            </p>
        }
    });
    let rows = p
        .entries
        .iter()
        .map(|e| {
            view! {
                <tr>
                    <td data-label="When">{when(e.at_ms, p.zone)}</td>
                    <td data-label="Kind"><Badge text=kind_label(&e.action)/></td>
                    <td data-label="What happened">{sentence(e)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = if p.entries.is_empty() {
        view! { <p class="muted" data-testid="no-audit">"No changes match the filter."</p> }
            .into_any()
    } else {
        view! { <Table columns=&["When", "Kind", "What happened"]>{rows}</Table> }.into_any()
    };
    view! {
        {about}
        <div class="card-head">
            <p class="muted" data-testid="audit-count">
                {counted} {(last > 1).then(|| format!(" · page {page} of {last}"))}
            </p>
            <a class="btn" href=export download="audit.csv">"Export CSV"</a>
        </div>
        {table}
        {(last > 1).then(|| view! {
            <nav class="pager" aria-label="Pages of the audit log">
                {(page > 1).then(|| view! { <a href=link(f, page - 1) rel="prev">"Newer"</a> })}
                <span>{format!("Page {page} of {last}")}</span>
                {(page < last).then(|| view! { <a href=link(f, page + 1) rel="next">"Older"</a> })}
            </nav>
        })}
    }
}

/// The audit page's address for a filter and a page.
#[cfg(feature = "ssr")]
fn link(f: &AuditFilter, page: i64) -> String {
    let query = f.query();
    match (query.is_empty(), page) {
        (true, 1) => "/audit".into(),
        (true, n) => format!("/audit?page={n}"),
        (false, 1) => format!("/audit?{query}"),
        (false, n) => format!("/audit?{query}&page={n}"),
    }
}
