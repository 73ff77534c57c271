//! Queries of applicants.

use crate::db::Repo;
use sqlx::FromRow;

/// An applicant's standing in one program, with what the invitation gate needs.
#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub program_id: i64,
    pub program_name: String,
    pub status: String,
    pub invitation_sent_at: Option<i64>,
    pub visible_sessions: i64,
}

impl Repo {
    pub async fn invitations_for(&self, email: &str) -> Result<Vec<InvitationRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT a.program_id, p.name AS program_name, a.status, a.invitation_sent_at,
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
