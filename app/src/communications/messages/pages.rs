//! The Communications page written on the server: the program's messages (the filter as a
//! `get` form, so a view is a link; the lines newest first, paged; the count of those the
//! outbox gave up on, with "Resend all failed" and its confirm step), and one message whole
//! (its parts as sent, secret links hidden, and sending it again).

use super::types::MessagesFilter;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::domain::{listed_kinds, messages, PAGE_SIZE},
    super::repo::{Listed, Message},
    super::ssr::{held_secret_link, MessagesPage},
    crate::mail::domain::MessageState,
    crate::mail::repo::MessageLine,
    crate::ui::{html_of, message_line, Badge, Field, Notice, NoticeKind, SelectField},
    chrono_tz::Tz,
    leptos::server_fn::ServerFn,
};

/// The confirm step of "Resend all failed", as the address asks for it.
pub const CONFIRM_RESEND: &str = "resend-failed";

/// Coordinators, managers and directors: the program's messages, as the filter chooses.
#[server(output = crate::codec::Compact, endpoint = "communications-page")]
pub async fn communications_screen(
    #[server(flatten)] filter: MessagesFilter,
) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    match super::ssr::page(&state, staff, &filter).await {
        Ok(page) => Ok(list_html(&filter, Some(&page), None)),
        // A filter that is not one is written back with its refusal under the field.
        Err(e @ AppError::Invalid { .. }) => Ok(list_html(&filter, None, Some(e))),
        Err(e) => Err(e),
    }
}

/// Coordinators of the message's program: one message, whole.
#[server(output = crate::codec::Compact, endpoint = "message-page")]
pub async fn message_screen(id: i64) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let (message, zone) = super::ssr::message(&state, staff, id).await?;
    Ok(message_html(&message, zone))
}

/// Coordinators of the message's program: a failed, bounced or retrying message queued again
/// now; a sent one sent again as a new message. Answers what was done.
#[server(output = crate::codec::Compact, endpoint = "resend-message")]
pub async fn resend_message(id: i64) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::resend(&state, staff, id).await
}

/// Coordinators: every message of the program the outbox gave up on, queued again now.
#[server(output = crate::codec::Compact, endpoint = "resend-failed")]
pub async fn resend_failed() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::resend_failed(&state, staff).await
}

/// An instant as staff read it, in the program's zone ("Dec 3, 9:12 AM EST").
#[cfg(feature = "ssr")]
pub fn at(ms: i64, zone: Tz) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| crate::sessions::domain::stamp_in(t, zone))
        .unwrap_or_default()
}

/// A state's badge: its word, and a colour beside it.
#[cfg(feature = "ssr")]
pub fn state_badge(state: MessageState) -> impl IntoView {
    view! { <Badge tone=state.tone() text=state.label()/> }
}

/// What a state means for this message, in a short line under its badge.
#[cfg(feature = "ssr")]
pub fn state_note(m: &MessageLine, zone: Tz) -> String {
    match m.state() {
        MessageState::Sent => format!("Sent {}", at(m.sent_at.unwrap_or_default(), zone)),
        MessageState::Queued => "Goes out in a moment".into(),
        MessageState::Retrying => format!("Next try {}", at(m.next_attempt_at, zone)),
        MessageState::Failed => format!("Gave up after {} attempts", m.attempts),
        MessageState::Bounced => "Refused by the relay".into(),
    }
}

