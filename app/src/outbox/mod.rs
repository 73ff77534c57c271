//! The e-mail outbox: messages are queued in the same transaction as the change they announce,
//! and a background worker delivers each once, retrying with back-off on failure. It gives up on
//! a message the relay refuses for good (a permanent 5xx answer: marked failed at once, shown as
//! Bounced) and on one whose [`MAX_ATTEMPTS`]th attempt failed (shown as Failed); a coordinator
//! may queue either again from the Communications page. With `MAIL=log`
//! delivery writes the message to the server log (links included), which is how a development
//! machine reads its mail; the server decides which (server/src/startup.rs).

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
    /// The HTML part, written from `body` (messages queued from a template; `None` for plain ones).
    pub html_body: Option<String>,
    pub attempts: i64,
    pub created_at: i64,
}

/// The attempts after which the outbox gives up on a message (about three and a half hours of
/// back-off: 30 s, 1 min, 2 min … capped at an hour).
pub const MAX_ATTEMPTS: i64 = 10;

/// Why a delivery failed: the relay's answer (or the mailer's own reason), and whether it is
/// final (a permanent 5xx refusal, or a recipient that is no address: sending again the same
/// way cannot succeed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub message: String,
    pub permanent: bool,
}

impl SendError {
    /// A failure that may pass (a 4xx answer, a connection lost): tried again later.
    pub fn temporary(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            permanent: false,
        }
    }

    /// A refusal for good: the message is marked failed at once.
    pub fn permanent(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            permanent: true,
        }
    }
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What a delivery answers.
pub type Sending<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Where messages go.
pub trait Mailer: Send + Sync + 'static {
    fn send(&self, msg: &OutboxRow) -> Sending<'_>;
}

/// Writes each message to the log instead of sending it.
pub struct LogMailer;

impl Mailer for LogMailer {
    fn send(&self, msg: &OutboxRow) -> Sending<'_> {
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

/// Sends through an SMTP relay given in lettre's own URL form (`SMTP_URL`):
/// `smtps://user:password@host:465` (TLS from the first byte), `smtp://user:password@host:587?tls=required`
/// (STARTTLS, refused without it), or plain `smtp://host:25` for a relay on the same machine.
/// Certificates are checked against the system's store, plus the PEM certificates of
/// `SMTP_CA_FILE` (a private CA). From the address in `MAIL_FROM`.
pub struct SmtpMailer {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: &str, extra_ca_pem: Option<&[u8]>) -> Result<Self, String> {
        let mut builder = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP_URL: {e}"))?;
        if let Some(pem) = extra_ca_pem {
            builder = builder.tls(tls_trusting(url, pem)?);
        }
        let from = from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }
}

/// The TLS mode lettre reads from `url` (`smtps://` or `?tls=`), trusting `pem`'s certificates
/// beside the system's.
fn tls_trusting(url: &str, pem: &[u8]) -> Result<lettre::transport::smtp::client::Tls, String> {
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
        return Err("SMTP_CA_FILE holds no PEM certificate".into());
    }
    let url = url::Url::parse(url).map_err(|e| format!("SMTP_URL: {e}"))?;
    let host = url.host_str().ok_or("SMTP_URL: the host is missing")?;
    let cert = Certificate::from_pem(pem).map_err(|e| format!("SMTP_CA_FILE: {e}"))?;
    let tls = TlsParameters::builder(host.to_owned())
        .add_root_certificate(cert)
        .build()
        .map_err(|e| format!("SMTP_CA_FILE: {e}"))?;
    let mode = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    match (url.scheme(), mode.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(tls)),
        ("smtp", Some("required")) => Ok(Tls::Required(tls)),
        ("smtp", Some("opportunistic")) => Ok(Tls::Opportunistic(tls)),
        _ => Err("SMTP_CA_FILE is for a relay reached over TLS: SMTP_URL starts with smtps:// or ends with ?tls=required".into()),
    }
}

