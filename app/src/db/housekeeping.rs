//! Housekeeping's deletes: rows whose stored time says they are no longer needed (expired login
//! sessions and single-use links, old login failures, delivered mail). The server's
//! housekeeping job (`server/src/housekeeping.rs`) decides the times and runs them.

use super::Repo;

/// The times that decide what goes (UTC milliseconds, as stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// Login sessions and e-mailed links that expired before this go.
    pub now: i64,
    /// Failed logins before this go (they no longer count towards any limit).
    pub failures_before: i64,
    /// Mail delivered before this goes; mail not yet delivered always stays.
    pub sent_mail_before: i64,
}

/// How many rows of each kind went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub login_sessions: u64,
    pub email_tokens: u64,
    pub login_failures: u64,
    pub sent_mail: u64,
}

impl Swept {
    pub fn total(&self) -> u64 {
        self.login_sessions + self.email_tokens + self.login_failures + self.sent_mail
    }
}

impl Repo {
    /// Deletes what [`Cutoffs`] says is past its time; each delete is its own statement, so
    /// the job never holds SQLite's write lock for long.
    pub async fn sweep(&self, cut: Cutoffs) -> Result<Swept, sqlx::Error> {
        let delete = |sql: &'static str, before: i64| async move {
            sqlx::query(sql)
                .bind(before)
                .execute(self.pool())
                .await
                .map(|done| done.rows_affected())
        };
        Ok(Swept {
            login_sessions: delete("DELETE FROM login_sessions WHERE expires_at <= $1", cut.now)
                .await?,
            email_tokens: delete("DELETE FROM email_tokens WHERE expires_at <= $1", cut.now)
                .await?,
            login_failures: delete(
                "DELETE FROM login_failures WHERE at < $1",
                cut.failures_before,
            )
            .await?,
            sent_mail: delete(
                "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1",
                cut.sent_mail_before,
            )
            .await?,
        })
    }
}
