//! Queries of applicants.

use crate::db::{now_ms, Repo, Tx};
use sqlx::FromRow;

/// An applicant's standing in one program, with what the invitation gate needs.
#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub program_id: i64,
    pub program_name: String,
    pub status: String,
    pub invitation_sent_at: Option<i64>,
    pub visible_sessions: i64,
    pub self_scheduling: i64,
    pub first_choice_id: Option<i64>,
    pub second_choice_id: Option<i64>,
    pub session_id: Option<i64>,
}

impl Repo {
    pub async fn invitations_for(&self, email: &str) -> Result<Vec<InvitationRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT a.program_id, p.name AS program_name, a.status, a.invitation_sent_at,
                    p.self_scheduling, a.first_choice_id, a.second_choice_id, a.session_id,
                    (SELECT COUNT(*) FROM interview_sessions s
                     WHERE s.program_id = a.program_id AND s.visible = 1) AS visible_sessions
             FROM applicants a JOIN programs p ON p.id = a.program_id
             WHERE a.email = $1
             ORDER BY p.name",
        )
        .bind(email)
        .fetch_all(self.pool())
        .await
    }
}

/// An applicant of a program, as the coordinator's list shows them.
#[derive(Debug, Clone, FromRow)]
pub struct ApplicantRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub status: String,
    pub invitation_sent_at: Option<i64>,
    pub first_choice_id: Option<i64>,
    pub second_choice_id: Option<i64>,
    pub session_id: Option<i64>,
}

impl ApplicantRow {
    /// The sessions the applicant chose: first, then second.
    pub fn choices(&self) -> Vec<i64> {
        self.first_choice_id
            .into_iter()
            .chain(self.second_choice_id)
            .collect()
    }
}

const APPLICANT_COLUMNS: &str =
    "id, name, email, status, invitation_sent_at, first_choice_id, second_choice_id, session_id";

impl Repo {
    pub async fn applicants(&self, program_id: i64) -> Result<Vec<ApplicantRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {APPLICANT_COLUMNS} FROM applicants WHERE program_id = $1 ORDER BY name, id"
        ))
        .bind(program_id)
        .fetch_all(self.pool())
        .await
    }

    pub async fn add_applicant(
        &self,
        tx: &mut Tx,
        program_id: i64,
        email: &str,
        name: &str,
    ) -> Result<i64, sqlx::Error> {
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO applicants (program_id, email, name, status, created_at, updated_at)
             VALUES ($1, $2, $3, 'interview_candidate', $4, $4) RETURNING id",
        )
        .bind(program_id)
        .bind(email)
        .bind(name)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Locks one applicant row of the program, by id or (for the applicant themself) by e-mail.
    pub async fn lock_applicant(
        &self,
        tx: &mut Tx,
        program_id: i64,
        by: ApplicantKey<'_>,
    ) -> Result<Option<ApplicantRow>, sqlx::Error> {
        let column = match by {
            ApplicantKey::Id(_) => "id",
            ApplicantKey::Email(_) => "email",
        };
        let sql = format!(
            "SELECT {APPLICANT_COLUMNS} FROM applicants WHERE program_id = $1 AND {column} = $2{}",
            self.for_update()
        );
        let query = sqlx::query_as(&sql).bind(program_id);
        let query = match by {
            ApplicantKey::Id(id) => query.bind(id),
            ApplicantKey::Email(email) => query.bind(email),
        };
        query.fetch_optional(&mut **tx).await
    }

    /// Writes an applicant's status, choices and session in one go.
    pub async fn update_applicant(&self, tx: &mut Tx, a: &ApplicantRow) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE applicants SET status = $1, first_choice_id = $2, second_choice_id = $3,
                session_id = $4, invitation_sent_at = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(&a.status)
        .bind(a.first_choice_id)
        .bind(a.second_choice_id)
        .bind(a.session_id)
        .bind(a.invitation_sent_at)
        .bind(now_ms())
        .bind(a.id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Ids of the program's visible sessions, inside a transaction.
    pub async fn visible_session_ids(
        &self,
        tx: &mut Tx,
        program_id: i64,
    ) -> Result<Vec<i64>, sqlx::Error> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM interview_sessions WHERE program_id = $1 AND visible = 1 ORDER BY id",
        )
        .bind(program_id)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    pub async fn self_scheduling(&self, tx: &mut Tx, program_id: i64) -> Result<bool, sqlx::Error> {
        let (on,): (i64,) = sqlx::query_as("SELECT self_scheduling FROM programs WHERE id = $1")
            .bind(program_id)
            .fetch_one(&mut **tx)
            .await?;
        Ok(on != 0)
    }
}

#[derive(Debug, Clone, Copy)]
pub enum ApplicantKey<'a> {
    Id(i64),
    Email(&'a str),
}
