//! Request bodies before any handler: each path's size limit (an upload's own, from the
//! settings; else [`MAX_BODY_BYTES`]), and the uploads that take multipart only.

use crate::{error_answer, files};
use app::server::{AppState, Config};
use axum::extract::State;

/// The largest request body the portal reads; larger ones are refused with 413 before any
/// server function sees them (the largest real form is a few kilobytes).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The largest body a path takes: an upload's own limit (a setting, plus room for the form's
/// multipart framing), else [`MAX_BODY_BYTES`].
pub fn body_limit(path: &str, config: &Config) -> usize {
    const FRAMING: usize = 64 * 1024;
    match path {
        IMPORT_UPLOAD | STAFF_UPLOAD | MATCH_UPLOAD => {
            config.import_max_bytes.saturating_add(FRAMING)
        }
        files::UPLOAD_ONE => (config.application_max_bytes as usize).saturating_add(FRAMING),
        files::UPLOAD_ZIP => (config.application_zip_max_bytes as usize).saturating_add(FRAMING),
        _ => MAX_BODY_BYTES,
    }
}

/// The server functions that take a file (multipart): any other body is refused with 400 before
/// them, since the server functions' multipart reader cannot answer one (it panics).
const MULTIPART_ONLY: &[&str] = &[IMPORT_UPLOAD, STAFF_UPLOAD, MATCH_UPLOAD];
const IMPORT_UPLOAD: &str = "/api/import-applicants-upload";
const STAFF_UPLOAD: &str = "/api/import-staff-upload";
const MATCH_UPLOAD: &str = "/api/mark-matched-file";

/// Is the body multipart with a boundary?
fn multipart(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.to_ascii_lowercase().starts_with("multipart/form-data")
                && t.split_once("boundary=")
                    .is_some_and(|(_, b)| !b.trim_matches('"').is_empty())
        })
}

/// Refuses a body over its path's [`body_limit`] with 413 and a message before any handler runs
/// (a declared length at once; a longer stream fails when it is read past the limit).
pub(crate) async fn limit_body(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::header::{ACCEPT, CONTENT_LENGTH};
    let path = req.uri().path();
    let compact = app::codec::asks_compact(req.headers().get(ACCEPT));
    if MULTIPART_ONLY.contains(&path) && !multipart(req.headers()) {
        let err = app::error::AppError::BadRequest(
            "Send the file with the form: this call takes a file upload (multipart/form-data)."
                .into(),
        );
        return error_answer(&err, compact);
    }
    let limit = body_limit(path, &state.config);
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        let err = app::error::AppError::TooLarge(format!(
            "That is more than the portal accepts at once ({} KB).",
            limit / 1024
        ));
        return error_answer(&err, compact);
    }
    next.run(req.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit))))
        .await
}
