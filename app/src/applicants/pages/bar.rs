//! The bar above the list: what it shows (a `get` form: its fields are the page's query, so a
//! view can be linked and Back keeps it; it works without script) and what to do with the
//! selection (the bulk form, whose tick boxes are the list's rows, `form="bulk"`).

use super::BulkApplicants;
use crate::applicants::domain::Status;
use crate::applicants::list::query::{ListQuery, SortBy, SEARCH_MAX};
use crate::sessions::types::SessionSummary;
use crate::ui::{html_of, message_line, refusal, Field, SelectField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn bar_html(q: &ListQuery, matching: u64, sessions: &[SessionSummary]) -> String {
    html_of(view! {
        {view_form(q, sessions)}
        {bulk_form(q, matching, sessions)}
    })
}

fn none() -> Signal<Option<crate::error::AppError>> {
    Signal::stored(None)
}

/// Filter, search and order.
fn view_form(q: &ListQuery, sessions: &[SessionSummary]) -> impl IntoView {
    let statuses: Vec<(String, String)> = Status::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let sessions: Vec<(String, String)> = sessions
        .iter()
        .map(|s| (s.id.to_string(), s.name.clone()))
        .collect();
    let sorts: Vec<(String, String)> = SortBy::ALL
        .iter()
        .map(|s| (s.key().to_string(), s.label().to_string()))
        .collect();
    let dirs = vec![
        ("asc".to_string(), "A to Z, oldest first".to_string()),
        ("desc".to_string(), "Z to A, newest first".to_string()),
    ];
    view! {
        <form method="get" action="/applicants" class="list-filters" aria-label="Which applicants to show">
            <Field
                label="Search"
                name="q"
                kind="search"
                hint="Part of a name, an e-mail address or an application id."
                value=q.search.clone()
                error=none()
            />
            <SelectField
                label="Status"
                name="status"
                options=statuses
                placeholder="Every status"
                selected=q.status.map(|s| s.as_str().to_string()).unwrap_or_default()
                error=none()
            />
            <SelectField
                label="Session"
                name="session"
                options=sessions
                placeholder="Every session"
                hint="Confirmed in it, or chose it."
                selected=q.session.map(|s| s.to_string()).unwrap_or_default()
                error=none()
            />
            <SelectField
                label="Sort by"
                name="sort"
                options=sorts
                selected=q.sort.key().to_string()
                error=none()
            />
            <SelectField
                label="Order"
                name="dir"
                options=dirs
                selected=if q.descending { "desc" } else { "asc" }.to_string()
                error=none()
            />
            <div class="list-filter-buttons">
                <button class="btn" type="submit">"Show"</button>
                <a class="btn btn-outline" href="/applicants">"Clear"</a>
            </div>
        </form>
        <p class="visually-hidden">{format!("A search keeps its first {SEARCH_MAX} characters.")}</p>
    }
}

/// What to do with the ticked rows, or with every applicant the filter matches.
fn bulk_form(q: &ListQuery, matching: u64, sessions: &[SessionSummary]) -> impl IntoView {
    let sessions: Vec<(String, String)> = sessions
        .iter()
        .map(|s| (s.id.to_string(), s.name.clone()))
        .collect();
    let filter = q.filter_query();
    let export = format!("/export/applicants.csv?{filter}");
    // The same filter is the list a one-off message goes to (Communications).
    let write = if filter.is_empty() {
        "/communications/send".to_string()
    } else {
        format!("/communications/send?{filter}")
    };
    let all = format!("Select all {matching} matching the filter");
    view! {
        <form
            id="bulk"
            method="post"
            action=BulkApplicants::PATH
            class="bulk-bar"
            aria-label="With the selected applicants"
            data-done-answer
        >
            <input type="hidden" name="bulk[filter]" value=filter/>
            <label class="check" for="bulk-all">
                <input type="checkbox" id="bulk-all" name="bulk[all_matching]" value="true"/>
                " "
                {all}
                <span class="muted small">" (not only the ticked rows, on every page)"</span>
            </label>
            <div class="bulk-buttons">
                <button class="btn btn-small" type="submit" name="bulk[action]" value="invite">
                    "Mark Invited & Ready"
                </button>
                <button class="btn btn-small" type="submit" name="bulk[action]" value="send">
                    "Send invitations"
                </button>
                <button class="btn btn-small btn-outline" type="submit" name="bulk[action]" value="withdraw">
                    "Withdraw"
                </button>
                <a class="btn btn-small btn-outline" href=export download>
                    {format!("Export {matching} as CSV")}
                </a>
                <a class="btn btn-small btn-outline" href=write>
                    {format!("Write to these {matching}")}
                </a>
            </div>
            <div class="bulk-move">
                <SelectField
                    label="Move confirmed ones to"
                    name="bulk[session]"
                    id="bulk-session"
                    options=sessions
                    placeholder="Choose a session"
                    error=refusal()
                />
                <Field
                    label="Reason (optional)"
                    name="bulk[reason]"
                    hint="Kept in each one's history, for withdrawing and moving."
                    error=refusal()
                />
                <button class="btn btn-small" type="submit" name="bulk[action]" value="move">
                    "Move"
                </button>
            </div>
            {message_line()}
        </form>
    }
}