/// The message's `Message-ID`: the same for every attempt at one outbox row, so a message sent
/// again after a crash (sent, but not yet marked sent) is recognisably the same message; the
/// hash of the row's creation time and recipient keeps two installations' row 1 apart.
pub fn message_id(msg: &OutboxRow, from_domain: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{}/{}/{}", msg.id, msg.created_at, msg.to_email));
    format!(
        "<outbox-{}.{}@{from_domain}>",
        msg.id,
        &hex::encode(digest)[..16]
    )
}

impl Mailer for SmtpMailer {
    fn send(&self, msg: &OutboxRow) -> Sending<'_> {
        use lettre::AsyncTransport;
        // A recipient that is no address, or a message that cannot be written, never will be.
        let built = msg
            .to_email
            .parse()
            .map_err(|e| format!("recipient: {e}"))
            .and_then(|to| {
                let builder = lettre::Message::builder()
                    .from(self.from.clone())
                    .to(to)
                    .message_id(Some(message_id(msg, self.from.email.domain())))
                    .subject(msg.subject.clone());
                match &msg.html_body {
                    // Both parts, the plain text first: a reader shows the last it can.
                    Some(html) => {
                        builder.multipart(lettre::message::MultiPart::alternative_plain_html(
                            msg.body.clone(),
                            html.clone(),
                        ))
                    }
                    None => builder.body(msg.body.clone()),
                }
                .map_err(|e| e.to_string())
            })
            .map_err(SendError::permanent);
        Box::pin(async move {
            self.transport
                .send(built?)
                .await
                .map(|_| ())
                .map_err(|e| SendError {
                    permanent: refused_for_good(
                        e.is_permanent(),
                        e.status().map(|c| c.to_string()).as_deref(),
                    ),
                    message: e.to_string(),
                })
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

    /// Claims up to `limit` messages due at `now` by pushing their next attempt a minute into
    /// the future, so that a second server instance does not send them too. A claim held by an
    /// instance that died is taken up again when that minute is over.
    pub async fn claim_due_emails(
        &self,
        now: i64,
        limit: i64,
    ) -> Result<Vec<OutboxRow>, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
            "SELECT id, to_email, subject, body, html_body, attempts, created_at FROM outbox
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
             ORDER BY id LIMIT $2{}",
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

    pub async fn mark_email_sent(&self, id: i64, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a failed attempt (`attempts`: those before it) at `now`: tried again after a
    /// back-off, or given up on (a permanent refusal at once, anything after [`MAX_ATTEMPTS`]).
    pub async fn mark_email_failed(
        &self,
        id: i64,
        attempts: i64,
        error: &SendError,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let (next, failed) = next_attempt(now, attempts, error.permanent);
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
                               failed_at = $3, bounced = $4
             WHERE id = $5",
        )
        .bind(error.message.as_str())
        .bind(next)
        .bind(failed)
        .bind(i64::from(error.permanent))
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

/// Whether a relay's answer refuses the message for good: a permanent (5xx) answer, except
/// the 53x of logging in (a wrong password, TLS required), which is the relay's setting and not
/// the message's fault: it is retried like a passing failure, until the operator mends it.
pub fn refused_for_good(permanent: bool, code: Option<&str>) -> bool {
    permanent && !code.is_some_and(|c| c.starts_with("53"))
}

/// After a failed attempt (`attempts` made before it) at `now`: when to try again, and when it
/// was given up on (`Some(now)`: a permanent refusal, or the last attempt allowed).
pub fn next_attempt(now: i64, attempts: i64, permanent: bool) -> (i64, Option<i64>) {
    if permanent || attempts + 1 >= MAX_ATTEMPTS {
        return (now, Some(now));
    }
    // Back off: 30 s, 1 min, 2 min … at most an hour.
    let delay = (30_000i64 << attempts.clamp(0, 7)).min(3_600_000);
    (now + delay, None)
}

/// How many messages a worker claims at a time.
const BATCH: i64 = 20;

/// Delivers what is due, a batch at a time, batch after batch while they come full; then sleeps
/// until woken or for a few seconds (retries come due). `now` is the server's clock in
/// milliseconds (`ServerClock`, which tests move; the system's in production): when a message
/// is due, claimed, sent or tried again.
pub async fn run_worker(
    repo: Repo,
    mailer: Arc<dyn Mailer>,
    wake: Arc<tokio::sync::Notify>,
    now: impl Fn() -> i64 + Send + 'static,
) {
    loop {
        let claimed = match repo.claim_due_emails(now(), BATCH).await {
            Ok(rows) => rows,
            Err(e) => {
                tracing::error!(error = %e, "outbox: could not read due messages");
                Vec::new()
            }
        };
        let full = claimed.len() as i64 == BATCH;
        for row in claimed {
            match mailer.send(&row).await {
                Ok(()) => {
                    if let Err(e) = repo.mark_email_sent(row.id, now()).await {
                        tracing::error!(error = %e, "outbox: could not mark sent");
                    }
                }
                Err(e) => {
                    tracing::warn!(id = row.id, error = %e, permanent = e.permanent, "outbox: delivery failed");
                    if let Err(e) = repo
                        .mark_email_failed(row.id, row.attempts, &e, now())
                        .await
                    {
                        tracing::error!(error = %e, "outbox: could not record failure");
                    }
                }
            }
        }
        // A full batch: more may be waiting (a release's confirmations), so no sleep.
        if !full {
            let _ = tokio::time::timeout(Duration::from_secs(5), wake.notified()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, created_at: i64) -> OutboxRow {
        OutboxRow {
            id,
            to_email: "ana@example.org".into(),
            subject: "s".into(),
            body: "b".into(),
            html_body: None,
            attempts: 0,
            created_at,
        }
    }

    #[test]
    fn a_message_id_is_the_rows_own() {
        let id = message_id(&row(7, 1_000), "hospital.org");
        assert!(
            id.starts_with("<outbox-7.") && id.ends_with("@hospital.org>"),
            "{id}"
        );
        assert_eq!(id, message_id(&row(7, 1_000), "hospital.org"), "stable");
        assert_ne!(
            id,
            message_id(&row(7, 2_000), "hospital.org"),
            "another install's row 7"
        );
    }

    #[test]
    fn the_outbox_backs_off_then_gives_up() {
        assert_eq!(next_attempt(1_000, 0, false), (31_000, None));
        assert_eq!(next_attempt(1_000, 1, false), (61_000, None));
        assert_eq!(
            next_attempt(0, 8, false),
            (3_600_000, None),
            "an hour at most"
        );
        assert_eq!(
            next_attempt(5, MAX_ATTEMPTS - 1, false),
            (5, Some(5)),
            "the tenth failure is the last"
        );
        assert_eq!(
            next_attempt(5, 0, true),
            (5, Some(5)),
            "a permanent refusal at once"
        );
    }

    #[test]
    fn a_refused_recipient_bounces_a_refused_login_does_not() {
        assert!(refused_for_good(true, Some("550")));
        assert!(refused_for_good(true, Some("554")));
        assert!(refused_for_good(true, None));
        assert!(!refused_for_good(true, Some("535")), "a wrong password");
        assert!(
            !refused_for_good(true, Some("530")),
            "log-in or TLS required"
        );
        assert!(!refused_for_good(false, Some("451")));
    }

    #[test]
    fn a_recipient_that_is_no_address_is_refused_for_good() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mailer =
            rt.block_on(async { SmtpMailer::new("smtp://127.0.0.1:9", "a@b.org", None).unwrap() });
        let mut msg = row(1, 1);
        msg.to_email = "not an address".into();
        let e = rt.block_on(mailer.send(&msg)).unwrap_err();
        assert!(e.permanent && e.message.starts_with("recipient"), "{e:?}");
    }

    #[test]
    fn relay_urls_are_lettres() {
        assert!(SmtpMailer::new("smtps://u:p@smtp.example.org:465", "a@b.org", None).is_ok());
        assert!(
            SmtpMailer::new("smtp://smtp.example.org:587?tls=required", "a@b.org", None).is_ok()
        );
        assert!(SmtpMailer::new("http://x", "a@b.org", None).is_err());
        assert!(SmtpMailer::new("smtp://host:notaport", "a@b.org", None).is_err());
        let ca = b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
        assert!(SmtpMailer::new("smtp://localhost:25", "a@b.org", Some(ca)).is_err());
    }
}
