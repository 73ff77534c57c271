//! The queries of communications: a program's templates, queuing a rendered message in the
//! outbox with its kind, person, HTML part and shown body, and an applicant's messages as their
//! page lists them (the Communications page's own queries are `communications::messages`).

use super::domain::{Delivery, MailKind, MessageState};
use crate::db::columns::IntFlag;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ApplicantId, ProgramId, UserId};
use sqlx::FromRow;

/// A message as a list shows it: whom to, what, of which kind, and where it stands.
#[derive(Debug, Clone, FromRow)]
pub struct MessageLine {
    pub id: i64,
    pub to_email: String,
    pub subject: String,
    pub kind: MailKind,
    pub applicant_id: Option<ApplicantId>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    #[sqlx(try_from = "IntFlag")]
    pub bounced: bool,
    pub attempts: i64,
    pub next_attempt_at: i64,
    /// The relay's last answer (or the mailer's reason), when an attempt failed.
    pub last_error: Option<String>,
}

impl MessageLine {
    pub fn state(&self) -> MessageState {
        MessageState::of(Delivery {
            sent_at: self.sent_at,
            failed_at: self.failed_at,
            bounced: self.bounced,
            attempts: self.attempts,
        })
    }
}

/// The outbox's columns a [`MessageLine`] reads (unqualified).
pub const MESSAGE_LINE_COLUMNS: &str = "id, to_email, subject, kind, applicant_id, created_at, \
     sent_at, failed_at, bounced, attempts, next_attempt_at, last_error";

/// A message ready for the outbox.
#[derive(Debug, Clone)]
pub struct Queued<'a> {
    pub program_id: Option<ProgramId>,
    pub kind: MailKind,
    pub to: &'a str,
    pub applicant: Option<ApplicantId>,
    pub user: Option<UserId>,
    pub subject: &'a str,
    pub body: &'a str,
    pub html: &'a str,
    /// The body with its secret links hidden.
    pub shown: &'a str,
}

impl Repo {
    /// The program's own subject and body for `kind`, if it wrote one.
    pub async fn mail_template(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        kind: MailKind,
    ) -> Result<Option<(String, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT subject, body FROM mail_templates WHERE program_id = $1 AND kind = $2",
        )
        .bind(program)
        .bind(kind)
        .fetch_optional(&mut **tx)
        .await
    }

    /// Every template the program wrote, by kind.
    pub async fn mail_templates(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(MailKind, String, String)>, sqlx::Error> {
        sqlx::query_as("SELECT kind, subject, body FROM mail_templates WHERE program_id = $1")
            .bind(program)
            .fetch_all(self.pool())
            .await
    }

    /// Writes the program's template for `kind` (replacing the one there).
    pub async fn save_mail_template(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        kind: MailKind,
        subject: &str,
        body: &str,
        by: UserId,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO mail_templates (program_id, kind, subject, body, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (program_id, kind)
             DO UPDATE SET subject = $3, body = $4, updated_by = $5, updated_at = $6",
        )
        .bind(program)
        .bind(kind)
        .bind(subject)
        .bind(body)
        .bind(by)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Removes the program's template for `kind`: the default is sent again. Whether there was one.
    pub async fn reset_mail_template(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        kind: MailKind,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("DELETE FROM mail_templates WHERE program_id = $1 AND kind = $2")
            .bind(program)
            .bind(kind)
            .execute(&mut **tx)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The program's contact for applicants: its first coordinator (else its first director or
    /// manager), as "Name <e-mail>".
    pub async fn coordinator_contact(
        &self,
        tx: &mut Tx,
        program: ProgramId,
    ) -> Result<Option<String>, sqlx::Error> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.program_id = $1 AND m.role <> 'interviewer'
             ORDER BY CASE m.role WHEN 'coordinator' THEN 0 WHEN 'director' THEN 1 ELSE 2 END,
                      m.created_at, u.id
             LIMIT 1",
        )
        .bind(program)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.map(|(name, email)| format!("{name} <{email}>")))
    }

    /// Queues `m` in the outbox, in the caller's transaction.
    pub async fn queue_mail(&self, tx: &mut Tx, m: &Queued<'_>) -> Result<i64, sqlx::Error> {
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO outbox (program_id, to_email, subject, body, created_at, next_attempt_at,
                                 kind, applicant_id, user_id, html_body, shown_body)
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(m.program_id)
        .bind(m.to)
        .bind(m.subject)
        .bind(m.body)
        .bind(now)
        .bind(m.kind)
        .bind(m.applicant)
        .bind(m.user)
        .bind(m.html)
        .bind(m.shown)
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// The newest `limit` messages about an applicant of `program`, newest first, and how many
    /// there are in all (an applicant's page lists them).
    pub async fn applicant_messages(
        &self,
        program: ProgramId,
        applicant: ApplicantId,
        limit: i64,
    ) -> Result<(Vec<MessageLine>, i64), sqlx::Error> {
        let lines: Vec<MessageLine> = sqlx::query_as(&format!(
            "SELECT {MESSAGE_LINE_COLUMNS} FROM outbox
             WHERE program_id = $1 AND applicant_id = $2 ORDER BY id DESC LIMIT $3"
        ))
        .bind(program)
        .bind(applicant)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let (total,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM outbox WHERE program_id = $1 AND applicant_id = $2",
        )
        .bind(program)
        .bind(applicant)
        .fetch_one(self.pool())
        .await?;
        Ok((lines, total))
    }
}
