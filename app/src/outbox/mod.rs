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

/// Sends through an SMTP relay: `SMTP_URL` such as `smtp://user:pass@relay.example.org:587`
/// (the relay handles TLS onward), from the address in `MAIL_FROM`.
pub struct SmtpMailer {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let relay = parse_smtp_url(url)?;
        let mut builder =
            lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(relay.host)
                .port(relay.port);
        if let Some((user, password)) = relay.credentials {
            builder = builder.credentials(
                lettre::transport::smtp::authentication::Credentials::new(user, password),
            );
        }
        let transport = builder.build();
        let from = from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
        Ok(Self { transport, from })
    }
}

/// The parts of `smtp://[user:password@]host[:port]`.
#[derive(Debug, PartialEq, Eq)]
pub struct SmtpRelay {
    pub host: String,
    pub port: u16,
    pub credentials: Option<(String, String)>,
}

pub fn parse_smtp_url(url: &str) -> Result<SmtpRelay, String> {
    let rest = url
        .strip_prefix("smtp://")
        .ok_or("SMTP_URL must look like smtp://user:password@host:port")?;
    let rest = rest.trim_end_matches('/');
    let (credentials, host_port) = match rest.rsplit_once('@') {
        Some((creds, hp)) => {
            let (user, password) = creds
                .split_once(':')
                .ok_or("SMTP_URL: credentials are user:password")?;
            (Some((user.to_string(), password.to_string())), hp)
        }
        None => (None, rest),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse().map_err(|_| format!("SMTP_URL: bad port {p:?}"))?,
        ),
        None => (host_port, 25),
    };
    if host.is_empty() {
        return Err("SMTP_URL: the host is missing".into());
    }
    Ok(SmtpRelay {
        host: host.to_string(),
        port,
        credentials,
    })
}

impl Mailer for SmtpMailer {
    fn send(
        &self,
        msg: &OutboxRow,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + '_>> {
        use lettre::AsyncTransport;
        let built = msg
            .to_email
            .parse()
            .map_err(|e| format!("recipient: {e}"))
            .and_then(|to| {
                lettre::Message::builder()
                    .from(self.from.clone())
                    .to(to)
                    .subject(msg.subject.clone())
                    .body(msg.body.clone())
                    .map_err(|e| e.to_string())
            });
        Box::pin(async move {
            self.transport
                .send(built?)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    }
}

impl Repo {
    pub async fn enqueue_email(
        &self,
        tx: &mut Tx,
        program_id: Option<crate::ids::ProgramId>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_are_read() {
        assert_eq!(
            parse_smtp_url("smtp://mailer:s3cret@relay.example.org:587").unwrap(),
            SmtpRelay {
                host: "relay.example.org".into(),
                port: 587,
                credentials: Some(("mailer".into(), "s3cret".into()))
            }
        );
        assert_eq!(
            parse_smtp_url("smtp://localhost").unwrap(),
            SmtpRelay {
                host: "localhost".into(),
                port: 25,
                credentials: None
            }
        );
        assert!(parse_smtp_url("http://x").is_err());
        assert!(parse_smtp_url("smtp://host:notaport").is_err());
    }
}
