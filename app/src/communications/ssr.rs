//! Sending a kind of message: rendered from the program's template (or the default) and queued
//! in the outbox in the caller's transaction. Callers build a [`Mail`] and call [`send`]; the
//! outbox worker delivers it after the commit (wake it with `state.outbox_wake`).

use super::domain::render::{fill, render, Rendered, Values};
use super::domain::{MailKind, Placeholder, Template};
use super::repo::Queued;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId, UserId};
use crate::server::AppState;
use crate::sessions::domain::{clock, long_date};
use crate::sessions::types::SessionSummary;

/// A message to send: its kind, recipient, whom it is about and its values.
#[derive(Debug, Clone)]
pub struct Mail {
    pub kind: MailKind,
    pub program: Option<ProgramId>,
    pub to: String,
    pub applicant: Option<ApplicantId>,
    pub user: Option<UserId>,
    pub values: Values,
}

impl Mail {
    /// A message of `kind` to `to`, of `program` (`None`: the account messages).
    pub fn new(kind: MailKind, program: Option<ProgramId>, to: &str) -> Self {
        Self {
            kind,
            program,
            to: to.to_string(),
            applicant: None,
            user: None,
            values: Values::default(),
        }
    }

    /// About (and to) an applicant: their id, name and e-mail.
    pub fn applicant(mut self, id: ApplicantId, name: &str, email: &str) -> Self {
        self.applicant = Some(id);
        self.values.set(Placeholder::ApplicantName, name);
        self.values.set(Placeholder::ApplicantEmail, email);
        self
    }

    /// To a person with an account (staff, or the account messages).
    pub fn user(mut self, id: Option<UserId>, name: &str) -> Self {
        self.user = id;
        if !name.is_empty() {
            self.values.set(Placeholder::RecipientName, name);
        }
        self
    }

    pub fn with(mut self, p: Placeholder, value: impl Into<String>) -> Self {
        self.values.set(p, value);
        self
    }

    /// The session's name, date and time (in its zone).
    pub fn session(self, s: &SessionSummary) -> Self {
        let (name, date, time) = session_words(s);
        self.with(Placeholder::SessionName, name)
            .with(Placeholder::SessionDate, date)
            .with(Placeholder::SessionTime, time)
    }
}

/// A session's name, date and time in words ("9:00 AM – 12:00 PM America/New_York").
pub fn session_words(s: &SessionSummary) -> (String, String, String) {
    (
        s.name.clone(),
        long_date(s.date),
        format!("{} – {} {}", clock(s.start), clock(s.end), s.time_zone),
    )
}

/// The values every message may use, filled where the caller left them out: the portal's
/// links, the program's name and contact, and the fallbacks (the recipient is the applicant;
/// the applicant's time is the session's when their zone is unknown).
async fn complete(state: &AppState, tx: &mut Tx, mail: &mut Mail) -> AppResult<()> {
    let url = state.config.public_url.trim_end_matches('/').to_string();
    let v = &mut mail.values;
    v.or(Placeholder::PortalLink, || Some(format!("{url}/login")));
    v.or(Placeholder::SignUpLink, || Some(format!("{url}/signup")));
    v.or(Placeholder::MyProgramsLink, || {
        Some(format!("{url}/my-programs"))
    });
    v.or(Placeholder::TimetrackLink, || {
        Some(format!("{url}/timetrack"))
    });
    v.or(Placeholder::ItineraryLink, || {
        Some(format!("{url}/my-programs"))
    });
    let applicant = v.get(Placeholder::ApplicantName);
    v.or(Placeholder::RecipientName, || applicant);
    let time = v.get(Placeholder::SessionTime);
    v.or(Placeholder::SessionTimeApplicant, || time);
    if let Some(program) = mail.program {
        if mail.values.get(Placeholder::Program).is_none() {
            let name: Option<(String,)> = sqlx::query_as("SELECT name FROM programs WHERE id = $1")
                .bind(program)
                .fetch_optional(&mut **tx)
                .await?;
            if let Some((name,)) = name {
                mail.values.set(Placeholder::Program, name);
            }
        }
        if mail.values.get(Placeholder::CoordinatorContact).is_none() {
            if let Some(c) = state.repo.coordinator_contact(tx, program).await? {
                mail.values.set(Placeholder::CoordinatorContact, c);
            }
        }
    }
    Ok(())
}

/// Renders `mail` from its program's template for its kind (or the default) and queues it in
/// the outbox, in the caller's transaction. Returns the outbox row's id.
pub async fn send(state: &AppState, tx: &mut Tx, mut mail: Mail) -> AppResult<i64> {
    complete(state, tx, &mut mail).await?;
    let own = match (mail.program, mail.kind.editable()) {
        (Some(p), true) => state.repo.mail_template(tx, p, mail.kind).await?,
        _ => None,
    };
    let r = render(
        mail.kind,
        own.as_ref().map(|(s, b)| (s.as_str(), b.as_str())),
        &mail.values,
    )
    .ok_or_else(|| {
        tracing::error!(
            kind = mail.kind.as_str(),
            "communications: a kind without a template"
        );
        AppError::Internal
    })?;
    queue(state, tx, &mail, &r).await
}

