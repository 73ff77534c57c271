//! The workflows of application files: one PDF uploaded for an applicant, a ZIP read and matched
//! into a preview, the preview attached in one transaction (or discarded), and a file fetched.
//! Who may fetch one is decided by the caller (`crate::scoring::ssr::application_file`: the
//! program's coordinators, and interviewers who may score the applicant).

use super::domain::{megabytes, name_key, stored_name, NameKey};
use super::repo::{Candidate, Download, NewFile};
use super::types::{Application, Matched, ZipPreview};
use super::zip::{Entry, Limits, MAX_ENTRIES};
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use std::collections::HashMap;

/// Which applicant an upload is for: by id (a form on their page) or as typed (an e-mail or an
/// application id).
#[derive(Debug, Clone)]
pub enum Target {
    Id(ApplicantId),
    Typed(String),
}

/// A file over the limit, refused with both sizes.
fn too_big(state: &AppState, size: usize) -> AppError {
    AppError::TooLarge(format!(
        "This file is {}; the limit is {}. Make it smaller (print it to PDF again) or ask an administrator to raise APPLICATION_FILE_MAX_MB.",
        megabytes(size as u64),
        megabytes(state.config.application_max_bytes)
    ))
}

/// Refuses what is not a PDF of the allowed size.
pub fn check_pdf(state: &AppState, content: &[u8]) -> AppResult<()> {
    if content.len() as u64 > state.config.application_max_bytes {
        return Err(too_big(state, content.len()));
    }
    if content.is_empty() {
        return Err(AppError::invalid("file", "Choose a PDF file to upload."));
    }
    if !super::domain::is_pdf(content) {
        return Err(AppError::invalid(
            "file",
            "This file is not a PDF (whatever its name says): save the application as PDF and upload that.",
        ));
    }
    Ok(())
}

/// The audit line of one file attached.
async fn audit_upload(
    state: &AppState,
    tx: &mut Tx,
    by: Staff,
    applicant: ApplicantId,
    file_name: &str,
    from_zip: bool,
) -> AppResult<()> {
    let line = Audit::new(
        by.program_id,
        Some(by.user_id),
        AuditEntity::Applicant,
        applicant.0,
        AuditAction::FileUploaded,
    );
    let line = Audit {
        to: Some(file_name),
        reason: from_zip.then_some("ZIP"),
        ..line
    };
    state.repo.audit(tx, line).await?;
    Ok(())
}

/// Uploads (or replaces) one applicant's application PDF, with its audit line; the applicant's
/// name.
pub async fn upload_one(
    state: &AppState,
    by: Staff,
    target: Target,
    file_name: &str,
    content: &[u8],
) -> AppResult<String> {
    let found = match &target {
        Target::Id(id) => state.repo.file_applicant(by.program_id, *id).await?,
        Target::Typed(key) if key.trim().is_empty() => {
            return Err(AppError::invalid(
                "applicant",
                "Enter the applicant's e-mail or application id.",
            ))
        }
        Target::Typed(key) => {
            state
                .repo
                .applicant_by_key(by.program_id, key.trim())
                .await?
        }
    };
    let Some((applicant, name)) = found else {
        return Err(match target {
            Target::Id(_) => super::super::ssr::not_found(),
            Target::Typed(key) => AppError::invalid(
                "applicant",
                format!(
                    "No applicant of this program has the e-mail or application id “{}”.",
                    key.trim()
                ),
            ),
        });
    };
    check_pdf(state, content)?;
    let file_name = stored_name(file_name);
    let mut tx = state.repo.begin_write().await?;
    let file = NewFile {
        applicant,
        file_name: &file_name,
        content,
    };
    state.repo.put_file(&mut tx, &file, by.user_id).await?;
    audit_upload(state, &mut tx, by, applicant, &file_name, false).await?;
    tx.commit().await?;
    Ok(name)
}

