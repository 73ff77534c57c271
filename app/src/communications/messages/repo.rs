//! The Communications page's queries: a page of a program's messages as filtered (newest
//! first) and how many match, one message whole, and queuing messages again (the same row, or
//! a copy of a sent one). Every query names the program: another program's message is not
//! found. One portable SQL text for both databases; every value bound.

use super::domain::{Criteria, PAGE_SIZE};
use crate::applicants::list::repo::like_escaped;
use crate::db::args::{Arg, Args};
use crate::db::{now_ms, Repo, Tx};
use crate::ids::ProgramId;
use crate::mail::domain::MessageState;
use crate::mail::repo::{MessageLine, MESSAGE_LINE_COLUMNS};
use sqlx::FromRow;

/// A message as the list shows it, with the name of the person it is to (the applicant's or
/// the staff member's, when known).
#[derive(Debug, Clone, FromRow)]
pub struct Listed {
    #[sqlx(flatten)]
    pub line: MessageLine,
    pub name: Option<String>,
}

/// One message whole: its line and its parts as sent.
#[derive(Debug, Clone, FromRow)]
pub struct Message {
    #[sqlx(flatten)]
    pub listed: Listed,
    /// The body as the page shows it: its secret links hidden (`None`: written before the
    /// column existed, shown redacted from the body).
    pub shown_body: Option<String>,
    pub body: String,
}

/// The name column beside a message's.
const NAME: &str = "COALESCE((SELECT a.name FROM applicants a WHERE a.id = outbox.applicant_id), \
     (SELECT u.name FROM users u WHERE u.id = outbox.user_id)) AS name";

/// `WHERE …` of the program's messages the criteria choose, with its values (`$1`: the
/// program). `window`: the criteria's days in UTC milliseconds (first included, end excluded).
struct Filtered {
    sql: String,
    args: Args,
}

impl Filtered {
    fn new(program: ProgramId, c: &Criteria, window: (Option<i64>, Option<i64>)) -> Filtered {
        let mut f = Filtered {
            sql: "WHERE program_id = $1".into(),
            args: Args::default(),
        };
        f.arg(Arg::Int(program.0));
        if !c.person.is_empty() {
            let n = f.arg(Arg::Text(format!("%{}%", like_escaped(&c.person))));
            f.sql.push_str(&format!(
                " AND (LOWER(to_email) LIKE ${n} ESCAPE '\\' \
                 OR applicant_id IN (SELECT id FROM applicants WHERE program_id = $1 AND LOWER(name) LIKE ${n} ESCAPE '\\') \
                 OR user_id IN (SELECT id FROM users WHERE LOWER(name) LIKE ${n} ESCAPE '\\'))"
            ));
        }
        if !c.search.is_empty() {
            let n = f.arg(Arg::Text(format!("%{}%", like_escaped(&c.search))));
            f.sql.push_str(&format!(
                " AND (LOWER(subject) LIKE ${n} ESCAPE '\\' OR LOWER(to_email) LIKE ${n} ESCAPE '\\')"
            ));
        }
        if let Some(kind) = c.kind {
            let n = f.arg(Arg::Text(kind.as_str().into()));
            f.sql.push_str(&format!(" AND kind = ${n}"));
        }
        if let Some(state) = c.state {
            f.sql.push_str(&format!(" AND {}", state.condition()));
        }
        if let Some(a) = c.applicant {
            let n = f.arg(Arg::Int(a));
            f.sql.push_str(&format!(" AND applicant_id = ${n}"));
        }
        if let Some(from) = window.0 {
            let n = f.arg(Arg::Int(from));
            f.sql.push_str(&format!(" AND created_at >= ${n}"));
        }
        if let Some(end) = window.1 {
            let n = f.arg(Arg::Int(end));
            f.sql.push_str(&format!(" AND created_at < ${n}"));
        }
        f
    }

    fn arg(&mut self, a: Arg) -> usize {
        self.args.push(a)
    }
}

impl Repo {
    /// How many of the program's messages the criteria choose.
    pub async fn messages_matching(
        &self,
        program: ProgramId,
        c: &Criteria,
        window: (Option<i64>, Option<i64>),
    ) -> Result<i64, sqlx::Error> {
        let f = Filtered::new(program, c, window);
        let sql = format!("SELECT COUNT(*) FROM outbox {}", f.sql);
        let (n,): (i64,) = f
            .args
            .bind(sqlx::query_as(&sql))
            .fetch_one(self.pool())
            .await?;
        Ok(n)
    }

    /// A page of the program's messages the criteria choose, newest first.
    pub async fn message_page(
        &self,
        program: ProgramId,
        c: &Criteria,
        window: (Option<i64>, Option<i64>),
        offset: i64,
    ) -> Result<Vec<Listed>, sqlx::Error> {
        let f = Filtered::new(program, c, window);
        let sql = format!(
            "SELECT {MESSAGE_LINE_COLUMNS}, {NAME} FROM outbox {} ORDER BY id DESC LIMIT {PAGE_SIZE} OFFSET {}",
            f.sql,
            offset.max(0)
        );
        f.args
            .bind(sqlx::query_as(&sql))
            .fetch_all(self.pool())
            .await
    }

    /// One message of the program, whole.
    pub async fn program_message(
        &self,
        program: ProgramId,
        id: i64,
    ) -> Result<Option<Message>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {MESSAGE_LINE_COLUMNS}, {NAME}, shown_body, body FROM outbox
             WHERE id = $1 AND program_id = $2"
        ))
        .bind(id)
        .bind(program)
        .fetch_optional(self.pool())
        .await
    }

    /// Queues a message of the program that is not sent again now, as new: its attempts, the
    /// give-up mark and the last answer cleared. Whether it was (a message sent meanwhile is not).
    pub async fn requeue_message(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        id: i64,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1, attempts = 0, failed_at = NULL, bounced = 0,
                               last_error = NULL
             WHERE id = $2 AND program_id = $3 AND sent_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(program)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Queues a copy of a message of the program as a new message, due now; its id.
    pub async fn copy_message(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        id: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        let now = now_ms();
        sqlx::query_scalar(
            "INSERT INTO outbox (program_id, to_email, subject, body, created_at, next_attempt_at,
                                 kind, applicant_id, user_id, html_body, shown_body)
             SELECT program_id, to_email, subject, body, $1, $1, kind, applicant_id, user_id,
                    html_body, shown_body
             FROM outbox WHERE id = $2 AND program_id = $3
             RETURNING id",
        )
        .bind(now)
        .bind(id)
        .bind(program)
        .fetch_optional(&mut **tx)
        .await
    }

    /// The ids of the program's messages the outbox gave up on (failed or bounced), oldest
    /// first.
    pub async fn given_up_messages(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(i64, MessageState)>, sqlx::Error> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, bounced FROM outbox
             WHERE program_id = $1 AND sent_at IS NULL AND failed_at IS NOT NULL ORDER BY id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, bounced)| {
                let state = if bounced != 0 {
                    MessageState::Bounced
                } else {
                    MessageState::Failed
                };
                (id, state)
            })
            .collect())
    }

    /// Queues every message of the program the outbox gave up on again now; how many.
    pub async fn requeue_given_up(
        &self,
        tx: &mut Tx,
        program: ProgramId,
    ) -> Result<u64, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1, attempts = 0, failed_at = NULL, bounced = 0,
                               last_error = NULL
             WHERE program_id = $2 AND sent_at IS NULL AND failed_at IS NOT NULL",
        )
        .bind(now_ms())
        .bind(program)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected())
    }
}
