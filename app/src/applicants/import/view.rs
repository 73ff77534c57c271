//! The import screen's HTML, written on the server: the upload form (a file posted as
//! multipart, busy while it is read), the preview (counts, the confirm with the invited option,
//! the rows left out with their line and reason, the rows to add and to update), and what the
//! last import did.

use super::api::{ConfirmImport, DiscardImport, UploadImport};
use super::rows::{plan, ImportRow};
use super::ssr::{ImportState, Preview};
use crate::ui::{
    html_of, message_line, refusal, upload_note, CheckField, Field, Notice, NoticeKind, Table,
};
use crate::upload::FILE_FIELD;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Rows of the add and update lists shown; the rest are counted.
const SHOWN: usize = 100;

pub fn html(screen: ImportState) -> String {
    match screen {
        ImportState::Empty => html_of(upload_form()),
        ImportState::Imported { file_name, outcome } => html_of(view! {
            <Notice kind=NoticeKind::Success>
                <p>{outcome}</p>
                <p><a href="/applicants">"See the applicants"</a></p>
            </Notice>
            <h2 class="import-next">"Import another file"</h2>
            <p class="muted small">{format!("The last file was {file_name}.")}</p>
            {upload_form()}
        }),
        ImportState::Waiting(p) => html_of(preview(p)),
    }
}

fn upload_form() -> impl IntoView {
    view! {
        <form
            method="post"
            action=UploadImport::PATH
            enctype="multipart/form-data"
            class="import-form"
            novalidate
        >
            <Field
                label="CSV file"
                name=FILE_FIELD
                kind="file"
                accept=".csv,.tsv,.txt,text/csv,text/plain"
                hint="A header line naming the columns: Email, First Name and Last Name (or Name); optional AAMC/ERAS or CAS ID, NRMP ID, Track, Phone. Every other column is kept as the application summary interviewers see. Comma, semicolon or tab separated; UTF-8 or Latin-1."
                error=refusal()
            />
            <button class="btn btn-primary" type="submit">"Preview the import"</button>
            {upload_note("The file is sent: reading it and checking every row…")}
            {message_line()}
        </form>
    }
}

fn preview(p: Preview) -> impl IntoView {
    let plan = plan(&p.checked, &p.existing);
    let c = &p.checked;
    let rows = c.valid.len() + c.duplicates.len() + c.invalid.len();
    let to_import = plan.add.len() + plan.update.len();
    let separator = match c.separator {
        b';' => "semicolons",
        b'\t' => "tabs",
        _ => "commas",
    };
    let note = c.encoding.note();
    let counts = view! {
        <ul class="import-counts">
            <li><strong>{plan.add.len()}</strong>" to add"</li>
            <li><strong>{plan.update.len()}</strong>" update an applicant already in the program (same e-mail)"</li>
            <li><strong>{c.duplicates.len()}</strong>" repeat an e-mail of an earlier row (left out)"</li>
            <li><strong>{c.invalid.len()}</strong>" invalid (left out)"</li>
        </ul>
    };
    let read = format!(
        "{rows} rows read, separated by {separator}. Columns: {}.",
        c.columns.join(", ")
    );
    let add = row_table("To add", "import-add", &plan.add);
    let update = row_table("To update", "import-update", &plan.update);
    view! {
        <h2 id="import-preview">{format!("Preview of {}", p.file_name)}</h2>
        {note.map(|n| view! { <Notice kind=NoticeKind::Info>{n}</Notice> })}
        <p class="muted small">{read}</p>
        {counts}
        {confirm(&p.token, to_import)}
        <form method="post" action=DiscardImport::PATH class="import-discard">
            <input type="hidden" name="token" value=p.token.clone()/>
            <button class="btn btn-outline" type="submit">"Discard this file"</button>
            {message_line()}
        </form>
        {left_out(c)}
        {add}
        {update}
    }
}

/// The confirm: the number it imports on its button, the invited option, a busy line.
fn confirm(token: &str, to_import: usize) -> impl IntoView {
    if to_import == 0 {
        return view! {
            <Notice kind=NoticeKind::Error>
                "Nothing to import: every row is invalid or repeated. Correct the file and upload it again."
            </Notice>
        }
        .into_any();
    }
    let label = match to_import {
        1 => "Import 1 applicant".to_string(),
        n => format!("Import {n} applicants"),
    };
    view! {
        <form method="post" action=ConfirmImport::PATH class="import-confirm">
            <input type="hidden" name="token" value=token.to_string()/>
            <CheckField
                label="Mark the imported applicants Invited & Ready for Scheduling"
                name="invited"
                checked=false
            />
            <button class="btn btn-primary" type="submit">{label}</button>
            <div class="busy-note">
                <progress aria-labelledby="import-writing"></progress>
                <p id="import-writing" aria-live="polite">
                    {format!("Importing {to_import} rows in one go…")}
                </p>
            </div>
            {message_line()}
        </form>
    }
    .into_any()
}

/// Invalid rows and duplicates, each with its line.
fn left_out(c: &super::rows::Checked) -> impl IntoView {
    let invalid = (!c.invalid.is_empty()).then(|| {
        let rows = c
            .invalid
            .iter()
            .map(|i| {
                view! {
                    <tr>
                        <td data-label="Line">{i.line}</td>
                        <td data-label="Reason">{i.reason.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3 id="import-invalid">"Invalid rows (left out)"</h3>
            <Table columns=&["Line", "Reason"]>{rows}</Table>
        }
    });
    let duplicates = (!c.duplicates.is_empty()).then(|| {
        let rows = c
            .duplicates
            .iter()
            .map(|d| {
                view! {
                    <tr>
                        <td data-label="Line">{d.line}</td>
                        <td data-label="E-mail">{d.email.clone()}</td>
                        <td data-label="First on line">{d.first_line}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3 id="import-duplicates">"Duplicates in the file (left out)"</h3>
            <Table columns=&["Line", "E-mail", "First on line"]>{rows}</Table>
        }
    });
    view! {
        {invalid}
        {duplicates}
    }
}

/// The rows to add (or update): the first [`SHOWN`], then how many more.
fn row_table(title: &'static str, id: &'static str, rows: &[&ImportRow]) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    let more = rows.len().saturating_sub(SHOWN);
    let shown = rows
        .iter()
        .take(SHOWN)
        .map(|r| {
            let ids = [r.application_id.as_deref(), r.nrmp_id.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <tr>
                    <td data-label="Line">{r.line}</td>
                    <td data-label="Name">{r.name.clone()}</td>
                    <td data-label="E-mail">{r.email.clone()}</td>
                    <td data-label="IDs">{ids}</td>
                    <td data-label="Track">{r.track.clone().unwrap_or_default()}</td>
                    <td data-label="Summary">{summary_of(r)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 id=id>{format!("{title} ({})", rows.len())}</h3>
        <Table columns=&["Line", "Name", "E-mail", "IDs", "Track", "Summary"]>{shown}</Table>
        {(more > 0).then(|| view! { <p class="muted small">{format!("… and {more} more.")}</p> })}
    }
    .into_any()
}

/// The summary's columns of a row, by name (the first three, then how many more).
fn summary_of(r: &ImportRow) -> String {
    let names: Vec<&str> = r.summary.iter().map(|(c, _)| c.as_str()).collect();
    match names.len() {
        0 => "—".into(),
        1..=3 => names.join(", "),
        n => format!("{} and {} more", names[..3].join(", "), n - 3),
    }
}
