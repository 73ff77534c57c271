//! Importing staff from a CSV file (name, e-mail, role), as applicants are imported: the file
//! read by the applicant import's reader (`upload::table` and `upload::read_upload`,
//! called, not copied) and kept for its preview (rows to add, rows already members, invalid rows
//! with their line and reason), then every row to add in one transaction or none, each new
//! member sent their welcome with a set-password link, one audit row each.

use super::csv::{check_staff_text, split_members, StaffFile};
use crate::auth::ssr::Staff;
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::programs::ssr::program_of;
use crate::server::AppState;
use crate::upload::kept::{KeptFile as StoredStaffImport, Shelf, KEPT_MS};
use crate::upload::table::{decode, Encoding};
use crate::upload::FILE_FIELD;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use std::collections::HashSet;

/// Coordinators: reads a staff CSV and keeps it for its preview (multipart: a form with a file).
#[server(input = MultipartFormData, output = crate::codec::Compact, endpoint = "import-staff-upload")]
pub async fn upload_staff(data: MultipartData) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let max = state.config.import_max_bytes;
    let (name, bytes) = crate::upload::read_upload(data, max).await?;
    upload(&state, staff, &name, &bytes).await
}

/// Coordinators: imports the previewed staff file.
#[server(output = crate::codec::Compact, endpoint = "import-staff-confirm")]
pub async fn confirm_staff_import(token: String) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    import(&state, staff, &token).await
}

/// Coordinators: drops the previewed staff file.
#[server(output = crate::codec::Compact, endpoint = "import-staff-discard")]
pub async fn discard_staff_import(token: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let token = well_formed(&token)?;
    if state
        .repo
        .discard_file(Shelf::Staff, staff.program_id, token)
        .await?
    {
        Ok(())
    } else {
        Err(gone())
    }
}

/// Reads and keeps an upload; a file that cannot be imported at all is refused under its field.
pub async fn upload(state: &AppState, by: Staff, file_name: &str, bytes: &[u8]) -> AppResult<()> {
    let decoded = decode(bytes).map_err(|e| AppError::invalid(FILE_FIELD, e.to_string()))?;
    check_staff_text(by.role, &decoded.text, decoded.encoding)
        .map_err(|m| AppError::invalid(FILE_FIELD, m))?;
    let stored = StoredStaffImport {
        token: crate::auth::ssr::new_token().0,
        file_name: file_label(file_name),
        encoding: decoded.encoding.as_str().into(),
        content: decoded.text,
        created_at: now_ms(),
        outcome: None,
    };
    state
        .repo
        .keep_file(
            Shelf::Staff,
            by.program_id,
            by.user_id,
            &stored,
            now_ms() - KEPT_MS,
        )
        .await?;
    Ok(())
}

fn file_label(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    match clean.trim() {
        "" => "staff.csv".into(),
        s => s.to_string(),
    }
}

/// What the import screen shows.
pub enum StaffImportState {
    Empty,
    Waiting(StaffPreview),
    Imported { file_name: String, outcome: String },
}

/// A kept file read against the program's staff as it is now.
pub struct StaffPreview {
    pub token: String,
    pub file_name: String,
    pub file: StaffFile,
    pub members: HashSet<String>,
}

async fn member_emails(state: &AppState, by: Staff) -> AppResult<HashSet<String>> {
    Ok(state
        .repo
        .staff(by.program_id)
        .await?
        .into_iter()
        .map(|m| m.email)
        .collect())
}

pub async fn screen(state: &AppState, by: Staff) -> AppResult<StaffImportState> {
    let Some(stored) = state.repo.latest_file(Shelf::Staff, by.program_id).await? else {
        return Ok(StaffImportState::Empty);
    };
    if let Some(outcome) = stored.outcome {
        return Ok(StaffImportState::Imported {
            file_name: stored.file_name,
            outcome,
        });
    }
    if now_ms() - stored.created_at > KEPT_MS {
        return Ok(StaffImportState::Empty);
    }
    let file = checked(by, &stored)?;
    Ok(StaffImportState::Waiting(StaffPreview {
        token: stored.token,
        file_name: stored.file_name,
        file,
        members: member_emails(state, by).await?,
    }))
}

/// The kept file checked as the caller imports it (their rank bounds the roles).
fn checked(by: Staff, stored: &StoredStaffImport) -> AppResult<StaffFile> {
    check_staff_text(by.role, &stored.content, Encoding::parse(&stored.encoding))
        .map_err(|m| AppError::Conflict(format!("{m} Upload the file again.")))
}

fn well_formed(token: &str) -> AppResult<&str> {
    let t = token.trim();
    if t.is_empty()
        || t.len() > 100
        || !t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(gone());
    }
    Ok(t)
}

/// No waiting file of the program under that token (replaced, imported, discarded, or never
/// the program's).
fn gone() -> AppError {
    AppError::NotFound(
        "This preview is no longer waiting (another file replaced it, or it was imported or discarded). Upload the file again."
            .into(),
    )
}

/// Imports the kept file `token`: in one transaction, every row to add (against the staff as
/// it is now: someone who became a member meanwhile is left as they are) added with their
/// welcome e-mail and an audit row; a failure anywhere writes nothing. Answers what was done.
pub async fn import(state: &AppState, by: Staff, token: &str) -> AppResult<String> {
    let token = well_formed(token)?;
    program_of(state, by).await?;
    let repo = &state.repo;
    let mut tx = repo.begin_write().await?;
    let stored = repo
        .lock_file(&mut tx, Shelf::Staff, by.program_id, token)
        .await?
        .ok_or_else(gone)?;
    if stored.outcome.is_some() {
        return Err(AppError::Conflict("This file was imported already.".into()));
    }
    if now_ms() - stored.created_at > KEPT_MS {
        return Err(AppError::Conflict(
            "This preview is more than a day old: upload the file again.".into(),
        ));
    }
    let file = checked(by, &stored)?;
    let members = member_emails(state, by).await?;
    let (add, already) = split_members(&file, &members);
    if add.is_empty() {
        return Err(AppError::Conflict(
            "Nothing to add: every valid row is a member already.".into(),
        ));
    }
    let reason = format!("imported from {}", stored.file_name);
    for r in &add {
        let existing = repo.user_by_email(&mut *tx, &r.email).await?;
        let user_id = repo.ensure_user(&mut tx, &r.email, &r.name).await?;
        if !repo
            .add_membership(&mut tx, by.program_id, user_id, r.role)
            .await?
        {
            return Err(AppError::Conflict(format!(
                "{} (line {}) joined the staff meanwhile: nothing was imported. Look at the preview again.",
                r.email, r.line
            )));
        }
        let line = Audit {
            to: Some(r.role.as_str()),
            reason: Some(&reason),
            ..Audit::new(
                by.program_id,
                Some(by.user_id),
                AuditEntity::Membership,
                user_id.0,
                AuditAction::Added,
            )
        };
        repo.audit(&mut tx, line).await?;
        let has_password = existing.is_some_and(|u| u.password_hash.is_some());
        super::ssr::welcome(
            state,
            &mut tx,
            by.program_id,
            (user_id, &r.name, &r.email),
            r.role,
            has_password,
        )
        .await?;
    }
    let outcome = format!(
        "Imported {}: {} added{}{}.",
        stored.file_name,
        add.len(),
        match already.len() {
            0 => String::new(),
            n => format!(", {n} already members left as they were"),
        },
        match file.invalid.len() {
            0 => String::new(),
            n => format!(", {n} invalid rows left out"),
        }
    );
    repo.finish_file(&mut tx, Shelf::Staff, token, &outcome)
        .await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(outcome)
}
