//! The staff CSV import's screen written on the server as HTML for a
//! [`crate::ui::ServerPanel`]: the upload form, the preview (rows to add, already members,
//! invalid rows with their line and reason), or what was imported; beside its server function.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::import::{
        ConfirmStaffImport, DiscardStaffImport, StaffImportState, StaffPreview, UploadStaff,
    },
    crate::ui::{html_of, message_line, refusal, Field, Notice, NoticeKind, Table},
    crate::upload::FILE_FIELD,
    leptos::server_fn::ServerFn,
};

/// Coordinators: the staff import screen (the form, the preview, or what was imported).
#[server(output = crate::codec::Compact, endpoint = "import-staff-page")]
pub async fn import_staff_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    Ok(import_html(super::import::screen(&state, staff).await?))
}

/// The import screen: the upload form, the preview with its confirm, or what was imported.
#[cfg(feature = "ssr")]
fn import_html(screen: StaffImportState) -> String {
    match screen {
        StaffImportState::Empty => html_of(upload_form()),
        StaffImportState::Imported { file_name, outcome } => html_of(view! {
            <Notice kind=NoticeKind::Success>
                <p>{outcome}</p>
                <p><a href="/staff">"See the staff list"</a></p>
            </Notice>
            <h2 class="import-next">"Import another file"</h2>
            <p class="muted small">{format!("The last file was {file_name}.")}</p>
            {upload_form()}
        }),
        StaffImportState::Waiting(p) => html_of(import_preview(p)),
    }
}

#[cfg(feature = "ssr")]
fn upload_form() -> impl IntoView {
    view! {
        <form
            method="post"
            action=UploadStaff::PATH
            enctype="multipart/form-data"
            class="import-form"
            novalidate
        >
            <Field
                label="CSV file"
                name=FILE_FIELD
                kind="file"
                accept=".csv,.tsv,.txt,text/csv,text/plain"
                hint="A header line naming the columns Name, Email and Role (director, manager, coordinator or interviewer), one person a row. Comma, semicolon or tab separated; UTF-8 or Latin-1."
                error=refusal()
            />
            <button class="btn btn-primary" type="submit">"Preview the import"</button>
            <p class="busy-note" aria-live="polite">"Reading the file and checking every row…"</p>
            {message_line()}
        </form>
    }
}

#[cfg(feature = "ssr")]
fn import_preview(p: StaffPreview) -> impl IntoView {
    let f = p.file;
    let (add, already) = super::csv::split_members(&f, &p.members);
    let own = |rows: Vec<&super::csv::StaffRow>| rows.into_iter().cloned().collect::<Vec<_>>();
    let (add, already) = (own(add), own(already));
    let (n_add, n_already, n_invalid) = (add.len(), already.len(), f.invalid.len());
    let separator = match f.separator {
        b';' => "semicolons",
        b'\t' => "tabs",
        _ => "commas",
    };
    let read = format!(
        "{} rows read, separated by {separator}. Columns: {}.",
        f.valid.len() + n_invalid,
        f.columns.join(", ")
    );
    let note = f.encoding.note();
    let person_rows = |rows: Vec<super::csv::StaffRow>| {
        rows.into_iter()
            .map(|r| {
                view! {
                    <tr>
                        <td data-label="Line">{r.line}</td>
                        <td data-label="Name">{r.name}</td>
                        <td data-label="Email">{r.email}</td>
                        <td data-label="Role">{r.role.label()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let confirm = if n_add == 0 {
        view! {
            <Notice kind=NoticeKind::Error>
                "Nothing to import: every row is invalid or already a member. Correct the file and upload it again."
            </Notice>
        }
        .into_any()
    } else {
        let label = match n_add {
            1 => "Add 1 staff member".to_string(),
            n => format!("Add {n} staff members"),
        };
        view! {
            <form method="post" action=ConfirmStaffImport::PATH class="import-confirm" data-done-answer>
                <input type="hidden" name="token" value=p.token.clone()/>
                <p class="muted small">"All of them are added in one go, or none if anything fails. Each gets an email with a link to set their password."</p>
                <button class="btn btn-primary" type="submit">{label}</button>
                {message_line()}
            </form>
        }
        .into_any()
    };
    let invalid = (n_invalid > 0).then(|| {
        let rows = f
            .invalid
            .into_iter()
            .map(|(line, reason)| {
                view! {
                    <tr>
                        <td data-label="Line">{line}</td>
                        <td data-label="Reason">{reason}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3 id="import-invalid">{format!("Invalid rows, left out ({n_invalid})")}</h3>
            <Table columns=&["Line", "Reason"]>{rows}</Table>
        }
    });
    let to_add = (n_add > 0).then(|| {
        view! {
            <h3 id="import-add">{format!("To add ({n_add})")}</h3>
            <Table columns=&["Line", "Name", "Email", "Role"]>{person_rows(add)}</Table>
        }
    });
    let members = (n_already > 0).then(|| {
        view! {
            <h3 id="import-members">{format!("Already members, left as they are ({n_already})")}</h3>
            <Table columns=&["Line", "Name", "Email", "Role"]>{person_rows(already)}</Table>
        }
    });
    view! {
        <h2 id="import-preview">{format!("Preview of {}", p.file_name)}</h2>
        {note.map(|n| view! { <Notice kind=NoticeKind::Info>{n}</Notice> })}
        <p class="muted small">{read}</p>
        <ul class="import-counts">
            <li><strong>{n_add}</strong>" to add"</li>
            <li><strong>{n_already}</strong>" already members (left as they are)"</li>
            <li><strong>{n_invalid}</strong>" invalid (left out)"</li>
        </ul>
        {confirm}
        <form method="post" action=DiscardStaffImport::PATH class="import-discard">
            <input type="hidden" name="token" value=p.token.clone()/>
            <button class="btn btn-outline" type="submit">"Discard this file"</button>
            {message_line()}
        </form>
        {invalid}
        {to_add}
        {members}
    }
}
