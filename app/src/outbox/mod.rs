//! The e-mail outbox: messages are queued in the same transaction as the change they announce,
//! and a background worker delivers each once, retrying with back-off on failure. Without an
//! SMTP relay configured, delivery writes the message to the server log (links included), which
//! is how a development machine reads its mail.

use crate::db::{now_ms, Repo, Tx};
use sqlx::FromRow;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub to_email: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Where messages go.
pub trait Mailer: Send + Sync + 'static {
    fn send(
        &self,
        msg: &OutboxRow,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + '_>>;
}

/// Writes each message to the log instead of sending it.
pub struct LogMailer;

impl Mailer for LogMailer {
    fn send(
        &self,
        msg: &OutboxRow,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + '_>> {
        let line = format!(
            "to: {}\nsubject: {}\n\n{}",
            msg.to_email, msg.subject, msg.body
        );
        Box::pin(async move {
            tracing::info!(target: "outbox", "e-mail (no SMTP configured):\n{line}");
            Ok(())
        })
    }
}

impl Repo {
    pub async fn enqueue_email(
        &self,
        tx: &mut Tx,
        program_id: Option<i64>,
        to: &str,
        subject: &str,
        body: &str,
    ) -> Result<(), sqlx::Error> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO outbox (program_id, to_email, subject, body, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(program_id)
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Claims up to `limit` due messages by pushing their next attempt into the future, so that
    /// a second server instance does not send them too.
    pub async fn claim_due_emails(&self, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
            "SELECT id, to_email, subject, body, attempts FROM outbox
             WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2{}",
            match self.backend() {
                crate::db::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
                crate::db::Backend::Sqlite => "",
            }
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        for row in &rows {
            sqlx::query("UPDATE outbox SET next_attempt_at = $1 WHERE id = $2")
                .bind(now + 60_000)
                .bind(row.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(rows)
    }

    pub async fn mark_email_sent(&self, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn mark_email_failed(
        &self,
        id: i64,
        attempts: i64,
        error: &str,
    ) -> Result<(), sqlx::Error> {
        // Back off: 30 s, 1 min, 2 min … at most an hour.
        let delay = (30_000i64 << attempts.clamp(0, 7)).min(3_600_000);
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
        )
        .bind(error)
        .bind(now_ms() + delay)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

/// Delivers what is due, then sleeps until woken or for a few seconds (retries come due).
pub async fn run_worker(repo: Repo, mailer: Arc<dyn Mailer>, wake: Arc<tokio::sync::Notify>) {
    loop {
        match repo.claim_due_emails(20).await {
            Ok(rows) => {
                for row in rows {
                    match mailer.send(&row).await {
                        Ok(()) => {
                            if let Err(e) = repo.mark_email_sent(row.id).await {
                                tracing::error!(error = %e, "outbox: could not mark sent");
                            }
                        }
                        Err(e) => {
                            tracing::warn!(id = row.id, error = %e, "outbox: delivery failed");
                            if let Err(e) = repo.mark_email_failed(row.id, row.attempts, &e).await {
                                tracing::error!(error = %e, "outbox: could not record failure");
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::error!(error = %e, "outbox: could not read due messages"),
        }
        let _ = tokio::time::timeout(Duration::from_secs(5), wake.notified()).await;
    }
}