/// Queues a message written whole by its sender (a coordinator's message to a list): its
/// placeholders filled like a template's, its HTML part written from it.
pub async fn send_written(
    state: &AppState,
    tx: &mut Tx,
    mut mail: Mail,
    subject: &Template,
    body: &Template,
) -> AppResult<i64> {
    complete(state, tx, &mut mail).await?;
    let r = fill(subject, body, &mail.values);
    queue(state, tx, &mail, &r).await
}

/// Puts the rendered `mail` in the outbox.
async fn queue(state: &AppState, tx: &mut Tx, mail: &Mail, r: &Rendered) -> AppResult<i64> {
    let id = state
        .repo
        .queue_mail(
            tx,
            &Queued {
                program_id: mail.program,
                kind: mail.kind,
                to: &mail.to,
                applicant: mail.applicant,
                user: mail.user,
                subject: &r.subject,
                body: &r.body,
                html: &r.html,
                shown: &r.shown,
            },
        )
        .await?;
    Ok(id)
}

/// What a template of `kind` would say to a real applicant of the program (its first; sample
/// words where the program has none yet), for the Templates page's preview. The values no
/// applicant carries (a link, the details the portal writes) are examples, said as such.
pub async fn preview_values(
    state: &AppState,
    program: ProgramId,
    kind: MailKind,
) -> AppResult<(Values, Option<String>)> {
    let first: Option<(ApplicantId, String, String, Option<crate::ids::SessionId>)> =
        sqlx::query_as(
            "SELECT id, name, email, session_id FROM applicants WHERE program_id = $1 ORDER BY id LIMIT 1",
        )
        .bind(program)
        .fetch_optional(state.repo.pool())
        .await?;
    let mut tx = state.repo.pool().begin().await?;
    let mut mail = Mail::new(kind, Some(program), "");
    let mut who = None;
    if let Some((id, name, email, session)) = first {
        mail = mail.applicant(id, &name, &email);
        if let Some(s) = session {
            if let Some(row) = state.repo.session_in(&mut *tx, program, s).await? {
                mail = mail.session(&crate::sessions::ssr::summary(row));
            }
        }
        who = Some(format!("{name} <{email}>"));
    }
    let url = state.config.public_url.trim_end_matches('/');
    let examples = [
        (Placeholder::ApplicantName, "Ana Example".to_string()),
        (Placeholder::ApplicantEmail, "ana@example.org".to_string()),
        (
            Placeholder::SessionName,
            "Interview Day 1 (example)".to_string(),
        ),
        (
            Placeholder::SessionDate,
            "Monday, January 12, 2026".to_string(),
        ),
        (
            Placeholder::SessionTime,
            "9:00 AM – 12:00 PM America/New_York".to_string(),
        ),
        (
            Placeholder::PreviousSession,
            "Interview Day 2 (example)".to_string(),
        ),
        (
            Placeholder::ResponseDeadline,
            "Friday, January 9, 2026".to_string(),
        ),
        (Placeholder::Role, "an interviewer".to_string()),
        (
            Placeholder::ActionLink,
            format!("{url}/set-password?token=example"),
        ),
        (Placeholder::LinkExpires, "7 days".to_string()),
        (
            Placeholder::Details,
            "- Example line the portal writes".to_string(),
        ),
    ];
    for (p, v) in examples {
        mail.values.or(p, || Some(v));
    }
    complete(state, &mut tx, &mut mail).await?;
    tx.rollback().await?;
    Ok((mail.values, who))
}

/// Coordinators: saves the program's subject and body for `kind`, refused beside the field
/// with the first placeholder problem (its line and column).
pub async fn save_template(
    state: &AppState,
    by: crate::auth::ssr::Staff,
    kind: &str,
    subject: &str,
    body: &str,
) -> AppResult<()> {
    let kind = editable_kind(kind)?;
    if subject.trim().is_empty() {
        return Err(AppError::invalid("subject", "Write a subject."));
    }
    if subject.chars().count() > SUBJECT_MAX || subject.chars().any(char::is_control) {
        return Err(AppError::invalid(
            "subject",
            format!("A subject is one line of at most {SUBJECT_MAX} characters."),
        ));
    }
    if body.trim().is_empty() {
        return Err(AppError::invalid("body", "Write the message."));
    }
    if body.chars().count() > BODY_MAX {
        return Err(AppError::invalid(
            "body",
            format!("Keep the message under {BODY_MAX} characters."),
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(AppError::invalid(
            "body",
            "The message holds a control character.",
        ));
    }
    super::domain::render::check(kind, subject, body)
        .map_err(|(field, e)| AppError::invalid(field, e.to_string()))?;
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .save_mail_template(
            &mut tx,
            by.program_id,
            kind,
            subject,
            &body.replace("\r\n", "\n"),
            by.user_id,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: the program sends the portal's default for `kind` again.
pub async fn reset_template(
    state: &AppState,
    by: crate::auth::ssr::Staff,
    kind: &str,
) -> AppResult<()> {
    let kind = editable_kind(kind)?;
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .reset_mail_template(&mut tx, by.program_id, kind)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The longest subject and body taken.
pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;

/// A kind a program may write its own template for, from its word.
pub fn editable_kind(word: &str) -> AppResult<MailKind> {
    MailKind::parse(word.trim())
        .filter(|k| k.editable())
        .ok_or_else(|| AppError::invalid("kind", "Choose a kind of message from the list."))
}
