//! The import's workflows: an upload read and kept (refused at once when it cannot be imported
//! at all), the screen's state (the preview against the program's applicants as they are now),
//! and the import: every valid row in one transaction with its audit row, or none.

use super::rows::{check_text, invited_status, plan, Checked};
use crate::applicants::domain::Status;
use crate::auth::ssr::Staff;
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::ids::ProgramId;
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::upload::kept::{KeptFile as StoredImport, Shelf, KEPT_MS};
use crate::upload::table::{decode, Encoding};
use crate::upload::FILE_FIELD;
use std::collections::{HashMap, HashSet};

/// Reads and keeps an upload for its preview; a file that cannot be imported at all (not text,
/// empty, no e-mail or name column) is refused under the file field.
pub async fn upload(state: &AppState, by: Staff, file_name: &str, bytes: &[u8]) -> AppResult<()> {
    let decoded = decode(bytes).map_err(|e| AppError::invalid(FILE_FIELD, e.to_string()))?;
    check_text(&decoded.text, decoded.encoding).map_err(|m| AppError::invalid(FILE_FIELD, m))?;
    let (token, _) = crate::auth::ssr::secrets::new_token();
    let stored = StoredImport {
        token,
        file_name: file_label(file_name),
        encoding: decoded.encoding.as_str().into(),
        content: decoded.text,
        created_at: now_ms(),
        outcome: None,
    };
    state
        .repo
        .keep_file(
            Shelf::Applicants,
            by.program_id,
            by.user_id,
            &stored,
            now_ms() - KEPT_MS,
        )
        .await?;
    Ok(())
}

/// A file's name as it is shown and audited: its last path part, on one line, at most 120
/// characters.
fn file_label(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    match clean.trim() {
        "" => "applicants.csv".into(),
        s => s.to_string(),
    }
}

/// What the import screen shows.
pub enum ImportState {
    /// No upload: the form.
    Empty,
    /// An upload waiting for its import: the preview.
    Waiting(Preview),
    /// The last upload was imported: what was done (and the form for the next file).
    Imported { file_name: String, outcome: String },
}

/// An upload read against the program's applicants as they are now.
pub struct Preview {
    pub token: String,
    pub file_name: String,
    pub checked: Checked,
    pub existing: HashSet<String>,
}

pub async fn screen(state: &AppState, by: Staff) -> AppResult<ImportState> {
    let Some(stored) = state
        .repo
        .latest_file(Shelf::Applicants, by.program_id)
        .await?
    else {
        return Ok(ImportState::Empty);
    };
    if let Some(outcome) = stored.outcome {
        return Ok(ImportState::Imported {
            file_name: stored.file_name,
            outcome,
        });
    }
    if now_ms() - stored.created_at > KEPT_MS {
        return Ok(ImportState::Empty);
    }
    let checked = checked(&stored)?;
    let existing = state
        .repo
        .applicants_by_email(state.repo.pool(), by.program_id)
        .await?
        .into_iter()
        .map(|a| a.email)
        .collect();
    Ok(ImportState::Waiting(Preview {
        token: stored.token,
        file_name: stored.file_name,
        checked,
        existing,
    }))
}

fn checked(stored: &StoredImport) -> AppResult<Checked> {
    check_text(&stored.content, Encoding::parse(&stored.encoding))
        .map_err(|m| AppError::Conflict(format!("{m} Upload the file again.")))
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
    /// Applicants now Invited & Ready for Scheduling because of the option.
    pub invited: usize,
}

impl Imported {
    pub fn said(self, file_name: &str) -> String {
        let invited = match self.invited {
            0 => String::new(),
            n => format!("; {n} marked Invited & Ready for Scheduling"),
        };
        format!(
            "Imported {file_name}: {} added, {} updated{invited}.",
            self.added, self.updated
        )
    }
}

