//! Writing to a list, on the server: the list (the applicant list's filter, read strictly: a
//! status or session that is not one of the program's is refused under its field, never read
//! as "everyone"), the message checked (placeholders with their line and column), the preview
//! filled for the first recipient, and sending: one outbox message per applicant, in one
//! transaction with its audit line.

use super::types::SendListForm;
use crate::applicants::domain::Status;
use crate::applicants::list::query::ListQuery;
use crate::applicants::list::repo::ExportRow;
use crate::auth::ssr::Staff;
use crate::communications::messages::ssr::of_messages;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::mail::domain::render::{check, fill, Rendered};
use crate::mail::domain::{MailKind, Placeholder, Template, Values};
use crate::mail::ssr::{complete, send_written, Mail};
use crate::programs::domain::AuditAction;
use crate::server::AppState;
use crate::sessions::types::SessionSummary;

/// The longest subject and message taken (as a template's).
pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;

/// The applicants a filter chooses, in the list's order, and the program's sessions.
pub struct List {
    pub query: ListQuery,
    pub recipients: Vec<ExportRow>,
    pub sessions: Vec<SessionSummary>,
}

impl List {
    /// The list in words: "every applicant", "the Confirmed applicants in Day 1 matching “ana”".
    pub fn words(&self) -> String {
        let mut out = match self.query.status {
            Some(s) => format!("the {} applicants", s.label()),
            None => "every applicant".to_string(),
        };
        if let Some(s) = self
            .query
            .session
            .and_then(|id| self.sessions.iter().find(|s| s.id == id))
        {
            out.push_str(&format!(" of {} (booked in it, or chose it)", s.name));
        }
        if !self.query.search.is_empty() {
            out.push_str(&format!(" matching “{}”", self.query.search));
        }
        out
    }
}

/// The list the fields choose: a status or session that is not the program's is refused under
/// its field (a typo must never widen the list to everyone).
pub async fn list(
    state: &AppState,
    by: Staff,
    status: &str,
    session: &str,
    search: &str,
) -> AppResult<List> {
    let sessions = crate::applicants::ssr::sessions_of(state, by.program_id).await?;
    let status = match status.trim() {
        "" => None,
        s => Some(
            Status::parse(s)
                .ok_or_else(|| AppError::invalid("status", "Choose a status from the list."))?,
        ),
    };
    let session = match session.trim() {
        "" => None,
        s => Some(
            s.parse::<SessionId>()
                .ok()
                .filter(|id| sessions.iter().any(|x| x.id == *id))
                .ok_or_else(|| AppError::invalid("session", "Choose a session from the list."))?,
        ),
    };
    let mut query = ListQuery::parse("");
    query.status = status;
    query.session = session;
    // The list's own reading of a search: cut, cleaned of control characters.
    query.search = ListQuery::parse(&format!(
        "q={}",
        url::form_urlencoded::byte_serialize(search.as_bytes()).collect::<String>()
    ))
    .search;
    let recipients = state
        .repo
        .applicants_to_export(by.program_id, &query)
        .await?;
    Ok(List {
        query,
        recipients,
        sessions,
    })
}

/// The subject and message as sent: one line and several, each within its length, naming
/// only the placeholders a message to applicants has (refused under its field, with the line
/// and column of the first problem).
pub fn message(subject: &str, body: &str) -> AppResult<(Template, Template)> {
    let subject = crate::text::single_line(subject, "subject", SUBJECT_MAX, "Write a subject.")?;
    if body.trim().is_empty() {
        return Err(AppError::invalid("body", "Write the message."));
    }
    let body = crate::text::multi_line(body, "body", BODY_MAX)?;
    check(MailKind::OneOff, &subject, &body)
        .map_err(|(field, e)| AppError::invalid(field, e.to_string()))
}

/// The message to one recipient, with the values every one of them shares (`shared`).
fn mail_to(by: Staff, r: &ExportRow, sessions: &[SessionSummary], shared: &Values) -> Mail {
    let mut mail = Mail::new(MailKind::OneOff, Some(by.program_id), &r.email)
        .applicant(r.id, &r.name, &r.email);
    if let Some(s) = r
        .session_id
        .and_then(|id| sessions.iter().find(|s| s.id == id))
    {
        mail = mail.session(s);
    }
    for p in [Placeholder::Program, Placeholder::CoordinatorContact] {
        mail.values.or(p, || shared.get(p));
    }
    mail
}

/// The message filled for the list's first recipient (nothing is queued).
pub async fn preview(
    state: &AppState,
    by: Staff,
    list: &List,
    subject: &Template,
    body: &Template,
) -> AppResult<Option<Rendered>> {
    let Some(first) = list.recipients.first() else {
        return Ok(None);
    };
    let mut mail = mail_to(by, first, &list.sessions, &Values::default());
    let mut tx = state.repo.begin().await?;
    complete(state, &mut tx, &mut mail).await?;
    tx.rollback().await?;
    Ok(Some(fill(subject, body, &mail.values)))
}

/// Sends the message to every applicant of the list, as the preview showed it: one outbox
/// message each and one audit line, in one transaction. Answers what was done.
pub async fn send(state: &AppState, by: Staff, form: &SendListForm) -> AppResult<String> {
    let (subject, body) = message(&form.subject, &form.body)?;
    let list = list(state, by, &form.status, &form.session, &form.q).await?;
    let n = list.recipients.len();
    if n == 0 {
        return Err(AppError::Invalid {
            field: None,
            message: "No applicant matches this list: choose another before sending.".into(),
        });
    }
    // The form sends the count its preview showed; a script may leave it out.
    let expected = form.expected.trim();
    if !expected.is_empty() && expected != n.to_string() {
        return Err(AppError::Conflict(format!(
            "The list changed since the preview: it now holds {}. Check the preview, then send.",
            applicants(n)
        )));
    }
    let mut tx = state.repo.begin_write().await?;
    // The values all share, read once (not once per recipient).
    let mut shared = Mail::new(MailKind::OneOff, Some(by.program_id), "");
    complete(state, &mut tx, &mut shared).await?;
    for r in &list.recipients {
        let mail = mail_to(by, r, &list.sessions, &shared.values);
        send_written(state, &mut tx, mail, &subject, &body).await?;
    }
    let who = applicants(n);
    let reason = format!(
        "“{}” to {}",
        form.subject
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        list.words()
    );
    let line = of_messages(by, AuditAction::SentToList, &who, Some(&reason));
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(format!("Sent to {who}: queued in the outbox."))
}

/// "1 applicant", "12 applicants".
pub fn applicants(n: usize) -> String {
    match n {
        1 => "1 applicant".into(),
        n => format!("{n} applicants"),
    }
}
