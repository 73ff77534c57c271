//! The housekeeping job: deletes rows whose stored time has passed (expired login sessions and
//! e-mailed links, failed logins no limit counts any more, mail delivered more than
//! `KEEP_SENT_MAIL_DAYS` ago). It runs at start and then every hour, reading the time from the
//! server's clock, so a test moves that clock instead of waiting; on several instances each one
//! runs it, and a delete that finds nothing costs nothing.

use app::db::housekeeping::{Cutoffs, Swept};
use app::server::AppState;
use std::time::Duration;

/// How often the job runs after the first time.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Failed logins are kept at least this long (longer when the login window is longer), so a
/// lock-out stays explainable for a day.
const KEEP_FAILURES_MS: i64 = 24 * 60 * 60 * 1000;

/// What goes now, by the server's clock and configuration.
pub fn cutoffs(state: &AppState) -> Cutoffs {
    let now = state.clock.now().timestamp_millis();
    let window_ms = state.config.login_limits.window_minutes * 60_000;
    let keep_mail_ms = i64::from(state.config.keep_sent_mail_days) * 24 * 60 * 60 * 1000;
    Cutoffs {
        now,
        failures_before: now - window_ms.max(KEEP_FAILURES_MS),
        sent_mail_before: now - keep_mail_ms,
    }
}

/// One run: deletes what is past its time and says what went.
pub async fn sweep(state: &AppState) -> Result<Swept, sqlx::Error> {
    let swept = state.repo.sweep(cutoffs(state)).await?;
    if swept.total() > 0 {
        tracing::info!(
            login_sessions = swept.login_sessions,
            email_tokens = swept.email_tokens,
            login_failures = swept.login_failures,
            sent_mail = swept.sent_mail,
            "housekeeping: deleted rows past their time"
        );
    }
    Ok(swept)
}

/// Runs [`sweep`] now and then every [`EVERY`], for as long as the server runs.
pub async fn run(state: AppState) {
    loop {
        if let Err(e) = sweep(&state).await {
            tracing::warn!(error = %e, "housekeeping: a run failed (tried again in an hour)");
        }
        tokio::time::sleep(EVERY).await;
    }
}