#[cfg(feature = "ssr")]
fn list_html(f: &MessagesFilter, page: Option<&MessagesPage>, refused: Option<AppError>) -> String {
    let error: Signal<Option<AppError>> = Signal::stored(refused);
    let kinds: Vec<(String, String)> = listed_kinds()
        .into_iter()
        .map(|k| (k.as_str().to_string(), k.label().to_string()))
        .collect();
    let states: Vec<(String, String)> = MessageState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let form = view! {
        <form method="get" action="/communications" class="messages-filter" aria-label="Filter the messages">
            <Field
                label="Person"
                name="person"
                hint="Part of a name or an e-mail address."
                value=f.person.clone()
                error
            />
            <Field label="Search" name="q" kind="search" hint="Part of the subject or the address." value=f.q.clone() error/>
            <SelectField label="Kind" name="kind" placeholder="Every kind" options=kinds selected=f.kind.clone() error/>
            <SelectField label="State" name="state" placeholder="Every state" options=states selected=f.state.clone() error/>
            <Field label="From" name="from" kind="date" value=f.from.clone() error/>
            <Field label="To" name="to" kind="date" value=f.to.clone() error/>
            {(!f.applicant.trim().is_empty())
                .then(|| view! { <input type="hidden" name="applicant" value=f.applicant.trim().to_string()/> })}
            <div class="list-filter-buttons">
                <button class="btn" type="submit">"Show"</button>
                <a class="btn btn-outline" href="/communications">"Clear"</a>
            </div>
        </form>
    };
    let body = page.map(|p| lines(f, p));
    html_of(view! { {form} {body} })
}

