//! Queries of password reset: requests counted per e-mail and per client address.

use crate::auth::domain::LoginFailures;
use crate::db::{now_ms, Repo, Tx};

impl Repo {
    /// Counts the reset requests since `since` for the e-mail and for the client address, then
    /// records this one (and forgets those older than `since`: the table holds one window).
    pub async fn count_and_record_reset_request(
        &self,
        tx: &mut Tx,
        account: &str,
        client: &str,
        since: i64,
    ) -> Result<LoginFailures, sqlx::Error> {
        sqlx::query("DELETE FROM password_reset_requests WHERE at <= $1")
            .bind(since)
            .execute(&mut **tx)
            .await?;
        let asked: LoginFailures = sqlx::query_as(
            "SELECT
                (SELECT COUNT(*) FROM password_reset_requests WHERE account = $1) AS by_account,
                (SELECT COUNT(*) FROM password_reset_requests WHERE client = $2) AS by_client",
        )
        .bind(account)
        .bind(client)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO password_reset_requests (account, client, at) VALUES ($1, $2, $3)",
        )
        .bind(account)
        .bind(client)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(asked)
    }
}
