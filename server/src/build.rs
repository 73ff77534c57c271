//! A tab of another build is told the portal was updated (`app::ui::build`): a server function
//! call carrying another build's id gets [`AppError::Updated`] (412), a push stream asked for
//! with one gets a single `updated` event, and the tab reloads itself. A request without an id
//! (a form posted without script, a script) is served as ever, and so is every request when
//! the server has no id (no hash file).

use app::error::{AppError, UPDATED};
use app::server::AppState;
use app::ui::build;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The middleware: answers a request from another build, passes every other one on.
pub async fn refuse_other_builds(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let ours = build::id(&state.leptos_options);
    let theirs = if req.uri().path() == "/events" {
        stream_build(req.uri().query().unwrap_or_default())
    } else {
        req.headers()
            .get(build::HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    match theirs {
        Some(theirs) if !ours.is_empty() && !theirs.is_empty() && *theirs != *ours => {
            if req.uri().path() == "/events" {
                updated_stream()
            } else {
                let compact = app::codec::asks_compact(req.headers().get(header::ACCEPT));
                crate::error_answer(&AppError::Updated(UPDATED.into()), compact)
            }
        }
        _ => next.run(req).await,
    }
}

/// The build a push stream's address names (`?portal-build=…`).
fn stream_build(query: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == build::META)
        .map(|(_, value)| value.to_owned())
}

/// The answer to a push stream from another build: one `updated` event, and the stream ends
/// (an `EventSource` reads events, not statuses).
fn updated_stream() -> Response {
    let body = format!("event: updated\ndata: {UPDATED}\n\n");
    let mut res = (StatusCode::OK, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    res
}
