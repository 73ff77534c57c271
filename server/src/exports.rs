//! Files to download: the rank list as CSV (`/export/ranks.csv`, coordinators), written on the
//! server from the same ranks the page shows, and the rank list to print (`/print/ranks`).

use app::auth::ssr::Caller;
use app::scoring::types::RankView;
use app::server::AppState;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Coordinators: the rank list as a CSV file.
pub async fn ranks_csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(view): Query<RankView>,
) -> Response {
    let staff = match caller.coordinator() {
        Ok(s) => s,
        Err(e) => return error(e),
    };
    match app::scoring::ssr::ranks_csv(&state, staff, view).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"ranks.csv\"",
                ),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            body,
        )
            .into_response(),
        Err(e) => error(e),
    }
}

fn error(e: app::error::AppError) -> Response {
    (
        StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        e.to_string(),
    )
        .into_response()
}

/// Coordinators: the rank list as a page to print.
pub async fn print_ranks(
    State(state): State<AppState>,
    caller: Caller,
    Query(view): Query<RankView>,
) -> Response {
    let staff = match caller.coordinator() {
        Ok(s) => s,
        Err(e) => return crate::itinerary::html(Err(e)),
    };
    crate::itinerary::html(app::scoring::ssr::print_ranks(&state, staff, view).await)
}
