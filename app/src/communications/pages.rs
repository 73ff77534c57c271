//! The Templates page written on the server: the kinds a program may write, the editor of one
//! (subject and body), the placeholders it may name, and a preview filled with a real applicant
//! of the program. The editor is a `get` form sent as one types (a pause), so the preview (and a
//! placeholder problem, beside its field) follows what is typed; "Save" posts the text in the fields (`data-copy-from`).

use super::types::TemplatesQuery;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::mail::domain::{render::check, MailKind, Placeholder, Template},
    crate::ui::{html_of, message_line, refusal},
    leptos::server_fn::ServerFn,
};

/// Coordinators: the Templates page, as the query chooses.
#[server(output = crate::codec::Compact, endpoint = "templates-page")]
pub async fn templates_screen(
    #[server(flatten)] query: TemplatesQuery,
) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let kind = if query.kind.trim().is_empty() {
        MailKind::Invitation
    } else {
        super::ssr::editable_kind(&query.kind)?
    };
    let saved: Vec<(MailKind, String, String)> =
        state.repo.mail_templates(staff.program_id).await?;
    let own = saved
        .iter()
        .find(|t| t.0 == kind)
        .map(|t| (t.1.clone(), t.2.clone()));
    let (default_subject, default_body) = kind.default_template().unwrap_or_default();
    let (stored_subject, stored_body) = own
        .clone()
        .unwrap_or_else(|| (default_subject.to_string(), default_body.to_string()));
    let subject = if query.subject.is_empty() {
        stored_subject.clone()
    } else {
        query.subject.clone()
    };
    let body = if query.body.is_empty() {
        stored_body.clone()
    } else {
        query.body.clone()
    };
    // Not saved yet: the text in the fields is not the text the program sends.
    let editing = subject != stored_subject || body.replace("\r\n", "\n") != stored_body;
    let (values, who) = super::ssr::preview_values(&state, staff.program_id, kind).await?;
    let customised: Vec<MailKind> = saved.iter().map(|t| t.0).collect();
    Ok(page_html(Editor {
        kind,
        subject,
        body,
        own: own.is_some(),
        editing,
        customised,
        values,
        who,
    }))
}

/// Coordinators: saves the program's text for a kind.
#[server(endpoint = "save-template")]
pub async fn save_template(kind: String, subject: String, body: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_template(&state, staff, &kind, &subject, &body).await
}

/// Coordinators: a kind goes back to the portal's default text.
#[server(endpoint = "reset-template")]
pub async fn reset_template(kind: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::reset_template(&state, staff, &kind).await
}

#[cfg(feature = "ssr")]
struct Editor {
    kind: MailKind,
    subject: String,
    body: String,
    own: bool,
    editing: bool,
    customised: Vec<MailKind>,
    values: crate::mail::domain::Values,
    who: Option<String>,
}

/// A field's problem: the refused save's (from the address), else the text's as typed.
#[cfg(feature = "ssr")]
fn problem(field: &str, live: &Option<(&'static str, String)>) -> Option<String> {
    match refusal().get_untracked() {
        Some(AppError::Invalid {
            field: Some(f),
            message,
        }) if f == field => Some(message),
        _ => live
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone()),
    }
}

