//! Application files over HTTP: one applicant's PDF uploaded (`POST /files/application`), a ZIP
//! of them read into a preview (`POST /files/applications`), both `multipart/form-data` with a
//! body limit of their own (the rest of the portal keeps `MAX_BODY_BYTES`), and a PDF served as
//! a download to whoever may read it (`GET /files/application/{applicant}`).
//!
//! A browser's form post (it asks for HTML) is sent back to the page it came from, with what
//! was done (`?uploaded=…`, `?read=1`) or the refusal in the address as Leptos does for a
//! server function (`__path`, `__err`), so the page writes it under its field; anyone else gets
//! the status and the error (JSON, or the portal's compact wire).

use app::applicants::files::pages::{UPLOAD_PATH, ZIP_PATH};
use app::applicants::files::ssr::{self as files, Target};
use app::auth::ssr::Caller;
use app::error::AppError;
use app::ids::ApplicantId;
use app::server::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, MethodRouter};
use leptos::server_fn::error::ServerFnUrlError;

/// The paths (the form's actions are written with the same constants).
pub const UPLOAD_ONE: &str = UPLOAD_PATH;
pub const UPLOAD_ZIP: &str = ZIP_PATH;
pub const DOWNLOAD: &str = "/files/application/{applicant}";

/// The upload routes. Their bodies are limited by path in `crate::body_limit` (the settings'
/// limits); axum's own default limit for a multipart body (2 MB) is lifted for them.
pub fn upload_one_route() -> MethodRouter<AppState> {
    post(upload_one).layer(DefaultBodyLimit::disable())
}

pub fn upload_zip_route() -> MethodRouter<AppState> {
    post(upload_zip).layer(DefaultBodyLimit::disable())
}

/// A multipart form read whole: its text fields and its files (name, content).
#[derive(Default)]
struct Form {
    fields: Vec<(String, String)>,
    files: Vec<(String, String, Vec<u8>)>,
}

impl Form {
    fn text(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The file sent in `name` (a file input left empty sends a part with no name and no bytes).
    fn file(&self, name: &str) -> Option<(&str, &[u8])> {
        self.files
            .iter()
            .find(|(n, f, c)| n == name && !(f.is_empty() && c.is_empty()))
            .map(|(_, f, c)| (f.as_str(), c.as_slice()))
    }
}

async fn read_form(mut multipart: Multipart, limit: u64) -> Result<Form, AppError> {
    let too_big = || {
        AppError::TooLarge(format!(
            "That file is more than the portal accepts ({}).",
            app::applicants::files::domain::megabytes(limit)
        ))
    };
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_big()
        } else {
            AppError::BadRequest("The upload could not be read: choose the file again.".into())
        }
    };
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(unreadable)?;
                form.files.push((name, file_name, bytes.to_vec()));
            }
            None => {
                let text = field.text().await.map_err(unreadable)?;
                form.fields.push((name, text));
            }
        }
    }
    Ok(form)
}

/// A coordinator's upload form, read within its limit (a ZIP's or one PDF's).
async fn coordinator_form(
    caller: &Caller,
    multipart: Multipart,
    state: &AppState,
    zip: bool,
) -> Result<(app::auth::ssr::Staff, Form), AppError> {
    let staff = caller.coordinator()?;
    let limit = if zip {
        state.config.application_zip_max_bytes
    } else {
        state.config.application_max_bytes
    };
    Ok((staff, read_form(multipart, limit).await?))
}

/// Coordinators: uploads (or replaces) one applicant's application PDF.
pub async fn upload_one(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let done = async {
        let (staff, form) = coordinator_form(&caller, multipart, &state, false).await?;
        let target = match form.text("applicant_id") {
            Some(id) => Target::Id(ApplicantId(id.trim().parse().map_err(|_| {
                AppError::BadRequest("The applicant could not be read.".into())
            })?)),
            None => Target::Typed(form.text("applicant").unwrap_or_default().to_string()),
        };
        let (name, content) = form
            .file("file")
            .ok_or_else(|| AppError::invalid("file", "Choose a PDF file to upload."))?;
        files::upload_one(&state, staff, target, name, content).await
    }
    .await;
    answer(&headers, UPLOAD_PATH, done.map(|name| ("uploaded", name)))
}

/// Coordinators: reads a ZIP of PDFs into the program's preview.
pub async fn upload_zip(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let done = async {
        let (staff, form) = coordinator_form(&caller, multipart, &state, true).await?;
        let (_, zip) = form
            .file("zip")
            .ok_or_else(|| AppError::invalid("zip", "Choose a ZIP file of PDFs."))?;
        files::stage_zip(&state, staff, zip).await
    }
    .await;
    answer(&headers, ZIP_PATH, done.map(|_| ("read", "1".to_string())))
}

/// The answer to an upload: a browser back to its page; anyone else the status.
fn answer(headers: &HeaderMap, path: &str, done: Result<(&str, String), AppError>) -> Response {
    let html = headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if !html {
        return match done {
            Ok(_) => StatusCode::OK.into_response(),
            Err(e) => error(headers, &e),
        };
    }
    let back = back_to(headers);
    let to = match done {
        Ok((key, value)) => {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair(key, &value)
                .finish();
            format!("{back}?{query}")
        }
        Err(e) => match ServerFnUrlError::new(path, e).to_url(&format!("http://portal{back}")) {
            Ok(url) => format!("{}?{}", url.path(), url.query().unwrap_or_default()),
            Err(_) => back,
        },
    };
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// The page a form was posted from (its path only, on this site), else the files page.
fn back_to(headers: &HeaderMap) -> String {
    headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| {
            let rest = r.split_once("://").map_or(r, |(_, rest)| rest);
            let path = &rest[rest.find('/')?..];
            let path = path.split(['?', '#']).next().unwrap_or(path);
            (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
        })
        .unwrap_or_else(|| "/applicants/files".to_string())
}

fn error(headers: &HeaderMap, e: &AppError) -> Response {
    crate::error_answer(e, app::codec::asks_compact(headers.get(header::ACCEPT)))
}

/// The application PDF as a download, to the program's coordinators and the applicant's
/// interviewers (`app::scoring::ssr::application_file`).
pub async fn download(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(applicant): Path<i64>,
) -> Response {
    let file = match caller.staff() {
        Ok(staff) => {
            app::scoring::ssr::application_file(&state, staff, ApplicantId(applicant)).await
        }
        Err(e) => Err(e),
    };
    match file {
        Ok(f) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}\"",
                        app::applicants::files::domain::stored_name(&f.file_name)
                    ),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            f.content,
        )
            .into_response(),
        Err(e) => error(&headers, &e),
    }
}
