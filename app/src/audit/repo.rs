//! Queries of the audit log as it is read: one program's lines, filtered and paged, with the
//! names of whom and what they are about, and who and which kinds the filter can offer. The
//! lines are written by each feature with its change (`programs::repo::Audit`); nothing here
//! writes them.

use super::domain::Criteria;
use super::types::Entry;
use crate::db::Repo;
use crate::ids::{ProgramId, UserId};
use crate::programs::domain::AuditEntity;
use sqlx::FromRow;

#[derive(Debug, FromRow)]
struct EntryRow {
    at: i64,
    actor: Option<String>,
    entity: String,
    entity_id: Option<i64>,
    subject: Option<String>,
    action: String,
    from_value: Option<String>,
    to_value: Option<String>,
    reason: Option<String>,
    other: Option<String>,
}

impl From<EntryRow> for Entry {
    fn from(r: EntryRow) -> Entry {
        Entry {
            at_ms: r.at,
            actor: r.actor,
            entity: r.entity,
            entity_id: r.entity_id,
            subject: r.subject,
            action: r.action,
            from: r.from_value,
            to: r.to_value,
            reason: r.reason,
            other: r.other,
        }
    }
}

/// A value bound to a built query.
enum Bind {
    Int(i64),
    Text(String),
}

/// The program's lines the criteria choose: `WHERE` and its values, numbered from `$1`.
/// `window` is the criteria's days as UTC milliseconds (the first included, the end excluded).
fn conditions(
    program: ProgramId,
    c: &Criteria,
    window: (Option<i64>, Option<i64>),
) -> (String, Vec<Bind>) {
    let mut binds = vec![Bind::Int(program.0)];
    let mut sql = String::from("l.program_id = $1");
    let push = |binds: &mut Vec<Bind>, b: Bind| {
        binds.push(b);
        binds.len()
    };
    if let Some(p) = c.person {
        let n = push(&mut binds, Bind::Int(p));
        sql.push_str(&format!(" AND l.actor_user_id = ${n}"));
    }
    if let Some(k) = &c.kind {
        let n = push(&mut binds, Bind::Text(k.clone()));
        sql.push_str(&format!(" AND l.action = ${n}"));
    }
    if let Some(from) = window.0 {
        let n = push(&mut binds, Bind::Int(from));
        sql.push_str(&format!(" AND l.at >= ${n}"));
    }
    if let Some(end) = window.1 {
        let n = push(&mut binds, Bind::Int(end));
        sql.push_str(&format!(" AND l.at < ${n}"));
    }
    if let Some(a) = c.applicant {
        // Its own lines, and the exclusions of scores that name it.
        let e = push(
            &mut binds,
            Bind::Text(AuditEntity::Applicant.as_str().into()),
        );
        let id = push(&mut binds, Bind::Int(a));
        let s = push(&mut binds, Bind::Text(AuditEntity::Scores.as_str().into()));
        let t = push(&mut binds, Bind::Text(a.to_string()));
        sql.push_str(&format!(
            " AND ((l.entity = ${e} AND l.entity_id = ${id}) OR (l.entity = ${s} AND l.to_value = ${t}))"
        ));
    }
    (sql, binds)
}