#[cfg(feature = "ssr")]
fn page_html(e: Editor) -> String {
    let kinds = MailKind::ALL
        .iter()
        .filter(|k| k.editable())
        .map(|k| {
            let current = (*k == e.kind).then_some("page");
            let own = e.customised.contains(k).then(|| view! { <span class="muted small">" · your text"</span> });
            view! {
                <li>
                    <a href=format!("/templates?kind={}", k.as_str()) aria-current=current>{k.label()}</a>
                    {own}
                </li>
            }
        })
        .collect_view();
    let live = check(e.kind, &e.subject, &e.body)
        .err()
        .map(|(f, err)| (f, err.to_string()));
    let subject_problem = problem("subject", &live);
    let body_problem = problem("body", &live);
    let preview = match (Template::parse(&e.subject), Template::parse(&e.body)) {
        (Ok(s), Ok(b)) if live.is_none() => {
            let r = crate::mail::domain::render::fill(&s, &b, &e.values);
            view! {
                <dl class="mail-preview">
                    <dt>"Subject"</dt>
                    <dd data-testid="preview-subject">{r.subject}</dd>
                    <dt>"Message"</dt>
                    <dd><pre class="mail-body" data-testid="preview-body">{r.shown}</pre></dd>
                </dl>
            }
            .into_any()
        }
        _ => view! { <p class="muted" data-testid="preview-none">"The preview returns once the placeholders are right."</p> }.into_any(),
    };
    let who = match &e.who {
        Some(w) => {
            format!("Filled with {w}, the program's first applicant; secret links are hidden.")
        }
        None => "The program has no applicant yet: filled with sample words.".to_string(),
    };
    let state_line = match (e.own, e.editing) {
        (_, true) => "Not saved yet: the preview shows the text as typed.",
        (true, false) => "This program sends its own text for this kind.",
        (false, false) => "This program sends the portal's default text for this kind.",
    };
    let field = |name: &'static str,
                 label: &'static str,
                 value: String,
                 problem: Option<String>,
                 rows: Option<&'static str>| {
        let id = format!("field-{name}");
        let err_id = format!("{id}-error");
        let invalid = problem.is_some();
        let input = match rows {
            None => view! {
                <input id=id.clone() name=name type="text" value=value aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| err_id.clone())/>
            }.into_any(),
            Some(rows) => view! {
                <textarea id=id.clone() name=name rows=rows aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| err_id.clone())>{value}</textarea>
            }.into_any(),
        };
        view! {
            <div class="field" class:field-invalid=invalid>
                <label for=id>{label}</label>
                {input}
                <p class="field-error" id=err_id aria-live="polite">{problem}</p>
            </div>
        }
    };
    let kind_word = e.kind.as_str();
    html_of(view! {
        <div class="templates-layout">
            <nav class="card" aria-label="Kinds of message">
                <h2>"Messages"</h2>
                <ul class="plain-list">{kinds}</ul>
            </nav>
            <div class="stack">
                <section class="card" aria-labelledby="template-heading">
                    <h2 id="template-heading">{e.kind.label()}</h2>
                    <p class="muted" data-testid="template-state">{state_line}</p>
                    <form method="get" class="stack" id="template-editor" data-submit-on-input aria-label="Edit the message">
                        <input type="hidden" name="kind" value=kind_word/>
                        {field("subject", "Subject", e.subject.clone(), subject_problem, None)}
                        {field("body", "Message", e.body.clone(), body_problem, Some("12"))}
                        <noscript><button class="btn" type="submit">"Preview"</button></noscript>
                    </form>
                    <form method="post" action=SaveTemplate::PATH class="actions" data-copy-from="template-editor" data-done="Template saved." data-after=format!("/templates?kind={kind_word}")>
                        <input type="hidden" name="kind" value=kind_word/>
                        <input type="hidden" name="subject" value=e.subject.clone()/>
                        <input type="hidden" name="body" value=e.body.clone()/>
                        <button class="btn btn-primary" type="submit">"Save this text"</button>
                        {message_line()}
                    </form>
                    {e.own.then(|| view! {
                        <form method="post" action=ResetTemplate::PATH class="actions" data-done="Back to the default." data-after=format!("/templates?kind={kind_word}")>
                            <input type="hidden" name="kind" value=kind_word/>
                            <button class="btn btn-outline" type="submit">"Reset to the default"</button>
                            {message_line()}
                        </form>
                    })}
                </section>
                <section class="card" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">"Preview"</h2>
                    <p class="muted">{who}</p>
                    {preview}
                </section>
                {placeholders_card(e.kind, "Write one between double braces; each is filled for every recipient.")}
            </div>
        </div>
    })
}

/// The card that lists the placeholders a message of `kind` may name, with what each holds
/// (the Templates page and writing to a list).
#[cfg(feature = "ssr")]
pub(super) fn placeholders_card(kind: MailKind, note: &'static str) -> impl IntoView {
    let items = kind
        .placeholders()
        .into_iter()
        .map(|p: Placeholder| view! { <li><code>{format!("{{{{{}}}}}", p.word())}</code>" — "{p.meaning()}</li> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="placeholders-heading">
            <h2 id="placeholders-heading">"Placeholders"</h2>
            <p class="muted">{note}</p>
            <ul class="plain-list">{items}</ul>
        </section>
    }
}
