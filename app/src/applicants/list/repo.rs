//! The list's queries: one page of a program's applicants as filtered and sorted, how many
//! match, every id that matches (a bulk action on "all matching"), and the rows of the export.
//! One portable SQL text for both databases; every value bound, none written into the text.

use super::query::{ListQuery, SortBy, PAGE_SIZE};
use crate::applicants::domain::Status;
use crate::applicants::repo::APPLICANT_COLUMNS;
use crate::applicants::types::ApplicantView;
use crate::db::args::{Arg, Args};
use crate::db::columns::OptMillis;
use crate::db::Repo;
use crate::ids::{ApplicantId, ProgramId, SessionId};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// An applicant as the list shows it.
#[derive(Debug, Clone, FromRow)]
pub struct ListRow {
    #[sqlx(flatten)]
    pub applicant: ApplicantView,
    pub application_id: Option<String>,
}

/// An applicant as the export writes it.
#[derive(Debug, Clone, FromRow)]
pub struct ExportRow {
    pub id: ApplicantId,
    pub name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub status: Status,
    pub application_id: Option<String>,
    pub nrmp_id: Option<String>,
    pub track: Option<String>,
    pub phone: Option<String>,
    pub session_id: Option<SessionId>,
    pub first_choice_id: Option<SessionId>,
    pub second_choice_id: Option<SessionId>,
    #[sqlx(try_from = "OptMillis")]
    pub invitation_sent_at: Option<DateTime<Utc>>,
}

/// `WHERE … ORDER BY …` of a query, with its values (`$1` is the program).
struct Filtered {
    sql: String,
    args: Args,
}

impl Filtered {
    fn new(program: ProgramId, q: &ListQuery, order: bool) -> Filtered {
        let mut f = Filtered {
            sql: "WHERE program_id = $1".into(),
            args: Args::default(),
        };
        f.arg(Arg::Int(program.0));
        if let Some(status) = q.status {
            let n = f.arg(Arg::Text(status.as_str().into()));
            f.sql.push_str(&format!(" AND status = ${n}"));
        }
        if let Some(session) = q.session {
            let n = f.arg(Arg::Int(session.0));
            f.sql.push_str(&format!(
                " AND (session_id = ${n} OR first_choice_id = ${n} OR second_choice_id = ${n})"
            ));
        }
        if !q.search.is_empty() {
            let like = format!("%{}%", like_escaped(&q.search.to_lowercase()));
            let n = f.arg(Arg::Text(like));
            f.sql.push_str(&format!(
                " AND (LOWER(name) LIKE ${n} ESCAPE '\\' OR LOWER(email) LIKE ${n} ESCAPE '\\' \
                 OR LOWER(application_id) LIKE ${n} ESCAPE '\\')"
            ));
        }
        if order {
            let key = f.sort_key(q.sort);
            let dir = if q.descending { "DESC" } else { "ASC" };
            f.sql.push_str(&format!(" ORDER BY {key} {dir}, id {dir}"));
        }
        f
    }

    fn arg(&mut self, a: Arg) -> usize {
        self.args.push(a)
    }

    /// The column's sort expression; empty values last in either direction, on both databases
    /// (SQLite puts NULLs first, Postgres last).
    fn sort_key(&mut self, by: SortBy) -> String {
        let session_name = |column: &str| {
            format!("(SELECT s.name FROM interview_sessions s WHERE s.id = applicants.{column})")
        };
        match by {
            SortBy::Name => "name".into(),
            SortBy::Email => "email".into(),
            SortBy::ApplicationId => "(application_id IS NULL), application_id".into(),
            SortBy::Sent => "(invitation_sent_at IS NULL), invitation_sent_at".into(),
            SortBy::Session => format!("(session_id IS NULL), {}", session_name("session_id")),
            SortBy::Choices => format!(
                "(first_choice_id IS NULL), {}",
                session_name("first_choice_id")
            ),
            // The statuses in the order an applicant moves through them, not alphabetically.
            SortBy::Status => {
                let whens: String = Status::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let n = self.arg(Arg::Text(s.as_str().into()));
                        format!(" WHEN ${n} THEN {i}")
                    })
                    .collect();
                format!("CASE status{whens} END")
            }
        }
    }
}

/// A search text with LIKE's wildcards taken literally.
pub fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Repo {
    /// How many of the program's applicants match the query's filter.
    pub async fn applicants_matching(
        &self,
        program: ProgramId,
        q: &ListQuery,
    ) -> Result<u64, sqlx::Error> {
        let f = Filtered::new(program, q, false);
        let sql = format!("SELECT COUNT(*) FROM applicants {}", f.sql);
        let (n,): (i64,) = f
            .args
            .bind(sqlx::query_as(&sql))
            .fetch_one(self.pool())
            .await?;
        Ok(n.max(0) as u64)
    }

    /// Page `page` (1-based) of the program's applicants, filtered and sorted.
    pub async fn applicant_page(
        &self,
        program: ProgramId,
        q: &ListQuery,
        page: u64,
    ) -> Result<Vec<ListRow>, sqlx::Error> {
        let f = Filtered::new(program, q, true);
        let offset = (page.saturating_sub(1)).saturating_mul(PAGE_SIZE);
        let sql = format!(
            "SELECT {APPLICANT_COLUMNS}, application_id FROM applicants {} LIMIT {PAGE_SIZE} OFFSET {offset}",
            f.sql
        );
        f.args
            .bind(sqlx::query_as(&sql))
            .fetch_all(self.pool())
            .await
    }

    /// Every id the filter matches, in the list's order (a bulk action on all matching).
    pub async fn applicant_ids_matching(
        &self,
        program: ProgramId,
        q: &ListQuery,
    ) -> Result<Vec<ApplicantId>, sqlx::Error> {
        let f = Filtered::new(program, q, true);
        let sql = format!("SELECT id FROM applicants {}", f.sql);
        let rows: Vec<(ApplicantId,)> = f
            .args
            .bind(sqlx::query_as(&sql))
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// The export's rows of every applicant the filter matches, in the list's order.
    pub async fn applicants_to_export(
        &self,
        program: ProgramId,
        q: &ListQuery,
    ) -> Result<Vec<ExportRow>, sqlx::Error> {
        let f = Filtered::new(program, q, true);
        let sql = format!(
            "SELECT id, name, first_name, last_name, email, status, application_id, nrmp_id, track,
                    phone, session_id, first_choice_id, second_choice_id, invitation_sent_at
             FROM applicants {}",
            f.sql
        );
        f.args
            .bind(sqlx::query_as(&sql))
            .fetch_all(self.pool())
            .await
    }

    /// Every applicant's name in the program, by id (a bulk action's report).
    pub async fn applicant_names(
        &self,
        program: ProgramId,
    ) -> Result<std::collections::HashMap<ApplicantId, String>, sqlx::Error> {
        let rows: Vec<(ApplicantId, String)> =
            sqlx::query_as("SELECT id, name FROM applicants WHERE program_id = $1")
                .bind(program)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().collect())
    }

    /// The query plan SQLite would use for a page of the list (the benchmark and a test check
    /// that it reads through an index of the program's applicants).
    pub async fn applicant_page_plan(
        &self,
        program: ProgramId,
        q: &ListQuery,
    ) -> Result<Vec<String>, sqlx::Error> {
        let f = Filtered::new(program, q, true);
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT {APPLICANT_COLUMNS}, application_id FROM applicants {} LIMIT {PAGE_SIZE}",
            f.sql
        );
        let rows: Vec<(i64, i64, i64, String)> = f
            .args
            .bind(sqlx::query_as(&sql))
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(|r| r.3).collect())
    }
}
