//! The Application files screen (`/applicants/files`), written on the server for one
//! [`crate::ui::ServerPanel`]: upload one applicant's PDF, upload a ZIP of them and see its
//! preview (matched, names not matched, not a PDF, too big, duplicates) before attaching it in
//! one go, and the files on record. The two upload forms post files (`multipart/form-data`) to
//! plain routes (`server/src/files.rs`): in place with script, as any panel form; without it the
//! route sends the browser back here, a refusal in the address as for any form posted so.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::domain::{megabytes, size_text},
    super::types::{file_url, FileInfo, ZipPreview},
    crate::ui::{html_of, message_line, refusal, upload_note, Field, Notice, NoticeKind, Table},
    leptos::server_fn::ServerFn,
};

/// Where one applicant's PDF is posted (`applicant_id` or `applicant`, and `file`).
pub const UPLOAD_PATH: &str = "/files/application";
/// Where a ZIP of PDFs is posted (`zip`) for its preview.
pub const ZIP_PATH: &str = "/files/applications";

/// How many of the latest files the screen lists.
#[cfg(feature = "ssr")]
const LISTED: i64 = 25;

/// Coordinators: the Application files screen.
#[server(output = crate::codec::Compact, endpoint = "application-files-page")]
pub async fn application_files_screen() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let preview = state.repo.staged_preview(staff.program_id).await?;
    let (files, count) = state.repo.recent_files(staff.program_id, LISTED).await?;
    let limit = megabytes(state.config.application_max_bytes);
    let zip_limit = megabytes(state.config.application_zip_max_bytes);
    Ok(html_of(view! {
        {done_notice()}
        <section class="files-section" aria-labelledby="upload-one">
            <h2 id="upload-one">"Upload one application"</h2>
            {upload_form(None, &limit)}
        </section>
        <section class="files-section" aria-labelledby="upload-zip">
            <h2 id="upload-zip">"Upload a ZIP of applications"</h2>
            <p class="muted">
                "Name each PDF by the applicant's application id or e-mail ("
                <code>"2027123456.pdf"</code> ", " <code>"ana@example.org.pdf"</code>
                "); folders inside the ZIP are ignored. You see what matched before anything is attached. "
                {format!("A ZIP of at most {zip_limit}; each PDF at most {limit}.")}
            </p>
            <form
                method="post"
                action=ZIP_PATH
                enctype="multipart/form-data"
                class="row-form files-form"
                data-done="Read: check what matched below, then attach it."
            >
                <Field
                    label="ZIP of PDFs"
                    name="zip"
                    kind="file"
                    accept=".zip,application/zip"
                    error=refusal()
                />
                <button class="btn btn-primary" type="submit">"Read the ZIP"</button>
                {upload_note("The ZIP is sent: matching its files to applicants…")}
                {message_line()}
            </form>
        </section>
        {preview.map(preview_view)}
        <section class="files-section" aria-labelledby="on-record">
            <h2 id="on-record">"Files on record"</h2>
            {on_record(files, count)}
        </section>
    }))
}

/// Coordinators: attaches the program's waiting ZIP (each file replacing the one before).
#[server(output = crate::codec::Compact, endpoint = "commit-application-files")]
pub async fn commit_application_files() -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::commit_zip(&state, staff).await.map(|_| ())
}

/// Coordinators: forgets the program's waiting ZIP.
#[server(output = crate::codec::Compact, endpoint = "discard-application-files")]
pub async fn discard_application_files() -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::discard_zip(&state, staff).await
}

/// The form that uploads one applicant's PDF: for the applicant named (their page), or for the
/// one typed (e-mail or application id). `limit` is the size limit as read ("10 MB").
#[cfg(feature = "ssr")]
pub fn upload_form(applicant: Option<crate::ids::ApplicantId>, limit: &str) -> impl IntoView {
    view! {
        <p class="muted">{format!("A PDF of at most {limit}; it replaces the one on record.")}</p>
        <form
            method="post"
            action=UPLOAD_PATH
            enctype="multipart/form-data"
            class=if applicant.is_some() { "row-form files-form" } else { "row-form" }
            data-done="Uploaded."
        >
            {match applicant {
                Some(id) => view! { <input type="hidden" name="applicant_id" value=id.to_string()/> }.into_any(),
                None => view! {
                    <Field
                        label="Applicant's e-mail or application id"
                        name="applicant"
                        error=refusal()
                    />
                }.into_any(),
            }}
            <Field
                label="Application (PDF)"
                name="file"
                kind="file"
                accept=".pdf,application/pdf"
                error=refusal()
            />
            <button class="btn btn-primary" type="submit">"Upload"</button>
            {upload_note("The PDF is sent: checking it…")}
            {message_line()}
        </form>
    }
}

/// What the upload route said it did, from the page's address (`?uploaded=…`, `?read=…`).
#[cfg(feature = "ssr")]
fn done_notice() -> Option<impl IntoView> {
    use axum::extract::Query;
    use std::collections::HashMap;
    let parts = use_context::<axum::http::request::Parts>()?;
    let Query(query) = Query::<HashMap<String, String>>::try_from_uri(&parts.uri).ok()?;
    let text = if let Some(name) = query.get("uploaded") {
        format!("Uploaded the application of {name}.")
    } else if query.contains_key("read") {
        "The ZIP was read: check what matched below, then attach it.".to_string()
    } else {
        return None;
    };
    Some(view! { <Notice kind=NoticeKind::Success>{text}</Notice> })
}

