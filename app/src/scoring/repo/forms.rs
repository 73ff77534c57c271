//! Queries of the form library: forms, their versions and criteria, and the form each session
//! is scored on.

use super::*;
use crate::db::{now_ms, Repo, Tx};
use crate::ids::{FormVersionId, ProgramId, ScoringFormId, SessionId};
use crate::scoring::form::FormSpec;

impl Repo {
    /// The program's forms, each at its newest version, by name.
    pub async fn scoring_forms(&self, program: ProgramId) -> Result<Vec<FormRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {FORM_COLUMNS} FROM scoring_forms f
             JOIN scoring_form_versions v ON v.form_id = f.id
             WHERE f.program_id = $1 AND {CURRENT} ORDER BY f.name, f.id"
        ))
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// One form of the program at its newest version.
    pub async fn scoring_form(
        &self,
        program: ProgramId,
        form: ScoringFormId,
    ) -> Result<Option<FormRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {FORM_COLUMNS} FROM scoring_forms f
             JOIN scoring_form_versions v ON v.form_id = f.id
             WHERE f.program_id = $1 AND f.id = $2 AND {CURRENT}"
        ))
        .bind(program)
        .bind(form)
        .fetch_optional(self.pool())
        .await
    }

    /// The criteria of some versions, in their forms' order.
    pub async fn criteria_of(
        &self,
        versions: &[FormVersionId],
    ) -> Result<Vec<CriterionRow>, sqlx::Error> {
        if versions.is_empty() {
            return Ok(Vec::new());
        }
        let list = id_list(versions);
        sqlx::query_as(&format!(
            "SELECT id, version_id, name, description, anchors, scale_min, scale_max, weight_milli,
                required FROM scoring_criteria WHERE version_id IN ({list})
             ORDER BY version_id, position"
        ))
        .fetch_all(self.pool())
        .await
    }

    /// A new form, at version 1.
    pub async fn create_scoring_form(
        &self,
        tx: &mut Tx,
        program: ProgramId,
        spec: &FormSpec,
    ) -> Result<ScoringFormId, sqlx::Error> {
        let (id,): (ScoringFormId,) = sqlx::query_as(
            "INSERT INTO scoring_forms (program_id, name, created_at) VALUES ($1, $2, $3)
             RETURNING id",
        )
        .bind(program)
        .bind(&spec.name)
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        self.add_form_version(tx, id, 1, spec).await?;
        Ok(id)
    }

    /// Renames a form.
    pub async fn rename_scoring_form(
        &self,
        tx: &mut Tx,
        form: ScoringFormId,
        name: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE scoring_forms SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(form)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// A version of a form with its criteria.
    pub async fn add_form_version(
        &self,
        tx: &mut Tx,
        form: ScoringFormId,
        version: i64,
        spec: &FormSpec,
    ) -> Result<FormVersionId, sqlx::Error> {
        let (id,): (FormVersionId,) = sqlx::query_as(
            "INSERT INTO scoring_form_versions
                (form_id, version, display_min, display_max, overall_comment, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(form)
        .bind(version)
        .bind(i64::from(spec.display_min))
        .bind(i64::from(spec.display_max))
        .bind(i64::from(spec.overall_comment))
        .bind(now_ms())
        .fetch_one(&mut **tx)
        .await?;
        self.add_criteria(tx, id, spec).await?;
        Ok(id)
    }

    /// Replaces an unscored version's criteria and settings (no score reads them yet).
    pub async fn rewrite_form_version(
        &self,
        tx: &mut Tx,
        version: FormVersionId,
        spec: &FormSpec,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE scoring_form_versions SET display_min = $1, display_max = $2,
                overall_comment = $3 WHERE id = $4",
        )
        .bind(i64::from(spec.display_min))
        .bind(i64::from(spec.display_max))
        .bind(i64::from(spec.overall_comment))
        .bind(version)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM scoring_criteria WHERE version_id = $1")
            .bind(version)
            .execute(&mut **tx)
            .await?;
        self.add_criteria(tx, version, spec).await
    }

    async fn add_criteria(
        &self,
        tx: &mut Tx,
        version: FormVersionId,
        spec: &FormSpec,
    ) -> Result<(), sqlx::Error> {
        for (i, c) in spec.criteria.iter().enumerate() {
            sqlx::query(
                "INSERT INTO scoring_criteria (version_id, position, name, description, anchors,
                    scale_min, scale_max, weight_milli, required)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(version)
            .bind(i as i64)
            .bind(&c.name)
            .bind(&c.description)
            .bind(serde_json::to_string(&c.anchors).unwrap_or_else(|_| "[]".into()))
            .bind(i64::from(c.min))
            .bind(i64::from(c.max))
            .bind(c.weight_milli)
            .bind(i64::from(c.required))
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Sets (or, with `None`, clears) the form a session is scored on.
    pub async fn set_session_form(
        &self,
        session: SessionId,
        form: Option<ScoringFormId>,
    ) -> Result<(), sqlx::Error> {
        match form {
            Some(form) => {
                sqlx::query(
                    "INSERT INTO session_forms (session_id, form_id) VALUES ($1, $2)
                     ON CONFLICT (session_id) DO UPDATE SET form_id = $2",
                )
                .bind(session)
                .bind(form)
                .execute(self.pool())
                .await?
            }
            None => {
                sqlx::query("DELETE FROM session_forms WHERE session_id = $1")
                    .bind(session)
                    .execute(self.pool())
                    .await?
            }
        };
        Ok(())
    }

    /// Lets every interviewer of the session's day score every applicant of it (or only those
    /// they met); whether the session has a form to set it on.
    pub async fn set_open_scoring(
        &self,
        session: SessionId,
        open: bool,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("UPDATE session_forms SET open_scoring = $1 WHERE session_id = $2")
            .bind(i64::from(open))
            .bind(session)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A session's scoring: its form, and whether every interviewer of its day may score every
    /// applicant of it (`None`: no form yet).
    pub async fn session_scoring(
        &self,
        session: SessionId,
    ) -> Result<Option<(ScoringFormId, bool)>, sqlx::Error> {
        let row: Option<(ScoringFormId, IntFlag)> =
            sqlx::query_as("SELECT form_id, open_scoring FROM session_forms WHERE session_id = $1")
                .bind(session)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(form, open)| (form, open.into())))
    }

    /// The same for every session of the program that has a form, in one query.
    pub async fn program_scoring(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(SessionId, ScoringFormId, bool)>, sqlx::Error> {
        let rows: Vec<(SessionId, ScoringFormId, IntFlag)> = sqlx::query_as(
            "SELECT sf.session_id, sf.form_id, sf.open_scoring FROM session_forms sf
             JOIN interview_sessions s ON s.id = sf.session_id WHERE s.program_id = $1",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(session, form, open)| (session, form, open.into()))
            .collect())
    }

    /// The names of the program's sessions scored on each form: (form, session name).
    pub async fn form_sessions(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(ScoringFormId, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT sf.form_id, s.name FROM session_forms sf
             JOIN interview_sessions s ON s.id = sf.session_id
             WHERE s.program_id = $1 ORDER BY s.session_date, s.name",
        )
        .bind(program)
        .fetch_all(self.pool())
        .await
    }

    /// The current version of the form a session is scored on.
    pub async fn session_form_version(
        &self,
        session: SessionId,
    ) -> Result<Option<FormVersionId>, sqlx::Error> {
        let row: Option<(FormVersionId,)> = sqlx::query_as(
            "SELECT v.id FROM session_forms sf JOIN scoring_forms f ON f.id = sf.form_id
             JOIN scoring_form_versions v ON v.form_id = f.id
             WHERE sf.session_id = $1 AND v.version =
                (SELECT MAX(version) FROM scoring_form_versions w WHERE w.form_id = f.id)",
        )
        .bind(session)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(v,)| v))
    }

    /// A version as stored (its criteria apart).
    pub async fn form_version(
        &self,
        version: FormVersionId,
    ) -> Result<Option<FormRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {FORM_COLUMNS} FROM scoring_forms f
             JOIN scoring_form_versions v ON v.form_id = f.id WHERE v.id = $1"
        ))
        .bind(version)
        .fetch_optional(self.pool())
        .await
    }
}
