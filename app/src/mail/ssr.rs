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
pub async fn complete(state: &AppState, tx: &mut Tx, mail: &mut Mail) -> AppResult<()> {
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
