//! The calendar routes: a person's private subscription feed (`/calendar/{token}`, the token is
//! the credential) and the same feed as a one-off download for the logged-in caller
//! (`/calendar.ics`). Both follow the published versions only.

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
