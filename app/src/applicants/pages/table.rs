//! The list panel: a page of applicants under headers that sort it, and the links to the other
//! pages. Every link keeps the address's filter, so a link or Back shows the same view.

use super::rows::applicant_row;
use crate::applicants::list::query::{ListQuery, SortBy, PAGE_SIZE};
use crate::applicants::list::ssr::ListPage;
use crate::ui::{html_of, RefusedPost};
use leptos::prelude::*;

/// The list; a refused row action is written in its row (its form's fields come back with the
/// refusal, with script or without).
pub fn list_html(p: ListPage, refused: Option<RefusedPost>) -> String {
    if p.matching == 0 {
        let empty = if p.query.filter_query().is_empty() {
            "No applicants yet. Add them with the form, or import a file."
        } else {
            "No applicant matches this filter."
        };
        return html_of(view! { <p class="muted" data-testid="list-count">{empty}</p> });
    }
    let ListPage {
        rows,
        matching,
        page,
        pages,
        query,
        sessions,
        sent,
    } = p;
    let first = (page - 1) * PAGE_SIZE + 1;
    let last = first + rows.len() as u64 - 1;
    let count = format!("{first}–{last} of {matching}");
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let sent = sent.get(&r.applicant.id).cloned();
            applicant_row(n, r, sent, &sessions, refused.as_ref())
        })
        .collect_view();
    let header = |by: SortBy| sort_header(&query, by);
    html_of(view! {
        <p class="small muted" data-testid="list-count">{count}</p>
        <table class="table applicant-table">
            <thead>
                <tr>
                    <th scope="col" class="select-cell">
                        <span class="visually-hidden">"Select"</span>
                    </th>
                    {header(SortBy::Name)}
                    {header(SortBy::Status)}
                    {header(SortBy::Session)}
                    {header(SortBy::Choices)}
                    {header(SortBy::Sent)}
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {pager(&query, page, pages)}
    })
}

/// A column heading that sorts the list by it (the other way round when it already does).
fn sort_header(q: &ListQuery, by: SortBy) -> impl IntoView {
    let sorted = (q.sort == by).then_some(if q.descending {
        "descending"
    } else {
        "ascending"
    });
    let arrow = match sorted {
        Some("descending") => " ↓",
        Some(_) => " ↑",
        None => "",
    };
    let href = format!("/applicants?{}", q.sorted_by(by));
    let label = format!("Sort by {}", by.label().to_lowercase());
    view! {
        <th scope="col" aria-sort=sorted.unwrap_or("none")>
            <a href=href aria-label=label>{by.label()}{arrow}</a>
        </th>
    }
}

/// Links to the first, previous, next and last pages, and where this one is.
fn pager(q: &ListQuery, page: u64, pages: u64) -> impl IntoView {
    (pages > 1).then(|| {
        let link = |to: u64, text: &'static str, label: String| {
            let href = format!("/applicants?{}", q.on_page(to));
            (to != page).then(|| view! { <a class="btn btn-small btn-outline" href=href aria-label=label>{text}</a> })
        };
        view! {
            <nav class="pager" aria-label="Pages of the list">
                {link(1, "« First", "First page".into())}
                {(page > 1).then(|| link(page - 1, "‹ Previous", format!("Previous page, {}", page - 1)))}
                <span class="small" aria-current="page">{format!("Page {page} of {pages}")}</span>
                {(page < pages).then(|| link(page + 1, "Next ›", format!("Next page, {}", page + 1)))}
                {link(pages, "Last »", format!("Last page, {pages}"))}
            </nav>
        }
    })
}
