//! Writing to a list, written on the server: which applicants (the applicant list's filter),
//! the message (a `get` form sent as a field changes, like the Templates page, so the preview
//! and a placeholder problem beside its field follow what is typed), the preview filled for the
//! first recipient with "This goes to N applicants", and "Send".

use super::types::{SendListForm, SendListQuery};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::ssr::{applicants, List},
    crate::applicants::domain::Status,
    crate::mail::domain::{MailKind, Rendered},
    crate::ui::{html_of, message_line, refusal, Field, SelectField},
    leptos::server_fn::ServerFn,
};

/// Coordinators: the page that writes to a list, as the query chooses.
#[server(output = crate::codec::Compact, endpoint = "send-list-page")]
pub async fn send_list_screen(#[server(flatten)] query: SendListQuery) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    use super::ssr::{list, message, preview};
    let list = match list(&state, staff, &query.status, &query.session, &query.q).await {
        Ok(l) => l,
        // A list that is not one is written back with its refusal under the field.
        Err(e @ AppError::Invalid { .. }) => return Ok(page_html(&query, None, Err(e))),
        Err(e) => return Err(e),
    };
    let written = !query.subject.trim().is_empty() || !query.body.trim().is_empty();
    let filled = match message(&query.subject, &query.body) {
        Ok((s, b)) => Ok(preview(&state, staff, &list, &s, &b).await?),
        Err(e) if written => Err(e),
        Err(_) => Ok(None),
    };
    Ok(page_html(&query, Some(&list), filled))
}

/// Coordinators: the message sent to every applicant of the list (one outbox message each);
/// refused when the list no longer holds as many as the preview said.
#[server(output = crate::codec::Compact, endpoint = "send-to-list")]
pub async fn send_to_list(send: SendListForm) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::send(&state, staff, &send).await
}

/// The problem of `field`: a refused post's (carried in the address), else the text's as typed.
#[cfg(feature = "ssr")]
fn problem(field: &str, typed: Option<&AppError>) -> Option<String> {
    [refusal().get_untracked().as_ref(), typed]
        .into_iter()
        .flatten()
        .find_map(|e| match e {
            AppError::Invalid {
                field: Some(f),
                message,
            } if f == field => Some(message.clone()),
            _ => None,
        })
}

#[cfg(feature = "ssr")]
fn page_html(
    q: &SendListQuery,
    list: Option<&List>,
    filled: Result<Option<Rendered>, AppError>,
) -> String {
    let typed = filled.as_ref().err();
    let none: Signal<Option<AppError>> = Signal::stored(None);
    let listed: Signal<Option<AppError>> = Signal::stored(typed.cloned());
    let statuses: Vec<(String, String)> = Status::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let sessions: Vec<(String, String)> = list
        .map(|l| {
            l.sessions
                .iter()
                .map(|s| (s.id.to_string(), s.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let text = |name: &'static str,
                label: &'static str,
                value: String,
                rows: Option<&'static str>| {
        let id = format!("field-{name}");
        let err_id = format!("{id}-error");
        let problem = problem(name, typed);
        let invalid = problem.is_some();
        let input = match rows {
            None => view! {
                <input id=id.clone() name=name type="text" value=value aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| err_id.clone())/>
            }
            .into_any(),
            Some(rows) => view! {
                <textarea id=id.clone() name=name rows=rows aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| err_id.clone())>{value}</textarea>
            }
            .into_any(),
        };
        view! {
            <div class="field" class:field-invalid=invalid>
                <label for=id>{label}</label>
                {input}
                <p class="field-error" id=err_id aria-live="polite">{problem}</p>
            </div>
        }
    };
    let editor = view! {
        <form method="get" action="/communications/send" class="stack" data-submit-on-input aria-label="The list and the message">
            <fieldset class="send-list-filter">
                <legend>"Who it goes to"</legend>
                <SelectField label="Status" name="status" options=statuses placeholder="Every status" selected=q.status.clone() error=listed/>
                <SelectField
                    label="Session"
                    name="session"
                    options=sessions
                    placeholder="Every session"
                    hint="Booked in it, or chose it."
                    selected=q.session.clone()
                    error=listed
                />
                <Field label="Search" name="q" kind="search" hint="Part of a name, an e-mail address or an application id." value=q.q.clone() error=none/>
            </fieldset>
            {text("subject", "Subject", q.subject.clone(), None)}
            {text("body", "Message", q.body.clone(), Some("10"))}
            <div class="actions">
                <button class="btn btn-outline" type="submit">"Preview"</button>
            </div>
        </form>
    };
    let preview = list.map(|l| preview_html(q, l, filled.as_ref().ok().and_then(Option::as_ref)));
    html_of(view! {
        <div class="templates-layout send-list-layout">
            <section class="card" aria-labelledby="send-heading">
                <h2 id="send-heading">"The message"</h2>
                {editor}
            </section>
            <div class="stack">
                {preview}
                {crate::communications::pages::placeholders_card(
                    MailKind::OneOff,
                    "Write one between double braces; each is filled for every recipient (the session ones are empty for an applicant without a session).",
                )}
            </div>
        </div>
    })
}

/// How many it goes to, who first, the message filled for them, and "Send".
#[cfg(feature = "ssr")]
fn preview_html(q: &SendListQuery, l: &List, filled: Option<&Rendered>) -> impl IntoView {
    let n = l.recipients.len();
    let count = if n == 0 {
        format!("No applicant matches this list ({}).", l.words())
    } else {
        format!("This goes to {}: {}.", applicants(n), l.words())
    };
    let names: Vec<String> = l
        .recipients
        .iter()
        .take(3)
        .map(|r| r.name.clone())
        .collect();
    let who = (n > 0).then(|| {
        let more = n.saturating_sub(names.len());
        let mut said = names.join(", ");
        if more > 0 {
            said.push_str(&format!(" and {more} more"));
        }
        view! { <p class="muted small" data-testid="send-names">{said}</p> }
    });
    let body = match (filled, l.recipients.first()) {
        (Some(r), Some(first)) => view! {
            <p class="muted">{format!("Filled for {} <{}>, the first of them.", first.name, first.email)}</p>
            <dl class="mail-preview">
                <dt>"Subject"</dt>
                <dd data-testid="preview-subject">{r.subject.clone()}</dd>
                <dt>"Message"</dt>
                <dd><pre class="mail-body" data-testid="preview-body">{r.shown.clone()}</pre></dd>
            </dl>
            <form method="post" action=SendToList::PATH class="actions send-list-send" data-done-answer data-after="/communications?kind=one_off">
                <input type="hidden" name="send[status]" value=q.status.clone()/>
                <input type="hidden" name="send[session]" value=q.session.clone()/>
                <input type="hidden" name="send[q]" value=q.q.clone()/>
                <input type="hidden" name="send[subject]" value=q.subject.clone()/>
                <input type="hidden" name="send[body]" value=q.body.clone()/>
                <input type="hidden" name="send[expected]" value=n.to_string()/>
                <button class="btn btn-primary" type="submit">{format!("Send to {}", applicants(n))}</button>
                {message_line()}
            </form>
        }
        .into_any(),
        (None, Some(_)) => view! {
            <p class="muted" data-testid="preview-none">"Write a subject and a message (with the placeholders right) to see it filled for the first recipient."</p>
        }
        .into_any(),
        (_, None) => view! {
            <p class="muted">"Choose another status, session or search: nobody would get this message."</p>
        }
        .into_any(),
    };
    view! {
        <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">"Preview"</h2>
            <p data-testid="send-count"><strong>{count}</strong></p>
            {who}
            {body}
        </section>
    }
}