impl Repo {
    /// A page of the program's lines the criteria choose, newest first (`limit` none: all).
    pub async fn audit_entries(
        &self,
        program: ProgramId,
        c: &Criteria,
        window: (Option<i64>, Option<i64>),
        limit: Option<(i64, i64)>,
    ) -> Result<Vec<Entry>, sqlx::Error> {
        let (filter, mut binds) = conditions(program, c, window);
        let mut entity = |e: AuditEntity| {
            binds.push(Bind::Text(e.as_str().into()));
            format!("${}", binds.len())
        };
        let (applicant, session, day, membership, scores, rank_list) = (
            entity(AuditEntity::Applicant),
            entity(AuditEntity::Session),
            entity(AuditEntity::Day),
            entity(AuditEntity::Membership),
            entity(AuditEntity::Scores),
            entity(AuditEntity::RankList),
        );
        let page = match limit {
            Some((limit, offset)) => format!(" LIMIT {limit} OFFSET {offset}"),
            None => String::new(),
        };
        let sql = format!(
            "SELECT l.at, u.name AS actor, l.entity, l.entity_id,
                    COALESCE(ap.name, se.name, su.name, rl.name) AS subject,
                    l.action, l.from_value, l.to_value, l.reason, xa.name AS other
             FROM audit_log l
             LEFT JOIN users u ON u.id = l.actor_user_id
             LEFT JOIN applicants ap ON l.entity = {applicant} AND ap.id = l.entity_id
                  AND ap.program_id = l.program_id
             LEFT JOIN interview_sessions se ON (l.entity = {session} OR l.entity = {day})
                  AND se.id = l.entity_id AND se.program_id = l.program_id
             LEFT JOIN users su ON (l.entity = {membership} OR l.entity = {scores})
                  AND su.id = l.entity_id
             LEFT JOIN rank_lists rl ON l.entity = {rank_list} AND rl.id = l.entity_id
                  AND rl.program_id = l.program_id
             LEFT JOIN applicants xa ON l.entity = {scores} AND xa.program_id = l.program_id
                  AND CAST(xa.id AS TEXT) = l.to_value
             WHERE {filter}
             ORDER BY l.at DESC, l.id DESC{page}"
        );
        let mut q = sqlx::query_as::<_, EntryRow>(&sql);
        for b in binds {
            q = match b {
                Bind::Int(v) => q.bind(v),
                Bind::Text(v) => q.bind(v),
            };
        }
        let rows = q.fetch_all(self.pool()).await?;
        Ok(rows.into_iter().map(Entry::from).collect())
    }

    /// How many of the program's lines the criteria choose.
    pub async fn audit_count(
        &self,
        program: ProgramId,
        c: &Criteria,
        window: (Option<i64>, Option<i64>),
    ) -> Result<i64, sqlx::Error> {
        let (filter, binds) = conditions(program, c, window);
        let sql = format!("SELECT COUNT(*) FROM audit_log l WHERE {filter}");
        let mut q = sqlx::query_scalar::<_, i64>(&sql);
        for b in binds {
            q = match b {
                Bind::Int(v) => q.bind(v),
                Bind::Text(v) => q.bind(v),
            };
        }
        q.fetch_one(self.pool()).await
    }

    /// Everyone who made a change in the program's log, by name (the person filter).
    pub async fn audit_people(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(UserId, String)>, sqlx::Error> {
        sqlx::query_as::<_, (UserId, String)>(
            "SELECT DISTINCT u.id, u.name FROM audit_log l JOIN users u ON u.id = l.actor_user_id
             WHERE l.program_id = $1 ORDER BY u.name, u.id",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// Every action word in the program's log (the kind filter: unknown ones too).
    pub async fn audit_kinds(&self, program: ProgramId) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar::<_, String>(
            "SELECT DISTINCT action FROM audit_log WHERE program_id = $1 ORDER BY action",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The program's time zone (the IANA name as stored), and an applicant's name in it.
    pub async fn audit_context(
        &self,
        program: ProgramId,
        applicant: Option<i64>,
    ) -> Result<(String, Option<String>), sqlx::Error> {
        let zone: String = sqlx::query_scalar("SELECT time_zone FROM programs WHERE id = $1")
            .bind(program)
            .fetch_one(self.pool())
            .await?;
        let name = match applicant {
            Some(id) => {
                sqlx::query_scalar::<_, String>(
                    "SELECT name FROM applicants WHERE id = $1 AND program_id = $2",
                )
                .bind(id)
                .bind(program)
                .fetch_optional(self.pool())
                .await?
            }
            None => None,
        };
        Ok((zone, name))
    }
}