/// Imports the upload `token` (the preview the coordinator saw): in one transaction, the valid
/// rows added or written over the applicant with the same e-mail (as the program's applicants
/// are now, not as they were at the preview), Invited & Ready when asked, one audit row of the
/// import (and one per applicant whose status it changed); a failure anywhere writes nothing.
pub async fn import(
    state: &AppState,
    by: Staff,
    token: &str,
    mark_invited: bool,
) -> AppResult<Imported> {
    let token = well_formed(token)?;
    let repo = &state.repo;
    let mut tx = repo.begin_write().await?;
    let stored = repo
        .lock_file(&mut tx, Shelf::Applicants, by.program_id, token)
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
    let checked = checked(&stored)?;
    let existing: HashMap<String, (i64, Status)> = repo
        .applicants_by_email(&mut *tx, by.program_id)
        .await?
        .into_iter()
        .map(|a| (a.email, (a.id, a.status)))
        .collect();
    let emails = existing.keys().cloned().collect();
    let p = plan(&checked, &emails);
    let mut invited = 0;
    let new_status = if mark_invited {
        Status::InvitedReady
    } else {
        Status::InterviewCandidate
    };
    for r in &p.add {
        repo.insert_imported(&mut tx, by.program_id, r, new_status)
            .await?;
    }
    invited += if mark_invited { p.add.len() } else { 0 };
    for r in &p.update {
        let (id, before) = existing[&r.email];
        let after = if mark_invited {
            invited_status(before)
        } else {
            before
        };
        repo.update_imported(&mut tx, id, r, after).await?;
        if after != before {
            invited += 1;
            audit_status(state, &mut tx, by, id, before, after).await?;
        }
    }
    let done = Imported {
        added: p.add.len(),
        updated: p.update.len(),
        invited,
    };
    audit_import(state, &mut tx, by, done, &stored.file_name).await?;
    repo.finish_file(
        &mut tx,
        Shelf::Applicants,
        token,
        &done.said(&stored.file_name),
    )
    .await?;
    let changes = crate::live::changes(repo, &mut tx, by.program_id, &[], None).await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(done)
}

/// The import's audit row: who (the actor), when, how many added and updated, and the file.
async fn audit_import(
    state: &AppState,
    tx: &mut crate::db::Tx,
    by: Staff,
    done: Imported,
    file_name: &str,
) -> AppResult<()> {
    let to = format!(
        "{} added, {} updated, {} invited",
        done.added, done.updated, done.invited
    );
    let line = Audit::new(
        by.program_id,
        Some(by.user_id),
        AuditEntity::Program,
        program_key(by.program_id),
        AuditAction::Imported,
    );
    state
        .repo
        .audit(
            tx,
            Audit {
                to: Some(&to),
                reason: Some(file_name),
                ..line
            },
        )
        .await?;
    Ok(())
}

fn program_key(id: ProgramId) -> i64 {
    id.0
}

/// An applicant's status changed by the import's invited option (their history shows it).
async fn audit_status(
    state: &AppState,
    tx: &mut crate::db::Tx,
    by: Staff,
    id: i64,
    before: Status,
    after: Status,
) -> AppResult<()> {
    let line = Audit::new(
        by.program_id,
        Some(by.user_id),
        AuditEntity::Applicant,
        id,
        AuditAction::Status,
    );
    state
        .repo
        .audit(
            tx,
            Audit {
                from: Some(before.as_str()),
                to: Some(after.as_str()),
                reason: Some("import"),
                ..line
            },
        )
        .await?;
    Ok(())
}

/// Drops the program's upload `token` without importing it.
pub async fn discard(state: &AppState, by: Staff, token: &str) -> AppResult<()> {
    if state
        .repo
        .discard_file(Shelf::Applicants, by.program_id, well_formed(token)?)
        .await?
    {
        Ok(())
    } else {
        Err(gone())
    }
}

/// A token as the screen writes them (hex), or no preview: anything else never reaches the
/// database (a NUL is not text to PostgreSQL).
fn well_formed(token: &str) -> AppResult<&str> {
    let ok = !token.is_empty()
        && token.len() <= 128
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(token)
    } else {
        Err(gone())
    }
}

fn gone() -> AppError {
    AppError::NotFound(
        "This preview is no longer there (a newer file replaced it?): upload the file again."
            .into(),
    )
}