#[cfg(feature = "ssr")]
fn preview_view(p: ZipPreview) -> impl IntoView {
    use super::pages::{CommitApplicationFiles, DiscardApplicationFiles};
    let count = p.matched.len();
    let rows = p
        .matched
        .into_iter()
        .map(|m| {
            view! {
                <tr>
                    <td data-label="File">{m.entry}</td>
                    <td data-label="Applicant">{m.applicant_name}</td>
                    <td data-label="Size">{size_text(m.size)}</td>
                    <td data-label="On record">
                        {if m.replaces { "Replaces the file on record" } else { "New" }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let attach = match count {
        1 => "Attach 1 file".to_string(),
        n => format!("Attach {n} files"),
    };
    view! {
        <section class="files-section files-preview" aria-labelledby="zip-preview">
            <h2 id="zip-preview">"ZIP waiting to be attached"</h2>
            <p>{format!("{count} matched an applicant.")}</p>
            {(count > 0).then(|| view! {
                <Table columns=&["File", "Applicant", "Size", "On record"]>{rows}</Table>
            })}
            {skipped("Not matched to an applicant", "Rename them by application id or e-mail.", p.unmatched)}
            {skipped("Not a PDF", "They do not begin as a PDF does, whatever their names say.", p.not_pdf)}
            {skipped("Too big", "Over the size limit for one file.", p.too_big)}
            {skipped("A second file for the same applicant", "The first one is kept.", p.duplicates)}
            <div class="files-actions">
                {(count > 0).then(|| view! {
                    <form method="post" action=CommitApplicationFiles::PATH data-done="Attached.">
                        <button class="btn btn-primary" type="submit">{attach}</button>
                        {message_line()}
                    </form>
                })}
                <form method="post" action=DiscardApplicationFiles::PATH data-done="Discarded.">
                    <button class="btn" type="submit">"Discard this ZIP"</button>
                    {message_line()}
                </form>
            </div>
        </section>
    }
}

/// A list of a preview's entries left out, with why.
#[cfg(feature = "ssr")]
fn skipped(title: &'static str, why: &'static str, names: Vec<String>) -> Option<impl IntoView> {
    (!names.is_empty()).then(|| {
        view! {
            <div class="files-skipped">
                <h3>{format!("{title} ({})", names.len())}</h3>
                <p class="muted">{why}</p>
                <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

#[cfg(feature = "ssr")]
fn on_record(files: Vec<FileInfo>, count: i64) -> impl IntoView {
    if files.is_empty() {
        return view! { <p class="muted">"No application files yet."</p> }.into_any();
    }
    let shown = files.len() as i64;
    let rows = files
        .into_iter()
        .map(|f| {
            let when = when(f.uploaded_at);
            view! {
                <tr>
                    <td data-label="Applicant">{f.applicant_name}</td>
                    <td data-label="File">
                        <a href=file_url(f.applicant) download>{f.file_name}</a>
                    </td>
                    <td data-label="Size">{size_text(f.size)}</td>
                    <td data-label="Uploaded">
                        {format!("{when} by {}", f.uploaded_by.unwrap_or_else(|| "someone since removed".into()))}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>
            {match count {
                1 => "1 applicant has a file.".to_string(),
                n if n > shown => format!("{n} applicants have a file; the latest {shown}:"),
                n => format!("{n} applicants have a file."),
            }}
        </p>
        <Table columns=&["Applicant", "File", "Size", "Uploaded"]>{rows}</Table>
    }
    .into_any()
}

/// An application as its readers see it beside a score sheet: the summary lines an import kept
/// and a link to the PDF; nothing when there is neither.
#[cfg(feature = "ssr")]
pub fn application_view(a: &super::types::Application) -> Option<AnyView> {
    if a.summary.is_empty() && !a.has_file {
        return None;
    }
    let lines = (!a.summary.is_empty()).then(|| {
        let rows = a
            .summary
            .iter()
            .map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> })
            .collect_view();
        view! { <dl class="facts">{rows}</dl> }
    });
    let file = a.has_file.then(|| {
        view! {
            <p><a class="btn" href=file_url(a.applicant) download>"Application (PDF)"</a></p>
        }
    });
    Some(
        view! {
            <section class="application-summary" aria-label="Application">
                <h3>"Application"</h3>
                {lines}
                {file}
            </section>
        }
        .into_any(),
    )
}

/// The applicant page's section: their file (a link, its name, size and upload) and the form
/// that uploads or replaces it. The caller checked the applicant is of `by`'s program.
#[cfg(feature = "ssr")]
pub async fn applicant_section(
    state: &crate::server::AppState,
    applicant: crate::ids::ApplicantId,
) -> Result<AnyView, AppError> {
    let info = state.repo.file_info(applicant).await?;
    let limit = megabytes(state.config.application_max_bytes);
    let on_record = match info {
        Some(f) => view! {
            <p>
                <a class="btn" href=file_url(applicant) download>"Application (PDF)"</a>
                <span class="muted">
                    {format!(" {} · {} · uploaded {}", f.file_name, size_text(f.size), when(f.uploaded_at))}
                </span>
            </p>
        }
        .into_any(),
        None => view! { <p class="muted">"No application file yet."</p> }.into_any(),
    };
    Ok(view! {
        <section class="card" aria-labelledby="application-file">
            <h2 id="application-file">"Application (PDF)"</h2>
            {on_record}
            {upload_form(Some(applicant), &limit)}
        </section>
    }
    .into_any())
}

/// An upload's time as listed ("Dec 3, 2026 23:10 UTC").
#[cfg(feature = "ssr")]
fn when(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%b %-d, %Y %H:%M UTC").to_string())
        .unwrap_or_default()
}
