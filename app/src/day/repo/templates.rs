//! The program's day templates.

use crate::db::{now_ms, Repo, Tx};
use crate::ids::{ProgramId, TemplateId};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct TemplateRow {
    pub id: TemplateId,
    pub name: String,
    pub body: String,
}

impl Repo {
    pub async fn templates(&self, program: ProgramId) -> Result<Vec<TemplateRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name, body FROM day_templates WHERE program_id = $1 ORDER BY name",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    pub async fn template(
        &self,
        program: ProgramId,
        id: TemplateId,
    ) -> Result<Option<TemplateRow>, sqlx::Error> {
        sqlx::query_as("SELECT id, name, body FROM day_templates WHERE program_id = $1 AND id = $2")
            .bind(program)
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Saves a template under its name (replacing the program's template of that name).
    pub async fn save_template(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        name: &str,
        body: &str,
    ) -> Result<TemplateId, sqlx::Error> {
        let (id,): (TemplateId,) = sqlx::query_as(
            "INSERT INTO day_templates (program_id, name, body, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (program_id, name) DO UPDATE SET body = $3 RETURNING id",
        )
        .bind(program)
        .bind(name)
        .bind(body)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }
}