/// The count, what was not delivered (with "Resend all failed" and its confirm), the lines and
/// the pages.
#[cfg(feature = "ssr")]
fn lines(f: &MessagesFilter, p: &MessagesPage) -> impl IntoView {
    let first = (p.page - 1) * PAGE_SIZE + 1;
    let counted = match p.total {
        0 => "No messages".to_string(),
        n if n <= PAGE_SIZE => messages(n),
        n => format!(
            "{first}–{} of {}",
            first + p.messages.len() as i64 - 1,
            messages(n)
        ),
    };
    let about = p.applicant.clone().map(|name| {
        let all = MessagesFilter {
            applicant: String::new(),
            ..f.clone()
        };
        view! {
            <p class="audit-about" data-testid="messages-about">
                "To and about " <strong>{name}</strong> " · "
                <a href=all.link(1, "")>"Show every message"</a>
            </p>
        }
    });
    let confirm = (f.confirm == CONFIRM_RESEND).then(|| confirm_html(f, p));
    let given_up = p.failed + p.bounced;
    let undelivered = (given_up > 0 && confirm.is_none()).then(|| {
        let failed_only = MessagesFilter {
            state: "failed".into(),
            ..MessagesFilter::default()
        };
        let bounced_only = MessagesFilter {
            state: "bounced".into(),
            ..MessagesFilter::default()
        };
        view! {
            <div class="alert alert-warn messages-undelivered" role="note" data-testid="undelivered">
                <p>
                    <strong>{format!("{} not delivered. ", messages(given_up))}</strong>
                    {(p.failed > 0).then(|| view! {
                        <a href=failed_only.link(1, "")>{format!("{} failed", p.failed)}</a>
                        " (the outbox gave up after its last attempt)"
                    })}
                    {(p.failed > 0 && p.bounced > 0).then_some(", ")}
                    {(p.bounced > 0).then(|| view! {
                        <a href=bounced_only.link(1, "")>{format!("{} bounced", p.bounced)}</a>
                        " (refused by the relay)"
                    })}
                    "."
                </p>
                <a class="btn btn-small" href=f.link(p.page, &format!("confirm={CONFIRM_RESEND}"))>
                    "Resend all failed…"
                </a>
            </div>
        }
    });
    let rows = p.messages.iter().map(|m| row(m, p.zone)).collect_view();
    let table = if p.messages.is_empty() {
        let empty = if f.query().is_empty() {
            "No messages yet: what the portal sends for this program is listed here."
        } else {
            "No message matches this filter."
        };
        view! { <p class="muted" data-testid="no-messages">{empty}</p> }.into_any()
    } else {
        view! {
            <table class="table messages-table">
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"To"</th>
                        <th scope="col">"Subject"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"State"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let (page, last) = (p.page, p.pages);
    view! {
        {about}
        {confirm}
        {undelivered}
        <p class="small muted" data-testid="messages-count">
            {counted} {(last > 1).then(|| format!(" · page {page} of {last}"))} " · newest first"
        </p>
        {table}
        {(last > 1).then(|| view! {
            <nav class="pager" aria-label="Pages of the messages">
                {(page > 1).then(|| view! { <a class="btn btn-small btn-outline" href=f.link(page - 1, "") rel="prev">"‹ Newer"</a> })}
                <span class="small" aria-current="page">{format!("Page {page} of {last}")}</span>
                {(page < last).then(|| view! { <a class="btn btn-small btn-outline" href=f.link(page + 1, "") rel="next">"Older ›"</a> })}
            </nav>
        })}
    }
}

#[cfg(feature = "ssr")]
fn row(m: &Listed, zone: Tz) -> impl IntoView {
    let l = &m.line;
    let state = l.state();
    let href = format!("/communications/messages/{}", l.id);
    let answer = l
        .last_error
        .clone()
        .filter(|_| {
            matches!(
                state,
                MessageState::Retrying | MessageState::Failed | MessageState::Bounced
            )
        })
        .map(|e| view! { <span class="small muted message-answer">{shorten(&e, 90)}</span> });
    view! {
        <tr>
            <td data-label="When" class="nowrap">{at(l.created_at, zone)}</td>
            <td data-label="To">
                {m.name.clone().map(|n| view! { <span class="message-name">{n}</span> })}
                <span class="small muted message-address">{l.to_email.clone()}</span>
            </td>
            <td data-label="Subject"><a href=href>{l.subject.clone()}</a></td>
            <td data-label="Kind">{l.kind.label()}</td>
            <td data-label="State" data-testid="message-state">
                {state_badge(state)}
                <span class="small message-note">{state_note(l, zone)}</span>
                {answer}
            </td>
        </tr>
    }
}

/// `text` cut to about `max` characters, with an ellipsis when cut.
#[cfg(feature = "ssr")]
fn shorten(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// "Resend all failed": how many, what it does, and the button; once done, what it did.
#[cfg(feature = "ssr")]
fn confirm_html(f: &MessagesFilter, p: &MessagesPage) -> impl IntoView {
    let n = p.failed + p.bounced;
    let back = f.link(p.page, "");
    let body = if n == 0 {
        view! {
            <p data-testid="resend-none">"No failed message is left to resend: every message is sent or on its way."</p>
        }
        .into_any()
    } else {
        let bounced = (p.bounced > 0).then(|| {
            view! {
                <p>
                    {if p.bounced == 1 {
                        "1 of them bounced: the relay refused it for good. It goes to the same address again; if that was wrong, correct the applicant's e-mail and send them a new message instead.".to_string()
                    } else {
                        format!("{} of them bounced: the relay refused them for good. They go to the same addresses again; where one was wrong, correct the applicant's e-mail and send them a new message instead.", p.bounced)
                    }}
                </p>
            }
        });
        let queued = if n == 1 {
            "It is queued again now and goes out in the next moments.".to_string()
        } else {
            format!("The {n} are queued again now, each to its own recipient, and go out in the next moments.")
        };
        view! {
            <p>{queued}</p>
            {bounced}
        }
        .into_any()
    };
    view! {
        <section class="messages-confirm" aria-labelledby="resend-heading">
            <h2 id="resend-heading">{if n == 0 { "Resend all failed".to_string() } else { format!("Resend {} that failed?", messages(n)) }}</h2>
            {body}
            <form method="post" action=ResendFailed::PATH class="actions" data-done-answer>
                {(n > 0).then(|| view! {
                    <button class="btn btn-primary" type="submit">{format!("Resend {}", messages(n))}</button>
                })}
                <a class="btn btn-outline" href=back>{if n == 0 { "Back to the messages" } else { "Cancel" }}</a>
                {message_line()}
            </form>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn message_html(m: &Message, zone: Tz) -> String {
    let l = &m.listed.line;
    let state = l.state();
    let to = match (&m.listed.name, l.applicant_id) {
        (Some(name), Some(a)) => view! {
            <a href=format!("/applicants/{a}")>{name.clone()}</a>
            " <" {l.to_email.clone()} ">"
        }
        .into_any(),
        (Some(name), None) => format!("{name} <{}>", l.to_email).into_any(),
        (None, _) => l.to_email.clone().into_any(),
    };
    let fact = |term: &'static str, value: Option<String>| {
        value.map(|v| view! { <dt>{term}</dt><dd>{v}</dd> })
    };
    let explain = match state {
        MessageState::Bounced => Some((
            NoticeKind::Error,
            "The relay refused this message for good, so the portal stopped trying. Check the address; resend it once the relay should take it.".to_string(),
        )),
        MessageState::Failed => Some((
            NoticeKind::Error,
            format!("The portal gave up after {} attempts. Resend it to try again now.", l.attempts),
        )),
        MessageState::Retrying => Some((
            NoticeKind::Info,
            format!("An attempt failed; the portal tries again {}. Resend it to try now.", at(l.next_attempt_at, zone)),
        )),
        _ => None,
    }
    .map(|(kind, said)| view! { <Notice kind><p>{said}</p></Notice> });
    let shown = m
        .shown_body
        .clone()
        .unwrap_or_else(|| crate::mail::domain::render::redact(&m.body));
    let secret = held_secret_link(m);
    let action = match state {
        MessageState::Queued => view! {
            <p class="muted">"It is queued: it goes out in a moment."</p>
        }
        .into_any(),
        MessageState::Sent if secret => view! {
            <p class="muted">"It held a single-use link, so it is not sent again as it was: send a new link from where it came from (the Staff page, or the applicant's page)."</p>
        }
        .into_any(),
        MessageState::Sent => view! {
            <p class="muted">"Sending it again queues a copy as a new message to the same address; this one stays on record as sent."</p>
            <button class="btn" type="submit">"Send again"</button>
        }
        .into_any(),
        _ => view! {
            <p class="muted">"It is queued again now, to the same address, as this same message."</p>
            <button class="btn btn-primary" type="submit">"Resend now"</button>
        }
        .into_any(),
    };
    html_of(view! {
        <section class="card" aria-labelledby="message-subject">
            <div class="card-head">
                <h2 id="message-subject">{l.subject.clone()}</h2>
                <span data-testid="message-state">{state_badge(state)}</span>
            </div>
            {explain}
            <dl class="facts">
                <dt>"To"</dt>
                <dd>{to}</dd>
                <dt>"Kind"</dt>
                <dd>{l.kind.label()}</dd>
                <dt>"Queued"</dt>
                <dd>{at(l.created_at, zone)}</dd>
                {fact("Sent", l.sent_at.map(|t| at(t, zone)))}
                {fact(
                    if state == MessageState::Bounced { "Refused" } else { "Gave up" },
                    l.failed_at.filter(|_| l.sent_at.is_none()).map(|t| at(t, zone)),
                )}
                {fact("Next try", (state == MessageState::Retrying).then(|| at(l.next_attempt_at, zone)))}
                <dt>"Attempts"</dt>
                <dd>{l.attempts.to_string()}</dd>
                {l.last_error.clone().map(|e| view! {
                    <dt>"The relay's answer"</dt>
                    <dd><code class="message-error" data-testid="relay-answer">{e}</code></dd>
                })}
            </dl>
            <form method="post" action=ResendMessage::PATH class="message-actions" data-done-answer>
                <input type="hidden" name="id" value=l.id.to_string()/>
                {action}
                {message_line()}
            </form>
        </section>
        <section class="card" aria-labelledby="message-body">
            <h2 id="message-body">"The message as sent"</h2>
            <p class="muted small">"Secret links (sign-up, password) are hidden here; the recipient got them whole."</p>
            <pre class="mail-body" data-testid="message-body">{shown}</pre>
        </section>
    })
}