/// Matches a ZIP's entries to the program's applicants (by e-mail or application id).
fn preview_of<'a>(
    entries: &'a [Entry],
    candidates: &[Candidate],
) -> (ZipPreview, Vec<NewFile<'a>>) {
    let by_email: HashMap<&str, &Candidate> =
        candidates.iter().map(|c| (c.email.as_str(), c)).collect();
    let by_id: HashMap<&str, &Candidate> = candidates
        .iter()
        .filter_map(|c| c.application_id.as_deref().map(|id| (id.trim(), c)))
        .collect();
    let mut preview = ZipPreview::default();
    let mut files: Vec<NewFile<'a>> = Vec::new();
    for entry in entries {
        match entry {
            Entry::NotPdf(name) => preview.not_pdf.push(name.clone()),
            Entry::TooBig(name) => preview.too_big.push(name.clone()),
            Entry::Pdf(name, content) => {
                let found = match name_key(name) {
                    Some(NameKey::Email(e)) => by_email.get(e.as_str()).copied(),
                    Some(NameKey::ApplicationId(id)) => by_id.get(id.as_str()).copied(),
                    None => None,
                };
                match found {
                    None => preview.unmatched.push(name.clone()),
                    Some(c) if files.iter().any(|f| f.applicant == c.id) => {
                        preview.duplicates.push(name.clone())
                    }
                    Some(c) => {
                        preview.matched.push(Matched {
                            entry: name.clone(),
                            applicant: c.id,
                            applicant_name: c.name.clone(),
                            size: content.len() as i64,
                            replaces: c.has_file > 0,
                        });
                        files.push(NewFile {
                            applicant: c.id,
                            file_name: name,
                            content,
                        });
                    }
                }
            }
        }
    }
    (preview, files)
}

/// Reads a ZIP of PDFs, matches its names and keeps the matched files waiting for the commit
/// (in place of the program's ZIP before); its preview.
pub async fn stage_zip(state: &AppState, by: Staff, zip: &[u8]) -> AppResult<ZipPreview> {
    let limits = Limits {
        file_bytes: state.config.application_max_bytes,
        total_bytes: state.config.application_zip_max_bytes,
        entries: MAX_ENTRIES,
    };
    let entries = super::zip::read(zip, limits)?;
    if entries.is_empty() {
        return Err(AppError::invalid("zip", "This ZIP holds no files."));
    }
    let candidates = state.repo.file_candidates(by.program_id).await?;
    let (preview, files) = preview_of(&entries, &candidates);
    let names: Vec<String> = files.iter().map(|f| stored_name(f.file_name)).collect();
    let files: Vec<NewFile> = files
        .iter()
        .zip(&names)
        .map(|(f, n)| NewFile {
            applicant: f.applicant,
            file_name: n,
            content: f.content,
        })
        .collect();
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .stage_files(&mut tx, by.program_id, by.user_id, &preview, &files)
        .await?;
    tx.commit().await?;
    Ok(preview)
}

fn nothing_waiting() -> AppError {
    AppError::NotFound("No ZIP is waiting to be attached: upload one first.".into())
}

/// Attaches the program's waiting ZIP in one transaction, an audit line per file; how many.
pub async fn commit_zip(state: &AppState, by: Staff) -> AppResult<usize> {
    let mut tx = state.repo.begin_write().await?;
    let attached = state
        .repo
        .commit_staged(&mut tx, by.program_id, by.user_id)
        .await?
        .ok_or_else(nothing_waiting)?;
    for (applicant, name) in &attached {
        audit_upload(state, &mut tx, by, *applicant, name, true).await?;
    }
    tx.commit().await?;
    Ok(attached.len())
}

/// Forgets the program's waiting ZIP.
pub async fn discard_zip(state: &AppState, by: Staff) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let had = state.repo.discard_staged(&mut tx, by.program_id).await?;
    tx.commit().await?;
    had.then_some(()).ok_or_else(nothing_waiting)
}

/// An applicant's file in the program (the caller's right to it checked before).
pub async fn download(
    state: &AppState,
    program: ProgramId,
    applicant: ApplicantId,
) -> AppResult<Download> {
    state
        .repo
        .file_of(program, applicant)
        .await?
        .ok_or_else(|| {
            AppError::NotFound("No application file was uploaded for this applicant.".into())
        })
}

/// What interviewers see of an application beside the PDF: the import's summary lines and
/// whether a PDF is on file (the caller's right to it checked before).
pub async fn application(state: &AppState, applicant: ApplicantId) -> AppResult<Application> {
    let summary = state
        .repo
        .application_summary(applicant)
        .await?
        .and_then(|s| serde_json::from_str::<Vec<(String, String)>>(&s).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    let has_file = state.repo.file_info(applicant).await?.is_some();
    Ok(Application {
        applicant,
        summary,
        has_file,
    })
}
