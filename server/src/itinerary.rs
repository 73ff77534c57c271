//! The itinerary routes outside the app's pages: a person's private calendar feed
//! (`/calendar/{token}`, the token is the credential), the same feed as a one-off download
//! (`/calendar.ics`), and the printable pages (`/print/…`, plain HTML written on the server).
//! All follow the published versions only.

use app::auth::ssr::Caller;
use app::server::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const ICS: &str = "text/calendar; charset=utf-8";

/// The feed of a subscription token; an unknown or revoked token answers 404 (as any missing
/// page: a guess learns nothing).
pub async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match app::itinerary::ssr::feed_by_token(&state, &token).await {
        Ok(Some(body)) => (
            [
                (header::CONTENT_TYPE, ICS),
                (header::CACHE_CONTROL, "private, no-cache"),
            ],
            body,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "No such calendar.").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The caller's feed as a file to import once.
pub async fn download(State(state): State<AppState>, caller: Caller) -> Response {
    match app::itinerary::ssr::feed(&state, caller.user_id, &caller.email).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, ICS),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"interviews.ics\"",
                ),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar download");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `?version=N` of a printable day (absent: the version that is out).
#[derive(serde::Deserialize)]
pub struct VersionQuery {
    version: Option<app::ids::ItineraryVersion>,
}

pub(crate) fn html(result: app::error::AppResult<String>) -> Response {
    match result {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            body,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            e.to_string(),
        )
            .into_response(),
    }
}

/// Coordinators: a published day's printable sheet (the grid, each room, each applicant).
pub async fn print_day(
    State(state): State<AppState>,
    caller: Caller,
    Path(session): Path<app::ids::SessionId>,
    axum::extract::Query(q): axum::extract::Query<VersionQuery>,
) -> Response {
    let staff = match caller.coordinator() {
        Ok(s) => s,
        Err(e) => return html(Err(e)),
    };
    html(app::itinerary::ssr::print_day(&state, staff, session, q.version).await)
}

/// Staff: their own interview days, printable.
pub async fn print_my_day(State(state): State<AppState>, caller: Caller) -> Response {
    if let Err(e) = caller.staff() {
        return html(Err(e));
    }
    html(app::itinerary::ssr::print_my_days(&state, caller.user_id, &caller.name).await)
}
